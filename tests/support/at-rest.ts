// What the database holds at rest, as text to search for something that must not be there in the clear:
// on SQLite every file in the data folder (the write-ahead log checkpointed first), on PostgreSQL the rows
// of the tables named.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Dialect } from '../../src/db/database.ts';
import type { TestApp } from './app.ts';

export async function storedText(t: TestApp, dialect: Dialect, tables: readonly string[]): Promise<string> {
  let raw = '';
  if (dialect === 'sqlite') {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.deps.database.db);
    const dir = t.testDb.dataDir;
    for (const f of readdirSync(dir, { recursive: true }) as string[]) {
      try {
        raw += readFileSync(join(dir, f)).toString('latin1');
      } catch {}
    }
  } else {
    for (const table of tables) {
      raw += JSON.stringify((await sql`select * from ${sql.table(table)}`.execute(t.deps.database.db)).rows);
    }
  }
  return raw;
}
