// The intake before a first session (migration 021): one row per booking and person. Answers arrive sealed
// (the use case seals them) and are written once; the partner's link is found by its hash, and only while
// its booking's manage link still works.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export type IntakeRole = 'client' | 'partner';

export interface IntakeRow {
  booking_id: string;
  role: IntakeRole;
  answers_sealed: string | null;
  received_at: number | null;
}

export function intakeRepository(db: Kysely<DB>) {
  return {
    /** A booking's rows (the client's, the partner's), sealed as they are. */
    forBooking(bookingId: string): Promise<IntakeRow[]> {
      return db.selectFrom('intakes').select(['booking_id', 'role', 'answers_sealed', 'received_at']).where('booking_id', '=', bookingId).execute();
    },

    /** The rows with answers of these bookings, of one role or both (nothing is opened here). */
    async received(bookingIds: readonly string[], role?: IntakeRole): Promise<IntakeRow[]> {
      if (bookingIds.length === 0) return [];
      let q = db
        .selectFrom('intakes')
        .select(['booking_id', 'role', 'answers_sealed', 'received_at'])
        .where('booking_id', 'in', [...bookingIds])
        .where('received_at', 'is not', null);
      if (role) q = q.where('role', '=', role);
      return q.execute();
    },

    /** The partner's link for a booking, made once (its hash); a second call changes nothing. */
    async ensurePartnerLink(bookingId: string, linkHash: string, now: number): Promise<void> {
      const found = await db.selectFrom('intakes').select('booking_id').where('booking_id', '=', bookingId).where('role', '=', 'partner').executeTakeFirst();
      if (found) return;
      await db
        .insertInto('intakes')
        .values({ booking_id: bookingId, role: 'partner', link_hash: linkHash, answers_sealed: null, created_at: now, received_at: null })
        .onConflict((oc) => oc.columns(['booking_id', 'role']).doNothing())
        .execute();
    },

    /** The booking a partner's link belongs to, while the booking's manage link works; else undefined. */
    async bookingOfPartnerLink(linkHash: string, now: number): Promise<string | undefined> {
      const row = await db
        .selectFrom('intakes as i')
        .innerJoin('bookings as b', 'b.id', 'i.booking_id')
        .select('i.booking_id')
        .where('i.link_hash', '=', linkHash)
        .where('i.role', '=', 'partner')
        .where('b.manage_expires_at', '>', now)
        .executeTakeFirst();
      return row?.booking_id;
    },

    /**
     * Writes one person's answers, once: true when written, false when answers were already there (a second
     * submission, or two at once, never replaces the first).
     */
    async saveAnswers(bookingId: string, role: IntakeRole, sealed: string, now: number): Promise<boolean> {
      const updated = await db
        .updateTable('intakes')
        .set({ answers_sealed: sealed, received_at: now })
        .where('booking_id', '=', bookingId)
        .where('role', '=', role)
        .where('received_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) return true;
      const inserted = await db
        .insertInto('intakes')
        .values({ booking_id: bookingId, role, link_hash: null, answers_sealed: sealed, created_at: now, received_at: now })
        .onConflict((oc) => oc.columns(['booking_id', 'role']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** Whether the booking's client had an earlier session (not cancelled) with the same therapist. */
    async hasEarlierSession(bookingId: string): Promise<boolean> {
      const row = await db
        .selectFrom('bookings as b')
        .innerJoin('bookings as earlier', (j) =>
          j
            .onRef('earlier.client_email_hash', '=', 'b.client_email_hash')
            .onRef('earlier.therapist_id', '=', 'b.therapist_id')
            .onRef('earlier.starts_at', '<', 'b.starts_at'),
        )
        .select('earlier.id')
        .where('b.id', '=', bookingId)
        .where('earlier.status', '!=', 'cancelled')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Of these bookings, those that are their client's first (not cancelled) session with the therapist. */
    async firstSessions(bookingIds: readonly string[]): Promise<Set<string>> {
      if (bookingIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('bookings as b')
        .select('b.id')
        .where('b.id', 'in', [...bookingIds])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('bookings as earlier')
                .select('earlier.id')
                .whereRef('earlier.client_email_hash', '=', 'b.client_email_hash')
                .whereRef('earlier.therapist_id', '=', 'b.therapist_id')
                .whereRef('earlier.starts_at', '<', 'b.starts_at')
                .where('earlier.status', '!=', 'cancelled'),
            ),
          ),
        )
        .execute();
      return new Set(rows.map((r) => r.id));
    },

    /** Erasure: every row of a booking. */
    async deleteForBooking(bookingId: string): Promise<number> {
      const r = await db.deleteFrom('intakes').where('booking_id', '=', bookingId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
