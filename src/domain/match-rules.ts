// Find your match: what a request and a candidate are, the weights of each preference and the hard
// requirements in the order they are relaxed. The published rules; matching.ts applies them.
import type { Rematch } from './rematch.ts';
import type { ConcernId, Format, Gender, Relationship, Therapist } from './types.ts';

export const TIME_WINDOWS = ['weekday_daytime', 'evenings', 'saturdays'] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];

/**
 * Therapy-style axes in the spirit of the Cooper-Norcross Inventory of Preferences. A therapist describes
 * themselves on each axis from -1 (the low pole) to 1 (the high pole); a client may prefer either pole.
 */
export const STYLE_AXES = {
  directive: {
    high: 'directive',
    low: 'non_directive',
    highLabel: 'directive',
    lowLabel: 'non-directive',
    highReason: 'Takes an active, structured lead in sessions',
    lowReason: 'Lets you set the pace and direction',
  },
  pastFocus: {
    high: 'past',
    low: 'present',
    highLabel: 'focused on the past',
    lowLabel: 'focused on the here and now',
    highReason: 'Explores how the past shapes the present',
    lowReason: 'Focuses on the here and now',
  },
  challenging: {
    high: 'challenging',
    low: 'gentle',
    highLabel: 'challenging',
    lowLabel: 'gentle',
    highReason: 'Will challenge you directly',
    lowReason: 'Gentle and supportive in approach',
  },
} as const;
export type StyleAxis = keyof typeof STYLE_AXES;
/** How far from the middle (0) a therapist must lean on an axis to count as matching a pole. */
export const STYLE_LEAN = 0.25;

export interface TherapistStyle {
  directive: number;
  pastFocus: number;
  challenging: number;
}
export type StylePreferences = {
  [A in StyleAxis]?: (typeof STYLE_AXES)[A]['high'] | (typeof STYLE_AXES)[A]['low'];
};

export interface MatchRequest {
  relationship: Relationship;
  /** At least one (validated by the caller). */
  concerns: ConcernId[];
  format: Format | 'either';
  /** ISO 639-1 codes; when given, the therapist must speak at least one. */
  languages?: string[];
  times?: TimeWindow[];
  /** Ceiling for a 50-minute session fee, in minor units: a preference, not a filter. */
  budgetMaxMinor?: number;
  /** When given, the therapist must offer this service. */
  serviceId?: string;
  therapistGender?: Gender;
  /** Free text, matched case-insensitively against the therapist's cultural experience. */
  faithOrCulture?: string;
  lgbtqAffirming?: boolean;
  style?: StylePreferences;
  /** A partner answered yes to the private safety question: never suggest joint sessions. */
  safetyConcern?: boolean;
  /** Therapists to leave out (a second match leaves out who the person saw). */
  exclude?: readonly string[];
  /** A second match: what did not fit, which adds points of its own (domain/rematch.ts). */
  rematch?: Rematch;
}

export interface AvailabilitySummary {
  weekdayDaytime: boolean;
  evenings: boolean;
  saturdays: boolean;
}

export interface MatchCandidate {
  therapist: Therapist;
  /** Epoch milliseconds of the next free first-session start, or null when none is free. */
  nextFreeStart: number | null;
  availability: AvailabilitySummary;
  psychosexualTrained: boolean;
  style?: TherapistStyle;
}

export interface Match {
  therapistId: string;
  /** The points the ranking sorts by: `fitPoints` plus what a second match adds. */
  score: number;
  /** The points from the person's answers alone (MATCH_WEIGHTS), out of `maxPoints(request)`. */
  fitPoints: number;
  reasons: string[];
  unmet: string[];
  /** Same score as the match before it: what put that one first. */
  tie?: TieBreak;
}

/** Why, of two matches with the same score, one comes first: a sooner free time, a free time at all, or the name. */
export interface TieBreak {
  aheadOf: 'sooner' | 'has-time' | 'name';
  /** The therapist listed just before, with the same score. */
  therapistId: string;
}

export type HardRequirement = 'service' | 'format' | 'language' | 'relationship' | 'psychosexual' | 'safety';
export type RelaxableRequirement = 'format' | 'service' | 'language' | 'relationship';
export interface Relaxation {
  requirement: RelaxableRequirement;
  explanation: string;
}

export interface MatchResult {
  matches: Match[];
  relaxed: Relaxation | null;
  suggestIndividualFirst: boolean;
}

export interface MatchWeight {
  label: string;
  points: number;
  description: string;
}

/** The points each preference adds. "How we match" prints this table; the code uses nothing else. */
export const MATCH_WEIGHTS = {
  concern: { label: 'What is happening', points: 30, description: 'for each concern you chose that the therapist works with' },
  time: {
    label: 'When you can come',
    points: 8,
    description: 'for each of the times you can come (weekday daytimes, evenings, Saturdays) when the therapist usually has hours',
  },
  budget: {
    label: 'Budget',
    points: 15,
    description:
      "when the therapist's fee for a 50-minute session is within your budget; therapists above it are still shown, lower down, marked as over budget",
  },
  faithOrCulture: {
    label: 'Faith or culture',
    points: 12,
    description: 'when the therapist lists lived or professional experience of the faith or culture you named',
  },
  gender: { label: 'Therapist gender', points: 10, description: 'when the therapist is of the gender you preferred' },
  lgbtqAffirming: { label: 'LGBTQ+ affirming', points: 10, description: 'when you asked for an LGBTQ+ affirming therapist and the therapist is one' },
  style: {
    label: 'Therapy style',
    points: 5,
    description: `for each style preference (directive or not, past or present, gentle or challenging) where the therapist's own description leans your way`,
  },
} as const satisfies Record<string, MatchWeight>;

/** The hard requirements, as "How we match" states them. */
export const HARD_REQUIREMENTS: readonly { id: HardRequirement; relaxable: boolean; description: string }[] = [
  { id: 'service', relaxable: true, description: 'If you chose a service, the therapist offers it.' },
  { id: 'format', relaxable: true, description: 'If you chose online or in person, the therapist works that way.' },
  { id: 'language', relaxable: true, description: 'If you named languages, the therapist speaks at least one of them.' },
  { id: 'relationship', relaxable: true, description: 'The therapist works with who is coming: a couple, one person, a family or friends.' },
  { id: 'psychosexual', relaxable: false, description: 'Concerns about sexual intimacy go only to therapists trained in psychosexual therapy.' },
  {
    id: 'safety',
    relaxable: false,
    description:
      'If someone tells us privately that there is fear, control or harm at home, we suggest only therapists who offer individual sessions, never joint ones.',
  },
];

/** When nothing meets every hard requirement, the first of these whose relaxation finds someone is relaxed. */
export const RELAXATION_ORDER: readonly RelaxableRequirement[] = ['format', 'service', 'language', 'relationship'];
