import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * A client's copy of their own data goes only to them: a single-use link mailed to their address (asked
 * for by the client on /your-data, or by an admin on their behalf), never a file an admin downloads. The
 * address and the optional phone number (to include call-back requests) are sealed; the token is hashed.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('data_export_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('email_sealed', 'text', (c) => c.notNull())
    .addColumn('phone_sealed', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('data_export_links_expires').on('data_export_links').column('expires_at').execute();
}
