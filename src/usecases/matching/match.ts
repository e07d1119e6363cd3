// The directory and Find your match: load therapists from the repositories, work out their next free
// times, and (for a match) hand them to the pure ranking. Nothing here stores anything.

import type { AppDeps } from '../../app/deps.ts';
import { practiceRepository } from '../../db/repositories/practice.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { type PoolPoints, type TherapistFilter, type TherapistProfile, therapistRepository, WEEKLY_WINDOW_SQL } from '../../db/repositories/therapists.ts';
import { startSuits } from '../../domain/match-times.ts';
import {
  type AvailabilitySummary,
  MATCH_WEIGHTS,
  type MatchCandidate,
  type MatchRequest,
  type MatchResult,
  RELAXATION_ORDER,
  type RelaxableRequirement,
  rankTherapists,
  type TimeWindow,
} from '../../domain/matching.ts';
import { type Misfit, mostRematchPoints, type SeenTherapist } from '../../domain/rematch.ts';
import { offeredUnderSafetyConcern } from '../../domain/safety.ts';
import type { Slot } from '../../domain/slots.ts';
import type { Service, WeeklyHours } from '../../domain/types.ts';
import { ANY_THERAPIST_SERVICE_SLUG } from '../bookings/create.ts';
import { nextFreeStarts } from '../bookings/slots.ts';
import { freeStartsWithin } from './free-times.ts';

type Deps = Pick<AppDeps, 'database' | 'clock'>;

/** Results per directory page. */
export const DIRECTORY_PAGE_SIZE = 20;
/** Most candidates a match ranks (see matchPool): every candidate in a practice of ordinary size. */
export const MATCH_POOL_SIZE = 100;
/** "Something in the next 7 days". */
export const SOON_DAYS = 7;
/** How many therapists that filter looks at in one go. */
const SOON_BATCH = 200;

/** Whether one weekly range falls in a window (the same rule the SQL filter uses). */
export function inWindow(hours: WeeklyHours, window: TimeWindow): boolean {
  const rule = WEEKLY_WINDOW_SQL[window];
  return (
    hours.weekday >= rule.weekdays[0] &&
    hours.weekday <= rule.weekdays[1] &&
    (rule.startBefore === undefined || hours.start < rule.startBefore) &&
    (rule.endAfter === undefined || hours.end > rule.endAfter)
  );
}

/**
 * When a therapist usually has hours, from their weekly hours: weekday daytime is a Monday–Friday range
 * starting before 17:00, evenings a range ending after 18:00, Saturdays any range on a Saturday.
 */
export function availabilitySummary(hours: readonly WeeklyHours[]): AvailabilitySummary {
  return {
    weekdayDaytime: hours.some((h) => inWindow(h, 'weekday_daytime')),
    evenings: hours.some((h) => inWindow(h, 'evenings')),
    saturdays: hours.some((h) => inWindow(h, 'saturdays')),
  };
}

/** The service a first booking is for: the free initial consultation. */
export function firstSessionService(services: readonly Service[]): Service | undefined {
  const active = services.filter((s) => s.active);
  return active.find((s) => s.slug === ANY_THERAPIST_SERVICE_SLUG) ?? active.find((s) => s.priceMinor === 0) ?? active[0];
}

/**
 * Next free first-session times for each therapist who offers that service (others get none); with
 * `within`, only times that fall in the times of day the person asked for, read in their zone.
 */
export async function firstSessionTimes(
  deps: Deps,
  therapists: readonly TherapistProfile[],
  service: Service | undefined,
  limit: number,
  within?: { windows: readonly TimeWindow[]; timeZone: string },
): Promise<Map<string, Slot[]>> {
  if (!service || therapists.length === 0) return new Map();
  const offering = therapists.filter((t) => t.serviceIds.includes(service.id)).map((t) => t.id);
  if (!within || within.windows.length === 0) return nextFreeStarts(deps, offering, service, limit);
  return freeStartsWithin(deps, offering, service, limit, (start) => startSuits(start, within.windows, within.timeZone), within.timeZone);
}

export function toCandidate(t: TherapistProfile, nextFreeStart: number | null): MatchCandidate {
  return { therapist: t, nextFreeStart, availability: availabilitySummary(t.weeklyHours), psychosexualTrained: t.psychosexualTrained, style: t.style };
}

// ---------- the directory ----------

export interface DirectoryFilter extends Omit<TherapistFilter, 'limit' | 'offset' | 'ids'> {
  /** Only therapists with a free first-session time in the next SOON_DAYS days. */
  soon?: boolean | undefined;
}

export interface DirectoryResult {
  /** How many therapists the filters find; with `totalIsAtLeast`, at least this many. */
  total: number;
  /** "Free in the next 7 days" stops looking once it has this page and one more therapist. */
  totalIsAtLeast: boolean;
  /** 1-based, clamped to the pages there are. */
  page: number;
  pages: number;
  therapists: TherapistProfile[];
  /** Next free first-session times of the therapists shown. */
  freeTimes: Map<string, Slot[]>;
  firstSession: Service | undefined;
}

