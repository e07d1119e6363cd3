// Every staff route × who is asking: a stranger, a client holding a manage link, therapist A before their
// second factor, therapist B, therapist A and an admin. Someone else's record is a 404; a page for another
// role is a 403; nobody signed in is sent to sign in. The table below must list every staff route the app
// serves (a new route fails the first test until it is added here).
import { beforeAll, describe, expect, test } from 'vitest';
import { bookingDetail, bookingOwner } from '../../src/usecases/bookings/read.ts';
import { saveSeries } from '../../src/usecases/bookings/series.ts';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { enrolAdmin, fileOlderProfileChange, makeStaff, type StaffAccount, staffSession, withCookie } from '../support/staff.ts';

const INTAKE_MARKER = 'matrix-intake-answer-4e1b';

type Outcome = 'allowed' | 'login' | 'code' | 'forbidden' | 'notfound';
type ActorName = 'stranger' | 'client' | 'pendingA' | 'B' | 'A' | 'admin';
const ACTORS: ActorName[] = ['stranger', 'client', 'pendingA', 'B', 'A', 'admin'];

const who = (signedIn: Partial<Record<'A' | 'B' | 'admin', Outcome>>, anonymous: Outcome = 'login', pending: Outcome = 'code'): Record<ActorName, Outcome> => ({
  stranger: anonymous,
  client: anonymous,
  pendingA: pending,
  A: signedIn.A ?? 'allowed',
  B: signedIn.B ?? 'allowed',
  admin: signedIn.admin ?? 'allowed',
});
/** Anyone, signed in or not. */
const OPEN = who({}, 'allowed', 'allowed');
/** A secret in the URL: a wrong one is simply not found, for everyone. */
const BAD_CAPABILITY = who({ A: 'notfound', B: 'notfound', admin: 'notfound' }, 'notfound', 'notfound');
/** Signed in with a password, second factor or not. */
const SESSION = who({}, 'login', 'allowed');
const ANY_STAFF = who({});
const THERAPISTS = who({ admin: 'forbidden' });
const ADMINS = who({ A: 'forbidden', B: 'forbidden' });
/** A's booking: A and an admin may; B gets "not found". */
const A_BOOKING = who({ B: 'notfound' });
/** A's booking, therapist-only actions: B "not found", an admin (no therapist) may not. */
const A_BOOKING_THERAPIST = who({ B: 'notfound', admin: 'forbidden' });

interface Fixture {
  bookingA: string;
  /** Ongoing sessions booked from A's booking. */
  seriesA: string;
  bookingB: string;
  therapistA: string;
  therapistC: string;
  service: string;
  contact: string;
  change: string;
  /** A draft invoice of A's booking. */
  invoiceA: string;
}

interface Probe {
  path: (f: Fixture) => string;
  body?: Record<string, string>;
  expect: Record<ActorName, Outcome>;
}

