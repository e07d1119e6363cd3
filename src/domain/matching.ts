// Find your match: a pure ranking function with published rules. No I/O: the caller builds the candidates.
//
// Hard requirements filter; preferences add the points in MATCH_WEIGHTS; when nothing meets every hard
// requirement, the least important relaxable one (RELAXATION_ORDER) is dropped and the result says so.
// Ties go to the sooner next free time (none last), then to the name. Every reason shown comes from the
// same check that admitted the therapist or added the points, so it is true of that therapist.

import {
  type AvailabilitySummary,
  type HardRequirement,
  MATCH_WEIGHTS,
  type Match,
  type MatchCandidate,
  type MatchRequest,
  type MatchResult,
  RELAXATION_ORDER,
  type Relaxation,
  STYLE_AXES,
  STYLE_LEAN,
  type StyleAxis,
  type TherapistStyle,
  type TieBreak,
  type TimeWindow,
} from './match-rules.ts';
import { rematchPoints } from './rematch.ts';
import { offeredUnderSafetyConcern } from './safety.ts';
import type { Format, Gender, Relationship, Service, Therapist } from './types.ts';
import { concernName, languageName } from './types.ts';

export * from './match-rules.ts';

const RELATIONSHIP_WORDS: Record<Relationship, string> = { couple: 'couples', individual: 'individuals', family: 'families', friendship: 'friends' };
const TIME_WORDS: Record<TimeWindow, string> = {
  weekday_daytime: 'weekday daytimes',
  evenings: 'evenings',
  saturdays: 'Saturdays',
};
const TIME_KEYS: Record<TimeWindow, keyof AvailabilitySummary> = {
  weekday_daytime: 'weekdayDaytime',
  evenings: 'evenings',
  saturdays: 'saturdays',
};
const FORMAT_WORDS: Record<Format, string> = { online: 'online', in_person: 'in person' };
const GENDER_WORDS: Record<Gender, string> = { woman: 'woman', man: 'man', non_binary: 'non-binary' };
const CURRENCY_SYMBOLS: Record<string, string> = { GBP: '£', EUR: '€', USD: '$' };

/** "a", "a and b", "a, b and c" (or "a, b or c"). */
export function joinWords(words: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function formatFee(minor: number, currency: string): string {
  const amount = minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);
  const symbol = CURRENCY_SYMBOLS[currency.toUpperCase()];
  return symbol ? `${symbol}${amount}` : `${amount} ${currency}`;
}

