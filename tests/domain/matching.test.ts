import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HARD_REQUIREMENTS,
  MATCH_WEIGHTS,
  type MatchCandidate,
  type MatchRequest,
  type MatchResult,
  RELAXATION_ORDER,
  rankTherapists,
  STYLE_AXES,
  STYLE_LEAN,
  type StyleAxis,
  TIME_WINDOWS,
  type TimeWindow,
} from '../../src/domain/matching.ts';
import { CONCERNS, type ConcernId, FORMATS, GENDERS, LANGUAGE_NAMES, RELATIONSHIPS, type Service, type Therapist } from '../../src/domain/types.ts';
import { aTherapist } from '../support/therapist.ts';

// ---------- fixtures ----------

function service(id: string, name: string, relationships: Service['relationships'], active = true): Service {
  return {
    id,
    slug: id,
    name,
    summary: '',
    durationMinutes: 50,
    priceMinor: 7000,
    currency: 'GBP',
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 0,
    bookingWindowDays: 180,
    slotIntervalMinutes: 60,
    maxPerDay: null,
    relationships,
    active,
  };
}

const SERVICES: Service[] = [
  service('svc-consult', 'Free initial consultation', ['couple', 'individual', 'family', 'friendship']),
  service('svc-couples', 'Couples counselling', ['couple']),
  service('svc-individual', 'Individual therapy', ['individual']),
  service('svc-family', 'Family and friendship sessions', ['family', 'friendship']),
  service('svc-retired', 'Retired group', ['individual', 'couple'], false),
];
const SERVICE_IDS = [...SERVICES.map((s) => s.id), 'svc-unknown'];

const therapist = (over: Partial<Therapist> = {}): Therapist => aTherapist({ serviceIds: ['svc-consult', 'svc-couples', 'svc-individual'], ...over });

function candidate(t: Partial<Therapist> = {}, over: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    therapist: therapist(t),
    nextFreeStart: 1_000,
    availability: { weekdayDaytime: true, evenings: false, saturdays: false },
    psychosexualTrained: false,
    ...over,
  };
}

const base: MatchRequest = { relationship: 'couple', concerns: ['trust-issues'], format: 'either' };
const ids = (r: MatchResult) => r.matches.map((m) => m.therapistId);
function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('expected a value');
  return x;
}

// ---------- independent oracles (written apart from the code under test) ----------

const TIME_KEY = { weekday_daytime: 'weekdayDaytime', evenings: 'evenings', saturdays: 'saturdays' } as const;
const TIME_WORD = { weekday_daytime: 'weekday daytimes', evenings: 'evenings', saturdays: 'saturdays' } as const;

/** Which hard requirements this candidate fails for this request. */
function violations(req: MatchRequest, c: MatchCandidate, services: Service[]): Set<string> {
  const t = c.therapist;
  const out = new Set<string>();
  const safety = req.safetyConcern === true;
  const chosen = services.find((s) => s.id === req.serviceId);
  const setAside = safety && chosen !== undefined && !chosen.relationships.includes('individual');
  if (req.serviceId !== undefined && !setAside) {
    if (!(chosen?.active && t.serviceIds.includes(req.serviceId))) out.add('service');
  }
  if (req.format !== 'either' && !t.formats.includes(req.format)) out.add('format');
  const langs = (req.languages ?? []).map((l) => l.toLowerCase());
  if (langs.length > 0 && !langs.some((l) => t.languages.map((x) => x.toLowerCase()).includes(l))) out.add('language');
  if (safety) {
    const individualService = t.serviceIds.some((id) => services.some((s) => s.id === id && s.active && s.relationships.includes('individual')));
    if (!t.relationships.includes('individual') || !individualService) out.add('safety');
  } else if (!t.relationships.includes(req.relationship)) {
    out.add('relationship');
  }
  if (req.concerns.includes('sexual-intimacy') && !c.psychosexualTrained) out.add('psychosexual');
  return out;
}

