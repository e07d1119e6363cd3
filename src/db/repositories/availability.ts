// What slot computation needs from the database: a therapist's rules and their active bookings.

import { type Kysely, sql } from 'kysely';
import type { AvailabilityRules, BusyInterval } from '../../domain/slots.ts';
import type { AvailabilityOverride } from '../../domain/types.ts';
import { IN_LIST_BATCH, inBatches } from '../batches.ts';
import type { BookingsTable, DB } from '../schema.ts';

export const ACTIVE_STATUSES = ['pending', 'confirmed'] as const;

export interface TherapistAvailability {
  rules: AvailabilityRules;
  busy: BusyInterval[];
}

const DAY = 86_400_000;

interface CalendarRow {
  kind: 'w' | 'o' | 'b';
  therapist_id: string;
  day: string | null;
  weekday: number | null;
  start_time: string | null;
  end_time: string | null;
  id: string | null;
  service_id: string | null;
  starts_at: number | null;
  ends_at: number | null;
  blocked_from: number | null;
  blocked_until: number | null;
}

/** Rules and busy times per therapist, from the rows of the three tables. */
function assemble(
  therapists: readonly { id: string; time_zone: string }[],
  weekly: readonly { therapist_id: string; weekday: number; start_time: string; end_time: string }[],
  overrides: readonly { therapist_id: string; date: string; start_time: string | null; end_time: string | null }[],
  bookings: readonly Pick<BookingsTable, 'id' | 'therapist_id' | 'service_id' | 'starts_at' | 'ends_at' | 'blocked_from' | 'blocked_until'>[],
  excludeBookingId: string | undefined,
): Map<string, TherapistAvailability> {
  const result = new Map<string, TherapistAvailability>();
  for (const t of therapists) result.set(t.id, { rules: { timeZone: t.time_zone, weekly: [], overrides: [] }, busy: [] });
  for (const w of weekly) {
    (result.get(w.therapist_id)?.rules.weekly as { weekday: number; start: string; end: string }[] | undefined)?.push({
      weekday: w.weekday,
      start: w.start_time,
      end: w.end_time,
    });
  }
  // Rows with times replace that date's weekly hours; a row without times is the day off (and wins).
  const byDate = new Map<string, AvailabilityOverride>();
  for (const o of overrides) {
    const list = result.get(o.therapist_id)?.rules.overrides as AvailabilityOverride[] | undefined;
    if (!list) continue;
    if (!o.start_time || !o.end_time) {
      list.push({ date: o.date, ranges: [] });
      continue;
    }
    const key = `${o.therapist_id}|${o.date}`;
    let entry = byDate.get(key);
    if (!entry) {
      entry = { date: o.date, ranges: [] };
      byDate.set(key, entry);
      list.push(entry);
    }
    entry.ranges.push({ start: o.start_time, end: o.end_time });
  }
  for (const b of bookings) {
    if (b.id === excludeBookingId) continue;
    result.get(b.therapist_id)?.busy.push({
      start: b.starts_at,
      end: b.ends_at,
      bufferBeforeMinutes: (b.starts_at - b.blocked_from) / 60_000,
      bufferAfterMinutes: (b.blocked_until - b.ends_at) / 60_000,
      serviceId: b.service_id,
    });
  }
  return result;
}

