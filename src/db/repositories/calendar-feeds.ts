// Therapists' private calendar feeds: one per therapist, kept only as the token's SHA-256.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export function calendarFeedRepository(db: Kysely<DB>) {
  return {
    /** The therapist's feed: when it was made, and its token's hash. */
    async current(therapistId: string): Promise<{ createdAt: number; tokenHash: string } | null> {
      const row = await db.selectFrom('calendar_feeds').select(['created_at', 'token_hash']).where('therapist_id', '=', therapistId).executeTakeFirst();
      return row ? { createdAt: Number(row.created_at), tokenHash: row.token_hash } : null;
    },
    /** The therapist's feed is this token's from now on (the old one, if any, stops working). */
    async replace(therapistId: string, tokenHash: string, now: number): Promise<void> {
      await db.deleteFrom('calendar_feeds').where('therapist_id', '=', therapistId).execute();
      await db.insertInto('calendar_feeds').values({ therapist_id: therapistId, token_hash: tokenHash, created_at: now }).execute();
    },
    /** True when there was a feed to remove. */
    async remove(therapistId: string): Promise<boolean> {
      const r = await db.deleteFrom('calendar_feeds').where('therapist_id', '=', therapistId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Whose feed a token (by its hash) opens, while that therapist is active. */
    async therapistOf(tokenHash: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('calendar_feeds as f')
        .innerJoin('therapists as t', 't.id', 'f.therapist_id')
        .select(['f.therapist_id'])
        .where('f.token_hash', '=', tokenHash)
        .where('t.active', '=', 1)
        .executeTakeFirst();
      return row?.therapist_id;
    },
  };
}
