// The self-check: a private reflection on one relationship.
// Statements built from the signs of closeness and of its lack, across the three
// dimensions (cognitive, experiential, emotional), plus the Inclusion of Other in the
// Self picture item (Aron, Aron & Smollan, 1992), a plain safety question and an
// optional "recent hurt" question. Pure: no I/O, nothing stored.

import { z } from 'zod';
import { decideSafety, type SafetyDecision, sessionsFor } from './safety.ts';
import { ABOUTS, type About, type AboutWords, matchRelationshipFor, wordsFor } from './self-check-about.ts';
import { iosOptionsFor } from './self-check-ios.ts';
import { isReverseScored, STATEMENT_IDS, type StatementId, statementConcerns, statementDimension } from './self-check-statements.ts';
import { CONCERNS, type ConcernId, DIMENSIONS, type Dimension, type Relationship } from './types.ts';

export { ABOUT_LABELS, ABOUTS, type About, type AboutWords, matchRelationshipFor, NEUTRAL_WORDS, wordsFor } from './self-check-about.ts';
export { IOS_OVERLAP, IOS_QUESTION, IOS_SOURCE, type IosGeometry, type IosOption, iosGeometry, iosOptionsFor } from './self-check-ios.ts';
export {
  AGREEMENT_SCALE,
  isReverseScored,
  STATEMENT_IDS,
  type Statement,
  type StatementId,
  statementDimension,
  statementsFor,
} from './self-check-statements.ts';

/** Shown with every self-check and every result. */
export const SELF_CHECK_DISCLAIMER =
  'This self-check is a private reflection to help you think about one relationship. ' +
  'It is not a test, an assessment or a diagnosis, and it cannot tell you what is wrong or what is right for you. ' +
  'Nothing you enter is stored.';

// ---------------------------------------------------------------------------
// Dimensions

export const DIMENSION_INFO: Record<Dimension, { name: string; plain: string }> = {
  cognitive: { name: 'Cognitive closeness', plain: 'sharing ideas, views and values, and feeling understood' },
  experiential: { name: 'Experiential closeness', plain: 'sharing time, activities and attention' },
  emotional: { name: 'Emotional closeness', plain: 'showing feelings safely and supporting each other' },
};

// ---------------------------------------------------------------------------
// Safety and hurt

export const RISK_ANSWERS = ['yes', 'no', 'prefer_not_to_say'] as const;
export type RiskAnswer = (typeof RISK_ANSWERS)[number];
export const RISK_QUESTION = {
  id: 'risk',
  text: 'Do you feel afraid of, or harmed by, the person you are thinking of?',
  options: [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
    { value: 'prefer_not_to_say', label: 'I would rather not say' },
  ],
} as const;

export const HURT_ANSWERS = ['yes', 'no'] as const;
export type HurtAnswer = (typeof HURT_ANSWERS)[number];
export const HURT_QUESTION = {
  id: 'hurt',
  text: 'Has something happened recently in this relationship that hurt you?',
  optional: true,
  options: [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ],
} as const;

// ---------------------------------------------------------------------------
// Validation

const toNumber = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v);

const likert = z.preprocess(
  toNumber,
  z
    .int({ error: 'Choose how much you agree, from 1 to 5.' })
    .min(1, { error: 'Choose how much you agree, from 1 to 5.' })
    .max(5, { error: 'Choose how much you agree, from 1 to 5.' }),
);

const statementShape = Object.fromEntries(STATEMENT_IDS.map((id) => [id, likert])) as Record<StatementId, typeof likert>;

/** Answers to the self-check. Statements 1…5 (all required), ios 1…7, about required; risk and hurt optional. */
export const SelfCheckAnswers = z.object({
  about: z.enum(ABOUTS, { error: 'Choose who you are thinking of.' }),
  // A missing statements object is treated as empty, so that each statement gets its own error.
  statements: z.preprocess((v) => v ?? {}, z.object(statementShape)),
  ios: z.preprocess(
    toNumber,
    z
      .int({ error: 'Choose one of the seven pictures.' })
      .min(1, { error: 'Choose one of the seven pictures.' })
      .max(7, { error: 'Choose one of the seven pictures.' }),
  ),
  risk: z.preprocess((v) => (v === '' ? undefined : v), z.enum(RISK_ANSWERS, { error: 'Choose one answer.' }).optional()),
  hurt: z.preprocess((v) => (v === '' ? undefined : v), z.enum(HURT_ANSWERS, { error: 'Choose yes or no.' }).optional()),
});
export type SelfCheckAnswers = z.output<typeof SelfCheckAnswers>;

export type ParsedSelfCheck = { success: true; answers: SelfCheckAnswers } | { success: false; errors: Record<string, string> };

