// Which check-in week is open now: as recorded, or as it will be recorded once someone answers.

import type { CompanionRepositories } from '../../db/repositories/companion.ts';
import type { Week } from '../../db/repositories/companion-checkins.ts';
import type { Circle } from '../../db/repositories/companion-circles.ts';
import { csiDue, openWeek, type Period } from '../../domain/companion.ts';

/** The open week not yet recorded (nobody has answered it): id null. */
export type UnrecordedWeek = Period & { id: null; withCsi: boolean; revealedAt: null; keptAt: null; circleId: string };
export type OpenWeek = Week | UnrecordedWeek;

/** The week open now. Reading never writes. */
export async function currentWeek(r: CompanionRepositories, circle: Circle, now: number): Promise<OpenWeek> {
  const latest = await r.checkIns.latestWeek(circle.id);
  const period = openWeek(circle.schedule, latest ? [latest] : [], now);
  if (latest && latest.start === period.start) return latest;
  return { ...period, id: null, circleId: circle.id, withCsi: csiDue(circle.kind, period.start, circle.schedule.timeZone), revealedAt: null, keptAt: null };
}

/** The week open now, recorded (idempotent: concurrent callers get the same row). */
export async function recordCurrentWeek(r: CompanionRepositories, circle: Circle, now: number): Promise<Week> {
  const week = await currentWeek(r, circle, now);
  if (week.id !== null) return week;
  return r.checkIns.addWeek({ circleId: circle.id, period: { start: week.start, end: week.end }, withCsi: week.withCsi, now });
}
