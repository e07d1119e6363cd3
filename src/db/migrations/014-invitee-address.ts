import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Whom an invitation went to, sealed: the person who sent it sees it among their pending invitations and can
 * withdraw that one alone. Older invitations have none (they expire within 7 days).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('companion_invites').addColumn('invitee_sealed', 'text').execute();
}
