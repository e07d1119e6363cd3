import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS, EXERCISES, exerciseById } from '../../src/content/exercises.ts';
import { FAQ, faqPageSchema } from '../../src/content/faq.ts';
import {
  blocksToText,
  CTA_TARGETS,
  GUIDE_SECTION_IDS,
  GUIDE_SECTIONS,
  guideWordCount,
  LAST_REVIEWED_DEFAULT,
  RELATED_TOPICS,
} from '../../src/content/guide.ts';
import { SERVICE_SLUGS, SERVICES_CONTENT } from '../../src/content/services.ts';
import {
  ABOUTS,
  type About,
  bandFor,
  DIMENSION_EXERCISES,
  HURT_EXERCISE,
  iosGeometry,
  iosOptionsFor,
  isReverseScored,
  KEEPING_CLOSE_EXERCISES,
  MIXED_FROM,
  parseSelfCheckForm,
  type RiskAnswer,
  SELF_CHECK_DISCLAIMER,
  SelfCheckAnswers,
  STATEMENT_IDS,
  STRONG_FROM,
  type StatementId,
  SUPPORT_IOS_AT_MOST,
  SUPPORT_OVERALL_BELOW,
  SUPPORT_RULE_TEXT,
  scoreSelfCheck,
  statementDimension,
  statementsFor,
} from '../../src/domain/self-check.ts';
import { CONCERN_IDS, DIMENSIONS, type Dimension } from '../../src/domain/types.ts';

// ---------------------------------------------------------------------------
// Helpers: build answers from the *closeness* scores wanted (after reverse scoring).

/** Five item scores whose mean is `mean` (a multiple of 0.2). */
function scoresFor(mean: number): number[] {
  const sum = Math.round(mean * 5);
  const base = Math.floor(sum / 5);
  const extra = sum - base * 5;
  return [0, 1, 2, 3, 4].map((i) => (i < extra ? base + 1 : base));
}

interface BuildOpts {
  about?: About;
  ios?: number;
  risk?: RiskAnswer;
  hurt?: 'yes' | 'no';
  /** Override single statements with a closeness score (after reverse scoring). */
  items?: Partial<Record<StatementId, number>>;
}

function build(means: Partial<Record<Dimension, number>>, opts: BuildOpts = {}): SelfCheckAnswers {
  const statements = {} as Record<StatementId, number>;
  for (const d of DIMENSIONS) {
    const ids = STATEMENT_IDS.filter((id) => statementDimension(id) === d);
    const scores = scoresFor(means[d] ?? 4);
    ids.forEach((id, i) => {
      const s = opts.items?.[id] ?? scores[i] ?? 4;
      statements[id] = isReverseScored(id) ? 6 - s : s;
    });
  }
  return {
    about: opts.about ?? 'partner',
    statements,
    ios: opts.ios ?? 5,
    risk: opts.risk ?? 'no',
    hurt: opts.hurt,
  };
}

const allRaw = (value: number): Record<StatementId, number> => Object.fromEntries(STATEMENT_IDS.map((id) => [id, value])) as Record<StatementId, number>;

// ---------------------------------------------------------------------------