export function availabilityRepository(db: Kysely<DB>) {
  const repository = {
    /**
     * Rules and active bookings for each therapist, bookings limited to [fromMs, toMs] (widened by a
     * day each side, so buffers and per-day limits at the edges are seen).
     */
    async load(therapistIds: string[], fromMs: number, toMs: number, excludeBookingId?: string): Promise<Map<string, TherapistAvailability>> {
      if (therapistIds.length > IN_LIST_BATCH) {
        const parts = await inBatches(therapistIds, async (batch) => [...(await repository.load(batch, fromMs, toMs, excludeBookingId))]);
        return new Map(parts);
      }
      if (therapistIds.length === 0) return new Map();
      const [therapists, weekly, overrides, bookings] = await Promise.all([
        db.selectFrom('therapists').select(['id', 'time_zone']).where('id', 'in', therapistIds).execute(),
        db.selectFrom('weekly_hours').select(['therapist_id', 'weekday', 'start_time', 'end_time']).where('therapist_id', 'in', therapistIds).execute(),
        db.selectFrom('availability_overrides').select(['therapist_id', 'date', 'start_time', 'end_time']).where('therapist_id', 'in', therapistIds).execute(),
        db
          .selectFrom('bookings')
          .select(['id', 'therapist_id', 'service_id', 'starts_at', 'ends_at', 'blocked_from', 'blocked_until'])
          .where('therapist_id', 'in', therapistIds)
          .where('status', 'in', ACTIVE_STATUSES)
          .where('blocked_until', '>', fromMs - DAY)
          .where('blocked_from', '<', toMs + DAY)
          .execute(),
      ]);
      return assemble(therapists, weekly, overrides, bookings, excludeBookingId);
    },

    /**
     * The same for therapists whose zones the caller already has (the booking transaction read them with
     * the service): weekly hours, date exceptions and active bookings in one statement.
     */
    async loadFor(
      therapists: readonly { id: string; timeZone: string }[],
      fromMs: number,
      toMs: number,
      excludeBookingId?: string,
    ): Promise<Map<string, TherapistAvailability>> {
      if (therapists.length === 0) return new Map();
      if (therapists.length > IN_LIST_BATCH) {
        const zones = new Map(therapists.map((t) => [t.id, t.timeZone]));
        const parts = await inBatches(
          therapists.map((t) => t.id),
          async (batch) => [
            ...(await repository.loadFor(
              batch.map((id) => ({ id, timeZone: zones.get(id)! })),
              fromMs,
              toMs,
              excludeBookingId,
            )),
          ],
        );
        return new Map(parts);
      }
      const ids = sql.join(therapists.map((t) => t.id));
      // The first branch names the columns and (for PostgreSQL) their types.
      const found = await sql<CalendarRow>`
        select 'w' as kind, therapist_id, null as day, weekday, start_time, end_time, null as id, null as service_id,
               cast(null as bigint) as starts_at, cast(null as bigint) as ends_at, cast(null as bigint) as blocked_from, cast(null as bigint) as blocked_until
          from weekly_hours where therapist_id in (${ids})
        union all
        select 'o', therapist_id, date, null, start_time, end_time, null, null, null, null, null, null
          from availability_overrides where therapist_id in (${ids})
        union all
        select 'b', therapist_id, null, null, null, null, id, service_id, starts_at, ends_at, blocked_from, blocked_until
          from bookings
         where therapist_id in (${ids}) and status in (${sql.join([...ACTIVE_STATUSES])})
           and blocked_until > ${fromMs - DAY} and blocked_from < ${toMs + DAY}`.execute(db);
      const rows = found.rows;
      return assemble(
        therapists.map((t) => ({ id: t.id, time_zone: t.timeZone })),
        rows
          .filter((r) => r.kind === 'w')
          .map((r) => ({ therapist_id: r.therapist_id, weekday: Number(r.weekday), start_time: r.start_time!, end_time: r.end_time! })),
        rows.filter((r) => r.kind === 'o').map((r) => ({ therapist_id: r.therapist_id, date: r.day!, start_time: r.start_time, end_time: r.end_time })),
        rows
          .filter((r) => r.kind === 'b')
          .map((r) => ({
            id: r.id!,
            therapist_id: r.therapist_id,
            service_id: r.service_id!,
            starts_at: Number(r.starts_at),
            ends_at: Number(r.ends_at),
            blocked_from: Number(r.blocked_from),
            blocked_until: Number(r.blocked_until),
          })),
        excludeBookingId,
      );
    },
  };
  return repository;
}
