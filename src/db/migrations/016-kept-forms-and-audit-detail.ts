import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Two things for work that is not lost and records that can be read:
 * - kept_forms: what someone had typed into a form that met an expired session, sealed with the application
 *   key, found by the hash of a random id in a cookie of that browser only, offered once after signing in and
 *   deleted then, or after 30 minutes (retention). Passwords, codes and CSRF tokens are never in it.
 * - audit_log.detail: the before and after values of a changed setting or fee, and the reason code of a move
 *   (JSON; never anything a client wrote).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('kept_forms')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('fields_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kept_forms_expires_idx').on('kept_forms').column('expires_at').execute();
  await db.schema.alterTable('audit_log').addColumn('detail', 'text').execute();
}