describe('bands', () => {
  it('uses the exported thresholds exactly', () => {
    expect(bandFor(STRONG_FROM)).toBe('strong');
    expect(bandFor(STRONG_FROM - 0.01)).toBe('mixed');
    expect(bandFor(MIXED_FROM)).toBe('mixed');
    expect(bandFor(MIXED_FROM - 0.01)).toBe('strained');
    expect(bandFor(5)).toBe('strong');
    expect(bandFor(1)).toBe('strained');
  });

  const cases: [number, 'strong' | 'mixed' | 'strained'][] = [
    [1, 'strained'],
    [2.4, 'strained'],
    [2.6, 'mixed'],
    [3, 'mixed'],
    [3.8, 'mixed'],
    [4, 'strong'],
    [5, 'strong'],
  ];
  for (const d of DIMENSIONS) {
    for (const [mean, band] of cases) {
      it(`${d} with mean ${mean} is ${band}`, () => {
        const r = scoreSelfCheck(build({ [d]: mean }));
        expect(r.dimensions[d].mean).toBeCloseTo(mean, 10);
        expect(r.dimensions[d].band).toBe(band);
        expect(r.dimensions[d].summary.length).toBeGreaterThan(20);
        for (const other of DIMENSIONS.filter((x) => x !== d)) expect(r.dimensions[other].band).toBe('strong');
      });
    }
  }

  it('gives a different plain-words summary for each band of each dimension', () => {
    for (const d of DIMENSIONS) {
      const texts = new Set([2, 3, 5].map((m) => scoreSelfCheck(build({ [d]: m })).dimensions[d].summary));
      expect(texts.size).toBe(3);
    }
  });

  it('bands the overall mean with the same thresholds', () => {
    expect(scoreSelfCheck(build({ cognitive: 4, experiential: 4, emotional: 4 })).overall.band).toBe('strong');
    expect(scoreSelfCheck(build({ cognitive: 3, experiential: 3, emotional: 3 })).overall.band).toBe('mixed');
    const low = scoreSelfCheck(build({ cognitive: 2, experiential: 2.4, emotional: 2.6 }));
    expect(low.overall.mean).toBeCloseTo(7 / 3, 10);
    expect(low.overall.band).toBe('strained');
  });
});

