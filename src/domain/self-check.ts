// The self-check: a private reflection on one relationship.
// Statements built from the signs of closeness and of its lack, across the three
// dimensions (cognitive, experiential, emotional), plus the Inclusion of Other in the
// Self picture item (Aron, Aron & Smollan, 1992), a plain safety question and an
// optional "recent hurt" question. Pure: no I/O, nothing stored.

import { z } from 'zod';
import { CONCERNS, type ConcernId, DIMENSIONS, type Dimension, type Relationship } from './types.ts';

/** Shown with every self-check and every result. */
export const SELF_CHECK_DISCLAIMER =
  'This self-check is a private reflection to help you think about one relationship. ' +
  'It is not a test, an assessment or a diagnosis, and it cannot tell you what is wrong or what is right for you. ' +
  'Nothing you enter is stored.';

// ---------------------------------------------------------------------------
// Who the self-check is about

export const ABOUTS = ['partner', 'family', 'friend'] as const;
export type About = (typeof ABOUTS)[number];

export const ABOUT_LABELS: Record<About, string> = {
  partner: 'My partner',
  family: 'A family member',
  friend: 'A friend',
};

export interface AboutWords {
  /** First person, for statements: "my partner". */
  my: string;
  /** Capitalised first person: "My partner". */
  My: string;
  /** Second person, for results: "your partner". */
  your: string;
  /** Short label, for the circles picture: "Partner". */
  short: string;
}

export function wordsFor(about: About): AboutWords {
  switch (about) {
    case 'partner':
      return { my: 'my partner', My: 'My partner', your: 'your partner', short: 'Partner' };
    case 'family':
      return { my: 'this family member', My: 'This family member', your: 'this family member', short: 'Family member' };
    case 'friend':
      return { my: 'my friend', My: 'My friend', your: 'your friend', short: 'Friend' };
  }
}

/** Wording for the form, where one page asks about any of the three relationships. */
export const NEUTRAL_WORDS: AboutWords = { my: 'this person', My: 'This person', your: 'this person', short: 'Them' };

const words = (about: About | AboutWords): AboutWords => (typeof about === 'string' ? wordsFor(about) : about);

/** The relationship to carry into matching (POST /api/v1/match). */
export function matchRelationshipFor(about: About): Relationship {
  return about === 'partner' ? 'couple' : about === 'family' ? 'family' : 'friendship';
}

// ---------------------------------------------------------------------------
// Dimensions

export const DIMENSION_INFO: Record<Dimension, { name: string; plain: string }> = {
  cognitive: { name: 'Cognitive closeness', plain: 'sharing ideas, views and values, and feeling understood' },
  experiential: { name: 'Experiential closeness', plain: 'sharing time, activities and attention' },
  emotional: { name: 'Emotional closeness', plain: 'showing feelings safely and supporting each other' },
};

// ---------------------------------------------------------------------------
// Statements

export const STATEMENT_IDS = [
  'safe-to-share',
  'share-views',
  'time-together',
  'holding-back',
  'misunderstandings',
  'lonely-together',
  'support',
  'feel-heard',
  'presence',
  'unseen',
  'fear-of-judgement',
  'separate-lives',
  'show-feelings',
  'meaningful-talk',
  'laughter',
] as const;
export type StatementId = (typeof STATEMENT_IDS)[number];

interface StatementDef {
  id: StatementId;
  dimension: Dimension;
  /** True for signs of a lack of closeness: agreeing lowers the score. */
  reverse: boolean;
  /** The sign from the guide this statement is built from. */
  sign: string;
  /** Concerns suggested when this statement scores low (after reverse scoring). */
  concerns: ConcernId[];
  text: (w: AboutWords) => string;
}

