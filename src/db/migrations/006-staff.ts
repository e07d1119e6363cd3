import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The staff side: the second factor's enrolment and replay guard on users; single-use tokens for password
 * resets and invitations (stored hashed); therapists' private calendar feeds (token stored hashed); profile
 * changes waiting for an admin's approval, and the practice setting that asks for it; indexes for the
 * audit log's filters.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  // users.totp_secret (from 001) now holds the secret sealed with the application key.
  await db.schema.alterTable('users').addColumn('totp_pending', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('password_changed_at', 'bigint').execute();

  await db.schema
    .alterTable('practice_settings')
    .addColumn('profile_approval_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('staff_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('staff_tokens_user').on('staff_tokens').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('therapist_id', 'text', (c) => c.primaryKey().references('therapists.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('profile_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('decided_by', 'text')
    .execute();
  await db.schema.createIndex('profile_changes_status').on('profile_changes').columns(['status', 'created_at']).execute();

  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'at']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();
}
