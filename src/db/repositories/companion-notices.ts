// One e-mail per event per person: a row per (week, person, event) is claimed by the insert that creates
// it, in the transaction that writes the e-mail, so nobody is told twice that a partner answered a week
// or that its answers were revealed. SQL only.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export type NoticeEvent = 'revealed' | `answered:${string}`;

export function companionNotices(db: Kysely<DB>) {
  return {
    /** True when this call claimed the notice (it had not been sent before). */
    async claim(weekId: string, clientId: string, event: NoticeEvent, now: number): Promise<boolean> {
      const r = await db
        .insertInto('companion_notices')
        .values({ week_id: weekId, client_id: clientId, event, created_at: now })
        .onConflict((oc) => oc.columns(['week_id', 'client_id', 'event']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}
