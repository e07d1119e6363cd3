import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { rateLimitRepository } from '../../src/db/repositories/rate-limits.ts';
import { createEncryptor } from '../../src/security/encryption.ts';

/** The same key in the test and its child process, so both count against the same stored keys. */
const keyed = createEncryptor(Buffer.alloc(32, 7)).keyedDigest;

import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';

const run = promisify(execFile);
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);

describe.each(DIALECTS)('rate limits on %s', (dialect) => {
  let testDb: TestDatabase;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    a = testDb.open();
    await migrate(a);
    b = testDb.open();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await testDb?.drop();
  });

  test('allows max hits in a window, then refuses with the seconds left in the window', async () => {
    const limits = rateLimitRepository(a.db, keyed);
    for (let i = 1; i <= 3; i++) expect(await limits.hit('k:basic', MINUTE, 3, T0 + i * 1000)).toMatchObject({ allowed: true, count: i });
    const refused = await limits.hit('k:basic', MINUTE, 3, T0 + 20_500);
    expect(refused).toEqual({ allowed: false, count: 4, retryAfterSeconds: 40 });
    // Still refused later in the same window, never less than a second.
    expect(await limits.hit('k:basic', MINUTE, 3, T0 + MINUTE - 1)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  test('a new window starts again: a limit delays, it never locks out', async () => {
    const limits = rateLimitRepository(a.db, keyed);
    for (let i = 0; i < 5; i++) await limits.hit('k:window', MINUTE, 2, T0);
    expect((await limits.hit('k:window', MINUTE, 2, T0 + 1000)).allowed).toBe(false);
    expect(await limits.hit('k:window', MINUTE, 2, T0 + MINUTE)).toMatchObject({ allowed: true, count: 1 });
    // The finished window's row is gone.
    const rows = await a.db.selectFrom('rate_limits').selectAll().execute();
    expect(rows.filter((r) => Number(r.window_start) === T0 && r.count === 6)).toHaveLength(0);
  });

  test('keys are independent, stored as digests, and reset clears one key', async () => {
    const limits = rateLimitRepository(a.db, keyed);
    await limits.hit('contact:203.0.113.9', MINUTE, 1, T0);
    expect((await limits.hit('contact:203.0.113.9', MINUTE, 1, T0)).allowed).toBe(false);
    expect((await limits.hit('contact:198.51.100.7', MINUTE, 1, T0)).allowed).toBe(true);
    const keys = (await a.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key);
    expect(keys.join(' ')).not.toContain('203.0.113.9');
    await limits.reset('contact:203.0.113.9');
    expect((await limits.hit('contact:203.0.113.9', MINUTE, 1, T0)).allowed).toBe(true);
  });

  test('simultaneous hits over two connections allow exactly max', async () => {
    const [la, lb] = [rateLimitRepository(a.db, keyed), rateLimitRepository(b.db, keyed)];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? la : lb).hit('k:race', MINUTE, 10, T0)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  test('two processes share one count', async () => {
    const args = [testDb.dataDir, testDb.databaseUrl ?? '', 'k:processes', '15', '10', String(T0)];
    const outputs = await Promise.all([0, 1].map(() => run(process.execPath, ['tests/unit/rate-limits.child.ts', ...args])));
    const allowed = outputs.reduce((n, o) => n + Number(o.stdout), 0);
    expect(allowed).toBe(10);
  });

  test('prune removes old windows', async () => {
    const limits = rateLimitRepository(a.db, keyed);
    await limits.hit('k:old', MINUTE, 5, T0 - 10 * MINUTE);
    expect(await limits.prune(T0 - 5 * MINUTE)).toBeGreaterThanOrEqual(1);
    expect((await limits.hit('k:old', MINUTE, 5, T0 - 10 * MINUTE)).count).toBe(1);
  });

  test('refuses a nonsensical window', async () => {
    await expect(rateLimitRepository(a.db, keyed).hit('k', 0, 1, T0)).rejects.toThrow(RangeError);
  });
});
