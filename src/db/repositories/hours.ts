// A therapist's hours: weekly ranges (local times in the therapist's zone) and date changes (a day off, or
// different hours that day). The slot rules read the same tables (availability.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface WeeklyRangeRow {
  weekday: number;
  start: string;
  end: string;
}

export interface DateRangeRow {
  date: string;
  /** Both null: the whole day off. */
  start: string | null;
  end: string | null;
}

export function hoursRepository(db: Kysely<DB>) {
  return {
    async weekly(therapistId: string): Promise<WeeklyRangeRow[]> {
      const rows = await db
        .selectFrom('weekly_hours')
        .select(['weekday', 'start_time', 'end_time'])
        .where('therapist_id', '=', therapistId)
        .orderBy('weekday')
        .orderBy('start_time')
        .execute();
      return rows.map((w) => ({ weekday: w.weekday, start: w.start_time, end: w.end_time }));
    },
    /** Date changes on `fromDate` (YYYY-MM-DD) and after, by date and start. */
    async dateChangesFrom(therapistId: string, fromDate: string): Promise<DateRangeRow[]> {
      const rows = await db
        .selectFrom('availability_overrides')
        .select(['date', 'start_time', 'end_time'])
        .where('therapist_id', '=', therapistId)
        .where('date', '>=', fromDate)
        .orderBy('date')
        .orderBy('start_time')
        .execute();
      return rows.map((o) => ({ date: o.date, start: o.start_time, end: o.end_time }));
    },
    /** Makes each of `dates` a day off, replacing any changed hours on them. */
    async setDaysOff(therapistId: string, dates: string[]): Promise<void> {
      if (dates.length === 0) return;
      const first = dates[0]!;
      const last = dates.at(-1)!;
      await db.deleteFrom('availability_overrides').where('therapist_id', '=', therapistId).where('date', '>=', first).where('date', '<=', last).execute();
      await db
        .insertInto('availability_overrides')
        .values(dates.map((date) => ({ therapist_id: therapistId, date, start_time: null, end_time: null })))
        .execute();
    },
    /** Removes the days off from `fromDate` to `toDate` (changed hours in between stay). */
    async removeDaysOff(therapistId: string, fromDate: string, toDate: string): Promise<number> {
      const removed = await db
        .deleteFrom('availability_overrides')
        .where('therapist_id', '=', therapistId)
        .where('date', '>=', fromDate)
        .where('date', '<=', toDate)
        .where('start_time', 'is', null)
        .executeTakeFirst();
      return Number(removed.numDeletedRows);
    },
    /** Replaces every weekly range. */
    async replaceWeekly(therapistId: string, ranges: WeeklyRangeRow[]): Promise<void> {
      await db.deleteFrom('weekly_hours').where('therapist_id', '=', therapistId).execute();
      if (ranges.length > 0) {
        await db
          .insertInto('weekly_hours')
          .values(ranges.map((r) => ({ therapist_id: therapistId, weekday: r.weekday, start_time: r.start, end_time: r.end })))
          .execute();
      }
    },
    /** Sets one date's ranges (none: the day off), replacing any earlier change for that date. */
    async replaceDate(therapistId: string, date: string, ranges: { start: string; end: string }[]): Promise<void> {
      await db.deleteFrom('availability_overrides').where('therapist_id', '=', therapistId).where('date', '=', date).execute();
      const rows = ranges.length === 0 ? [{ start_time: null, end_time: null }] : ranges.map((r) => ({ start_time: r.start, end_time: r.end }));
      await db
        .insertInto('availability_overrides')
        .values(rows.map((r) => ({ therapist_id: therapistId, date, ...r })))
        .execute();
    },
    /** Removes a date's change: the weekly hours apply to it again. */
    async removeDate(therapistId: string, date: string): Promise<void> {
      await db.deleteFrom('availability_overrides').where('therapist_id', '=', therapistId).where('date', '=', date).execute();
    },
  };
}
