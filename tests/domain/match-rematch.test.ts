// Issue 11's matching rules, property-tested: the times of day a person asked for (against an Intl oracle),
// the second match ("Not the right fit?": who was seen is never shown again, what did not fit adds exactly
// its points and reorders, "something else" only leaves out), fit labels, and ties explained truthfully.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIT_BANDS, fitLabel, maxPoints } from '../../src/domain/match-fit.ts';
import { SLOT_WINDOWS, startSuits } from '../../src/domain/match-times.ts';
import { type MatchCandidate, type MatchRequest, rankTherapists, STYLE_AXES, TIME_WINDOWS, type TimeWindow } from '../../src/domain/matching.ts';
import { MISFITS, type Misfit, REMATCH_WEIGHTS, type Rematch, rematchPoints, type SeenTherapist, SOON_MS } from '../../src/domain/rematch.ts';
import { CONCERNS, type ConcernId, RELATIONSHIPS, type Service, type Therapist } from '../../src/domain/types.ts';
import { aTherapist } from '../support/therapist.ts';

const SERVICES: Service[] = [
  {
    id: 'svc',
    slug: 'svc',
    name: 'Consultation',
    summary: '',
    durationMinutes: 20,
    priceMinor: 0,
    currency: 'GBP',
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    bookingWindowDays: 180,
    slotIntervalMinutes: 30,
    maxPerDay: null,
    relationships: [...RELATIONSHIPS],
    active: true,
  },
];

const therapist = (i: number, over: Partial<Therapist>): Therapist =>
  aTherapist({
    id: `t${i}`,
    slug: `t${i}`,
    name: `Name${String.fromCharCode(65 + (i % 5))} Surname`,
    relationships: [...RELATIONSHIPS],
    serviceIds: ['svc'],
    ...over,
  });

const NOW = Date.parse('2027-03-01T08:00:00Z');
const styleValue = fc.constantFrom(-1, -0.5, -0.25, 0, 0.25, 0.5, 1);
const arbStyle = fc.record({ directive: styleValue, pastFocus: styleValue, challenging: styleValue });
const arbCandidates: fc.Arbitrary<MatchCandidate[]> = fc
  .array(
    fc.record({
      concerns: fc.subarray(CONCERNS.map((c) => c.id) as ConcernId[]),
      feeMinor: fc.constantFrom(0, 5500, 6000, 8000, 9500, 12000),
      nextFreeStart: fc.option(fc.constantFrom(NOW + 3_600_000, NOW + 3 * 86_400_000, NOW + 6.9 * 86_400_000, NOW + 8 * 86_400_000, NOW + 30 * 86_400_000), {
        nil: null,
      }),
      availability: fc.record({ weekdayDaytime: fc.boolean(), evenings: fc.boolean(), saturdays: fc.boolean() }),
      style: fc.option(arbStyle, { nil: undefined }),
    }),
    { maxLength: 10 },
  )
  .map((rows) =>
    rows.map((r, i) => ({
      therapist: therapist(i, { concerns: r.concerns, feeMinor: r.feeMinor }),
      nextFreeStart: r.nextFreeStart,
      availability: r.availability,
      psychosexualTrained: false,
      ...(r.style ? { style: r.style } : {}),
    })),
  );
const arbRequest: fc.Arbitrary<MatchRequest> = fc.record({
  relationship: fc.constantFrom(...RELATIONSHIPS),
  concerns: fc.subarray(['trust-issues', 'loneliness', 'self-esteem'] as ConcernId[], { minLength: 1 }),
  format: fc.constant('either' as const),
  times: fc.subarray([...TIME_WINDOWS]),
});
const seenOf = (c: MatchCandidate): SeenTherapist => ({
  id: c.therapist.id,
  name: c.therapist.name,
  feeMinor: c.therapist.feeMinor,
  currency: c.therapist.currency,
  style: c.style,
});
/** Some of the candidates (as who was seen) and what did not fit. */
const arbCase = fc
  .tuple(
    arbRequest,
    arbCandidates.filter((c) => c.length > 0),
    fc.constantFrom(...MISFITS),
  )
  .chain(([req, cands, misfit]) => fc.tuple(fc.constant(req), fc.constant(cands), fc.constant(misfit), fc.subarray(cands, { minLength: 1 })));

