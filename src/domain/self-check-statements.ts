// The self-check's statements: signs of closeness and of its lack, across the three dimensions, and the
// agreement scale they are answered on.
import { type About, type AboutWords, words } from './self-check-about.ts';
import type { ConcernId, Dimension } from './types.ts';

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

/** The concerns a low score on this statement suggests. */
export function statementConcerns(id: StatementId): readonly ConcernId[] {
  return STATEMENT_DEFS[id].concerns;
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
