// Session notes (migration 022): all SQL. Bodies arrive sealed (the use case seals and opens them). The
// original is changed only by an update that names the lock (the use case decides it, the query keeps it);
// addenda are new rows, never changed.
import type { Kysely } from 'kysely';
import { orderedId } from '../ids.ts';
import type { DB, SessionNotesTable } from '../schema.ts';

export type SessionNoteRow = Pick<SessionNotesTable, 'id' | 'booking_id' | 'kind' | 'body_sealed' | 'created_at' | 'updated_at'>;

const COLUMNS = ['id', 'booking_id', 'kind', 'body_sealed', 'created_at', 'updated_at'] as const;

export function sessionNoteRepository(db: Kysely<DB>) {
  return {
    /** A booking's notes: the original first, then its addenda in the order they were written. */
    async forBooking(bookingId: string): Promise<SessionNoteRow[]> {
      return this.forBookings([bookingId]);
    },

    async forBookings(bookingIds: readonly string[]): Promise<SessionNoteRow[]> {
      if (bookingIds.length === 0) return [];
      // 'original' sorts after 'addendum': descending puts it first.
      return db
        .selectFrom('session_notes')
        .select([...COLUMNS])
        .where('booking_id', 'in', [...bookingIds])
        .orderBy('kind', 'desc')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /** How many notes a booking has (nothing opened). */
    async count(bookingId: string): Promise<number> {
      const r = await db
        .selectFrom('session_notes')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('booking_id', '=', bookingId)
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /**
     * The first note; false when the booking has one already (two at once: one wins). The original's id is
     * its booking's, so the primary key keeps it single (and a unique index on the original says so too).
     */
    async insertOriginal(bookingId: string, sealed: string, author: string, now: number): Promise<boolean> {
      const r = await db
        .insertInto('session_notes')
        .values({ id: bookingId, booking_id: bookingId, kind: 'original', body_sealed: sealed, author, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** Changes the original while it is not locked (created before `lockedAt` and now before it); true when it did. */
    async editOriginal(bookingId: string, sealed: string, now: number, lockedAt: number): Promise<boolean> {
      if (now >= lockedAt) return false;
      const r = await db
        .updateTable('session_notes')
        .set({ body_sealed: sealed, updated_at: now })
        .where('booking_id', '=', bookingId)
        .where('kind', '=', 'original')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async insertAddendum(bookingId: string, sealed: string, author: string, now: number): Promise<void> {
      await db
        .insertInto('session_notes')
        .values({ id: orderedId(now), booking_id: bookingId, kind: 'addendum', body_sealed: sealed, author, created_at: now, updated_at: now })
        .execute();
    },

    /** Erasure: every note of a booking. */
    async deleteForBooking(bookingId: string): Promise<number> {
      const r = await db.deleteFrom('session_notes').where('booking_id', '=', bookingId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** Whether session notes are part of a client's copy of their data. */
    async inExport(): Promise<boolean> {
      const row = await db.selectFrom('practice_settings').select('notes_in_export').where('id', '=', 1).executeTakeFirst();
      return Number(row?.notes_in_export ?? 1) === 1;
    },

    async setInExport(included: boolean, now: number): Promise<void> {
      await db
        .updateTable('practice_settings')
        .set({ notes_in_export: included ? 1 : 0, updated_at: now })
        .where('id', '=', 1)
        .execute();
    },
  };
}