function namedIn(text: string, names: [string, string][]): string[] {
  return names.filter(([, name]) => text.includes(name)).map(([key]) => key);
}
/** True when text is nothing but the given names joined by ", " and " and ". */
function onlyNames(text: string, names: string[]): boolean {
  let rest = text;
  for (const n of [...names].sort((a, b) => b.length - a.length)) rest = rest.split(n).join('');
  return names.length > 0 && /^(, | and )*$/.test(rest);
}
const concernNames = CONCERNS.map((c) => [c.id, c.name.toLowerCase()] as [string, string]);
const languageNames = Object.entries(LANGUAGE_NAMES);

function timesHold(text: string, req: MatchRequest, c: MatchCandidate): boolean {
  const named = namedIn(text.toLowerCase(), Object.entries(TIME_WORD)) as TimeWindow[];
  return (
    onlyNames(
      text.toLowerCase(),
      named.map((w) => TIME_WORD[w]),
    ) && named.every((w) => (req.times ?? []).includes(w) && c.availability[TIME_KEY[w]])
  );
}
function formatHolds(word: string, req: MatchRequest, c: MatchCandidate): boolean {
  const f = word === 'online' ? 'online' : 'in_person';
  return req.format === f && c.therapist.formats.includes(f);
}

/** Checks one reason against the data, by its kind (the first pattern that matches). Unknown kinds are false. */
function reasonHolds(reason: string, req: MatchRequest, c: MatchCandidate, services: Service[]): boolean {
  const t = c.therapist;
  const rel = { couples: 'couple', individuals: 'individual', families: 'family', friends: 'friendship' } as const;
  const kinds: [RegExp, (g: string[]) => boolean][] = [
    [
      /^Works with (couples|individuals|families|friends)$/,
      ([w = '']) => {
        const r = rel[w as keyof typeof rel];
        return !req.safetyConcern && req.relationship === r && t.relationships.includes(r);
      },
    ],
    [
      /^Works with (.+)$/,
      ([list = '']) => {
        const named = concernNames.filter(([, name]) => list.includes(name));
        return (
          onlyNames(
            list,
            named.map(([, name]) => name),
          ) && named.every(([id]) => req.concerns.includes(id as ConcernId) && t.concerns.includes(id as ConcernId))
        );
      },
    ],
    [/^Trained in psychosexual therapy$/, () => c.psychosexualTrained && req.concerns.includes('sexual-intimacy')],
    [
      /^Offers (.+)$/,
      ([name]) => {
        const s = services.find((x) => x.name === name);
        return s?.active === true && s.id === req.serviceId && t.serviceIds.includes(s.id);
      },
    ],
    [
      /^Speaks (.+)$/,
      ([list = '']) => {
        const named = namedIn(list, languageNames);
        const asked = (req.languages ?? []).map((l) => l.toLowerCase());
        return (
          onlyNames(
            list,
            named.map((k) => LANGUAGE_NAMES[k] ?? k),
          ) && named.every((k) => asked.includes(k) && t.languages.includes(k))
        );
      },
    ],
    [/^Works (online|in person)$/, ([f = '']) => formatHolds(f, req, c)],
    [/^Available (.+)$/, ([times = '']) => timesHold(times, req, c)],
    [/^(.+), (online|in person)$/, ([times = '', f = '']) => timesHold(times, req, c) && formatHolds(f, req, c)],
    [
      /^Fee within your budget \(£(\d+(?:\.\d\d)?)\)$/,
      ([fee]) => req.budgetMaxMinor !== undefined && Math.round(Number(fee) * 100) === t.feeMinor && t.feeMinor <= req.budgetMaxMinor,
    ],
    [
      /^Experience with (.+) clients$/,
      ([e = '']) => {
        const wanted = (req.faithOrCulture ?? '').trim().toLowerCase();
        const entry = e.toLowerCase();
        const words = (x: string) => ` ${x.split(/\s+/).filter(Boolean).join(' ')} `;
        return (
          wanted !== '' &&
          t.culturalExperience.map((x) => x.trim().toLowerCase()).includes(entry) &&
          (words(entry).includes(words(wanted)) || words(wanted).includes(words(entry)))
        );
      },
    ],
    [
      /^A (woman|man|non-binary) therapist, as you preferred$/,
      ([w]) => {
        const g = w === 'non-binary' ? 'non_binary' : w;
        return req.therapistGender === g && t.gender === g;
      },
    ],
    [/^LGBTQ\+ affirming$/, () => req.lgbtqAffirming === true && t.lgbtqAffirming],
  ];
  for (const [pattern, holds] of kinds) {
    const m = reason.match(pattern);
    if (m) return holds(m.slice(1));
  }
  for (const axis of Object.keys(STYLE_AXES) as StyleAxis[]) {
    const def = STYLE_AXES[axis];
    const v = c.style?.[axis];
    if (reason === def.highReason) return req.style?.[axis] === def.high && v !== undefined && v >= STYLE_LEAN;
    if (reason === def.lowReason) return req.style?.[axis] === def.low && v !== undefined && v <= -STYLE_LEAN;
  }
  return false;
}

