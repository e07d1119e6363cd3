// A therapist's public profile: bio, approach, concerns, languages, formats and fee. When the practice asks
// for approval, a change waits in profile_changes until an admin approves it (or not).
import { randomUUID } from 'node:crypto';
import { profileChangeRepository } from '../../db/repositories/profile-changes.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { type ProfileFields, therapistRepository } from '../../db/repositories/therapists.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { changedValues } from '../audit.ts';
import type { AuditContext, StaffDeps } from './context.ts';

export type { ProfileFields };

/** What a profile change's audit row keeps before and after: the fee and the lists (not the prose). */
const PROFILE_AUDITED = ['feeMinor', 'formats', 'languages', 'concerns'] as const;

export interface TherapistProfileForm extends ProfileFields {
  name: string;
  slug: string;
  currency: string;
  /** A change waiting for approval, if any. */
  pending: { id: string; createdAt: number; fields: ProfileFields } | null;
}

export interface PendingChange {
  id: string;
  therapistId: string;
  therapistName: string;
  createdAt: number;
  fields: ProfileFields;
  current: ProfileFields;
}

export async function loadProfile(deps: StaffDeps, therapistId: string): Promise<TherapistProfileForm | undefined> {
  const { db } = deps.database;
  const current = await therapistRepository(db).profileFields(therapistId);
  if (!current) return undefined;
  const pending = await profileChangeRepository(db).pendingFor(therapistId);
  return { ...current, pending: pending ?? null };
}

/** Applies the change, or (when the practice asks for approval) files it for an admin. */
export async function submitProfile(deps: StaffDeps, therapistId: string, fields: ProfileFields, audit: AuditContext): Promise<'applied' | 'pending'> {
  const { db } = deps.database;
  const needsApproval = await deps.repos.practice.profileApprovalRequired();
  return db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    if (!needsApproval) {
      const before = await therapistRepository(trx).profileFields(therapistId);
      await therapistRepository(trx).applyProfile(therapistId, fields, now);
      await writeAudit(trx, now, {
        actor: audit.actor,
        action: 'profile.update',
        target: `therapist:${therapistId}`,
        requestId: audit.requestId,
        detail: before && changedValues({ ...before }, { ...before, ...fields }, PROFILE_AUDITED),
      });
      return 'applied' as const;
    }
    // One change waits at a time: a newer one replaces it.
    const id = randomUUID();
    await profileChangeRepository(trx).submit({ id, therapistId, submittedBy: audit.actor, fields }, now);
    await writeAudit(trx, now, { actor: audit.actor, action: 'profile.submit', target: id, requestId: audit.requestId });
    return 'pending' as const;
  });
}

/** Every change waiting for approval, beside the profile as it is now. */
export async function pendingChanges(deps: StaffDeps): Promise<PendingChange[]> {
  const { db } = deps.database;
  const out: PendingChange[] = [];
  for (const change of await profileChangeRepository(db).listPending()) {
    const current = await therapistRepository(db).profileFields(change.therapistId);
    if (current) out.push({ ...change, current });
  }
  return out;
}

/** Approves (applies) or rejects a waiting change; PROFILE_CHANGE_NOT_PENDING when it was no longer waiting. */
export async function decideChange(deps: StaffDeps, id: string, approve: boolean, audit: AuditContext): Promise<Outcome<true>> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const decided = await profileChangeRepository(trx).decide(id, approve, now, audit.actor);
    if (!decided) return fail('PROFILE_CHANGE_NOT_PENDING', 'That change was no longer waiting');
    const before = approve ? await therapistRepository(trx).profileFields(decided.therapistId) : undefined;
    if (approve) await therapistRepository(trx).applyProfile(decided.therapistId, decided.fields, now);
    await writeAudit(trx, now, {
      actor: audit.actor,
      action: approve ? 'admin.profile.approve' : 'admin.profile.reject',
      target: `therapist:${decided.therapistId}`,
      requestId: audit.requestId,
      detail: before && changedValues({ ...before }, { ...before, ...decided.fields }, PROFILE_AUDITED),
    });
    return ok(true as const);
  });
}
