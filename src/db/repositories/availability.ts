// What slot computation needs from the database: a therapist's rules and their active bookings.
import { IN_LIST_BATCH, inBatches } from '../batches.ts';
import type { Kysely } from 'kysely';
import type { AvailabilityRules, BusyInterval } from '../../domain/slots.ts';
import type { AvailabilityOverride } from '../../domain/types.ts';
import type { DB } from '../schema.ts';

export const ACTIVE_STATUSES = ['pending', 'confirmed'] as const;

export interface TherapistAvailability {
  rules: AvailabilityRules;
  busy: BusyInterval[];
}

const DAY = 86_400_000;

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
      const result = new Map<string, TherapistAvailability>();
      if (therapistIds.length === 0) return result;
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
      for (const t of therapists) result.set(t.id, { rules: { timeZone: t.time_zone, weekly: [], overrides: [] }, busy: [] });
      for (const w of weekly) {
        (result.get(w.therapist_id)?.rules.weekly as { weekday: number; start: string; end: string }[] | undefined)?.push({ weekday: w.weekday, start: w.start_time, end: w.end_time });
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
    },
  };
  return repository;
}
