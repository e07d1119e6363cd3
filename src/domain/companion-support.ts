// The companion's support rule (when to suggest a session, from a member's own check-ins) and the
// exercises offered by what those check-ins show. Pure; companion.ts re-exports it.

import { type CheckInAnswer, type CircleKind, relationshipOf } from './companion.ts';
import { decideSafety, NO_WORRY, type SafetyDecision, sessionsFor } from './safety.ts';
import type { EpochMs } from './time.ts';
import { type ConcernId, DIMENSIONS, type Dimension, type Relationship } from './types.ts';

// ---------------------------------------------------------------------------
// The support rule: from one member's own check-ins in one circle, oldest first. Nobody else's answers
// go in, so nobody else's answers can set it off, and what comes out is shown to that member alone.

export interface OwnCheckIn {
  weekStart: EpochMs;
  closeness: Record<Dimension, number>;
  hurt: boolean;
}

/** "Low": the average closeness is at or below this in each of the last three check-ins. */
export const SUPPORT_LOW_AT_MOST = 2;
/** "Falling": the average went down at each of the last three check-ins, by at least this much in all. */
export const SUPPORT_FALL_AT_LEAST = 1;
export const SUPPORT_WINDOW = 3;

export type SupportTrigger = 'low' | 'falling' | 'hurt-twice';

export const SUPPORT_RULE_TEXT =
  'We suggest thinking about support from a therapist when, in your own last three check-ins, your average closeness was 2 or lower each time, ' +
  'or it went down each time by a point or more in all; or when you said something hurt in two check-ins running. Only you see this, and nobody else in your circle is told.';

export interface SupportAdvice {
  suggested: boolean;
  triggers: SupportTrigger[];
  /** Why, in plain words, one sentence per trigger. */
  reasons: string[];
  /** The latest check-in reported hurt: offer self-compassion guidance. */
  selfCompassion: boolean;
  /** The dimension that was lowest in the latest check-in, or null without check-ins. */
  lowestDimension: Dimension | null;
}

export const averageCloseness = (c: Record<Dimension, number>) => (c.cognitive + c.experiential + c.emotional) / 3;

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toString();

export function supportFor(history: readonly OwnCheckIn[]): SupportAdvice {
  const ordered = [...history].sort((a, b) => a.weekStart - b.weekStart);
  const last = ordered.slice(-SUPPORT_WINDOW);
  const means = last.map((c) => averageCloseness(c.closeness));
  const triggers: SupportTrigger[] = [];
  const reasons: string[] = [];
  if (last.length === SUPPORT_WINDOW && means.every((m) => m <= SUPPORT_LOW_AT_MOST + 1e-9)) {
    triggers.push('low');
    reasons.push(`In your last three check-ins your average closeness was ${means.map(oneDecimal).join(', ')} out of 5: low each time.`);
  }
  if (last.length === SUPPORT_WINDOW && means[0]! > means[1]! + 1e-9 && means[1]! > means[2]! + 1e-9 && means[0]! - means[2]! >= SUPPORT_FALL_AT_LEAST - 1e-9) {
    triggers.push('falling');
    reasons.push(
      `Over your last three check-ins your average closeness went down each time, from ${oneDecimal(means[0]!)} to ${oneDecimal(means[2]!)} out of 5.`,
    );
  }
  const lastTwo = ordered.slice(-2);
  if (lastTwo.length === 2 && lastTwo.every((c) => c.hurt)) {
    triggers.push('hurt-twice');
    reasons.push('You said something hurt you in each of your last two check-ins.');
  }
  const latest = ordered.at(-1);
  return {
    suggested: triggers.length > 0,
    triggers,
    reasons,
    selfCompassion: latest?.hurt ?? false,
    lowestDimension: latest ? lowestOf(latest.closeness) : null,
  };
}

function lowestOf(c: Record<Dimension, number>): Dimension {
  return [...DIMENSIONS].sort((a, b) => c[a] - c[b] || DIMENSIONS.indexOf(a) - DIMENSIONS.indexOf(b))[0]!;
}

const DIMENSION_CONCERN: Record<Dimension, ConcernId> = {
  cognitive: 'communication-barriers',
  experiential: 'emotional-availability',
  emotional: 'fear-of-vulnerability',
};

