// How well a match fits, in words rather than points: the share of the points the person's answers could
// give that this therapist gets. Pure; "How we match" prints the bands.
import { MATCH_WEIGHTS, type Match, type MatchRequest } from './matching.ts';

export const FIT_LABELS = ['Strong fit', 'Good fit', 'Partial fit'] as const;
export type FitLabel = (typeof FIT_LABELS)[number];

/** The bands, best first: at least this share of the points available. */
export const FIT_BANDS: readonly { label: FitLabel; atLeast: number; description: string }[] = [
  { label: 'Strong fit', atLeast: 0.8, description: 'meets everything you required, and gets at least 80% of the points your answers could give' },
  {
    label: 'Good fit',
    atLeast: 0.5,
    description: 'gets at least half of those points (when we had to drop a requirement, nobody is more than a good fit)',
  },
  { label: 'Partial fit', atLeast: 0, description: 'gets less than half of those points' },
];

/** The label for a match: its fit points against the most a request could give; a relaxed requirement is never a strong fit. */
export function fitLabel(match: Pick<Match, 'fitPoints'>, request: MatchRequest, relaxed: boolean): FitLabel {
  const most = maxPoints(request);
  const share = most === 0 ? 1 : match.fitPoints / most;
  if (relaxed) return share >= FIT_BANDS[1]!.atLeast ? 'Good fit' : 'Partial fit';
  return (FIT_BANDS.find((b) => share >= b.atLeast) ?? FIT_BANDS[2]!).label;
}

/** The most points a therapist could get for a request's answers (a second match's points aside). */
export function maxPoints(req: MatchRequest): number {
  const W = MATCH_WEIGHTS;
  const styles = Object.values(req.style ?? {}).filter((v) => v !== undefined).length;
  return (
    W.concern.points * new Set(req.concerns).size +
    W.time.points * new Set(req.times ?? []).size +
    (req.budgetMaxMinor !== undefined ? W.budget.points : 0) +
    (req.faithOrCulture !== undefined && req.faithOrCulture.trim() !== '' ? W.faithOrCulture.points : 0) +
    (req.therapistGender !== undefined ? W.gender.points : 0) +
    (req.lgbtqAffirming === true ? W.lgbtqAffirming.points : 0) +
    W.style.points * styles
  );
}
