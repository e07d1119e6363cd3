// The bookings repository's lists and record keeping: a therapist's and the practice's sessions, reminders
// due, a client's bookings (for their copy and erasure) and retention. Part of bookingRepository.
import type { Kysely } from 'kysely';
import type { BookingStatus, DB } from '../schema.ts';
import { ACTIVE_STATUSES } from './availability.ts';
import { type BookingPatch, type BookingWithNames, bookingsWithNames } from './bookings.ts';

export function bookingLists(db: Kysely<DB>) {
  const withNames = () => bookingsWithNames(db);
  return {
    /** One therapist's bookings starting in [from, to), oldest first, with the service's name. */
    listForTherapist(therapistId: string, from: number, to: number, statuses?: readonly BookingStatus[]) {
      return db
        .selectFrom('bookings as b')
        .innerJoin('services as s', 's.id', 'b.service_id')
        .select([
          'b.id',
          'b.reference',
          'b.status',
          'b.starts_at',
          'b.ends_at',
          'b.format',
          'b.client_name',
          'b.therapist_id',
          'b.service_id',
          'b.sequence',
          'b.updated_at',
          'b.series_id',
          's.name as service_name',
        ])
        .where('b.therapist_id', '=', therapistId)
        .where('b.starts_at', '>=', from)
        .where('b.starts_at', '<', to)
        .$if(statuses !== undefined, (q) => q.where('b.status', 'in', statuses!))
        .orderBy('b.starts_at')
        .execute();
    },

    /**
     * Every therapist's bookings (or one's) starting in [from, to), oldest first, for the practice's schedule:
     * reference, times, status, service and therapist, nothing about the client.
     */
    listForPractice(from: number, to: number, therapistId?: string) {
      return db
        .selectFrom('bookings as b')
        .innerJoin('services as s', 's.id', 'b.service_id')
        .select(['b.id', 'b.reference', 'b.status', 'b.starts_at', 'b.ends_at', 'b.format', 'b.therapist_id', 's.name as service_name'])
        .where('b.starts_at', '>=', from)
        .where('b.starts_at', '<', to)
        .$if(therapistId !== undefined, (q) => q.where('b.therapist_id', '=', therapistId!))
        .orderBy('b.starts_at')
        .execute();
    },

    /** A therapist's active bookings still to start (at most `limit`), for moving them to someone else. */
    upcomingForTherapist(therapistId: string, now: number, limit: number) {
      return db
        .selectFrom('bookings as b')
        .innerJoin('services as s', 's.id', 'b.service_id')
        .select(['b.id', 'b.reference', 'b.starts_at', 'b.ends_at', 'b.service_id', 'b.format', 's.name as service_name'])
        .where('b.therapist_id', '=', therapistId)
        .where('b.status', 'in', ACTIVE_STATUSES)
        .where('b.starts_at', '>', now)
        .orderBy('b.starts_at')
        .limit(limit)
        .execute();
    },

    /** Confirmed sessions starting in (now, horizon] whose reminder has not been queued, with names. */
    dueReminders(now: number, horizon: number, limit: number): Promise<BookingWithNames[]> {
      return withNames()
        .where('b.status', '=', 'confirmed')
        .where('b.reminder_sent_at', 'is', null)
        .where('b.starts_at', '>', now)
        .where('b.starts_at', '<=', horizon)
        .limit(limit)
        .execute();
    },

    /** Claims a booking's reminder (compare-and-swap): true for exactly one process. */
    async claimReminder(id: string, sequence: number, now: number): Promise<boolean> {
      const claimed = await db
        .updateTable('bookings')
        .set({ reminder_sent_at: now })
        .where('id', '=', id)
        .where('reminder_sent_at', 'is', null)
        .where('sequence', '=', sequence)
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1;
    },

    /** Every booking of a client (by the blind index of their address), with names, oldest first. */
    forClient(clientEmailHash: string): Promise<BookingWithNames[]> {
      return withNames().where('b.client_email_hash', '=', clientEmailHash).orderBy('b.starts_at').execute();
    },

    /** The therapists a client has bookings with: whose locks an erasure takes. */
    async therapistsOfClient(clientEmailHash: string): Promise<string[]> {
      const rows = await db.selectFrom('bookings').select('therapist_id').distinct().where('client_email_hash', '=', clientEmailHash).execute();
      return rows.map((r) => r.therapist_id);
    },

    /** Erasure: overwrites a booking's client details (and, for a session to come, its status). */
    async overwrite(id: string, patch: BookingPatch & { sequence?: number }, now: number): Promise<void> {
      await db
        .updateTable('bookings')
        .set({ ...patch, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    /** Retention: cancelled bookings whose time ended before `before`. */
    async purgeCancelled(before: number): Promise<number> {
      const r = await db.deleteFrom('bookings').where('status', '=', 'cancelled').where('ends_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /**
     * Retention: every booking of a client whose last session ended before `cutoff` (erased clients'
     * pseudonymous rows included: their hash still groups them).
     */
    async purgeClientsBefore(cutoff: number): Promise<number> {
      const r = await db
        .deleteFrom('bookings as b')
        .where('b.ends_at', '<', cutoff)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('bookings as later')
                .select('later.id')
                .whereRef('later.client_email_hash', '=', 'b.client_email_hash')
                .where('later.ends_at', '>=', cutoff)
                .where('later.status', '!=', 'cancelled'),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