/**
 * What a submitted self-check leads to, decided by the safety policy before anything else:
 * - `help`: a worrying answer to the safety question. Help first, whatever else was answered or left out
 *   (no errors about the other questions, no reflection on the relationship, no exercises);
 * - `errors`: per-field messages for what is missing or not one of the choices;
 * - `result`: the reflection, which follows the same decision.
 */
export type SelfCheckOutcome =
  | { kind: 'help'; safety: SafetyDecision; about: About | undefined }
  | { kind: 'errors'; safety: SafetyDecision; errors: Record<string, string> }
  | { kind: 'result'; safety: SafetyDecision; result: SelfCheckResult };

const riskAnswerOf = (v: unknown): RiskAnswer | undefined =>
  typeof v === 'string' && (RISK_ANSWERS as readonly string[]).includes(v) ? (v as RiskAnswer) : undefined;

/** Flat form fields in (as parseSelfCheckForm reads them); what the page shows out. Pure. */
export function decideSelfCheck(fields: Record<string, unknown>): SelfCheckOutcome {
  const safety = decideSafety({ answer: riskAnswerOf(fields.risk) });
  if (safety.skipOtherValidation) {
    const about = typeof fields.about === 'string' && (ABOUTS as readonly string[]).includes(fields.about) ? (fields.about as About) : undefined;
    return { kind: 'help', safety, about };
  }
  const parsed = parseSelfCheckForm(fields);
  if (!parsed.success) return { kind: 'errors', safety, errors: parsed.errors };
  return { kind: 'result', safety, result: scoreSelfCheck(parsed.answers) };
}

/**
 * Parse flat form fields (about, ios, risk, hurt and one field per statement id) into answers,
 * or per-field error messages keyed by the same field names.
 */
export function parseSelfCheckForm(fields: Record<string, unknown>): ParsedSelfCheck {
  const statements: Record<string, unknown> = {};
  for (const id of STATEMENT_IDS) statements[id] = fields[id];
  const result = SelfCheckAnswers.safeParse({
    about: fields.about,
    ios: fields.ios,
    risk: fields.risk,
    hurt: fields.hurt,
    statements,
  });
  if (result.success) return { success: true, answers: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] === 'statements' && issue.path.length > 1 ? issue.path[1] : (issue.path[0] ?? 'form'));
    if (!(key in errors)) errors[key] = issue.message;
  }
  return { success: false, errors };
}

// ---------------------------------------------------------------------------
// Scoring

export const BANDS = ['strong', 'mixed', 'strained'] as const;
export type Band = (typeof BANDS)[number];

/** A mean of at least this is "strong". */
export const STRONG_FROM = 4;
/** A mean of at least this (and below STRONG_FROM) is "mixed"; below it is "strained". */
export const MIXED_FROM = 2.5;

export function bandFor(mean: number): Band {
  if (mean >= STRONG_FROM) return 'strong';
  if (mean >= MIXED_FROM) return 'mixed';
  return 'strained';
}

/** Support is suggested when any dimension is strained. */
export const SUPPORT_IF_ANY_DIMENSION_STRAINED = true;
/** …or when the mean of all statements is below this. */
export const SUPPORT_OVERALL_BELOW = 3;
/** …or when the circles picture chosen is this or lower. */
export const SUPPORT_IOS_AT_MOST = 2;
/** …or when the person says they feel afraid of, or harmed by, the other person. */
export const SUPPORT_IF_RISK: RiskAnswer = 'yes';

/** The support rule in words, for showing on the page next to the result. */
export const SUPPORT_RULE_TEXT =
  'We suggest talking to a therapist if any one of the three areas comes out as strained (an average below ' +
  `${MIXED_FROM} out of 5), if your answers overall average below ${SUPPORT_OVERALL_BELOW} out of 5, ` +
  `if you chose picture ${SUPPORT_IOS_AT_MOST} or lower of the circles, or if you told us you feel afraid of, ` +
  'or harmed by, the person you are thinking of.';

/** A statement scored at or below this (after reverse scoring) counts towards matching concerns. */
export const LOW_STATEMENT_AT_MOST = 2;
export const MAX_SUGGESTIONS = 4;
export const MAX_MATCH_CONCERNS = 3;

/**
 * Exercises (ids from src/content/exercises.ts) for each dimension, most useful first.
 * Open conversations, sharing vulnerabilities, rebuilding trust, practising presence,
 * "I" statements and reflective listening.
 */
export const DIMENSION_EXERCISES: Record<Dimension, readonly string[]> = {
  cognitive: ['open-conversations', 'reflective-listening'],
  experiential: ['presence-plan', 'quality-time-planner'],
  emotional: ['sharing-ladder', 'promise-tracker', 'small-risks-together'],
};
/** Suggested when every dimension is strong: keeping closeness over time. */
export const KEEPING_CLOSE_EXERCISES: readonly string[] = ['appreciation-jar', 'quality-time-planner'];
/** Added when the person says something has recently hurt them. */
export const HURT_EXERCISE = 'self-compassion';
/** The exercises above that are done on one's own (the others are done together). */
export const SOLO_EXERCISES: readonly string[] = [HURT_EXERCISE];