/** One page of the directory, by name, with each therapist's next free first-session time. */
export async function searchDirectory(deps: Deps, filter: DirectoryFilter, page = 1, freeTimesEach = 1): Promise<DirectoryResult> {
  const { db } = deps.database;
  const therapists = therapistRepository(db);
  const firstSession = firstSessionService(await serviceRepository(db).listActive());
  const { soon, ...sqlFilter } = filter;
  if (soon) {
    // Free times come from the slots, not from SQL. Walk the therapists who meet the other filters in
    // the directory's order, a batch at a time, working out one week of slots (not the whole booking
    // window), and stop once this page and one more are found: a national directory has tens of
    // thousands to look through, and nobody pages through them all. The total is then "at least".
    const thisWeek = firstSession ? { ...firstSession, bookingWindowDays: Math.min(firstSession.bookingWindowDays, SOON_DAYS) } : undefined;
    const wanted = Math.max(1, page) * DIRECTORY_PAGE_SIZE + 1;
    const soonest: TherapistProfile[] = [];
    let exhausted = false;
    for (let offset = 0; soonest.length < wanted; offset += SOON_BATCH) {
      const batch = await therapists.search({ ...sqlFilter, limit: SOON_BATCH, offset });
      const times = await firstSessionTimes(deps, batch, thisWeek, 1);
      soonest.push(...batch.filter((t) => (times.get(t.id)?.length ?? 0) > 0));
      if (batch.length < SOON_BATCH) {
        exhausted = true;
        break;
      }
    }
    const pages = Math.max(1, Math.ceil(soonest.length / DIRECTORY_PAGE_SIZE));
    const p = Math.min(Math.max(1, page), pages);
    const shown = soonest.slice((p - 1) * DIRECTORY_PAGE_SIZE, p * DIRECTORY_PAGE_SIZE);
    const freeTimes = await firstSessionTimes(deps, shown, firstSession, freeTimesEach);
    return { total: soonest.length, totalIsAtLeast: !exhausted, page: p, pages, therapists: shown, freeTimes, firstSession };
  }
  const total = await therapists.count(sqlFilter);
  const pages = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  const shown = total === 0 ? [] : await therapists.search({ ...sqlFilter, limit: DIRECTORY_PAGE_SIZE, offset: (p - 1) * DIRECTORY_PAGE_SIZE });
  const freeTimes = await firstSessionTimes(deps, shown, firstSession, freeTimesEach);
  return { total, totalIsAtLeast: false, page: p, pages, therapists: shown, freeTimes, firstSession };
}

/** How many therapists a directory filter finds (the free-time filter included). */
export async function countDirectory(deps: Deps, filter: DirectoryFilter): Promise<number> {
  if (!filter.soon) {
    const { soon: _soon, ...sqlFilter } = filter;
    return therapistRepository(deps.database.db).count(sqlFilter);
  }
  return (await searchDirectory(deps, filter)).total;
}

/**
 * When a filter finds nobody: the one filter whose removal finds the most therapists (ties: the first
 * in `order`), or null when removing any single one still finds nobody.
 */
export async function filterToLoosen<K extends keyof DirectoryFilter>(
  deps: Deps,
  filter: DirectoryFilter,
  order: readonly K[],
): Promise<{ key: K; count: number } | null> {
  let best: { key: K; count: number } | null = null;
  for (const key of order) {
    const value = filter[key];
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) continue;
    const count = await countDirectory(deps, { ...filter, [key]: undefined });
    if (count > 0 && (best === null || count > best.count)) best = { key, count };
  }
  return best;
}

// ---------- Find your match ----------

export interface MatchOutcome {
  result: MatchResult;
  /** The request as ranked (with a second match's details when there was one). */
  request: MatchRequest;
  /** Who a second match left out, by name. */
  seen: SeenTherapist[];
  therapists: Map<string, TherapistProfile>;
  /** Next free first-session times of every candidate ranked. */
  freeTimes: Map<string, Slot[]>;
  firstSession: Service | undefined;
}

/** The hard requirements SQL can apply, with one relaxable requirement left out when `drop` says so. */
export function hardFilter(request: MatchRequest, services: readonly Service[], drop?: RelaxableRequirement): TherapistFilter {
  const safety = request.safetyConcern === true;
  const chosen = services.find((s) => s.id === request.serviceId);
  // Under the safety flag a joint-only service is set aside (as the ranking does).
  const serviceSetAside = safety && chosen !== undefined && !offeredUnderSafetyConcern(chosen.relationships);
  const languages = [...new Set((request.languages ?? []).map((l) => l.trim().toLowerCase()).filter((l) => l !== ''))];
  return {
    serviceId: request.serviceId !== undefined && !serviceSetAside && drop !== 'service' ? request.serviceId : undefined,
    format: request.format !== 'either' && drop !== 'format' ? request.format : undefined,
    languages: languages.length > 0 && drop !== 'language' ? languages : undefined,
    relationship: safety ? 'individual' : drop !== 'relationship' ? request.relationship : undefined,
    psychosexualTrained: request.concerns.includes('sexual-intimacy') ? true : undefined,
  };
}

