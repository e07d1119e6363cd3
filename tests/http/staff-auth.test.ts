// Staff sign-in, sessions, second factor, resets and throttling (SECURITY.md: Sessions and sign-in).
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { staffUserRepository } from '../../src/db/repositories/staff-users.ts';
import { totpCode } from '../../src/security/totp.ts';
import { confirmEnrolment } from '../../src/usecases/staff/second-factor.ts';
import { SIGN_IN_MAX_PER_ACCOUNT, SIGN_IN_MAX_PER_ADDRESS } from '../../src/usecases/staff/sign-in.ts';
import { ORIGIN, startTestApp, useTestApp } from '../support/app.ts';
import { demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';
import { getAs, makeStaff, nextStep, postAs, postCode, postPassword, type StaffAccount, signIn, staffCookie, withCookie } from '../support/staff.ts';

const sha = (v: string) => createHash('sha256').update(v).digest('base64url');
/** A page with its per-request noise (nonces, request ids) taken out, to compare two answers. */
const normalise = (html: string) => html.replace(/nonce="[^"]*"/g, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '');

describe.each(DIALECTS)('staff sign-in on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  let amara: StaffAccount;
  let ben: StaffAccount;
  let serial = 0;
  const fresh = async (enrolled = true) => makeStaff(t, { email: `person${++serial}@staff.example`, enrolled, therapistId: ids.therapist('amara-okafor') });
  let ids: Awaited<ReturnType<typeof demoIds>>;

  const t = useTestApp(dialect, { clock });
  beforeAll(async () => {
    ids = await demoIds(t);
    amara = await makeStaff(t, { email: 'amara@staff.example', therapistId: ids.therapist('amara-okafor') });
    ben = await makeStaff(t, { email: 'ben@staff.example', therapistId: ids.therapist('tomasz-nowak') });
  });

  const audits = async (action: string) => t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  test('a stranger is sent to /staff/login, a form with email and password', async () => {
    const res = await t.request('/staff');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/login');
    const page = await t.request('/staff/login');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<form method="post" action="\/staff\/login"/);
    expect(html).toMatch(/name="email"/);
    expect(html).toMatch(/name="password" type="password"/);
    expect(html).not.toMatch(/onpaste/);
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  describe('password × code: both are needed, every combination', () => {
    const cases = [
      { password: 'right', code: 'right', signedIn: true },
      { password: 'right', code: 'wrong', signedIn: false },
      { password: 'right', code: 'replayed', signedIn: false },
      { password: 'right', code: 'none', signedIn: false },
      { password: 'right', code: 'other user’s', signedIn: false },
      { password: 'wrong', code: 'right', signedIn: false },
      { password: 'wrong', code: 'wrong', signedIn: false },
      { password: 'wrong', code: 'none', signedIn: false },
      { password: 'none', code: 'right', signedIn: false },
      { password: 'unknown account', code: 'right', signedIn: false },
    ] as const;
    test.each(cases)('password $password, code $code → signed in: $signedIn', async ({ password, code, signedIn }) => {
      const me = await fresh();
      const other = await fresh();
      nextStep(clock);
      let cookie: string | undefined;
      if (password !== 'none') {
        const email = password === 'unknown account' ? `nobody-${serial}@staff.example` : me.email;
        const res = await postPassword(t, email, password === 'wrong' ? `${me.password}x` : me.password);
        if (password === 'right') {
          expect(res.status).toBe(303);
          expect(res.headers.get('location')).toBe('/staff/login/code');
        } else {
          expect(res.status).toBe(401);
          expect(staffCookie(res)).toBeUndefined();
        }
        cookie = staffCookie(res);
      }
      if (code === 'replayed') {
        // The code was already used (by an earlier sign-in in this time-step).
        const earlier = await postPassword(t, me.email, me.password);
        const used = await postCode(t, staffCookie(earlier), totpCode(me.secret!, clock.now()));
        expect(used.status).toBe(303);
      }
      let answer: Response | undefined;
      if (code !== 'none') {
        const value =
          code === 'wrong'
            ? String((Number(totpCode(me.secret!, clock.now())) + 1) % 1_000_000).padStart(6, '0')
            : code === 'other user’s'
              ? totpCode(other.secret!, clock.now())
              : totpCode(me.secret!, clock.now());
        answer = await postCode(t, cookie, value);
        const full = staffCookie(answer);
        if (full) cookie = full;
      }
      const week = await getAs(t, cookie, '/staff/week');
      if (signedIn) {
        expect(answer?.status).toBe(303);
        expect(week.status).toBe(200);
      } else {
        expect(week.status).toBe(303);
        expect(week.headers.get('location')).toMatch(/^\/staff\/login(\/code)?$/);
        if (answer && cookie) expect([401, 303]).toContain(answer.status);
      }
    });

    test('a code is good once even when two requests race for it', async () => {
      const me = await fresh();
      nextStep(clock);
      const [a, b] = await Promise.all([postPassword(t, me.email, me.password), postPassword(t, me.email, me.password)]);
      const code = totpCode(me.secret!, clock.now());
      const results = await Promise.all([postCode(t, staffCookie(a), code), postCode(t, staffCookie(b), code)]);
      expect(results.map((r) => r.status).sort()).toEqual([303, 401]);
    });

    test('the code step waits only minutes: a pending session expires after 10', async () => {
      const me = await fresh();
      const res = await postPassword(t, me.email, me.password);
      clock.t += 11 * 60_000;
      const late = await postCode(t, staffCookie(res), totpCode(me.secret!, clock.now()));
      expect(late.status).toBe(303);
      expect(late.headers.get('location')).toBe('/staff/login');
    });
  });

  test('a wrong password and an unknown account get the same answer', async () => {
    const wrong = await postPassword(t, amara.email, 'not the password at all');
    const unknown = await postPassword(t, 'no-such-person@staff.example', 'not the password at all');
    expect(wrong.status).toBe(unknown.status);
    const [a, b] = [normalise(await wrong.text()), normalise(await unknown.text())];
    expect(a.replace(/amara@staff\.example/g, 'X')).toBe(b.replace(/no-such-person@staff\.example/g, 'X'));
  });

  test('repeated failures are throttled per account with 429 and Retry-After, and the throttle ends by itself', async () => {
    const me = await fresh();
    clock.t = Math.ceil(clock.t / 900_000) * 900_000 + 1_000; // the start of a window
    for (let i = 0; i < SIGN_IN_MAX_PER_ACCOUNT; i++) expect((await postPassword(t, me.email, 'wrong password here')).status).toBe(401);
    const blocked = await postPassword(t, me.email, me.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(staffCookie(blocked)).toBeUndefined();
    // An unknown account is throttled the same way: no hint that it does not exist.
    for (let i = 0; i < SIGN_IN_MAX_PER_ACCOUNT; i++) await postPassword(t, 'ghost@staff.example', 'wrong password here');
    expect((await postPassword(t, 'ghost@staff.example', 'wrong password here')).status).toBe(429);
    // No permanent lock-out: after the window, the right password works again.
    clock.t += Number(blocked.headers.get('retry-after')) * 1000;
    nextStep(clock);
    expect(await signIn(t, clock, me)).toBeTruthy();
    expect((await audits('staff.sign-in.throttled')).length).toBeGreaterThan(0);
  });

  test('repeated failures from one address are throttled across accounts', async () => {
    clock.t = Math.ceil(clock.t / 900_000) * 900_000 + 1_000;
    let status = 0;
    for (let i = 0; i <= SIGN_IN_MAX_PER_ADDRESS; i++) status = (await postPassword(t, `spray-${i}@staff.example`, 'Winter2027!!')).status;
    expect(status).toBe(429);
    clock.t += 15 * 60_000;
  }, 180_000);

  test('wrong codes are throttled too', async () => {
    const me = await fresh();
    clock.t = Math.ceil(clock.t / 900_000) * 900_000 + 1_000;
    const res = await postPassword(t, me.email, me.password);
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await postCode(t, staffCookie(res), '000000')).status;
    expect(last).toBe(429);
    clock.t += 15 * 60_000;
  });

  describe('sessions', () => {
    test('the cookie: HttpOnly, SameSite=Lax, path /, not Secure on plain http; the id is 256 bits, stored hashed', async () => {
      nextStep(clock);
      const res = await postPassword(t, amara.email, amara.password);
      const header = res.headers.getSetCookie().find((l) => l.startsWith('closer_staff='))!;
      expect(header).toMatch(/HttpOnly/);
      expect(header).toMatch(/SameSite=Lax/);
      expect(header).toMatch(/Path=\//);
      expect(header).not.toMatch(/Secure/);
      const id = staffCookie(res)!;
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const rows = await t.deps.database.db.selectFrom('sessions').select('id_hash').execute();
      expect(rows.map((r) => r.id_hash)).toContain(sha(id));
      expect(rows.map((r) => r.id_hash)).not.toContain(id);
    });

    test('a new id at sign-in: a planted or earlier cookie is never kept', async () => {
      const planted = 'A'.repeat(43);
      nextStep(clock);
      const first = await postPassword(t, amara.email, amara.password, planted);
      expect(staffCookie(first)).not.toBe(planted);
      const full = await signIn(t, clock, amara);
      nextStep(clock);
      const again = await postPassword(t, amara.email, amara.password, full);
      expect(staffCookie(again)).not.toBe(full);
      // The earlier full session ended when the new sign-in began in the same browser.
      expect((await getAs(t, full, '/staff/week')).status).toBe(303);
    });

    test('idle for 30 minutes ends a session; activity keeps it; 12 hours ends it anyway', async () => {
      const cookie = await signIn(t, clock, amara);
      clock.t += 29 * 60_000;
      expect((await getAs(t, cookie, '/staff/week')).status).toBe(200);
      clock.t += 29 * 60_000;
      expect((await getAs(t, cookie, '/staff/week')).status).toBe(200);
      clock.t += 31 * 60_000;
      expect((await getAs(t, cookie, '/staff/week')).status).toBe(303);

      const long = await signIn(t, clock, amara);
      const started = clock.t;
      while (clock.t < started + 12 * 3_600_000 - 20 * 60_000) {
        clock.t += 20 * 60_000;
        expect((await getAs(t, long, '/staff/week')).status).toBe(200);
      }
      clock.t = started + 12 * 3_600_000 + 1;
      expect((await getAs(t, long, '/staff/week')).status).toBe(303);
    });

    test('signing out deletes the row and the cookie', async () => {
      const cookie = await signIn(t, clock, amara);
      const out = await postAs(t, cookie, '/staff/logout');
      expect(out.status).toBe(303);
      expect(out.headers.get('location')).toBe('/staff/login?done=signed-out');
      expect(staffCookie(out)).toBe('');
      expect(await t.deps.database.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', sha(cookie)).executeTakeFirst()).toBeUndefined();
      expect((await getAs(t, cookie, '/staff/week')).status).toBe(303);
      expect((await audits('staff.sign-out')).length).toBeGreaterThan(0);
    });

    test('a list of one’s own sessions, sign out everywhere else, and sign out everywhere', async () => {
      const a = await signIn(t, clock, ben);
      const b = await signIn(t, clock, ben);
      const c = await signIn(t, clock, ben);
      const page = await (await getAs(t, a, '/staff/account')).text();
      expect(page).toMatch(/Where you are signed in/);
      expect(page.match(/<tr>/g)?.length).toBeGreaterThanOrEqual(4);
      expect(page).toMatch(/this device/);
      expect((await postAs(t, a, '/staff/account/sessions/sign-out-others')).status).toBe(303);
      expect((await getAs(t, a, '/staff/week')).status).toBe(200);
      expect((await getAs(t, b, '/staff/week')).status).toBe(303);
      expect((await getAs(t, c, '/staff/week')).status).toBe(303);
      const d = await signIn(t, clock, ben);
      const all = await postAs(t, d, '/staff/account/sessions/sign-out-all');
      expect(all.headers.get('location')).toBe('/staff/login?done=signed-out-everywhere');
      expect((await getAs(t, a, '/staff/week')).status).toBe(303);
      expect((await getAs(t, d, '/staff/week')).status).toBe(303);
      expect((await audits('staff.sessions.revoked')).length).toBeGreaterThan(0);
    });

    test('changing the password ends every other session; the new password works, the old does not', async () => {
      const me = await fresh();
      const here = await signIn(t, clock, me);
      const elsewhere = await signIn(t, clock, me);
      const short = await postAs(t, here, '/staff/account/password', { current: me.password, password: 'short', confirm: 'short' });
      expect(short.status).toBe(422);
      expect(await short.text()).toMatch(/at least 12 characters/);
      const wrong = await postAs(t, here, '/staff/account/password', {
        current: 'not it at all',
        password: 'a brand new passphrase',
        confirm: 'a brand new passphrase',
      });
      expect(wrong.status).toBe(401);
      const ok = await postAs(t, here, '/staff/account/password', {
        current: me.password,
        password: 'a brand new passphrase',
        confirm: 'a brand new passphrase',
      });
      expect(ok.status).toBe(303);
      expect((await getAs(t, here, '/staff/week')).status).toBe(200);
      expect((await getAs(t, elsewhere, '/staff/week')).status).toBe(303);
      expect((await postPassword(t, me.email, me.password)).status).toBe(401);
      expect(await signIn(t, clock, { ...me, password: 'a brand new passphrase' })).toBeTruthy();
      expect((await audits('staff.password.changed')).length).toBe(1);
    });

    test('changing the second factor ends every other session; only the new app’s codes work after', async () => {
      const me = await fresh();
      const here = await signIn(t, clock, me);
      const elsewhere = await signIn(t, clock, me);
      nextStep(clock);
      const refused = await postAs(t, here, '/staff/account/two-factor', { current: 'wrong password!!', code: totpCode(me.secret!, clock.now()) });
      expect(refused.status).toBe(401);
      nextStep(clock);
      const start = await postAs(t, here, '/staff/account/two-factor', { current: me.password, code: totpCode(me.secret!, clock.now()) });
      expect(start.status).toBe(303);
      expect(start.headers.get('location')).toBe('/staff/two-factor');
      const setup = await (await getAs(t, here, '/staff/two-factor')).text();
      const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(setup)![1]!.replace(/ /g, '');
      // Until it is confirmed, the old app still signs in and other sessions live on.
      expect((await getAs(t, elsewhere, '/staff/week')).status).toBe(200);
      nextStep(clock);
      const done = await postAs(t, here, '/staff/two-factor', { code: totpCode(secret, clock.now()) });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('href="/staff/account?done=two-factor-changed"');
      const rotated = staffCookie(done)!;
      expect((await getAs(t, rotated, '/staff/week')).status).toBe(200);
      expect((await getAs(t, elsewhere, '/staff/week')).status).toBe(303);
      nextStep(clock);
      const old = await postPassword(t, me.email, me.password);
      expect((await postCode(t, staffCookie(old), totpCode(me.secret!, clock.now()))).status).toBe(401);
      expect(await signIn(t, clock, { ...me, secret })).toBeTruthy();
      expect((await audits('staff.second-factor.changed')).length).toBe(1);
    });

    describe('a second-factor change belongs to the request that re-authenticated, for 15 minutes', () => {
      const users = () => staffUserRepository(t.deps.database.db);
      /** The secret a change is waiting on, read from the database (as an attacker with the right code would need it). */
      const pendingOf = async (id: string) => {
        const u = await users().findById(id);
        return u?.totpPending ? t.deps.encryptor.decrypt(u.totpPending) : null;
      };
      const start = async (me: StaffAccount, cookie: string) => {
        nextStep(clock);
        const res = await postAs(t, cookie, '/staff/account/two-factor', { current: me.password, code: totpCode(me.secret!, clock.now()) });
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe('/staff/two-factor');
      };

      test('a missing or wrong password, or a wrong or replayed code, starts nothing; the code check is not written down as a sign-in', async () => {
        const me = await fresh();
        const here = await signIn(t, clock, me);
        const signIns = (await audits('staff.sign-in')).length;
        const refusals = async () => (await audits('staff.second-factor.change-refused')).filter((r) => r.actor === `user:${me.id}`).length;
        nextStep(clock);
        const missing = await postAs(t, here, '/staff/account/two-factor', { code: totpCode(me.secret!, clock.now()) });
        expect(missing.status).toBe(422);
        expect(await missing.text()).toContain('Enter your password');
        const empty = await postAs(t, here, '/staff/account/two-factor', { current: '', code: totpCode(me.secret!, clock.now()) });
        expect(empty.status).toBe(422);
        const wrong = await postAs(t, here, '/staff/account/two-factor', { current: 'not my password at all', code: totpCode(me.secret!, clock.now()) });
        expect(wrong.status).toBe(401);
        const badCode = await postAs(t, here, '/staff/account/two-factor', { current: me.password, code: '000000' });
        expect(badCode.status).toBe(401);
        expect(await pendingOf(me.id)).toBeNull();
        const setup = await getAs(t, here, '/staff/two-factor');
        expect(setup.status).toBe(303);
        expect(setup.headers.get('location')).toBe('/staff/account');
        expect(await refusals()).toBe(2);
        await start(me, here);
        const pending = await pendingOf(me.id);
        expect(pending).not.toBeNull();
        // The same code again is a replay: refused, and the change already started is left as it was.
        const replay = await postAs(t, here, '/staff/account/two-factor', { current: me.password, code: totpCode(me.secret!, clock.now()) });
        expect(replay.status).toBe(401);
        expect(await pendingOf(me.id)).toBe(pending);
        expect(await refusals()).toBe(3);
        expect((await audits('staff.second-factor.change-started')).filter((r) => r.actor === `user:${me.id}`)).toHaveLength(1);
        expect((await audits('staff.sign-in')).length).toBe(signIns);
      });

      test('another session of the same user can neither see nor confirm the pending secret', async () => {
        const me = await fresh();
        const here = await signIn(t, clock, me);
        const elsewhere = await signIn(t, clock, me);
        const before = (await users().findById(me.id))!.totpSecret;
        await start(me, here);
        const secret = (await pendingOf(me.id))!;
        const grouped = secret.match(/.{1,4}/g)!.join(' ');
        const look = await getAs(t, elsewhere, '/staff/two-factor');
        expect(look.status).toBe(303);
        expect(look.headers.get('location')).toBe('/staff/account');
        const account = await (await getAs(t, elsewhere, '/staff/account')).text();
        expect(account).not.toContain(grouped);
        expect(account).not.toContain(secret);
        nextStep(clock);
        const confirm = await postAs(t, elsewhere, '/staff/two-factor', { code: totpCode(secret, clock.now()) });
        expect(confirm.status).toBe(303);
        expect(confirm.headers.get('location')).toBe('/staff/account');
        expect((await users().findById(me.id))!.totpSecret).toBe(before);
        expect((await getAs(t, here, '/staff/week')).status).toBe(200);
        expect((await getAs(t, elsewhere, '/staff/week')).status).toBe(200);
        // Even with the use case called directly for the other session, the database refuses.
        const other = await t.deps.database.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', sha(elsewhere)).executeTakeFirstOrThrow();
        const direct = await confirmEnrolment(t.deps, (await users().findById(me.id))!, totpCode(secret, clock.now()), other.id_hash, {
          address: '127.0.0.9',
          requestId: randomUUID(),
        });
        expect(direct.kind).toBe('refused');
        expect((await users().findById(me.id))!.totpSecret).toBe(before);
        // The session that started it still can.
        const page = await (await getAs(t, here, '/staff/two-factor')).text();
        expect(page).toContain(grouped);
        const done = await postAs(t, here, '/staff/two-factor', { code: totpCode(secret, clock.now()) });
        expect(done.status).toBe(200);
        expect(await done.text()).toContain('href="/staff/account?done=two-factor-changed"');
        expect((await getAs(t, elsewhere, '/staff/week')).status).toBe(303);
      });

      test('after 15 minutes the pending secret can no longer be seen or confirmed', async () => {
        const me = await fresh();
        const here = await signIn(t, clock, me);
        const before = (await users().findById(me.id))!.totpSecret;
        await start(me, here);
        const secret = (await pendingOf(me.id))!;
        expect((await getAs(t, here, '/staff/two-factor')).status).toBe(200);
        clock.t += 14 * 60_000;
        expect((await getAs(t, here, '/staff/two-factor')).status).toBe(200);
        clock.t += 60_000;
        const late = await getAs(t, here, '/staff/two-factor');
        expect(late.status).toBe(303);
        expect(late.headers.get('location')).toBe('/staff/account?done=two-factor-expired');
        expect(await (await getAs(t, here, '/staff/account?done=two-factor-expired')).text()).toContain('not finished within 15 minutes');
        nextStep(clock);
        const confirm = await postAs(t, here, '/staff/two-factor', { code: totpCode(secret, clock.now()) });
        expect(confirm.status).toBe(303);
        expect(confirm.headers.get('location')).toBe('/staff/account?done=two-factor-expired');
        expect((await users().findById(me.id))!.totpSecret).toBe(before);
        // Starting again (password and a current code) gives a new secret that works.
        await start(me, here);
        const again = (await pendingOf(me.id))!;
        expect(again).not.toBe(secret);
        nextStep(clock);
        const done = await postAs(t, here, '/staff/two-factor', { code: totpCode(again, clock.now()) });
        expect(await done.text()).toContain('href="/staff/account?done=two-factor-changed"');
      });

      test('a first enrolment’s secret is its own session’s too', async () => {
        const me = await fresh(false);
        const first = staffCookie(await postPassword(t, me.email, me.password))!;
        const second = staffCookie(await postPassword(t, me.email, me.password))!;
        const secretOf = async (cookie: string) =>
          /id="totp-secret">([A-Z2-7 ]+)</.exec(await (await getAs(t, cookie, '/staff/two-factor')).text())![1]!.replace(/ /g, '');
        const a = await secretOf(first);
        const b = await secretOf(second);
        expect(b).not.toBe(a);
        expect(await secretOf(second)).toBe(b);
        nextStep(clock);
        // A code from the other session's secret is no good here.
        expect((await postAs(t, second, '/staff/two-factor', { code: totpCode(a, clock.now()) })).status).toBe(401);
        const done = await postAs(t, second, '/staff/two-factor', { code: totpCode(b, clock.now()) });
        expect(done.status).toBe(200);
        expect(t.deps.encryptor.decrypt((await users().findById(me.id))!.totpSecret!)).toBe(b);
      });
    });

    test('identity never comes from the client: a made-up cookie is nobody, and form fields cannot name a user', async () => {
      expect((await getAs(t, 'x'.repeat(43), '/staff/week')).status).toBe(303);
      expect((await t.request('/staff/week', { headers: { cookie: 'closer_staff=../../etc; user_id=1; role=admin' } })).status).toBe(303);
      const cookie = await signIn(t, clock, ben);
      // Extra fields naming someone else change nothing about who is asking.
      const res = await postAs(t, cookie, '/staff/account/sessions/sign-out-others', { userId: amara.id, user_id: amara.id });
      expect(res.status).toBe(303);
      const page = await (await getAs(t, cookie, '/staff/account')).text();
      expect(page).toContain('ben@staff.example');
      expect(page).not.toContain('amara@staff.example');
    });

    test('on https the cookie is __Host-closer_staff and Secure', async () => {
      const secure = await startTestApp(dialect, { clock, env: { PUBLIC_URL: 'https://closer.example' } });
      try {
        const me = await makeStaff(secure, { email: 'secure@staff.example' });
        const res = await secure.request('/staff/login', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
          body: new URLSearchParams({ email: me.email, password: me.password }).toString(),
        });
        const header = res.headers.getSetCookie().join('\n');
        expect(header).toMatch(/^__Host-closer_staff=[A-Za-z0-9_-]{43};/m);
        expect(header).toMatch(/Secure/);
        expect(header).toMatch(/HttpOnly/);
        expect(header).toMatch(/SameSite=Lax/);
        expect(header).not.toMatch(/Domain=/i);
      } finally {
        await secure.stop();
      }
    });
  });

  describe('second factor enrolment', () => {
    test('without a second factor, a password alone reaches only the set-up page; no client data', async () => {
      const me = await fresh(false);
      const res = await postPassword(t, me.email, me.password);
      expect(res.headers.get('location')).toBe('/staff/two-factor');
      const cookie = staffCookie(res)!;
      for (const path of ['/staff/week', '/staff/account', '/staff/hours', `/staff/bookings/00000000-0000-4000-8000-000000000000`]) {
        const r = await getAs(t, cookie, path);
        expect(r.status, path).toBe(303);
        expect(r.headers.get('location')).toBe('/staff/two-factor');
      }
      const page = await (await getAs(t, cookie, '/staff/two-factor')).text();
      const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, '');
      expect(page).toContain('otpauth://totp/');
      nextStep(clock);
      expect((await postAs(t, cookie, '/staff/two-factor', { code: '123456' })).status).toBe(401);
      const done = await postAs(t, cookie, '/staff/two-factor', { code: totpCode(secret, clock.now()) });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('Save your recovery codes');
      const full = staffCookie(done)!;
      expect(full).not.toBe(cookie);
      expect((await getAs(t, full, '/staff/week')).status).toBe(200);
      const stored = await staffUserRepository(t.deps.database.db).findById(me.id);
      expect(stored!.totpSecret).not.toContain(secret);
      expect(t.deps.encryptor.decrypt(stored!.totpSecret!)).toBe(secret);
      expect((await audits('staff.second-factor.enrolled')).length).toBeGreaterThan(0);
    });

    test('with a second factor enrolled, a password alone cannot replace it', async () => {
      const res = await postPassword(t, amara.email, amara.password);
      const cookie = staffCookie(res)!;
      const setup = await getAs(t, cookie, '/staff/two-factor');
      expect(setup.status).toBe(303);
      expect(setup.headers.get('location')).toBe('/staff/login/code');
      const post = await postAs(t, cookie, '/staff/two-factor', { code: '123456' });
      expect(post.headers.get('location')).toBe('/staff/login/code');
    });
  });

  describe('password reset', () => {
    test('the answer is the same for an account and a stranger; only the account gets mail', async () => {
      const before = (await readOutbox(t, 'staff-password-reset')).length;
      const known = await t.form('/staff/password-reset', { email: ben.email });
      const unknown = await t.form('/staff/password-reset', { email: 'nobody-here@staff.example' });
      expect(known.status).toBe(200);
      expect(unknown.status).toBe(200);
      expect(normalise(await known.text())).toBe(normalise(await unknown.text()));
      const mail = await readOutbox(t, 'staff-password-reset');
      expect(mail.length).toBe(before + 1);
      expect(mail.at(-1)!.to_address).toBe(ben.email);
    });

    test('the link is single-use, short-lived and stored hashed; a new password needs 12 characters; the second factor stays', async () => {
      const me = await fresh();
      const other = await signIn(t, clock, me);
      await t.form('/staff/password-reset', { email: me.email });
      const mail = (await readOutbox(t, 'staff-password-reset')).at(-1)!;
      const token = /\/staff\/password-reset\/([A-Za-z0-9_-]{43})/.exec(mail.body_text)![1]!;
      const stored = await t.deps.database.db.selectFrom('staff_tokens').select('token_hash').execute();
      expect(stored.map((s) => s.token_hash)).toContain(sha(token));
      expect(stored.map((s) => s.token_hash)).not.toContain(token);
      expect((await t.request(`/staff/password-reset/${token}`)).status).toBe(200);
      const short = await t.form(`/staff/password-reset/${token}`, { password: 'too short', confirm: 'too short' });
      expect(short.status).toBe(422);
      const ok = await t.form(`/staff/password-reset/${token}`, { password: 'correct horse battery', confirm: 'correct horse battery' });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe('/staff/login?done=password-reset');
      // Used up.
      expect((await t.form(`/staff/password-reset/${token}`, { password: 'another long password', confirm: 'another long password' })).status).toBe(404);
      // Every session of the account ended.
      expect((await getAs(t, other, '/staff/week')).status).toBe(303);
      // The new password signs in, and still asks for the code.
      const res = await postPassword(t, me.email, 'correct horse battery');
      expect(res.headers.get('location')).toBe('/staff/login/code');
      expect((await audits('staff.password.reset')).length).toBeGreaterThan(0);

      // A second link, used after 31 minutes: dead.
      await t.form('/staff/password-reset', { email: me.email });
      const late = /\/staff\/password-reset\/([A-Za-z0-9_-]{43})/.exec((await readOutbox(t, 'staff-password-reset')).at(-1)!.body_text)![1]!;
      clock.t += 31 * 60_000;
      expect((await t.request(`/staff/password-reset/${late}`)).status).toBe(404);
      expect((await t.form(`/staff/password-reset/${late}`, { password: 'correct horse battery 2', confirm: 'correct horse battery 2' })).status).toBe(404);
    });
  });

  test('audit rows: actor, action, target id, time and request id; never an e-mail address or password', async () => {
    const rows = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', 'like', 'staff.%').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'staff.sign-in',
      'staff.sign-in.failed',
      'staff.sign-in.password',
      'staff.second-factor.failed',
      'staff.second-factor.enrolled',
      'staff.sessions.revoked',
      'staff.sign-out',
    ]) {
      expect(actions, a).toContain(a);
    }
    for (const r of rows) {
      expect(r.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.at).toBeGreaterThan(0);
      expect(`${r.actor} ${r.target ?? ''}`).not.toMatch(/@|horse|correct/);
      expect(r.target ?? 'user:x').toMatch(/^(user|therapist|client|contact|service):|^[0-9a-f-]{36}$|^practice$/);
    }
  });

  test('cross-site posts to staff forms are refused and change nothing', async () => {
    const cookie = await signIn(t, clock, amara);
    const evil = await t.request('/staff/account/sessions/sign-out-all', {
      method: 'POST',
      headers: {
        cookie: `closer_staff=${cookie}`,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
    });
    expect(evil.status).toBe(403);
    expect((await getAs(t, cookie, '/staff/week')).status).toBe(200);
    const login = await t.request('/staff/login', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: amara.email, password: amara.password }).toString(),
    });
    expect(login.status).toBe(403);
    expect(staffCookie(login)).toBeUndefined();
    const sameSiteOther = await t.request('/staff/logout', withCookie(cookie, { method: 'POST', headers: { 'sec-fetch-site': 'same-site' } }));
    expect(sameSiteOther.status).toBe(403);
    expect((await getAs(t, cookie, '/staff/week')).status).toBe(200);
  });
});
