// A schedule's shapes, pure: the working time of each day from weekly hours and date changes (read as the
// slot rules read them: a date's changes replace its weekly hours, a date with no times is time off), days
// off grouped into ranges, and where an instant falls on a zone's wall clock (for drawing a day).
import type { AvailabilityRules } from './slots.ts';
import { DAY_MS, isoDateOf, isoWeekdayOf, localDays, MINUTE_MS, offsetAt, parseClock, parseIsoDate, wallClockInstant } from './time.ts';

/** How a day's hours come about: the weekly hours, changed hours for that date, or time off. */
export type DayKind = 'weekly' | 'changed' | 'off';

export interface WorkingDay {
  epochDay: number;
  date: string;
  kind: DayKind;
  /** The ranges as written ("HH:MM"), sorted by start; empty when not working. */
  ranges: { start: string; end: string }[];
  /** The same as instants [start, end), sorted, overlaps merged. */
  intervals: { start: number; end: number }[];
}

/** Each day from `firstDay` (an epoch day in the rules' zone), `count` of them, with its working time. */
export function workingDays(rules: AvailabilityRules, firstDay: number, count: number): WorkingDay[] {
  const overrides = new Map<string, { start: string; end: string }[] | 'off'>();
  for (const o of rules.overrides) {
    const seen = overrides.get(o.date);
    if (seen === 'off' || o.ranges.length === 0) overrides.set(o.date, 'off');
    else overrides.set(o.date, [...(seen ?? []), ...o.ranges]);
  }
  const out: WorkingDay[] = [];
  if (count <= 0) return out;
  for (const day of localDays(rules.timeZone, firstDay)) {
    const date = isoDateOf(day.epochDay);
    const override = overrides.get(date);
    const kind: DayKind = override === 'off' ? 'off' : override ? 'changed' : 'weekly';
    const written = override === 'off' ? [] : (override ?? rules.weekly.filter((w) => w.weekday === isoWeekdayOf(day.epochDay)));
    const parsed: { start: string; end: string; s: number; e: number }[] = [];
    for (const r of written) {
      const s = parseClock(r.start, false);
      const e = parseClock(r.end, true);
      if (s !== null && e !== null && s < e) parsed.push({ start: r.start, end: r.end, s, e });
    }
    parsed.sort((a, b) => a.s - b.s || a.e - b.e);
    const intervals: { start: number; end: number }[] = [];
    for (const r of parsed) {
      const start = wallClockInstant(rules.timeZone, day, r.s);
      const end = wallClockInstant(rules.timeZone, day, r.e);
      if (end <= start) continue;
      const last = intervals.at(-1);
      if (last && start <= last.end) last.end = Math.max(last.end, end);
      else intervals.push({ start, end });
    }
    out.push({ epochDay: day.epochDay, date, kind, ranges: parsed.map((r) => ({ start: r.start, end: r.end })), intervals });
    if (out.length === count) break;
  }
  return out;
}

export interface DateRange {
  /** First and last date, both inclusive ("YYYY-MM-DD"). */
  from: string;
  to: string;
  days: number;
}

/** Dates grouped into runs of consecutive days, in order (repeats and unreadable dates ignored). */
export function dateRuns(dates: readonly string[]): DateRange[] {
  const days = [...new Set(dates.map((d) => parseIsoDate(d)).filter((d): d is number => d !== null))].sort((a, b) => a - b);
  const runs: DateRange[] = [];
  let first: number | undefined;
  let last = 0;
  for (const d of days) {
    if (first !== undefined && d === last + 1) {
      last = d;
      continue;
    }
    if (first !== undefined) runs.push({ from: isoDateOf(first), to: isoDateOf(last), days: last - first + 1 });
    first = d;
    last = d;
  }
  if (first !== undefined) runs.push({ from: isoDateOf(first), to: isoDateOf(last), days: last - first + 1 });
  return runs;
}

/** Every date from `from` to `to` inclusive ("YYYY-MM-DD"); empty when either is unreadable or to < from. */
export function datesBetween(from: string, to: string): string[] {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (a === null || b === null || b < a) return [];
  return Array.from({ length: b - a + 1 }, (_, i) => isoDateOf(a + i));
}

/** Minutes since the zone's midnight that its wall clock shows at an instant (0 to 1439). */
export function wallMinute(ms: number, timeZone: string): number {
  const local = ms + offsetAt(ms, timeZone);
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}
