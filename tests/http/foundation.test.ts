import { describe, expect, test } from 'vitest';
import { DEMO_THERAPISTS } from '../../src/db/demo-data.ts';
import { CONCERNS } from '../../src/domain/types.ts';
import { ADMIN, useTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';

type TherapistJson = { id: string; slug: string; name: string; concerns: string[]; languages: string[]; formats: string[]; services: string[] };

describe.each(DIALECTS)('foundation on %s', (dialect) => {
  const t = useTestApp(dialect);

  test('GET /healthz answers 200 with JSON when the database answers', async () => {
    const res = await t.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: dialect });
  });

  test('the demo practice: services include a free 20-minute consultation and 50-minute sessions, window 180 days', async () => {
    const { services } = (await (await t.request('/api/v1/services')).json()) as {
      services: { slug: string; durationMinutes: number; priceMinor: number; currency: string; bookingWindowDays: number }[];
    };
    const consult = services.find((s) => s.slug === 'initial-consultation');
    expect(consult).toMatchObject({ durationMinutes: 20, priceMinor: 0, currency: 'GBP', bookingWindowDays: 180 });
    for (const slug of ['couples-counselling', 'individual-therapy', 'psychosexual-therapy']) {
      const s = services.find((x) => x.slug === slug);
      expect(s?.durationMinutes).toBe(50);
      expect(s?.priceMinor).toBeGreaterThan(0);
    }
  });

  test('the concern taxonomy is served as the contract says', async () => {
    const body = (await (await t.request('/api/v1/concerns')).json()) as { concerns: { id: string; name: string }[] };
    expect(body.concerns).toEqual(CONCERNS.map((c) => ({ id: c.id, name: c.name })));
    expect(body.concerns.length).toBeGreaterThanOrEqual(10);
  });

  test('demo therapists differ in concerns, languages, formats, genders, fees and hours', async () => {
    const { therapists } = (await (await t.request('/api/v1/therapists')).json()) as { therapists: (TherapistJson & { gender: string; feeMinor: number })[] };
    expect(therapists.length).toBeGreaterThanOrEqual(8);
    const languages = new Set(therapists.flatMap((x) => x.languages));
    expect(languages.size).toBeGreaterThanOrEqual(3);
    expect([...languages].some((l) => l !== 'en')).toBe(true);
    expect(new Set(therapists.flatMap((x) => x.formats))).toEqual(new Set(['online', 'in_person']));
    expect(therapists.some((x) => x.formats.length === 1 && x.formats[0] === 'online')).toBe(true);
    expect(therapists.some((x) => x.formats.length === 1 && x.formats[0] === 'in_person')).toBe(true);
    expect(new Set(therapists.map((x) => x.gender)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(therapists.map((x) => x.feeMinor)).size).toBeGreaterThanOrEqual(5);
    // Every concern has someone, so every filter and match has something to show.
    for (const c of CONCERNS) expect(therapists.some((x) => x.concerns.includes(c.id))).toBe(true);
    // Hours: evenings and Saturdays exist in the stored weekly hours.
    const rows = await t.deps.database.db.selectFrom('weekly_hours').selectAll().execute();
    expect(rows.some((r) => r.end_time > '19:00')).toBe(true);
    expect(rows.some((r) => r.weekday === 6)).toBe(true);
    expect(new Set(rows.map((r) => r.therapist_id)).size).toBe(therapists.length);
  });

  test('each filter returns exactly the therapists that meet it', async () => {
    const { services } = (await (await t.request('/api/v1/services')).json()) as { services: { id: string; slug: string }[] };
    const { therapists: all } = (await (await t.request('/api/v1/therapists')).json()) as { therapists: TherapistJson[] };
    const psychosexual = services.find((s) => s.slug === 'psychosexual-therapy')!.id;
    const cases: [string, (x: TherapistJson) => boolean][] = [
      ['concern=trust-issues', (x) => x.concerns.includes('trust-issues')],
      ['language=pl', (x) => x.languages.includes('pl')],
      ['format=in_person', (x) => x.formats.includes('in_person')],
      ['format=online', (x) => x.formats.includes('online')],
      [`service=${psychosexual}`, (x) => x.services.includes(psychosexual)],
      [
        `concern=sexual-intimacy&language=pl&format=online&service=${psychosexual}`,
        (x) => x.concerns.includes('sexual-intimacy') && x.languages.includes('pl') && x.formats.includes('online') && x.services.includes(psychosexual),
      ],
      ['language=zz', () => false],
    ];
    for (const [query, predicate] of cases) {
      const res = await t.request(`/api/v1/therapists?${query}`);
      expect(res.status, query).toBe(200);
      const { therapists } = (await res.json()) as { therapists: TherapistJson[] };
      expect(therapists.map((x) => x.slug).sort(), query).toEqual(
        all
          .filter(predicate)
          .map((x) => x.slug)
          .sort(),
      );
    }
    expect(all.filter((x) => x.languages.includes('pl')).length).toBeGreaterThanOrEqual(2);
  });

  test('bad filters are a 422 application/problem+json with field errors, never a stack trace', async () => {
    const res = await t.request('/api/v1/therapists?format=telepathy&language=English&concern=nope');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as { status: number; code: string; errors: { pointer: string; in: string }[] };
    expect(body.status).toBe(422);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.pointer).sort()).toEqual(['/concern', '/format', '/language']);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  test('the OpenAPI document is generated from the schemas and lists the endpoints', async () => {
    const doc = (await (await t.request('/api/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/services', '/concerns', '/therapists']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Therapist', 'Service', 'Problem']));
  });

  test('unknown API paths are problem+json 404; unknown pages are the 404 page in the shell', async () => {
    const api = await t.request('/api/v1/nothing-here');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
    const page = await t.request('/no-such-page');
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/We can(&#39;|')t find that page/);
    expect(html).toContain('href="tel:');
    expect(html).toContain('Samaritans');
  });

  test('the shell: practice name, Call us (tel:), Book now, navigation, urgent help, privacy link, skip link', async () => {
    const html = await (await t.request('/therapists')).text();
    expect(html).toContain('Closer Relationship Counselling');
    // Issue 11: a slimmer header: "Call us 020…" and "Book now" on a wide screen, "Call" and "Book" on a phone.
    expect(html).toMatch(/<a[^>]+href="tel:02079460321"[^>]*><span class="only-wide">Call us/);
    expect(html).toMatch(/<a[^>]+href="\/book"[^>]*>Book<span class="only-wide">\u00a0now<\/span><\/a>/);
    expect(html).toContain('<nav class="site-nav" aria-label="Main">');
    expect(html).toContain('href="/privacy"');
    expect(html).toContain('class="skip-link" href="#main"');
    for (const n of ['999', '111', '116 123', '85258']) expect(html).toContain(n);
    expect(html).toContain('Closer Relationship Counselling is not an emergency service.');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
  });

  test('/therapists lists every therapist from the database, and its filters are a plain GET form', async () => {
    const { therapists } = (await (await t.request('/api/v1/therapists')).json()) as { therapists: TherapistJson[] };
    const html = await (await t.request('/therapists')).text();
    for (const x of therapists) expect(html).toContain(`href="/therapists/${x.slug}"`);
    // Issue 11: filtering lands on the results (#results-title).
    expect(html).toContain('<form class="filters" method="get" action="/therapists#results-title"');
    const pl = await (await t.request('/therapists?language=pl')).text();
    const polish = therapists.filter((x) => x.languages.includes('pl'));
    expect(pl).toContain(`${polish.length} therapists`);
    for (const x of therapists) expect(pl.includes(`href="/therapists/${x.slug}"`)).toBe(x.languages.includes('pl'));
    const none = await (await t.request('/therapists?language=he&format=in_person')).text();
    expect(none).toContain('0 therapists');
    expect(none).toContain('Try removing one of them');
    const bad = await (await t.request('/therapists?format=telepathy')).text();
    expect(bad).toContain('Some filters could not be used');
  });

  test('a therapist profile shows bio, approach, concerns and fees; an unknown slug is a 404', async () => {
    const demo = DEMO_THERAPISTS[0]!;
    const res = await t.request(`/therapists/${demo.slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(demo.name);
    expect(html).toContain(demo.approach);
    expect(html).toContain('application/ld+json');
    expect((await t.request('/therapists/nobody')).status).toBe(404);
  });

  test('security headers: a fresh CSP nonce per response that matches the page scripts', async () => {
    const a = await t.request('/therapists/amara-okafor');
    const b = await t.request('/therapists/amara-okafor');
    const csp = a.headers.get('content-security-policy')!;
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"]) expect(csp).toContain(d);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(b.headers.get('content-security-policy')).not.toContain(nonce);
    expect(await a.text()).toContain(`nonce="${nonce}"`);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('referrer-policy')).toBeTruthy();
    expect(a.headers.get('cache-control')).toBe('no-store');
    expect(a.headers.get('strict-transport-security')).toBeNull();
  });

  test('cross-site state changes are refused; same-origin ones are not', async () => {
    const cross = await t.request('/therapists', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(cross.status).toBe(403);
    const site = await t.request('/api/v1/therapists', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(site.status).toBe(403);
    expect(site.headers.get('content-type')).toBe('application/problem+json');
    const same = await t.form('/therapists', { a: 'b' });
    expect(same.status).toBe(404);
  });

  test('bodies over the limit are refused with 413', async () => {
    const res = await t.json('/api/v1/therapists', { notes: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  test('request logs are JSON with the route pattern, never the path, query or personal data', async () => {
    await t.request('/therapists/amara-okafor?email=someone%40example.com');
    const line = t.logs.findLast((l) => l.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', route: '/therapists/:slug', status: 200 });
    expect(JSON.stringify(t.logs)).not.toContain('someone');
    expect(JSON.stringify(t.logs)).not.toContain(ADMIN.password);
  });

  test('the first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD, stored hashed', async () => {
    const admin = await t.deps.database.db.selectFrom('users').selectAll().where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
    expect(admin.role).toBe('admin');
    expect(admin.password_hash).toMatch(/^scrypt\$/);
    expect(admin.password_hash).not.toContain(ADMIN.password);
  });
});
