import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Key check values: a known text sealed with the encryption key and the blind index of a known text. A
 * process whose keys cannot reproduce them refuses to start (a backup restored without its key files, or
 * the wrong ENCRYPTION_KEY), instead of starting "ok" with every sealed row unreadable.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('key_checks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
