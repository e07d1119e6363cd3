// Recovery codes for the second factor: a set of ten is issued whenever an authenticator is enrolled (and
// on request, with the password and a current code); one code signs in once in place of the app's code,
// and the owner is told by e-mail each time.
import { recoveryCodeRepository } from '../../db/repositories/recovery-codes.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import type { StaffUser } from '../../db/repositories/staff-users.ts';
import { recoveryCodeUsedMail } from '../../mail/staff-messages.ts';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from '../../security/recovery-codes.ts';
import { enqueueMail } from '../outbox.ts';
import { type RequestContext, type StaffDeps, type Throttled, throttle, userActor } from './context.ts';
import { CODE_MAX_PER_USER, CODE_WINDOW_MS, type CodeOutcome, checkCode, confirmCurrentPassword } from './sign-in.ts';

/** A new set for the user (the old one stops working); the codes are returned once, to show their owner. */
export async function issueRecoveryCodes(deps: StaffDeps, userId: string, req: Pick<RequestContext, 'requestId'>): Promise<string[]> {
  const codes = newRecoveryCodes();
  const now = deps.clock.now();
  const { db } = deps.database;
  await db.transaction().execute(async (trx) => {
    await recoveryCodeRepository(trx).replace(
      userId,
      codes.map((c) => hashRecoveryCode(normaliseRecoveryCode(c)!)),
      now,
    );
    await writeAudit(trx, now, { actor: userActor(userId), action: 'staff.recovery-codes.issued', target: userActor(userId), requestId: req.requestId });
  });
  return codes;
}

export const recoveryCodesLeft = (deps: StaffDeps, userId: string) => recoveryCodeRepository(deps.database.db).countLeft(userId);

/** The second sign-in step with a recovery code instead of the app's code: throttled with the codes, good once. */
export async function checkRecoveryCode(deps: StaffDeps, user: StaffUser, typed: string, req: RequestContext): Promise<CodeOutcome> {
  const { db } = deps.database;
  const actor = userActor(user.id);
  const throttled = await throttle(deps, [[`staff-code:user:${user.id}`, CODE_WINDOW_MS, CODE_MAX_PER_USER]]);
  if (throttled) {
    await writeAudit(db, deps.clock.now(), { actor, action: 'staff.second-factor.throttled', target: actor, requestId: req.requestId });
    return throttled;
  }
  const code = normaliseRecoveryCode(typed);
  const now = deps.clock.now();
  const practice = await deps.repos.practice.get();
  const used = await db.transaction().execute(async (trx) => {
    const codes = recoveryCodeRepository(trx);
    if (code === null || !(await codes.claim(user.id, hashRecoveryCode(code), now))) return false;
    const left = await codes.countLeft(user.id);
    await enqueueMail(trx, recoveryCodeUsedMail(user.email, user.name, left, practice), now, deps.encryptor);
    await writeAudit(trx, now, { actor, action: 'staff.sign-in.recovery-code', target: actor, requestId: req.requestId });
    return true;
  });
  if (!used) {
    await writeAudit(db, now, { actor, action: 'staff.second-factor.failed', target: actor, requestId: req.requestId });
    return { kind: 'refused' };
  }
  await deps.repos.rateLimits.reset(`staff-code:user:${user.id}`);
  return { kind: 'ok' };
}

export type RegenerateOutcome = Throttled | { kind: 'refused'; field: 'current' | 'code' } | { kind: 'ok'; codes: string[] };

/** A new set on request: the password and a current code from the app, in the same request. */
export async function regenerateRecoveryCodes(
  deps: StaffDeps,
  user: StaffUser,
  password: string,
  code: string,
  req: RequestContext,
): Promise<RegenerateOutcome> {
  const confirmed = await confirmCurrentPassword(deps, user.id, password, 'staff.recovery-codes.refused', req, true);
  if (confirmed.kind !== 'ok') return confirmed;
  const fresh = confirmed.user;
  const checked = await checkCode(deps, fresh, code, req, 'recovery-codes');
  if (checked.kind === 'throttled') return checked;
  if (checked.kind === 'refused') return { kind: 'refused', field: 'code' };
  return { kind: 'ok', codes: await issueRecoveryCodes(deps, user.id, req) };
}
