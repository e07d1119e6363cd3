// Bookable slots: which start times a therapist can offer for a service. Pure: data and a clock in, data out.
//
//   computeSlots(rules, busy, service, { from, to, viewerTimeZone, now }) → Result<Slot[]>
//   nextFreeSlots(rules, busy, service, now, limit)                       → Result<Slot[]>
//   checkSlot(rules, busy, service, start, now)                           → Result<Slot>  (why not, as a code)
//   isSlotBookable(rules, busy, service, start, now)                      → boolean       (checkSlot(…).ok)
//   formatInstant(ms, timeZone)                                           → "2027-03-28T10:00:00+01:00"
//
// Instants are epoch milliseconds (UTC) throughout, `now` included. Slots come back sorted, without repeats.
// Bad data that can come from users or rows (a zone, a date, working hours) is an error value with a stable
// code; a malformed service, busy interval, clock or limit is a programmer error and throws RangeError.
//
// The rules, all of which a slot [start, start + duration) must meet:
// - it lies inside ONE availability range of the therapist's local day, and start is a whole number of
//   slotIntervalMinutes (elapsed time) after that range's start. A day's ranges are its overrides when any
//   exist for that date (an override with no ranges is time off and wins over other overrides for the date),
//   otherwise its weekly hours. "24:00" may end a range.
// - wall-clock times mean the first instant the therapist's clock shows that time or later (see time.ts):
//   on spring-forward day 01:00–03:00 in London is 02:00–03:00 BST (one hour) and 01:15–01:45 is empty;
//   on fall-back day 01:00–03:00 runs from 01:00 BST to 03:00 GMT (three hours) and its grid continues in
//   elapsed time, so it offers 01:00 BST, 01:00 GMT and 02:00 GMT for an hourly grid.
// - [start - bufferBefore, end + bufferAfter) of the service overlaps no busy interval. A busy interval is an
//   active booking (or other blocked time) as it happened: { start, end } plus ITS OWN buffers, so the
//   blocked time is [start - bufferBeforeMinutes, end + bufferAfterMinutes). Pass raw bookings, not widened.
// - now + minNotice <= start < now + bookingWindowDays × 24 h.
// - with maxPerDay set, no slot on a therapist-local day that already holds maxPerDay busy intervals whose
//   serviceId is this service's id (counted by the local day of their start).
// - computeSlots only: start falls on one of the viewer's local dates from..to (inclusive).
// The caller passes only active bookings (and leaves out the one being moved, when rescheduling).

import {
  DAY_MS,
  type EpochMs,
  firstInstantAtOrAfter,
  isoWeekdayOf,
  isValidTimeZone,
  type LocalDay,
  localDays,
  localEpochDay,
  MINUTE_MS,
  parseClock,
  parseIsoDate,
  wallClockInstant,
} from './time.ts';
import type { AvailabilityOverride, Service, WeeklyHours } from './types.ts';

export type { EpochMs } from './time.ts';
export { formatInstant } from './time.ts';

export interface AvailabilityRules {
  timeZone: string;
  weekly: readonly WeeklyHours[];
  overrides: readonly AvailabilityOverride[];
}

export interface BusyInterval {
  start: EpochMs;
  end: EpochMs;
  /** This booking's own buffers (from its service when it was booked); 0 when absent. */
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  /** The booked service, counted for maxPerDay; absent for time that is blocked for another reason. */
  serviceId?: string | null;
}

export type SlotService = Pick<
  Service,
  'id' | 'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minNoticeMinutes' | 'bookingWindowDays' | 'slotIntervalMinutes' | 'maxPerDay'
>;

export interface Slot {
  start: EpochMs;
  end: EpochMs;
}

export interface SlotQuery {
  /** Viewer-local calendar dates "YYYY-MM-DD", both inclusive. */
  from: string;
  to: string;
  viewerTimeZone: string;
  now: EpochMs;
}

