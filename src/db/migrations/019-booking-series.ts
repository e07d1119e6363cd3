import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Ongoing sessions: a series of a client's sessions at the same hour every week (or every n weeks), booked by
 * their therapist after a first session. Each occurrence is an ordinary booking (so the no-overlap rule, the
 * manage link, reminders and the change rules all apply) that names its series and the week it stands for
 * (series_slot: the pattern's start, which stays the week's RECURRENCE-ID when the session is moved).
 * The series keeps the pattern, the weeks left out and the calendar file's sequence; no client data.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('booking_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('first_booking_id', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('first_slot', 'bigint', (c) => c.notNull())
    .addColumn('interval_weeks', 'integer', (c) => c.notNull())
    /** How many weeks the pattern spans; null: until ended. */
    .addColumn('count', 'integer')
    /** How far ahead an open-ended series is booked (exclusive). */
    .addColumn('booked_until', 'bigint', (c) => c.notNull())
    /** JSON: the weeks left out (pattern starts). */
    .addColumn('skipped', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute();
  await db.schema.createIndex('booking_series_therapist').on('booking_series').columns(['therapist_id', 'status']).execute();
  await db.schema.alterTable('bookings').addColumn('series_id', 'text').execute();
  await db.schema.alterTable('bookings').addColumn('series_slot', 'bigint').execute();
  await db.schema.createIndex('bookings_series').on('bookings').columns(['series_id', 'starts_at']).execute();
}
