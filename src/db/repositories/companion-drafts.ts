// A check-in being answered, kept as the member goes: one per member per circle, sealed like the answers
// (the form's fields as JSON), replaced by each save and deleted when the answer is saved. SQL only.
import type { Kysely } from 'kysely';
import type { Encryptor } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';

export type DraftFields = Record<string, string | string[]>;

export interface CheckInDraft {
  /** The start of the week the draft was answering. */
  weekStart: number;
  fields: DraftFields;
  updatedAt: number;
}

export function companionDrafts(db: Kysely<DB>, enc: Encryptor) {
  return {
    /** Keeps the draft, in place of any earlier one. */
    async put(input: { circleId: string; clientId: string; weekStart: number; fields: DraftFields; now: number }): Promise<void> {
      const row = { week_start: input.weekStart, body_sealed: enc.encrypt(JSON.stringify(input.fields)), updated_at: input.now };
      await db
        .insertInto('companion_drafts')
        .values({ circle_id: input.circleId, client_id: input.clientId, ...row })
        .onConflict((oc) => oc.columns(['circle_id', 'client_id']).doUpdateSet(row))
        .execute();
    },

    async get(circleId: string, clientId: string): Promise<CheckInDraft | null> {
      const row = await db
        .selectFrom('companion_drafts')
        .select(['week_start', 'body_sealed', 'updated_at'])
        .where('circle_id', '=', circleId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      if (!row) return null;
      return { weekStart: Number(row.week_start), fields: JSON.parse(enc.decrypt(row.body_sealed)) as DraftFields, updatedAt: Number(row.updated_at) };
    },

    /** Every draft a client has, in every circle: for their copy of their data. */
    async allOwn(clientId: string): Promise<(CheckInDraft & { circleId: string })[]> {
      const rows = await db.selectFrom('companion_drafts').selectAll().where('client_id', '=', clientId).orderBy('updated_at').execute();
      return rows.map((r) => ({
        circleId: r.circle_id,
        weekStart: Number(r.week_start),
        fields: JSON.parse(enc.decrypt(r.body_sealed)) as DraftFields,
        updatedAt: Number(r.updated_at),
      }));
    },

    async remove(circleId: string, clientId: string): Promise<void> {
      await db.deleteFrom('companion_drafts').where('circle_id', '=', circleId).where('client_id', '=', clientId).execute();
    },
  };
}

export type CompanionDrafts = ReturnType<typeof companionDrafts>;
