// A body that cannot be read at all (a multipart body that is not one) on every HTML form of the staff side
// and the front door: a 400 with the page (never a 500), no error in the log, and nothing changed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sessionStore } from '../../src/db/repositories/sessions.ts';
import { staffUserRepository } from '../../src/db/repositories/staff-users.ts';
import { MALFORMED_FORM } from '../../src/web/read-form.ts';
import { ORIGIN, startTestApp, type TestApp } from '../support/app.ts';
import { bookingBody, countRows, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { enrolAdmin, makeStaff } from '../support/staff.ts';

const MALFORMED: RequestInit = {
  method: 'POST',
  headers: { 'content-type': 'multipart/form-data; boundary=x', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
  body: 'x',
};

/** What the page says, as the HTML writes it. */
const said = (text: string) => text.replace(/'/g, '&#39;');

describe.each(DIALECTS)('a malformed form body (%s)', (dialect) => {
  let t: TestApp;
  const clock = fixedClock('2027-03-01T08:00:00Z');
  let routes: { path: string; cookie?: string | undefined }[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    const ids = await demoIds(t);
    const amara = ids.therapist('amara-okafor');
    const therapist = await makeStaff(t, { email: 'amara@staff.example', therapistId: amara });
    const unenrolled = await makeStaff(t, { email: 'new@staff.example', therapistId: ids.therapist('tomasz-nowak'), enrolled: false });
    const invited = await makeStaff(t, { email: 'invited@staff.example', enrolled: false });
    const admin = await enrolAdmin(t);
    const sessions = sessionStore(t.deps.database.db, 'staff');
    const now = clock.now();
    const full = await sessions.create(therapist.id, now, { secondFactorDone: true, userAgent: 'test' });
    const pending = await sessions.create(therapist.id, now, { secondFactorDone: false, userAgent: 'test' });
    const enrolling = await sessions.create(unenrolled.id, now, { secondFactorDone: false, userAgent: 'test' });
    const adminSession = await sessions.create(admin.id, now, { secondFactorDone: true, userAgent: 'test' });
    const users = staffUserRepository(t.deps.database.db);
    const reset = await users.issueToken(therapist.id, 'reset', now, 30 * 60_000);
    const invite = await users.issueToken(invited.id, 'invite', now, 86_400_000);
    const booking = (await (await t.json('/api/v1/bookings', bookingBody(amara, ids.service('couples-counselling'), '2027-03-03T10:00:00Z'))).json()) as {
      booking: { id: string };
    };
    const service = ids.service('couples-counselling');
    routes = [
      // The front door.
      { path: '/self-check' },
      { path: '/match' },
      { path: '/safety' },
      { path: '/contact/message' },
      { path: '/contact/callback' },
      { path: '/companion/sign-in' },
      // Signing in.
      { path: '/staff/login' },
      { path: '/staff/password-reset' },
      { path: `/staff/password-reset/${reset}` },
      { path: `/staff/invitation/${invite}` },
      { path: '/staff/login/code', cookie: pending },
      { path: '/staff/two-factor', cookie: enrolling },
      // A therapist's own pages.
      { path: '/staff/account/password', cookie: full },
      { path: '/staff/account/two-factor', cookie: full },
      { path: '/staff/hours/weekly', cookie: full },
      { path: '/staff/hours/dates', cookie: full },
      { path: '/staff/hours/dates/remove', cookie: full },
      { path: '/staff/hours/time-off', cookie: full },
      { path: '/staff/hours/time-off/remove', cookie: full },
      { path: '/staff/profile', cookie: full },
      // The admin's.
      { path: '/staff/admin/therapists/invite', cookie: adminSession },
      { path: `/staff/admin/services/${service}`, cookie: adminSession },
      { path: '/staff/admin/settings', cookie: adminSession },
      { path: '/staff/admin/clients/export', cookie: adminSession },
      { path: '/staff/admin/clients/erase', cookie: adminSession },
      { path: `/staff/admin/bookings/${booking.booking.id}/reassign`, cookie: adminSession },
    ];
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('every form answers 400 with its page and the form-level error, logs no error and changes nothing', async () => {
    const before = { audit: await countRows(t, 'audit_log'), outbox: await countRows(t, 'outbox') };
    const logged = t.logs.length;
    for (const route of routes) {
      const headers = { ...(MALFORMED.headers as Record<string, string>), ...(route.cookie ? { cookie: `closer_staff=${route.cookie}` } : {}) };
      const res = await t.request(route.path, { ...MALFORMED, headers });
      expect(res.status, route.path).toBe(400);
      expect(res.headers.get('content-type'), route.path).toContain('text/html');
      expect(await res.text(), route.path).toContain(said(MALFORMED_FORM));
    }
    const errors = t.logs.slice(logged).filter((line) => Number(line.level) >= 50);
    expect(errors).toEqual([]);
    expect({ audit: await countRows(t, 'audit_log'), outbox: await countRows(t, 'outbox') }).toEqual(before);
  });
});
