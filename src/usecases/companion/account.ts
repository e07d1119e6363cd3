// A client's own account: what it is, and the download of everything they wrote (audited).
import { type CompanionDeps, clientActor, companion } from './deps.ts';

export async function accountOf(deps: CompanionDeps, clientId: string) {
  return companion(deps).accounts.account(clientId);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Everything a client wrote in the companion (their own answers, shared or not; nobody else's), as JSON-ready data. */
export async function companionRecord(deps: CompanionDeps, clientId: string) {
  const r = companion(deps);
  const [account, memberships, answers, promises, notes, drafts] = await Promise.all([
    r.accounts.account(clientId),
    r.circles.circlesOf(clientId),
    r.checkIns.allOwn(clientId),
    r.together.ownPromises(clientId),
    r.together.ownNotes(clientId),
    r.drafts.allOwn(clientId),
  ]);
  return {
    account: {
      email: account?.email ?? null,
      createdAt: iso(account?.createdAt ?? null),
      consent: account?.consent ? { version: account.consent.version, givenAt: iso(account.consent.givenAt) } : null,
    },
    circles: memberships.map((m) => ({
      id: m.circle.id,
      kind: m.circle.kind,
      name: m.circle.name,
      yourName: m.displayName,
      joinedAt: iso(m.joinedAt),
      checkIn: m.circle.schedule,
    })),
    checkIns: answers.map((a) => ({
      circleId: a.circleId,
      weekStart: iso(a.week.start),
      weekEnd: iso(a.week.end),
      answeredAt: iso(a.updatedAt),
      answer: a.answer,
    })),
    promises: promises.map((p) => ({
      circleId: p.circleId,
      text: p.text,
      dueOn: p.dueOn,
      sharedWithCircle: p.shared,
      status: p.status,
      madeAt: iso(p.createdAt),
    })),
    appreciationNotes: notes.map((n) => ({ circleId: n.circleId, text: n.text, writtenAt: iso(n.createdAt) })),
    // A check-in begun and kept for later, not yet saved as an answer.
    checkInDrafts: drafts.map((d) => ({ circleId: d.circleId, weekStart: iso(d.weekStart), keptAt: iso(d.updatedAt), fields: d.fields })),
  };
}

/** The client's own download of their companion record (audited). */
export async function exportCompanionData(deps: CompanionDeps, clientId: string, requestId: string | null) {
  const now = deps.clock.now();
  const body = { exportedAt: iso(now), ...(await companionRecord(deps, clientId)) };
  await companion(deps).accounts.audit({ actor: clientActor(clientId), action: 'companion.export', target: clientId, requestId, now });
  return body;
}
