// Staff sign-in: the password, then the second factor; enrolment and changes of either; password resets
// and invitations. Answers never say whether an account exists; throttles only ever delay.
import { z } from 'zod';
import { practiceRepository } from '../db/repositories/practice.ts';
import { writeAudit } from '../db/repositories/staff-audit.ts';
import { staffSessionRepository } from '../db/repositories/staff-sessions.ts';
import { normaliseEmail, pendingIsLive, type StaffUser, staffUserRepository } from '../db/repositories/staff-users.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { hashPassword, verifyPassword } from '../security/password.ts';
import { matchTotp, newTotpSecret } from '../security/totp.ts';
import type { AppDeps } from '../app/deps.ts';
import { invitationMail, passwordResetMail } from './staff-mail.ts';

export type StaffDeps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config' | 'repos'>;

/** Who did it, as the audit log writes it. */
export const userActor = (userId: string) => `user:${userId}`;

export const MIN_PASSWORD = 12;
/** Long enough for any passphrase; short enough that hashing it costs nothing extra. */
export const MAX_PASSWORD = 256;
export const NewPassword = z
  .string()
  .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters: a few unrelated words make a strong password`)
  .max(MAX_PASSWORD, `Use at most ${MAX_PASSWORD} characters`);

// Sign-in throttles: per client address and per account name, in fixed windows; they reset by themselves.
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const SIGN_IN_MAX_PER_ACCOUNT = 10;
export const SIGN_IN_MAX_PER_ADDRESS = 50;
export const CODE_WINDOW_MS = 15 * 60_000;
export const CODE_MAX_PER_USER = 10;
export const RESET_WINDOW_MS = 60 * 60_000;
export const RESET_MAX_PER_ACCOUNT = 5;
export const RESET_MAX_PER_ADDRESS = 20;
export const RESET_TTL_MS = 30 * 60_000;
export const INVITE_TTL_MS = 7 * 86_400_000;
/** A secret being enrolled or changed to is usable this long, and only by the session that started it. */
export const PENDING_SECRET_TTL_MS = 15 * 60_000;

// A real scrypt hash of a random password: an unknown account costs as much time as a known one.
let decoyHash: Promise<string> | undefined;
const decoy = () => {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
};

export interface RequestContext {
  address: string;
  requestId: string;
}

export type Throttled = { kind: 'throttled'; retryAfterSeconds: number };

async function throttle(deps: StaffDeps, checks: [key: string, windowMs: number, max: number][]): Promise<Throttled | undefined> {
  const now = deps.clock.now();
  let worst: number | undefined;
  for (const [key, windowMs, max] of checks) {
    const r = await deps.repos.rateLimits.hit(key, windowMs, max, now);
    if (!r.allowed) worst = Math.max(worst ?? 0, r.retryAfterSeconds);
  }
  return worst === undefined ? undefined : { kind: 'throttled', retryAfterSeconds: worst };
}

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
  const ok = await verifyPassword(password, usable ? user.passwordHash : await decoy());
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
  await staffUserRepository(deps.database.db).setPendingSecret(user.id, deps.encryptor.encrypt(secret), now, { sessionIdHash, expiresAt: now + PENDING_SECRET_TTL_MS });
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
  const revoked = await staffSessionRepository(db).deleteForUser(user.id, keepSessionHash);
  const now = deps.clock.now();
  await writeAudit(db, now, { actor, action: fresh.totpSecret ? 'staff.second-factor.changed' : 'staff.second-factor.enrolled', target: actor, requestId: req.requestId });
  await writeAudit(db, now, { actor, action: 'staff.sessions.revoked', target: actor, requestId: req.requestId });
  await deps.repos.rateLimits.reset(`staff-code:user:${user.id}`);
  return { kind: 'ok', revoked };
}

export type ChangeOutcome = Throttled | { kind: 'refused'; field: 'current' | 'code' } | { kind: 'ok' };

/**
 * Starts changing the second factor: the password and a code from the current one, in the same request,
 * prove it is the owner. The new secret is for this session only (`sessionIdHash`), for
 * PENDING_SECRET_TTL_MS; starting again replaces it.
 */
export async function startSecondFactorChange(
  deps: StaffDeps, user: StaffUser, password: string, code: string, sessionIdHash: string, req: RequestContext,
): Promise<ChangeOutcome> {
  const { db } = deps.database;
  const actor = userActor(user.id);
  const throttled = await throttle(deps, [[`staff-password-change:user:${user.id}`, SIGN_IN_WINDOW_MS, SIGN_IN_MAX_PER_ACCOUNT]]);
  if (throttled) return throttled;
  const fresh = await staffUserRepository(db).findById(user.id);
  if (!fresh?.totpSecret || !(await verifyPassword(password, fresh.passwordHash))) {
    await writeAudit(db, deps.clock.now(), { actor, action: 'staff.second-factor.change-refused', target: actor, requestId: req.requestId });
    return { kind: 'refused', field: 'current' };
  }
  const checked = await checkCode(deps, fresh, code, req, 'factor-change');
  if (checked.kind === 'throttled') return checked;
  if (checked.kind === 'refused') return { kind: 'refused', field: 'code' };
  const now = deps.clock.now();
  await staffUserRepository(db).setPendingSecret(user.id, deps.encryptor.encrypt(newTotpSecret()), now, { sessionIdHash, expiresAt: now + PENDING_SECRET_TTL_MS });
  await writeAudit(db, now, { actor, action: 'staff.second-factor.change-started', target: actor, requestId: req.requestId });
  return { kind: 'ok' };
}

/** A new password, given the current one; every other session ends. */
export async function changePassword(deps: StaffDeps, user: StaffUser, current: string, next: string, keepSessionHash: string, req: RequestContext): Promise<ChangeOutcome> {
  const { db } = deps.database;
  const actor = userActor(user.id);
  const throttled = await throttle(deps, [[`staff-password-change:user:${user.id}`, SIGN_IN_WINDOW_MS, SIGN_IN_MAX_PER_ACCOUNT]]);
  if (throttled) return throttled;
  if (!(await verifyPassword(current, user.passwordHash))) {
    await writeAudit(db, deps.clock.now(), { actor, action: 'staff.password.change-refused', target: actor, requestId: req.requestId });
    return { kind: 'refused', field: 'current' };
  }
  const hash = await hashPassword(next);
  const now = deps.clock.now();
  await staffUserRepository(db).setPassword(user.id, hash, now);
  await staffSessionRepository(db).deleteForUser(user.id, keepSessionHash);
  await writeAudit(db, now, { actor, action: 'staff.password.changed', target: actor, requestId: req.requestId });
  await writeAudit(db, now, { actor, action: 'staff.sessions.revoked', target: actor, requestId: req.requestId });
  return { kind: 'ok' };
}

/** Sends a reset link when the account exists; the caller answers the same either way. */
export async function requestPasswordReset(deps: StaffDeps, email: string, req: RequestContext): Promise<Throttled | { kind: 'ok' }> {
  const { db } = deps.database;
  const account = normaliseEmail(email);
  const throttled = await throttle(deps, [
    [`staff-reset:address:${req.address}`, RESET_WINDOW_MS, RESET_MAX_PER_ADDRESS],
    [`staff-reset:account:${account}`, RESET_WINDOW_MS, RESET_MAX_PER_ACCOUNT],
  ]);
  if (throttled) return throttled;
  const user = await staffUserRepository(db).findByEmail(account);
  const now = deps.clock.now();
  if (user?.active) {
    const practice = await deps.repos.practice.get();
    await db.transaction().execute(async (trx) => {
      const token = await staffUserRepository(trx).issueToken(user.id, 'reset', now, RESET_TTL_MS);
      await enqueueMail(trx, passwordResetMail(user.email, user.name, `${deps.config.publicUrl}/staff/password-reset/${token}`, practice), now, deps.encryptor);
    });
  }
  await writeAudit(db, now, { actor: 'anonymous', action: 'staff.password.reset-requested', target: user ? userActor(user.id) : null, requestId: req.requestId });
  return { kind: 'ok' };
}

/** Whether a reset or invitation link is live (to show its form). */
export async function tokenIsLive(deps: StaffDeps, token: string, purpose: 'reset' | 'invite'): Promise<boolean> {
  return (await staffUserRepository(deps.database.db).peekToken(token, purpose, deps.clock.now())) !== undefined;
}

/**
 * Sets the password a reset or invitation link was for, using the link up. A reset ends every session of
 * the account; the second factor stays. Returns the user, or undefined for a dead link.
 */
export async function setPasswordWithToken(deps: StaffDeps, token: string, purpose: 'reset' | 'invite', password: string, req: RequestContext): Promise<StaffUser | undefined> {
  const { db } = deps.database;
  const hash = await hashPassword(password);
  const now = deps.clock.now();
  const userId = await staffUserRepository(db).consumeToken(token, purpose, now);
  const user = userId ? await staffUserRepository(db).findById(userId) : undefined;
  if (!user?.active) return undefined;
  await staffUserRepository(db).setPassword(user.id, hash, now);
  const revoked = await staffSessionRepository(db).deleteForUser(user.id);
  const actor = userActor(user.id);
  await writeAudit(db, now, { actor, action: purpose === 'reset' ? 'staff.password.reset' : 'staff.invitation.accepted', target: actor, requestId: req.requestId });
  if (revoked > 0) await writeAudit(db, now, { actor, action: 'staff.sessions.revoked', target: actor, requestId: req.requestId });
  return { ...user, passwordHash: hash };
}

/** The e-mail that invites a new member of staff (inside the caller's transaction). */
export async function sendInvitation(deps: StaffDeps, trx: Parameters<typeof enqueueMail>[0], user: { id: string; email: string; name: string }, now: number): Promise<void> {
  const token = await staffUserRepository(trx).issueToken(user.id, 'invite', now, INVITE_TTL_MS);
  const practice = await practiceRepository(trx).get();
  await enqueueMail(trx, invitationMail(user.email, user.name, `${deps.config.publicUrl}/staff/invitation/${token}`, practice), now, deps.encryptor);
}