const STATEMENT_DEFS: Record<StatementId, StatementDef> = {
  // Cognitive: ideas, views, values, understanding.
  'share-views': {
    id: 'share-views',
    dimension: 'cognitive',
    reverse: false,
    sign: 'Meaningful conversations',
    concerns: ['communication-barriers'],
    text: (w) => `I can talk with ${w.my} about my views and values, even where we see things differently.`,
  },
  'feel-heard': {
    id: 'feel-heard',
    dimension: 'cognitive',
    reverse: false,
    sign: 'Deep listening and validation',
    concerns: ['communication-barriers'],
    text: (w) => `${w.My} listens to my point of view and takes it seriously, even when they disagree.`,
  },
  'meaningful-talk': {
    id: 'meaningful-talk',
    dimension: 'cognitive',
    reverse: false,
    sign: 'Meaningful conversations',
    concerns: ['communication-barriers', 'emotional-availability'],
    text: (w) => `${w.My} and I talk about more than day-to-day practicalities: hopes, plans and ideas that matter to us.`,
  },
  misunderstandings: {
    id: 'misunderstandings',
    dimension: 'cognitive',
    reverse: true,
    sign: 'Communication breakdowns',
    concerns: ['communication-barriers'],
    text: (w) => `Conversations between ${w.my} and me often end in misunderstanding or frustration.`,
  },
  'fear-of-judgement': {
    id: 'fear-of-judgement',
    dimension: 'cognitive',
    reverse: true,
    sign: 'Fear of judgement',
    concerns: ['fear-of-vulnerability'],
    text: (w) => `I keep my opinions to myself around ${w.my} because I expect to be judged or criticised.`,
  },
  // Experiential: shared time, activities and attention.
  'time-together': {
    id: 'time-together',
    dimension: 'experiential',
    reverse: false,
    sign: 'Shared experiences',
    concerns: ['loneliness'],
    text: (w) => `${w.My} and I regularly spend time doing things we both enjoy.`,
  },
  presence: {
    id: 'presence',
    dimension: 'experiential',
    reverse: false,
    sign: 'Openness and presence',
    concerns: ['emotional-availability'],
    text: (w) => `When ${w.my} and I are together, we put phones and other distractions aside and pay attention to each other.`,
  },
  laughter: {
    id: 'laughter',
    dimension: 'experiential',
    reverse: false,
    sign: 'Shared moments of joy',
    concerns: ['loneliness'],
    text: (w) => `${w.My} and I share moments of fun and laughter.`,
  },
  'lonely-together': {
    id: 'lonely-together',
    dimension: 'experiential',
    reverse: true,
    sign: 'Loneliness and isolation',
    concerns: ['loneliness'],
    text: (w) => `Even when ${w.my} and I are in the same room, I feel lonely or far apart.`,
  },
  'separate-lives': {
    id: 'separate-lives',
    dimension: 'experiential',
    reverse: true,
    sign: 'Loneliness and isolation',
    concerns: ['loneliness', 'emotional-availability'],
    text: (w) => `${w.My} and I seem to lead separate lives, crossing paths without really connecting.`,
  },
  // Emotional: feelings, safety, support.
  'safe-to-share': {
    id: 'safe-to-share',
    dimension: 'emotional',
    reverse: false,
    sign: 'Feeling safe to share',
    concerns: ['trust-issues', 'fear-of-vulnerability'],
    text: (w) => `I feel safe telling ${w.my} about my worries, knowing they will not be brushed aside.`,
  },
  support: {
    id: 'support',
    dimension: 'emotional',
    reverse: false,
    sign: 'Mutual support',
    concerns: ['emotional-availability'],
    text: (w) => `I can count on ${w.my} for comfort and encouragement, in good times and hard ones.`,
  },
  'show-feelings': {
    id: 'show-feelings',
    dimension: 'emotional',
    reverse: false,
    sign: 'Openness and vulnerability',
    concerns: ['fear-of-vulnerability'],
    text: (w) => `I can let ${w.my} see how I really feel, including sadness or fear.`,
  },
  'holding-back': {
    id: 'holding-back',
    dimension: 'emotional',
    reverse: true,
    sign: 'Holding back',
    concerns: ['fear-of-vulnerability'],
    text: (w) => `I hold back my feelings from ${w.my} and keep my real self guarded.`,
  },
  unseen: {
    id: 'unseen',
    dimension: 'emotional',
    reverse: true,
    sign: 'Feeling unseen',
    concerns: ['self-esteem', 'emotional-availability'],
    text: (w) => `My needs and feelings seem to go unnoticed by ${w.my}.`,
  },
};

