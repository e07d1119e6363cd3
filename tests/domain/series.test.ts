// Ongoing sessions, pure: the occurrences keep the wall-clock hour in the practice's zone (across the clock
// change), conflicts come from the same slot rules as every booking, choices resolve them, and the series'
// calendar file expands (in two independent parsers) to exactly the occurrences booked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { occurrenceStart, planSeries, seriesConflicts, seriesStarts, wallClockOf } from '../../src/domain/series.ts';
import { checkSlot, type SlotService } from '../../src/domain/slots.ts';
import { seriesCalendar } from '../../src/mail/series-ics.ts';
import { expandWithIcalJs, expandWithNodeIcal } from '../support/recurring-ics.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
const service: SlotService = {
  id: 'svc',
  durationMinutes: 50,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 10,
  minNoticeMinutes: 0,
  bookingWindowDays: 28,
  slotIntervalMinutes: 60,
  maxPerDay: null,
};
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
const rules = { timeZone: 'Europe/London', weekly: weekdays, overrides: [] };
const londonHour = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', weekday: 'short' }).format(ms);

describe('the occurrences of a series', () => {
  it('keeps 10:00 in London across the March and October clock changes (the UTC time moves by an hour)', () => {
    const march = seriesStarts(
      { anchorStart: at('2027-03-15T10:00:00Z'), intervalWeeks: 1, count: 3, timeZone: 'Europe/London' },
      { after: 0, horizon: Infinity },
    );
    expect(march.map((s) => new Date(s).toISOString())).toEqual(['2027-03-22T10:00:00.000Z', '2027-03-29T09:00:00.000Z', '2027-04-05T09:00:00.000Z']);
    const october = seriesStarts(
      { anchorStart: at('2027-10-18T09:00:00Z'), intervalWeeks: 2, count: 2, timeZone: 'Europe/London' },
      { after: 0, horizon: Infinity },
    );
    expect(october.map((s) => new Date(s).toISOString())).toEqual(['2027-11-01T10:00:00.000Z', '2027-11-15T10:00:00.000Z']);
    for (const s of [...march, ...october]) expect(londonHour(s)).toBe('Mon 10:00');
  });

  it('property: every occurrence is interval × k weeks after the anchor by the local calendar, at the same local time, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z') / MIN, max: Date.parse('2029-12-31T00:00:00Z') / MIN }),
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.integer({ min: 1, max: 52 }), { nil: null }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'),
        (minute, intervalWeeks, count, timeZone) => {
          // Whole quarter hours between 07:00 and 21:00 local: times a session can be (none falls in a skipped hour).
          const raw = minute * MIN;
          const wall = wallClockOf(raw, timeZone);
          const anchor = occurrenceStart({ anchorStart: raw, intervalWeeks: 1, count: 1, timeZone }, 0) - (wall.minute % 15) * MIN;
          const local = wallClockOf(anchor, timeZone);
          fc.pre(local.minute >= 7 * 60 && local.minute <= 21 * 60);
          const pattern = { anchorStart: anchor, intervalWeeks, count, timeZone };
          const starts = seriesStarts(pattern, { after: anchor, horizon: count === null ? anchor + 400 * DAY : Infinity });
          if (count !== null) expect(starts.length).toBe(count);
          else expect(starts.length).toBe(Math.floor((400 * DAY - DAY) / (7 * intervalWeeks * DAY)));
          starts.forEach((s, i) => {
            const w = wallClockOf(s, timeZone);
            expect(w.minute).toBe(local.minute);
            expect(w.epochDay - local.epochDay).toBe(7 * intervalWeeks * (i + 1));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('begins with the first week still ahead when booked after weeks have passed, and stops at the horizon when open-ended', () => {
    const anchor = at('2027-03-01T10:00:00Z');
    const starts = seriesStarts(
      { anchorStart: anchor, intervalWeeks: 1, count: null, timeZone: 'Europe/London' },
      { after: at('2027-03-16T00:00:00Z'), horizon: at('2027-04-06T00:00:00Z') },
    );
    expect(starts.map((s) => new Date(s).toISOString())).toEqual(['2027-03-22T10:00:00.000Z', '2027-03-29T09:00:00.000Z', '2027-04-05T09:00:00.000Z']);
  });
});

describe('conflicts and choices', () => {
  it('lists weeks outside hours, on a day off or overlapping a booking; notice and the booking window do not apply', () => {
    const now = at('2027-03-01T08:00:00Z');
    const starts = seriesStarts(
      { anchorStart: at('2027-03-01T10:00:00Z'), intervalWeeks: 1, count: 8, timeZone: 'Europe/London' },
      { after: now, horizon: Infinity },
    );
    const withOff = { ...rules, overrides: [{ date: '2027-03-15', ranges: [] }] };
    const busy = [{ start: at('2027-03-22T10:30:00Z'), end: at('2027-03-22T11:20:00Z') }];
    const conflicts = seriesConflicts(withOff, busy, service, starts, now);
    expect(conflicts.map((c) => [new Date(c.start).toISOString(), c.code])).toEqual([
      ['2027-03-15T10:00:00.000Z', 'OUTSIDE_AVAILABILITY'],
      ['2027-03-22T10:00:00.000Z', 'SLOT_TAKEN'],
    ]);
    // The eighth week is beyond the 28-day window clients book in, and still no conflict.
    expect(starts.at(-1)! - now).toBeGreaterThan(28 * DAY);
  });

  it('property: a week is a conflict exactly when the ordinary slot check (without notice and window) refuses it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 70 }), hour: fc.integer({ min: 6, max: 19 }), len: fc.integer({ min: 10, max: 120 }) }), {
          maxLength: 12,
        }),
        fc.integer({ min: 8, max: 18 }),
        (raw, hour) => {
          const now = at('2027-03-01T00:00:00Z');
          const busy = raw.map((b) => ({ start: now + b.day * DAY + b.hour * 3_600_000, end: now + b.day * DAY + b.hour * 3_600_000 + b.len * MIN }));
          const starts = seriesStarts(
            { anchorStart: at(`2027-03-01T${String(hour).padStart(2, '0')}:00:00Z`), intervalWeeks: 1, count: 10, timeZone: 'Europe/London' },
            { after: now, horizon: Infinity },
          );
          const conflicts = new Set(seriesConflicts(rules, busy, service, starts, now).map((c) => c.start));
          const wide = { ...service, bookingWindowDays: 3650 };
          for (const s of starts) expect(conflicts.has(s)).toBe(!checkSlot(rules, busy, wide, s, now).ok);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every conflict needs a choice; skip leaves the week out, move books it elsewhere; a move onto another occurrence is refused', () => {
    const starts = [1, 2, 3].map((w) => at('2027-03-01T10:00:00Z') + w * 7 * DAY);
    const conflicts = [{ start: starts[1]!, code: 'SLOT_TAKEN' as const }];
    expect(planSeries(starts, conflicts, new Map(), 50)).toEqual({ ok: false, error: { code: 'UNRESOLVED', start: starts[1] } });
    const skipped = planSeries(starts, conflicts, new Map([[starts[1]!, { kind: 'skip' as const }]]), 50);
    expect(skipped.ok && skipped.value).toEqual({
      occurrences: [
        { slot: starts[0], start: starts[0] },
        { slot: starts[2], start: starts[2] },
      ],
      skipped: [starts[1]],
    });
    const moved = planSeries(starts, conflicts, new Map([[starts[1]!, { kind: 'move' as const, start: starts[1]! + DAY }]]), 50);
    expect(moved.ok && moved.value.occurrences[1]).toEqual({ slot: starts[1], start: starts[1]! + DAY });
    const onto = planSeries(starts, conflicts, new Map([[starts[1]!, { kind: 'move' as const, start: starts[2]! + 10 * MIN }]]), 50);
    expect(onto).toEqual({ ok: false, error: { code: 'MOVE_INVALID', start: starts[1] } });
  });
});

