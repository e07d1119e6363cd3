// Transactions for booking: the lock that serialises one therapist's bookings, and the translation of
// the database's own refusals (overlap, duplicate start, reused idempotency key) into outcomes.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/**
 * Runs fn in a transaction that holds every named therapist's booking lock. On PostgreSQL: advisory
 * transaction locks, taken in a fixed order so two transactions never wait on each other. On SQLite
 * the transaction itself began IMMEDIATE and so holds the database's write lock.
 */
export function withTherapistLocks<T>(database: Database, therapistIds: string[], fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    if (database.dialect === 'postgres') {
      for (const id of [...new Set(therapistIds)].sort()) {
        await sql`select pg_advisory_xact_lock(727002, hashtext(${id}))`.execute(trx);
      }
    }
    return fn(trx);
  });
}

export type Refusal = 'overlap' | 'idempotency' | 'other';

/** What a constraint violation on bookings means, on either database. */
export function classifyRefusal(error: unknown): Refusal | undefined {
  const e = error as { code?: string; constraint?: string; message?: string; errcode?: number; errstr?: string };
  const message = String(e.message ?? '');
  if (e.code === '23P01') return 'overlap';
  if (e.code === '23505') return e.constraint?.includes('idempotency') ? 'idempotency' : 'overlap';
  if (/UNIQUE constraint failed: bookings\.idempotency_key/.test(message)) return 'idempotency';
  if (/UNIQUE constraint failed: bookings\.therapist_id, bookings\.starts_at/.test(message)) return 'overlap';
  if (/constraint failed/i.test(message)) return 'other';
  return undefined;
}

export type Db = Kysely<DB>;
