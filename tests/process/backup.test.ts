// Backup and restore with the keys (issue 15, B7): an online backup taken while bookings are being made
// is a consistent database; restored with its keys it starts and serves the same bookings; restored
// without them, or started with other keys, the app refuses to start instead of running with every sealed
// row unreadable.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { backupTo } from '../../src/db/backup.ts';
import { createLogger } from '../../src/logger.ts';
import { type Closer, createCloser } from '../../src/server.ts';
import { ORIGIN, testConfig } from '../support/app.ts';
import { fixedClock } from '../support/booking.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/databases.ts';

const clock = fixedClock('2027-03-01T08:00:00Z');
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

const start = (dataDir: string, env: Record<string, string> = {}): Promise<Closer> =>
  createCloser(testConfig({ dataDir }, env), { logger: createLogger('silent'), clock });

async function bookEvery(app: Closer, starts: string[]): Promise<number> {
  const { therapists } = (await (await app.app.request(`${ORIGIN}/api/v1/therapists`)).json()) as { therapists: { id: string; services: string[] }[] };
  const statuses = await Promise.all(
    therapists.flatMap((th) =>
      starts.map((s, i) =>
        Promise.resolve(
          app.app.request(`${ORIGIN}/api/v1/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: ORIGIN },
            body: JSON.stringify({
              therapistId: th.id,
              serviceId: th.services[0],
              start: s,
              consent: true,
              client: { name: `Client ${i}`, email: `c${i}@example.test` },
            }),
          }),
        ).then((r) => r.status),
      ),
    ),
  );
  return statuses.filter((s) => s === 201).length;
}

const bookingsIn = (file: string) => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    expect(db.prepare('pragma integrity_check').get()).toEqual({ integrity_check: 'ok' });
    return Number((db.prepare('select count(*) as n from bookings').get() as { n: number }).n);
  } finally {
    db.close();
  }
};

describe('SQLite backup and restore', () => {
  test('a backup taken during writes is whole, restores with its keys, and refuses to start without them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'closer-live-'));
    const backups = mkdtempSync(join(tmpdir(), 'closer-backups-'));
    cleanup.push(
      () => rmSync(dataDir, { recursive: true, force: true }),
      () => rmSync(backups, { recursive: true, force: true }),
    );
    const live = await start(dataDir);
    const before = await bookEvery(live, ['2027-03-02T10:00:00Z']);
    expect(before).toBeGreaterThan(0);
    // Backup while more bookings are being written.
    const writing = bookEvery(live, ['2027-03-03T10:00:00Z', '2027-03-04T10:00:00Z', '2027-03-05T10:00:00Z']);
    const folder = join(backups, 'one');
    const result = await backupTo({ dataDir, keysFromEnvironment: false }, folder);
    const during = await writing;
    await live.close();
    expect(result.files.sort()).toEqual(['blind-index.key', 'closer.sqlite', 'encryption.key']);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(folder)) expect(statSync(join(folder, f)).mode & 0o777, f).toBe(0o600);
    const copied = bookingsIn(join(folder, 'closer.sqlite'));
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(before + during);

    // Restored with its keys: starts, and the bookings are there and readable.
    const restored = mkdtempSync(join(tmpdir(), 'closer-restored-'));
    cleanup.push(() => rmSync(restored, { recursive: true, force: true }));
    for (const f of readdirSync(folder)) copyFileSync(join(folder, f), join(restored, f));
    const app = await start(restored);
    expect(await app.deps.database.db.selectFrom('bookings').select('client_name').execute()).toHaveLength(copied);
    for (const b of await app.deps.database.db.selectFrom('bookings').select('client_name').execute())
      expect(app.deps.encryptor.decrypt(b.client_name)).toMatch(/^Client \d$/);
    await app.close();

    // Restored without its key files: new keys would be made, so the start is refused, naming the key files.
    const keyless = mkdtempSync(join(tmpdir(), 'closer-keyless-'));
    cleanup.push(() => rmSync(keyless, { recursive: true, force: true }));
    copyFileSync(join(folder, 'closer.sqlite'), join(keyless, 'closer.sqlite'));
    await expect(start(keyless)).rejects.toThrow(/encryption key does not match this database.*encryption\.key, blind-index\.key/);
    // The right encryption key but another blind-index key is refused too.
    copyFileSync(join(folder, 'encryption.key'), join(keyless, 'encryption.key'));
    rmSync(join(keyless, 'blind-index.key'), { force: true });
    await expect(start(keyless)).rejects.toThrow(/blind-index key does not match/);
  });

  test('npm run backup writes the folder it prints', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'closer-cli-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    await (await start(dataDir)).close();
    const folder = join(dataDir, 'backup-here');
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'backup', '--', folder], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    expect(stdout).toContain(`Backup written to ${folder}: closer.sqlite, encryption.key, blind-index.key`);
    expect(bookingsIn(join(folder, 'closer.sqlite'))).toBe(0);
  });
});

describe.runIf(TEST_DATABASE_URL)('PostgreSQL backup and restore', () => {
  test('pg_dump with the key files restores into a new database; other keys are refused', async () => {
    const source: TestDatabase = await createTestDatabase('postgres');
    cleanup.push(() => source.drop());
    const live = await start(source.dataDir, { DATABASE_URL: source.databaseUrl! });
    const made = await bookEvery(live, ['2027-03-02T10:00:00Z']);
    const folder = join(source.dataDir, 'backup');
    const result = await backupTo({ dataDir: source.dataDir, databaseUrl: source.databaseUrl, keysFromEnvironment: false }, folder);
    await live.close();
    expect(result.files.sort()).toEqual(['blind-index.key', 'closer.pgdump', 'encryption.key']);

    const target: TestDatabase = await createTestDatabase('postgres');
    cleanup.push(() => target.drop());
    await promisify(execFile)('pg_restore', ['--no-owner', `--dbname=${target.databaseUrl}`, join(folder, 'closer.pgdump')]);
    for (const f of ['encryption.key', 'blind-index.key']) copyFileSync(join(folder, f), join(target.dataDir, f));
    const app = await start(target.dataDir, { DATABASE_URL: target.databaseUrl! });
    expect(await app.deps.database.db.selectFrom('bookings').select('id').execute()).toHaveLength(made);
    await app.close();
    await expect(start(target.dataDir, { DATABASE_URL: target.databaseUrl!, ENCRYPTION_KEY: randomBytes(32).toString('hex') })).rejects.toThrow(
      /encryption key does not match/,
    );
    const check = new pg.Client({ connectionString: target.databaseUrl });
    await check.connect();
    expect((await check.query('select count(*)::int as n from key_checks')).rows[0].n).toBe(2);
    await check.end();
  });
});
