// Ongoing sessions: a client's weekly (or fortnightly, or every n weeks) sessions after a first one. Pure:
// given the first booking's time, the pattern and the practice's zone, which starts the series has, and which
// of them the therapist's hours and bookings refuse.
//
// Every occurrence keeps the first session's wall-clock time in the PRACTICE's zone: a 10:00 session stays
// at 10:00 across the clock change (so its UTC instant moves by an hour). A time the clock skips that day
// (01:30 on spring-forward day in London) is the first instant the clock shows it or later, as for hours.
// The first booking is the anchor, not part of the series: occurrence k (k ≥ 1) is k × interval weeks after it.
import { type AvailabilityRules, type BusyInterval, checkSlot, type SlotRejectionCode, type SlotService } from './slots.ts';
import { DAY_MS, type EpochMs, firstInstantAtOrAfter, localEpochDay, MINUTE_MS, offsetAt } from './time.ts';

export const MAX_INTERVAL_WEEKS = 8;
export const MAX_SERIES_COUNT = 52;
/** How far ahead an open-ended series is held at the least (a job extends it as time passes). */
export const OPEN_ENDED_HORIZON_DAYS = 84;

export interface SeriesPattern {
  /** The first booking's start: the anchor of the series. */
  anchorStart: EpochMs;
  /** 1 weekly, 2 fortnightly, n every n weeks. */
  intervalWeeks: number;
  /** How many sessions the series holds; null: until ended. */
  count: number | null;
  /** The practice's IANA zone: the wall-clock time kept. */
  timeZone: string;
}

/** The local day and minute of an instant in a zone. */
export function wallClockOf(ms: EpochMs, timeZone: string): { epochDay: number; minute: number } {
  const epochDay = localEpochDay(ms, timeZone);
  const local = ms + offsetAt(ms, timeZone);
  return { epochDay, minute: Math.floor((local - epochDay * DAY_MS) / MINUTE_MS) };
}

/** The start of occurrence k (k ≥ 1; k = 0 is the anchor itself). */
export function occurrenceStart(pattern: SeriesPattern, k: number): EpochMs {
  const { epochDay, minute } = wallClockOf(pattern.anchorStart, pattern.timeZone);
  return firstInstantAtOrAfter(pattern.timeZone, epochDay + 7 * pattern.intervalWeeks * k, minute);
}

/**
 * The series' starts, in order: every occurrence after `after` (a series booked after the first session
 * begins with the next week that is still ahead), `count` of them, or (open-ended) all before `horizon`.
 * A counted series stops at the horizon too when one is given (it is never more than a year long anyway).
 */
export function seriesStarts(pattern: SeriesPattern, window: { after: EpochMs; horizon: EpochMs }): EpochMs[] {
  if (!Number.isInteger(pattern.intervalWeeks) || pattern.intervalWeeks < 1 || pattern.intervalWeeks > MAX_INTERVAL_WEEKS) {
    throw new RangeError('intervalWeeks must be a whole number from 1 to 8');
  }
  if (pattern.count !== null && (!Number.isInteger(pattern.count) || pattern.count < 1 || pattern.count > MAX_SERIES_COUNT)) {
    throw new RangeError('count must be a whole number from 1 to 52');
  }
  const out: EpochMs[] = [];
  for (let k = 1; k < 10_000; k++) {
    const start = occurrenceStart(pattern, k);
    if (start <= window.after) continue;
    if (start >= window.horizon) break;
    out.push(start);
    if (pattern.count !== null && out.length >= pattern.count) break;
  }
  return out;
}

/** TOO_SOON here means the time has passed (no notice applies to the practice's own booking). */
export type SeriesConflictCode = Exclude<SlotRejectionCode, 'OUTSIDE_BOOKING_WINDOW'>;

export interface SeriesConflict {
  start: EpochMs;
  code: SeriesConflictCode;
}

/**
 * Which of the starts the therapist cannot take: outside their hours or on a day off (OUTSIDE_AVAILABILITY),
 * the day full for the service, or overlapping a booking (SLOT_TAKEN). Notice and the booking window are the
 * rules for clients booking online; the practice books ongoing sessions ahead, so they do not apply here.
 * The starts are checked one by one against the busy times given; occurrences of one series never overlap
 * each other (a session is shorter than a week).
 */
export function seriesConflicts(
  rules: AvailabilityRules,
  busy: readonly BusyInterval[],
  service: SlotService,
  starts: readonly EpochMs[],
  now: EpochMs,
): SeriesConflict[] {
  const ahead = { ...service, minNoticeMinutes: 0, bookingWindowDays: Math.max(service.bookingWindowDays, Math.ceil((maxOf(starts) - now) / DAY_MS) + 2) };
  const conflicts: SeriesConflict[] = [];
  for (const start of starts) {
    const checked = checkSlot(rules, busy, ahead, start, now);
    if (!checked.ok) conflicts.push({ start, code: checked.error.code as SeriesConflictCode });
  }
  return conflicts;
}

const maxOf = (xs: readonly number[]) => xs.reduce((m, x) => Math.max(m, x), 0);

/** What the therapist chose for a week the series cannot take as it is. */
export type ConflictChoice = { kind: 'skip' } | { kind: 'move'; start: EpochMs };

export interface PlannedOccurrence {
  /** The week's own start in the pattern (RECURRENCE-ID). */
  slot: EpochMs;
  /** When it is booked: the slot, or where it was moved to. */
  start: EpochMs;
}

export interface SeriesPlan {
  occurrences: PlannedOccurrence[];
  /** Weeks left out (EXDATE). */
  skipped: EpochMs[];
}

/**
 * The series as it will be saved: each conflicting week skipped or moved as chosen. A conflict without a
 * choice is UNRESOLVED (nothing is saved until every conflict has one); a move onto a time another occurrence
 * holds is MOVE_INVALID. Whether the therapist is free at a moved time is checked by the caller (checkSlot).
 */
export function planSeries(
  starts: readonly EpochMs[],
  conflicts: readonly SeriesConflict[],
  choices: ReadonlyMap<EpochMs, ConflictChoice>,
  durationMinutes: number,
): { ok: true; value: SeriesPlan } | { ok: false; error: { code: 'UNRESOLVED' | 'MOVE_INVALID'; start: EpochMs } } {
  const conflicting = new Set(conflicts.map((c) => c.start));
  const occurrences: PlannedOccurrence[] = [];
  const skipped: EpochMs[] = [];
  for (const slot of starts) {
    if (!conflicting.has(slot)) {
      occurrences.push({ slot, start: slot });
      continue;
    }
    const choice = choices.get(slot);
    if (!choice) return { ok: false, error: { code: 'UNRESOLVED', start: slot } };
    if (choice.kind === 'skip') skipped.push(slot);
    else occurrences.push({ slot, start: choice.start });
  }
  const length = durationMinutes * MINUTE_MS;
  const byStart = [...occurrences].sort((a, b) => a.start - b.start);
  for (let i = 0; i < byStart.length; i++) {
    const o = byStart[i]!;
    const moved = o.start !== o.slot;
    const next = byStart[i + 1];
    if (next && next.start < o.start + length) return { ok: false, error: { code: 'MOVE_INVALID', start: moved ? o.slot : next.slot } };
  }
  return { ok: true, value: { occurrences, skipped } };
}