// ---------- generators ----------

const CULTURES = ['Muslim', 'Jewish', 'Polish Catholic', 'South Asian', 'Black British', 'Hindu'];
const LANGS = ['en', 'pl', 'ur', 'ar', 'es'];
const NAMES = ['Ada', 'Ben', 'Chloe', 'Dev', 'Ewa'];
const styleValue = fc.constantFrom(-1, -0.5, -0.25, -0.2, 0, 0.2, 0.25, 0.5, 1);

const arbCandidate = fc.record({
  name: fc.constantFrom(...NAMES),
  gender: fc.constantFrom(...GENDERS),
  concerns: fc.subarray(CONCERNS.map((c) => c.id) as ConcernId[]),
  relationships: fc.subarray([...RELATIONSHIPS], { minLength: 1 }),
  languages: fc.subarray(LANGS, { minLength: 1 }),
  formats: fc.subarray([...FORMATS], { minLength: 1 }),
  serviceIds: fc.subarray(SERVICE_IDS.filter((s) => s !== 'svc-unknown')),
  feeMinor: fc.constantFrom(0, 4500, 6000, 7000, 7050, 9000),
  lgbtqAffirming: fc.boolean(),
  culturalExperience: fc.subarray(CULTURES),
  active: fc.integer({ min: 0, max: 9 }).map((n) => n !== 0), // mostly active
  nextFreeStart: fc.option(fc.constantFrom(1_000, 2_000, 3_000), { nil: null }),
  availability: fc.record({ weekdayDaytime: fc.boolean(), evenings: fc.boolean(), saturdays: fc.boolean() }),
  psychosexualTrained: fc.boolean(),
  style: fc.option(fc.record({ directive: styleValue, pastFocus: styleValue, challenging: styleValue }), { nil: undefined }),
});

