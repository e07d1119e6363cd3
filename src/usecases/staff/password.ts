// Staff passwords: changing one (given the current one), resetting a forgotten one by e-mailed link, and
// choosing the first one from an invitation. Links are single-use and short-lived; only hashes are stored.
import { z } from 'zod';
import { practiceRepository } from '../../db/repositories/practice.ts';
import { sessionStore } from '../../db/repositories/sessions.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { normaliseEmail, type StaffUser, staffUserRepository } from '../../db/repositories/staff-users.ts';
import { invitationMail, passwordResetMail } from '../../mail/staff-messages.ts';
import { hashPassword } from '../../security/password.ts';
import { enqueueMail } from '../outbox.ts';
import { type RequestContext, type StaffDeps, type Throttled, throttle, userActor } from './context.ts';
import type { ChangeOutcome } from './second-factor.ts';
import { confirmCurrentPassword } from './sign-in.ts';

export const MIN_PASSWORD = 12;
/** Long enough for any passphrase; short enough that hashing it costs nothing extra. */
export const MAX_PASSWORD = 256;
export const NewPassword = z
  .string()
  .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters: a few unrelated words make a strong password`)
  .max(MAX_PASSWORD, `Use at most ${MAX_PASSWORD} characters`);

export const RESET_WINDOW_MS = 60 * 60_000;
export const RESET_MAX_PER_ACCOUNT = 5;
export const RESET_MAX_PER_ADDRESS = 20;
export const RESET_TTL_MS = 30 * 60_000;
export const INVITE_TTL_MS = 7 * 86_400_000;

/** A new password, given the current one; every other session ends. */
export async function changePassword(
  deps: StaffDeps,
  user: StaffUser,
  current: string,
  next: string,
  keepSessionHash: string,
  req: RequestContext,
): Promise<ChangeOutcome> {
  const { db } = deps.database;
  const actor = userActor(user.id);
  const confirmed = await confirmCurrentPassword(deps, user.id, current, 'staff.password.change-refused', req);
  if (confirmed.kind !== 'ok') return confirmed;
  const hash = await hashPassword(next, deps.config.PASSWORD_HASH_COST);
  const now = deps.clock.now();
  await staffUserRepository(db).setPassword(user.id, hash, now);
  await sessionStore(db, 'staff').deleteAllFor(user.id, keepSessionHash);
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
  await writeAudit(db, now, {
    actor: 'anonymous',
    action: 'staff.password.reset-requested',
    target: user ? userActor(user.id) : null,
    requestId: req.requestId,
  });
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
export async function setPasswordWithToken(
  deps: StaffDeps,
  token: string,
  purpose: 'reset' | 'invite',
  password: string,
  req: RequestContext,
): Promise<StaffUser | undefined> {
  const { db } = deps.database;
  const hash = await hashPassword(password, deps.config.PASSWORD_HASH_COST);
  const now = deps.clock.now();
  const userId = await staffUserRepository(db).consumeToken(token, purpose, now);
  const user = userId ? await staffUserRepository(db).findById(userId) : undefined;
  if (!user?.active) return undefined;
  await staffUserRepository(db).setPassword(user.id, hash, now);
  const revoked = await sessionStore(db, 'staff').deleteAllFor(user.id);
  const actor = userActor(user.id);
  await writeAudit(db, now, {
    actor,
    action: purpose === 'reset' ? 'staff.password.reset' : 'staff.invitation.accepted',
    target: actor,
    requestId: req.requestId,
  });
  if (revoked > 0) await writeAudit(db, now, { actor, action: 'staff.sessions.revoked', target: actor, requestId: req.requestId });
  return { ...user, passwordHash: hash };
}

/** The e-mail that invites a new member of staff (inside the caller's transaction). */
export async function sendInvitation(
  deps: StaffDeps,
  trx: Parameters<typeof enqueueMail>[0],
  user: { id: string; email: string; name: string },
  now: number,
): Promise<void> {
  const token = await staffUserRepository(trx).issueToken(user.id, 'invite', now, INVITE_TTL_MS);
  const practice = await practiceRepository(trx).get();
  await enqueueMail(trx, invitationMail(user.email, user.name, `${deps.config.publicUrl}/staff/invitation/${token}`, practice), now, deps.encryptor);
}
