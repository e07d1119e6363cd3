import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { MIGRATION_NAMES } from '../../src/db/migrate.ts';
import { createTestDatabase, TEST_DATABASE_URL } from '../support/databases.ts';
import { runToExit, startProcess } from '../support/process.ts';

describe('the app as a process', () => {
  test('a bad configuration value stops start-up with a message that names it', async () => {
    const { code, output } = await runToExit({ PORT: 'abc', PRACTICE_TIME_ZONE: 'Nowhere/Else', DATA_DIR: mkdtempSync(join(tmpdir(), 'closer-')) });
    expect(code).toBe(2);
    expect(output).toContain('PORT:');
    expect(output).toContain('PRACTICE_TIME_ZONE:');
    expect(output).not.toMatch(/\n\s+at /);
  });

  test('on an empty SQLite folder it migrates, seeds demo data, prints a generated admin password once, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'closer-'));
    const first = await startProcess({ DATA_DIR: dataDir });
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    const { therapists } = (await (await fetch(`${first.url}/api/v1/therapists`)).json()) as { therapists: unknown[] };
    expect(therapists.length).toBeGreaterThanOrEqual(8);
    expect(first.output()).toMatch(/Password \(shown once[^)]*\): \S{20,}/);
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');
    // A second start on the same data: nothing seeded again, no password printed.
    const second = await startProcess({ DATA_DIR: dataDir });
    expect(second.output()).not.toContain('Password');
    const again = (await (await fetch(`${second.url}/api/v1/therapists`)).json()) as { therapists: unknown[] };
    expect(again.therapists.length).toBe(therapists.length);
    expect(await second.stop()).toBe(0);
  });

  test('SIGTERM lets a request in flight finish', async () => {
    const app = await startProcess({ DATA_DIR: mkdtempSync(join(tmpdir(), 'closer-')) });
    const inFlight = fetch(`${app.url}/therapists`).then((r) => r.status);
    await new Promise((r) => setTimeout(r, 5));
    const exit = app.stop();
    expect(await inFlight).toBe(200);
    expect(await exit).toBe(0);
  });

  describe.skipIf(!TEST_DATABASE_URL)('on PostgreSQL', () => {
    test('SIGTERM with requests still running after the grace period answers them 503 with Retry-After and exits 0', async () => {
      const db = await createTestDatabase('postgres');
      const locker = new pg.Client({ connectionString: db.databaseUrl });
      try {
        const app = await startProcess({ DATABASE_URL: db.databaseUrl!, DATA_DIR: db.dataDir, SHUTDOWN_GRACE_MS: '1000' });
        expect((await fetch(`${app.url}/api/v1/therapists`)).status).toBe(200);
        // Another session holds the therapists table, so both reads wait (up to the 15 s statement timeout).
        await locker.connect();
        await locker.query('begin');
        await locker.query('lock table therapists in access exclusive mode');
        const api = fetch(`${app.url}/api/v1/therapists`);
        const page = fetch(`${app.url}/therapists`);
        await new Promise((r) => setTimeout(r, 300));
        const started = Date.now();
        const exit = app.stop();
        const [apiResponse, pageResponse] = await Promise.all([api, page]);
        expect(apiResponse.status).toBe(503);
        expect(apiResponse.headers.get('content-type')).toBe('application/problem+json');
        expect(apiResponse.headers.get('retry-after')).toBe('5');
        expect(((await apiResponse.json()) as { code: string }).code).toBe('UNAVAILABLE');
        expect(pageResponse.status).toBe(503);
        expect(pageResponse.headers.get('retry-after')).toBe('5');
        expect(await pageResponse.text()).toContain('temporarily unavailable');
        expect(await exit).toBe(0);
        expect(Date.now() - started).toBeLessThan(6_000);
      } finally {
        await locker.end().catch(() => {});
        await db.drop();
      }
    });

    test('two processes starting at once on one empty database migrate and seed exactly once', async () => {
      const db = await createTestDatabase('postgres');
      try {
        const env = { DATABASE_URL: db.databaseUrl!, DATA_DIR: db.dataDir, ADMIN_EMAIL: 'first@test.example', ADMIN_PASSWORD: 'a long enough password' };
        const [a, b] = await Promise.all([startProcess(env), startProcess(env)]);
        expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
        expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
        const client = new pg.Client({ connectionString: db.databaseUrl });
        await client.connect();
        const count = async (table: string) => Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
        expect(await count('practice_settings')).toBe(1);
        expect(await count('users')).toBe(1);
        expect(await count('services')).toBe(5);
        expect(await count('therapists')).toBe(10);
        expect(await count('kysely_migration')).toBe(MIGRATION_NAMES.length);
        await client.end();
        const seededLines = [a.output(), b.output()].join('\n').match(/empty database seeded/g) ?? [];
        expect(seededLines.length).toBe(1);
        // Either process answers with the same data.
        const list = async (url: string) =>
          ((await (await fetch(`${url}/api/v1/therapists`)).json()) as { therapists: { id: string }[] }).therapists.map((t) => t.id).sort();
        expect(await list(a.url)).toEqual(await list(b.url));
        expect(await a.stop()).toBe(0);
        expect(await b.stop()).toBe(0);
      } finally {
        await db.drop();
      }
    });
  });
});
