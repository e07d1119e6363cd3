// Time helpers for the domain, on top of temporal-polyfill. No I/O, no clock of their own.
//
// Vocabulary:
// - an instant is epoch milliseconds (UTC), the type `EpochMs`;
// - a calendar date is an "epoch day" (days since 1970-01-01 in the ISO calendar) inside the domain and an
//   ISO string "YYYY-MM-DD" at its edge. Converting between the two is calendar arithmetic only;
//   everything that involves a time zone goes through Temporal.
// - a wall-clock time is minutes after midnight (0..1440; 1440 is "24:00", the start of the next day).
//
// The wall-clock rule used everywhere: a local date and time (D, T) in a zone means the FIRST instant at
// which that zone's clock shows (D, T) or later. So a time in a spring-forward gap means the moment the
// clock jumps (the transition), and a time that occurs twice on fall-back night means its first occurrence.
// A day D runs from the first instant of D to the first instant of D + 1.

import { Temporal } from 'temporal-polyfill';

export type EpochMs = number;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{2}):(\d{2})$/;

/** Epoch day of an ISO calendar date; no zone involved. */
export function epochDayOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / DAY_MS);
}

/** "YYYY-MM-DD" to an epoch day, or null when it is not a real date in that exact form. */
export function parseIsoDate(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const epochDay = epochDayOf(year, month, day);
  const { year: y, month: mo, day: d } = civilOf(epochDay);
  return y === year && mo === month && d === day ? epochDay : null;
}

