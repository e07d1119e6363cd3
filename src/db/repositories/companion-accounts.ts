// Companion client accounts: sign-in links and accounts (sessions are in sessions.ts). Tokens are random
// (256 bits) and kept only as SHA-256 hashes; e-mail addresses are sealed and found by a keyed blind index.
// SQL only: which link signs in whom, and when consent is asked, is decided in src/usecases/companion/.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { LOGIN_TOKEN_TTL_MS } from '../../domain/companion.ts';
import { normaliseEmail } from '../../domain/email.ts';
import { type Encryptor, hashToken } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';
import { claimSingleUse } from './single-use.ts';

export { LOGIN_TOKEN_TTL_MS, normaliseEmail };

/** A signed-in client, as the companion's pages see them (the session itself is in src/db/repositories/sessions.ts). */
export interface ClientSession {
  clientId: string;
  idHash: string;
}

/** A sign-in link that can still be used: whose address it is for (sealed, and its index) and where it leads. */
export interface UsableLoginToken {
  emailIndex: string;
  emailSealed: string;
  next: string | null;
}

export function companionAccounts(db: Kysely<DB>, enc: Encryptor) {
  const emailIndex = (email: string) => enc.blindIndex(normaliseEmail(email));

  return {
    /**
     * Stores a sign-in token for this address (whether or not it has an account yet), and drops tokens long
     * past use. It lives LOGIN_TOKEN_TTL_MS unless `expiresAt` says otherwise (a reminder's lives the week).
     */
    async addLoginToken(input: { token: string; email: string; next: string | null; now: number; expiresAt?: number }): Promise<void> {
      const { token, email, next, now } = input;
      await db
        .insertInto('companion_login_tokens')
        .values({
          token_hash: hashToken(token),
          email_index: emailIndex(email),
          email_sealed: enc.encrypt(normaliseEmail(email)),
          next_sealed: next ? enc.encrypt(next) : null,
          created_at: now,
          expires_at: input.expiresAt ?? now + LOGIN_TOKEN_TTL_MS,
          used_at: null,
        })
        .execute();
      // Old tokens have no use: keep the table small.
      await db
        .deleteFrom('companion_login_tokens')
        .where('expires_at', '<', now - 86_400_000)
        .execute();
    },

    /** An unused, unexpired token, or null. */
    async usableLoginToken(token: string, now: number): Promise<UsableLoginToken | null> {
      const row = await db
        .selectFrom('companion_login_tokens')
        .select(['email_index', 'email_sealed', 'next_sealed'])
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? { emailIndex: row.email_index, emailSealed: row.email_sealed, next: row.next_sealed ? enc.decrypt(row.next_sealed) : null } : null;
    },

    /** Uses a token (compare-and-swap: unused and unexpired → used); true when this call used it. */
    claimLoginToken(token: string, now: number): Promise<boolean> {
      return claimSingleUse(db, 'companion_login_tokens', token, now);
    },

    /** The account for an address's blind index, with the consent version it has given (if any). */
    async clientByIndex(index: string): Promise<{ id: string; consentVersion: string | null } | undefined> {
      const row = await db.selectFrom('companion_clients').select(['id', 'consent_version']).where('email_index', '=', index).executeTakeFirst();
      return row ? { id: row.id, consentVersion: row.consent_version } : undefined;
    },

    /** Creates the account for an address with its consent; false when one was created meanwhile. */
    async addClient(input: { emailIndex: string; emailSealed: string; consentVersion: string; now: number }): Promise<boolean> {
      const inserted = await db
        .insertInto('companion_clients')
        .values({
          id: randomUUID(),
          email_index: input.emailIndex,
          email_sealed: input.emailSealed,
          created_at: input.now,
          last_sign_in_at: input.now,
          consent_version: input.consentVersion,
          consent_at: input.now,
        })
        .onConflict((oc) => oc.column('email_index').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** Records a sign-in, and the consent given with it when there is one. */
    async recordSignIn(clientId: string, now: number, consentVersion: string | null): Promise<void> {
      await db
        .updateTable('companion_clients')
        .set({ last_sign_in_at: now, ...(consentVersion ? { consent_version: consentVersion, consent_at: now } : {}) })
        .where('id', '=', clientId)
        .execute();
    },

    /** Accounts nobody has signed in to since `before`. */
    async unusedSince(before: number): Promise<string[]> {
      const rows = await db.selectFrom('companion_clients').select('id').where('last_sign_in_at', '<', before).execute();
      return rows.map((r) => r.id);
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
    async audit(entry: { actor: string; action: string; target: string | null; requestId: string | null; now: number }): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({ at: entry.now, actor: entry.actor, action: entry.action, target: entry.target, request_id: entry.requestId })
        .execute();
    },
  };
}

export type CompanionAccounts = ReturnType<typeof companionAccounts>;