export type SupportTrigger = 'dimension-strained' | 'overall-low' | 'ios-low' | 'risk';

export interface DimensionResult {
  dimension: Dimension;
  name: string;
  /** Mean of the dimension's statements after reverse scoring, 1…5. */
  mean: number;
  band: Band;
  summary: string;
}

export interface SelfCheckResult {
  about: About;
  dimensions: Record<Dimension, DimensionResult>;
  /** Dimensions from lowest mean to highest (ties in DIMENSIONS order). */
  lowestFirst: Dimension[];
  overall: { mean: number; band: Band; summary: string };
  ios: { value: number; label: string };
  /** Exercise ids, most relevant first. */
  suggestions: string[];
  support: { suggested: boolean; reason: string; triggers: SupportTrigger[] };
  /** Show urgent-help information before anything else. */
  urgentHelpFirst: boolean;
  /** The safety policy's decision for these answers, which everything above follows. */
  safety: SafetyDecision;
  /** Show self-compassion guidance. */
  hurt: boolean;
  /** Concerns to carry into matching, most relevant first. */
  matchConcerns: ConcernId[];
  /** Relationship to carry into matching. */
  matchRelationship: Relationship;
  disclaimer: string;
}

const DIMENSION_SUMMARIES: Record<Dimension, Record<Band, (w: AboutWords) => string>> = {
  cognitive: {
    strong: (w) => `You and ${w.your} seem able to share ideas, views and plans, and you feel listened to even when you see things differently.`,
    mixed: (w) =>
      `Sharing thoughts and views with ${w.your} works some of the time. There may be subjects you steer away from, or conversations that leave one of you feeling misunderstood.`,
    strained: (w) =>
      `Talking things through with ${w.your} seems hard at the moment: you may keep your views to yourself, or conversations may often go wrong. This kind of understanding can be rebuilt with practice, and with support if you want it.`,
  },
  experiential: {
    strong: (w) => `You and ${w.your} share time and experiences you both enjoy, and you give each other your attention when you are together.`,
    mixed: (w) => `You have some good time with ${w.your}, but shared moments may be getting squeezed out by busy lives or distractions.`,
    strained: (w) =>
      `Time with ${w.your} may feel distant or routine just now, or you may feel alone even when you are together. Small, regular shared moments are a good place to begin.`,
  },
  emotional: {
    strong: (w) => `You feel safe letting ${w.your} see how you really feel, and you know you can lean on each other whether things are going well or badly.`,
    mixed: (w) => `You can share some feelings with ${w.your}, but you may hold others back, or not always feel noticed.`,
    strained: (w) =>
      `Showing ${w.your} your feelings may not feel safe at the moment, or you may feel unseen. That is painful, it is common, and it can change; you do not have to work it out alone.`,
  },
};

const OVERALL_SUMMARIES: Record<Band, string> = {
  strong: 'Overall, your answers describe a relationship with a lot of closeness in it. The ideas below can help you keep it that way.',
  mixed: 'Overall, your answers describe a relationship with real strengths and some areas that could do with attention.',
  strained:
    'Overall, your answers suggest this relationship feels distant or difficult at the moment. That is hard, and it is also something many people work through, often with some support.',
};

/** In place of a summary of the relationship, after a worrying answer to the safety question. */
export const SAFETY_SUMMARY = 'You told us you feel afraid of, or harmed by, this person. That matters more than anything else here, and it is not your fault.';

function scoreOf(id: StatementId, value: number): number {
  return isReverseScored(id) ? 6 - value : value;
}

function supportFor(dims: Record<Dimension, DimensionResult>, overallMean: number, ios: number, risk: RiskAnswer | undefined): SelfCheckResult['support'] {
  const triggers: SupportTrigger[] = [];
  const reasons: string[] = [];
  if (risk === SUPPORT_IF_RISK) {
    triggers.push('risk');
    reasons.push(
      'You told us you feel afraid of, or harmed by, this person. Your safety comes first: please look at the urgent-help options. A therapist can also see you on your own, in confidence.',
    );
  }
  const strained = DIMENSIONS.filter((d) => dims[d].band === 'strained');
  if (SUPPORT_IF_ANY_DIMENSION_STRAINED && strained.length > 0) {
    triggers.push('dimension-strained');
    const names = strained.map((d) => DIMENSION_INFO[d].name.toLowerCase());
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    reasons.push(`Your answers about ${list} came out as strained (an average below ${MIXED_FROM} out of 5).`);
  }
  if (overallMean < SUPPORT_OVERALL_BELOW) {
    triggers.push('overall-low');
    reasons.push(`Across all the statements, your answers average below ${SUPPORT_OVERALL_BELOW} out of 5.`);
  }
  if (ios <= SUPPORT_IOS_AT_MOST) {
    triggers.push('ios-low');
    reasons.push('You chose a picture with little or no overlap, which suggests you feel far apart from this person.');
  }
  if (triggers.length === 0) {
    return {
      suggested: false,
      triggers,
      reason:
        'Nothing in your answers points to needing professional support right now. If the same difficulties keep coming back, or you feel disconnected, talking to a therapist can still help.',
    };
  }
  return {
    suggested: true,
    triggers,
    reason: `We suggest considering professional support. ${reasons.join(' ')}`,
  };
}