export interface Statement {
  id: StatementId;
  dimension: Dimension;
  reverse: boolean;
  sign: string;
  text: string;
}

/** The statements, in the order they are shown, worded for the relationship they are about. */
export function statementsFor(about: About | AboutWords): Statement[] {
  const w = words(about);
  return STATEMENT_IDS.map((id) => {
    const d = STATEMENT_DEFS[id];
    return { id, dimension: d.dimension, reverse: d.reverse, sign: d.sign, text: d.text(w) };
  });
}

export function statementDimension(id: StatementId): Dimension {
  return STATEMENT_DEFS[id].dimension;
}

export function isReverseScored(id: StatementId): boolean {
  return STATEMENT_DEFS[id].reverse;
}

/** The 5-point agreement scale. */
export const AGREEMENT_SCALE = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Neither agree nor disagree' },
  { value: 4, label: 'Agree' },
  { value: 5, label: 'Strongly agree' },
] as const;

// ---------------------------------------------------------------------------
// Inclusion of Other in the Self (Aron, Aron & Smollan, 1992)

export const IOS_SOURCE =
  'The circles picture is based on the Inclusion of Other in the Self scale (Aron, Aron & Smollan, 1992), which is free to use.';

export const IOS_QUESTION =
  'Which picture best describes your relationship? One circle is you and the other is the person you are thinking of.';

/** Share of each circle's area covered by the other, for options 1…7 (option 1 has a gap). */
export const IOS_OVERLAP = [0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85] as const;

export interface IosGeometry {
  /** SVG viewBox is `0 0 width height`. */
  width: number;
  height: number;
  cy: number;
  cx1: number;
  cx2: number;
  r: number;
  /** Distance between the centres. */
  distance: number;
  /** Share of each circle covered by the other, 0…1. */
  overlap: number;
}

const IOS_W = 120;
const IOS_H = 60;
const IOS_R = 25;
const IOS_GAP = 8;

/** Area shared by two circles of radius r whose centres are d apart, as a share of one circle. */
function lensShare(d: number, r: number): number {
  if (d >= 2 * r) return 0;
  const area = 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);
  return area / (Math.PI * r * r);
}

