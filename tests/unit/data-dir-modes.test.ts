// The SQLite database, its WAL and its folder are readable by their owner alone (issue 15, L6).
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';

const mode = (path: string) => statSync(path).mode & 0o777;
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a new data folder is 0700 and the database, WAL and shared-memory files are 0600', async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'closer-modes-')), 'data');
  const database = openDatabase({ dataDir: dir });
  await sql`create table t (x integer)`.execute(database.db);
  await sql`insert into t values (1)`.execute(database.db);
  expect(mode(dir)).toBe(0o700);
  for (const name of ['closer.sqlite', 'closer.sqlite-wal', 'closer.sqlite-shm']) expect(mode(join(dir, name)), name).toBe(0o600);
  await database.close();
});

test('an existing folder and database left readable by everyone are closed to others on open', async () => {
  dir = mkdtempSync(join(tmpdir(), 'closer-modes-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'closer.sqlite'), '', { mode: 0o644 });
  chmodSync(join(dir, 'closer.sqlite'), 0o644);
  const database = openDatabase({ dataDir: dir });
  await sql`create table t (x integer)`.execute(database.db);
  expect(mode(dir)).toBe(0o700);
  expect(mode(join(dir, 'closer.sqlite'))).toBe(0o600);
  expect(mode(join(dir, 'closer.sqlite-wal'))).toBe(0o600);
  await database.close();
});
