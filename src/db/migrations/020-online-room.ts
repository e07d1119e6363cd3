import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

const DAY = 86_400_000;

/**
 * The online room (issue 13): a therapist's own fixed video link (null: the practice's per-session room, or
 * none), and manage links that last NEXT_SESSION_DAYS after the session (so "book my next session" can be
 * offered from the page of a session that took place); bookings already made get the same.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('therapists').addColumn('video_url', 'text').execute();
  await extendManageLinks(db);
}

/** Manage links that expired at their session's end now last 30 days longer (NEXT_SESSION_DAYS, copied: a migration keeps its values). */
export async function extendManageLinks(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('bookings')
    .set((eb) => ({ manage_expires_at: eb('ends_at', '+', 30 * DAY) }))
    .whereRef('manage_expires_at', '=', 'ends_at')
    .execute();
}