describe('reverse scoring', () => {
  it('has five statements per dimension, some of them reverse-scored', () => {
    expect(STATEMENT_IDS).toHaveLength(15);
    for (const d of DIMENSIONS) {
      const ids = STATEMENT_IDS.filter((id) => statementDimension(id) === d);
      expect(ids).toHaveLength(5);
      expect(ids.filter(isReverseScored).length).toBeGreaterThanOrEqual(1);
      expect(ids.filter((id) => !isReverseScored(id)).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('agreeing with a sign of lack lowers the score', () => {
    const base = build({});
    const r0 = scoreSelfCheck(base);
    const worse = { ...base, statements: { ...base.statements, 'holding-back': 5 } };
    const better = { ...base, statements: { ...base.statements, 'holding-back': 1 } };
    expect(scoreSelfCheck(worse).dimensions.emotional.mean).toBeLessThan(r0.dimensions.emotional.mean);
    expect(scoreSelfCheck(better).dimensions.emotional.mean).toBeGreaterThan(r0.dimensions.emotional.mean);
  });

  it('strongly agreeing with everything is not "strong"; agreeing only with signs of closeness is', () => {
    const agreeAll = scoreSelfCheck({ about: 'partner', statements: allRaw(5), ios: 4 });
    for (const d of DIMENSIONS) expect(agreeAll.dimensions[d].mean).toBeCloseTo(3.4, 10);

    const ideal = Object.fromEntries(STATEMENT_IDS.map((id) => [id, isReverseScored(id) ? 1 : 5])) as Record<StatementId, number>;
    const best = scoreSelfCheck({ about: 'partner', statements: ideal, ios: 6 });
    for (const d of DIMENSIONS) expect(best.dimensions[d]).toMatchObject({ mean: 5, band: 'strong' });

    const worst = Object.fromEntries(STATEMENT_IDS.map((id) => [id, isReverseScored(id) ? 5 : 1])) as Record<StatementId, number>;
    const r = scoreSelfCheck({ about: 'partner', statements: worst, ios: 6 });
    for (const d of DIMENSIONS) expect(r.dimensions[d]).toMatchObject({ mean: 1, band: 'strained' });
  });
});

describe('support rule', () => {
  it('is stated in words, with the numbers in it', () => {
    expect(SUPPORT_RULE_TEXT).toContain(String(MIXED_FROM));
    expect(SUPPORT_RULE_TEXT).toContain(String(SUPPORT_OVERALL_BELOW));
    expect(SUPPORT_RULE_TEXT).toContain(String(SUPPORT_IOS_AT_MOST));
  });

  it('triggers on a single strained dimension', () => {
    const r = scoreSelfCheck(build({ emotional: 2.4 }));
    expect(r.overall.mean).toBeGreaterThanOrEqual(SUPPORT_OVERALL_BELOW);
    expect(r.support.suggested).toBe(true);
    expect(r.support.triggers).toEqual(['dimension-strained']);
    expect(r.support.reason).toMatch(/emotional closeness/);
  });

  it('triggers on a low overall mean even with no strained dimension', () => {
    const r = scoreSelfCheck(build({ cognitive: 2.6, experiential: 2.8, emotional: 3.2 }));
    for (const d of DIMENSIONS) expect(r.dimensions[d].band).not.toBe('strained');
    expect(r.overall.mean).toBeLessThan(SUPPORT_OVERALL_BELOW);
    expect(r.support.triggers).toEqual(['overall-low']);
    expect(r.support.suggested).toBe(true);
    expect(r.support.reason).toMatch(/average below 3/);
  });

  it('triggers on the circles picture at or below the threshold', () => {
    for (const ios of [1, SUPPORT_IOS_AT_MOST]) {
      const r = scoreSelfCheck(build({}, { ios }));
      expect(r.support).toMatchObject({ suggested: true, triggers: ['ios-low'] });
      expect(r.support.reason).toMatch(/picture/);
    }
    expect(scoreSelfCheck(build({}, { ios: SUPPORT_IOS_AT_MOST + 1 })).support.suggested).toBe(false);
  });

  it('triggers when the person feels afraid or harmed', () => {
    const r = scoreSelfCheck(build({}, { risk: 'yes' }));
    expect(r.support).toMatchObject({ suggested: true, triggers: ['risk'] });
    expect(r.support.reason).toMatch(/safety/);
  });

  it('does not trigger just above every threshold, and says why in words', () => {
    const r = scoreSelfCheck(build({ cognitive: 3, experiential: 3, emotional: 3 }, { ios: 3, risk: 'prefer_not_to_say' }));
    expect(r.overall.mean).toBe(3);
    expect(r.support.suggested).toBe(false);
    expect(r.support.triggers).toEqual([]);
    expect(r.support.reason.length).toBeGreaterThan(20);
  });

  it('lists every trigger that applies', () => {
    const r = scoreSelfCheck(build({ cognitive: 1, experiential: 1, emotional: 1 }, { ios: 1, risk: 'yes' }));
    expect(r.support.triggers).toEqual(['risk', 'dimension-strained', 'overall-low', 'ios-low']);
    expect(r.support.reason).toMatch(/cognitive closeness, experiential closeness and emotional closeness/);
  });
});

describe('risk and hurt', () => {
  it('puts urgent help first only when the risk answer is yes', () => {
    expect(scoreSelfCheck(build({}, { risk: 'yes' })).urgentHelpFirst).toBe(true);
    expect(scoreSelfCheck(build({}, { risk: 'no' })).urgentHelpFirst).toBe(false);
    expect(scoreSelfCheck(build({}, { risk: 'prefer_not_to_say' })).urgentHelpFirst).toBe(false);
    const { risk: _omit, ...noRisk } = build({});
    expect(scoreSelfCheck(noRisk).urgentHelpFirst).toBe(false);
  });

  it('does not steer someone who feels afraid of a partner into joint sessions', () => {
    expect(scoreSelfCheck(build({}, { risk: 'yes' })).matchRelationship).toBe('individual');
    expect(scoreSelfCheck(build({}, { risk: 'no' })).matchRelationship).toBe('couple');
    expect(scoreSelfCheck(build({}, { about: 'family' })).matchRelationship).toBe('family');
    expect(scoreSelfCheck(build({}, { about: 'friend' })).matchRelationship).toBe('friendship');
  });

  it('flags hurt and adds the self-compassion exercise', () => {
    const r = scoreSelfCheck(build({ cognitive: 2 }, { hurt: 'yes' }));
    expect(r.hurt).toBe(true);
    expect(r.suggestions).toContain(HURT_EXERCISE);
    const n = scoreSelfCheck(build({ cognitive: 2 }, { hurt: 'no' }));
    expect(n.hurt).toBe(false);
    expect(n.suggestions).not.toContain(HURT_EXERCISE);
  });
});

describe('suggestions', () => {
  for (const d of DIMENSIONS) {
    it(`start with exercises for the lowest dimension (${d})`, () => {
      const means = { cognitive: 3.4, experiential: 3.4, emotional: 3.4, [d]: 2 };
      const r = scoreSelfCheck(build(means));
      expect(r.lowestFirst[0]).toBe(d);
      expect(r.suggestions[0]).toBe(DIMENSION_EXERCISES[d][0]);
      expect(r.suggestions.slice(0, DIMENSION_EXERCISES[d].length)).toEqual([...DIMENSION_EXERCISES[d]]);
    });
  }

  it('follow the second-lowest dimension next, and leave out strong ones', () => {
    const r = scoreSelfCheck(build({ cognitive: 3, experiential: 4.4, emotional: 2 }));
    expect(r.lowestFirst).toEqual(['emotional', 'cognitive', 'experiential']);
    expect(r.suggestions[0]).toBe('sharing-ladder');
    expect(r.suggestions).toContain('open-conversations');
    expect(r.suggestions).not.toContain('presence-plan');
    expect(r.suggestions.length).toBeLessThanOrEqual(4);
  });

  it('suggest keeping-close habits when everything is strong', () => {
    expect(scoreSelfCheck(build({})).suggestions).toEqual([...KEEPING_CLOSE_EXERCISES]);
  });

  it('cover open conversations, sharing, trust, presence and listening', () => {
    const all = new Set(Object.values(DIMENSION_EXERCISES).flat());
    for (const id of ['open-conversations', 'sharing-ladder', 'promise-tracker', 'presence-plan', 'reflective-listening']) expect(all.has(id)).toBe(true);
  });
});

describe('match concerns', () => {
  it('are empty when everything is strong', () => {
    expect(scoreSelfCheck(build({})).matchConcerns).toEqual([]);
  });

  it('come from low statements and the relationship', () => {
    const r = scoreSelfCheck(build({ emotional: 3 }, { about: 'family', items: { 'safe-to-share': 1 } }));
    expect(r.matchConcerns).toContain('trust-issues');
    expect(r.matchConcerns).toContain('family-conflict');
    const f = scoreSelfCheck(build({ cognitive: 2 }, { about: 'friend' }));
    expect(f.matchConcerns[0]).toBe('communication-barriers');
    expect(f.matchConcerns).toContain('strained-friendships');
  });

  it('are always known concern ids, at most three', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ABOUTS),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 15, maxLength: 15 }),
        fc.integer({ min: 1, max: 7 }),
        (about, values, ios) => {
          const statements = Object.fromEntries(STATEMENT_IDS.map((id, i) => [id, values[i]])) as Record<StatementId, number>;
          const r = scoreSelfCheck({ about, statements, ios });
          for (const c of r.matchConcerns) expect(CONCERN_IDS).toContain(c);
          expect(r.matchConcerns.length).toBeLessThanOrEqual(3);
          expect(new Set(r.matchConcerns).size).toBe(r.matchConcerns.length);
          for (const d of DIMENSIONS) {
            expect(r.dimensions[d].mean).toBeGreaterThanOrEqual(1);
            expect(r.dimensions[d].mean).toBeLessThanOrEqual(5);
          }
          for (const id of r.suggestions) expect(exerciseById(id)).toBeDefined();
        },
      ),
    );
  });
});