/** What to carry into matching: the relationship, and concerns from what the check-ins show (most relevant first). */
export function matchCarryOver(
  kind: CircleKind,
  advice: SupportAdvice,
  safety: Pick<SafetyDecision, 'jointSessionSuggestions'> = NO_WORRY,
): { relationship: Relationship; concerns: ConcernId[] } {
  const concerns: ConcernId[] = [];
  if (advice.triggers.includes('hurt-twice')) concerns.push('trust-issues');
  if (advice.lowestDimension) concerns.push(DIMENSION_CONCERN[advice.lowestDimension]);
  if (kind === 'family') concerns.push('family-conflict');
  if (kind === 'friends') concerns.push('strained-friendships');
  return { relationship: sessionsFor(safety, relationshipOf(kind)), concerns: [...new Set(concerns)] };
}

// ---------------------------------------------------------------------------
// Exercises offered by what the member's own check-ins show (ids from src/content/exercises.ts)

export type SuggestedExerciseId =
  | 'open-conversations'
  | 'sharing-ladder'
  | 'promise-tracker'
  | 'presence-plan'
  | 'reflective-listening'
  | 'appreciation-jar'
  | 'quality-time-planner'
  | 'small-risks-together'
  | 'self-compassion';

export const EXERCISES_BY_DIMENSION: Record<Dimension, SuggestedExerciseId[]> = {
  cognitive: ['open-conversations', 'reflective-listening'],
  experiential: ['presence-plan', 'quality-time-planner'],
  emotional: ['sharing-ladder', 'promise-tracker'],
};
export const KEEP_GOING_EXERCISES: SuggestedExerciseId[] = ['appreciation-jar', 'quality-time-planner', 'small-risks-together'];
export const FIRST_EXERCISES: SuggestedExerciseId[] = ['open-conversations', 'appreciation-jar', 'promise-tracker'];
/** A dimension at or below this in the latest check-in gets its exercises offered. */
export const EXERCISE_LOW_AT_MOST = 3;

export interface ExerciseSuggestion {
  id: SuggestedExerciseId;
  because: string;
}

const DIMENSION_WORDS: Record<Dimension, string> = {
  cognitive: 'sharing ideas and feeling understood',
  experiential: 'time and attention together',
  emotional: 'showing feelings and feeling safe',
};

/** The suggested exercises done on one's own (every other one is done together). */
export const SOLO_EXERCISE_IDS: readonly SuggestedExerciseId[] = ['self-compassion'];

/** The words a member wrote in a check-in, for the safety policy (src/domain/safety.ts) to read. */
export const checkInWords = (a: Pick<CheckInAnswer, 'appreciation' | 'moreOf' | 'hurtWords'>): string[] => [a.appreciation, a.moreOf, a.hurtWords];

/**
 * True when words the member chose to share with the circle suggest they may not be safe: the circle may
 * include the person they are afraid of, so their own page points out how to keep those words private.
 */
export function sharesWorryingWords(a: CheckInAnswer): boolean {
  const fields = [
    [a.appreciation, a.share.appreciation],
    [a.moreOf, a.share.moreOf],
    [a.hurtWords, a.share.hurt],
  ] as const;
  return fields.some(([words, shared]) => shared && decideSafety({ texts: [words] }).helpFirst);
}

/**
 * Exercises for the member's own latest check-in. When the safety policy rules out joint exercises, only
 * those done on one's own are offered.
 */
export function suggestExercises(history: readonly OwnCheckIn[], safety?: Pick<SafetyDecision, 'jointExercises'>): ExerciseSuggestion[] {
  if (safety && !safety.jointExercises) return SOLO_EXERCISE_IDS.map((id) => ({ id, because: 'Something to do on your own, at your own pace.' }));
  const latest = [...history].sort((a, b) => a.weekStart - b.weekStart).at(-1);
  if (!latest) return FIRST_EXERCISES.map((id) => ({ id, because: 'A good place to start, before your first check-in.' }));
  const out: ExerciseSuggestion[] = [];
  const add = (id: SuggestedExerciseId, because: string) => {
    if (!out.some((s) => s.id === id)) out.push({ id, because });
  };
  if (latest.hurt) add('self-compassion', 'You said something hurt you this time.');
  const low = [...DIMENSIONS]
    .filter((d) => latest.closeness[d] <= EXERCISE_LOW_AT_MOST)
    .sort((a, b) => latest.closeness[a] - latest.closeness[b] || DIMENSIONS.indexOf(a) - DIMENSIONS.indexOf(b));
  for (const d of low) for (const id of EXERCISES_BY_DIMENSION[d]) add(id, `Your latest check-in was lower on ${DIMENSION_WORDS[d]}.`);
  if (low.length === 0) for (const id of KEEP_GOING_EXERCISES) add(id, 'Your latest check-in felt close: these help keep it that way.');
  return out.slice(0, 4);
}