function normaliseText(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

function containsWords(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}

/** The therapist's cultural-experience entry matching the client's words, if any (case-insensitive, whole words). */
export function matchingCulture(therapist: Therapist, faithOrCulture: string): string | null {
  const wanted = normaliseText(faithOrCulture);
  if (wanted === '') return null;
  for (const entry of therapist.culturalExperience) {
    const have = normaliseText(entry);
    if (have !== '' && (containsWords(have, wanted) || containsWords(wanted, have))) return entry.trim();
  }
  return null;
}

/** Whether the therapist's self-described style leans toward the preferred pole of an axis. */
export function leansToward(style: TherapistStyle | undefined, axis: StyleAxis, pole: string): boolean {
  if (!style) return false;
  const value = style[axis];
  return pole === STYLE_AXES[axis].high ? value >= STYLE_LEAN : value <= -STYLE_LEAN;
}

interface HardCheck {
  id: HardRequirement;
  relaxable: boolean;
  passes(c: MatchCandidate): boolean;
  /** A reason to show when it passes (null: nothing worth saying, or nothing that may be said). */
  reason(c: MatchCandidate): string | null;
  unmet: string;
  explanation: string;
}

const OTHERS = 'so these therapists fit everything else you told us but';

function hardChecks(req: MatchRequest, services: readonly Service[]): HardCheck[] {
  const checks: HardCheck[] = [];
  const safety = req.safetyConcern === true;
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const requested = req.serviceId === undefined ? undefined : serviceById.get(req.serviceId);
  // Under the safety flag a joint-only service is set aside silently rather than suggested.
  const serviceSetAside = safety && requested !== undefined && !offeredUnderSafetyConcern(requested.relationships);
  if (req.serviceId !== undefined && !serviceSetAside) {
    const id = req.serviceId;
    const name = requested?.name ?? 'the service you chose';
    checks.push({
      id: 'service',
      relaxable: true,
      passes: (c) => requested?.active === true && c.therapist.serviceIds.includes(id),
      reason: () => `Offers ${name}`,
      unmet: `Does not offer ${name}`,
      explanation: `No therapist who fits everything else offers ${name}, ${OTHERS} do not offer it.`,
    });
  }
  if (req.format !== 'either') {
    const format = req.format;
    const word = FORMAT_WORDS[format];
    checks.push({
      id: 'format',
      relaxable: true,
      passes: (c) => c.therapist.formats.includes(format),
      reason: () => null, // said together with the times, in the preferences
      unmet: `Does not work ${word}`,
      explanation: `No therapist who fits everything else works ${word}, ${OTHERS} do not work ${word}.`,
    });
  }
  const languages = [...new Set((req.languages ?? []).map((l) => l.trim().toLowerCase()).filter((l) => l !== ''))];
  if (languages.length > 0) {
    const names = joinWords(languages.map(languageName), 'or');
    const spoken = (c: MatchCandidate) => languages.filter((l) => c.therapist.languages.some((t) => t.toLowerCase() === l));
    checks.push({
      id: 'language',
      relaxable: true,
      passes: (c) => spoken(c).length > 0,
      reason: (c) => `Speaks ${joinWords(spoken(c).map(languageName))}`,
      unmet: `Does not speak ${names}`,
      explanation: `No therapist who fits everything else speaks ${names}, ${OTHERS} do not speak ${names}.`,
    });
  }
  if (safety) {
    const individual = (id: string) => {
      const s = serviceById.get(id);
      return s?.active === true && offeredUnderSafetyConcern(s.relationships);
    };
    checks.push({
      id: 'safety',
      relaxable: false,
      passes: (c) => offeredUnderSafetyConcern(c.therapist.relationships) && c.therapist.serviceIds.some(individual),
      reason: () => null, // never reveal why
      unmet: '',
      explanation: '',
    });
  } else {
    const rel = req.relationship;
    const word = RELATIONSHIP_WORDS[rel];
    checks.push({
      id: 'relationship',
      relaxable: true,
      passes: (c) => c.therapist.relationships.includes(rel),
      reason: () => `Works with ${word}`,
      unmet: `Does not usually work with ${word}`,
      explanation: `No therapist who fits everything else works with ${word}, ${OTHERS} do not usually work with ${word}.`,
    });
  }
  if (req.concerns.includes('sexual-intimacy')) {
    checks.push({
      id: 'psychosexual',
      relaxable: false,
      passes: (c) => c.psychosexualTrained,
      reason: () => 'Trained in psychosexual therapy',
      unmet: '',
      explanation: '',
    });
  }
  return checks;
}

interface Evaluation {
  score: number;
  fitPoints: number;
  reasons: string[];
  unmet: string[];
}

function evaluate(req: MatchRequest, checks: readonly HardCheck[], c: MatchCandidate): Evaluation {
  const t = c.therapist;
  const W = MATCH_WEIGHTS;
  let score = 0;
  const reasons: string[] = [];
  const unmet: string[] = [];

  const concerns = [...new Set(req.concerns)];
  const worked = concerns.filter((k) => t.concerns.includes(k));
  const notWorked = concerns.filter((k) => !t.concerns.includes(k));
  score += W.concern.points * worked.length;
  if (worked.length > 0) reasons.push(`Works with ${joinWords(worked.map((k) => concernName(k).toLowerCase()))}`);
  if (notWorked.length > 0) unmet.push(`Not listed as working with ${joinWords(notWorked.map((k) => concernName(k).toLowerCase()))}`);

  let relationshipReason: string | null = null;
  for (const check of checks) {
    if (!check.passes(c)) {
      unmet.unshift(check.unmet); // only the relaxed requirement can fail here
      continue;
    }
    const reason = check.reason(c);
    if (check.id === 'relationship') relationshipReason = reason;
    else if (reason !== null) reasons.push(reason);
  }

  const times = [...new Set(req.times ?? [])];
  const free = times.filter((w) => c.availability[TIME_KEYS[w]]);
  const notFree = times.filter((w) => !c.availability[TIME_KEYS[w]]);
  score += W.time.points * free.length;
  const format = req.format !== 'either' && t.formats.includes(req.format) ? FORMAT_WORDS[req.format] : null;
  const timeWords = joinWords(free.map((w) => TIME_WORDS[w]));
  if (free.length > 0 && format !== null) reasons.push(`${capitalise(timeWords)}, ${format}`);
  else if (free.length > 0) reasons.push(`Available ${timeWords}`);
  else if (format !== null) reasons.push(`Works ${format}`);
  if (notFree.length > 0) unmet.push(`Not usually available ${joinWords(notFree.map((w) => TIME_WORDS[w]))}`);

  if (req.budgetMaxMinor !== undefined) {
    const fee = formatFee(t.feeMinor, t.currency);
    if (t.feeMinor <= req.budgetMaxMinor) {
      score += W.budget.points;
      reasons.push(`Fee within your budget (${fee})`);
    } else {
      unmet.push(`Fee ${fee} is above your budget of ${formatFee(req.budgetMaxMinor, t.currency)}`);
    }
  }

  if (req.faithOrCulture !== undefined && normaliseText(req.faithOrCulture) !== '') {
    const entry = matchingCulture(t, req.faithOrCulture);
    if (entry !== null) {
      score += W.faithOrCulture.points;
      reasons.push(`Experience with ${entry} clients`);
    } else {
      unmet.push(`No listed experience with ${req.faithOrCulture.trim()}`);
    }
  }

  if (req.therapistGender !== undefined) {
    const word = GENDER_WORDS[req.therapistGender];
    if (t.gender === req.therapistGender) {
      score += W.gender.points;
      reasons.push(`A ${word} therapist, as you preferred`);
    } else {
      unmet.push(`You preferred a ${word} therapist`);
    }
  }

  if (req.lgbtqAffirming === true) {
    if (t.lgbtqAffirming) {
      score += W.lgbtqAffirming.points;
      reasons.push('LGBTQ+ affirming');
    } else {
      unmet.push('Not listed as LGBTQ+ affirming');
    }
  }

  for (const axis of Object.keys(STYLE_AXES) as StyleAxis[]) {
    const pole = req.style?.[axis];
    if (pole === undefined) continue;
    const def = STYLE_AXES[axis];
    const high = pole === def.high;
    if (leansToward(c.style, axis, pole)) {
      score += W.style.points;
      reasons.push(high ? def.highReason : def.lowReason);
    } else {
      unmet.push(`Does not describe their style as ${high ? def.highLabel : def.lowLabel}`);
    }
  }

  if (relationshipReason !== null) reasons.push(relationshipReason);
  const fitPoints = score;
  if (req.rematch) {
    const extra = rematchPoints(req.rematch, c);
    score += extra.points;
    if (extra.reason !== null) reasons.unshift(extra.reason);
  }
  return { score, fitPoints, reasons, unmet };
}

function tieBreak(a: MatchCandidate & Evaluation, b: MatchCandidate & Evaluation): TieBreak['aheadOf'] {
  if (a.nextFreeStart !== b.nextFreeStart) return b.nextFreeStart === null ? 'has-time' : 'sooner';
  return 'name';
}

function compareCandidates(a: MatchCandidate & Evaluation, b: MatchCandidate & Evaluation): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.nextFreeStart !== b.nextFreeStart) {
    if (a.nextFreeStart === null) return 1;
    if (b.nextFreeStart === null) return -1;
    return a.nextFreeStart - b.nextFreeStart;
  }
  if (a.therapist.name !== b.therapist.name) return a.therapist.name < b.therapist.name ? -1 : 1;
  return a.therapist.id < b.therapist.id ? -1 : a.therapist.id > b.therapist.id ? 1 : 0;
}

