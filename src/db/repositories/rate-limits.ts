// Rate limits in the database, so that every app process counts against the same numbers.
// Fixed windows: one row per key and window, counted with a single atomic upsert (INSERT … ON CONFLICT DO
// UPDATE … RETURNING), which both SQLite and PostgreSQL run without a race. A limit only ever delays: once
// the window ends, the count starts again, so nobody is locked out for good.
// Keys are stored as keyed digests (HMAC with a key outside the database): client addresses and e-mail
// indexes never reach the table, and a stored key cannot be reversed by hashing guesses.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in this window, this one included. */
  count: number;
  /** Seconds until the window ends (at least 1): the Retry-After value when not allowed. */
  retryAfterSeconds: number;
}

/** Turns a rate-limit key into what the table stores: the encryptor's keyedDigest. */
export type KeyDigest = (key: string) => string;

export function rateLimitRepository(db: Kysely<DB>, digest: KeyDigest) {
  return {
    /**
     * Counts one hit for `key` (e.g. "contact:203.0.113.9", "sign-in:account:…") in the window of
     * `windowMs` that contains `now`, and says whether it is within `max` hits.
     */
    async hit(key: string, windowMs: number, max: number, now: number): Promise<RateLimitResult> {
      if (!(windowMs > 0) || !(max >= 0)) throw new RangeError('windowMs must be positive and max not negative');
      const stored = digest(key);
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const row = await db
        .insertInto('rate_limits')
        .values({ key: stored, window_start: windowStart, count: 1 })
        .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1) })))
        .returning('count')
        .executeTakeFirstOrThrow();
      const count = Number(row.count);
      // Earlier windows of this key are finished with; dropping them keeps the table small.
      await db.deleteFrom('rate_limits').where('key', '=', stored).where('window_start', '<', windowStart).execute();
      return { allowed: count <= max, count, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
    },
    /** Forgets every count for a key (e.g. after a successful sign-in). */
    async reset(key: string): Promise<void> {
      await db.deleteFrom('rate_limits').where('key', '=', digest(key)).execute();
    },
    /** Removes windows that started before `before`: for a housekeeping job. Returns how many went. */
    async prune(before: number): Promise<number> {
      const result = await db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type RateLimitRepository = ReturnType<typeof rateLimitRepository>;
