// Opens the database the configuration names: embedded SQLite by default, PostgreSQL for DATABASE_URL.
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, type LogConfig, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { openSqlite } from './sqlite-adapter.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where the SQLite file lives (undefined on PostgreSQL). */
  file?: string;
  /** True when the database answers a trivial query within the deadline (default PING_DEADLINE_MS). */
  ping(deadlineMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL pool size per app process. */
  poolSize?: number;
  /** Called with every statement's SQL as it runs (tests count statements with it); unset in production. */
  onQuery?: ((sql: string) => void) | undefined;
}

/** Kysely's log hook, when a statement observer is given. */
function logOf(options: DatabaseOptions): { log?: LogConfig } {
  const { onQuery } = options;
  return onQuery
    ? {
        log: (event) => {
          if (event.level === 'query') onQuery(event.query.sql);
        },
      }
    : {};
}

/** How long /healthz waits for the database before it says "unavailable". */
export const PING_DEADLINE_MS = 2_000;

/**
 * PostgreSQL time limits: a stalled server or network makes requests fail fast (and answer 503) instead of
 * hanging. Connecting, one statement, a transaction left idle, and the client's own wait for an answer.
 */
export const PG_LIMITS = {
  connectionTimeoutMillis: 5_000,
  statementTimeoutMs: 15_000,
  idleInTransactionTimeoutMs: 15_000,
  queryTimeoutMs: 20_000,
  idleTimeoutMillis: 30_000,
} as const;

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const types = {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        // int8 (bigint) columns hold epoch milliseconds and counts: well within Number's exact range.
        if (oid === 20) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types,
      application_name: 'closer',
      connectionTimeoutMillis: PG_LIMITS.connectionTimeoutMillis,
      idleTimeoutMillis: PG_LIMITS.idleTimeoutMillis,
      statement_timeout: PG_LIMITS.statementTimeoutMs,
      idle_in_transaction_session_timeout: PG_LIMITS.idleInTransactionTimeoutMs,
      query_timeout: PG_LIMITS.queryTimeoutMs,
      keepAlive: true,
    });
    // An idle client that loses its server must not take the process down with it…
    pool.on('error', () => {});
    // …nor one that is checked out: pg-pool drops its own listener while a client is in use, and a
    // connection error then would be an unhandled 'error' event. The query in flight still fails (and its
    // request answers 503); the broken client is discarded by the pool.
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...logOf(options) });
    return {
      db,
      dialect: 'postgres',
      ping: (deadlineMs) => pingWith(db, deadlineMs),
      close: () => db.destroy(),
    };
  }
  const file = join(options.dataDir, 'closer.sqlite');
  keepPrivate(options.dataDir, file);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: openSqlite(file) }), ...logOf(options) });
  return { db, dialect: 'sqlite', file, ping: (deadlineMs) => pingWith(db, deadlineMs), close: () => db.destroy() };
}

/**
 * The data folder is the owner's alone (0700) and the database file too (0600): it holds sealed client
 * data and, beside it, the key files. SQLite creates the -wal and -shm files with the database file's mode.
 */
function keepPrivate(dataDir: string, file: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

async function pingWith(db: Kysely<DB>, deadlineMs = PING_DEADLINE_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  const answer = sql<{ ok: number }>`select 1 as ok`
    .execute(db)
    .then((r) => Number(r.rows[0]?.ok) === 1)
    .catch(() => false);
  try {
    return await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  '25P03',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|driver has already been destroyed|database is not open|database is locked|connection is closed|Cannot use a pool after calling end/i;

/**
 * Whether an error means "the database cannot answer just now" (down, stalled, restarting, out of
 * connections, a statement timed out) rather than a fault in the query: every route answers these 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
  return UNAVAILABLE_MESSAGES.test(String(e.message ?? ''));
}
