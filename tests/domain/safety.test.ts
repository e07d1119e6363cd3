// The one safety policy (src/domain/safety.ts), and every form that follows it: no joint exercise or joint
// session ever follows a worrying answer or words that suggest risk, and a "yes" is never met with errors.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EXERCISES, exerciseById } from '../../src/content/exercises.ts';
import { checkInWords, matchCarryOver, type OwnCheckIn, SOLO_EXERCISE_IDS, suggestExercises, supportFor } from '../../src/domain/companion.ts';
import { riskSignals } from '../../src/domain/risk.ts';
import {
  decideSafety,
  NO_WORRY,
  offeredUnderSafetyConcern,
  SAFETY_ANSWERS,
  type SafetyAnswer,
  type SafetyDecision,
  sessionsFor,
} from '../../src/domain/safety.ts';
import {
  ABOUTS,
  DIMENSION_EXERCISES,
  decideSelfCheck,
  KEEPING_CLOSE_EXERCISES,
  RISK_ANSWERS,
  SOLO_EXERCISES,
  STATEMENT_IDS,
  scoreSelfCheck,
} from '../../src/domain/self-check.ts';
import { DIMENSIONS, RELATIONSHIPS } from '../../src/domain/types.ts';

const RISKY_WORDS = [
  'He hits me when he drinks',
  'I am afraid of my partner',
  'I want to kill myself',
  'I do not feel safe at home',
  'she threatened to kill me',
];
const CALM_WORDS = ['', 'We went for a walk and laughed a lot', 'More time together at the weekend', 'I felt a bit left out at dinner'];
const answerArb = fc.option(fc.constantFrom(...SAFETY_ANSWERS), { nil: undefined });
const textArb = fc.oneof(fc.constantFrom(...RISKY_WORDS, ...CALM_WORDS), fc.string({ maxLength: 80 }));

/** The invariants every decision keeps, whatever went in. */
function expectConsistent(d: SafetyDecision) {
  const worried = d.kinds.length > 0;
  expect(d.helpFirst).toBe(worried);
  expect(d.jointExercises).toBe(!worried);
  expect(d.jointSessionSuggestions).toBe(!worried);
  expect(d.offerFirstSessionAlone).toBe(worried);
  if (d.helpFirst) expect(d.quickExit).toBe(true);
  expect(d.domesticAbuseHelp).toBe(d.kinds.includes('harm-from-others'));
  if (d.skipOtherValidation) expect(d.helpFirst).toBe(true);
}

