// "Not the right fit?": a second match that leaves out who the person saw and listens to what did not
// fit. Pure. The ranking (matching.ts) adds these points to the usual ones, and the reason beside them
// says why a therapist moved up; "something else" only leaves people out.
import { formatFee, type MatchCandidate, STYLE_AXES, type StyleAxis, type TherapistStyle } from './matching.ts';

export const MISFITS = ['approach', 'availability', 'fee', 'other'] as const;
export type Misfit = (typeof MISFITS)[number];

/** The choices as the form words them. */
export const MISFIT_LABELS: Record<Misfit, string> = {
  approach: 'Their way of working',
  availability: 'Their free times',
  fee: 'Their fee',
  other: 'Something else',
};

/** Who the person saw (and is left out of the second match), as far as the ranking needs them. */
export interface SeenTherapist {
  id: string;
  name: string;
  feeMinor: number;
  currency: string;
  style?: TherapistStyle | undefined;
}

export interface Rematch {
  misfit: Misfit;
  seen: readonly SeenTherapist[];
  /** Now, for "a free time soon". */
  now: number;
}

/** The points each answer to "what did not fit?" can add, and when. "How we match" prints them. */
export const REMATCH_WEIGHTS = {
  approach: {
    points: 8,
    description: 'for each style (directive or not, past or present, gentle or challenging) where the therapist works clearly differently from who you saw',
  },
  availability: { points: 20, description: 'when the therapist has a free first conversation in the next 7 days, at a time you said suits you' },
  fee: { points: 20, description: 'when the therapist’s fee is lower than the lowest fee of those you saw' },
} as const;

/** How soon counts as soon for "their free times". */
export const SOON_MS = 7 * 86_400_000;
/** How far apart (on a -1 to 1 axis) two styles must be to count as different. */
export const STYLE_DIFFERENCE = 0.5;

/** The most a second match can add to anyone's points (for choosing whom to work out free times for). */
export function mostRematchPoints(misfit: Misfit | undefined): number {
  if (misfit === 'approach') return REMATCH_WEIGHTS.approach.points * Object.keys(STYLE_AXES).length;
  if (misfit === 'availability') return REMATCH_WEIGHTS.availability.points;
  if (misfit === 'fee') return REMATCH_WEIGHTS.fee.points;
  return 0;
}

const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The extra points a candidate gets in a second match, and the reason to show for them (or none). */
export function rematchPoints(rematch: Rematch, c: MatchCandidate): { points: number; reason: string | null } {
  const names = rematch.seen.map((s) => s.name.split(' ')[0]).join(' or ');
  switch (rematch.misfit) {
    case 'approach': {
      const styled = rematch.seen.filter((s) => s.style !== undefined);
      if (styled.length === 0 || !c.style) return { points: 0, reason: null };
      const different: string[] = [];
      for (const axis of Object.keys(STYLE_AXES) as StyleAxis[]) {
        const theirs = average(styled.map((s) => s.style![axis]));
        const mine = c.style[axis];
        if (Math.abs(mine - theirs) >= STYLE_DIFFERENCE) different.push(mine > theirs ? STYLE_AXES[axis].highReason : STYLE_AXES[axis].lowReason);
      }
      if (different.length === 0) return { points: 0, reason: null };
      return {
        points: REMATCH_WEIGHTS.approach.points * different.length,
        reason: `Works differently from ${names}: ${different.map((d) => d.charAt(0).toLowerCase() + d.slice(1)).join('; ')}`,
      };
    }
    case 'availability': {
      const next = c.nextFreeStart;
      if (next === null || next - rematch.now > SOON_MS) return { points: 0, reason: null };
      return { points: REMATCH_WEIGHTS.availability.points, reason: 'Has a free time in the next 7 days that suits you' };
    }
    case 'fee': {
      const fees = rematch.seen.filter((s) => s.feeMinor > 0 && s.currency === c.therapist.currency).map((s) => s.feeMinor);
      if (fees.length === 0) return { points: 0, reason: null };
      const lowest = Math.min(...fees);
      if (c.therapist.feeMinor <= 0 || c.therapist.feeMinor >= lowest) return { points: 0, reason: null };
      return {
        points: REMATCH_WEIGHTS.fee.points,
        reason: `A lower fee: ${formatFee(c.therapist.feeMinor, c.therapist.currency)} a session, against ${formatFee(lowest, c.therapist.currency)}`,
      };
    }
    default:
      return { points: 0, reason: null };
  }
}