export type SlotErrorCode = 'INVALID_TIME_ZONE' | 'INVALID_DATE' | 'INVALID_DATE_RANGE' | 'INVALID_AVAILABILITY';
export type SlotRejectionCode = SlotErrorCode | 'TOO_SOON' | 'OUTSIDE_BOOKING_WINDOW' | 'OUTSIDE_AVAILABILITY' | 'DAY_FULL' | 'SLOT_TAKEN';
export interface SlotError<C extends string = SlotErrorCode> {
  code: C;
  detail?: string;
}
export type Result<T, C extends string = SlotErrorCode> = { ok: true; value: T } | { ok: false; error: SlotError<C> };

// ---------------------------------------------------------------------------------------------------------

type Range = readonly [startMinute: number, endMinute: number];

interface Prepared {
  timeZone: string;
  weekly: Range[][]; // index 1..7
  overrides: Map<number, Range[]>; // epoch day → ranges ([] = time off)
  durationMs: number;
  stepMs: number;
  beforeMs: number;
  afterMs: number;
  noticeMs: number;
  windowMs: number;
  maxPerDay: number | null;
  busyStarts: Float64Array; // merged blocked time, sorted, disjoint
  busyEnds: Float64Array;
  serviceStarts: Float64Array; // sorted starts of busy intervals of this service
}

function fail<C extends string>(code: C, detail?: string): { ok: false; error: SlotError<C> } {
  return { ok: false, error: detail === undefined ? { code } : { code, detail } };
}

function isWholeAtLeast(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min;
}

function finite(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new RangeError(`${what} must be a finite number`);
  return n;
}

function parseRange(r: { start: string; end: string }): Range | null {
  const s = typeof r?.start === 'string' ? parseClock(r.start, false) : null;
  const e = typeof r?.end === 'string' ? parseClock(r.end, true) : null;
  return s !== null && e !== null && s < e ? [s, e] : null;
}

function prepare(
  rules: AvailabilityRules,
  busy: readonly BusyInterval[],
  service: SlotService,
): { ok: true; value: Prepared } | { ok: false; error: SlotError } {
  const s = service;
  if (
    !isWholeAtLeast(s.durationMinutes, 1) ||
    !isWholeAtLeast(s.slotIntervalMinutes, 1) ||
    !isWholeAtLeast(s.bufferBeforeMinutes, 0) ||
    !isWholeAtLeast(s.bufferAfterMinutes, 0) ||
    !isWholeAtLeast(s.minNoticeMinutes, 0) ||
    !isWholeAtLeast(s.bookingWindowDays, 0) ||
    !(s.maxPerDay === null || isWholeAtLeast(s.maxPerDay, 0))
  ) {
    throw new RangeError(`service ${String(s.id)} has invalid slot settings`);
  }
  if (!isValidTimeZone(rules.timeZone)) return fail('INVALID_TIME_ZONE', 'therapist');

  const weekly: Range[][] = [[], [], [], [], [], [], [], []];
  for (const w of rules.weekly) {
    const range = parseRange(w);
    if (!isWholeAtLeast(w.weekday, 1) || w.weekday > 7 || range === null) {
      return fail('INVALID_AVAILABILITY', `weekly ${JSON.stringify(w)}`);
    }
    weekly[w.weekday]!.push(range);
  }
  const overrides = new Map<number, Range[]>();
  const timeOff = new Set<number>();
  for (const o of rules.overrides) {
    const day = typeof o.date === 'string' ? parseIsoDate(o.date) : null;
    if (day === null || !Array.isArray(o.ranges)) return fail('INVALID_AVAILABILITY', `override ${String(o.date)}`);
    const list = overrides.get(day) ?? [];
    overrides.set(day, list);
    if (o.ranges.length === 0) timeOff.add(day);
    for (const r of o.ranges) {
      const range = parseRange(r);
      if (range === null) return fail('INVALID_AVAILABILITY', `override ${o.date} ${JSON.stringify(r)}`);
      list.push(range);
    }
  }
  for (const day of timeOff) overrides.set(day, []);

  // Blocked time: each busy interval widened by its own buffers, sorted and merged.
  const widened: [number, number][] = [];
  const serviceStarts: number[] = [];
  for (const b of busy) {
    const start = finite(b.start, 'busy start');
    const end = finite(b.end, 'busy end');
    const before = b.bufferBeforeMinutes ?? 0;
    const after = b.bufferAfterMinutes ?? 0;
    if (end < start || !(before >= 0) || !(after >= 0)) throw new RangeError('busy interval is malformed');
    widened.push([start - before * MINUTE_MS, end + after * MINUTE_MS]);
    if (b.serviceId != null && b.serviceId === s.id) serviceStarts.push(start);
  }
  widened.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [a, b] of widened) {
    if (b <= a) continue; // empty: blocks nothing
    const last = ends.length - 1;
    if (last >= 0 && a <= ends[last]!) ends[last] = Math.max(ends[last]!, b);
    else {
      starts.push(a);
      ends.push(b);
    }
  }
  serviceStarts.sort((a, b) => a - b);

  return {
    ok: true,
    value: {
      timeZone: rules.timeZone,
      weekly,
      overrides,
      durationMs: s.durationMinutes * MINUTE_MS,
      stepMs: s.slotIntervalMinutes * MINUTE_MS,
      beforeMs: s.bufferBeforeMinutes * MINUTE_MS,
      afterMs: s.bufferAfterMinutes * MINUTE_MS,
      noticeMs: s.minNoticeMinutes * MINUTE_MS,
      windowMs: s.bookingWindowDays * DAY_MS,
      maxPerDay: s.maxPerDay,
      busyStarts: Float64Array.from(starts),
      busyEnds: Float64Array.from(ends),
      serviceStarts: Float64Array.from(serviceStarts),
    },
  };
}

