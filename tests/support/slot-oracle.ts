// Brute-force oracle for slot rules: every minute, every rule checked on its own, naively.
// Independent of src/domain: it reads wall clocks through Intl.DateTimeFormat (not Temporal), parses its
// own inputs, and finds "the first instant the clock shows (D, T) or later" by scanning minutes.
// Slow by design; used by tests/domain/slots.test.ts and bench/slots.ts as the baseline.

import type { AvailabilityRules, BusyInterval, Slot, SlotService } from '../../src/domain/slots.ts';

const MIN = 60_000;
const DAY = 86_400_000;

function clockReader(timeZone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (ms) => {
    const text = f.format(ms); // "2027-03-28 02:30"
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(text)) throw new Error(`unexpected clock text ${text}`);
    return text;
  };
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1; // Monday = 1 … Sunday = 7
}

/** Wall-clock key "YYYY-MM-DD HH:MM" for (date, "HH:MM"), with "24:00" meaning next day's 00:00. */
function wallKey(date: string, clock: string): string {
  return clock === '24:00' ? `${addDays(date, 1)} 00:00` : `${date} ${clock}`;
}

export interface OracleOptions {
  /** Viewer dates (inclusive) and zone; when absent, no viewer filter. */
  viewer?: { from: string; to: string; timeZone: string };
  /** The minutes to examine, [scanFrom, scanTo). */
  scanFrom: number;
  scanTo: number;
  now: number;
}

export function oracleSlots(rules: AvailabilityRules, busy: readonly BusyInterval[], service: SlotService, opts: OracleOptions): Slot[] {
  const tz = rules.timeZone;
  const read = clockReader(tz);
  const viewerRead = opts.viewer ? clockReader(opts.viewer.timeZone) : null;
  const scanFrom = Math.ceil(opts.scanFrom / MIN) * MIN;
  // The therapist's clock, minute by minute, with two days of margin either side.
  const clockFrom = scanFrom - 2 * DAY;
  const clockTo = opts.scanTo + 2 * DAY;
  const readings: string[] = [];
  for (let m = clockFrom; m < clockTo; m += MIN) readings.push(read(m));
  const firstAtOrAfter = (key: string): number | null => {
    for (let i = 0; i < readings.length; i++) if (readings[i]! >= key) return clockFrom + i * MIN;
    return null;
  };

  // Every local date the clock shows, its start, and its ranges as instants.
  // (The first and last dates are cut off by the scan's edges: leave them out; they are far from the scan.)
  const dates = [...new Set(readings.map((r) => r.slice(0, 10)))].sort().slice(1, -1);
  const days: { date: string; start: number; end: number }[] = [];
  const ranges: { start: number; end: number }[] = [];
  for (const date of dates) {
    const start = firstAtOrAfter(`${date} 00:00`);
    const end = firstAtOrAfter(`${addDays(date, 1)} 00:00`);
    if (start === null || end === null) continue;
    days.push({ date, start, end });
    const overrides = rules.overrides.filter((o) => o.date === date);
    const todays =
      overrides.length > 0
        ? overrides.some((o) => o.ranges.length === 0)
          ? []
          : overrides.flatMap((o) => o.ranges)
        : rules.weekly.filter((w) => w.weekday === weekday(date));
    for (const r of todays) {
      const rs = firstAtOrAfter(wallKey(date, r.start));
      const re = firstAtOrAfter(wallKey(date, r.end));
      if (rs !== null && re !== null) ranges.push({ start: rs, end: re });
    }
  }
  const dayOf = (ms: number): string | null => days.find((d) => d.start <= ms && ms < d.end)?.date ?? null;

  const dur = service.durationMinutes * MIN;
  const step = service.slotIntervalMinutes * MIN;
  const out: Slot[] = [];
  for (let m = scanFrom; m < opts.scanTo; m += MIN) {
    const inAvailability = ranges.some((r) => r.start <= m && m + dur <= r.end && (m - r.start) % step === 0);
    if (!inAvailability) continue;
    const clearOfBookings = busy.every((b) => {
      const blockedFrom = b.start - (b.bufferBeforeMinutes ?? 0) * MIN;
      const blockedTo = b.end + (b.bufferAfterMinutes ?? 0) * MIN;
      const wantFrom = m - service.bufferBeforeMinutes * MIN;
      const wantTo = m + dur + service.bufferAfterMinutes * MIN;
      return !(blockedFrom < blockedTo && wantFrom < blockedTo && blockedFrom < wantTo);
    });
    if (!clearOfBookings) continue;
    if (m < opts.now + service.minNoticeMinutes * MIN) continue;
    if (m >= opts.now + service.bookingWindowDays * DAY) continue;
    if (service.maxPerDay !== null) {
      const today = dayOf(m);
      const booked = busy.filter((b) => b.serviceId === service.id && dayOf(b.start) === today).length;
      if (booked >= service.maxPerDay) continue;
    }
    if (viewerRead && opts.viewer) {
      const viewerDate = viewerRead(m).slice(0, 10);
      if (viewerDate < opts.viewer.from || viewerDate > opts.viewer.to) continue;
    }
    out.push({ start: m, end: m + dur });
  }
  return out;
}

/** Scan bounds that cover the viewer's dates in any zone (UTC−12 … UTC+14, with room to spare). */
export function scanForDates(from: string, to: string): { scanFrom: number; scanTo: number } {
  return { scanFrom: Date.parse(`${from}T00:00:00Z`) - 15 * 3_600_000, scanTo: Date.parse(`${addDays(to, 1)}T00:00:00Z`) + 15 * 3_600_000 };
}
