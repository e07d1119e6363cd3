// The one safety policy. Every form that asks about feelings (the self-check, Find your match, the
// private question on /safety, the companion's weekly check-in) asks it what to show once a person has
// answered a safety question ("Do you feel afraid of, or harmed by…?") or written something that suggests
// risk (risk.ts). A worry leads with help: urgent numbers, domestic-abuse helplines and a first session
// alone, a quick exit, and never an exercise or a session "together". Pure: nothing is stored or logged.

import { type RiskKind, riskSignals } from './risk.ts';
import type { Relationship } from './types.ts';

/**
 * Answers to a safety question, as the forms word them: the self-check offers yes, no and "I would rather
 * not say"; Find your match and /safety offer yes, no and "I am not sure".
 */
export const SAFETY_ANSWERS = ['yes', 'no', 'unsure', 'prefer_not_to_say'] as const;
export type SafetyAnswer = (typeof SAFETY_ANSWERS)[number];

/** Answers that count as a worry: a yes, and a "not sure" (doubt about one's safety is reason enough). */
export const WORRYING_ANSWERS: readonly SafetyAnswer[] = ['yes', 'unsure'];

export interface SafetyInput {
  /** The answer to the safety question, where the form asks it; undefined when not asked or left out. */
  answer?: SafetyAnswer | undefined;
  /** What the person wrote in the form's free-text fields, each checked on its own for risk signals. */
  texts?: readonly string[] | undefined;
}

export interface SafetyDecision {
  /** Lead with help: the full urgent-help box before anything else on the page. */
  helpFirst: boolean;
  /** Show the quick exit (leave for an everyday page, out of the Back button). */
  quickExit: boolean;
  /** Show the domestic-abuse helplines: fear of, or harm from, someone. */
  domesticAbuseHelp: boolean;
  /** May the page suggest exercises done together? */
  jointExercises: boolean;
  /** May the page suggest sessions together (a couple, a family, friends), or praise the relationship? */
  jointSessionSuggestions: boolean;
  /** Skip the form's other questions' errors: a worry gets help, never a list of what was left out. */
  skipOtherValidation: boolean;
  /** Offer a first session on one's own. */
  offerFirstSessionAlone: boolean;
  /** What was flagged, each kind once, in a stable order: the answer counts as harm from someone. */
  kinds: RiskKind[];
}

const KIND_ORDER: readonly RiskKind[] = ['self-harm', 'harm-from-others'];

/** What every page does after a safety answer and free text. */
export function decideSafety(input: SafetyInput): SafetyDecision {
  const answered = input.answer !== undefined && WORRYING_ANSWERS.includes(input.answer);
  const found = new Set<RiskKind>(answered ? ['harm-from-others'] : []);
  for (const text of input.texts ?? []) for (const kind of riskSignals(text)) found.add(kind);
  const kinds = KIND_ORDER.filter((k) => found.has(k));
  const worried = kinds.length > 0;
  return {
    helpFirst: worried,
    // Someone who would rather not say may have a reason not to: the way out costs nothing to offer.
    quickExit: worried || input.answer === 'prefer_not_to_say',
    domesticAbuseHelp: found.has('harm-from-others'),
    jointExercises: !worried,
    jointSessionSuggestions: !worried,
    skipOtherValidation: answered,
    offerFirstSessionAlone: worried,
    kinds,
  };
}

/** Nothing flagged: the decision for a page that asked nothing and was told nothing. */
export const NO_WORRY: SafetyDecision = decideSafety({});

/** Who sessions are for: one's own when joint sessions may not be suggested, otherwise who was asked for. */
export function sessionsFor(decision: Pick<SafetyDecision, 'jointSessionSuggestions'>, wanted: Relationship): Relationship {
  return decision.jointSessionSuggestions ? wanted : 'individual';
}

/**
 * Under a safety concern only what can be done alone may be offered: a service, or a therapist, whose
 * relationships include one person on their own. A joint-only one is set aside, and never says why.
 */
export function offeredUnderSafetyConcern(relationships: readonly Relationship[]): boolean {
  return relationships.includes('individual');
}