/** Index of the first element >= x (or > x when strict) in a sorted array. */
function lowerBound(a: Float64Array, x: number, strict: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? a[mid]! <= x : a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rangesOn(p: Prepared, epochDay: number): Range[] {
  return p.overrides.get(epochDay) ?? p.weekly[isoWeekdayOf(epochDay)]!;
}

function dayIsFull(p: Prepared, day: LocalDay): boolean {
  if (p.maxPerDay === null) return false;
  const count = lowerBound(p.serviceStarts, day.end, false) - lowerBound(p.serviceStarts, day.start, false);
  return count >= p.maxPerDay;
}

/** Pushes the free starts of one range with lo <= start < hi, sweeping the merged blocked time. */
function emitRange(p: Prepared, rangeStart: number, rangeEnd: number, lo: number, hi: number, out: Slot[]): void {
  const { stepMs, durationMs, beforeMs, afterMs, busyStarts, busyEnds } = p;
  const lastStart = Math.min(rangeEnd - durationMs, hi - 1);
  let k = lo > rangeStart ? Math.ceil((lo - rangeStart) / stepMs) : 0;
  let start = rangeStart + k * stepMs;
  if (start > lastStart) return;
  let i = lowerBound(busyEnds, start - beforeMs, true); // first blocked interval ending after our window opens
  const n = busyEnds.length;
  while (start <= lastStart) {
    while (i < n && busyEnds[i]! <= start - beforeMs) i++;
    if (i < n && busyStarts[i]! < start + durationMs + afterMs) {
      k = Math.max(k + 1, Math.ceil((busyEnds[i]! + beforeMs - rangeStart) / stepMs)); // first start clear of it
    } else {
      out.push({ start, end: start + durationMs });
      k += 1;
    }
    start = rangeStart + k * stepMs;
  }
}

function byStart(a: Slot, b: Slot): number {
  return a.start - b.start;
}

/** Slots with lo <= start < hi (already clipped to notice and window), at most `limit`. */
function collect(p: Prepared, lo: number, hi: number, limit: number): Slot[] {
  const out: Slot[] = [];
  if (lo >= hi || limit <= 0) return out;
  for (const day of localDays(p.timeZone, localEpochDay(lo, p.timeZone) - 1)) {
    if (day.start >= hi) break;
    if (day.end <= lo) continue;
    const ranges = rangesOn(p, day.epochDay);
    if (ranges.length === 0 || dayIsFull(p, day)) continue;
    const first = out.length;
    for (const [s, e] of ranges) {
      emitRange(p, wallClockInstant(p.timeZone, day, s), wallClockInstant(p.timeZone, day, e), lo, hi, out);
    }
    if (ranges.length > 1 && out.length - first > 1) {
      const today = out.splice(first).sort(byStart);
      for (const slot of today) if (out.length === first || out[out.length - 1]!.start !== slot.start) out.push(slot);
    }
    if (out.length >= limit) {
      out.length = limit;
      break;
    }
  }
  return out;
}

/** Slots whose start falls on the viewer's local dates from..to, sorted. */
export function computeSlots(rules: AvailabilityRules, busy: readonly BusyInterval[], service: SlotService, query: SlotQuery): Result<Slot[]> {
  const now = finite(query.now, 'now');
  if (!isValidTimeZone(query.viewerTimeZone)) return fail('INVALID_TIME_ZONE', 'viewer');
  const from = typeof query.from === 'string' ? parseIsoDate(query.from) : null;
  const to = typeof query.to === 'string' ? parseIsoDate(query.to) : null;
  if (from === null || to === null) return fail('INVALID_DATE');
  if (to < from) return fail('INVALID_DATE_RANGE');
  const prepared = prepare(rules, busy, service);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  // Clip to notice and window first: the work is bounded by the booking window, whatever from..to says.
  const lo = now + p.noticeMs;
  const hi = now + p.windowMs;
  if (lo >= hi) return { ok: true, value: [] };
  const viewerFrom = firstInstantAtOrAfter(query.viewerTimeZone, from, 0);
  const viewerTo = firstInstantAtOrAfter(query.viewerTimeZone, to + 1, 0);
  return { ok: true, value: collect(p, Math.max(lo, viewerFrom), Math.min(hi, viewerTo), Infinity) };
}

/** The first `limit` slots from now (for "next free time"); walks day by day and stops early. */
export function nextFreeSlots(rules: AvailabilityRules, busy: readonly BusyInterval[], service: SlotService, now: EpochMs, limit: number): Result<Slot[]> {
  finite(now, 'now');
  if (!isWholeAtLeast(limit, 0)) throw new RangeError('limit must be a whole number');
  const prepared = prepare(rules, busy, service);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  return { ok: true, value: collect(p, now + p.noticeMs, now + p.windowMs, limit) };
}

/**
 * Re-checks one requested start at booking time, all rules but the viewer's dates; fails closed.
 * Codes: TOO_SOON, OUTSIDE_BOOKING_WINDOW, OUTSIDE_AVAILABILITY (not on any range's grid), DAY_FULL,
 * SLOT_TAKEN, and INVALID_TIME_ZONE / INVALID_AVAILABILITY for bad rules.
 */
export function checkSlot(
  rules: AvailabilityRules,
  busy: readonly BusyInterval[],
  service: SlotService,
  start: EpochMs,
  now: EpochMs,
): Result<Slot, SlotRejectionCode> {
  finite(start, 'start');
  finite(now, 'now');
  const prepared = prepare(rules, busy, service);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  if (start < now + p.noticeMs) return fail('TOO_SOON');
  if (start >= now + p.windowMs) return fail('OUTSIDE_BOOKING_WINDOW');
  let day: LocalDay | undefined;
  for (const d of localDays(p.timeZone, localEpochDay(start, p.timeZone) - 1)) {
    if (d.start > start) break;
    if (d.end > start) {
      day = d;
      break;
    }
  }
  if (day === undefined) return fail('OUTSIDE_AVAILABILITY');
  const onGrid = rangesOn(p, day.epochDay).some(([s, e]) => {
    const rs = wallClockInstant(p.timeZone, day, s);
    const re = wallClockInstant(p.timeZone, day, e);
    return start >= rs && start + p.durationMs <= re && (start - rs) % p.stepMs === 0;
  });
  if (!onGrid) return fail('OUTSIDE_AVAILABILITY');
  if (dayIsFull(p, day)) return fail('DAY_FULL');
  const i = lowerBound(p.busyEnds, start - p.beforeMs, true);
  if (i < p.busyEnds.length && p.busyStarts[i]! < start + p.durationMs + p.afterMs) return fail('SLOT_TAKEN');
  return { ok: true, value: { start, end: start + p.durationMs } };
}

/** checkSlot(…).ok: true only when the start is bookable now. */
export function isSlotBookable(rules: AvailabilityRules, busy: readonly BusyInterval[], service: SlotService, start: EpochMs, now: EpochMs): boolean {
  return checkSlot(rules, busy, service, start, now).ok;
}
