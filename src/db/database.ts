// Opens the database the configuration names: embedded SQLite by default, PostgreSQL for DATABASE_URL.
import { mkdirSync } from 'node:fs';
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
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
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
  return onQuery ? { log: (event) => { if (event.level === 'query') onQuery(event.query.sql); } } : {};
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const types = {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        // int8 (bigint) columns hold epoch milliseconds and counts: well within Number's exact range.
        if (oid === 20) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, types });
    // An idle client that loses its server must not take the process down with it.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...logOf(options) });
    return {
      db,
      dialect: 'postgres',
      ping: () => pingWith(db),
      close: () => db.destroy(),
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, 'closer.sqlite');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: openSqlite(file) }), ...logOf(options) });
  return { db, dialect: 'sqlite', file, ping: () => pingWith(db), close: () => db.destroy() };
}

async function pingWith(db: Kysely<DB>): Promise<boolean> {
  try {
    const r = await sql<{ ok: number }>`select 1 as ok`.execute(db);
    return Number(r.rows[0]?.ok) === 1;
  } catch {
    return false;
  }
}
