// /your-data: a client asks for their own copy; it reaches only whoever reads the address's mail, once.
import { describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { linkIn, readOutbox } from '../support/outbox.ts';

describe.each(DIALECTS)('a client’s own copy of their data on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, { clock });
  const links = () => t.deps.database.db.selectFrom('data_export_links').selectAll().execute();

  test('asked for on /your-data: a link is mailed, its page names the address, its button downloads everything once', async () => {
    const ids = await demoIds(t);
    const email = 'robin@example.com';
    const made = await t.json(
      '/api/v1/bookings',
      bookingBody(ids.therapist('amara-okafor'), ids.service('couples-counselling'), '2027-03-04T09:00:00Z', {
        client: { name: 'Robin Copy', email },
        notes: 'Only for Robin and Amara',
      }),
    );
    expect(made.status).toBe(201);
    const form = await t.request('/your-data');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Get a copy of your data');
    const asked = await t.form('/your-data', { email: 'Robin@Example.com' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('If we hold anything for that address, a link to your copy is on its way');
    const mail = (await readOutbox(t, { kind: 'data-export-link', to: email })).at(-1)!;
    expect(mail.text).not.toContain('Only for Robin');
    const path = linkIn(mail.text, '/your-data');
    const page = await t.request(path);
    expect(await page.text()).toContain(`everything we hold about ${email}`);
    // Opening the page (as a mail scanner would) does not use the link up.
    expect((await t.request(path)).status).toBe(200);
    const res = await t.form(path, {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="my-data.json"');
    const data = (await res.json()) as { email: string; bookings: { notes: string; name: string }[] };
    expect(data.email).toBe(email);
    expect(data.bookings).toMatchObject([{ name: 'Robin Copy', notes: 'Only for Robin and Amara' }]);
    // Once only.
    const used = await t.form(path, {});
    expect(used.status).toBe(404);
    expect(await used.text()).toContain('Ask for a new link');
    expect((await t.request(path)).status).toBe(404);
    const audit = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'client.export').execute();
    expect(audit.at(-1)).toMatchObject({ actor: 'client' });
    expect(audit.at(-1)!.target).not.toContain('robin');
  });

  test('the answer is the same for an address with nothing held; a link stops working after 24 hours', async () => {
    const asked = await t.form('/your-data', { email: 'nobody-here@example.com' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('If we hold anything for that address, a link to your copy is on its way');
    const path = linkIn((await readOutbox(t, { kind: 'data-export-link', to: 'nobody-here@example.com' })).at(-1)!.text, '/your-data');
    clock.t += 24 * 3_600_000 + 1;
    expect((await t.request(path)).status).toBe(404);
    expect((await t.form(path, {})).status).toBe(404);
  });

  test('a wrong address gets a message beside the field and changes nothing; an unreadable body is a 400', async () => {
    const before = (await links()).length;
    const outboxBefore = (await readOutbox(t)).length;
    const bad = await t.form('/your-data', { email: 'not an address' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Enter your e-mail address, like name@example.com');
    expect(html).toContain('value="not an address"');
    const malformed = await t.request('/your-data', { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: 'x' });
    expect(malformed.status).toBe(400);
    expect((await links()).length).toBe(before);
    expect((await readOutbox(t)).length).toBe(outboxBefore);
  });

  test('asking again and again for one address is limited: 3 an hour, then 429 with Retry-After', async () => {
    const email = 'many@example.com';
    for (let i = 0; i < 3; i++) expect((await t.form('/your-data', { email })).status).toBe(200);
    const limited = await t.form('/your-data', { email });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await readOutbox(t, { kind: 'data-export-link', to: email })).toHaveLength(3);
  });
});
