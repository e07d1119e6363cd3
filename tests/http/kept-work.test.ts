// Sessions that keep work: a form sent after the session ended keeps what was typed (sealed, for this browser
// only, 30 minutes by the app's clock, never in a URL or a log line), offered once after signing in; a page
// asked for before signing in is where signing in leads, and only pages of this site.

import { beforeAll, describe, expect, test } from 'vitest';
import { totpCode } from '../../src/security/totp.ts';
import { enforceRetention } from '../../src/usecases/retention.ts';
import { ORIGIN, type TestApp, useTestApp } from '../support/app.ts';
import { demoIds, fixedClock } from '../support/booking.ts';
import { formBody, signInClient } from '../support/companion.ts';
import { DIALECTS } from '../support/databases.ts';
import { linkIn, readOutbox } from '../support/outbox.ts';
import { makeStaff, nextStep, type StaffAccount } from '../support/staff.ts';

const MINUTE = 60_000;

/** One browser's cookies, all of them (the session's, the kept form's, where to go next). */
function jar(t: TestApp) {
  const cookies = new Map<string, string>();
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (!value || attrs.some((a) => /max-age=0/i.test(a))) cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  };
  return {
    cookies,
    get: async (path: string) => keep(await t.request(path, { headers: { cookie: header() } })),
    post: async (path: string, fields: Record<string, string | string[]> = {}) =>
      keep(
        await t.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin', cookie: header() },
          body: formBody(fields),
        }),
      ),
  };
}

const keptRows = (t: TestApp) => t.deps.database.db.selectFrom('kept_forms').selectAll().execute();