function distanceForShare(share: number, r: number): number {
  let lo = 0;
  let hi = 2 * r;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (lensShare(mid, r) > share) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Circle geometry for option n (1 = far apart … 7 = almost entirely overlapping). */
export function iosGeometry(n: number): IosGeometry {
  if (!Number.isInteger(n) || n < 1 || n > 7) throw new RangeError(`IOS option must be 1…7, got ${n}`);
  const share = IOS_OVERLAP[n - 1] ?? 0;
  const distance = round2(share === 0 ? 2 * IOS_R + IOS_GAP : distanceForShare(share, IOS_R));
  const mid = IOS_W / 2;
  return {
    width: IOS_W,
    height: IOS_H,
    cy: IOS_H / 2,
    cx1: round2(mid - distance / 2),
    cx2: round2(mid + distance / 2),
    r: IOS_R,
    distance,
    overlap: round2(lensShare(distance, IOS_R)),
  };
}

const IOS_DESCRIPTIONS = [
  'the two circles are apart, with a gap between them',
  'the circles overlap only slightly',
  'the circles overlap a little',
  'the circles overlap by about a third',
  'the circles overlap by about half',
  'the circles overlap a great deal',
  'the circles overlap almost completely',
] as const;

export interface IosOption {
  value: number;
  /** Text alternative for screen readers and print. */
  label: string;
  /** Labels to draw inside the two circles. */
  selfLabel: string;
  otherLabel: string;
  geometry: IosGeometry;
}

export function iosOptionsFor(about: About | AboutWords): IosOption[] {
  const w = words(about);
  return IOS_DESCRIPTIONS.map((desc, i) => ({
    value: i + 1,
    label: `Picture ${i + 1} of 7: ${desc} (me and ${w.my}).`,
    selfLabel: 'Me',
    otherLabel: w.short,
    geometry: iosGeometry(i + 1),
  }));
}

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

const statementShape = Object.fromEntries(STATEMENT_IDS.map((id) => [id, likert])) as Record<
  StatementId,
  typeof likert
>;

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

export type ParsedSelfCheck =
  | { success: true; answers: SelfCheckAnswers }
  | { success: false; errors: Record<string, string> };

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
    strong: (w) =>
      `You and ${w.your} seem able to share ideas, views and plans, and you feel listened to even when you see things differently.`,
    mixed: (w) =>
      `Sharing thoughts and views with ${w.your} works some of the time. There may be subjects you steer away from, or conversations that leave one of you feeling misunderstood.`,
    strained: (w) =>
      `Talking things through with ${w.your} seems hard at the moment: you may keep your views to yourself, or conversations may often go wrong. This kind of understanding can be rebuilt with practice, and with support if you want it.`,
  },
  experiential: {
    strong: (w) =>
      `You and ${w.your} share time and experiences you both enjoy, and you give each other your attention when you are together.`,
    mixed: (w) =>
      `You have some good time with ${w.your}, but shared moments may be getting squeezed out by busy lives or distractions.`,
    strained: (w) =>
      `Time with ${w.your} may feel distant or routine just now, or you may feel alone even when you are together. Small, regular shared moments are a good place to begin.`,
  },
  emotional: {
    strong: (w) =>
      `You feel safe letting ${w.your} see how you really feel, and you know you can lean on each other whether things are going well or badly.`,
    mixed: (w) =>
      `You can share some feelings with ${w.your}, but you may hold others back, or not always feel noticed.`,
    strained: (w) =>
      `Showing ${w.your} your feelings may not feel safe at the moment, or you may feel unseen. That is painful, it is common, and it can change; you do not have to work it out alone.`,
  },
};

const OVERALL_SUMMARIES: Record<Band, string> = {
  strong: 'Overall, your answers describe a relationship with a lot of closeness in it. The ideas below can help you keep it that way.',
  mixed:
    'Overall, your answers describe a relationship with real strengths and some areas that could do with attention.',
  strained:
    'Overall, your answers suggest this relationship feels distant or difficult at the moment. That is hard, and it is also something many people work through, often with some support.',
};

function scoreOf(id: StatementId, value: number): number {
  return STATEMENT_DEFS[id].reverse ? 6 - value : value;
}

function supportFor(
  dims: Record<Dimension, DimensionResult>,
  overallMean: number,
  ios: number,
  risk: RiskAnswer | undefined,
): SelfCheckResult['support'] {
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
    reasons.push(
      `Your answers about ${list} came out as strained (an average below ${MIXED_FROM} out of 5).`,
    );
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
      for (const c of STATEMENT_DEFS[id].concerns) counts.set(c, (counts.get(c) ?? 0) + 1);
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
    const bucket = sums[STATEMENT_DEFS[id].dimension];
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
  const lowestFirst = [...DIMENSIONS].sort(
    (a, b) => dims[a].mean - dims[b].mean || DIMENSIONS.indexOf(a) - DIMENSIONS.indexOf(b),
  );

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

  const urgentHelpFirst = answers.risk === 'yes';
  const iosLabel = iosOptionsFor(answers.about)[answers.ios - 1]?.label ?? '';

  return {
    about: answers.about,
    dimensions: dims,
    lowestFirst,
    overall: { mean: overallMean, band: overallBand, summary: OVERALL_SUMMARIES[overallBand] },
    ios: { value: answers.ios, label: iosLabel },
    suggestions,
    support: supportFor(dims, overallMean, answers.ios, answers.risk),
    urgentHelpFirst,
    hurt,
    matchConcerns: matchConcernsFor(answers, overallBand),
    // Joint sessions are not the place to start when someone feels afraid of or harmed by a partner.
    matchRelationship: urgentHelpFirst ? 'individual' : matchRelationshipFor(answers.about),
    disclaimer: SELF_CHECK_DISCLAIMER,
  };
}