describe('the series as one recurring calendar event', () => {
  const base = {
    uid: 'series-1@closer',
    sequence: 0,
    method: 'REQUEST' as const,
    timeZone: 'Europe/London',
    durationMinutes: 50,
    summary: 'Appointment at Closer',
    organizerEmail: 'hello@closer.example',
    organizerName: 'Closer',
    stamp: at('2027-03-01T08:00:00Z'),
  };

  it('property: both parsers expand it to exactly the occurrences booked (EXDATE left out, RECURRENCE-ID moved), across the clock change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 14 }),
        fc.integer({ min: 8, max: 17 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 13 }), fc.constantFrom('skip', 'move')), { maxLength: 4 }),
        (dayOffset, intervalWeeks, count, hour, picks) => {
          const anchorDay = at('2027-02-15T00:00:00Z') + dayOffset * DAY;
          const anchor = occurrenceStart({ anchorStart: anchorDay + hour * 3_600_000, intervalWeeks: 1, count: 1, timeZone: 'Europe/London' }, 0);
          const starts = seriesStarts({ anchorStart: anchor, intervalWeeks, count, timeZone: 'Europe/London' }, { after: anchor, horizon: Infinity });
          const choices = new Map<number, { kind: 'skip' } | { kind: 'move'; start: number }>();
          for (const [i, kind] of picks)
            if (i < starts.length) choices.set(starts[i]!, kind === 'skip' ? { kind } : { kind, start: starts[i]! + DAY + 30 * MIN });
          const plan = planSeries(
            starts,
            [...choices.keys()].map((start) => ({ start, code: 'SLOT_TAKEN' as const })),
            choices,
            50,
          );
          if (!plan.ok) throw new Error('plan refused');
          const ics = seriesCalendar({
            ...base,
            firstSlot: starts[0]!,
            intervalWeeks,
            count,
            until: null,
            excluded: plan.value.skipped,
            moved: plan.value.occurrences.filter((o) => o.start !== o.slot).map((o) => ({ ...o, end: o.start + 50 * MIN })),
          });
          const expected = plan.value.occurrences.map((o) => o.start).sort((a, b) => a - b);
          const from = anchor;
          const to = anchor + 400 * DAY;
          expect(expandWithIcalJs(ics, from, to).starts).toEqual(expected);
          expect(expandWithNodeIcal(ics, from, to).starts).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an ended series carries UNTIL and a higher SEQUENCE under the same UID', () => {
    const starts = seriesStarts(
      { anchorStart: at('2027-03-01T10:00:00Z'), intervalWeeks: 1, count: null, timeZone: 'Europe/London' },
      { after: 0, horizon: at('2027-05-01T00:00:00Z') },
    );
    const ics = seriesCalendar({ ...base, sequence: 1, firstSlot: starts[0]!, intervalWeeks: 1, count: null, until: starts[4]!, excluded: [], moved: [] });
    for (const read of [expandWithIcalJs, expandWithNodeIcal]) {
      const e = read(ics, 0, at('2028-01-01T00:00:00Z'));
      expect(e.uid).toBe('series-1@closer');
      expect(e.sequence).toBe(1);
      expect(e.starts).toEqual(starts.slice(0, 5));
    }
    expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=1;UNTIL=20270405T090000Z');
  });
});
