// Find your match: the answers a visitor gives, as they travel between steps in hidden form fields (POST
// bodies only, never a URL), read leniently (a tampered hidden value is dropped, not trusted), and turned
// into the ranking's MatchRequest.
import { type MatchRequest, STYLE_AXES, type StyleAxis, type StylePreferences, TIME_WINDOWS, type TimeWindow } from '../../domain/matching.ts';
import { MISFITS, type Misfit } from '../../domain/rematch.ts';
import { decideSafety, type SafetyDecision } from '../../domain/safety.ts';
import { isValidTimeZone } from '../../domain/time.ts';
import { CONCERN_IDS, type ConcernId, GENDERS, type Gender, RELATIONSHIPS, type Relationship } from '../../domain/types.ts';
import { all as allOf, type FormValues } from '../read-form.ts';

export const STEPS = [
  { id: 'who', title: 'Who is coming' },
  { id: 'what', title: 'What is happening' },
  { id: 'format', title: 'Online or in person' },
  { id: 'when', title: 'When you can come' },
  { id: 'budget', title: 'Budget' },
  { id: 'language', title: 'Language' },
  { id: 'preferences', title: 'Anything else' },
] as const;
export const STEP_COUNT = STEPS.length;
/** The step number after the last question: the results. */
export const RESULTS_STEP = STEP_COUNT + 1;

export const MATCH_FORMATS = ['online', 'in_person', 'either'] as const;
export type MatchFormat = (typeof MATCH_FORMATS)[number];
/** The answers Find your match and /safety offer to the safety question (the policy knows them all). */
export const SAFETY_ANSWERS = ['no', 'yes', 'unsure'] as const;
export type SafetyAnswer = (typeof SAFETY_ANSWERS)[number];
/** Budget ceilings in whole units of the currency; "any" is no preference. */
export const BUDGETS = ['60', '80', '100', '120', 'any'] as const;
export const STYLE_FIELDS = Object.keys(STYLE_AXES).map((axis) => `style_${axis}`) as `style_${StyleAxis}`[];

export interface Answers {
  relationship?: Relationship | undefined;
  concerns: ConcernId[];
  /** Couples only: the private safety question. */
  safety?: SafetyAnswer | undefined;
  format?: MatchFormat | undefined;
  times: TimeWindow[];
  budget?: (typeof BUDGETS)[number] | undefined;
  languages: string[];
  gender?: Gender | 'any' | undefined;
  culture?: string | undefined;
  lgbtq: boolean;
  style: StylePreferences;
  /** The visitor's zone (filled in by the browser when it can), for showing free times. */
  tz?: string | undefined;
  /** A second match ("Not the right fit?"): the therapists to leave out, and what did not fit. */
  exclude: string[];
  misfit?: Misfit | undefined;
}

/** The most therapists a second match leaves out. */
export const MOST_EXCLUDED = 20;
const THERAPIST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A posted form, as src/web/read-form.ts reads it. */
export type FormBody = FormValues;

const all = (body: FormBody, key: string): string[] => allOf(body[key]);
/** The first value of a field, or undefined when the form has none. */
const one = (body: FormBody, key: string): string | undefined => all(body, key)[0];
const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  v !== undefined && (values as readonly string[]).includes(v) ? (v as T) : undefined;
const someOf = <T extends string>(values: readonly T[], vs: string[]): T[] => [...new Set(vs.filter((v): v is T => (values as readonly string[]).includes(v)))];

/** The answers in a posted form: anything not one of the offered values is left out. */
export function readAnswers(body: FormBody): Answers {
  const relationship = oneOf(RELATIONSHIPS, one(body, 'relationship'));
  const style: StylePreferences = {};
  for (const axis of Object.keys(STYLE_AXES) as StyleAxis[]) {
    const def = STYLE_AXES[axis];
    const pole = oneOf([def.high, def.low], one(body, `style_${axis}`));
    if (pole !== undefined) (style as Record<string, string>)[axis] = pole;
  }
  const culture = one(body, 'culture')?.trim().replace(/\s+/g, ' ').slice(0, 100);
  const tz = one(body, 'tz');
  return {
    relationship,
    concerns: someOf(CONCERN_IDS, all(body, 'concerns')),
    // Asked of couples only; dropped if the answer to "who is coming" changes.
    safety: relationship === 'couple' ? oneOf(SAFETY_ANSWERS, one(body, 'safety')) : undefined,
    format: oneOf(MATCH_FORMATS, one(body, 'format')),
    times: someOf(TIME_WINDOWS, all(body, 'times')),
    budget: oneOf(BUDGETS, one(body, 'budget')),
    languages: [...new Set(all(body, 'languages').filter((l) => /^[a-z]{2}$/.test(l)))].slice(0, 10),
    gender: oneOf([...GENDERS, 'any'] as const, one(body, 'gender')),
    culture: culture ? culture : undefined,
    lgbtq: one(body, 'lgbtq') === 'yes',
    style,
    tz: tz && tz.length <= 64 && isValidTimeZone(tz) ? tz : undefined,
    exclude: [...new Set(all(body, 'exclude').filter((id) => THERAPIST_ID.test(id)))].slice(0, MOST_EXCLUDED),
    misfit: oneOf(MISFITS, one(body, 'misfit')),
  };
}