/** Every staff route: a request to make, and what each actor should get. */
const MATRIX: Record<string, Probe> = {
  'GET /staff/login': { path: () => '/staff/login', expect: OPEN },
  'POST /staff/login': { path: () => '/staff/login', body: {}, expect: OPEN },
  'GET /staff/password-reset': { path: () => '/staff/password-reset', expect: OPEN },
  'POST /staff/password-reset': { path: () => '/staff/password-reset', body: {}, expect: OPEN },
  'GET /staff/password-reset/:token': { path: () => `/staff/password-reset/${'r'.repeat(43)}`, expect: BAD_CAPABILITY },
  'POST /staff/password-reset/:token': {
    path: () => `/staff/password-reset/${'r'.repeat(43)}`,
    body: { password: 'a long new password', confirm: 'a long new password' },
    expect: BAD_CAPABILITY,
  },
  'GET /staff/invitation/:token': { path: () => `/staff/invitation/${'i'.repeat(43)}`, expect: BAD_CAPABILITY },
  'POST /staff/invitation/:token': {
    path: () => `/staff/invitation/${'i'.repeat(43)}`,
    body: { password: 'a long new password', confirm: 'a long new password' },
    expect: BAD_CAPABILITY,
  },
  'GET /staff/calendar/:file': { path: () => `/staff/calendar/${'c'.repeat(43)}.ics`, expect: BAD_CAPABILITY },
  'GET /staff/login/code': { path: () => '/staff/login/code', expect: SESSION },
  'POST /staff/login/code': { path: () => '/staff/login/code', body: { code: '000000' }, expect: SESSION },
  'POST /staff/login/recovery': { path: () => '/staff/login/recovery', body: { recovery: 'AAAA-BBBB-CCCC-DDDD' }, expect: SESSION },
  // Set-up is for someone without a second factor: A has one, so a password alone cannot replace it.
  'GET /staff/two-factor': { path: () => '/staff/two-factor', expect: who({}, 'login', 'code') },
  'POST /staff/two-factor': { path: () => '/staff/two-factor', body: { code: '000000' }, expect: who({}, 'login', 'code') },
  'POST /staff/logout': { path: () => '/staff/logout', expect: SESSION },

  'GET /staff': { path: () => '/staff', expect: ANY_STAFF },
  'GET /staff/kept': { path: () => '/staff/kept', expect: ANY_STAFF },
  'GET /staff/account': { path: () => '/staff/account', expect: ANY_STAFF },
  'POST /staff/account/password': { path: () => '/staff/account/password', body: {}, expect: ANY_STAFF },
  'POST /staff/account/two-factor': { path: () => '/staff/account/two-factor', body: {}, expect: ANY_STAFF },
  'POST /staff/account/recovery-codes': { path: () => '/staff/account/recovery-codes', body: {}, expect: ANY_STAFF },
  'POST /staff/account/sessions/sign-out-others': { path: () => '/staff/account/sessions/sign-out-others', expect: ANY_STAFF },
  'POST /staff/account/sessions/sign-out-all': { path: () => '/staff/account/sessions/sign-out-all', expect: ANY_STAFF },

  // An admin without clients of their own is sent on to the practice's schedule.
  'GET /staff/week': { path: () => '/staff/week', expect: ANY_STAFF },
  'GET /staff/schedule': { path: () => '/staff/schedule', expect: ADMINS },
  'GET /staff/bookings/:id': { path: (f) => `/staff/bookings/${f.bookingA}`, expect: A_BOOKING },
  'POST /staff/bookings/:id/attended': { path: (f) => `/staff/bookings/${f.bookingA}/attended`, expect: A_BOOKING_THERAPIST },
  'POST /staff/bookings/:id/no-show': { path: (f) => `/staff/bookings/${f.bookingA}/no-show`, expect: A_BOOKING_THERAPIST },
  'POST /staff/bookings/:id/cancel': { path: (f) => `/staff/bookings/${f.bookingA}/cancel`, body: { message: 'Sorry', confirmed: 'yes' }, expect: A_BOOKING },
  'GET /staff/bookings/:id/series': { path: (f) => `/staff/bookings/${f.bookingA}/series`, expect: A_BOOKING },
  'POST /staff/bookings/:id/series': { path: (f) => `/staff/bookings/${f.bookingA}/series`, body: {}, expect: A_BOOKING },
  'GET /staff/bookings/:id/note': { path: (f) => `/staff/bookings/${f.bookingA}/note`, expect: A_BOOKING_THERAPIST },
  'POST /staff/bookings/:id/note': { path: (f) => `/staff/bookings/${f.bookingA}/note`, body: { text: '' }, expect: A_BOOKING_THERAPIST },
  'GET /staff/bookings/:id/client': { path: (f) => `/staff/bookings/${f.bookingA}/client`, expect: A_BOOKING_THERAPIST },
  'GET /staff/series/:id': { path: (f) => `/staff/series/${f.seriesA}`, expect: A_BOOKING },
  'POST /staff/series/:id/end': { path: (f) => `/staff/series/${f.seriesA}/end`, body: {}, expect: A_BOOKING },
  'POST /staff/invoices/:id/issue': { path: (f) => `/staff/invoices/${f.invoiceA}/issue`, body: {}, expect: A_BOOKING },
  'POST /staff/invoices/:id/paid': { path: (f) => `/staff/invoices/${f.invoiceA}/paid`, body: {}, expect: A_BOOKING },
  'POST /staff/invoices/:id/void': { path: (f) => `/staff/invoices/${f.invoiceA}/void`, body: {}, expect: A_BOOKING },
  'GET /staff/hours': { path: () => '/staff/hours', expect: THERAPISTS },
  'POST /staff/hours/weekly': { path: () => '/staff/hours/weekly', body: { add: '1' }, expect: THERAPISTS },
  'POST /staff/hours/dates': { path: () => '/staff/hours/dates', body: { add: '1' }, expect: THERAPISTS },
  'POST /staff/hours/dates/remove': { path: () => '/staff/hours/dates/remove', body: { date: '2027-12-25' }, expect: THERAPISTS },
  'POST /staff/hours/time-off': { path: () => '/staff/hours/time-off', body: { from: '2027-12-24', to: '2027-12-27' }, expect: THERAPISTS },
  'POST /staff/hours/time-off/remove': { path: () => '/staff/hours/time-off/remove', body: { from: '2027-12-24', to: '2027-12-27' }, expect: THERAPISTS },
  'GET /staff/profile': { path: () => '/staff/profile', expect: THERAPISTS },
  'POST /staff/profile': { path: () => '/staff/profile', body: {}, expect: THERAPISTS },
  'GET /staff/profile/preview': { path: () => '/staff/profile/preview', expect: THERAPISTS },
  'POST /staff/profile/photo': { path: () => '/staff/profile/photo', body: {}, expect: THERAPISTS },
  'POST /staff/profile/photo/remove': { path: () => '/staff/profile/photo/remove', expect: THERAPISTS },
  'GET /staff/calendar': { path: () => '/staff/calendar', expect: THERAPISTS },
  'POST /staff/calendar/new': { path: () => '/staff/calendar/new', expect: THERAPISTS },
  'POST /staff/calendar/revoke': { path: () => '/staff/calendar/revoke', expect: THERAPISTS },

  'GET /staff/admin': { path: () => '/staff/admin', expect: ADMINS },
  'GET /staff/admin/therapists': { path: () => '/staff/admin/therapists', expect: ADMINS },
  'POST /staff/admin/therapists/invite': { path: () => '/staff/admin/therapists/invite', body: {}, expect: ADMINS },
  'GET /staff/admin/therapists/:id': { path: (f) => `/staff/admin/therapists/${f.therapistA}`, expect: ADMINS },
  'GET /staff/admin/therapists/:id/profile': { path: (f) => `/staff/admin/therapists/${f.therapistA}/profile`, expect: ADMINS },
  'POST /staff/admin/therapists/:id/profile': { path: (f) => `/staff/admin/therapists/${f.therapistC}/profile`, body: { years: 'many' }, expect: ADMINS },
  'GET /staff/admin/therapists/:id/preview': { path: (f) => `/staff/admin/therapists/${f.therapistA}/preview`, expect: ADMINS },
  'GET /staff/admin/therapists/:id/deactivate': { path: (f) => `/staff/admin/therapists/${f.therapistC}/deactivate`, expect: ADMINS },
  'POST /staff/admin/therapists/:id/deactivate': {
    path: (f) => `/staff/admin/therapists/${f.therapistC}/deactivate`,
    body: { confirm: 'yes' },
    expect: ADMINS,
  },
  'GET /staff/admin/therapists/:id/activate': { path: (f) => `/staff/admin/therapists/${f.therapistC}/activate`, expect: ADMINS },
  'POST /staff/admin/therapists/:id/activate': { path: (f) => `/staff/admin/therapists/${f.therapistC}/activate`, body: { confirm: 'yes' }, expect: ADMINS },
  'POST /staff/admin/therapists/:id/photo': { path: (f) => `/staff/admin/therapists/${f.therapistC}/photo`, body: {}, expect: ADMINS },
  'POST /staff/admin/therapists/:id/photo/remove': { path: (f) => `/staff/admin/therapists/${f.therapistC}/photo/remove`, expect: ADMINS },
  'POST /staff/admin/therapists/:id/reset-second-factor': { path: (f) => `/staff/admin/therapists/${f.therapistC}/reset-second-factor`, expect: ADMINS },
  'GET /staff/admin/bookings/:id/move': { path: (f) => `/staff/admin/bookings/${f.bookingB}/move`, expect: ADMINS },
  'POST /staff/admin/bookings/:id/reassign': { path: (f) => `/staff/admin/bookings/${f.bookingB}/reassign`, body: { to: 'nobody' }, expect: ADMINS },
  'GET /staff/admin/services': { path: () => '/staff/admin/services', expect: ADMINS },
  'GET /staff/admin/services/:id': { path: (f) => `/staff/admin/services/${f.service}`, expect: ADMINS },
  'POST /staff/admin/services/:id': { path: (f) => `/staff/admin/services/${f.service}`, body: {}, expect: ADMINS },
  'GET /staff/admin/settings': { path: () => '/staff/admin/settings', expect: ADMINS },
  'POST /staff/admin/settings': { path: () => '/staff/admin/settings', body: {}, expect: ADMINS },
  'POST /staff/admin/settings/logo': { path: () => '/staff/admin/settings/logo', body: {}, expect: ADMINS },
  'POST /staff/admin/settings/logo/remove': { path: () => '/staff/admin/settings/logo/remove', expect: ADMINS },
  'GET /staff/admin/invoices': { path: () => '/staff/admin/invoices', expect: ADMINS },
  'GET /staff/admin/billing': { path: () => '/staff/admin/billing', expect: ADMINS },
  'POST /staff/admin/billing': { path: () => '/staff/admin/billing', body: {}, expect: ADMINS },
  'GET /staff/admin/profile-changes': { path: () => '/staff/admin/profile-changes', expect: ADMINS },
  'POST /staff/admin/profile-changes/:id/approve': { path: (f) => `/staff/admin/profile-changes/${f.change}/approve`, expect: ADMINS },
  'POST /staff/admin/profile-changes/:id/reject': { path: (f) => `/staff/admin/profile-changes/${f.change}/reject`, expect: ADMINS },
  'GET /staff/admin/inbox': { path: () => '/staff/admin/inbox', expect: ADMINS },
  'GET /staff/admin/inbox/:id': { path: (f) => `/staff/admin/inbox/${f.contact}`, expect: ADMINS },
  'POST /staff/admin/inbox/:id/handled': { path: (f) => `/staff/admin/inbox/${f.contact}/handled`, expect: ADMINS },
  'GET /staff/admin/waitlist': { path: () => '/staff/admin/waitlist', expect: ADMINS },
  'GET /staff/admin/mail': { path: () => '/staff/admin/mail', expect: ADMINS },
  'POST /staff/admin/mail/:id/send-again': { path: () => '/staff/admin/mail/0000000000000abcdefabcdef/send-again', body: {}, expect: ADMINS },
  'GET /staff/admin/audit': { path: () => '/staff/admin/audit', expect: ADMINS },
  'GET /staff/admin/clients': { path: () => '/staff/admin/clients', expect: ADMINS },
  'POST /staff/admin/clients/find': { path: () => '/staff/admin/clients/find', body: {}, expect: ADMINS },
  'POST /staff/admin/clients/export': { path: () => '/staff/admin/clients/export', body: {}, expect: ADMINS },
  'POST /staff/admin/clients/erase': { path: () => '/staff/admin/clients/erase', body: {}, expect: ADMINS },
};

