// Helpers for staff tests: accounts made straight in the database, signing in over HTTP (password, then a
// TOTP code worked out from the enrolled secret) or a session made directly, and the session cookie.
// The browser's sign-in is signInStaffPage in ./browser.ts.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { sessionStore } from '../../src/db/repositories/sessions.ts';
import { staffUserRepository } from '../../src/db/repositories/staff-users.ts';
import { hashPassword } from '../../src/security/password.ts';
import { newTotpSecret, totpCode } from '../../src/security/totp.ts';
import { ADMIN, ORIGIN, type TestApp } from './app.ts';
import { decodeHtml } from './html.ts';

export interface Clocked {
  t: number;
  now(): number;
}

export interface StaffAccount {
  id: string;
  email: string;
  password: string;
  /** Base32; null when no second factor is enrolled. */
  secret: string | null;
  therapistId: string | null;
}

/** The value of the staff cookie a response sets (or '' when it clears it), or undefined. */
export function staffCookie(res: Response): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const m = /^(?:__Host-)?closer_staff=([^;]*)/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

export const withCookie = (cookie: string | undefined, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie: `closer_staff=${cookie}` } : {}) },
});

/** A staff user made directly, optionally with an enrolled second factor. */
export async function makeStaff(
  t: TestApp,
  options: { email: string; role?: 'admin' | 'therapist'; therapistId?: string | null; password?: string; enrolled?: boolean },
): Promise<StaffAccount> {
  const now = t.deps.clock.now();
  const id = randomUUID();
  const password = options.password ?? `pw-${randomUUID()}`;
  const users = staffUserRepository(t.deps.database.db);
  await users.insert(
    { id, email: options.email, name: options.email.split('@')[0]!, role: options.role ?? 'therapist', therapistId: options.therapistId ?? null },
    now,
  );
  await users.setPassword(id, await hashPassword(password, t.deps.config.PASSWORD_HASH_COST), now);
  let secret: string | null = null;
  if (options.enrolled !== false) {
    secret = newTotpSecret();
    const sealed = t.deps.encryptor.encrypt(secret);
    await users.setPendingSecret(id, sealed, now);
    await users.confirmPendingSecret(id, sealed, 0, now);
  }
  return { id, email: options.email, password, secret, therapistId: options.therapistId ?? null };
}

/** The seeded admin, with a second factor enrolled directly. */
export async function enrolAdmin(t: TestApp): Promise<StaffAccount> {
  const users = staffUserRepository(t.deps.database.db);
  const admin = (await users.findByEmail(ADMIN.email))!;
  const secret = newTotpSecret();
  const sealed = t.deps.encryptor.encrypt(secret);
  await users.setPendingSecret(admin.id, sealed, t.deps.clock.now());
  await users.confirmPendingSecret(admin.id, sealed, 0, t.deps.clock.now());
  return { id: admin.id, email: ADMIN.email, password: ADMIN.password, secret, therapistId: null };
}

/** Moves a settable clock on to the next TOTP step (a code is good once per step). */
export function nextStep(clock: Clocked) {
  clock.t = (Math.floor(clock.t / 30_000) + 1) * 30_000 + 1_000;
}

export async function postPassword(t: TestApp, email: string, password: string, cookie?: string) {
  return t.form('/staff/login', { email, password }, withCookie(cookie));
}

export async function postCode(t: TestApp, cookie: string | undefined, code: string) {
  return t.form('/staff/login/code', { code }, withCookie(cookie));
}

/** Signs in with password and code; returns the session cookie of the full session. */
export async function signIn(t: TestApp, clock: Clocked, account: StaffAccount): Promise<string> {
  const first = await postPassword(t, account.email, account.password);
  expect(first.status).toBe(303);
  const pending = staffCookie(first)!;
  expect(pending).toBeTruthy();
  if (!account.secret) {
    expect(first.headers.get('location')).toBe('/staff/two-factor');
    return pending;
  }
  expect(first.headers.get('location')).toBe('/staff/login/code');
  nextStep(clock);
  const second = await postCode(t, pending, totpCode(account.secret, clock.now()));
  expect(second.status).toBe(303);
  expect(second.headers.get('location')).toBe('/staff');
  const full = staffCookie(second)!;
  expect(full).toBeTruthy();
  expect(full).not.toBe(pending);
  return full;
}

/** The seeded admin, enrolled, signed in over HTTP with password and code. */
export async function signInAdmin(t: TestApp, clock: Clocked): Promise<{ account: StaffAccount; cookie: string }> {
  const account = await enrolAdmin(t);
  return { account, cookie: await signIn(t, clock, account) };
}

/** A new therapist account (enrolled unless told otherwise), signed in over HTTP. */
export async function signInTherapist(
  t: TestApp,
  clock: Clocked,
  options: { email: string; therapistId: string; enrolled?: boolean },
): Promise<{ account: StaffAccount; cookie: string }> {
  const account = await makeStaff(t, options);
  return { account, cookie: await signIn(t, clock, account) };
}

/**
 * A session made directly in the database, without the sign-in pages: for tests that probe many routes
 * and want a fresh session per probe. `secondFactorDone: false` is a session half-way through sign-in.
 */
export function staffSession(
  t: TestApp,
  account: Pick<StaffAccount, 'id'>,
  options: { secondFactorDone?: boolean; userAgent?: string; now?: number } = {},
): Promise<string> {
  return sessionStore(t.deps.database.db, 'staff').create(account.id, options.now ?? t.deps.clock.now(), {
    secondFactorDone: options.secondFactorDone ?? true,
    userAgent: options.userAgent ?? 'test',
  });
}

/** GET as a signed-in user. */
export const getAs = (t: TestApp, cookie: string | undefined, path: string) => t.request(path, withCookie(cookie));
/** A same-origin form POST as a signed-in user. */
export const postAs = (t: TestApp, cookie: string | undefined, path: string, fields: Record<string, string> = {}) => t.form(path, fields, withCookie(cookie));

/** A same-origin form POST whose body may repeat a field (several ranges, several checkboxes). */
export const postBody = (t: TestApp, cookie: string | undefined, path: string, body: URLSearchParams) =>
  t.request(
    path,
    withCookie(cookie, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
      body: body.toString(),
    }),
  );

/** The fields a page's form would send as it stands (inputs with values, selected options, checked boxes). */
export function formState(html: string, action: string): URLSearchParams {
  const start = html.indexOf(`action="${action}"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out = new URLSearchParams();
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name) continue;
    const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\schecked(=""|\s|$)/.test(attrs)) continue;
    out.append(name, decodeHtml(/value="([^"]*)"/.exec(attrs)?.[1] ?? ''));
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected=""/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
    out.append(m[1]!, decodeHtml(selected));
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out.append(m[1]!, decodeHtml(m[2]!));
  return out;
}

/**
 * A profile change waiting for approval, written as changes were before fees were per service (one fee for
 * every service): for tests of approving, and of who may see or decide it. Answers its id.
 */
export async function fileOlderProfileChange(
  t: TestApp,
  therapistId: string,
  submittedBy: string,
  texts: { bio: string; approach: string; concerns: string[] },
): Promise<string> {
  const id = randomUUID();
  await t.deps.database.db
    .insertInto('profile_changes')
    .values({
      id,
      therapist_id: therapistId,
      submitted_by: submittedBy,
      changes: JSON.stringify({ ...texts, languages: ['en'], formats: ['online'], feeMinor: 5000 }),
      status: 'pending',
      created_at: t.deps.clock.now(),
      decided_at: null,
      decided_by: null,
    })
    .execute();
  return id;
}
