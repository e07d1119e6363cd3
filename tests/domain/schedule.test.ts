// A day's working time as the schedule draws it agrees with the slot rules (every slot lies inside it, and
// every stretch of it long enough for a session offers that session), days off group into runs of
// consecutive dates, and wall-clock minutes place an instant on its day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateRuns, datesBetween, wallMinute, workingDays } from '../../src/domain/schedule.ts';
import { type AvailabilityRules, computeSlots, type SlotService } from '../../src/domain/slots.ts';
import { isoDateOf, parseIsoDate } from '../../src/domain/time.ts';

const service: SlotService = {
  id: 'svc',
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  bookingWindowDays: 400,
  slotIntervalMinutes: 30,
  maxPerDay: null,
};
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
// Ranges on a half-hour grid, so a slot interval of 30 minutes fits each from its start.
const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 16 }))
  .map(([a, len]) => ({ start: clock(a * 30), end: clock(Math.min(48, a + len) * 30) }))
  .filter((r) => r.start < r.end || r.end === '24:00');
const FIRST = parseIsoDate('2027-03-22')!; // a week with London's clocks going forward (28 March)

const rulesArb = fc.record({
  timeZone: fc.constantFrom('Europe/London', 'UTC', 'America/New_York'),
  weekly: fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), range: rangeArb }), { maxLength: 10 }),
  overrides: fc.array(
    fc.record({ day: fc.integer({ min: 0, max: 9 }), ranges: fc.oneof(fc.constant([]), fc.array(rangeArb, { minLength: 1, maxLength: 2 })) }),
    { maxLength: 5 },
  ),
});

function toRules(r: typeof rulesArb extends fc.Arbitrary<infer T> ? T : never): AvailabilityRules {
  return {
    timeZone: r.timeZone,
    weekly: r.weekly.map((w) => ({ weekday: w.weekday, ...w.range })),
    overrides: r.overrides.map((o) => ({ date: isoDateOf(FIRST + o.day), ranges: [...o.ranges] })),
  };
}

describe('working days', () => {
  it('every slot lies inside its day’s working time, and each stretch of working time long enough for a session offers its first start', () => {
    fc.assert(
      fc.property(rulesArb, (raw) => {
        const rules = toRules(raw);
        const days = workingDays(rules, FIRST, 10);
        expect(days.map((d) => d.date)).toEqual(Array.from({ length: 10 }, (_, i) => isoDateOf(FIRST + i)));
        const now = Date.parse('2027-03-01T00:00:00Z');
        const result = computeSlots(rules, [], service, { from: isoDateOf(FIRST), to: isoDateOf(FIRST + 9), viewerTimeZone: rules.timeZone, now });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const all = days.flatMap((d) => d.intervals);
        for (let i = 1; i < all.length; i++) expect(all[i]!.start).toBeGreaterThanOrEqual(all[i - 1]!.end);
        for (const slot of result.value) expect(all.some((w) => slot.start >= w.start && slot.end <= w.end)).toBe(true);
        const starts = new Set(result.value.map((s) => s.start));
        for (const d of days) {
          if (d.kind === 'off') expect(d.intervals).toEqual([]);
          for (const w of d.intervals) {
            // A merged stretch begins at some range's start, on the half-hour grid: a session fits there.
            if (w.end - w.start >= 30 * 60_000) expect(starts.has(w.start)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a date’s changes replace its weekly hours; a date without times is time off, whatever else is set for it', () => {
    const rules: AvailabilityRules = {
      timeZone: 'Europe/London',
      weekly: [
        { weekday: 1, start: '13:00', end: '17:00' },
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 2, start: '09:00', end: '17:00' },
      ],
      overrides: [
        { date: '2027-03-02', ranges: [{ start: '18:00', end: '20:00' }] },
        { date: '2027-03-03', ranges: [{ start: '10:00', end: '11:00' }] },
        { date: '2027-03-03', ranges: [] },
      ],
    };
    const [mon, tue, wed, thu] = workingDays(rules, parseIsoDate('2027-03-01')!, 4);
    expect(mon).toMatchObject({
      kind: 'weekly',
      ranges: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    });
    expect(mon!.intervals.map((i) => new Date(i.start).toISOString())).toEqual(['2027-03-01T09:00:00.000Z', '2027-03-01T13:00:00.000Z']);
    expect(tue).toMatchObject({ kind: 'changed', ranges: [{ start: '18:00', end: '20:00' }] });
    expect(wed).toMatchObject({ kind: 'off', ranges: [], intervals: [] });
    expect(thu).toMatchObject({ kind: 'weekly', ranges: [], intervals: [] });
  });
});

describe('days off as ranges', () => {
  const datesArb = fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }).map((ds) => ds.map((d) => isoDateOf(FIRST + d)));

  it('runs cover exactly the dates given, in order, and no two runs touch', () => {
    fc.assert(
      fc.property(datesArb, (dates) => {
        const runs = dateRuns(dates);
        const covered = runs.flatMap((r) => datesBetween(r.from, r.to));
        expect(covered).toEqual([...new Set(dates)].sort());
        for (const r of runs) expect(datesBetween(r.from, r.to).length).toBe(r.days);
        for (let i = 1; i < runs.length; i++) expect(parseIsoDate(runs[i]!.from)! - parseIsoDate(runs[i - 1]!.to)!).toBeGreaterThan(1);
      }),
    );
  });

  it('a two-week holiday is one run', () => {
    expect(dateRuns([...datesBetween('2027-07-26', '2027-08-08'), '2027-08-20'])).toEqual([
      { from: '2027-07-26', to: '2027-08-08', days: 14 },
      { from: '2027-08-20', to: '2027-08-20', days: 1 },
    ]);
    expect(datesBetween('2027-01-02', '2027-01-01')).toEqual([]);
  });
});

describe('wall-clock minutes', () => {
  it('follow the zone’s clock, summer time included', () => {
    expect(wallMinute(Date.parse('2027-03-01T10:30:00Z'), 'Europe/London')).toBe(630);
    expect(wallMinute(Date.parse('2027-06-01T10:30:00Z'), 'Europe/London')).toBe(690);
    expect(wallMinute(Date.parse('2027-06-01T03:15:00Z'), 'America/New_York')).toBe(23 * 60 + 15);
  });
});
