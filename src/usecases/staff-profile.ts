// A therapist's public profile: bio, approach, concerns, languages, formats and fee. When the practice asks
// for approval, a change waits in profile_changes until an admin approves it (or not).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAudit } from '../db/repositories/staff-audit.ts';
import type { DB } from '../db/schema.ts';
import type { ConcernId, Format } from '../domain/types.ts';
import type { StaffDeps } from './staff-auth.ts';
import type { AuditContext } from './audit.ts';

export interface ProfileFields {
  bio: string;
  approach: string;
  concerns: ConcernId[];
  languages: string[];
  formats: Format[];
  feeMinor: number;
}

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

type Db = Kysely<DB>;

async function currentFields(db: Db, therapistId: string): Promise<(ProfileFields & { name: string; slug: string; currency: string }) | undefined> {
  const t = await db.selectFrom('therapists').selectAll().where('id', '=', therapistId).executeTakeFirst();
  if (!t) return undefined;
  const [concerns, languages] = await Promise.all([
    db.selectFrom('therapist_concerns').select('concern_id').where('therapist_id', '=', therapistId).orderBy('concern_id').execute(),
    db.selectFrom('therapist_languages').select('language').where('therapist_id', '=', therapistId).orderBy('language').execute(),
  ]);
  return {
    name: t.name,
    slug: t.slug,
    currency: t.currency,
    bio: t.bio,
    approach: t.approach,
    concerns: concerns.map((c) => c.concern_id as ConcernId),
    languages: languages.map((l) => l.language),
    formats: [...(t.offers_online ? ['online' as const] : []), ...(t.offers_in_person ? ['in_person' as const] : [])],
    feeMinor: t.fee_minor,
  };
}

export async function approvalRequired(db: Db): Promise<boolean> {
  const row = await db.selectFrom('practice_settings').select('profile_approval_required').where('id', '=', 1).executeTakeFirst();
  return Number(row?.profile_approval_required ?? 0) === 1;
}

export async function loadProfile(db: Db, therapistId: string): Promise<TherapistProfileForm | undefined> {
  const current = await currentFields(db, therapistId);
  if (!current) return undefined;
  const pending = await db
    .selectFrom('profile_changes')
    .select(['id', 'created_at', 'changes'])
    .where('therapist_id', '=', therapistId)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return { ...current, pending: pending ? { id: pending.id, createdAt: Number(pending.created_at), fields: JSON.parse(pending.changes) as ProfileFields } : null };
}

async function apply(db: Db, therapistId: string, f: ProfileFields, now: number): Promise<void> {
  await db
    .updateTable('therapists')
    .set({ bio: f.bio, approach: f.approach, fee_minor: f.feeMinor, offers_online: f.formats.includes('online') ? 1 : 0, offers_in_person: f.formats.includes('in_person') ? 1 : 0, updated_at: now })
    .where('id', '=', therapistId)
    .execute();
  await db.deleteFrom('therapist_concerns').where('therapist_id', '=', therapistId).execute();
  if (f.concerns.length) await db.insertInto('therapist_concerns').values(f.concerns.map((concern_id) => ({ therapist_id: therapistId, concern_id }))).execute();
  await db.deleteFrom('therapist_languages').where('therapist_id', '=', therapistId).execute();
  if (f.languages.length) await db.insertInto('therapist_languages').values(f.languages.map((language) => ({ therapist_id: therapistId, language }))).execute();
}

/** Applies the change, or (when the practice asks for approval) files it for an admin. */
export async function submitProfile(deps: StaffDeps, therapistId: string, fields: ProfileFields, audit: AuditContext): Promise<'applied' | 'pending'> {
  const { db } = deps.database;
  const needsApproval = await approvalRequired(db);
  return db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    if (!needsApproval) {
      await apply(trx, therapistId, fields, now);
      await writeAudit(trx, now, { actor: audit.actor, action: 'profile.update', target: `therapist:${therapistId}`, requestId: audit.requestId });
      return 'applied' as const;
    }
    // One change waits at a time: a newer one replaces it.
    await trx.updateTable('profile_changes').set({ status: 'rejected', decided_at: now, decided_by: audit.actor }).where('therapist_id', '=', therapistId).where('status', '=', 'pending').execute();
    const id = randomUUID();
    await trx
      .insertInto('profile_changes')
      .values({ id, therapist_id: therapistId, submitted_by: audit.actor, changes: JSON.stringify(fields), status: 'pending', created_at: now, decided_at: null, decided_by: null })
      .execute();
    await writeAudit(trx, now, { actor: audit.actor, action: 'profile.submit', target: id, requestId: audit.requestId });
    return 'pending' as const;
  });
}

export async function pendingChanges(db: Db): Promise<PendingChange[]> {
  const rows = await db
    .selectFrom('profile_changes as p')
    .innerJoin('therapists as t', 't.id', 'p.therapist_id')
    .select(['p.id', 'p.therapist_id', 'p.changes', 'p.created_at', 't.name'])
    .where('p.status', '=', 'pending')
    .orderBy('p.created_at')
    .execute();
  const out: PendingChange[] = [];
  for (const r of rows) {
    const current = await currentFields(db, r.therapist_id);
    if (current) out.push({ id: r.id, therapistId: r.therapist_id, therapistName: r.name, createdAt: Number(r.created_at), fields: JSON.parse(r.changes) as ProfileFields, current });
  }
  return out;
}

/** Approves (applies) or rejects a waiting change; false when it was no longer waiting. */
export async function decideChange(deps: StaffDeps, id: string, approve: boolean, audit: AuditContext): Promise<boolean> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await trx.selectFrom('profile_changes').selectAll().where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    if (!row) return false;
    const changed = await trx
      .updateTable('profile_changes')
      .set({ status: approve ? 'approved' : 'rejected', decided_at: now, decided_by: audit.actor })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return false;
    if (approve) await apply(trx, row.therapist_id, JSON.parse(row.changes) as ProfileFields, now);
    await writeAudit(trx, now, { actor: audit.actor, action: approve ? 'admin.profile.approve' : 'admin.profile.reject', target: id, requestId: audit.requestId });
    return true;
  });
}
