import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Recovery codes for staff whose authenticator is lost: hashed, single use, replaced as a set. A sole
 * admin who loses their phone is no longer locked out of the practice.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('staff_recovery_codes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addPrimaryKeyConstraint('staff_recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();
}
