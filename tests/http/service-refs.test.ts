// Issue 15, item 3: which service a visitor chose stays out of URLs. Links and the directory's filter name a
// service by a random reference that no public answer ties to it; the API keeps listing services by id; a
// page still opens from an older link that carries an id.
import { describe, expect, test } from 'vitest';
import { useBookingApp } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { decodeHtml } from '../support/html.ts';
import { FRONT_DOOR_PAGES } from '../support/pages.ts';

/** Every service=… an HTML page puts in a link or a GET form's option. */
const serviceParams = (html: string) => [
  ...[...html.matchAll(/href="([^"]*)"/g)].flatMap((m) => {
    const url = new URL(decodeHtml(m[1]!), 'http://x');
    return url.searchParams.getAll('service');
  }),
  ...[...html.matchAll(/<select[^>]*name="service"[^>]*>([\s\S]*?)<\/select>/g)].flatMap((m) =>
    [...m[1]!.matchAll(/value="([^"]*)"/g)].map((v) => v[1]!).filter(Boolean),
  ),
];

describe.each(DIALECTS)('services in URLs on %s', (dialect) => {
  const { t, ids } = useBookingApp(dialect);
  const services = async () => t.deps.repos.services.listAll();

  test('links name a service by its reference, never by its id, on every page that links into booking', async () => {
    const all = await services();
    const serviceIds = all.map((s) => s.id);
    const refs = all.map((s) => s.ref!);
    expect(new Set(refs).size).toBe(all.length);
    for (const r of refs) expect(r).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const couples = all.find((s) => s.slug === 'couples-counselling')!;
    const pages = [
      ...FRONT_DOOR_PAGES,
      '/therapists',
      '/therapists/amara-okafor',
      '/book',
      `/book?service=${couples.ref}`,
      `/book?service=${couples.ref}&therapist=${ids.therapist('amara-okafor')}`,
      `/therapists?service=${couples.ref}`,
    ];
    let seen = 0;
    for (const path of pages) {
      const res = await t.request(path);
      expect(res.status, path).toBe(200);
      const found = serviceParams(await res.text());
      for (const v of found) {
        expect(serviceIds, `${path} links with a service id`).not.toContain(v);
        expect(refs, `${path}: ${v}`).toContain(v);
      }
      seen += found.length;
    }
    expect(seen).toBeGreaterThan(10);
  });

  test('the public API never gives a reference, so a URL cannot be looked up there', async () => {
    const refs = (await services()).map((s) => s.ref!);
    for (const path of ['/api/v1/services', '/api/v1/therapists', '/api/v1/openapi.json']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      for (const r of refs) expect(body, path).not.toContain(r);
    }
  });

  test('an older link with an id still opens the booking flow and the filter, then speaks in references', async () => {
    const couples = (await services()).find((s) => s.slug === 'couples-counselling')!;
    const book = await (await t.request(`/book?service=${couples.id}`)).text();
    expect(book).toContain('Couples counselling');
    expect(serviceParams(book)).not.toContain(couples.id);
    const byId = await (await t.request(`/therapists?service=${couples.id}`)).text();
    const byRef = await (await t.request(`/therapists?service=${couples.ref}`)).text();
    const listed = (html: string) => [...html.matchAll(/href="\/therapists\/([a-z-]+)"/g)].map((m) => m[1]);
    expect(listed(byId)).toEqual(listed(byRef));
    expect(byId).toMatch(new RegExp(`<option value="${couples.ref}" selected`));
    // A reference that names nothing lists nobody (as an unknown id always did).
    expect(listed(await (await t.request('/therapists?service=AAAAAAAAAAAAAAAA')).text())).toEqual([]);
  });
});