/** The points of MATCH_WEIGHTS that SQL can count, to choose the candidates when there are very many. */
export function poolPoints(request: MatchRequest): PoolPoints {
  const W = MATCH_WEIGHTS;
  return {
    concerns: { ids: request.concerns, points: W.concern.points },
    times: { windows: request.times ?? [], points: W.time.points },
    budget: request.budgetMaxMinor !== undefined ? { maxFeeMinor: request.budgetMaxMinor, points: W.budget.points } : undefined,
    gender: request.therapistGender !== undefined ? { gender: request.therapistGender, points: W.gender.points } : undefined,
    lgbtqAffirming: request.lgbtqAffirming === true ? { points: W.lgbtqAffirming.points } : undefined,
  };
}

const sameFilter = (a: TherapistFilter, b: TherapistFilter) => JSON.stringify(a) === JSON.stringify(b);

export interface FindMatchesOptions {
  /** How many of the best to return, in their exact order (default 20). */
  top?: number;
  /** Free first-session times to work out for each of them (default 3). */
  freeTimesEach?: number;
  /** The person's zone: the times of day they asked for are read in it (default: the practice's). */
  timeZone?: string | undefined;
  /** A second match: what did not fit about who they saw (the request's `exclude`). */
  misfit?: Misfit | undefined;
}

/** Who a second match leaves out, as the ranking needs them (at most 20; unknown ids are ignored). */
export async function seenTherapists(deps: Deps, ids: readonly string[]): Promise<SeenTherapist[]> {
  const wanted = [...new Set(ids)].slice(0, 20);
  if (wanted.length === 0) return [];
  const found = await therapistRepository(deps.database.db).search({ ids: wanted });
  return found.map((t) => ({ id: t.id, name: t.name, feeMinor: t.feeMinor, currency: t.currency, style: t.style }));
}

/**
 * Ranks therapists for a match request. The hard requirements are applied in SQL; when nobody meets
 * them all, the candidates of the first relaxation (RELAXATION_ORDER) that finds anyone are ranked, and
 * the ranking itself relaxes that requirement and says so. Points do not depend on free times, so the
 * candidates are ranked once without them, free times are worked out only for those who can reach the
 * top `top` (ties at the edge included), and the ranking runs again with them: the top is exact.
 */
export async function findMatches(deps: Deps, asked: MatchRequest, options: FindMatchesOptions = {}): Promise<MatchOutcome> {
  const top = options.top ?? 20;
  const seen = options.misfit && asked.exclude && asked.exclude.length > 0 ? await seenTherapists(deps, asked.exclude) : [];
  const request: MatchRequest = options.misfit && seen.length > 0 ? { ...asked, rematch: { misfit: options.misfit, seen, now: deps.clock.now() } } : asked;
  const { db } = deps.database;
  const therapists = therapistRepository(db);
  const points = poolPoints(request);
  // The service list only shapes the SQL filter when a service was asked for; otherwise both at once.
  const servicesLoading = serviceRepository(db).listActive();
  const strict = hardFilter(request, request.serviceId === undefined ? [] : await servicesLoading);
  // A second match leaves out who the person saw before anything else, so that relaxing finds others.
  const excluded = new Set(request.exclude ?? []);
  const poolOf = async (filter: TherapistFilter) => (await therapists.matchPool(filter, points, MATCH_POOL_SIZE)).filter((t) => !excluded.has(t.id));
  let [services, pool] = await Promise.all([servicesLoading, poolOf(strict)]);
  const firstSession = firstSessionService(services);
  if (pool.length === 0) {
    for (const drop of RELAXATION_ORDER) {
      const loose = hardFilter(request, services, drop);
      if (sameFilter(loose, strict)) continue;
      pool = await poolOf(loose);
      if (pool.length > 0) break;
    }
  }
  const byId = new Map(pool.map((t) => [t.id, t]));
  const first = rankTherapists(
    request,
    pool.map((t) => toCandidate(t, null)),
    services,
  );
  // Free times can add a second match's points ("their free times"): anyone within reach of the edge counts.
  const edge = first.matches[Math.min(top, first.matches.length) - 1]?.score;
  const reach = request.rematch?.misfit === 'availability' ? mostRematchPoints('availability') : 0;
  const contenders =
    edge === undefined
      ? []
      : first.matches
          .filter((m) => m.score >= edge - reach)
          .map((m) => byId.get(m.therapistId))
          .filter((t) => t !== undefined);
  const zone = options.timeZone ?? (await practiceRepository(db).get()).timeZone;
  const freeTimes = await firstSessionTimes(deps, contenders, firstSession, options.freeTimesEach ?? 3, { windows: request.times ?? [], timeZone: zone });
  const result = rankTherapists(
    request,
    pool.map((t) => toCandidate(t, freeTimes.get(t.id)?.[0]?.start ?? null)),
    services,
  );
  return { result: { ...result, matches: result.matches.slice(0, top) }, request, seen, therapists: byId, freeTimes, firstSession };
}