describe('the times of day asked for', () => {
  const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
  /** The oracle: Intl's own reading of the local weekday and time. */
  function oracle(start: number, windows: readonly TimeWindow[], timeZone: string): boolean {
    if (windows.length === 0) return true;
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(start);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    const minute = Number(get('hour')) * 60 + Number(get('minute'));
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
    return windows.some((w) => (w === 'weekday_daytime' ? weekday <= 5 && minute < 17 * 60 : w === 'evenings' ? minute >= 18 * 60 : weekday === 6));
  }

  it('a start suits exactly when Intl says it falls in one of the windows, in any zone, across clock changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') }).map((ms) => ms - (ms % 300_000)),
        fc.subarray([...TIME_WINDOWS]),
        fc.constantFrom(...ZONES),
        (start, windows, zone) => {
          expect(startSuits(start, windows, zone)).toBe(oracle(start, windows, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('"evenings" never lets 08:00 through, and its edges are 18:00 in and 17:59 out', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(startSuits(at('2027-03-02T08:00:00Z'), ['evenings'], 'Europe/London')).toBe(false);
    expect(startSuits(at('2027-03-02T18:00:00Z'), ['evenings'], 'Europe/London')).toBe(true);
    expect(startSuits(at('2027-03-02T17:59:00Z'), ['evenings'], 'Europe/London')).toBe(false);
    // 18:00 in London in summer is 17:00 UTC.
    expect(startSuits(at('2027-07-06T17:00:00Z'), ['evenings'], 'Europe/London')).toBe(true);
    expect(startSuits(at('2027-03-06T10:00:00Z'), ['saturdays'], 'Europe/London')).toBe(true);
    expect(startSuits(at('2027-03-06T10:00:00Z'), ['weekday_daytime'], 'Europe/London')).toBe(false);
    expect(Object.keys(SLOT_WINDOWS).sort()).toEqual([...TIME_WINDOWS].sort());
  });
});