function outcomeOf(res: Response): Outcome | string {
  const location = res.headers.get('location');
  // A form sent without a session keeps what was typed and says so on the sign-in page (kept-work.test.ts).
  if (res.status === 303 && (location === '/staff/login' || location === '/staff/login?done=kept')) return 'login';
  if (res.status === 303 && location === '/staff/login/code') return 'code';
  if (res.status === 403) return 'forbidden';
  if (res.status === 404) return 'notfound';
  if ([200, 303, 401, 409, 422].includes(res.status)) return 'allowed';
  return `status ${res.status}`;
}

describe.each(DIALECTS)('the access matrix on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  let f: Fixture;
  let accounts: Record<'A' | 'B' | 'admin', StaffAccount>;
  let manageToken: string;

  const t = useTestApp(dialect, { clock });
  beforeAll(async () => {
    const ids = await demoIds(t);
    const couples = ids.service('couples-counselling');
    const a = ids.therapist('amara-okafor');
    const b = ids.therapist('tomasz-nowak');
    accounts = {
      A: await makeStaff(t, { email: 'a@staff.example', therapistId: a }),
      B: await makeStaff(t, { email: 'b@staff.example', therapistId: b }),
      admin: await enrolAdmin(t),
    };
    const bookA = (await (await t.json('/api/v1/bookings', bookingBody(a, couples, '2027-03-03T10:00:00Z'))).json()) as {
      booking: { id: string };
      manageUrl: string;
    };
    const individual = ids.service('individual-therapy');
    const { slots } = (await (await t.request(`/api/v1/therapists/${b}/slots?service=${individual}&from=2027-03-02&to=2027-03-06&tz=UTC`)).json()) as {
      slots: { start: string }[];
    };
    const bookB = (await (await t.json('/api/v1/bookings', bookingBody(b, individual, slots[0]!.start))).json()) as { booking: { id: string } };
    manageToken = bookA.manageUrl.split('/manage/')[1]!;
    // A's client answers the intake before the first session (read only by A: the last test).
    const intake = { reason: INTAKE_MARKER, safety: 'no', gpConsent: 'no', csi1: '3', csi2: '3', csi3: '3', csi4: '3' };
    expect((await t.form(`/manage/${manageToken}/intake`, intake)).status).toBe(303);
    await t.form('/contact/message', { name: 'Casey', email: 'casey@example.com', message: 'Hello there', consent: 'yes' });
    const contact = await t.deps.database.db.selectFrom('contact_requests').select('id').executeTakeFirstOrThrow();
    const change = await fileOlderProfileChange(t, a, `user:${accounts.A.id}`, { bio: 'x'.repeat(30), approach: 'y'.repeat(20), concerns: ['trust-issues'] });
    const series = await saveSeries(t.deps, { kind: 'therapist', therapistId: a }, bookA.booking.id, { intervalWeeks: 1, count: 2 }, new Map(), {
      actor: `user:${accounts.A.id}`,
      requestId: 'matrix',
    });
    if (!series.ok) throw new Error('the series fixture could not be saved');
    // A draft invoice of A's booking (as marking it attended would draft it), copied from the booking.
    const source = await t.deps.database.db.selectFrom('bookings').selectAll().where('id', '=', bookA.booking.id).executeTakeFirstOrThrow();
    const invoiceA = '00000000-0000-4000-8000-00000000000a';
    await t.deps.database.db
      .insertInto('invoices')
      .values({
        id: invoiceA,
        booking_id: source.id,
        therapist_id: a,
        kind: 'session',
        status: 'draft',
        number: null,
        amount_minor: 9000,
        currency: 'GBP',
        vat_rate_bp: null,
        client_name: source.client_name,
        client_email: source.client_email,
        service_name: 'Couples counselling',
        therapist_name: 'Amara Okafor',
        session_start: Number(source.starts_at),
        time_zone: 'Europe/London',
        link_hash: 'matrix-invoice',
        created_at: clock.now(),
        issued_at: null,
        due_on: null,
        paid_on: null,
        paid_method: null,
        voided_at: null,
        void_reason: null,
        updated_at: clock.now(),
      })
      .execute();
    f = {
      bookingA: bookA.booking.id,
      seriesA: series.value.seriesId,
      bookingB: bookB.booking.id,
      therapistA: a,
      therapistC: ids.therapist('sam-rivers'),
      service: couples,
      contact: contact.id,
      change,
      invoiceA,
    };
  });

  /** A fresh session per request, made directly: mutations by one probe never disturb the next. */
  async function cookieFor(actor: ActorName): Promise<string | undefined> {
    if (actor === 'stranger') return undefined;
    // A client has a manage link: its token, sent as if it were a staff session, is nobody.
    if (actor === 'client') return manageToken;
    const account = actor === 'pendingA' ? accounts.A : accounts[actor];
    return staffSession(t, account, { secondFactorDone: actor !== 'pendingA', userAgent: 'matrix' });
  }

  test('the matrix lists every staff route the app serves', () => {
    const served = [...new Set(t.app.routes.filter((r) => r.path.startsWith('/staff') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
    const missing = served.filter((k) => !(k in MATRIX));
    expect(missing, `Add these routes to MATRIX in tests/http/access-matrix.test.ts:\n  ${missing.join('\n  ')}`).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !served.includes(k))).toEqual([]);
  });

  test('every staff route answers each actor as the table says', async () => {
    const wrong: string[] = [];
    for (const [key, probe] of Object.entries(MATRIX)) {
      const method = key.split(' ')[0]!;
      for (const actor of ACTORS) {
        const cookie = await cookieFor(actor);
        const path = probe.path(f);
        const res = method === 'GET' ? await t.request(path, withCookie(cookie)) : await t.form(path, probe.body ?? {}, withCookie(cookie));
        const got = outcomeOf(res);
        if (got !== probe.expect[actor])
          wrong.push(`${key} as ${actor}: expected ${probe.expect[actor]}, got ${got} (${res.status} ${res.headers.get('location') ?? ''})`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  test('B never read, changed or cancelled A’s booking; the refusals left no trace of A’s client', async () => {
    const rows = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor', '=', `user:${accounts.B.id}`)
      .where('target', '=', f.bookingA)
      .execute();
    expect(rows).toEqual([]);
    // A cancelled it in the matrix (B's attempt came first and changed nothing).
    const cancel = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'booking.cancel')
      .where('target', '=', f.bookingA)
      .execute();
    expect(cancel.map((r) => r.actor)).toEqual([`user:${accounts.A.id}`]);
  });

  test('ownership is in the query too: B’s scope does not find A’s booking, whatever the access check says', async () => {
    expect(await bookingOwner(t.deps.database.db, { kind: 'therapist', therapistId: accounts.B.therapistId! }, f.bookingA)).toBeUndefined();
    expect(
      await bookingDetail(t.deps, { kind: 'therapist', therapistId: accounts.B.therapistId! }, f.bookingA, { actor: 'test', requestId: 'test' }),
    ).toBeUndefined();
    expect(await bookingOwner(t.deps.database.db, { kind: 'therapist', therapistId: accounts.A.therapistId! }, f.bookingA)).toBe(accounts.A.therapistId);
  });

  test('a live capability opens only what it names: A’s feed for anyone holding it, and no staff page', async () => {
    const session = await cookieFor('A');
    await t.form('/staff/calendar/revoke', {}, withCookie(session)); // the matrix may have made one already
    const page = await t.form('/staff/calendar/new', { replaces: '' }, withCookie(session));
    const url = /id="feed-url">([^<]+)</.exec(await page.text())![1]!;
    const path = new URL(url).pathname;
    for (const actor of ['stranger', 'client', 'B', 'admin'] as const) {
      expect((await t.request(path, withCookie(await cookieFor(actor)))).status, actor).toBe(200);
    }
    const token = path.split('/').at(-1)!.replace('.ics', '');
    expect((await t.request('/staff/week', withCookie(token))).headers.get('location')).toBe('/staff/login');
    expect((await t.request(`/manage/${token}`)).status).toBe(404);
    // And a manage link's token opens no feed.
    expect((await t.request(`/staff/calendar/${manageToken}.ics`)).status).toBe(404);
  });

  test('the intake answers on A’s booking: only A reads them (audited); an admin sees that they arrived, B and anyone else nothing', async () => {
    const seen: Record<string, { status: number; answers: boolean; arrived: boolean }> = {};
    for (const actor of ACTORS) {
      const res = await t.request(`/staff/bookings/${f.bookingA}`, withCookie(await cookieFor(actor)));
      const html = await res.text();
      seen[actor] = { status: res.status, answers: html.includes(INTAKE_MARKER), arrived: html.includes('answered the questions before the first session') };
    }
    expect(seen).toEqual({
      stranger: { status: 303, answers: false, arrived: false },
      client: { status: 303, answers: false, arrived: false },
      pendingA: { status: 303, answers: false, arrived: false },
      B: { status: 404, answers: false, arrived: false },
      A: { status: 200, answers: true, arrived: false },
      admin: { status: 200, answers: false, arrived: true },
    });
    const reads = await t.deps.database.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'booking.intake.read')
      .where('target', '=', f.bookingA)
      .execute();
    expect(new Set(reads.map((r) => r.actor))).toEqual(new Set([`user:${accounts.A.id}`]));
  });
});