describe('decideSafety', () => {
  test('a yes or a "not sure" leads with help, the quick exit, domestic-abuse help and a session alone: never anything joint', () => {
    for (const answer of ['yes', 'unsure'] as const) {
      for (const texts of [[], CALM_WORDS, RISKY_WORDS]) {
        const d = decideSafety({ answer, texts });
        expect(d).toMatchObject({
          helpFirst: true,
          quickExit: true,
          domesticAbuseHelp: true,
          jointExercises: false,
          jointSessionSuggestions: false,
          skipOtherValidation: true,
          offerFirstSessionAlone: true,
        });
        expect(d.kinds).toContain('harm-from-others');
      }
    }
  });

  test('a no, or no answer, with calm words: nothing flagged; "would rather not say" keeps only the quick exit', () => {
    for (const answer of [undefined, 'no'] as const) expect(decideSafety({ answer, texts: CALM_WORDS })).toEqual(NO_WORRY);
    expect(NO_WORRY).toMatchObject({ helpFirst: false, quickExit: false, jointExercises: true, jointSessionSuggestions: true, kinds: [] });
    expect(decideSafety({ answer: 'prefer_not_to_say' })).toEqual({ ...NO_WORRY, quickExit: true });
  });

  test('words that suggest risk are enough on their own, and say which kind', () => {
    expect(decideSafety({ texts: ['I want to kill myself'] })).toMatchObject({
      helpFirst: true,
      kinds: ['self-harm'],
      domesticAbuseHelp: false,
      skipOtherValidation: false,
    });
    expect(decideSafety({ answer: 'no', texts: ['', 'He hits me'] })).toMatchObject({ helpFirst: true, kinds: ['harm-from-others'], domesticAbuseHelp: true });
    // Each text is read on its own: words split across two fields do not make a phrase.
    expect(decideSafety({ texts: ['I want to kill', 'myself a sandwich'] }).helpFirst).toBe(false);
  });

  test('property: any answer and any words give a consistent decision, and a worry never allows anything joint', () => {
    fc.assert(
      fc.property(answerArb, fc.array(textArb, { maxLength: 4 }), (answer, texts) => {
        const d = decideSafety({ answer, texts });
        expectConsistent(d);
        const flaggedText = texts.some((t) => riskSignals(t).length > 0);
        const worryingAnswer = answer === 'yes' || answer === 'unsure';
        expect(d.helpFirst).toBe(flaggedText || worryingAnswer);
        expect(d.skipOtherValidation).toBe(worryingAnswer);
        if (d.helpFirst) {
          expect(d.jointExercises || d.jointSessionSuggestions).toBe(false);
          for (const r of RELATIONSHIPS) expect(sessionsFor(d, r)).toBe('individual');
        } else {
          for (const r of RELATIONSHIPS) expect(sessionsFor(d, r)).toBe(r);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('under a safety concern only what can be done alone is offered', () => {
    expect(offeredUnderSafetyConcern(['couple'])).toBe(false);
    expect(offeredUnderSafetyConcern(['couple', 'family'])).toBe(false);
    expect(offeredUnderSafetyConcern(['individual'])).toBe(true);
    expect(offeredUnderSafetyConcern(['couple', 'individual'])).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// The self-check, over every combination of answers

/** A field as a visitor's browser (or a tampered form) may send it: a choice, nothing, empty or nonsense. */
const field = <T extends string>(values: readonly T[]) =>
  fc.oneof(fc.constantFrom(...values), fc.constant(undefined), fc.constant(''), fc.constant('nonsense'));
const selfCheckFields = (risk: fc.Arbitrary<string | undefined>) =>
  fc
    .record({
      about: field(ABOUTS),
      ios: field(['1', '2', '3', '4', '5', '6', '7', '8', '0']),
      hurt: field(['yes', 'no']),
      risk,
      statements: fc.tuple(...STATEMENT_IDS.map(() => field(['1', '2', '3', '4', '5', '6']))),
    })
    .map(({ statements, ...rest }) => {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) fields[k] = v;
      STATEMENT_IDS.forEach((id, i) => {
        const v = statements[i];
        if (v !== undefined) fields[id] = v;
      });
      return fields;
    });

const isTogether = (id: string) => exerciseById(id)?.together === true;

describe('the self-check follows the policy', () => {
  test('the solo exercises are exactly the ones done on your own', () => {
    const used = new Set([...Object.values(DIMENSION_EXERCISES).flat(), ...KEEPING_CLOSE_EXERCISES, ...SOLO_EXERCISES]);
    for (const id of used) expect(exerciseById(id), id).toBeDefined();
    expect([...used].filter((id) => !isTogether(id)).sort()).toEqual([...SOLO_EXERCISES].sort());
    for (const id of SOLO_EXERCISE_IDS) expect(isTogether(id)).toBe(false);
    expect(EXERCISES.filter((e) => !e.together).map((e) => e.id)).toEqual([...SOLO_EXERCISE_IDS]);
  });

  test('property: a "yes", with anything or nothing else answered, gets help: no errors, no reflection, nothing together', () => {
    fc.assert(
      fc.property(selfCheckFields(fc.constant('yes')), (fields) => {
        const outcome = decideSelfCheck(fields);
        expect(outcome.kind).toBe('help');
        expect(outcome).not.toHaveProperty('errors');
        expect(outcome).not.toHaveProperty('result');
        expectConsistent(outcome.safety);
        expect(outcome.safety).toMatchObject({
          helpFirst: true,
          quickExit: true,
          jointExercises: false,
          jointSessionSuggestions: false,
          offerFirstSessionAlone: true,
        });
      }),
      { numRuns: 2000 },
    );
  });

  test('every combination of who, picture, hurt and statements (each a choice, missing, empty or nonsense) with a "yes" gets help', () => {
    const choices = (values: readonly string[]) => [...values, undefined, '', 'nonsense'];
    let checked = 0;
    for (const about of choices(ABOUTS))
      for (const ios of choices(['1', '4', '7', '8']))
        for (const hurt of choices(['yes', 'no']))
          for (const statement of choices(['1', '2', '3', '4', '5']))
            for (const pattern of ['all', 'first only', 'all but one'] as const) {
              const fields: Record<string, string> = { risk: 'yes' };
              if (about !== undefined) fields.about = about;
              if (ios !== undefined) fields.ios = ios;
              if (hurt !== undefined) fields.hurt = hurt;
              STATEMENT_IDS.forEach((id, i) => {
                const answered = pattern === 'all' || (pattern === 'first only' ? i === 0 : i !== STATEMENT_IDS.length - 1);
                if (answered && statement !== undefined) fields[id] = statement;
              });
              const outcome = decideSelfCheck(fields);
              expect(outcome.kind).toBe('help');
              expect(outcome.safety.jointExercises || outcome.safety.jointSessionSuggestions).toBe(false);
              checked++;
            }
    expect(checked).toBe(6 * 7 * 5 * 8 * 3);
  });

  test('property: any other answer follows the same decision, and no result ever suggests something together after a yes', () => {
    fc.assert(
      fc.property(selfCheckFields(field(RISK_ANSWERS)), (fields) => {
        const outcome = decideSelfCheck(fields);
        expectConsistent(outcome.safety);
        expect(outcome.safety).toEqual(
          decideSafety({ answer: (RISK_ANSWERS as readonly string[]).includes(fields.risk ?? '') ? (fields.risk as SafetyAnswer) : undefined }),
        );
        if (outcome.kind === 'result') {
          expect(outcome.result.safety).toEqual(outcome.safety);
          expect(outcome.result.urgentHelpFirst).toBe(false);
          expect(outcome.result.safety.jointExercises).toBe(true);
        }
        if (outcome.kind === 'errors') expect(Object.keys(outcome.errors).length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  test('every valid combination of the answers that shape a result, scored with a "yes": nothing together, no praise, a session alone', () => {
    // Exhaustive over who, the picture, hurt and each dimension's level (statements of a dimension share a value).
    let checked = 0;
    for (const about of ABOUTS)
      for (let ios = 1; ios <= 7; ios++)
        for (const hurt of ['yes', 'no', undefined] as const)
          for (const levels of levelCombinations()) {
            const statements = Object.fromEntries(STATEMENT_IDS.map((id, i) => [id, levels[i % DIMENSIONS.length]!])) as Record<
              (typeof STATEMENT_IDS)[number],
              number
            >;
            const r = scoreSelfCheck({ about, ios, risk: 'yes', statements, ...(hurt ? { hurt } : {}) });
            expect(r.urgentHelpFirst).toBe(true);
            expect(r.safety.jointExercises).toBe(false);
            expect(r.suggestions.filter(isTogether)).toEqual([]);
            expect(r.matchRelationship).toBe('individual');
            expect(r.overall.summary).not.toMatch(/real strengths|a lot of closeness|keep it that way/);
            checked++;
          }
    expect(checked).toBe(ABOUTS.length * 7 * 3 * 5 ** 3);
  });
});

function* levelCombinations(): Generator<number[]> {
  for (let a = 1; a <= 5; a++) for (let b = 1; b <= 5; b++) for (let c = 1; c <= 5; c++) yield [a, b, c];
}

// ---------------------------------------------------------------------------
// The companion's check-in

describe('the companion follows the policy', () => {
  const closenessArb = fc.record({
    cognitive: fc.integer({ min: 1, max: 5 }),
    experiential: fc.integer({ min: 1, max: 5 }),
    emotional: fc.integer({ min: 1, max: 5 }),
  });
  const historyArb = fc.array(fc.record({ weekStart: fc.integer({ min: 0, max: 1e12 }), closeness: closenessArb, hurt: fc.boolean() }), { maxLength: 5 });

  test('property: words that suggest risk in a check-in rule out every exercise done together and every joint session', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.record({ appreciation: textArb, moreOf: textArb, hurtWords: textArb }),
        fc.constantFrom('couple', 'family', 'friends') as fc.Arbitrary<'couple' | 'family' | 'friends'>,
        (history: OwnCheckIn[], words, kind) => {
          const safety = decideSafety({ texts: checkInWords(words) });
          expectConsistent(safety);
          const suggested = suggestExercises(history, safety).map((s) => s.id);
          const carry = matchCarryOver(kind, supportFor(history), safety);
          if (safety.helpFirst) {
            expect(suggested.filter(isTogether)).toEqual([]);
            expect(carry.relationship).toBe('individual');
          } else {
            expect(suggested).toEqual(suggestExercises(history).map((s) => s.id));
            expect(carry.relationship).not.toBe('individual');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a member who writes "he hits me" is offered help and nothing together', () => {
    const safety = decideSafety({ texts: checkInWords({ appreciation: '', moreOf: '', hurtWords: 'He hits me when he drinks' }) });
    expect(safety).toMatchObject({ helpFirst: true, domesticAbuseHelp: true, jointExercises: false });
    expect(suggestExercises([], safety).map((s) => s.id)).toEqual(['self-compassion']);
  });
});
