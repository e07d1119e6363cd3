import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS } from '../../src/content/exercises.ts';
import { checkInSchema } from '../../src/domain/check-in-form.ts';
import {
  type CheckInAnswer,
  CSI_ITEMS,
  csiDue,
  isKept,
  isRevealed,
  type Member,
  matchCarryOver,
  type OwnCheckIn,
  openWeek,
  periodAt,
  reminderDue,
  SHARE_KEYS,
  type Sharing,
  type StoredAnswer,
  scoreCsi,
  sharedPart,
  suggestExercises,
  supportFor,
  type WeekFacts,
  weekView,
} from '../../src/domain/companion.ts';
import { CONCERN_IDS, DIMENSIONS } from '../../src/domain/types.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

// ---------------------------------------------------------------------------
// Generators

const ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'America/Sao_Paulo'];

const shareArb: fc.Arbitrary<Sharing> = fc.record(Object.fromEntries(SHARE_KEYS.map((k) => [k, fc.boolean()])) as Record<keyof Sharing, fc.Arbitrary<boolean>>);

/** An answer whose every text is a unique marker naming its author and field, so a leak is easy to find. */
function answerArb(memberId: string): fc.Arbitrary<CheckInAnswer> {
  const level = fc.integer({ min: 1, max: 5 });
  return fc
    .record({
      cognitive: level,
      experiential: level,
      emotional: level,
      hurt: fc.boolean(),
      csi: fc.option(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
        nil: null,
      }),
      share: shareArb,
    })
    .map((r) => ({
      closeness: { cognitive: r.cognitive, experiential: r.experiential, emotional: r.emotional },
      appreciation: `APPRECIATION-${memberId}`,
      moreOf: `MOREOF-${memberId}`,
      hurt: r.hurt,
      hurtWords: r.hurt ? `HURTWORDS-${memberId}` : '',
      csi: r.csi,
      share: r.csi ? r.share : { ...r.share, csi: false },
    }));
}

interface Scenario {
  members: Member[];
  week: WeekFacts;
  /** Answers in the order they arrive, each at its own time inside the week. */
  arrivals: { answer: StoredAnswer; at: number }[];
  viewer: string;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .integer({ min: 2, max: 6 })
  .chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `m${i}`);
    const start = 1_000 * DAY;
    const end = start + 7 * DAY;
    return fc.record({
      members: fc.constant(ids.map((id) => ({ id, joinedAt: 0 }))),
      week: fc.constant<WeekFacts>({ start, end, revealedAt: null }),
      answerers: fc.shuffledSubarray(ids),
      answers: fc.tuple(...ids.map((id) => answerArb(id))),
      times: fc.array(fc.integer({ min: start, max: end - 1 }), { minLength: n, maxLength: n }),
      viewer: fc.constantFrom(...ids),
    });
  })
  .map((r) => {
    const times = [...r.times].sort((a, b) => a - b);
    const arrivals = r.answerers.map((id, i) => ({ answer: { memberId: id, answer: r.answers[Number(id.slice(1))]! }, at: times[i]! }));
    return { members: r.members, week: r.week, arrivals, viewer: r.viewer };
  });

/** Every marker of `memberId` whose field the member did not share. */
function unsharedMarkers(a: StoredAnswer): string[] {
  const out: string[] = [];
  if (!a.answer.share.appreciation) out.push(a.answer.appreciation);
  if (!a.answer.share.moreOf) out.push(a.answer.moreOf);
  if (!a.answer.share.hurt && a.answer.hurtWords) out.push(a.answer.hurtWords);
  return out;
}

// ---------------------------------------------------------------------------
// The reveal rule