describe('statements', () => {
  const expected: Record<About, RegExp> = {
    partner: /\bmy partner\b/i,
    family: /\bthis family member\b/i,
    friend: /\bmy friend\b/i,
  };
  for (const about of ABOUTS) {
    it(`are worded for ${about}`, () => {
      const list = statementsFor(about);
      expect(list.map((s) => s.id)).toEqual([...STATEMENT_IDS]);
      for (const s of list) {
        expect(s.text).toMatch(expected[about]);
        expect(s.text).toMatch(/^[A-Z]/);
        expect(s.text).not.toMatch(/[{}$]|undefined/);
        for (const other of ABOUTS.filter((a) => a !== about)) expect(s.text).not.toMatch(expected[other]);
      }
    });
  }

  it('differ only in who they are about', () => {
    const partner = statementsFor('partner');
    const friend = statementsFor('friend');
    partner.forEach((s, i) => {
      expect(friend[i]?.text.replace(/my friend/gi, 'X')).toBe(s.text.replace(/my partner/gi, 'X'));
    });
  });

  it('carry the disclaimer that this is a reflection, not a diagnosis', () => {
    expect(SELF_CHECK_DISCLAIMER).toMatch(/reflection/);
    expect(SELF_CHECK_DISCLAIMER).toMatch(/not .*diagnosis/);
    expect(scoreSelfCheck(build({})).disclaimer).toBe(SELF_CHECK_DISCLAIMER);
  });
});

