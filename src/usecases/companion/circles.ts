// Circles: starting one, the front page's list, a circle's overview and settings, its check-in time, and
// leaving it. The one access decision for everything under a circle is membershipOf.
import type { Membership } from '../../db/repositories/companion-circles.ts';
import { CIRCLE_SIZE, type CircleKind, checkInWords, type Schedule, supportFor } from '../../domain/companion.ts';
import { type Outcome, ok } from '../../domain/errors.ts';
import { decideSafety } from '../../domain/safety.ts';
import { type CompanionDeps, companion, inTransaction } from './deps.ts';
import { currentWeek, memberWeekView } from './weeks.ts';

/** The signed-in client's membership of a circle, or null: not a member and no such circle look the same. */
export async function membershipOf(deps: CompanionDeps, circleId: string, clientId: string): Promise<Membership | null> {
  return companion(deps).circles.membership(circleId, clientId);
}

export async function startCircle(
  deps: CompanionDeps,
  input: { clientId: string; kind: CircleKind; name: string; displayName: string; schedule: Schedule },
): Promise<Outcome<{ circleId: string }>> {
  const now = deps.clock.now();
  const circleId = await inTransaction(deps, (r) => r.circles.create({ ...input, now }));
  return ok({ circleId });
}

/** The client's circles, each with this week's state: for the companion's front page. */
export async function yourCircles(deps: CompanionDeps, clientId: string) {
  const r = companion(deps);
  const now = deps.clock.now();
  const memberships = await r.circles.circlesOf(clientId);
  return Promise.all(
    memberships.map(async (m) => {
      const week = await currentWeek(r, m.circle, now);
      const answered = week.id ? (await r.checkIns.answers(week.id)).some((a) => a.clientId === clientId) : false;
      return { m, week, answered, kept: await r.checkIns.keptCount(m.circle.id) };
    }),
  );
}

/**
 * A member's own check-ins as the support rule reads them, and what the safety policy makes of the words in
 * their latest one (worked out each time from the sealed answer, never stored; shown to them alone).
 */
export async function ownSupport(deps: CompanionDeps, m: Membership) {
  const history = await companion(deps).checkIns.ownHistory(m.circle.id, m.clientId);
  const latest = history.at(-1);
  return {
    history,
    advice: supportFor(history.map((h) => ({ weekStart: h.week.start, closeness: h.answer.closeness, hurt: h.answer.hurt }))),
    safety: decideSafety({ texts: latest ? checkInWords(latest.answer) : [] }),
  };
}

/** A circle's overview: this week as the viewer may see it, the members, kept weeks, past weeks and private advice. */
export async function circleOverview(deps: CompanionDeps, m: Membership) {
  const r = companion(deps);
  const now = deps.clock.now();
  const [week, members, kept, support, weeks, draft] = await Promise.all([
    currentWeek(r, m.circle, now),
    r.circles.members(m.circle.id),
    r.checkIns.keptCount(m.circle.id),
    ownSupport(deps, m),
    r.checkIns.weeks(m.circle.id, 12),
    r.drafts.get(m.circle.id, m.clientId),
  ]);
  const view = await memberWeekView(r, m.clientId, members, week, now);
  // A check-in begun and kept for later, this week: the home page offers to finish it.
  const started = draft !== null && draft.weekStart === week.start;
  return { week, members, kept, advice: support.advice, safety: support.safety, weeks, view, started };
}

/** The settings page: who is in, invitations still open, and the room left for more. */
export async function circleSettings(deps: CompanionDeps, m: Membership) {
  const r = companion(deps);
  const now = deps.clock.now();
  const [members, pending, mine] = await Promise.all([
    r.circles.members(m.circle.id),
    r.circles.pendingInvites(m.circle.id, now),
    r.circles.openInvitesBy(m.circle.id, m.clientId, now),
  ]);
  // Whom an invitation went to is shown to the member who sent it only.
  return { members, pending, mine, room: CIRCLE_SIZE[m.circle.kind] - members.length - pending };
}

/** A new check-in time; a week that has already started keeps its times. */
export async function changeCircleSchedule(deps: CompanionDeps, m: Membership, schedule: Schedule): Promise<Outcome<void>> {
  await companion(deps).circles.updateSchedule(m.circle.id, schedule, deps.clock.now());
  return ok(undefined);
}

/** Leaves a circle: what the member wrote there goes with them; an empty circle is deleted. */
export async function leaveCircle(deps: CompanionDeps, m: Membership): Promise<Outcome<void>> {
  await inTransaction(deps, (r) => r.circles.leave(m.circle.id, m.clientId));
  return ok(undefined);
}
