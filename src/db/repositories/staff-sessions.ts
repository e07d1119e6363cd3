// Staff sessions in the database: any app process can serve any request, and a session can be ended
// from anywhere (sign-out, "sign out everywhere", a password or second-factor change, deactivation).
import type { Kysely } from 'kysely';
import {
  newSessionId, PENDING_SESSION_MS, SESSION_ABSOLUTE_MS, sessionIdHash, sessionIsLive, TOUCH_AFTER_MS,
} from '../../security/sessions.ts';
import type { DB } from '../schema.ts';

export interface StaffSession {
  idHash: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  secondFactorDone: boolean;
  userAgent: string;
}

type Row = DB['sessions'];

const toSession = (r: Row): StaffSession => ({
  idHash: r.id_hash,
  userId: r.user_id,
  createdAt: Number(r.created_at),
  lastSeenAt: Number(r.last_seen_at),
  expiresAt: Number(r.expires_at),
  secondFactorDone: r.second_factor_done === 1,
  userAgent: r.user_agent,
});

export function staffSessionRepository(db: Kysely<DB>) {
  return {
    /**
     * A new session and its id (the only time the id exists outside the cookie). A session still waiting
     * for its second factor lives minutes, not hours.
     */
    async create(userId: string, now: number, options: { secondFactorDone: boolean; userAgent: string }): Promise<string> {
      const id = newSessionId();
      await db
        .insertInto('sessions')
        .values({
          id_hash: sessionIdHash(id),
          user_id: userId,
          created_at: now,
          last_seen_at: now,
          expires_at: now + (options.secondFactorDone ? SESSION_ABSOLUTE_MS : PENDING_SESSION_MS),
          second_factor_done: options.secondFactorDone ? 1 : 0,
          user_agent: options.userAgent.slice(0, 200),
        })
        .execute();
      return id;
    },

    /** The live session an id names (and marks it seen), or undefined; an ended one is deleted. */
    async findLive(id: string, now: number): Promise<StaffSession | undefined> {
      const idHash = sessionIdHash(id);
      const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      if (!row) return undefined;
      if (!sessionIsLive({ created_at: Number(row.created_at), last_seen_at: Number(row.last_seen_at), expires_at: Number(row.expires_at) }, now)) {
        await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
        return undefined;
      }
      if (now - Number(row.last_seen_at) >= TOUCH_AFTER_MS) {
        await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
        row.last_seen_at = now;
      }
      return toSession(row);
    },

    async delete(idHash: string): Promise<boolean> {
      const r = await db.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Ends every session of a user, or every one but `keepIdHash`. Returns how many ended. */
    async deleteForUser(userId: string, keepIdHash?: string): Promise<number> {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepIdHash) q = q.where('id_hash', '<>', keepIdHash);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** A user's own live sessions, newest first. */
    async listForUser(userId: string, now: number): Promise<StaffSession[]> {
      const rows = await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
      return rows
        .filter((r) => sessionIsLive({ created_at: Number(r.created_at), last_seen_at: Number(r.last_seen_at), expires_at: Number(r.expires_at) }, now))
        .map(toSession);
    },

    /** Housekeeping: sessions that can no longer be used. */
    async prune(now: number): Promise<number> {
      const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type StaffSessionRepository = ReturnType<typeof staffSessionRepository>;
