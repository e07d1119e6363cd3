// Ongoing sessions: the series table, and the statements on bookings that concern a series as a whole (its
// occurrences, ending its future ones). An occurrence is written like any booking (bookingRepository.insert).
import type { Kysely } from 'kysely';
import type { BookingSeriesTable, DB } from '../schema.ts';
import { ACTIVE_STATUSES } from './availability.ts';

export type SeriesRow = BookingSeriesTable;

export interface OccurrenceRow {
  id: string;
  reference: string;
  status: string;
  starts_at: number;
  ends_at: number;
  series_slot: number | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toSeries(row: Record<string, unknown>): SeriesRow {
  const r = row as unknown as SeriesRow;
  return {
    ...r,
    first_slot: Number(r.first_slot),
    interval_weeks: Number(r.interval_weeks),
    count: num(r.count),
    booked_until: Number(r.booked_until),
    sequence: Number(r.sequence),
    created_at: Number(r.created_at),
    updated_at: Number(r.updated_at),
    ended_at: num(r.ended_at),
  };
}

export function seriesRepository(db: Kysely<DB>) {
  return {
    async insert(row: SeriesRow): Promise<void> {
      await db.insertInto('booking_series').values(row).execute();
    },

    /** A series by id; with `therapistId`, only when it is that therapist's. */
    async findById(id: string, therapistId?: string): Promise<SeriesRow | undefined> {
      const row = await db
        .selectFrom('booking_series')
        .selectAll()
        .where('id', '=', id)
        .$if(therapistId !== undefined, (q) => q.where('therapist_id', '=', therapistId!))
        .executeTakeFirst();
      return row ? toSeries(row) : undefined;
    },

    /** The active series started from a booking, if any. */
    async activeFrom(firstBookingId: string): Promise<SeriesRow | undefined> {
      const row = await db
        .selectFrom('booking_series')
        .selectAll()
        .where('first_booking_id', '=', firstBookingId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return row ? toSeries(row) : undefined;
    },

    /** The series a booking is an occurrence of (member) or the active one booked from it, if any. */
    async ofBooking(bookingId: string): Promise<{ seriesId: string; member: boolean } | undefined> {
      const row = await db.selectFrom('bookings').select('series_id').where('id', '=', bookingId).executeTakeFirst();
      if (row?.series_id) return { seriesId: row.series_id, member: true };
      const from = await db
        .selectFrom('booking_series')
        .select('id')
        .where('first_booking_id', '=', bookingId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return from ? { seriesId: from.id, member: false } : undefined;
    },

    /** The series' occurrences, in order of time, whatever their status. */
    async occurrences(seriesId: string): Promise<OccurrenceRow[]> {
      const rows = await db
        .selectFrom('bookings')
        .select(['id', 'reference', 'status', 'starts_at', 'ends_at', 'series_slot'])
        .where('series_id', '=', seriesId)
        .orderBy('starts_at')
        .execute();
      return rows.map((r) => ({ ...r, starts_at: Number(r.starts_at), ends_at: Number(r.ends_at), series_slot: num(r.series_slot) }));
    },

    /** Compare-and-swap on the sequence: false when someone else changed the series first. */
    async update(
      current: Pick<SeriesRow, 'id' | 'sequence'>,
      patch: Partial<Pick<SeriesRow, 'skipped' | 'status' | 'booked_until' | 'ended_at'>>,
      now: number,
    ) {
      const r = await db
        .updateTable('booking_series')
        .set({ ...patch, sequence: current.sequence + 1, updated_at: now })
        .where('id', '=', current.id)
        .where('sequence', '=', current.sequence)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Cancels the series' active occurrences that start after `after`; how many. */
    async cancelFuture(seriesId: string, after: number, now: number, cancelledBy: string): Promise<number> {
      const r = await db
        .updateTable('bookings')
        .set((eb) => ({ status: 'cancelled', cancelled_at: now, cancelled_by: cancelledBy, updated_at: now, sequence: eb('sequence', '+', 1) }))
        .where('series_id', '=', seriesId)
        .where('status', 'in', ACTIVE_STATUSES)
        .where('starts_at', '>', after)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Active open-ended series booked less far ahead than `until`: the extension job's work. */
    async dueForExtension(until: number, limit: number): Promise<SeriesRow[]> {
      const rows = await db
        .selectFrom('booking_series')
        .selectAll()
        .where('status', '=', 'active')
        .where('count', 'is', null)
        .where('booked_until', '<', until)
        .orderBy('booked_until')
        .limit(limit)
        .execute();
      return rows.map(toSeries);
    },

    /** The longest booking window of any active service: an open-ended series is held at least this far ahead. */
    async longestBookingWindowDays(): Promise<number> {
      const row = await db
        .selectFrom('services')
        .select((eb) => eb.fn.max('booking_window_days').as('days'))
        .where('active', '=', 1)
        .executeTakeFirst();
      return Number(row?.days ?? 0);
    },
  };
}
