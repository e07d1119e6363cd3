// How many SQL statements one successful booking runs, counted through Kysely's log hook (begin, commit
// and PostgreSQL's advisory lock included): the HTML form at most 12, the JSON API at most 10.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createLogger } from '../../src/logger.ts';
import { type Closer, createCloser } from '../../src/server.ts';
import { ORIGIN, testConfig } from '../support/app.ts';
import { bookingBody, fixedClock } from '../support/booking.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';

describe.each(DIALECTS)('statements per booking on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z'); // a Monday
  const statements: string[] = [];
  let counting = false;
  let testDb: TestDatabase;
  let closer: Closer;
  let ids: { amara: string; priya: string; couples: string };

  /** The statements one request runs. */
  async function counted(send: () => Promise<Response>): Promise<{ res: Response; sql: string[] }> {
    statements.length = 0;
    counting = true;
    try {
      const res = await send();
      return { res, sql: [...statements] };
    } finally {
      counting = false;
    }
  }
  const request = (path: string, init?: RequestInit) => Promise.resolve(closer.app.request(`${ORIGIN}${path}`, init));

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const config = testConfig(testDb);
    const database = openDatabase({ dataDir: testDb.dataDir, databaseUrl: testDb.databaseUrl, onQuery: (sql) => counting && statements.push(sql) });
    const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
    closer = await createCloser(config, { database, clock, logger: createLogger('info', quiet) });
    const { services } = (await (await request('/api/v1/services')).json()) as { services: { id: string; slug: string }[] };
    const { therapists } = (await (await request('/api/v1/therapists')).json()) as { therapists: { id: string; slug: string }[] };
    ids = {
      amara: therapists.find((t) => t.slug === 'amara-okafor')!.id,
      priya: therapists.find((t) => t.slug === 'priya-shah')!.id,
      couples: services.find((s) => s.slug === 'couples-counselling')!.id,
    };
  });
  afterAll(async () => {
    await closer?.close();
    await testDb?.drop();
  });

  test('POST /book runs at most 12 statements', async () => {
    const fields = {
      service: ids.couples,
      therapist: ids.amara,
      tz: 'Europe/London',
      start: '2027-03-03T10:00:00.000Z',
      idempotencyKey: 'statements-form-1',
      name: 'Sky',
      email: 'sky@example.com',
      consent: 'yes',
      format: 'online',
    };
    const { res, sql } = await counted(() =>
      request('/book', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams(fields).toString(),
      }),
    );
    expect(res.status).toBe(303);
    if (process.env.SHOW_STATEMENTS) console.log(`POST /book on ${dialect}: ${sql.length}\n${sql.join('\n')}`);
    expect(sql.length).toBeLessThanOrEqual(12);
  });

  test('POST /api/v1/bookings runs at most 10 statements', async () => {
    const body = bookingBody(ids.priya, ids.couples, '2027-03-03T10:00:00Z', { idempotencyKey: 'statements-api-1' });
    const { res, sql } = await counted(() =>
      request('/api/v1/bookings', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify(body) }),
    );
    expect(res.status).toBe(201);
    if (process.env.SHOW_STATEMENTS) console.log(`POST /api/v1/bookings on ${dialect}: ${sql.length}\n${sql.join('\n')}`);
    expect(sql.length).toBeLessThanOrEqual(10);
  });
});
