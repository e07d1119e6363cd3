// Changes to a therapist's profile waiting for an admin's approval (when the practice asks for it): one
// waits at a time per therapist, and is approved (applied) or rejected once.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import type { ProfileFields } from './therapists.ts';

export interface ProfileChange {
  id: string;
  therapistId: string;
  therapistName: string;
  createdAt: number;
  /** As stored: a change filed before migration 015 lacks the newer fields (the use case fills them in). */
  fields: Partial<ProfileFields>;
}

export function profileChangeRepository(db: Kysely<DB>) {
  return {
    /** Approved or rejected changes decided before `before` (retention; the audit log keeps who decided). */
    async purgeDecided(before: number): Promise<number> {
      const r = await db.deleteFrom('profile_changes').where('status', '!=', 'pending').where('decided_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    /** The change a therapist has waiting, if any (the newest). */
    async pendingFor(therapistId: string): Promise<{ id: string; createdAt: number; fields: Partial<ProfileFields> } | undefined> {
      const row = await db
        .selectFrom('profile_changes')
        .select(['id', 'created_at', 'changes'])
        .where('therapist_id', '=', therapistId)
        .where('status', '=', 'pending')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row ? { id: row.id, createdAt: Number(row.created_at), fields: JSON.parse(row.changes) as Partial<ProfileFields> } : undefined;
    },
    /** Files a change, rejecting (as superseded) any the therapist still had waiting. */
    async submit(change: { id: string; therapistId: string; submittedBy: string; fields: ProfileFields }, now: number): Promise<void> {
      await db
        .updateTable('profile_changes')
        .set({ status: 'rejected', decided_at: now, decided_by: change.submittedBy })
        .where('therapist_id', '=', change.therapistId)
        .where('status', '=', 'pending')
        .execute();
      await db
        .insertInto('profile_changes')
        .values({
          id: change.id,
          therapist_id: change.therapistId,
          submitted_by: change.submittedBy,
          changes: JSON.stringify(change.fields),
          status: 'pending',
          created_at: now,
          decided_at: null,
          decided_by: null,
        })
        .execute();
    },
    /** Every waiting change, oldest first, with its therapist's name. */
    async listPending(): Promise<ProfileChange[]> {
      const rows = await db
        .selectFrom('profile_changes as p')
        .innerJoin('therapists as t', 't.id', 'p.therapist_id')
        .select(['p.id', 'p.therapist_id', 'p.changes', 'p.created_at', 't.name'])
        .where('p.status', '=', 'pending')
        .orderBy('p.created_at')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        therapistId: r.therapist_id,
        therapistName: r.name,
        createdAt: Number(r.created_at),
        fields: JSON.parse(r.changes) as Partial<ProfileFields>,
      }));
    },
    async countPending(): Promise<number> {
      const row = await db
        .selectFrom('profile_changes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    /**
     * Decides a waiting change (compare-and-swap on its status): the change when this call decided it,
     * undefined when it was no longer waiting.
     */
    async decide(id: string, approve: boolean, now: number, by: string): Promise<{ therapistId: string; fields: Partial<ProfileFields> } | undefined> {
      const row = await db
        .selectFrom('profile_changes')
        .select(['therapist_id', 'changes'])
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (!row) return undefined;
      const changed = await db
        .updateTable('profile_changes')
        .set({ status: approve ? 'approved' : 'rejected', decided_at: now, decided_by: by })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) return undefined;
      return { therapistId: row.therapist_id, fields: JSON.parse(row.changes) as Partial<ProfileFields> };
    },
  };
}