describe('the reveal rule', () => {
  it('never shows another member anything unshared, at any point in any order of answers, to any member', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 20 * DAY }), (s, extra) => {
        for (let k = 0; k <= s.arrivals.length; k++) {
          const arrived = s.arrivals.slice(0, k).map((a) => a.answer);
          const times = [s.arrivals[k - 1]?.at ?? s.week.start, s.week.start + extra];
          for (const now of times) {
            for (const viewer of s.members) {
              const view = weekView(viewer.id, s.members, arrived, s.week, now);
              const text = JSON.stringify(view.others);
              for (const a of arrived.filter((x) => x.memberId !== viewer.id)) {
                for (const marker of unsharedMarkers(a)) expect(text).not.toContain(marker);
                const shown = view.others.find((o) => o.memberId === a.memberId);
                if (shown) {
                  for (const d of DIMENSIONS) expect(d in shown.closeness).toBe(a.answer.share[d]);
                  if (!a.answer.share.hurt) expect(shown.hurt).toBeUndefined();
                  if (!a.answer.share.csi) expect(shown.csi).toBeUndefined();
                }
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shows nothing of others before everyone has answered and before the week ends', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const all = s.arrivals.map((a) => a.answer);
        for (let k = 0; k < s.arrivals.length; k++) {
          const arrived = all.slice(0, k + 1);
          const everyone = s.members.every((m) => arrived.some((a) => a.memberId === m.id));
          const view = weekView(s.viewer, s.members, arrived, s.week, s.arrivals[k]!.at);
          if (!everyone) {
            expect(view.revealed).toBe(false);
            expect(view.others).toEqual([]);
          }
          // The viewer's own answer is always there, whole.
          expect(view.own).toEqual(arrived.find((a) => a.memberId === s.viewer)?.answer ?? null);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('once everyone has answered, or the week has ended, shows exactly what each other member shared', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const arrived = s.arrivals.map((a) => a.answer);
        const everyone = s.members.every((m) => arrived.some((a) => a.memberId === m.id));
        const moments = [s.week.end, s.week.end + DAY, ...(everyone ? [s.arrivals.at(-1)!.at] : [])];
        for (const now of moments) {
          const view = weekView(s.viewer, s.members, arrived, s.week, now);
          expect(view.revealed).toBe(true);
          const expected = s.members
            .filter((m) => m.id !== s.viewer)
            .flatMap((m) => arrived.filter((a) => a.memberId === m.id).map((a) => sharedPart(a.memberId, a.answer)));
          expect(view.others).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('depends on who has answered, never on the order they answered in', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 10 * DAY }), fc.nat(), (s, offset, seed) => {
        const arrived = s.arrivals.map((a) => a.answer);
        const shuffled = [...arrived].sort((a, b) => ((a.memberId.charCodeAt(1) * 31 + seed) % 7) - ((b.memberId.charCodeAt(1) * 31 + seed) % 7));
        const now = s.week.start + offset;
        for (const viewer of s.members) {
          expect(weekView(viewer.id, s.members, shuffled, s.week, now)).toEqual(weekView(viewer.id, s.members, arrived, s.week, now));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('stays revealed once revealed, even when someone joins afterwards', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const arrived = s.arrivals.map((a) => a.answer);
        const answered = arrived.map((a) => a.memberId);
        const last = s.arrivals.at(-1)?.at ?? s.week.start;
        if (
          !isRevealed(
            s.week,
            s.members.map((m) => m.id),
            answered,
            last,
          )
        )
          return;
        const persisted = { ...s.week, revealedAt: last };
        const joined = [...s.members, { id: 'late', joinedAt: last + 1 }];
        expect(
          isRevealed(
            persisted,
            joined.map((m) => m.id),
            answered,
            last + 2,
          ),
        ).toBe(true);
        // The newcomer was not in the circle when the week was revealed: what was shared then was not shared
        // with them, so they see none of it (and nothing unshared, ever); those who were there still do.
        const view = weekView('late', joined, arrived, persisted, last + 2);
        expect(view.revealed).toBe(true);
        expect(view.others).toEqual([]);
        for (const a of arrived) for (const marker of unsharedMarkers(a)) expect(JSON.stringify(view)).not.toContain(marker);
        for (const m of s.members)
          expect(weekView(m.id, joined, arrived, persisted, last + 2).others).toEqual(weekView(m.id, s.members, arrived, persisted, last + 2).others);
      }),
      { numRuns: 200 },
    );
  });

  it('shows someone who is not a member nothing at all', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const view = weekView(
          'stranger',
          s.members,
          s.arrivals.map((a) => a.answer),
          s.week,
          s.week.end + DAY,
        );
        expect(view).toEqual({ revealed: false, memberCount: 0, answeredCount: 0, own: null, others: [] });
      }),
    );
  });

  it('does not show weeks that ended before the viewer joined', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const members = s.members.map((m) => (m.id === s.viewer ? { ...m, joinedAt: s.week.end + HOUR } : m));
        const view = weekView(
          s.viewer,
          members,
          s.arrivals.map((a) => a.answer),
          s.week,
          s.week.end + 2 * HOUR,
        );
        expect(view.others).toEqual([]);
      }),
    );
  });

  it('counts a week as kept only when at least two people were in it and all of them answered', () => {
    expect(isKept(['a'], ['a'])).toBe(false);
    expect(isKept(['a', 'b'], ['a'])).toBe(false);
    expect(isKept(['a', 'b'], ['b', 'a'])).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// The support rule

const checkIn = (week: number, levels: [number, number, number], hurt = false): OwnCheckIn => ({
  weekStart: week * 7 * DAY,
  closeness: { cognitive: levels[0], experiential: levels[1], emotional: levels[2] },
  hurt,
});

describe('the support rule', () => {
  it('suggests support after three low check-ins, and says why', () => {
    const advice = supportFor([checkIn(1, [2, 2, 2]), checkIn(2, [1, 2, 3]), checkIn(3, [2, 1, 1])]);
    expect(advice.suggested).toBe(true);
    expect(advice.triggers).toEqual(['low']);
    expect(advice.reasons[0]).toMatch(/low each time/);
  });

  it('does not suggest it after one or two low check-ins, or when one of three is not low', () => {
    expect(supportFor([checkIn(1, [1, 1, 1])]).suggested).toBe(false);
    expect(supportFor([checkIn(1, [1, 1, 1]), checkIn(2, [1, 1, 1])]).suggested).toBe(false);
    expect(supportFor([checkIn(1, [1, 1, 1]), checkIn(2, [3, 3, 3]), checkIn(3, [1, 1, 1])]).suggested).toBe(false);
  });

  it('suggests it when closeness falls at each of three check-ins by a point or more in all', () => {
    const falling = supportFor([checkIn(1, [5, 4, 4]), checkIn(2, [4, 4, 3]), checkIn(3, [3, 3, 3])]);
    expect(falling.triggers).toEqual(['falling']);
    expect(falling.reasons[0]).toMatch(/went down each time, from 4.3 to 3/);
    // Falling, but by less than a point in all: not yet.
    expect(supportFor([checkIn(1, [4, 4, 4]), checkIn(2, [4, 4, 3]), checkIn(3, [4, 3, 3])]).suggested).toBe(false);
    // A point down, but not at each step.
    expect(supportFor([checkIn(1, [5, 5, 5]), checkIn(2, [5, 5, 5]), checkIn(3, [4, 4, 4])]).suggested).toBe(false);
  });

  it('suggests it when hurt is reported twice running, not twice apart', () => {
    expect(supportFor([checkIn(1, [4, 4, 4], true), checkIn(2, [4, 4, 4], true)]).triggers).toEqual(['hurt-twice']);
    expect(supportFor([checkIn(1, [4, 4, 4], true), checkIn(2, [4, 4, 4], false), checkIn(3, [4, 4, 4], true)]).suggested).toBe(false);
  });

  it('offers self-compassion guidance whenever the latest check-in reports hurt', () => {
    expect(supportFor([checkIn(1, [5, 5, 5], true)]).selfCompassion).toBe(true);
    expect(supportFor([checkIn(1, [5, 5, 5], true), checkIn(2, [5, 5, 5])]).selfCompassion).toBe(false);
  });

  const historyArb = fc
    .array(
      fc.record({
        week: fc.integer({ min: 0, max: 10_000 }),
        levels: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
        hurt: fc.boolean(),
      }),
      { maxLength: 12 },
    )
    .map((rows) => {
      const seen = new Set<number>();
      return rows.filter((r) => !seen.has(r.week) && seen.add(r.week)).map((r) => checkIn(r.week, r.levels, r.hurt));
    });

  /** The rule written out a second way, for comparison. */
  function oracle(history: OwnCheckIn[]) {
    const h = [...history].sort((a, b) => a.weekStart - b.weekStart);
    const mean = (c: OwnCheckIn) => (c.closeness.cognitive + c.closeness.experiential + c.closeness.emotional) / 3;
    const t: string[] = [];
    if (h.length >= 3) {
      const [a, b, c] = h.slice(-3).map((x) => Math.round(mean(x) * 3));
      if (a! <= 6 && b! <= 6 && c! <= 6) t.push('low');
      if (a! > b! && b! > c! && a! - c! >= 3) t.push('falling');
    }
    if (h.length >= 2 && h.at(-1)!.hurt && h.at(-2)!.hurt) t.push('hurt-twice');
    return t;
  }

  it('matches the rule as written, for any history', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const advice = supportFor(history);
        expect(advice.triggers).toEqual(oracle(history));
        expect(advice.suggested).toBe(advice.triggers.length > 0);
        expect(advice.reasons.length).toBe(advice.triggers.length);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order check-ins are given in, nor on anything older than the last three', () => {
    fc.assert(
      fc.property(historyArb, historyArb, (history, older) => {
        const shuffled = [...history].reverse();
        expect(supportFor(shuffled)).toEqual(supportFor(history));
        if (history.length < 3) return;
        const earliest = Math.min(...history.map((h) => h.weekStart));
        const before = older.map((o, i) => ({ ...o, weekStart: earliest - (i + 1) * 7 * DAY }));
        expect(supportFor([...before, ...history]).triggers).toEqual(supportFor(history).triggers);
      }),
      { numRuns: 300 },
    );
  });

  it('carries a relationship and known concerns into matching', () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom('couple', 'family', 'friends') as fc.Arbitrary<'couple' | 'family' | 'friends'>, (history, kind) => {
        const carry = matchCarryOver(kind, supportFor(history));
        expect(['couple', 'family', 'friendship']).toContain(carry.relationship);
        for (const c of carry.concerns) expect(CONCERN_IDS).toContain(c);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// Exercises, the CSI-4, schedules and the form

describe('exercises offered by check-ins', () => {
  it('offers only exercises from the library, self-compassion first after hurt, and the lowest dimension next', () => {
    expect(suggestExercises([]).length).toBeGreaterThan(0);
    const after = suggestExercises([checkIn(1, [1, 4, 5], true)]);
    expect(after[0]!.id).toBe('self-compassion');
    expect(after[1]!.id).toBe('open-conversations');
    expect(suggestExercises([checkIn(1, [5, 5, 5])]).map((s) => s.id)).toContain('appreciation-jar');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.boolean()), { maxLength: 5 }),
        (rows) => {
          const out = suggestExercises(rows.map(([a, b, c, h], i) => checkIn(i, [a, b, c], h)));
          for (const s of out) expect(EXERCISE_IDS).toContain(s.id);
          expect(out.length).toBeLessThanOrEqual(4);
          expect(new Set(out.map((s) => s.id)).size).toBe(out.length);
        },
      ),
    );
  });
});

describe('the Couples Satisfaction Index (CSI-4)', () => {
  it('scores 0 to 21 with the published cut-off of 13.5', () => {
    expect(scoreCsi([6, 5, 5, 5])).toEqual({ total: 21, belowCutoff: false });
    expect(scoreCsi([0, 0, 0, 0])).toEqual({ total: 0, belowCutoff: true });
    expect(scoreCsi([3, 3, 3, 4])).toEqual({ total: 13, belowCutoff: true });
    expect(scoreCsi([3, 3, 4, 4])).toEqual({ total: 14, belowCutoff: false });
    expect(() => scoreCsi([7, 0, 0, 0])).toThrow();
    expect(CSI_ITEMS.map((i) => i.options.length)).toEqual([7, 6, 6, 6]);
  });

  it('comes with the first check-in of each month, for couples only', () => {
    const tz = 'Europe/London';
    expect(csiDue('couple', Date.UTC(2026, 5, 7, 18), tz)).toBe(true);
    expect(csiDue('couple', Date.UTC(2026, 5, 8, 18), tz)).toBe(false);
    expect(csiDue('family', Date.UTC(2026, 5, 1, 18), tz)).toBe(false);
    // Weekly starts: exactly one in the first seven days of a month.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), (offset) => {
        const starts = Array.from({ length: 6 }, (_, i) => Date.UTC(2026, 2, 1 + offset + 7 * i, 12));
        expect(starts.filter((s) => csiDue('couple', s, 'UTC') && new Date(s).getUTCMonth() === 2).length).toBe(1);
      }),
    );
  });
});

