import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * A second factor being enrolled or changed belongs to the session that started it, for a short time: the
 * pending secret records that session (the SHA-256 of its id, as the sessions table keeps it) and when it
 * stops being usable. Pending secrets from before this migration belong to no session, so they are cleared:
 * whoever was part-way through starts again.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_pending_session', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_pending_expires_at', 'bigint').execute();
  await db.updateTable('users').set({ totp_pending: null }).execute();
}
