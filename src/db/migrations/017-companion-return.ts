import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * A companion people keep coming back to:
 * - `companion_sessions.remembered`: a sign-in the person asked to keep on their device (30 days; no idle end);
 * - `companion_drafts`: a check-in being answered, sealed like the answers, one per member per circle;
 * - `companion_notices`: one row per e-mail about an event in a week (a partner answered, the answers were
 *   revealed) per person, claimed before the e-mail is written, so nobody gets one twice.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('companion_sessions')
    .addColumn('remembered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('companion_drafts')
    .addColumn('circle_id', 'text', (c) => c.notNull().references('companion_circles.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('companion_clients.id').onDelete('cascade'))
    .addColumn('week_start', 'bigint', (c) => c.notNull())
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('companion_drafts_pk', ['circle_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('companion_notices')
    .addColumn('week_id', 'text', (c) => c.notNull().references('companion_weeks.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('companion_clients.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('companion_notices_pk', ['week_id', 'client_id', 'event'])
    .execute();
}
