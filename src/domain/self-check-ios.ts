// The circles picture (Inclusion of Other in the Self, Aron, Aron & Smollan, 1992): its geometry and words.
import { type About, type AboutWords, words } from './self-check-about.ts';

// ---------------------------------------------------------------------------
// Inclusion of Other in the Self (Aron, Aron & Smollan, 1992)

export const IOS_SOURCE = 'The circles picture is based on the Inclusion of Other in the Self scale (Aron, Aron & Smollan, 1992), which is free to use.';

export const IOS_QUESTION = 'Which picture best describes your relationship? One circle is you and the other is the person you are thinking of.';

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
