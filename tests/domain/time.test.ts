// The fast paths of time.ts (offset spans, formatting by arithmetic) against Temporal itself: random
// instants and every offset change from 2000 to 2040, in zones with and without daylight saving.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, test } from 'vitest';
import { formatInstant, localEpochDay, offsetAt } from '../../src/domain/time.ts';

const ZONES = [
  'Europe/London',
  'Europe/Warsaw',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'UTC',
];
const FROM = Date.UTC(2000, 0, 1);
const UNTIL = Date.UTC(2040, 0, 1);

const temporal = (ms: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
const expected = (ms: number, zone: string) => {
  const z = temporal(ms, zone);
  return {
    text: z.toString({ timeZoneName: 'never' }),
    offset: z.offsetNanoseconds / 1e6,
    day: Math.round(Date.UTC(z.year, z.month - 1, z.day) / 86_400_000),
  };
};

function transitions(zone: string): number[] {
  const out: number[] = [];
  let t = temporal(FROM, zone).getTimeZoneTransition('next');
  while (t && t.epochMilliseconds < UNTIL) {
    out.push(t.epochMilliseconds);
    t = t.getTimeZoneTransition('next');
  }
  return out;
}

describe('time.ts agrees with Temporal', () => {
  test.each(ZONES)('at every offset change 2000–2040 and a millisecond either side, in %s', (zone) => {
    const changes = transitions(zone);
    if (zone !== 'UTC' && zone !== 'Asia/Kolkata' && zone !== 'Asia/Kathmandu') expect(changes.length).toBeGreaterThan(10);
    for (const t of changes) {
      for (const ms of [t - 1000, t - 1, t, t + 1, t + 1000]) {
        const e = expected(ms, zone);
        expect(formatInstant(ms, zone), `${zone} ${ms}`).toBe(e.text);
        expect(offsetAt(ms, zone)).toBe(e.offset);
        expect(localEpochDay(ms, zone)).toBe(e.day);
      }
    }
  });

  test('at random instants, whole minutes and odd milliseconds alike', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: UNTIL }), fc.boolean(), (zone, raw, whole) => {
        const ms = whole ? raw - (raw % 60_000) : raw;
        const e = expected(ms, zone);
        expect(formatInstant(ms, zone)).toBe(e.text);
        expect(localEpochDay(ms, zone)).toBe(e.day);
      }),
      { numRuns: 5000 },
    );
  });

  test('far from today too: before 1900 (offsets in seconds) and in year 9999', () => {
    for (const [ms, zone] of [
      [Date.UTC(1850, 5, 1), 'Europe/London'],
      [Date.UTC(1890, 0, 1, 12), 'Europe/Warsaw'],
      [Date.UTC(9999, 11, 31, 12), 'Pacific/Chatham'],
    ] as const) {
      expect(formatInstant(ms, zone)).toBe(expected(ms, zone).text);
      expect(localEpochDay(ms, zone)).toBe(expected(ms, zone).day);
    }
  });
});