describe('the weekly schedule', () => {
  it('puts every moment in exactly one week, starting at the chosen local day and time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (timeZone, weekday, h, m, now) => {
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const p = periodAt({ weekday, time, timeZone }, now);
          expect(p.start).toBeLessThanOrEqual(now);
          expect(p.end).toBeGreaterThan(now);
          expect(Math.abs(p.end - p.start - 7 * DAY)).toBeLessThanOrEqual(HOUR);
          const local = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(p.start);
          const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][weekday - 1]!;
          // On a clock-change night a time in the gap moves to the jump; otherwise it is exact.
          if (!local.includes(time)) expect(Math.abs(p.end - p.start - 7 * DAY)).toBeGreaterThan(0);
          else expect(local.startsWith(day)).toBe(true);
          // The next week starts where this one ends.
          expect(periodAt({ weekday, time, timeZone }, p.end).start).toBe(p.end);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a started week when the schedule changes, and never overlaps weeks', () => {
    const before = { weekday: 7, time: '19:00', timeZone: 'Europe/London' };
    const now = Date.UTC(2026, 5, 10, 12); // Wednesday
    const started = periodAt(before, now);
    const after = { weekday: 3, time: '09:00', timeZone: 'Europe/London' };
    expect(openWeek(after, [started], now)).toEqual(started);
    const next = openWeek(after, [started], started.end + HOUR);
    expect(next.start).toBeGreaterThanOrEqual(started.end);
    expect(next.end).toBeGreaterThan(started.end + HOUR);
  });

  it('sends reminders for a day from the moment the check-in opens', () => {
    const week = { start: 1000 * DAY, end: 1007 * DAY };
    expect(reminderDue(week, week.start - 1)).toBe(false);
    expect(reminderDue(week, week.start)).toBe(true);
    expect(reminderDue(week, week.start + 23 * HOUR)).toBe(true);
    expect(reminderDue(week, week.start + 25 * HOUR)).toBe(false);
  });
});

