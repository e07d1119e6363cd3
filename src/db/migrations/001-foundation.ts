import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/** Practice, services, therapists and their hours; staff users and sessions; rate limits; outbox; audit log. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // An auto-numbered key: an identity column on PostgreSQL, the rowid alias on SQLite.
  const serial = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey());

  await db.schema
    .createTable('practice_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('opening_hours', 'text', (c) => c.notNull())
    .addColumn('urgent_help', 'text', (c) => c.notNull())
    .addColumn('late_cancellation_hours', 'integer', (c) => c.notNull())
    .addColumn('reminder_hours', 'integer', (c) => c.notNull())
    .addColumn('guide_reviewed_by', 'text', (c) => c.notNull())
    .addColumn('guide_reviewed_on', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('price_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('buffer_before_minutes', 'integer', (c) => c.notNull())
    .addColumn('buffer_after_minutes', 'integer', (c) => c.notNull())
    .addColumn('min_notice_minutes', 'integer', (c) => c.notNull())
    .addColumn('booking_window_days', 'integer', (c) => c.notNull())
    .addColumn('slot_interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('max_per_day', 'integer')
    .addColumn('relationships', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('therapists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('pronouns', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('bio', 'text', (c) => c.notNull())
    .addColumn('approach', 'text', (c) => c.notNull())
    .addColumn('accreditations', 'text', (c) => c.notNull())
    .addColumn('fee_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('years_practising', 'integer', (c) => c.notNull())
    .addColumn('lgbtq_affirming', 'integer', (c) => c.notNull())
    .addColumn('cultural_experience', 'text', (c) => c.notNull())
    .addColumn('offers_online', 'integer', (c) => c.notNull())
    .addColumn('offers_in_person', 'integer', (c) => c.notNull())
    .addColumn('psychosexual_trained', 'integer', (c) => c.notNull())
    .addColumn('style', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('therapists_active_name').on('therapists').columns(['active', 'name']).execute();
  await db.schema.createIndex('therapists_active_fee').on('therapists').columns(['active', 'fee_minor']).execute();

  // Many-valued attributes as link tables: indexed filters that work the same on both databases.
  const links: [string, string][] = [
    ['therapist_concerns', 'concern_id'],
    ['therapist_languages', 'language'],
    ['therapist_services', 'service_id'],
    ['therapist_relationships', 'relationship'],
  ];
  for (const [table, column] of links) {
    let t = db.schema
      .createTable(table)
      .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
      .addColumn(column, 'text', (c) => c.notNull());
    if (column === 'service_id') t = t.addForeignKeyConstraint(`${table}_service_fk`, ['service_id'], 'services', ['id']);
    await t.addPrimaryKeyConstraint(`${table}_pk`, [column, 'therapist_id']).execute();
    await db.schema.createIndex(`${table}_therapist`).on(table).column('therapist_id').execute();
  }

  await db.schema
    .createTable('weekly_hours')
    .addColumn('id', 'integer', serial)
    .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('weekly_hours_therapist').on('weekly_hours').columns(['therapist_id', 'weekday']).execute();

  await db.schema
    .createTable('availability_overrides')
    .addColumn('id', 'integer', serial)
    .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .execute();
  await db.schema.createIndex('availability_overrides_therapist').on('availability_overrides').columns(['therapist_id', 'date']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('therapist_id', 'text', (c) => c.references('therapists.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('second_factor_done', 'integer', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_until', 'bigint', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', serial)
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}