describe('SelfCheckAnswers schema', () => {
  const valid = { about: 'partner', statements: allRaw(3), ios: 4, risk: 'no' };

  it('accepts complete answers, and numbers sent as strings', () => {
    expect(SelfCheckAnswers.safeParse(valid).success).toBe(true);
    const strings = { ...valid, ios: '4', statements: Object.fromEntries(STATEMENT_IDS.map((id) => [id, '2'])) };
    const r = SelfCheckAnswers.safeParse(strings);
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.statements['safe-to-share']).toBe(2);
  });

  it('rejects a missing statement with an error on that statement', () => {
    const { 'holding-back': _gone, ...rest } = allRaw(3);
    const r = SelfCheckAnswers.safeParse({ ...valid, statements: rest });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues.map((i) => i.path.join('.'))).toEqual(['statements.holding-back']);
    }
  });

  it('gives each statement its own error when none are sent', () => {
    const r = SelfCheckAnswers.safeParse({ about: 'partner', ios: 3 });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues).toHaveLength(STATEMENT_IDS.length);
  });

  it('rejects out-of-range and non-integer answers', () => {
    for (const bad of [0, 6, 2.5, '', 'x', null]) {
      const r = SelfCheckAnswers.safeParse({ ...valid, statements: { ...allRaw(3), presence: bad } });
      expect(r.success, `statement ${String(bad)}`).toBe(false);
    }
    for (const bad of [0, 8, 3.5, undefined]) {
      expect(SelfCheckAnswers.safeParse({ ...valid, ios: bad }).success, `ios ${String(bad)}`).toBe(false);
    }
    expect(SelfCheckAnswers.safeParse({ ...valid, about: 'colleague' }).success).toBe(false);
    expect(SelfCheckAnswers.safeParse({ ...valid, about: undefined }).success).toBe(false);
    expect(SelfCheckAnswers.safeParse({ ...valid, risk: 'maybe' }).success).toBe(false);
  });

  it('reports every missing field by its form field name', () => {
    const r = parseSelfCheckForm({ about: 'friend', 'safe-to-share': '4', risk: '' });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(Object.keys(r.errors).sort()).toEqual([...STATEMENT_IDS.filter((id) => id !== 'safe-to-share'), 'ios'].sort());
      expect(r.errors.ios).toMatch(/picture/);
    }
  });

  it('parses a complete form', () => {
    const fields: Record<string, string> = { about: 'family', ios: '6', risk: 'prefer_not_to_say', hurt: 'yes' };
    for (const id of STATEMENT_IDS) fields[id] = '4';
    const r = parseSelfCheckForm(fields);
    expect(r.success).toBe(true);
    if (r.success) expect(r.answers).toMatchObject({ about: 'family', ios: 6, hurt: 'yes' });
  });
});