describe('the check-in form', () => {
  const base = { cognitive: '3', experiential: '4', emotional: '2', appreciation: ' the tea ', moreOf: '', hurt: 'no', hurtWords: 'ignored' };

  it('shares nothing unless asked, and refuses unknown fields', () => {
    const a = checkInSchema(false).parse(base);
    expect(a.share).toEqual(Object.fromEntries(SHARE_KEYS.map((k) => [k, false])));
    expect(a.appreciation).toBe('the tea');
    expect(a.hurtWords).toBe('');
    expect(checkInSchema(false).safeParse({ ...base, clientId: 'x' }).success).toBe(false);
    expect(checkInSchema(false).parse({ ...base, share: ['cognitive', 'moreOf'] }).share.cognitive).toBe(true);
  });

  it('asks the CSI-4 only when it is due, and then requires it', () => {
    expect(checkInSchema(true).safeParse(base).success).toBe(false);
    expect(checkInSchema(true).parse({ ...base, csi1: '6', csi2: '5', csi3: '0', csi4: '2', share: 'csi' }).csi).toEqual([6, 5, 0, 2]);
    expect(checkInSchema(false).safeParse({ ...base, csi1: '3' }).success).toBe(false);
  });

  it('never accepts closeness outside 1 to 5', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), (v) => {
        const r = checkInSchema(false).safeParse({ ...base, cognitive: String(v) });
        const n = Number(v);
        expect(r.success).toBe(String(v).trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 5);
      }),
    );
  });
});
