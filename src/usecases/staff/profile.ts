// A therapist's public profile: the services they offer and their fee for each, about them, how they work,
// what they help with, accreditations, experience, who they work with, languages and formats. A therapist
// edits their own; when the practice asks for approval, their change waits in profile_changes until an
// admin approves it (or not). An admin edits anyone's directly. A listed profile must stay complete (the
// publish checklist, domain/profile.ts).
import { randomUUID } from 'node:crypto';
import { profileChangeRepository } from '../../db/repositories/profile-changes.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { type ProfileFields, type TherapistProfile, therapistRepository } from '../../db/repositories/therapists.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { lowestPaidFee } from '../../domain/fees.ts';
import { type ChecklistItem, missingForListing, publishChecklist } from '../../domain/profile.ts';
import type { Service } from '../../domain/types.ts';
import { changedValues } from '../audit.ts';
import type { AuditContext, StaffDeps } from './context.ts';

export type { ProfileFields };
/** What an editor sends: everything but the lowest fee, which is worked out. */
export type ProfileInput = Omit<ProfileFields, 'feeMinor'>;

/** What a profile change's audit row keeps before and after: the fee and the lists (not the prose). */
const PROFILE_AUDITED = ['feeMinor', 'services', 'formats', 'languages', 'concerns', 'videoUrl'] as const;

export interface TherapistProfileForm extends ProfileFields {
  name: string;
  slug: string;
  currency: string;
  listed: boolean;
  hasPhoto: boolean;
  /** The services a therapist may offer (the active ones), in the practice's order. */
  offerable: Service[];
  /** A change waiting for approval, if any. */
  pending: { id: string; createdAt: number; fields: ProfileFields } | null;
  /** The checklist for what the form shows (the waiting change, or the profile as it is). */
  checklist: ChecklistItem[];
}

export interface PendingChange {
  id: string;
  therapistId: string;
  therapistName: string;
  createdAt: number;
  fields: ProfileFields;
  current: ProfileFields;
}

const KEYS = ['bio', 'approach', 'concerns', 'languages', 'formats', 'services', 'accreditations', 'yearsPractising', 'relationships', 'videoUrl'] as const;

/** A stored change over the profile as it is: a change filed before migration 015 lacks the newer fields. */
function merged(current: ProfileFields, stored: Partial<ProfileFields>, services: readonly Service[], currency: string): ProfileFields {
  const fields = { ...current };
  for (const k of KEYS) if (stored[k] !== undefined) Object.assign(fields, { [k]: stored[k] });
  return withLowestFee(fields, services, currency);
}

function withLowestFee(f: ProfileInput, services: readonly Service[], currency: string): ProfileFields {
  const serviceFees = Object.fromEntries(f.services.filter((s) => s.feeMinor !== null).map((s) => [s.serviceId, s.feeMinor as number]));
  const active = services.filter((s) => s.active);
  return { ...f, feeMinor: lowestPaidFee({ serviceIds: f.services.map((s) => s.serviceId), serviceFees, currency }, active) };
}

export async function loadProfile(deps: StaffDeps, therapistId: string): Promise<TherapistProfileForm | undefined> {
  const { db } = deps.database;
  const [current, stored, services] = await Promise.all([
    therapistRepository(db).profileFields(therapistId),
    profileChangeRepository(db).pendingFor(therapistId),
    serviceRepository(db).listAll(),
  ]);
  if (!current) return undefined;
  const pending = stored ? { ...stored, fields: merged(current, stored.fields, services, current.currency) } : null;
  const shown = pending?.fields ?? current;
  return {
    ...current,
    offerable: services.filter((s) => s.active),
    pending,
    checklist: publishChecklist({ ...shown, hasPhoto: current.hasPhoto }, services),
  };
}

