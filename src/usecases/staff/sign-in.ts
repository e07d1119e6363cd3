// Staff sign-in: the password, then a code from the authenticator app; signing out. Answers never say
// whether an account exists; throttles only ever delay.

import { sessionStore } from '../../db/repositories/sessions.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { normaliseEmail, type StaffUser, staffUserRepository } from '../../db/repositories/staff-users.ts';
import { hashPassword, type PasswordHashCost, verifyPassword } from '../../security/password.ts';
import { matchTotp } from '../../security/totp.ts';
import { type RequestContext, type StaffDeps, type Throttled, throttle, userActor } from './context.ts';

// Sign-in throttles: per client address and per account name, in fixed windows; they reset by themselves.
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const SIGN_IN_MAX_PER_ACCOUNT = 10;
export const SIGN_IN_MAX_PER_ADDRESS = 50;
export const CODE_WINDOW_MS = 15 * 60_000;
export const CODE_MAX_PER_USER = 10;

// A real scrypt hash of a random password: an unknown account costs as much time as a known one.
// Made at the configured cost, like the real ones.
const decoyHashes = new Map<PasswordHashCost, Promise<string>>();
const decoy = (cost: PasswordHashCost) => {
  const known = decoyHashes.get(cost);
  if (known) return known;
  const made = hashPassword(`decoy-${Math.random()}-${Date.now()}`, cost);
  decoyHashes.set(cost, made);
  return made;
};

export type PasswordOutcome = Throttled | { kind: 'refused' } | { kind: 'ok'; user: StaffUser };

/** The first step: e-mail and password. Same answer, and about the same time, for an unknown account. */
export async function checkPassword(deps: StaffDeps, email: string, password: string, req: RequestContext): Promise<PasswordOutcome> {
  const { db } = deps.database;
  const account = normaliseEmail(email);
  const throttled = await throttle(deps, [
    [`staff-sign-in:address:${req.address}`, SIGN_IN_WINDOW_MS, SIGN_IN_MAX_PER_ADDRESS],
    [`staff-sign-in:account:${account}`, SIGN_IN_WINDOW_MS, SIGN_IN_MAX_PER_ACCOUNT],
  ]);
  const now = () => deps.clock.now();
  if (throttled) {
    await writeAudit(db, now(), { actor: 'anonymous', action: 'staff.sign-in.throttled', target: null, requestId: req.requestId });
    return throttled;
  }
  const user = await staffUserRepository(db).findByEmail(account);
  // An inactive account, or one invited but without a password yet, costs a full hash too.
  const usable = user?.active === true && user.passwordHash.startsWith('scrypt$');
  const ok = await verifyPassword(password, usable ? user.passwordHash : await decoy(deps.config.PASSWORD_HASH_COST));
  if (!ok || !usable || !user) {
    await writeAudit(db, now(), { actor: 'anonymous', action: 'staff.sign-in.failed', target: user ? userActor(user.id) : null, requestId: req.requestId });
    return { kind: 'refused' };
  }
  await deps.repos.rateLimits.reset(`staff-sign-in:account:${account}`);
  await writeAudit(db, now(), { actor: userActor(user.id), action: 'staff.sign-in.password', target: userActor(user.id), requestId: req.requestId });
  return { kind: 'ok', user };
}

export type CodeOutcome = Throttled | { kind: 'refused' } | { kind: 'ok' };

/**
 * What a code from the enrolled authenticator is checked for, and what the audit log calls the outcome:
 * finishing a sign-in, or proving it is the owner before a change of second factor (whose success the
 * change itself records, once the new secret is stored).
 */
const CODE_PURPOSES = {
  'sign-in': { ok: 'staff.sign-in', failed: 'staff.second-factor.failed' },
  'factor-change': { ok: null, failed: 'staff.second-factor.change-refused' },
  'recovery-codes': { ok: null, failed: 'staff.recovery-codes.refused' },
} as const satisfies Record<string, { ok: string | null; failed: string }>;

export type CodePurpose = keyof typeof CODE_PURPOSES;

/** The second step: a code from the enrolled authenticator, good once. */
export async function checkCode(deps: StaffDeps, user: StaffUser, code: string, req: RequestContext, purpose: CodePurpose = 'sign-in'): Promise<CodeOutcome> {
  const actions = CODE_PURPOSES[purpose];
  const { db } = deps.database;
  const throttled = await throttle(deps, [[`staff-code:user:${user.id}`, CODE_WINDOW_MS, CODE_MAX_PER_USER]]);
  const actor = userActor(user.id);
  if (throttled) {
    await writeAudit(db, deps.clock.now(), { actor, action: 'staff.second-factor.throttled', target: actor, requestId: req.requestId });
    return throttled;
  }
  const fresh = await staffUserRepository(db).findById(user.id);
  const step = fresh?.totpSecret ? matchTotp(deps.encryptor.decrypt(fresh.totpSecret), code, deps.clock.now(), fresh.totpLastStep) : null;
  const claimed = step !== null && (await staffUserRepository(db).claimTotpStep(user.id, step));
  if (!claimed) {
    await writeAudit(db, deps.clock.now(), { actor, action: actions.failed, target: actor, requestId: req.requestId });
    return { kind: 'refused' };
  }
  await deps.repos.rateLimits.reset(`staff-code:user:${user.id}`);
  if (actions.ok) await writeAudit(db, deps.clock.now(), { actor, action: actions.ok, target: actor, requestId: req.requestId });
  return { kind: 'ok' };
}

/** Signing out: this session ends (the cookie goes with it, in the web layer), and the log says so. */
export async function signOut(
  deps: StaffDeps,
  user: StaffUser | null,
  sessionIdHash: string | undefined,
  req: Pick<RequestContext, 'requestId'>,
): Promise<void> {
  const { db } = deps.database;
  if (sessionIdHash) await sessionStore(db, 'staff').delete(sessionIdHash);
  if (user)
    await writeAudit(db, deps.clock.now(), { actor: userActor(user.id), action: 'staff.sign-out', target: userActor(user.id), requestId: req.requestId });
}

/** Re-entering the password to change it or the second factor: throttled like a sign-in, per account. */
export const throttlePasswordCheck = (deps: StaffDeps, userId: string) =>
  throttle(deps, [[`staff-password-change:user:${userId}`, SIGN_IN_WINDOW_MS, SIGN_IN_MAX_PER_ACCOUNT]]);

/**
 * The current password, asked again before a change that needs it (a new password, a new second factor,
 * new recovery codes): throttled per account, and a wrong one audited under `refusedAction`. Answers the
 * user as stored now, or the refusal to pass on. `withFactor`: someone without a second factor is refused too.
 */
export async function confirmCurrentPassword(
  deps: StaffDeps,
  userId: string,
  password: string,
  refusedAction: string,
  req: RequestContext,
  withFactor = false,
): Promise<{ kind: 'ok'; user: StaffUser } | Throttled | { kind: 'refused'; field: 'current' }> {
  const throttled = await throttlePasswordCheck(deps, userId);
  if (throttled) return throttled;
  const fresh = await staffUserRepository(deps.database.db).findById(userId);
  if (!fresh || (withFactor && !fresh.totpSecret) || !(await verifyPassword(password, fresh.passwordHash))) {
    const actor = userActor(userId);
    await writeAudit(deps.database.db, deps.clock.now(), { actor, action: refusedAction, target: actor, requestId: req.requestId });
    return { kind: 'refused', field: 'current' };
  }
  return { kind: 'ok', user: fresh };
}
