import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Bookings, the waitlist, and therapists' e-mail addresses. The database itself refuses overlapping
 * active bookings: an exclusion constraint over the blocked range (session plus buffers) on PostgreSQL;
 * on SQLite every write transaction is taken up front (BEGIN IMMEDIATE) and the booking code re-checks
 * inside it, with a unique index on (therapist, start) as a backstop on both.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('therapists')
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('blocked_from', 'bigint', (c) => c.notNull())
    .addColumn('blocked_until', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('client_email', 'text', (c) => c.notNull())
    .addColumn('client_email_hash', 'text', (c) => c.notNull())
    .addColumn('client_phone', 'text')
    .addColumn('notes', 'text')
    .addColumn('client_time_zone', 'text', (c) => c.notNull())
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'bigint', (c) => c.notNull())
    .addColumn('manage_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('manage_token_sealed', 'text', (c) => c.notNull())
    .addColumn('manage_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('idempotency_fingerprint', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('reminder_sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('cancelled_at', 'bigint')
    .addColumn('cancelled_by', 'text')
    .execute();
  await db.schema.createIndex('bookings_therapist_time').on('bookings').columns(['therapist_id', 'starts_at']).execute();
  await db.schema.createIndex('bookings_email_hash').on('bookings').column('client_email_hash').execute();
  await db.schema.createIndex('bookings_reminders').on('bookings').columns(['status', 'reminder_sent_at', 'starts_at']).execute();
  // Backstop on both databases: two active bookings can never start at the same moment with one therapist.
  await sql`create unique index bookings_active_start on bookings (therapist_id, starts_at) where status in ('pending', 'confirmed')`.execute(db);
  if (dialect === 'postgres') {
    await sql`create extension if not exists btree_gist`.execute(db);
    await sql`alter table bookings add constraint bookings_no_overlap exclude using gist (
      therapist_id with =, int8range(blocked_from, blocked_until) with &&
    ) where (status in ('pending', 'confirmed'))`.execute(db);
  }

  await db.schema
    .createTable('waitlist')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('therapist_id', 'text', (c) => c.references('therapists.id'))
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('client_email', 'text', (c) => c.notNull())
    .addColumn('client_email_hash', 'text', (c) => c.notNull())
    .addColumn('client_time_zone', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('leave_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('last_notified_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('waitlist_waiting').on('waitlist').columns(['status', 'service_id', 'created_at']).execute();
}