const arbCandidates = fc.array(arbCandidate, { maxLength: 10 }).chain((rows) =>
  fc.boolean().map((dup) => {
    const list: MatchCandidate[] = rows.map((r, i) => ({
      therapist: therapist({
        id: `t${i}`,
        slug: `t${i}`,
        name: r.name,
        gender: r.gender,
        concerns: r.concerns,
        relationships: r.relationships,
        languages: r.languages,
        formats: r.formats,
        serviceIds: r.serviceIds,
        feeMinor: r.feeMinor,
        lgbtqAffirming: r.lgbtqAffirming,
        culturalExperience: r.culturalExperience,
        active: r.active,
      }),
      nextFreeStart: r.nextFreeStart,
      availability: r.availability,
      psychosexualTrained: r.psychosexualTrained,
      ...(r.style ? { style: r.style } : {}),
    }));
    return dup && list.length > 0 ? [...list, must(list[0])] : list;
  }),
);

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const arbRequest: fc.Arbitrary<MatchRequest> = fc
  .record({
    relationship: fc.constantFrom(...RELATIONSHIPS),
    concerns: fc.subarray(CONCERNS.map((c) => c.id) as ConcernId[], { minLength: 1 }),
    format: fc.constantFrom('online', 'in_person', 'either') as fc.Arbitrary<MatchRequest['format']>,
    languages: opt(fc.subarray(['en', 'pl', 'PL', 'ur', 'fr'])),
    times: opt(fc.subarray([...TIME_WINDOWS])),
    budgetMaxMinor: opt(fc.constantFrom(0, 5000, 7000, 7050, 8000)),
    serviceId: opt(fc.constantFrom(...SERVICE_IDS)),
    therapistGender: opt(fc.constantFrom(...GENDERS)),
    faithOrCulture: opt(fc.constantFrom('muslim', ' MUSLIM ', 'catholic', 'Hindu', '', 'south  asian', 'Asian', 'Jew', 'Polish Catholic family')),
    lgbtqAffirming: opt(fc.boolean()),
    style: opt(
      fc.record(
        {
          directive: fc.constantFrom('directive', 'non_directive'),
          pastFocus: fc.constantFrom('past', 'present'),
          challenging: fc.constantFrom('challenging', 'gentle'),
        },
        { requiredKeys: [] },
      ),
    ),
    safetyConcern: opt(fc.boolean()),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as MatchRequest);

// ---------- properties ----------

describe('rankTherapists: properties', () => {
  it('never violates a hard requirement unless `relaxed` names it, and relaxes only when it must', () => {
    fc.assert(
      fc.property(arbRequest, arbCandidates, (req, cands) => {
        const result = rankTherapists(req, cands, SERVICES);
        const pool = cands.filter((c, i) => c.therapist.active && cands.findIndex((d) => d.therapist.id === c.therapist.id) === i);
        const v = new Map(pool.map((c) => [c.therapist.id, violations(req, c, SERVICES)]));
        const fitting = pool.filter((c) => must(v.get(c.therapist.id)).size === 0).map((c) => c.therapist.id);
        if (fitting.length > 0) {
          expect(result.relaxed).toBeNull();
          expect(new Set(ids(result))).toEqual(new Set(fitting));
          return;
        }
        // Nothing fits: the first requirement in the published order whose relaxation finds someone.
        const expected = RELAXATION_ORDER.find((r) => pool.some((c) => [...must(v.get(c.therapist.id))].every((x) => x === r)));
        if (expected === undefined) {
          expect(result.relaxed).toBeNull();
          expect(result.matches).toEqual([]);
          return;
        }
        expect(result.relaxed?.requirement).toBe(expected);
        expect(result.matches.length).toBeGreaterThan(0);
        for (const id of ids(result)) expect([...must(v.get(id))]).toEqual([expected]);
        for (const m of result.matches) expect(m.unmet.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  // Few wishes, so many therapists tie on score and the tie-breaks decide.
  const plainRequest: MatchRequest = { relationship: 'individual', concerns: ['trust-issues'], format: 'either' };

  it('sorts by score, then sooner free time (none last), then name; no duplicates, only active therapists', () => {
    fc.assert(
      fc.property(fc.oneof(arbRequest, fc.constant(plainRequest)), arbCandidates, (req, cands) => {
        const result = rankTherapists(req, cands, SERVICES);
        expect(new Set(ids(result)).size).toBe(result.matches.length);
        const byId = new Map(cands.map((c) => [c.therapist.id, c]));
        const rows = result.matches.map((m) => ({ ...m, c: must(byId.get(m.therapistId)) }));
        for (const r of rows) expect(r.c.therapist.active).toBe(true);
        for (let i = 1; i < rows.length; i++) {
          const a = must(rows[i - 1]);
          const b = must(rows[i]);
          expect(a.score).toBeGreaterThanOrEqual(b.score);
          if (a.score !== b.score) continue;
          const fa = a.c.nextFreeStart ?? Number.POSITIVE_INFINITY;
          const fb = b.c.nextFreeStart ?? Number.POSITIVE_INFINITY;
          expect(fa).toBeLessThanOrEqual(fb);
          if (fa === fb) expect(a.c.therapist.name <= b.c.therapist.name).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('shows only reasons that are true of that therapist', () => {
    fc.assert(
      fc.property(arbRequest, arbCandidates, (req, cands) => {
        const result = rankTherapists(req, cands, SERVICES);
        const byId = new Map(cands.map((c) => [c.therapist.id, c]));
        for (const m of result.matches) {
          for (const reason of m.reasons) {
            expect(reasonHolds(reason, req, must(byId.get(m.therapistId)), SERVICES), `${m.therapistId}: "${reason}"`).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('under the safety flag: individual first, nothing joint, nothing revealed', () => {
    fc.assert(
      fc.property(arbRequest, arbCandidates, (req0, cands) => {
        const req = { ...req0, safetyConcern: true };
        const result = rankTherapists(req, cands, SERVICES);
        expect(result.suggestIndividualFirst).toBe(req.relationship !== 'individual');
        expect(result.relaxed?.requirement).not.toBe('relationship');
        const byId = new Map(cands.map((c) => [c.therapist.id, c]));
        for (const m of result.matches) {
          expect(violations(req, must(byId.get(m.therapistId)), SERVICES).has('safety')).toBe(false);
          for (const text of [...m.reasons, ...m.unmet]) expect(text).not.toMatch(/safe|harm|abuse|joint|couple/i);
        }
        expect(result.relaxed?.explanation ?? '').not.toMatch(/safe|harm|abuse|joint|couple/i);
      }),
      { numRuns: 300 },
    );
  });

  // The client's wishes, as units that a therapist either meets or not.
  type Wish = `concern:${ConcernId}` | `time:${TimeWindow}` | 'budget' | 'gender' | 'culture' | 'lgbtq' | `style:${StyleAxis}`;
  const POINTS = (w: Wish): number => {
    if (w.startsWith('concern:')) return MATCH_WEIGHTS.concern.points;
    if (w.startsWith('time:')) return MATCH_WEIGHTS.time.points;
    if (w.startsWith('style:')) return MATCH_WEIGHTS.style.points;
    return {
      budget: MATCH_WEIGHTS.budget.points,
      gender: MATCH_WEIGHTS.gender.points,
      culture: MATCH_WEIGHTS.faithOrCulture.points,
      lgbtq: MATCH_WEIGHTS.lgbtqAffirming.points,
    }[w as 'budget'];
  };
  const STYLE_PREF = { directive: 'non_directive', pastFocus: 'present', challenging: 'gentle' } as const;
  const wishRequest: MatchRequest = {
    relationship: 'family',
    concerns: ['trust-issues', 'family-conflict', 'loneliness', 'sexual-intimacy'],
    format: 'online',
    languages: ['pl'],
    times: ['evenings', 'saturdays'],
    budgetMaxMinor: 8000,
    therapistGender: 'woman',
    faithOrCulture: 'muslim',
    lgbtqAffirming: true,
    style: STYLE_PREF,
  };
  const WISHES: Wish[] = [
    ...wishRequest.concerns.map((c) => `concern:${c}` as Wish),
    'time:evenings',
    'time:saturdays',
    'budget',
    'gender',
    'culture',
    'lgbtq',
    'style:directive',
    'style:pastFocus',
    'style:challenging',
  ];
  function variant(met: Set<Wish>, id: string, name: string, nextFreeStart: number | null): MatchCandidate {
    const has = (w: Wish) => met.has(w);
    return {
      therapist: therapist({
        id,
        slug: id,
        name,
        relationships: ['family', 'individual'],
        languages: ['en', 'pl'],
        formats: ['online'],
        concerns: [...wishRequest.concerns.filter((c) => has(`concern:${c}`)), 'self-esteem'],
        feeMinor: has('budget') ? 7500 : 9500,
        gender: has('gender') ? 'woman' : 'man',
        culturalExperience: has('culture') ? ['Muslim', 'Jewish'] : ['Jewish'],
        lgbtqAffirming: has('lgbtq'),
      }),
      nextFreeStart,
      psychosexualTrained: true,
      availability: { weekdayDaytime: true, evenings: has('time:evenings'), saturdays: has('time:saturdays') },
      style: {
        directive: has('style:directive') ? -0.8 : 0.1,
        pastFocus: has('style:pastFocus') ? -0.3 : 0.9,
        challenging: has('style:challenging') ? -1 : 0,
      },
    };
  }
  const arbWishSets = fc
    .tuple(fc.subarray(WISHES), fc.subarray(WISHES, { minLength: 1 }))
    .map(([a, extra]) => [new Set(a), new Set([...a, ...extra])] as const)
    .filter(([a, b]) => b.size > a.size);

  it('scores exactly the published weights of the wishes met', () => {
    fc.assert(
      fc.property(fc.subarray(WISHES), (met) => {
        const result = rankTherapists(wishRequest, [variant(new Set(met), 'x', 'X', null)], SERVICES);
        expect(result.relaxed).toBeNull();
        expect(result.matches[0]?.score).toBe(met.reduce((sum, w) => sum + POINTS(w), 0));
        // Missing concerns share one line, as do missing times; every other missing wish has its own.
        const missing = WISHES.filter((w) => !met.includes(w));
        const groups = new Set(missing.map((w) => (w.startsWith('concern:') || w.startsWith('time:') ? w.split(':')[0] : w)));
        expect(result.matches[0]?.unmet.length).toBe(groups.size);
      }),
      { numRuns: 200 },
    );
  });

  it('with all else equal, meeting strictly more wishes never ranks lower', () => {
    fc.assert(
      fc.property(arbWishSets, fc.option(fc.constantFrom(1_000, 2_000), { nil: null }), arbCandidates, ([fewer, more], free, others) => {
        // The one meeting fewer wishes wins every tie-break (name first in the alphabet), so only the score can lift the other.
        const a = variant(fewer, 'fewer', 'Aaron', free);
        const b = variant(more, 'more', 'Zoe', free);
        for (const order of [
          [a, b],
          [b, a],
        ]) {
          const result = rankTherapists(wishRequest, [...others, ...order], SERVICES);
          const ia = ids(result).indexOf('fewer');
          const ib = ids(result).indexOf('more');
          expect(ib).toBeGreaterThanOrEqual(0);
          expect(ib).toBeLessThan(ia);
          expect(must(result.matches[ib]).score).toBeGreaterThan(must(result.matches[ia]).score);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---------- examples ----------

describe('rankTherapists: examples', () => {
  it('filters by language when asked and says so', () => {
    const result = rankTherapists(
      { ...base, languages: ['pl'] },
      [candidate({ id: 'en', name: 'Ben' }), candidate({ id: 'pl', name: 'Ewa', languages: ['en', 'pl'] })],
      SERVICES,
    );
    expect(ids(result)).toEqual(['pl']);
    expect(must(result.matches[0]).reasons).toContain('Speaks Polish');
    expect(result.relaxed).toBeNull();
  });

  it('routes sexual-intimacy concerns only to psychosexually trained therapists, and never relaxes that', () => {
    const req: MatchRequest = { ...base, concerns: ['sexual-intimacy', 'trust-issues'] };
    const result = rankTherapists(
      req,
      [candidate({ id: 'general', concerns: ['trust-issues', 'sexual-intimacy'] }), candidate({ id: 'trained' }, { psychosexualTrained: true })],
      SERVICES,
    );
    expect(ids(result)).toEqual(['trained']);
    expect(must(result.matches[0]).reasons).toContain('Trained in psychosexual therapy');
    const none = rankTherapists(req, [candidate({ id: 'general' })], SERVICES);
    expect(none).toEqual({ matches: [], relaxed: null, suggestIndividualFirst: false });
  });

  it('on a safety concern suggests individual first and never a couples-only therapist', () => {
    const req: MatchRequest = { ...base, serviceId: 'svc-couples', safetyConcern: true };
    const result = rankTherapists(
      req,
      [
        candidate({ id: 'couples-only', serviceIds: ['svc-couples'] }),
        candidate({ id: 'no-individuals', relationships: ['couple'], serviceIds: ['svc-couples', 'svc-individual'] }),
        candidate({ id: 'individual', serviceIds: ['svc-couples', 'svc-individual'] }),
      ],
      SERVICES,
    );
    expect(result.suggestIndividualFirst).toBe(true);
    expect(ids(result)).toEqual(['individual']);
    expect(must(result.matches[0]).reasons.join(' ')).not.toMatch(/couple/i);
    expect(result.relaxed).toBeNull();
    const stuck = rankTherapists(req, [candidate({ id: 'couples-only', serviceIds: ['svc-couples'] })], SERVICES);
    expect(stuck.matches).toEqual([]);
    expect(stuck.relaxed).toBeNull();
    expect(rankTherapists(base, [candidate()], SERVICES).suggestIndividualFirst).toBe(false);
  });

  it('relaxes the least important requirement when nothing fits, and says which', () => {
    const req: MatchRequest = { ...base, format: 'in_person', languages: ['pl'] };
    const onlineSpeaksPolish = candidate({ id: 'online-pl', formats: ['online'], languages: ['pl'] });
    const inPersonEnglish = candidate({ id: 'inperson-en', formats: ['in_person'] });
    const result = rankTherapists(req, [inPersonEnglish, onlineSpeaksPolish], SERVICES);
    expect(result.relaxed?.requirement).toBe('format');
    expect(result.relaxed?.explanation).toMatch(/in person/);
    expect(ids(result)).toEqual(['online-pl']);
    expect(must(result.matches[0]).unmet).toContain('Does not work in person');
    // Only relaxing the language helps here.
    const lang = rankTherapists(req, [inPersonEnglish], SERVICES);
    expect(lang.relaxed?.requirement).toBe('language');
    expect(lang.relaxed?.explanation).toMatch(/Polish/);
    // Either relaxation alone would find someone: the format goes first, as published.
    const fs = rankTherapists(
      { ...base, format: 'in_person', serviceId: 'svc-individual' },
      [candidate({ id: 'online-svc', formats: ['online'] }), candidate({ id: 'inperson-nosvc', formats: ['in_person'], serviceIds: [] })],
      SERVICES,
    );
    expect(RELAXATION_ORDER).toEqual(['format', 'service', 'language', 'relationship']);
    expect(fs.relaxed?.requirement).toBe('format');
    expect(ids(fs)).toEqual(['online-svc']);
    const two = rankTherapists({ ...base, languages: ['pl', 'ur'] }, [inPersonEnglish], SERVICES);
    expect(two.relaxed?.explanation).toMatch(/speaks Polish or Urdu/);
    expect(must(two.matches[0]).unmet[0]).toBe('Does not speak Polish or Urdu');
    // Two requirements at once are never relaxed.
    const both = rankTherapists(req, [candidate({ id: 'x', formats: ['online'] })], SERVICES);
    expect(both).toEqual({ matches: [], relaxed: null, suggestIndividualFirst: false });
  });

  it('breaks ties by the sooner free time (none last), then by name', () => {
    const result = rankTherapists(
      base,
      [
        candidate({ id: 'none', name: 'Ada' }, { nextFreeStart: null }),
        candidate({ id: 'later', name: 'Ada' }, { nextFreeStart: 5_000 }),
        candidate({ id: 'zed', name: 'Zed' }, { nextFreeStart: 1_000 }),
        candidate({ id: 'bea', name: 'Bea' }, { nextFreeStart: 1_000 }),
      ],
      SERVICES,
    );
    expect(ids(result)).toEqual(['bea', 'zed', 'later', 'none']);
  });

  it('explains itself in words', () => {
    const req: MatchRequest = {
      relationship: 'couple',
      concerns: ['trust-issues', 'communication-barriers', 'loneliness'],
      format: 'online',
      times: ['evenings', 'saturdays'],
      budgetMaxMinor: 7500,
      faithOrCulture: 'muslim',
      therapistGender: 'woman',
      lgbtqAffirming: true,
      style: { directive: 'directive', challenging: 'gentle' },
      languages: ['pl', 'ur'],
    };
    const c = candidate(
      {
        concerns: ['communication-barriers', 'trust-issues'],
        languages: ['en', 'pl'],
        culturalExperience: ['Muslim'],
        gender: 'woman',
        lgbtqAffirming: true,
        feeMinor: 7000,
      },
      { availability: { weekdayDaytime: true, evenings: true, saturdays: false }, style: { directive: 0.5, pastFocus: 0, challenging: 0.5 } },
    );
    const [m] = rankTherapists(req, [c], SERVICES).matches;
    expect(must(m).reasons).toEqual([
      'Works with trust issues and communication barriers',
      'Speaks Polish',
      'Evenings, online',
      'Fee within your budget (£70)',
      'Experience with Muslim clients',
      'A woman therapist, as you preferred',
      'LGBTQ+ affirming',
      'Takes an active, structured lead in sessions',
      'Works with couples',
    ]);
    expect(must(m).unmet).toEqual([
      'Not listed as working with loneliness and isolation',
      'Not usually available Saturdays',
      'Does not describe their style as gentle',
    ]);
    expect(must(m).score).toBe(2 * 30 + 8 + 15 + 12 + 10 + 10 + 5);
  });

  it('matches faith or culture case-insensitively, by whole words', () => {
    const c = candidate({ culturalExperience: ['British Muslim', 'Jewish'] });
    const reasonsFor = (faithOrCulture: string) => must(rankTherapists({ ...base, faithOrCulture }, [c], SERVICES).matches[0]).reasons;
    expect(reasonsFor('  MUSLIM ')).toContain('Experience with British Muslim clients');
    expect(reasonsFor('jewish')).toContain('Experience with Jewish clients');
    expect(reasonsFor('Jew').join()).not.toMatch(/Experience/);
  });

  it('marks a fee over budget as unmet but still shows the therapist', () => {
    const result = rankTherapists({ ...base, budgetMaxMinor: 6000 }, [candidate({ feeMinor: 8550 })], SERVICES);
    expect(must(result.matches[0]).unmet).toContain('Fee £85.50 is above your budget of £60');
  });

  it('leaves out inactive therapists and repeated candidates', () => {
    const c = candidate({ id: 'a' });
    const result = rankTherapists(base, [c, c, candidate({ id: 'b', active: false })], SERVICES);
    expect(ids(result)).toEqual(['a']);
  });

  it('publishes its weights and relaxation order', () => {
    for (const w of Object.values(MATCH_WEIGHTS)) {
      expect(Number.isInteger(w.points) && w.points > 0).toBe(true);
      expect(w.description.length).toBeGreaterThan(10);
    }
    const relaxable = HARD_REQUIREMENTS.filter((h) => h.relaxable).map((h) => h.id);
    expect([...RELAXATION_ORDER].sort()).toEqual([...relaxable].sort());
  });
});
