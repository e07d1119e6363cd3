// Companion client accounts: magic-link sign-in (sessions are in sessions.ts). Tokens are random (256 bits)
// and kept only as SHA-256 hashes; e-mail addresses are sealed and found by a keyed blind index.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { COMPANION_CONSENT_VERSION } from '../../domain/companion.ts';
import { hashToken, newToken, type Encryptor } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';

export const LOGIN_TOKEN_TTL_MS = 15 * 60_000;

/** Thrown inside a sign-in transaction to undo it: the link was used by someone else meanwhile. */
class LinkGone extends Error {}

export type SignInResult =
  | { status: 'signed-in'; clientId: string; next: string | null; created: boolean; /** Consent was recorded by this sign-in. */ consented: boolean }
  /** The address has no account yet (or one without the current consent) and the box was not ticked: nothing was written. */
  | { status: 'consent-needed' };

/** Whether the account for an address must (still) be asked for consent. */
const needsConsent = (account: { consent_version: string | null } | undefined) => !account || account.consent_version !== COMPANION_CONSENT_VERSION;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** A signed-in client, as the companion's pages see them (the session itself is in src/db/repositories/sessions.ts). */
export interface ClientSession {
  clientId: string;
  idHash: string;
}

export function companionAccounts(db: Kysely<DB>, enc: Encryptor) {
  const emailIndex = (email: string) => enc.blindIndex(normaliseEmail(email));

  return {
    /**
     * A single-use sign-in token for this address, whether or not it has an account yet. `deliver` runs in
     * the same transaction (it writes the e-mail to the outbox), so there is never a token without its mail.
     */
    async createLoginToken(email: string, next: string | null, now: number, deliver: (trx: Kysely<DB>, token: string) => Promise<void>): Promise<void> {
      const token = newToken();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('companion_login_tokens')
          .values({
            token_hash: hashToken(token),
            email_index: emailIndex(email),
            email_sealed: enc.encrypt(normaliseEmail(email)),
            next_sealed: next ? enc.encrypt(next) : null,
            created_at: now,
            expires_at: now + LOGIN_TOKEN_TTL_MS,
            used_at: null,
          })
          .execute();
        // Old tokens have no use: keep the table small.
        await trx.deleteFrom('companion_login_tokens').where('expires_at', '<', now - 86_400_000).execute();
        await deliver(trx, token);
      });
    },

    /**
     * Whether an unused, unexpired token exists (the confirm page), without using it; and whether signing
     * in with it needs consent first (no account for its address yet, or one without the current consent).
     * Only the holder of the link, who has the address's mail, learns the latter.
     */
    async loginTokenState(token: string, now: number): Promise<{ account: boolean; needsConsent: boolean } | null> {
      const row = await db
        .selectFrom('companion_login_tokens')
        .select('email_index')
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return null;
      const account = await db.selectFrom('companion_clients').select('consent_version').where('email_index', '=', row.email_index).executeTakeFirst();
      return { account: account !== undefined, needsConsent: needsConsent(account) };
    },

    /**
     * Uses a token (compare-and-swap: unused and unexpired → used), finds or creates the account, and
     * returns who signed in and where to go next; null when the token is unknown, used or expired. An
     * account is only created (or kept on after a new consent wording) with consent, whose version and
     * time are recorded on it; without, nothing is written and the token stays unused.
     */
    async consumeLoginToken(token: string, now: number, consent: boolean): Promise<SignInResult | null> {
      const tokenHash = hashToken(token);
      try {
        return await db.transaction().execute(async (trx): Promise<SignInResult | null> => {
          const row = await trx
            .selectFrom('companion_login_tokens')
            .selectAll()
            .where('token_hash', '=', tokenHash)
            .where('used_at', 'is', null)
            .where('expires_at', '>', now)
            .executeTakeFirst();
          if (!row) return null;
          const existing = await trx.selectFrom('companion_clients').select(['id', 'consent_version']).where('email_index', '=', row.email_index).executeTakeFirst();
          const asked = needsConsent(existing);
          if (asked && !consent) return { status: 'consent-needed' };
          const given = asked ? { consent_version: COMPANION_CONSENT_VERSION, consent_at: now } : {};
          let created = false;
          if (!existing) {
            const inserted = await trx
              .insertInto('companion_clients')
              .values({ id: randomUUID(), email_index: row.email_index, email_sealed: row.email_sealed, created_at: now, last_sign_in_at: now, consent_version: COMPANION_CONSENT_VERSION, consent_at: now })
              .onConflict((oc) => oc.column('email_index').doNothing())
              .executeTakeFirst();
            created = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
          }
          const client = await trx.selectFrom('companion_clients').select('id').where('email_index', '=', row.email_index).executeTakeFirst();
          if (!client) throw new LinkGone(); // erased between the reads above (PostgreSQL): undo, ask again
          await trx
            .updateTable('companion_clients')
            .set({ last_sign_in_at: now, ...(created ? {} : given) })
            .where('id', '=', client.id)
            .execute();
          // Last, so that a link used twice at once makes one sign-in and undoes the other's writes.
          const claimed = await trx
            .updateTable('companion_login_tokens')
            .set({ used_at: now })
            .where('token_hash', '=', tokenHash)
            .where('used_at', 'is', null)
            .where('expires_at', '>', now)
            .executeTakeFirst();
          if (Number(claimed.numUpdatedRows) !== 1) throw new LinkGone();
          return { status: 'signed-in', clientId: client.id, next: row.next_sealed ? enc.decrypt(row.next_sealed) : null, created, consented: asked };
        });
      } catch (e) {
        if (e instanceof LinkGone) return null;
        throw e;
      }
    },

    async emailOf(clientId: string): Promise<string | null> {
      const row = await db.selectFrom('companion_clients').select('email_sealed').where('id', '=', clientId).executeTakeFirst();
      return row ? enc.decrypt(row.email_sealed) : null;
    },

    async account(clientId: string): Promise<{ id: string; email: string; createdAt: number; consent: { version: string; givenAt: number } | null } | null> {
      const row = await db.selectFrom('companion_clients').selectAll().where('id', '=', clientId).executeTakeFirst();
      if (!row) return null;
      const consent = row.consent_version !== null && row.consent_at !== null ? { version: row.consent_version, givenAt: Number(row.consent_at) } : null;
      return { id: row.id, email: enc.decrypt(row.email_sealed), createdAt: row.created_at, consent };
    },

    /** Append-only audit: who (a pseudonymous id), what, on what id, when. Never content. */
    async audit(entry: { actor: string; action: string; target: string | null; requestId: string | null; now: number }, trx: Kysely<DB> = db): Promise<void> {
      await trx.insertInto('audit_log').values({ at: entry.now, actor: entry.actor, action: entry.action, target: entry.target, request_id: entry.requestId }).execute();
    },
  };
}

export type CompanionAccounts = ReturnType<typeof companionAccounts>;