/**
 * Rank therapists for a match request. Inactive therapists, repeated candidates and those in `exclude` are left out.
 * `services` is the practice's service list, used for the chosen service and for individual sessions.
 */
export function rankTherapists(request: MatchRequest, candidates: readonly MatchCandidate[], services: readonly Service[]): MatchResult {
  const seen = new Set<string>(request.exclude ?? []);
  const pool = candidates.filter((c) => {
    if (!c.therapist.active || seen.has(c.therapist.id)) return false;
    seen.add(c.therapist.id);
    return true;
  });
  const checks = hardChecks(request, services);
  let eligible = pool.filter((c) => checks.every((k) => k.passes(c)));
  let relaxed: Relaxation | null = null;
  if (eligible.length === 0) {
    for (const id of RELAXATION_ORDER) {
      const check = checks.find((k) => k.id === id && k.relaxable);
      if (!check) continue;
      const found = pool.filter((c) => checks.every((k) => k === check || k.passes(c)));
      if (found.length > 0) {
        eligible = found;
        relaxed = { requirement: id, explanation: check.explanation };
        break;
      }
    }
  }
  const ranked = eligible.map((c) => ({ ...c, ...evaluate(request, checks, c) })).sort(compareCandidates);
  return {
    matches: ranked.map((r, i) => {
      const before = ranked[i - 1];
      const match: Match = { therapistId: r.therapist.id, score: r.score, fitPoints: r.fitPoints, reasons: r.reasons, unmet: r.unmet };
      if (before !== undefined && before.score === r.score) match.tie = { aheadOf: tieBreak(before, r), therapistId: before.therapist.id };
      return match;
    }),
    relaxed,
    suggestIndividualFirst: request.safetyConcern === true && request.relationship !== 'individual',
  };
}
