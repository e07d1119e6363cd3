// The weekly check-in: the week as a member may see it, saving an answer (and revealing the week when
// everyone has answered), and one past week side by side.

import type { Week } from '../../db/repositories/companion-checkins.ts';
import type { CircleMember, Membership } from '../../db/repositories/companion-circles.ts';
import { type CheckInAnswer, isKept, isRevealed, type WeekView } from '../../domain/companion.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { ownSupport } from './circles.ts';
import { type CompanionDeps, companion, inTransaction } from './deps.ts';
import { currentWeek, memberWeekView, type OpenWeek, recordCurrentWeek } from './weeks.ts';

/** The week open now (for the form: whether it asks the monthly questions, and when it started). */
export async function openCheckInWeek(deps: CompanionDeps, m: Membership): Promise<OpenWeek> {
  return currentWeek(companion(deps), m.circle, deps.clock.now());
}

/**
 * This week as the member may see it: their own answer, and the others' shared parts once revealed; with
 * the private support advice drawn from the member's own check-ins.
 */
export async function thisWeek(deps: CompanionDeps, m: Membership) {
  const r = companion(deps);
  const now = deps.clock.now();
  const [week, members, support] = await Promise.all([currentWeek(r, m.circle, now), r.circles.members(m.circle.id), ownSupport(deps, m)]);
  const view = await memberWeekView(r, m.clientId, members, week, now);
  return { week, members, view, advice: support.advice, safety: support.safety };
}

/**
 * Saves (or replaces) the member's answer to the week that started at `weekStart`, while that week is
 * open and not yet revealed. In one transaction holding the week's row: the answer, then the reveal and
 * the "kept" mark once everyone has answered, each set once. WEEK_CHANGED when a new week has begun since
 * the form was shown; ANSWERS_REVEALED when the week can no longer be changed.
 */
export async function saveCheckIn(
  deps: CompanionDeps,
  m: Membership,
  input: { weekStart: number | null; answer: CheckInAnswer },
): Promise<Outcome<{ weekId: string; revealed: boolean }>> {
  const now = deps.clock.now();
  const r = companion(deps);
  const open = await currentWeek(r, m.circle, now);
  if (input.weekStart !== open.start) return fail('WEEK_CHANGED', 'The week you were answering has ended and a new one has begun.');
  const week = await recordCurrentWeek(r, m.circle, now);
  const closed = () =>
    fail<{ weekId: string; revealed: boolean }>('ANSWERS_REVEALED', 'This week’s answers have already been revealed, so they can no longer be changed.');
  return inTransaction(deps, async (t) => {
    const current = await t.checkIns.lockWeek(week.id);
    if (!current) return closed();
    const members = (await t.circles.members(current.circleId)).map((x) => x.clientId);
    const answeredBefore = await t.checkIns.answeredBy(week.id);
    const isOpen = now >= current.start && now < current.end && !isRevealed({ ...current }, members, answeredBefore, now);
    if (!isOpen || !members.includes(m.clientId)) return closed();
    await t.checkIns.putAnswer({ week: current, clientId: m.clientId, answer: input.answer, replace: answeredBefore.includes(m.clientId), now });
    const answered = [...new Set([...answeredBefore, m.clientId])];
    const revealed = isRevealed({ ...current, revealedAt: null }, members, answered, now);
    if (revealed) await t.checkIns.markRevealed(week.id, now);
    if (isKept(members, answered)) await t.checkIns.markKept(week.id, now);
    return ok({ weekId: week.id, revealed });
  });
}

/** One week of the circle as the member may see it; WEEK_NOT_FOUND for a week of another circle. */
export async function weekOfCircle(
  deps: CompanionDeps,
  m: Membership,
  weekId: string,
): Promise<Outcome<{ week: Week; members: CircleMember[]; view: WeekView }>> {
  const r = companion(deps);
  const week = await r.checkIns.week(m.circle.id, weekId);
  if (!week) return fail('WEEK_NOT_FOUND', 'No such week in this circle.');
  const now = deps.clock.now();
  const members = await r.circles.members(m.circle.id);
  const view = await memberWeekView(r, m.clientId, members, week, now);
  return ok({ week, members, view });
}
