// The database failing under the app (issue 15, B1–B3): a broken connection in use does not take the
// process down, a stalled database does not make /healthz hang, and every route answers 503 (not 500)
// while the database cannot answer, with one short log line and no stack.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, TEST_DATABASE_URL } from '../support/databases.ts';

describe.each(DIALECTS)('with the database gone, every route answers 503 on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    // Warm: the pages render before the database goes.
    expect((await t.request('/api/v1/services')).status).toBe(200);
    await t.deps.database.close();
  });
  afterAll(async () => {
    await t?.testDb.drop();
  });

  test.each(['/api/v1/therapists', '/api/v1/services', '/api/v1/therapists?language=pl'])('%s is problem+json 503 UNAVAILABLE', async (path) => {
    const res = await t.request(path);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  });

  test.each(['/', '/therapists', '/guide'])('%s is a plain 503 page that still names the urgent-help lines', async (path) => {
    const res = await t.request(path);
    expect(res.status).toBe(503);
    const html = await res.text();
    for (const n of ['999', '111', '116 123']) expect(html).toContain(n);
    expect(html).not.toMatch(/at \w+ \(|Error:/);
  });

  test('each is logged as one warning without a stack, never as a failed request', () => {
    const unavailable = t.logs.filter((l) => l.msg === 'database unavailable');
    expect(unavailable.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(unavailable)).not.toContain('stack');
    expect(t.logs.filter((l) => l.msg === 'request failed')).toEqual([]);
  });
});

describe.runIf(TEST_DATABASE_URL)('PostgreSQL connection faults', () => {
  let t: TestApp;
  let admin: pg.Client;
  beforeAll(async () => {
    t = await startTestApp('postgres');
    admin = new pg.Client({ connectionString: t.testDb.databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  test('a connection killed while in use fails its query and leaves the process running (B1)', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const held = t.deps.database.db.transaction().execute((trx) => sql`select pg_sleep(5)`.execute(trx));
      const outcome = held.then(
        () => 'finished',
        (e: unknown) => e,
      );
      // Wait until the app's backend is running the sleep, then end it from outside.
      let killed = 0;
      for (let i = 0; i < 50 && killed === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const r = await admin.query(
          "select pg_terminate_backend(pid) as done from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query like '%pg_sleep%'",
        );
        killed = r.rows.length;
      }
      expect(killed).toBe(1);
      expect(await outcome).toBeInstanceOf(Error);
      // Give the socket's end a moment to surface as an 'error' event, if it were unhandled.
      await new Promise((r) => setTimeout(r, 300));
      expect(uncaught).toEqual([]);
      expect((await t.request('/healthz')).status).toBe(200);
    } finally {
      process.off('uncaughtException', record);
    }
  });

  test('/healthz answers 503 within its deadline when no connection can be had (B2)', async () => {
    // Every pooled connection busy for 4 s: the database "stalls" for the app.
    const busy = Array.from({ length: 10 }, () =>
      t.deps.database.db
        .transaction()
        .execute((trx) => sql`select pg_sleep(4)`.execute(trx))
        .catch(() => undefined),
    );
    await new Promise((r) => setTimeout(r, 300));
    const res = await t.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable' });
    await Promise.all(busy);
    expect((await t.request('/healthz')).status).toBe(200);
  });
});