/** A second match: someone to leave out (what did not fit defaults to "something else"). */
export const isRematch = (a: Answers) => a.exclude.length > 0;

/** What the safety policy says about these answers (the private safety question; couples only). */
export const safetyOf = (a: Answers): SafetyDecision => decideSafety({ answer: a.safety });

/** What is missing for a step to be answered; empty when it may go on. */
export function stepErrors(step: number, a: Answers): Record<string, string> {
  switch (STEPS[step - 1]?.id) {
    case 'who':
      return a.relationship ? {} : { relationship: 'Choose who is coming to the sessions' };
    case 'what':
      return a.concerns.length > 0 ? {} : { concerns: 'Choose at least one thing that is happening' };
    case 'format':
      return a.format ? {} : { format: 'Choose online, in person, or either' };
    default:
      return {};
  }
}

/** The first step still unanswered (the results need steps 1–3). */
export function firstMissingStep(a: Answers): number | null {
  for (let step = 1; step <= STEP_COUNT; step++) if (Object.keys(stepErrors(step, a)).length > 0) return step;
  return null;
}

/** The answers as the ranking reads them (steps 1–3 answered). */
export function toMatchRequest(a: Answers, currencyMinorPerUnit = 100): MatchRequest {
  const budget = a.budget && a.budget !== 'any' ? Number(a.budget) * currencyMinorPerUnit : undefined;
  return {
    relationship: a.relationship ?? 'individual',
    concerns: a.concerns,
    format: a.format ?? 'either',
    ...(a.languages.length > 0 ? { languages: a.languages } : {}),
    ...(a.times.length > 0 ? { times: a.times } : {}),
    ...(budget !== undefined ? { budgetMaxMinor: budget } : {}),
    ...(a.gender && a.gender !== 'any' ? { therapistGender: a.gender } : {}),
    ...(a.culture ? { faithOrCulture: a.culture } : {}),
    ...(a.lgbtq ? { lgbtqAffirming: true } : {}),
    ...(Object.keys(a.style).length > 0 ? { style: a.style } : {}),
    ...(safetyOf(a).jointSessionSuggestions ? {} : { safetyConcern: true }),
    ...(a.exclude.length > 0 ? { exclude: a.exclude } : {}),
  };
}

/** Which form fields belong to each step (the others travel as hidden fields). */
export const STEP_FIELDS: Record<(typeof STEPS)[number]['id'], string[]> = {
  who: ['relationship'],
  what: ['concerns', 'safety'],
  format: ['format'],
  when: ['times'],
  budget: ['budget'],
  language: ['languages'],
  preferences: ['gender', 'culture', 'lgbtq', ...STYLE_FIELDS],
};

/** Every answer as name/value pairs, for hidden fields. */
export function answerFields(a: Answers): [string, string][] {
  const out: [string, string][] = [];
  if (a.relationship) out.push(['relationship', a.relationship]);
  for (const c of a.concerns) out.push(['concerns', c]);
  if (a.safety) out.push(['safety', a.safety]);
  if (a.format) out.push(['format', a.format]);
  for (const t of a.times) out.push(['times', t]);
  if (a.budget) out.push(['budget', a.budget]);
  for (const l of a.languages) out.push(['languages', l]);
  if (a.gender) out.push(['gender', a.gender]);
  if (a.culture) out.push(['culture', a.culture]);
  if (a.lgbtq) out.push(['lgbtq', 'yes']);
  for (const [axis, pole] of Object.entries(a.style)) out.push([`style_${axis}`, pole]);
  for (const id of a.exclude) out.push(['exclude', id]);
  if (a.misfit) out.push(['misfit', a.misfit]);
  return out;
}
