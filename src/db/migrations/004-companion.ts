import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The companion: client accounts (magic-link sign-in, sessions), circles, members and invitations, check-in
 * weeks and answers, reminders (one row per member per week), promises and the appreciation jar.
 * Everything a client writes is sealed by the application (columns ending in _sealed); e-mail addresses are
 * found by a keyed blind index; tokens and session ids are kept only as SHA-256 hashes.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('companion_clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email_index', 'text', (c) => c.notNull().unique())
    .addColumn('email_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('companion_login_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('email_index', 'text', (c) => c.notNull())
    .addColumn('email_sealed', 'text', (c) => c.notNull())
    .addColumn('next_sealed', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('companion_login_tokens_expiry').on('companion_login_tokens').column('expires_at').execute();

  await db.schema
    .createTable('companion_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('companion_clients.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('companion_sessions_client').on('companion_sessions').column('client_id').execute();

  await db.schema
    .createTable('companion_circles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_sealed', 'text', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('companion_members')
    .addColumn('circle_id', 'text', (c) => c.notNull().references('companion_circles.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('companion_clients.id').onDelete('cascade'))
    .addColumn('display_name_sealed', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('companion_members_pk', ['circle_id', 'client_id'])
    .execute();
  await db.schema.createIndex('companion_members_client').on('companion_members').column('client_id').execute();

  await db.schema
    .createTable('companion_invites')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('circle_id', 'text', (c) => c.notNull().references('companion_circles.id').onDelete('cascade'))
    .addColumn('invited_by', 'text', (c) => c.notNull().references('companion_clients.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('companion_invites_circle').on('companion_invites').column('circle_id').execute();

  await db.schema
    .createTable('companion_weeks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('circle_id', 'text', (c) => c.notNull().references('companion_circles.id').onDelete('cascade'))
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('with_csi', 'integer', (c) => c.notNull())
    .addColumn('revealed_at', 'bigint')
    .addColumn('kept_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('companion_weeks_circle_start', ['circle_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('companion_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('week_id', 'text', (c) => c.notNull().references('companion_weeks.id').onDelete('cascade'))
    .addColumn('circle_id', 'text', (c) => c.notNull().references('companion_circles.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('companion_clients.id').onDelete('cascade'))
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('companion_answers_week_client', ['week_id', 'client_id'])
    .execute();
  await db.schema.createIndex('companion_answers_circle_client').on('companion_answers').columns(['circle_id', 'client_id']).execute();

  // One row per member per week: the reminder job claims a row by compare-and-swap (due → queued) in the
  // transaction that writes the e-mail to the outbox, so however many processes run it, each member gets one.
  await db.schema
    .createTable('companion_reminders')
    .addColumn('week_id', 'text', (c) => c.notNull().references('companion_weeks.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('companion_clients.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('queued_at', 'bigint')
    .addPrimaryKeyConstraint('companion_reminders_pk', ['week_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('companion_promises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('circle_id', 'text', (c) => c.notNull().references('companion_circles.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('companion_clients.id').onDelete('cascade'))
    .addColumn('text_sealed', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('companion_promises_circle').on('companion_promises').columns(['circle_id', 'client_id']).execute();

  await db.schema
    .createTable('companion_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('circle_id', 'text', (c) => c.notNull().references('companion_circles.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('companion_clients.id').onDelete('cascade'))
    .addColumn('text_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('companion_notes_circle').on('companion_notes').columns(['circle_id', 'created_at']).execute();
}
