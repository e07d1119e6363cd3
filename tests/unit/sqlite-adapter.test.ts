// The embedded database as opened by the app: WAL (readers never wait for the writer), a busy timeout
// (a second process waits for the lock instead of failing), foreign keys enforced, and every
// transaction taking the write lock up front.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { openSqlite } from '../../src/db/sqlite-adapter.ts';

describe('the SQLite connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'closer-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('WAL, a busy timeout and foreign keys', async () => {
    const database = openDatabase({ dataDir: dir });
    try {
      const pragma = async (name: string) => Object.values((await sql.raw(`PRAGMA ${name}`).execute(database.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(Number(await pragma('busy_timeout'))).toBeGreaterThanOrEqual(1000);
      expect(Number(await pragma('foreign_keys'))).toBe(1);
      await sql`create table parent (id integer primary key)`.execute(database.db);
      await sql`create table child (id integer primary key, parent_id integer not null references parent(id))`.execute(database.db);
      await expect(sql`insert into child (id, parent_id) values (1, 42)`.execute(database.db)).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await database.close();
    }
  });

  test('a transaction takes the write lock at BEGIN, so a second connection cannot write until it ends', () => {
    const file = join(dir, 'locks.sqlite');
    const one = openSqlite(file);
    const two = openSqlite(file);
    try {
      one.raw.exec('create table t (n integer)');
      two.raw.exec('PRAGMA busy_timeout = 0');
      one.prepare('begin').run([]);
      expect(() => two.raw.exec('insert into t values (1)')).toThrow(/locked|busy/i);
      one.prepare('commit').run([]);
      two.raw.exec('insert into t values (2)');
    } finally {
      one.close();
      two.close();
    }
  });
});
