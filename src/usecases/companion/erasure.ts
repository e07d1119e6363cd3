// Erasing a companion account: everything its holder wrote, their sign-in links, and the companion's own
// e-mail to them (sent or waiting), in one transaction. Also the housekeeping the privacy notice promises:
// accounts unused for a year erased exactly as if their holders had deleted them, and rows past use.
import type { AppDeps } from '../../app/deps.ts';
import { CLIENT_SESSION_IDLE_MS, COMPANION_UNUSED_RETENTION_DAYS } from '../../domain/companion.ts';
import { deleteMailTo } from '../outbox.ts';
import { type CompanionDeps, clientActor, companion, inTransaction } from './deps.ts';

const DAY = 86_400_000;

/** Erases one account and what it wrote; returns nothing to say (an unknown id erases nothing). */
async function erase(deps: Pick<AppDeps, 'database' | 'encryptor'>, clientId: string, audit?: { requestId: string | null; now: number }): Promise<void> {
  await inTransaction(deps, async (r, trx) => {
    const email = await r.accounts.emailOf(clientId);
    // The companion's own mail (sign-in links, invitations, reminders); other mail to them (a booking
    // confirmation) is not the companion's to delete.
    if (email) await deleteMailTo(trx, deps.encryptor, email, 'companion-');
    await r.circles.eraseClient(clientId);
    // The audit row keeps only the pseudonymous id, which now points at nothing.
    if (audit)
      await r.accounts.audit({ actor: clientActor(clientId), action: 'companion.erasure', target: clientId, requestId: audit.requestId, now: audit.now });
  });
}

/** The client deletes their own account. */
export async function eraseCompanionAccount(deps: CompanionDeps, clientId: string, requestId: string | null): Promise<void> {
  await erase(deps, clientId, { requestId, now: deps.clock.now() });
}

/** Housekeeping at `now`; returns how many accounts and rows went. */
export async function pruneCompanion(deps: Pick<AppDeps, 'database' | 'encryptor'>, now: number): Promise<number> {
  const r = companion(deps);
  const unused = await r.accounts.unusedSince(now - COMPANION_UNUSED_RETENTION_DAYS * DAY);
  for (const id of unused) await erase(deps, id);
  const pruned = await r.housekeeping.prune({
    now,
    sessionIdleMs: CLIENT_SESSION_IDLE_MS,
    linksBefore: now - DAY,
    invitesBefore: now - 30 * DAY,
    weeksEndedBefore: now - 60 * DAY,
  });
  return unused.length + pruned;
}