export function civilOf(epochDay: number): { year: number; month: number; day: number } {
  const d = new Date(epochDay * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoDateOf(epochDay: number): string {
  const { year, month, day } = civilOf(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOf(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** "HH:MM" (00:00–23:59, or "24:00" when allowed) to minutes after midnight, or null. */
export function parseClock(text: string, allowEndOfDay: boolean): number | null {
  const m = CLOCK.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h === 24 && min === 0 && allowEndOfDay) return MINUTES_PER_DAY;
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

const zoneVerdicts = new Map<string, boolean>();

/** The one time-zone validator: an IANA zone (or offset) Temporal accepts. Verdicts are remembered. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  const known = zoneVerdicts.get(timeZone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    valid = true;
  } catch {
    valid = false;
  }
  // Bounded: random input cannot grow it without limit.
  if (zoneVerdicts.size < 1000) zoneVerdicts.set(timeZone, valid);
  return valid;
}

function zoned(ms: EpochMs, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
}

/** A stretch of time over which a zone's UTC offset does not change: [from, until). */
interface OffsetSpan {
  from: EpochMs;
  until: EpochMs;
  offsetMs: number;
}

const offsetSpans = new Map<string, OffsetSpan[]>();
const SPANS_PER_ZONE = 512;

/**
 * The zone's UTC offset at an instant, in milliseconds. Temporal is asked once per stretch between two
 * offset changes (the span from the last change at or before `ms` to the next one after it); every later
 * instant in that stretch is a lookup. Same answer as Temporal's offset, by construction.
 */
export function offsetAt(ms: EpochMs, timeZone: string): number {
  let spans = offsetSpans.get(timeZone);
  if (spans) {
    for (const s of spans) if (ms >= s.from && ms < s.until) return s.offsetMs;
  } else {
    spans = [];
    if (offsetSpans.size < 1000) offsetSpans.set(timeZone, spans);
  }
  const z = zoned(ms, timeZone);
  const offsetMs = z.offsetNanoseconds / 1_000_000;
  // Temporal's "previous" is strictly before its argument: from ms + 1 it finds a change at ms itself.
  const previous = zoned(ms + 1, timeZone).getTimeZoneTransition('previous');
  const next = z.getTimeZoneTransition('next');
  const span = { from: previous?.epochMilliseconds ?? -Infinity, until: next?.epochMilliseconds ?? Infinity, offsetMs };
  if (spans.length < SPANS_PER_ZONE) spans.push(span);
  return offsetMs;
}

/** The zone's calendar date at an instant, as "YYYY-MM-DD". */
export function isoDateIn(ms: EpochMs, timeZone: string): string {
  return isoDateOf(localEpochDay(ms, timeZone));
}

/** The zone's calendar date at an instant, as an epoch day. */
export function localEpochDay(ms: EpochMs, timeZone: string): number {
  return Math.floor((ms + offsetAt(ms, timeZone)) / DAY_MS);
}

/** First offset change strictly after `ms`, or Infinity when the zone has no further changes. */
export function transitionAfter(ms: EpochMs, timeZone: string): EpochMs {
  const t = zoned(ms, timeZone).getTimeZoneTransition('next');
  return t === null ? Infinity : t.epochMilliseconds;
}

/** The first instant at which the zone's clock shows (epochDay, minuteOfDay) or later. */
export function firstInstantAtOrAfter(timeZone: string, epochDay: number, minuteOfDay: number): EpochMs {
  const day = epochDay + Math.floor(minuteOfDay / MINUTES_PER_DAY);
  const minute = minuteOfDay % MINUTES_PER_DAY;
  const { year, month, day: dom } = civilOf(day);
  const wall = new Temporal.PlainDateTime(year, month, dom, Math.floor(minute / 60), minute % 60);
  const z = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  if (Temporal.PlainDateTime.compare(z.toPlainDateTime(), wall) === 0) return z.epochMilliseconds;
  // In a gap: 'earlier' gave an instant just before the jump, whose next transition is the jump itself.
  const jump = z.getTimeZoneTransition('next');
  if (jump === null) throw new Error(`no transition after a skipped time in ${timeZone}`);
  return jump.epochMilliseconds;
}

function readsMidnight(ms: EpochMs, timeZone: string, epochDay: number): boolean {
  const z = zoned(ms, timeZone);
  return z.hour === 0 && z.minute === 0 && z.second === 0 && z.millisecond === 0 && epochDayOf(z.year, z.month, z.day) === epochDay;
}

/**
 * One local day of a zone: [start, end) in instants. `uniform` means the zone's offset is the same from
 * start to end inclusive and start shows 00:00, so (day, T) is simply start + T minutes for T in 0..1440.
 * Temporal says which days are uniform; only the rest pay for a full Temporal resolution per time.
 */
export interface LocalDay {
  epochDay: number;
  start: EpochMs;
  end: EpochMs;
  uniform: boolean;
}

/** The zone's days from `firstEpochDay` on, computed lazily (a few Temporal calls per offset change). */
export function* localDays(timeZone: string, firstEpochDay: number): Generator<LocalDay, void, undefined> {
  let epochDay = firstEpochDay;
  let start = firstInstantAtOrAfter(timeZone, epochDay, 0);
  let startIsMidnight = readsMidnight(start, timeZone, epochDay);
  let nextTransition = transitionAfter(start, timeZone);
  for (;;) {
    let end: EpochMs;
    let uniform: boolean;
    let endIsMidnight: boolean;
    if (startIsMidnight && nextTransition > start + DAY_MS) {
      end = start + DAY_MS;
      uniform = true;
      endIsMidnight = true;
    } else {
      end = firstInstantAtOrAfter(timeZone, epochDay + 1, 0);
      uniform = false;
      endIsMidnight = readsMidnight(end, timeZone, epochDay + 1);
    }
    yield { epochDay, start, end, uniform };
    epochDay += 1;
    start = end;
    startIsMidnight = endIsMidnight;
    if (nextTransition <= start) nextTransition = transitionAfter(start, timeZone);
  }
}

/** The instant of (day, minuteOfDay) under the first-instant rule, cheap on uniform days. */
export function wallClockInstant(timeZone: string, day: LocalDay, minuteOfDay: number): EpochMs {
  if (day.uniform) return day.start + minuteOfDay * MINUTE_MS;
  if (minuteOfDay === 0) return day.start;
  if (minuteOfDay >= MINUTES_PER_DAY) return day.end;
  return firstInstantAtOrAfter(timeZone, day.epochDay, minuteOfDay);
}

/** ISO 8601 with the zone's offset and no bracketed zone name: "2027-03-28T10:00:00+01:00". */
export function formatInstant(ms: EpochMs, timeZone: string): string {
  const offsetMs = offsetAt(ms, timeZone);
  const local = ms + offsetMs;
  // Whole seconds, a whole-minute offset and a four-digit year: plain arithmetic writes what Temporal would.
  if (ms % 1000 === 0 && offsetMs % MINUTE_MS === 0 && local >= YEAR_0001 && local < YEAR_10000) {
    const day = Math.floor(local / DAY_MS);
    const second = (local - day * DAY_MS) / 1000;
    const minute = Math.floor(second / 60);
    return `${civilText(day)}T${TWO[Math.floor(minute / 60)]}:${TWO[minute % 60]}:${TWO[second % 60]}${offsetText(offsetMs)}`;
  }
  return zoned(ms, timeZone).toString({ timeZoneName: 'never' });
}

/** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: toISOString writes four-digit years between them. */
const YEAR_0001 = -62135596800000;
const YEAR_10000 = 253402300800000;

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** "YYYY-MM-DD" of an epoch day by the days-from-civil inverse (H. Hinnant), no Date object. */
function civilText(epochDay: number): string {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${TWO[m]}-${TWO[d]}`;
}

const offsetTexts = new Map<number, string>();

function offsetText(offsetMs: number): string {
  let text = offsetTexts.get(offsetMs);
  if (text === undefined) {
    const minutes = Math.abs(offsetMs) / MINUTE_MS;
    text = `${offsetMs < 0 ? '-' : '+'}${TWO[Math.floor(minutes / 60)]}:${TWO[minutes % 60]}`;
    offsetTexts.set(offsetMs, text);
  }
  return text;
}
