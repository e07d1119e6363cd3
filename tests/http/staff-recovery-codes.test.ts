// Issue 12: recovery codes for the second factor. Ten at enrolment, shown once, stored hashed; each signs
// in once in place of the app's code and tells the owner by e-mail; a new set needs the password and a code.
import { describe, expect, test } from 'vitest';
import { hashRecoveryCode, normaliseRecoveryCode } from '../../src/security/recovery-codes.ts';
import { totpCode } from '../../src/security/totp.ts';
import { useTestApp } from '../support/app.ts';
import { fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';
import { getAs, makeStaff, nextStep, postAs, postPassword, type StaffAccount, signIn, staffCookie } from '../support/staff.ts';

const CODE = /<code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})<\/code>/g;
const codesIn = (html: string) => [...html.matchAll(CODE)].map((m) => m[1]!);

describe.each(DIALECTS)('staff recovery codes on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, { clock });
  let serial = 0;
  const stored = (userId: string) => t.deps.database.db.selectFrom('staff_recovery_codes').selectAll().where('user_id', '=', userId).execute();

  /** A new account that enrols its authenticator over HTTP; returns it (with its secret) and the codes shown. */
  async function enrolled(): Promise<{ me: StaffAccount & { secret: string }; codes: string[] }> {
    const me = await makeStaff(t, { email: `rc${++serial}@staff.example`, enrolled: false });
    const pending = staffCookie(await postPassword(t, me.email, me.password))!;
    const page = await (await getAs(t, pending, '/staff/two-factor')).text();
    const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, '');
    nextStep(clock);
    const done = await postAs(t, pending, '/staff/two-factor', { code: totpCode(secret, clock.now()) });
    expect(done.status).toBe(200);
    const html = await done.text();
    expect(html).toContain('Save your recovery codes');
    expect(html).toContain('href="/staff?done=two-factor-ready"');
    return { me: { ...me, secret }, codes: codesIn(html) };
  }

  /** Password, then a recovery code instead of the app's code. */
  async function signInWithCode(me: StaffAccount, code: string) {
    const pending = staffCookie(await postPassword(t, me.email, me.password))!;
    return { pending, res: await postAs(t, pending, '/staff/login/recovery', { recovery: code }) };
  }

  test('enrolling shows ten different codes once; only their hashes are stored', async () => {
    const { me, codes } = await enrolled();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const rows = await stored(me.id);
    expect(rows).toHaveLength(10);
    const hashes = rows.map((r) => r.code_hash).sort();
    expect(hashes).toEqual(codes.map((c) => hashRecoveryCode(normaliseRecoveryCode(c)!)).sort());
    for (const c of codes) expect(JSON.stringify(rows)).not.toContain(c.replace(/-/g, ''));
  });

  test('a code signs in once in place of the app, however it is typed; the owner is told by e-mail', async () => {
    const { me, codes } = await enrolled();
    const typed = codes[3]!.toLowerCase().replace(/-/g, ' ');
    const { pending, res } = await signInWithCode(me, typed);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/account?done=recovery-code-used');
    const full = staffCookie(res)!;
    expect(full).not.toBe(pending);
    const account = await (await getAs(t, full, res.headers.get('location')!)).text();
    expect(account).toContain('You signed in with a recovery code');
    expect(account).toContain('You have 9 recovery codes left.');
    const mail = (await readOutbox(t, { kind: 'staff-recovery-code-used', to: me.email })).at(-1)!;
    expect(mail.text).toContain('9 codes are left');
    expect(mail.text).not.toContain(codes[3]!);
    // The same code again is refused, and so is a made-up one; the page offers the form again with the message.
    const again = await signInWithCode(me, codes[3]!);
    expect(again.res.status).toBe(401);
    expect(await again.res.text()).toContain('That recovery code is not right, or was already used');
    expect((await signInWithCode(me, 'AAAA-BBBB-CCCC-DDDD')).res.status).toBe(401);
    expect((await signInWithCode(me, 'not a code')).res.status).toBe(422);
    // Another account's code does not work for this one.
    const other = await enrolled();
    expect((await signInWithCode(me, other.codes[0]!)).res.status).toBe(401);
    const actions = (await t.deps.database.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.recovery-codes.issued', 'staff.sign-in.recovery-code']));
  });

  test('guessing is throttled with the app codes', async () => {
    const { me, codes } = await enrolled();
    const pending = staffCookie(await postPassword(t, me.email, me.password))!;
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) last = await postAs(t, pending, '/staff/login/recovery', { recovery: `AAAA-BBBB-CCCC-DD${'AB'[i % 2]}${(i % 6) + 2}` });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right code waits until the window has passed.
    expect((await postAs(t, pending, '/staff/login/recovery', { recovery: codes[0]! })).status).toBe(429);
  });

  test('a new set needs the password and a code from the app; the old set stops working', async () => {
    const { me, codes } = await enrolled();
    const cookie = await signIn(t, clock, me);
    expect((await postAs(t, cookie, '/staff/account/recovery-codes', { current: 'wrong password here', code: totpCode(me.secret, clock.now()) })).status).toBe(
      401,
    );
    nextStep(clock);
    expect((await postAs(t, cookie, '/staff/account/recovery-codes', { current: me.password, code: '000000' })).status).toBe(401);
    expect((await postAs(t, cookie, '/staff/account/recovery-codes', { current: me.password })).status).toBe(422);
    expect((await stored(me.id)).map((r) => r.code_hash).sort()).toEqual(codes.map((c) => hashRecoveryCode(normaliseRecoveryCode(c)!)).sort());
    nextStep(clock);
    const made = await postAs(t, cookie, '/staff/account/recovery-codes', { current: me.password, code: totpCode(me.secret, clock.now()) });
    expect(made.status).toBe(200);
    const fresh = codesIn(await made.text());
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    expect((await signInWithCode(me, codes[0]!)).res.status).toBe(401);
    expect((await signInWithCode(me, fresh[0]!)).res.status).toBe(303);
  });

  test('enrolling a new authenticator replaces the set', async () => {
    const { me, codes } = await enrolled();
    const cookie = await signIn(t, clock, me);
    nextStep(clock);
    expect((await postAs(t, cookie, '/staff/account/two-factor', { current: me.password, code: totpCode(me.secret, clock.now()) })).status).toBe(303);
    const page = await (await getAs(t, cookie, '/staff/two-factor')).text();
    const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, '');
    nextStep(clock);
    const done = await postAs(t, cookie, '/staff/two-factor', { code: totpCode(secret, clock.now()) });
    const fresh = codesIn(await done.text());
    expect(fresh).toHaveLength(10);
    expect((await signInWithCode(me, codes[0]!)).res.status).toBe(401);
  });
});