describe.each(DIALECTS)('sessions that keep work on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, { clock });
  let amara: StaffAccount;

  beforeAll(async () => {
    const ids = await demoIds(t);
    amara = await makeStaff(t, { email: 'amara.kept@staff.example', therapistId: ids.therapist('amara-okafor') });
  });

  async function signInWith(b: ReturnType<typeof jar>, account: StaffAccount): Promise<Response> {
    const r = await b.post('/staff/login', { email: account.email, password: account.password });
    expect(r.headers.get('location')).toBe('/staff/login/code');
    nextStep(clock);
    return b.post('/staff/login/code', { code: totpCode(account.secret!, clock.now()) });
  }

  test('staff: hours saved after the session ended are kept, offered once after signing in, and saved from there', async () => {
    const b = jar(t);
    await signInWith(b, amara);
    expect((await b.get('/staff/hours')).status).toBe(200);
    clock.t += 31 * MINUTE; // idle past the 30 minutes: the session has ended
    const typed = { 'start-weekly-day-6': '09:30', 'end-weekly-day-6': '12:15', save: '1', password: 'never-kept-secret', code: '123456' };
    const logged = t.logs.length;
    const lost = await b.post('/staff/hours/weekly', typed);
    expect(lost.status).toBe(303);
    expect(lost.headers.get('location')).toBe('/staff/login?done=kept');
    expect(lost.headers.get('location')).not.toContain('09:30');
    const rows = await keptRows(t);
    expect(rows).toHaveLength(1);
    // Sealed: nothing typed is readable in the row; secrets were never kept at all.
    expect(JSON.stringify(rows)).not.toContain('12:15');
    const sealed = JSON.parse(t.deps.encryptor.decrypt(rows[0]!.fields_sealed)) as { action: string; fields: [string, string][] };
    expect(sealed.action).toBe('/staff/hours/weekly');
    expect(sealed.fields.map(([k]) => k)).toEqual(['start-weekly-day-6', 'end-weekly-day-6', 'save']);
    const login = await (await b.get('/staff/login?done=kept')).text();
    expect(login).toContain('kept for 30 minutes');
    // Signing in leads to what was kept, offered once.
    const back = await signInWith(b, amara);
    expect(back.headers.get('location')).toBe('/staff/kept');
    const offer = await b.get('/staff/kept');
    const html = await offer.text();
    expect(html).toContain('You were signed out before this was sent');
    expect(html).toContain('action="/staff/hours/weekly"');
    expect(html).toContain('value="12:15"');
    expect(html).not.toContain('never-kept-secret');
    expect(await keptRows(t)).toHaveLength(0);
    expect(await (await b.get('/staff/kept')).text()).toContain('Nothing is waiting to be sent');
    // Sending it again saves the hours.
    const saved = await b.post('/staff/hours/weekly', Object.fromEntries(sealed.fields));
    expect(saved.status).toBe(303);
    expect(await (await b.get('/staff/hours')).text()).toContain('value="12:15"');
    // Never in a log line or a URL.
    expect(JSON.stringify(t.logs.slice(logged))).not.toContain('12:15');
  });

  test('staff: what was kept is gone after 30 minutes by the app’s clock, and retention deletes it', async () => {
    const b = jar(t);
    await signInWith(b, amara);
    clock.t += 31 * MINUTE;
    await b.post('/staff/hours/weekly', { 'start-weekly-day-6': '10:00', 'end-weekly-day-6': '11:00', save: '1' });
    expect(await keptRows(t)).toHaveLength(1);
    clock.t += 30 * MINUTE;
    expect((await enforceRetention(t.deps)).keptForms).toBe(1);
    expect(await keptRows(t)).toHaveLength(0);
    await signInWith(b, amara);
    expect(await (await b.get('/staff/kept')).text()).toContain('Nothing is waiting to be sent');
    // Only the browser that holds the cookie finds it: another browser signing in is not offered it.
    const other = jar(t);
    await other.post('/staff/hours/weekly', { 'start-weekly-day-6': '10:00', 'end-weekly-day-6': '11:00', save: '1' });
    const row = (await keptRows(t)).at(-1)!;
    const someoneElse = jar(t);
    expect((await signInWith(someoneElse, amara)).headers.get('location')).toBe('/staff');
    expect(await (await someoneElse.get('/staff/kept')).text()).toContain('Nothing is waiting');
    expect((await keptRows(t)).map((r) => r.id_hash)).toContain(row.id_hash);
  });

  test('staff: a deep link survives signing in; only this site’s staff paths are followed', async () => {
    const b = jar(t);
    const asked = await b.get('/staff/admin/audit?action=booking.read&page=2');
    expect(asked.headers.get('location')).toBe('/staff/login');
    expect((await signInWith(b, amara)).headers.get('location')).toBe('/staff/admin/audit?action=booking.read&page=2');
    // Used once.
    const again = jar(t);
    expect((await signInWith(again, amara)).headers.get('location')).toBe('/staff');
    // A forged "next" cookie pointing elsewhere is ignored.
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/staff/../evil', '/companion', '/\\evil.example']) {
      const forged = jar(t);
      forged.cookies.set('closer_staff_next', encodeURIComponent(evil));
      expect((await signInWith(forged, amara)).headers.get('location'), evil).toBe('/staff');
    }
  });

  test('companion: a form sent after the session ended is kept, and offered once after signing in with the link in this browser', async () => {
    const alex = await signInClient(t, 'alex.kept@example.com');
    const b = jar(t);
    const [name, value] = alex.cookie.split('=');
    b.cookies.set(name!, value!);
    const started = await b.post('/companion/start', {
      kind: 'couple',
      name: 'Us',
      displayName: 'Alex',
      weekday: '7',
      time: '19:00',
      timeZone: 'Europe/London',
    });
    const circle = /\/companion\/circles\/([0-9a-f-]{36})/.exec(started.headers.get('location') ?? '')![1]!;
    clock.t += 31 * MINUTE;
    const lost = await b.post(`/companion/circles/${circle}/jar`, { text: 'Thank you for the walk by the river' });
    expect(lost.status).toBe(303);
    expect(lost.headers.get('location')).toBe('/companion/sign-in?next=%2Fcompanion%2Fkept');
    expect(JSON.stringify(await keptRows(t))).not.toContain('river');
    expect(await (await b.get('/companion/sign-in?next=%2Fcompanion%2Fkept')).text()).toContain('kept for 30 minutes');
    await b.post('/companion/sign-in', { email: 'alex.kept@example.com', next: '/companion/kept' });
    const link = linkIn((await readOutbox(t, { kind: 'companion-sign-in', to: 'alex.kept@example.com' })).at(-1)!.text, '/companion/sign-in');
    await b.get(link);
    const done = await b.post(link, {});
    expect(done.headers.get('location')).toBe('/companion/kept');
    const offer = await (await b.get('/companion/kept')).text();
    expect(offer).toContain(`action="/companion/circles/${circle}/jar"`);
    expect(offer).toContain('Thank you for the walk by the river');
    expect(await (await b.get('/companion/kept')).text()).toContain('Nothing is waiting to be sent');
    expect((await b.post(`/companion/circles/${circle}/jar`, { text: 'Thank you for the walk by the river' })).status).toBe(303);
    expect(await (await b.get(`/companion/circles/${circle}/jar`)).text()).toContain('Thank you for the walk by the river');
  });
});
