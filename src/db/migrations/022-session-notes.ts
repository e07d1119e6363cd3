import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Session notes (src/domain/session-notes.ts): a booking's original note and its dated addenda, each sealed
 * as one value (text, themes, risk, next steps) with the application key. A row goes with its booking
 * (retention deletes the booking, the cascade its notes; erasure deletes them). And the practice's choice
 * whether notes are part of a client's copy of their data (default: they are).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('session_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_notes_booking').on('session_notes').columns(['booking_id', 'created_at']).execute();
  // One original per booking, even when two saves race.
  await sql`create unique index session_notes_one_original on session_notes (booking_id) where kind = 'original'`.execute(db);
  await db.schema
    .alterTable('practice_settings')
    .addColumn('notes_in_export', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
