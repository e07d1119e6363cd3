// Signing in to the companion by e-mail link: asking for a link (throttled per address and per network
// address), opening it (consent asked where it is needed), signing out.
import type { Kysely } from 'kysely';
import { companionAccounts } from '../../db/repositories/companion-accounts.ts';
import type { DB } from '../../db/schema.ts';
import { COMPANION_CONSENT_VERSION, LINK_WINDOW_MS, LINKS_PER_ADDRESS, LINKS_PER_IP, needsConsent } from '../../domain/companion.ts';
import { normaliseEmail } from '../../domain/email.ts';
import { fail, type Outcome, ok, rateLimited } from '../../domain/errors.ts';
import { signInMail } from '../../mail/companion-messages.ts';
import { newToken } from '../../security/encryption.ts';
import { enqueueMail } from '../outbox.ts';
import { throttle } from '../throttle.ts';
import { type CompanionDeps, clientActor, companion, inTransaction } from './deps.ts';

/** Thrown inside a sign-in transaction to undo it: the link was used by someone else meanwhile. */
class LinkGone extends Error {}

/**
 * A new single-use sign-in token for an address, stored (in `db`, a transaction when given); returns the
 * token. It works for 15 minutes unless `expiresAt` says otherwise (a check-in reminder's works the week).
 */
export async function issueSignInToken(
  deps: Pick<CompanionDeps, 'database' | 'encryptor'>,
  input: { email: string; next: string | null; now: number; expiresAt?: number },
  db: Kysely<DB> = deps.database.db,
): Promise<string> {
  const token = newToken();
  await companionAccounts(db, deps.encryptor).addLoginToken({ token, ...input });
  return token;
}

/**
 * Sends a sign-in link to an address, whether or not it has an account (the answer is the same either
 * way): the token and its e-mail in one transaction, so there is never a token without its mail.
 */
export async function requestSignInLink(
  deps: CompanionDeps,
  input: { email: string; next: string | null; address: string },
): Promise<Outcome<{ email: string }>> {
  const email = normaliseEmail(input.email);
  const now = deps.clock.now();
  // Per address asked for and per client address; the longest wait when either is over.
  const throttled = await throttle(deps, [
    [`companion-link:address:${deps.encryptor.blindIndex(email)}`, LINK_WINDOW_MS, LINKS_PER_ADDRESS],
    [`companion-link:ip:${input.address}`, LINK_WINDOW_MS, LINKS_PER_IP],
  ]);
  if (throttled) return rateLimited(throttled.retryAfterSeconds, 'Several sign-in links have been asked for in a short time.');
  const practice = await deps.repos.practice.get();
  await deps.database.db.transaction().execute(async (trx) => {
    const token = await issueSignInToken(deps, { email, next: input.next, now }, trx);
    await enqueueMail(trx, signInMail(email, `${deps.config.publicUrl}/companion/sign-in/${token}`, practice.name), now, deps.encryptor);
  });
  return ok({ email });
}

/**
 * Whether a link can still be used (the page it opens), without using it; and whether signing in with it
 * needs consent first. Only the holder of the link, who has the address's mail, learns the latter.
 */
export async function signInLinkState(
  deps: CompanionDeps,
  token: string,
): Promise<{ account: boolean; needsConsent: boolean; email: string; clientId: string | null } | null> {
  const { accounts } = companion(deps);
  const link = await accounts.usableLoginToken(token, deps.clock.now());
  if (!link) return null;
  const account = await accounts.clientByIndex(link.emailIndex);
  // The page names the address the link signs in as (its holder has that mailbox): nobody is moved into
  // another account without seeing which.
  return {
    account: account !== undefined,
    needsConsent: needsConsent(account),
    email: deps.encryptor.decrypt(link.emailSealed),
    clientId: account?.id ?? null,
  };
}

/**
 * Uses a link (compare-and-swap: unused and unexpired → used), finds or creates the account and answers
 * who signed in and where to go next. An account is only created (or kept on after a new consent wording)
 * with consent, whose version and time are recorded on it; without, nothing is written and the link still
 * works (CONSENT_REQUIRED). An unknown, used or expired link is SIGN_IN_LINK_NOT_FOUND.
 */
export async function signInWithLink(
  deps: CompanionDeps,
  input: { token: string; consent: boolean; requestId: string | null },
): Promise<Outcome<{ clientId: string; next: string | null }>> {
  const now = deps.clock.now();
  const gone = () => fail<{ clientId: string; next: string | null }>('SIGN_IN_LINK_NOT_FOUND', 'This sign-in link no longer works.');
  try {
    return await inTransaction(deps, async ({ accounts }) => {
      const link = await accounts.usableLoginToken(input.token, now);
      if (!link) return gone();
      const existing = await accounts.clientByIndex(link.emailIndex);
      const asked = needsConsent(existing);
      if (asked && !input.consent) return fail('CONSENT_REQUIRED', 'Agreement to how we keep what you write is needed first.');
      const created = existing
        ? false
        : await accounts.addClient({ emailIndex: link.emailIndex, emailSealed: link.emailSealed, consentVersion: COMPANION_CONSENT_VERSION, now });
      const client = await accounts.clientByIndex(link.emailIndex);
      if (!client) throw new LinkGone(); // erased between the reads above (PostgreSQL): undo, ask again
      await accounts.recordSignIn(client.id, now, asked && !created ? COMPANION_CONSENT_VERSION : null);
      // Last, so that a link used twice at once makes one sign-in and undoes the other's writes.
      if (!(await accounts.claimLoginToken(input.token, now))) throw new LinkGone();
      const actor = clientActor(client.id);
      if (asked) await accounts.audit({ actor, action: 'companion.consent', target: client.id, requestId: input.requestId, now });
      await accounts.audit({ actor, action: 'companion.sign_in', target: null, requestId: input.requestId, now });
      return ok({ clientId: client.id, next: link.next });
    });
  } catch (e) {
    if (e instanceof LinkGone) return gone();
    throw e;
  }
}

/** Records a sign-out (the session itself is ended by the web layer's session store). */
export async function recordSignOut(deps: CompanionDeps, clientId: string, requestId: string | null): Promise<void> {
  await companion(deps).accounts.audit({ actor: clientActor(clientId), action: 'companion.sign_out', target: null, requestId, now: deps.clock.now() });
}
