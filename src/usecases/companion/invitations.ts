// Invitations to a circle: sending one (throttled per member, only while the circle has room, with its
// e-mail in the same transaction), withdrawing them, opening one, and joining with it.
import type { Membership } from '../../db/repositories/companion-circles.ts';
import type { CircleKind } from '../../domain/companion.ts';
import { CIRCLE_SIZE, INVITES_PER_DAY } from '../../domain/companion.ts';
import { normaliseEmail } from '../../domain/email.ts';
import { fail, type Outcome, ok, rateLimited } from '../../domain/errors.ts';
import { inviteMail } from '../../mail/companion-messages.ts';
import { newToken } from '../../security/encryption.ts';
import { enqueueMail } from '../outbox.ts';
import { type CompanionDeps, companion, inTransaction } from './deps.ts';

const DAY = 86_400_000;

/** Invites an address to the member's circle: RATE_LIMITED after a day's share, CIRCLE_FULL without room, VALIDATION_FAILED for their own address. */
export async function inviteToCircle(deps: CompanionDeps, m: Membership, email: string): Promise<Outcome<void>> {
  const now = deps.clock.now();
  const limit = await deps.repos.rateLimits.hit(`companion-invite:${m.clientId}`, DAY, INVITES_PER_DAY, now);
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds, 'You have sent a lot of invitations today.');
  const practice = await deps.repos.practice.get();
  const to = normaliseEmail(email);
  const own = await companion(deps).accounts.emailOf(m.clientId);
  if (own !== null && normaliseEmail(own) === to) return fail('VALIDATION_FAILED', 'That is your own address: invite the person you want to check in with.');
  return inTransaction(deps, async (r, trx) => {
    // The circle's row lock first, so that two invitations cannot both take the last place.
    await r.circles.lock(m.circle.id, now);
    const taken = (await r.circles.memberCount(m.circle.id)) + (await r.circles.pendingInvites(m.circle.id, now));
    if (taken >= CIRCLE_SIZE[m.circle.kind]) return fail('CIRCLE_FULL', 'There is no room for anyone else in this circle.');
    const token = newToken();
    await r.circles.addInvite({ token, circleId: m.circle.id, invitedBy: m.clientId, invitee: to, now });
    await enqueueMail(trx, inviteMail(to, `${deps.config.publicUrl}/companion/invites/${token}`, m.displayName, practice.name), now, deps.encryptor);
    return ok(undefined);
  });
}

/** Withdraws one open invitation the member sent, named by its label (INVITE_NOT_FOUND when it is gone). */
export async function withdrawInvite(deps: CompanionDeps, m: Membership, label: string): Promise<Outcome<void>> {
  const gone = await companion(deps).circles.cancelInvite(m.circle.id, m.clientId, label, deps.clock.now());
  return gone ? ok(undefined) : fail('INVITE_NOT_FOUND', 'That invitation was used or withdrawn already.');
}

export interface Invitation {
  circleId: string;
  kind: CircleKind;
  inviterName: string;
  /** The viewer (when signed in) is in the circle already. */
  alreadyMember: boolean;
}

/** What an invitation link shows before joining: the kind of circle and who sent it. */
export async function openInvitation(deps: CompanionDeps, token: string, clientId: string | null): Promise<Outcome<Invitation>> {
  const r = companion(deps);
  const invite = await r.circles.findInvite(token, deps.clock.now());
  if (!invite) return fail('INVITE_NOT_FOUND', 'Invitations work once, for 7 days.');
  const alreadyMember = clientId !== null && (await r.circles.membership(invite.circleId, clientId)) !== null;
  return ok({ ...invite, alreadyMember });
}

/**
 * Joins the circle with an invitation (compare-and-swap on the invitation). Someone already in the circle
 * is taken there without using it up (joined: false).
 */
export async function acceptInvitation(
  deps: CompanionDeps,
  input: { token: string; clientId: string; displayName: string },
): Promise<Outcome<{ circleId: string; joined: boolean }>> {
  const now = deps.clock.now();
  const gone = () => fail<{ circleId: string; joined: boolean }>('INVITE_NOT_FOUND', 'This invitation no longer works.');
  return inTransaction(deps, async (r) => {
    const circleId = await r.circles.inviteCircle(input.token);
    if (!circleId) return gone();
    if (await r.circles.isMember(circleId, input.clientId)) return ok({ circleId, joined: false });
    if (!(await r.circles.claimInvite(input.token, now))) return gone();
    await r.circles.addMember({ circleId, clientId: input.clientId, displayName: input.displayName, now });
    return ok({ circleId, joined: true });
  });
}