describe('Inclusion of Other in the Self', () => {
  it('overlap grows and distance shrinks as n goes from 1 to 7', () => {
    const g = [1, 2, 3, 4, 5, 6, 7].map(iosGeometry);
    for (let i = 1; i < g.length; i++) {
      const prev = g[i - 1];
      const cur = g[i];
      if (!prev || !cur) throw new Error('missing geometry');
      expect(cur.overlap).toBeGreaterThan(prev.overlap);
      expect(cur.cx2 - cur.cx1).toBeLessThan(prev.cx2 - prev.cx1);
      expect(cur.r).toBe(prev.r);
    }
  });

  it('runs from far apart to almost entirely overlapping, inside the picture', () => {
    const first = iosGeometry(1);
    expect(first.overlap).toBe(0);
    expect(first.cx2 - first.cx1).toBeGreaterThan(2 * first.r);
    const last = iosGeometry(7);
    expect(last.overlap).toBeGreaterThan(0.8);
    for (let n = 1; n <= 7; n++) {
      const g = iosGeometry(n);
      expect(g.cx1 - g.r).toBeGreaterThanOrEqual(0);
      expect(g.cx2 + g.r).toBeLessThanOrEqual(g.width);
      expect(g.cy - g.r).toBeGreaterThanOrEqual(0);
      expect(g.cy + g.r).toBeLessThanOrEqual(g.height);
    }
  });

  it('rejects options outside 1…7', () => {
    expect(() => iosGeometry(0)).toThrow(RangeError);
    expect(() => iosGeometry(8)).toThrow(RangeError);
  });

  it('has a distinct text label for every option', () => {
    const options = iosOptionsFor('friend');
    expect(options.map((o) => o.value)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(options.map((o) => o.label)).size).toBe(7);
    for (const o of options) expect(o.label).toMatch(/my friend/);
  });
});

