// Trends: a member's own answers over time (all of them, shared or not: only they see these), and what
// each member shared in revealed weeks, read through the reveal rule.

import type { Week } from '../../db/repositories/companion-checkins.ts';
import type { Membership } from '../../db/repositories/companion-circles.ts';
import { weekView } from '../../domain/companion.ts';
import { DIMENSIONS, type Dimension } from '../../domain/types.ts';
import { ownSupport } from './circles.ts';
import { type CompanionDeps, companion } from './deps.ts';

export interface SharedWeek {
  week: Week;
  /** Each member's shared closeness that week (the viewer's own only where they shared it). */
  values: Map<string, Partial<Record<Dimension, number>>>;
}

export async function circleTrends(deps: CompanionDeps, m: Membership) {
  const r = companion(deps);
  const now = deps.clock.now();
  const [support, weeks, byWeek, members] = await Promise.all([
    ownSupport(deps, m),
    r.checkIns.weeks(m.circle.id),
    r.checkIns.answersByWeek(m.circle.id),
    r.circles.members(m.circle.id),
  ]);
  const memberList = members.map((x) => ({ id: x.clientId, joinedAt: x.joinedAt }));
  const sharedWeeks: SharedWeek[] = [...weeks]
    .reverse()
    .map((w) => {
      const view = weekView(
        m.clientId,
        memberList,
        (byWeek.get(w.id) ?? []).map((a) => ({ memberId: a.clientId, answer: a.answer })),
        w,
        now,
      );
      const values = new Map<string, Partial<Record<Dimension, number>>>();
      if (view.own) {
        const own: Partial<Record<Dimension, number>> = {};
        for (const d of DIMENSIONS) if (view.own.share[d]) own[d] = view.own.closeness[d];
        values.set(m.clientId, own);
      }
      for (const o of view.others) values.set(o.memberId, o.closeness);
      return { week: w, values, revealed: view.revealed && w.end > m.joinedAt };
    })
    .filter((w) => w.revealed && [...w.values.entries()].some(([id, v]) => id !== m.clientId && Object.keys(v).length > 0))
    .map(({ week, values }) => ({ week, values }));
  // The viewer's own line first, then the others in the order they joined.
  const sharers = members
    .filter((x) => sharedWeeks.some((w) => Object.keys(w.values.get(x.clientId) ?? {}).length > 0))
    .map((x) => x.clientId)
    .sort((a, b) => Number(b === m.clientId) - Number(a === m.clientId));
  return { history: support.history, advice: support.advice, safety: support.safety, members, sharedWeeks, sharers };
}
