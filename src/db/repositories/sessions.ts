// The one session store, for staff (table `sessions`) and companion clients (table `companion_sessions`):
// any app process can serve any request, and a session can be ended from anywhere (sign-out, "sign out
// everywhere", a password or second-factor change, deactivation, erasure). Only the id's hash is kept.
import type { Kysely } from 'kysely';
import {
  newSessionId,
  PENDING_SESSION_MS,
  REMEMBERED_LIMITS,
  SESSION_LIMITS,
  type SessionKind,
  sessionIdHash,
  sessionIsLive,
  TOUCH_AFTER_MS,
} from '../../security/sessions.ts';
import type { DB } from '../schema.ts';

export type { SessionKind };

export interface Session {
  idHash: string;
  /** The staff user's id, or the companion client's. */
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  /** Staff only: the second factor was given (always true for a client). */
  secondFactorDone: boolean;
  /** Staff only: the browser, to recognise a device by (empty for a client). */
  userAgent: string;
  /** Client only: "remember me on this device" was ticked (30 days, no idle end). */
  remembered: boolean;
}

export interface NewSession {
  /** Staff: a session still waiting for its second factor lives minutes, not hours. */
  secondFactorDone?: boolean;
  userAgent?: string;
  /** Client only: kept on this device for 30 days, whether used or not (ends at sign-out as any other). */
  remembered?: boolean;
}

interface Row {
  id_hash: string;
  owner: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  second_factor_done?: number;
  user_agent?: string;
  remembered?: number;
}

// The two tables differ only in the owner's column and the staff-only extras.
const TABLES = {
  staff: { table: 'sessions', owner: 'user_id' },
  client: { table: 'companion_sessions', owner: 'client_id' },
} as const;

const toSession = (r: Row): Session => ({
  idHash: r.id_hash,
  userId: r.owner,
  createdAt: Number(r.created_at),
  lastSeenAt: Number(r.last_seen_at),
  expiresAt: Number(r.expires_at),
  secondFactorDone: r.second_factor_done === undefined ? true : Number(r.second_factor_done) === 1,
  userAgent: r.user_agent ?? '',
  remembered: Number(r.remembered ?? 0) === 1,
});

const times = (r: Row) => ({ created_at: Number(r.created_at), last_seen_at: Number(r.last_seen_at), expires_at: Number(r.expires_at) });

export function sessionStore(database: Kysely<DB>, kind: SessionKind) {
  const { table, owner } = TABLES[kind];
  const limits = SESSION_LIMITS[kind];
  // One query code over both tables: the table and owner column are constants above, never input.
  const db = database as Kysely<any>;
  const select = () =>
    db
      .selectFrom(table)
      .select([
        'id_hash',
        `${owner} as owner`,
        'created_at',
        'last_seen_at',
        'expires_at',
        ...(kind === 'staff' ? ['second_factor_done', 'user_agent'] : ['remembered']),
      ]);
  const limitsOf = (r: Row) => (Number(r.remembered ?? 0) === 1 ? REMEMBERED_LIMITS : limits);

  return {
    /** A new session and its id (the only time the id exists outside the cookie). */
    async create(userId: string, now: number, options: NewSession = {}): Promise<string> {
      const id = newSessionId();
      const secondFactorDone = kind === 'client' || options.secondFactorDone === true;
      const remembered = kind === 'client' && options.remembered === true;
      await db
        .insertInto(table)
        .values({
          id_hash: sessionIdHash(id),
          [owner]: userId,
          created_at: now,
          last_seen_at: now,
          expires_at: now + (remembered ? REMEMBERED_LIMITS.absoluteMs : secondFactorDone ? limits.absoluteMs : PENDING_SESSION_MS),
          ...(kind === 'staff' ? { second_factor_done: secondFactorDone ? 1 : 0, user_agent: (options.userAgent ?? '').slice(0, 200) } : {}),
          ...(remembered ? { remembered: 1 } : {}),
        })
        .execute();
      return id;
    },

    /**
     * The live session an id names, or undefined; an ended one (idle or past its absolute end) is deleted.
     * A session not seen for TOUCH_AFTER_MS is marked seen.
     */
    async findLive(id: string, now: number): Promise<Session | undefined> {
      const idHash = sessionIdHash(id);
      const row = (await select().where('id_hash', '=', idHash).executeTakeFirst()) as Row | undefined;
      if (!row) return undefined;
      if (!sessionIsLive(times(row), now, limitsOf(row))) {
        await db.deleteFrom(table).where('id_hash', '=', idHash).execute();
        return undefined;
      }
      if (now - Number(row.last_seen_at) >= TOUCH_AFTER_MS) {
        await db.updateTable(table).set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
        row.last_seen_at = now;
      }
      return toSession(row);
    },

    async delete(idHash: string): Promise<boolean> {
      const r = await db.deleteFrom(table).where('id_hash', '=', idHash).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Ends every session of a user, or every one but `keepIdHash`. Returns how many ended. */
    async deleteAllFor(userId: string, keepIdHash?: string): Promise<number> {
      let q = db.deleteFrom(table).where(owner, '=', userId);
      if (keepIdHash) q = q.where('id_hash', '<>', keepIdHash);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** A user's own live sessions, newest first. */
    async listFor(userId: string, now: number): Promise<Session[]> {
      const rows = (await select().where(owner, '=', userId).orderBy('created_at', 'desc').execute()) as Row[];
      return rows.filter((r) => sessionIsLive(times(r), now, limitsOf(r))).map(toSession);
    },

    /** Housekeeping: sessions that can no longer be used. */
    async prune(now: number): Promise<number> {
      const r = await db
        .deleteFrom(table)
        .where((eb) =>
          eb.or([
            eb('expires_at', '<=', now),
            // A remembered session has no idle end: only its absolute one.
            kind === 'client'
              ? eb.and([eb('last_seen_at', '<=', now - limits.idleMs), eb('remembered', '=', 0)])
              : eb('last_seen_at', '<=', now - limits.idleMs),
          ]),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
