// A series of sessions as ONE recurring calendar event (RFC 5545): DTSTART and DTEND in the practice's zone
// (so 10:00 stays 10:00 across the clock change), an RRULE (weekly, every n weeks, COUNT or UNTIL, or neither
// while open-ended), EXDATE for weeks left out, and an overriding VEVENT (same UID, RECURRENCE-ID) for each
// week moved to another time. A change or the end of the series sends it again with SEQUENCE + 1.
// The zone's VTIMEZONE lists its offset changes over the series' years, worked out from the zone database.
import { DAY_MS, type EpochMs, MINUTE_MS, offsetAt, transitionAfter } from '../domain/time.ts';
import { type EventDetails, eventDetails, foldLine } from './ics.ts';

export interface SeriesOccurrenceEvent {
  /** The week's own start in the pattern. */
  slot: EpochMs;
  start: EpochMs;
  end: EpochMs;
}

export interface SeriesEvent extends EventDetails {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  timeZone: string;
  /** The pattern's first week (DTSTART), whether it is kept, moved or left out. */
  firstSlot: EpochMs;
  durationMinutes: number;
  intervalWeeks: number;
  /** COUNT: how many weeks the pattern spans (kept, moved and left out alike). */
  count: number | null;
  /** UNTIL: the last week of an ended series (inclusive). */
  until: EpochMs | null;
  /** Weeks left out or cancelled: EXDATE. */
  excluded: readonly EpochMs[];
  /** Weeks at another time than the pattern's: RECURRENCE-ID overrides. */
  moved: readonly SeriesOccurrenceEvent[];
  stamp: EpochMs;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The zone's wall-clock time of an instant as a DATE-TIME without zone: "20270301T100000". */
export function localStamp(ms: EpochMs, offsetMs: number): string {
  const d = new Date(ms + offsetMs);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

const utcStamp = (ms: EpochMs) => `${localStamp(ms, 0)}Z`;
const local = (ms: EpochMs, timeZone: string) => localStamp(ms, offsetAt(ms, timeZone));
const offsetText = (ms: number) => {
  const m = Math.round(Math.abs(ms) / MINUTE_MS);
  return `${ms < 0 ? '-' : '+'}${pad(Math.floor(m / 60))}${pad(m % 60)}`;
};

/** The zone's observances from a year before `from` to `to`: one per offset change, each as it happened. */
export function vtimezone(timeZone: string, from: EpochMs, to: EpochMs): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  let at = from - 366 * DAY_MS;
  let offset = offsetAt(at, timeZone);
  const first = transitionAfter(at, timeZone);
  const nextOffset = first === Infinity ? offset : offsetAt(first, timeZone);
  lines.push(
    `BEGIN:${offset > nextOffset ? 'DAYLIGHT' : 'STANDARD'}`,
    `DTSTART:${localStamp(at, offset)}`,
    `TZOFFSETFROM:${offsetText(offset)}`,
    `TZOFFSETTO:${offsetText(offset)}`,
    `END:${offset > nextOffset ? 'DAYLIGHT' : 'STANDARD'}`,
  );
  for (let i = 0; i < 200; i++) {
    const change = transitionAfter(at, timeZone);
    if (change === Infinity || change > to) break;
    const after = offsetAt(change, timeZone);
    const kind = after > offset ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(change, offset)}`,
      `TZOFFSETFROM:${offsetText(offset)}`,
      `TZOFFSETTO:${offsetText(after)}`,
      `END:${kind}`,
    );
    offset = after;
    at = change;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** The RECURRENCE-ID of one week of a series, in the zone its DTSTART is written in. */
export const recurrenceIdLine = (slot: EpochMs, timeZone: string) => `RECURRENCE-ID;TZID=${timeZone}:${local(slot, timeZone)}`;

/** The RRULE of a series. */
export function seriesRule(e: Pick<SeriesEvent, 'intervalWeeks' | 'count' | 'until'>): string {
  const parts = ['FREQ=WEEKLY', `INTERVAL=${e.intervalWeeks}`];
  if (e.until !== null) parts.push(`UNTIL=${utcStamp(e.until)}`);
  else if (e.count !== null) parts.push(`COUNT=${e.count}`);
  return `RRULE:${parts.join(';')}`;
}

export function seriesCalendar(e: SeriesEvent): string {
  const tz = e.timeZone;
  const length = e.durationMinutes * MINUTE_MS;
  const last = Math.max(e.until ?? 0, e.firstSlot + (e.count ?? 520) * 7 * e.intervalWeeks * DAY_MS, ...e.moved.map((m) => m.end));
  const status = e.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED';
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Closer//Booking//EN', 'CALSCALE:GREGORIAN', `METHOD:${e.method}`];
  lines.push(...vtimezone(tz, e.firstSlot, last + 366 * DAY_MS));
  lines.push(
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${utcStamp(e.stamp)}`,
    `DTSTART;TZID=${tz}:${local(e.firstSlot, tz)}`,
    `DTEND;TZID=${tz}:${local(e.firstSlot + length, tz)}`,
    seriesRule(e),
  );
  for (const x of [...e.excluded].sort((a, b) => a - b)) lines.push(`EXDATE;TZID=${tz}:${local(x, tz)}`);
  lines.push(`STATUS:${status}`, ...eventDetails(e), 'END:VEVENT');
  if (e.method === 'REQUEST') {
    for (const m of e.moved) {
      lines.push(
        'BEGIN:VEVENT',
        `UID:${e.uid}`,
        `SEQUENCE:${e.sequence}`,
        `DTSTAMP:${utcStamp(e.stamp)}`,
        recurrenceIdLine(m.slot, tz),
        `DTSTART;TZID=${tz}:${local(m.start, tz)}`,
        `DTEND;TZID=${tz}:${local(m.end, tz)}`,
        `STATUS:${status}`,
        ...eventDetails(e),
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
