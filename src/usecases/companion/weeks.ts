// Which check-in week is open now: as recorded, or as it will be recorded once someone answers.

import type { CompanionRepositories } from '../../db/repositories/companion.ts';
import type { Week } from '../../db/repositories/companion-checkins.ts';
import type { Circle, CircleMember } from '../../db/repositories/companion-circles.ts';
import { csiDue, openWeek, type Period, type WeekView, weekView } from '../../domain/companion.ts';

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

/** What one member sees of a week: the domain's view over the members and the week's answers. */
export async function memberWeekView(
  r: CompanionRepositories,
  viewerId: string,
  members: readonly CircleMember[],
  week: OpenWeek,
  now: number,
): Promise<WeekView> {
  const answers = week.id ? await r.checkIns.answers(week.id) : [];
  return weekView(
    viewerId,
    members.map((x) => ({ id: x.clientId, joinedAt: x.joinedAt })),
    answers.map((a) => ({ memberId: a.clientId, answer: a.answer })),
    week,
    now,
  );
}
