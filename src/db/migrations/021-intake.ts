import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The intake before a first session (src/domain/intake.ts): one row per booking and person (the client who
 * booked, and for a couple's session their partner). The answers are sealed with the application key; the
 * partner's private link is derived from the booking (Encryptor.capability) and only its hash is kept here.
 * A row goes with its booking (retention, erasure).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('intakes')
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('link_hash', 'text')
    .addColumn('answers_sealed', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint')
    .addPrimaryKeyConstraint('intakes_pk', ['booking_id', 'role'])
    .execute();
  await db.schema.createIndex('intakes_link_hash').unique().on('intakes').column('link_hash').execute();
}
