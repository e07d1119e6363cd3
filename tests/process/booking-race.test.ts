import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { createTestDatabase, DIALECTS, TEST_DATABASE_URL, type TestDatabase } from '../support/databases.ts';
import { startProcess } from '../support/process.ts';

/**
 * Two real app processes on one database, 50 bookings of one slot at once, split between them: exactly
 * one succeeds. On SQLite the processes share one DATA_DIR (file locks, BEGIN IMMEDIATE, busy timeout);
 * on PostgreSQL one database (the exclusion constraint). Each attempt comes from its own address, so
 * the booking rate limit never answers for the database.
 */
async function raceOneSlot(db: TestDatabase) {
  const env = { ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}), DATA_DIR: db.dataDir, ENCRYPTION_KEY: 'a'.repeat(64), TRUST_PROXY_HOPS: '1' };
  // On SQLite the first process creates the file; the second opens it (as a second process on one machine would).
  const [a, b] = db.databaseUrl ? await Promise.all([startProcess(env), startProcess(env)]) : [await startProcess(env), await startProcess(env)];
  try {
    const { services } = (await (await fetch(`${a.url}/api/v1/services`)).json()) as { services: { id: string; slug: string }[] };
    const { therapists } = (await (await fetch(`${a.url}/api/v1/therapists`)).json()) as { therapists: { id: string; slug: string }[] };
    const couples = services.find((s) => s.slug === 'couples-counselling')!.id;
    const helen = therapists.find((t) => t.slug === 'helen-carter')!.id;
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 17 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = (await (await fetch(`${b.url}/api/v1/therapists/${helen}/slots?service=${couples}&from=${from}&to=${to}&tz=Europe/London`)).json()) as {
      slots: { start: string }[];
    };
    const start = slots[0]!.start;
    const attempts = Array.from({ length: 50 }, (_, i) =>
      fetch(`${i % 2 ? a.url : b.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: JSON.stringify({ therapistId: helen, serviceId: couples, start, client: { name: `Racer ${i}`, email: `r${i}@example.com` }, consent: true }),
      }).then((r) => r.status),
    );
    const statuses = await Promise.all(attempts);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    // And the database holds exactly one confirmed booking of that therapist.
    const check = await db.open();
    try {
      const { n } = await check.db
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('therapist_id', '=', helen)
        .where('status', '=', 'confirmed')
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBe(1);
    } finally {
      await check.close();
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}

describe.each(DIALECTS)('two app processes on one %s database', (dialect) => {
  test('50 simultaneous bookings of one slot, split across both processes: exactly one succeeds', async () => {
    const db = await createTestDatabase(dialect);
    try {
      await raceOneSlot(db);
    } finally {
      await db.drop();
    }
  }, 60_000);
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL itself', () => {
  test('the database itself refuses an overlapping active booking (exclusion constraint), even bypassing the app', async () => {
    const db = await createTestDatabase('postgres');
    try {
      const app = await startProcess({ DATABASE_URL: db.databaseUrl!, DATA_DIR: db.dataDir });
      await app.stop();
      const client = new pg.Client({ connectionString: db.databaseUrl });
      await client.connect();
      const t = (await client.query('select id from therapists limit 1')).rows[0].id;
      const s = (await client.query('select id from services limit 1')).rows[0].id;
      const insert = (id: string, from: number, until: number, status = 'confirmed') =>
        client.query(
          `insert into bookings (id, reference, therapist_id, service_id, starts_at, ends_at, blocked_from, blocked_until, status, format, client_name, client_email, client_email_hash, client_time_zone, consent_version, consent_at, manage_token_hash, manage_token_sealed, manage_expires_at, sequence, created_at, updated_at)
           values ($1, $1, $2, $3, $4, $5, $4, $5, $6, 'online', 'x', 'x', 'x', 'UTC', 'v', 0, $1, 'x', $5, 0, 0, 0)`,
          [id, t, s, from, until, status],
        );
      await insert('one', 1_000_000, 4_000_000);
      await expect(insert('two', 3_000_000, 6_000_000)).rejects.toMatchObject({ code: '23P01' });
      await insert('three', 4_000_000, 7_000_000); // touching, not overlapping
      await insert('four', 3_000_000, 6_000_000, 'cancelled'); // cancelled rows do not count
      await client.end();
    } finally {
      await db.drop();
    }
  });
});