describe('content', () => {
  // What the source page covers, written out here (not imported) so a section dropped from the guide fails.
  const required = (
    'what-is-closeness three-dimensions intimacy-issues effects understanding-and-listening signs-of-closeness ' +
    'signs-of-distance building-closeness keeping-close cultural-differences rejection-and-hurt ' +
    'when-to-seek-support couples-counselling individual-therapy psychosexual-therapy'
  ).split(' ');

  it('the guide has every required section, in order, none empty', () => {
    expect(GUIDE_SECTIONS.map((s) => s.id)).toEqual([...GUIDE_SECTION_IDS]);
    for (const id of required) expect(GUIDE_SECTION_IDS).toContain(id);
    for (const s of GUIDE_SECTIONS) {
      expect(s.title.trim(), s.id).not.toBe('');
      expect(s.summary.trim(), s.id).not.toBe('');
      expect(s.blocks.length, s.id).toBeGreaterThan(0);
      expect(blocksToText(s.blocks).split(/\s+/).length, s.id).toBeGreaterThan(40);
      for (const b of s.blocks) {
        if (b.kind === 'ul' || b.kind === 'ol') {
          expect(b.items.length).toBeGreaterThan(0);
          for (const i of b.items) expect(i.text.trim()).not.toBe('');
        } else expect(b.text.trim()).not.toBe('');
        if (b.kind === 'cta') expect(CTA_TARGETS).toContain(b.to);
      }
    }
  });

  it('the guide carries the source page’s counts: 3 dimensions, 4 issues, 6 effects, 5 signs each, 5 ways, 8 ways', () => {
    const listLen = (id: string, kind?: 'ul' | 'ol') => {
      const s = GUIDE_SECTIONS.find((x) => x.id === id);
      const b = s?.blocks.find((x) => x.kind === 'ul' || x.kind === 'ol');
      if (kind) expect(b?.kind).toBe(kind);
      return b && (b.kind === 'ul' || b.kind === 'ol') ? b.items.length : 0;
    };
    expect(listLen('three-dimensions')).toBe(3);
    expect(listLen('intimacy-issues', 'ol')).toBe(4);
    expect(listLen('effects')).toBe(6);
    expect(listLen('signs-of-closeness')).toBe(5);
    expect(listLen('signs-of-distance')).toBe(5);
    expect(listLen('couples-counselling', 'ol')).toBe(8);
    const building = GUIDE_SECTIONS.find((x) => x.id === 'building-closeness');
    expect(building?.blocks.filter((b) => b.kind === 'h3')).toHaveLength(5);
  });

  it('the guide is substantive and has calls to action for each destination', () => {
    const words = guideWordCount();
    expect(words).toBeGreaterThanOrEqual(2500);
    expect(words).toBeLessThanOrEqual(3500);
    const targets = new Set(GUIDE_SECTIONS.flatMap((s) => s.blocks.filter((b) => b.kind === 'cta').map((b) => b.to)));
    expect([...targets].sort()).toEqual([...CTA_TARGETS].sort());
    expect(LAST_REVIEWED_DEFAULT.by).not.toBe('');
    expect(LAST_REVIEWED_DEFAULT.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('related topics point at real sections or pages', () => {
    expect(RELATED_TOPICS.length).toBeGreaterThanOrEqual(4);
    for (const t of RELATED_TOPICS) {
      expect(t.title).not.toBe('');
      expect(t.summary).not.toBe('');
      if (t.anchor) {
        expect(GUIDE_SECTION_IDS).toContain(t.anchor);
        expect(t.href).toBe(`/guide#${t.anchor}`);
      } else expect(t.href).toMatch(/^\/[a-z-]+$/);
    }
  });

  it('every exercise the self-check can suggest exists', () => {
    const referenced = [...Object.values(DIMENSION_EXERCISES).flat(), ...KEEPING_CLOSE_EXERCISES, HURT_EXERCISE];
    for (const id of referenced) expect(exerciseById(id), id).toBeDefined();
  });

  it('exercises are complete and unique', () => {
    expect(EXERCISES.map((e) => e.id)).toEqual([...EXERCISE_IDS]);
    for (const e of EXERCISES) {
      expect(e.title).not.toBe('');
      expect(e.summary).not.toBe('');
      expect(e.whenSuggested).not.toBe('');
      expect(e.dimensions.length).toBeGreaterThan(0);
      expect(e.steps.length).toBeGreaterThanOrEqual(3);
      for (const d of e.dimensions) expect(DIMENSIONS).toContain(d);
      for (const c of e.concerns) expect(CONCERN_IDS).toContain(c);
    }
  });

  it('services cover the four slugs, and couples counselling lists eight ways it helps', () => {
    expect(Object.keys(SERVICES_CONTENT).sort()).toEqual([...SERVICE_SLUGS].sort());
    for (const slug of SERVICE_SLUGS) {
      const s = SERVICES_CONTENT[slug];
      expect(s.slug).toBe(slug);
      expect(s.whatHappens.length).toBeGreaterThan(0);
      expect(s.whoFor.length).toBeGreaterThan(0);
      expect(s.howLong).not.toBe('');
    }
    expect(SERVICES_CONTENT['couples-counselling'].waysItHelps).toHaveLength(8);
    expect(SERVICES_CONTENT['initial-consultation']).toMatchObject({ free: true, durationMinutes: 20 });
  });

  it('FAQ has 6–8 plain-text entries and FAQPage data', () => {
    expect(FAQ.length).toBeGreaterThanOrEqual(6);
    expect(FAQ.length).toBeLessThanOrEqual(8);
    expect(new Set(FAQ.map((f) => f.id)).size).toBe(FAQ.length);
    for (const f of FAQ) {
      expect(f.question).toMatch(/\?$/);
      for (const a of f.answer) expect(a).not.toMatch(/<[a-z]/i);
    }
    const schema = faqPageSchema() as { '@type': string; mainEntity: unknown[] };
    expect(schema['@type']).toBe('FAQPage');
    expect(schema.mainEntity).toHaveLength(FAQ.length);
  });

  it('no content is HTML', () => {
    const all = [
      ...GUIDE_SECTIONS.map((s) => blocksToText(s.blocks)),
      ...EXERCISES.flatMap((e) => [e.summary, ...e.steps]),
      ...Object.values(SERVICES_CONTENT).map((s) => blocksToText(s.whatHappens)),
    ].join('\n');
    expect(all).not.toMatch(/<\/?[a-z][^>]*>/i);
  });
});