/** The profile as the public page would show it now, listed or not (the preview). */
export async function previewProfile(deps: StaffDeps, therapistId: string): Promise<{ therapist: TherapistProfile; services: Service[] } | undefined> {
  const { db } = deps.database;
  const [therapist, services] = await Promise.all([therapistRepository(db).findAnyProfile(therapistId), serviceRepository(db).listActive()]);
  return therapist ? { therapist, services: services.filter((s) => therapist.serviceIds.includes(s.id)) } : undefined;
}

/** Why a listed profile may not become this: the checklist's required items still to do. */
const incomplete = <T>(items: ChecklistItem[]): Outcome<T> =>
  fail('PROFILE_INCOMPLETE', `A listed profile must stay complete: ${items.map((i) => i.label.toLowerCase()).join(', ')} missing.`);

/**
 * Saves a profile. A therapist's own change is applied, or (when the practice asks for approval) filed for
 * an admin; an admin's change (`by: 'admin'`) is applied. Services no longer offered to clients that the
 * therapist had are kept as they were. PROFILE_INCOMPLETE when the therapist is listed and the change
 * would leave the profile incomplete; THERAPIST_NOT_FOUND.
 */
export async function submitProfile(
  deps: StaffDeps,
  therapistId: string,
  input: ProfileInput,
  audit: AuditContext & { by: 'therapist' | 'admin' },
): Promise<Outcome<'applied' | 'pending'>> {
  const { db } = deps.database;
  const needsApproval = audit.by === 'therapist' && (await deps.repos.practice.profileApprovalRequired());
  return db.transaction().execute(async (trx): Promise<Outcome<'applied' | 'pending'>> => {
    const now = deps.clock.now();
    const [current, services] = await Promise.all([therapistRepository(trx).profileFields(therapistId), serviceRepository(trx).listAll()]);
    if (!current) return fail('THERAPIST_NOT_FOUND', 'No such therapist');
    const activeIds = new Set(services.filter((s) => s.active).map((s) => s.id));
    const kept = current.services.filter((s) => !activeIds.has(s.serviceId));
    const offered = [...input.services.filter((s) => activeIds.has(s.serviceId)), ...kept];
    const fields = withLowestFee({ ...input, services: offered }, services, current.currency);
    if (current.listed) {
      const missing = missingForListing(publishChecklist({ ...fields, hasPhoto: current.hasPhoto }, services));
      if (missing.length > 0) return incomplete(missing);
    }
    if (!needsApproval) {
      const before = await therapistRepository(trx).profileFields(therapistId);
      await therapistRepository(trx).applyProfile(therapistId, fields, now);
      await writeAudit(trx, now, {
        actor: audit.actor,
        action: audit.by === 'admin' ? 'admin.profile.update' : 'profile.update',
        target: `therapist:${therapistId}`,
        requestId: audit.requestId,
        detail: before && changedValues({ ...before }, { ...before, ...fields }, PROFILE_AUDITED),
      });
      return ok('applied' as const);
    }
    // One change waits at a time: a newer one replaces it.
    const id = randomUUID();
    await profileChangeRepository(trx).submit({ id, therapistId, submittedBy: audit.actor, fields }, now);
    await writeAudit(trx, now, { actor: audit.actor, action: 'profile.submit', target: id, requestId: audit.requestId });
    return ok('pending' as const);
  });
}

/** Every change waiting for approval, beside the profile as it is now. */
export async function pendingChanges(deps: StaffDeps): Promise<PendingChange[]> {
  const { db } = deps.database;
  const services = await serviceRepository(db).listAll();
  const out: PendingChange[] = [];
  for (const change of await profileChangeRepository(db).listPending()) {
    const current = await therapistRepository(db).profileFields(change.therapistId);
    if (current) out.push({ ...change, fields: merged(current, change.fields, services, current.currency), current });
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
    if (approve && before) {
      const services = await serviceRepository(trx).listAll();
      await therapistRepository(trx).applyProfile(decided.therapistId, merged(before, decided.fields, services, before.currency), now);
    }
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
