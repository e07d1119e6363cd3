// The weekly check-in: the week as a member may see it, saving an answer (and revealing the week when
// everyone has answered), and one past week side by side.

import type { Week } from '../../db/repositories/companion-checkins.ts';
import type { CircleMember, Membership } from '../../db/repositories/companion-circles.ts';
import type { CheckInDraft, DraftFields } from '../../db/repositories/companion-drafts.ts';
import { type CheckInAnswer, isKept, isRevealed, type WeekView } from '../../domain/companion.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { ownSupport } from './circles.ts';
import { type CompanionDeps, companion, inTransaction } from './deps.ts';
import { queueCheckInNotices } from './notices.ts';
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
  const practice = await deps.repos.practice.get(); // read before the transaction (SQLite: one connection)
  const closed = () =>
    fail<{ weekId: string; revealed: boolean }>('ANSWERS_REVEALED', 'This week’s answers have already been revealed, so they can no longer be changed.');
  return inTransaction(deps, async (t, trx) => {
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
    await t.drafts.remove(current.circleId, m.clientId);
    const firstAnswer = !answeredBefore.includes(m.clientId);
    await queueCheckInNotices(deps, t, trx, {
      circleId: current.circleId,
      weekId: week.id,
      members,
      answererId: m.clientId,
      firstAnswer,
      revealed,
      practiceName: practice.name,
      now,
    });
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

/**
 * Keeps what the member has written so far for the week open now (in place of any earlier draft). A draft
 * for a week that has ended is not kept (WEEK_CHANGED), nor one for a week already revealed.
 */
export async function saveCheckInDraft(
  deps: CompanionDeps,
  m: Membership,
  input: { weekStart: number; fields: DraftFields },
): Promise<Outcome<{ savedAt: number }>> {
  const now = deps.clock.now();
  const r = companion(deps);
  const open = await currentWeek(r, m.circle, now);
  if (input.weekStart !== open.start) return fail('WEEK_CHANGED', 'The week you were answering has ended and a new one has begun.');
  await r.drafts.put({ circleId: m.circle.id, clientId: m.clientId, weekStart: input.weekStart, fields: input.fields, now });
  return ok({ savedAt: now });
}

/** The member's draft for this circle, if any (the page decides whether it is this week's). */
export async function checkInDraft(deps: CompanionDeps, m: Membership): Promise<CheckInDraft | null> {
  return companion(deps).drafts.get(m.circle.id, m.clientId);
}
