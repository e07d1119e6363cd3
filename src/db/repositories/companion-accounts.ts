// Companion client accounts: magic-link sign-in and sessions. Tokens and session ids are random (256 bits)
// and kept only as SHA-256 hashes; e-mail addresses are sealed and found by a keyed blind index.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashToken, newToken, type Encryptor } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';

export const LOGIN_TOKEN_TTL_MS = 15 * 60_000;
/** A client session lasts at most 14 days from sign-in, and ends after 7 days without use. */
export const CLIENT_SESSION_ABSOLUTE_MS = 14 * 86_400_000;
export const CLIENT_SESSION_IDLE_MS = 7 * 86_400_000;
/** last_seen_at is written at most this often, so reading pages does not mean a write each time. */
const TOUCH_EVERY_MS = 60_000;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

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

    /** Whether an unused, unexpired token exists (the confirm page), without using it. */
    async loginTokenValid(token: string, now: number): Promise<boolean> {
      const row = await db
        .selectFrom('companion_login_tokens')
        .select('token_hash')
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Uses a token (compare-and-swap: unused and unexpired → used), finds or creates the account, and
     * returns who signed in and where to go next; null when the token is unknown, used or expired.
     */
    async consumeLoginToken(token: string, now: number): Promise<{ clientId: string; next: string | null; created: boolean } | null> {
      return db.transaction().execute(async (trx) => {
        const tokenHash = hashToken(token);
        const claimed = await trx
          .updateTable('companion_login_tokens')
          .set({ used_at: now })
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return null;
        const row = await trx.selectFrom('companion_login_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
        const inserted = await trx
          .insertInto('companion_clients')
          .values({ id: randomUUID(), email_index: row.email_index, email_sealed: row.email_sealed, created_at: now, last_sign_in_at: now })
          .onConflict((oc) => oc.column('email_index').doNothing())
          .executeTakeFirst();
        const client = await trx.selectFrom('companion_clients').select('id').where('email_index', '=', row.email_index).executeTakeFirstOrThrow();
        await trx.updateTable('companion_clients').set({ last_sign_in_at: now }).where('id', '=', client.id).execute();
        return { clientId: client.id, next: row.next_sealed ? enc.decrypt(row.next_sealed) : null, created: Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 };
      });
    },

    /** A new session (a new id at every sign-in); returns the id for the cookie. */
    async createSession(clientId: string, now: number): Promise<string> {
      const id = newToken();
      await db
        .insertInto('companion_sessions')
        .values({ id_hash: hashToken(id), client_id: clientId, created_at: now, last_seen_at: now, expires_at: now + CLIENT_SESSION_ABSOLUTE_MS })
        .execute();
      return id;
    },

    /** The session for a cookie value, if it exists and has neither expired nor idled out. */
    async findSession(sessionId: string, now: number): Promise<ClientSession | null> {
      const idHash = hashToken(sessionId);
      const row = await db.selectFrom('companion_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      if (!row) return null;
      if (row.expires_at <= now || row.last_seen_at + CLIENT_SESSION_IDLE_MS <= now) {
        await db.deleteFrom('companion_sessions').where('id_hash', '=', idHash).execute();
        return null;
      }
      if (now - row.last_seen_at >= TOUCH_EVERY_MS) {
        await db.updateTable('companion_sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
      }
      return { clientId: row.client_id, idHash };
    },

    async deleteSession(idHash: string): Promise<void> {
      await db.deleteFrom('companion_sessions').where('id_hash', '=', idHash).execute();
    },

    async emailOf(clientId: string): Promise<string | null> {
      const row = await db.selectFrom('companion_clients').select('email_sealed').where('id', '=', clientId).executeTakeFirst();
      return row ? enc.decrypt(row.email_sealed) : null;
    },

    async account(clientId: string): Promise<{ id: string; email: string; createdAt: number } | null> {
      const row = await db.selectFrom('companion_clients').selectAll().where('id', '=', clientId).executeTakeFirst();
      return row ? { id: row.id, email: enc.decrypt(row.email_sealed), createdAt: row.created_at } : null;
    },

    /** Append-only audit: who (a pseudonymous id), what, on what id, when. Never content. */
    async audit(entry: { actor: string; action: string; target: string | null; requestId: string | null; now: number }, trx: Kysely<DB> = db): Promise<void> {
      await trx.insertInto('audit_log').values({ at: entry.now, actor: entry.actor, action: entry.action, target: entry.target, request_id: entry.requestId }).execute();
    },
  };
}

export type CompanionAccounts = ReturnType<typeof companionAccounts>;