function matchConcernsFor(answers: SelfCheckAnswers, overallBand: Band): ConcernId[] {
  const counts = new Map<ConcernId, number>();
  for (const id of STATEMENT_IDS) {
    if (scoreOf(id, answers.statements[id]) <= LOW_STATEMENT_AT_MOST) {
      for (const c of statementConcerns(id)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  // The relationship itself is a concern for family and friendships that are not going well;
  // it keeps a place in the list so that matching finds therapists who work with it.
  const context: ConcernId | null =
    overallBand === 'strong' ? null : answers.about === 'family' ? 'family-conflict' : answers.about === 'friend' ? 'strained-friendships' : null;
  const order = CONCERNS.map((c) => c.id as ConcernId);
  const fromStatements = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([c]) => c)
    .slice(0, context ? MAX_MATCH_CONCERNS - 1 : MAX_MATCH_CONCERNS);
  return context ? [...fromStatements, context] : fromStatements;
}

/** Score validated answers (see SelfCheckAnswers). Pure. */
export function scoreSelfCheck(answers: SelfCheckAnswers): SelfCheckResult {
  const w = wordsFor(answers.about);
  const sums: Record<Dimension, { total: number; count: number }> = {
    cognitive: { total: 0, count: 0 },
    experiential: { total: 0, count: 0 },
    emotional: { total: 0, count: 0 },
  };
  let total = 0;
  for (const id of STATEMENT_IDS) {
    const s = scoreOf(id, answers.statements[id]);
    const bucket = sums[statementDimension(id)];
    bucket.total += s;
    bucket.count += 1;
    total += s;
  }

  const dims = {} as Record<Dimension, DimensionResult>;
  for (const d of DIMENSIONS) {
    const mean = sums[d].total / sums[d].count;
    const band = bandFor(mean);
    dims[d] = { dimension: d, name: DIMENSION_INFO[d].name, mean, band, summary: DIMENSION_SUMMARIES[d][band](w) };
  }
  const lowestFirst = [...DIMENSIONS].sort((a, b) => dims[a].mean - dims[b].mean || DIMENSIONS.indexOf(a) - DIMENSIONS.indexOf(b));

  const overallMean = total / STATEMENT_IDS.length;
  const overallBand = bandFor(overallMean);

  const hurt = answers.hurt === 'yes';
  const needing = lowestFirst.filter((d) => dims[d].band !== 'strong');
  let suggestions: string[];
  if (needing.length === 0) {
    suggestions = [...KEEPING_CLOSE_EXERCISES];
  } else {
    const seen = new Set<string>();
    for (const d of needing) for (const id of DIMENSION_EXERCISES[d]) seen.add(id);
    suggestions = [...seen].slice(0, MAX_SUGGESTIONS);
  }
  if (hurt && !suggestions.includes(HURT_EXERCISE)) suggestions.push(HURT_EXERCISE);

  const safety = decideSafety({ answer: answers.risk });
  // Nothing to do "together" with someone one is afraid of.
  if (!safety.jointExercises) suggestions = suggestions.filter((id) => SOLO_EXERCISES.includes(id));
  const urgentHelpFirst = safety.helpFirst;
  const iosLabel = iosOptionsFor(answers.about)[answers.ios - 1]?.label ?? '';

  return {
    about: answers.about,
    dimensions: dims,
    lowestFirst,
    overall: { mean: overallMean, band: overallBand, summary: safety.jointSessionSuggestions ? OVERALL_SUMMARIES[overallBand] : SAFETY_SUMMARY },
    ios: { value: answers.ios, label: iosLabel },
    suggestions,
    support: supportFor(dims, overallMean, answers.ios, answers.risk),
    urgentHelpFirst,
    safety,
    hurt,
    matchConcerns: matchConcernsFor(answers, overallBand),
    // Joint sessions are not the place to start when someone feels afraid of or harmed by a partner.
    matchRelationship: sessionsFor(safety, matchRelationshipFor(answers.about)),
    disclaimer: SELF_CHECK_DISCLAIMER,
  };
}
