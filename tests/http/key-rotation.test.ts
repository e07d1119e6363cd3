// Key rotation that ends (issue 15): values sealed under an old key are sealed again under the new one
// in batches, after which the old key can be removed and everything still opens. The list of sealed
// columns is checked against what the app really writes.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { SEALED_COLUMNS, sealedColumnsRepository } from '../../src/db/repositories/sealed-columns.ts';
import { createLogger } from '../../src/logger.ts';
import { createEncryptor } from '../../src/security/encryption.ts';
import { type Closer, createCloser } from '../../src/server.ts';
import { resealUnderCurrentKey } from '../../src/usecases/keys/reseal.ts';
import { ORIGIN, testConfig } from '../support/app.ts';
import { fixedClock } from '../support/booking.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';

const SEALED = /^v1\.[A-Za-z0-9_-]{8}\./;

async function start(db: TestDatabase, env: Record<string, string>, logs: string[] = []): Promise<Closer> {
  const config = testConfig(db, env);
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  return createCloser(config, { logger: createLogger('info', sink), clock: fixedClock('2027-03-01T08:00:00Z') });
}

const post = (app: Closer, path: string, body: Record<string, string> | object, form = false) =>
  app.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });

/** Every sealed-looking value in the database: table, column, value. */
async function sealedValues(app: Closer): Promise<{ table: string; column: string; value: string }[]> {
  const { db, dialect } = app.deps.database;
  const tables =
    dialect === 'sqlite'
      ? (
          await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'`.execute(db)
        ).rows.map((r) => r.name);
  const found: { table: string; column: string; value: string }[] = [];
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    for (const row of rows)
      for (const [column, value] of Object.entries(row)) if (typeof value === 'string' && SEALED.test(value)) found.push({ table, column, value });
  }
  return found;
}

describe.each(DIALECTS)('rotating the encryption key on %s', (dialect) => {
  const oldKey = randomBytes(32).toString('hex');
  const newKey = randomBytes(32).toString('hex');
  let db: TestDatabase;
  let manageToken = '';
  afterAll(async () => {
    await db?.drop();
  });

  test('everything sealed under the old key is sealed again under the new one, and the old key can go', async () => {
    db = await createTestDatabase(dialect);
    // 1. A practice's data, sealed under the old key.
    const first = await start(db, { ENCRYPTION_KEY: oldKey });
    const { therapists } = (await (await first.app.request(`${ORIGIN}/api/v1/therapists`)).json()) as { therapists: { id: string; services: string[] }[] };
    const th = therapists[0]!;
    const booked = await post(first, '/api/v1/bookings', {
      therapistId: th.id,
      serviceId: th.services[0],
      start: '2027-03-02T10:00:00Z',
      consent: true,
      notes: 'a private note',
      client: { name: 'Rotating Client', email: 'rotate@example.test', phone: '07700 900123' },
    });
    expect(booked.status).toBe(201);
    manageToken = ((await booked.json()) as { manageUrl: string }).manageUrl.split('/manage/')[1]!;
    expect(
      (
        await post(first, '/api/v1/waitlist', {
          serviceId: th.services[0],
          name: 'Waiting Client',
          email: 'wait@example.test',
          timeZone: 'UTC',
          fromDate: '2027-03-02',
          toDate: '2027-03-09',
        })
      ).status,
    ).toBe(201);
    expect(
      (await post(first, '/contact/message', { name: 'Asking', email: 'ask@example.test', message: 'a question', consent: 'yes' }, true)).status,
    ).toBeLessThan(400);
    expect(
      (
        await post(
          first,
          '/contact/callback',
          { name: 'Calling', phone: '07700 900456', times: 'weekday-morning', voicemail: 'no', note: 'after six', consent: 'yes' },
          true,
        )
      ).status,
    ).toBeLessThan(400);
    expect((await post(first, '/companion/sign-in', { email: 'companion@example.test' }, true)).status).toBe(200);
    const before = await sealedValues(first);
    // Every column the app sealed is one the rotation knows about.
    const known = new Set(SEALED_COLUMNS.flatMap((t) => t.columns.map((c) => `${t.table}.${c}`)));
    const written = new Set(before.map((v) => `${v.table}.${v.column}`));
    expect([...written].filter((c) => !known.has(c))).toEqual([]);
    expect(written.size).toBeGreaterThanOrEqual(12);
    await first.close();

    // 2. The new key, the old one kept for reading; the rotation, in small batches.
    const logs: string[] = [];
    const second = await start(db, { ENCRYPTION_KEY: newKey, ENCRYPTION_KEYS_OLD: oldKey }, logs);
    const stale = await sealedColumnsRepository(second.deps.database.db).countStale(second.deps.encryptor.currentPrefix);
    expect(Object.values(stale).reduce((a, b) => a + b, 0)).toBe(before.length);
    const report = await resealUnderCurrentKey(second.deps, { batchSize: 2 });
    expect(report).toMatchObject({ resealed: before.length, unreadable: 0 });
    expect(Object.values(report.remaining).every((n) => n === 0)).toBe(true);
    // Run again: nothing left to do (it can be stopped and started anywhere).
    expect((await resealUnderCurrentKey(second.deps)).resealed).toBe(0);
    // The background job does the same in every process that has old keys configured, and says when they can go.
    await second.jobs.tick();
    expect(logs.join('')).toContain('key rotation complete: ENCRYPTION_KEYS_OLD can be removed');
    await second.close();

    // 3. Without the old key: every value still opens, and the client's manage link still works.
    const third = await start(db, { ENCRYPTION_KEY: newKey });
    const after = await sealedValues(third);
    expect(after.length).toBe(before.length);
    const onlyNew = createEncryptor(Buffer.from(newKey, 'hex'));
    for (const v of after) expect(() => onlyNew.decrypt(v.value), `${v.table}.${v.column}`).not.toThrow();
    const manage = await third.app.request(`${ORIGIN}/api/v1/manage/${manageToken}`);
    expect(manage.status).toBe(200);
    expect(await manage.json()).toMatchObject({ booking: { status: 'confirmed' } });
    if (dialect === 'sqlite') expect(readFileSync(join(db.dataDir, 'closer.sqlite')).includes(Buffer.from('a private note'))).toBe(false);
    await third.close();
  });
});