describe('a second match', () => {
  it('never shows anyone who was seen, and shows everyone else the first match would', () => {
    fc.assert(
      fc.property(arbCase, ([req, cands, misfit, seen]) => {
        const exclude = seen.map((c) => c.therapist.id);
        const rematch: Rematch = { misfit, seen: seen.map(seenOf), now: NOW };
        const second = rankTherapists({ ...req, exclude, rematch }, cands, SERVICES);
        const ids = second.matches.map((m) => m.therapistId);
        for (const id of exclude) expect(ids).not.toContain(id);
        const rest = cands.filter((c) => !exclude.includes(c.therapist.id));
        const plain = rankTherapists(req, rest, SERVICES);
        expect(new Set(ids)).toEqual(new Set(plain.matches.map((m) => m.therapistId)));
      }),
      { numRuns: 500 },
    );
  });

  it('adds exactly what did not fit is worth, sorts by it, and "something else" only leaves people out', () => {
    fc.assert(
      fc.property(arbCase, ([req, cands, misfit, seen]) => {
        const exclude = seen.map((c) => c.therapist.id);
        const rematch: Rematch = { misfit, seen: seen.map(seenOf), now: NOW };
        const second = rankTherapists({ ...req, exclude, rematch }, cands, SERVICES);
        const rest = cands.filter((c) => !exclude.includes(c.therapist.id));
        const plain = rankTherapists(req, rest, SERVICES);
        const plainScore = new Map(plain.matches.map((m) => [m.therapistId, m.score]));
        for (const m of second.matches) {
          const c = cands.find((x) => x.therapist.id === m.therapistId)!;
          expect(m.fitPoints).toBe(plainScore.get(m.therapistId));
          expect(m.score).toBe(m.fitPoints + rematchPoints(rematch, c).points);
        }
        for (let i = 1; i < second.matches.length; i++) expect(second.matches[i - 1]!.score).toBeGreaterThanOrEqual(second.matches[i]!.score);
        if (misfit === 'other') expect(second.matches.map((m) => m.therapistId)).toEqual(plain.matches.map((m) => m.therapistId));
      }),
      { numRuns: 500 },
    );
  });

  it('each answer rewards what it says: a lower fee than everyone seen, a suitable time within 7 days, a clearly different style', () => {
    fc.assert(
      fc.property(arbCandidates, arbCandidates, fc.constantFrom<Misfit>('approach', 'availability', 'fee'), (cands, seenCands, misfit) => {
        const seen = seenCands.map((c, i) => ({ ...seenOf(c), id: `seen${i}` }));
        const rematch: Rematch = { misfit, seen, now: NOW };
        for (const c of cands) {
          const got = rematchPoints(rematch, c);
          expect(got.points >= 0).toBe(true);
          expect(got.reason === null).toBe(got.points === 0);
          if (misfit === 'fee') {
            const fees = seen.filter((s) => s.feeMinor > 0).map((s) => s.feeMinor);
            const cheaper = fees.length > 0 && c.therapist.feeMinor > 0 && c.therapist.feeMinor < Math.min(...fees);
            expect(got.points).toBe(cheaper ? REMATCH_WEIGHTS.fee.points : 0);
          } else if (misfit === 'availability') {
            const soon = c.nextFreeStart !== null && c.nextFreeStart - NOW <= SOON_MS;
            expect(got.points).toBe(soon ? REMATCH_WEIGHTS.availability.points : 0);
          } else {
            const styled = seen.filter((s) => s.style);
            const axes = Object.keys(STYLE_AXES) as (keyof typeof STYLE_AXES)[];
            const differing =
              styled.length === 0 || !c.style
                ? 0
                : axes.filter((a) => Math.abs(c.style![a] - styled.reduce((sum, s) => sum + s.style![a], 0) / styled.length) >= 0.5).length;
            expect(got.points).toBe(differing * REMATCH_WEIGHTS.approach.points);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('what did not fit changes the order: the same two therapists swap between "their fee" and "their free times"', () => {
    const cheapLater = {
      therapist: therapist(1, { feeMinor: 5500 }),
      nextFreeStart: NOW + 20 * 86_400_000,
      availability: { weekdayDaytime: true, evenings: true, saturdays: true },
      psychosexualTrained: false,
    };
    const dearSooner = {
      therapist: therapist(2, { feeMinor: 9500 }),
      nextFreeStart: NOW + 86_400_000,
      availability: { weekdayDaytime: true, evenings: true, saturdays: true },
      psychosexualTrained: false,
    };
    const seen = {
      therapist: therapist(3, { feeMinor: 12000 }),
      nextFreeStart: NOW,
      availability: { weekdayDaytime: true, evenings: true, saturdays: true },
      psychosexualTrained: false,
    };
    const req: MatchRequest = { relationship: 'couple', concerns: ['trust-issues'], format: 'either', exclude: ['t3'] };
    const order = (misfit: Misfit) =>
      rankTherapists({ ...req, rematch: { misfit, seen: [seenOf(seen)], now: NOW } }, [cheapLater, dearSooner, seen], SERVICES).matches.map(
        (m) => m.therapistId,
      );
    // Both are cheaper than who was seen; only the sooner one is free this week.
    expect(order('availability')).toEqual(['t2', 't1']);
    expect(order('other')).toEqual(['t2', 't1']);
    const cheaperThanBoth = { ...seen, therapist: therapist(3, { feeMinor: 9000 }) };
    const byFee = rankTherapists({ ...req, rematch: { misfit: 'fee', seen: [seenOf(cheaperThanBoth)], now: NOW } }, [cheapLater, dearSooner], SERVICES);
    expect(byFee.matches.map((m) => m.therapistId)).toEqual(['t1', 't2']);
    expect(byFee.matches[0]!.reasons[0]).toBe('A lower fee: £55 a session, against £90');
  });
});

describe('fit labels and ties', () => {
  it('the label follows the share of the points asked for, a relaxed requirement is never a strong fit, and more points never lower it', () => {
    fc.assert(
      fc.property(arbRequest, fc.nat(), fc.nat(), (req, a, b) => {
        const most = maxPoints(req);
        const [lo, hi] = [a % (most + 1), b % (most + 1)].sort((x, y) => x - y) as [number, number];
        const rank = (l: string) => FIT_BANDS.findIndex((band) => band.label === l);
        expect(rank(fitLabel({ fitPoints: hi }, req, false))).toBeLessThanOrEqual(rank(fitLabel({ fitPoints: lo }, req, false)));
        expect(fitLabel({ fitPoints: hi }, req, true)).not.toBe('Strong fit');
        expect(fitLabel({ fitPoints: most }, req, false)).toBe('Strong fit');
        expect(fitLabel({ fitPoints: hi }, req, false) === 'Strong fit').toBe(hi / most >= 0.8);
      }),
      { numRuns: 500 },
    );
  });

  it('every match points at the best anyone could score for the request', () => {
    fc.assert(
      fc.property(arbRequest, arbCandidates, (req, cands) => {
        for (const m of rankTherapists(req, cands, SERVICES).matches) expect(m.fitPoints).toBeLessThanOrEqual(maxPoints(req));
      }),
      { numRuns: 300 },
    );
  });

  it('a tie is marked exactly when the score equals the one before, and its reason is what put that one first', () => {
    fc.assert(
      fc.property(arbRequest, arbCandidates, (req, cands) => {
        const { matches } = rankTherapists(req, cands, SERVICES);
        const byId = new Map(cands.map((c) => [c.therapist.id, c]));
        matches.forEach((m, i) => {
          const before = matches[i - 1];
          if (!before || before.score !== m.score) {
            expect(m.tie).toBeUndefined();
            return;
          }
          expect(m.tie?.therapistId).toBe(before.therapistId);
          const a = byId.get(before.therapistId)!.nextFreeStart;
          const b = byId.get(m.therapistId)!.nextFreeStart;
          expect(m.tie?.aheadOf).toBe(a === b ? 'name' : b === null ? 'has-time' : 'sooner');
          if (m.tie?.aheadOf === 'sooner') expect(a! < b!).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
