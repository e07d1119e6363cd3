// The second factor: enrolling an authenticator app (the first time, or to change to a new one), from the
// session that started it and within PENDING_SECRET_TTL_MS. Finishing ends every other session.
import { sessionStore } from '../../db/repositories/sessions.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { pendingIsLive, type StaffUser, staffUserRepository } from '../../db/repositories/staff-users.ts';
import { matchTotp, newTotpSecret } from '../../security/totp.ts';
import { type RequestContext, type StaffDeps, type Throttled, throttle, userActor } from './context.ts';
import { CODE_MAX_PER_USER, CODE_WINDOW_MS, checkCode, confirmCurrentPassword } from './sign-in.ts';

/** A secret being enrolled or changed to is usable this long, and only by the session that started it. */
export const PENDING_SECRET_TTL_MS = 15 * 60_000;

export type ChangeOutcome = Throttled | { kind: 'refused'; field: 'current' | 'code' } | { kind: 'ok' };

/** Whether this session may see and confirm the user's pending secret now (it started it, and it is fresh). */
export const pendingSecretIsLive = (deps: Pick<StaffDeps, 'clock'>, user: StaffUser, sessionIdHash: string): boolean =>
  pendingIsLive(user, sessionIdHash, deps.clock.now());

/**
 * The secret being enrolled, in plain base32 for its owner's eyes only, when this session may see it.
 * A first enrolment (no second factor yet) gets a new secret for this session when it has none live; a
 * change is only ever started by startSecondFactorChange (password and current code), so without a live
 * one there is nothing to show.
 */
export async function pendingSecret(deps: StaffDeps, user: StaffUser, sessionIdHash: string): Promise<string | undefined> {
  const now = deps.clock.now();
  if (pendingIsLive(user, sessionIdHash, now)) return deps.encryptor.decrypt(user.totpPending!);
  if (user.totpSecret) return undefined;
  const secret = newTotpSecret();
  await staffUserRepository(deps.database.db).setPendingSecret(user.id, deps.encryptor.encrypt(secret), now, {
    sessionIdHash,
    expiresAt: now + PENDING_SECRET_TTL_MS,
  });
  return secret;
}

export type EnrolOutcome = Throttled | { kind: 'refused' } | { kind: 'ok'; revoked: number };

/**
 * Confirms enrolment with a code from the new secret, from the session that started it and within
 * PENDING_SECRET_TTL_MS. The new factor replaces any old one, and every other session of the user ends.
 */
export async function confirmEnrolment(deps: StaffDeps, user: StaffUser, code: string, keepSessionHash: string, req: RequestContext): Promise<EnrolOutcome> {
  const { db } = deps.database;
  const users = staffUserRepository(db);
  const actor = userActor(user.id);
  const throttled = await throttle(deps, [[`staff-code:user:${user.id}`, CODE_WINDOW_MS, CODE_MAX_PER_USER]]);
  if (throttled) return throttled;
  const fresh = await users.findById(user.id);
  if (!fresh?.totpPending || !pendingIsLive(fresh, keepSessionHash, deps.clock.now())) {
    await writeAudit(db, deps.clock.now(), { actor, action: 'staff.second-factor.enrol-failed', target: actor, requestId: req.requestId });
    return { kind: 'refused' };
  }
  const step = matchTotp(deps.encryptor.decrypt(fresh.totpPending), code, deps.clock.now(), null);
  if (step === null || !(await users.confirmPendingSecret(user.id, fresh.totpPending, step, deps.clock.now(), keepSessionHash))) {
    await writeAudit(db, deps.clock.now(), { actor, action: 'staff.second-factor.enrol-failed', target: actor, requestId: req.requestId });
    return { kind: 'refused' };
  }
  const revoked = await sessionStore(db, 'staff').deleteAllFor(user.id, keepSessionHash);
  const now = deps.clock.now();
  await writeAudit(db, now, {
    actor,
    action: fresh.totpSecret ? 'staff.second-factor.changed' : 'staff.second-factor.enrolled',
    target: actor,
    requestId: req.requestId,
  });
  await writeAudit(db, now, { actor, action: 'staff.sessions.revoked', target: actor, requestId: req.requestId });
  await deps.repos.rateLimits.reset(`staff-code:user:${user.id}`);
  return { kind: 'ok', revoked };
}

/**
 * Starts changing the second factor: the password and a code from the current one, in the same request,
 * prove it is the owner. The new secret is for this session only (`sessionIdHash`), for
 * PENDING_SECRET_TTL_MS; starting again replaces it.
 */
export async function startSecondFactorChange(
  deps: StaffDeps,
  user: StaffUser,
  password: string,
  code: string,
  sessionIdHash: string,
  req: RequestContext,
): Promise<ChangeOutcome> {
  const { db } = deps.database;
  const actor = userActor(user.id);
  const confirmed = await confirmCurrentPassword(deps, user.id, password, 'staff.second-factor.change-refused', req, true);
  if (confirmed.kind !== 'ok') return confirmed;
  const fresh = confirmed.user;
  const checked = await checkCode(deps, fresh, code, req, 'factor-change');
  if (checked.kind === 'throttled') return checked;
  if (checked.kind === 'refused') return { kind: 'refused', field: 'code' };
  const now = deps.clock.now();
  await staffUserRepository(db).setPendingSecret(user.id, deps.encryptor.encrypt(newTotpSecret()), now, {
    sessionIdHash,
    expiresAt: now + PENDING_SECRET_TTL_MS,
  });
  await writeAudit(db, now, { actor, action: 'staff.second-factor.change-started', target: actor, requestId: req.requestId });
  return { kind: 'ok' };
}
