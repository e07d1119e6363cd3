import { describe, expect, test } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { createLogger } from '../../src/logger.ts';
import { loadEncryptor } from '../../src/security/encryption.ts';
import { previewSeries, saveSeries } from '../../src/usecases/bookings/series.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';
import { startProcess } from '../support/process.ts';

/**
 * Ongoing sessions across processes: two real app processes take new clients' bookings while a third (this
 * test, through the same use case the staff page calls) saves a series whose third week is the very hour
 * they ask for. Exactly one of the three wins that hour, whichever it is; the database never holds an overlap.
 */
async function raceSeries(db: TestDatabase) {
  const env = { ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}), DATA_DIR: db.dataDir, ENCRYPTION_KEY: 'a'.repeat(64), TRUST_PROXY_HOPS: '1' };
  const [a, b] = db.databaseUrl ? await Promise.all([startProcess(env), startProcess(env)]) : [await startProcess(env), await startProcess(env)];
  const database = await db.open();
  try {
    const deps = {
      database,
      encryptor: loadEncryptor({ key: 'a'.repeat(64), dataDir: db.dataDir }),
      clock: { now: () => Date.now() },
      config: { publicUrl: a.url } as Config,
      logger: createLogger('silent'),
    };
    const { services } = (await (await fetch(`${a.url}/api/v1/services`)).json()) as { services: { id: string; slug: string }[] };
    const { therapists } = (await (await fetch(`${a.url}/api/v1/therapists`)).json()) as { therapists: { id: string; slug: string }[] };
    const couples = services.find((s) => s.slug === 'couples-counselling')!.id;
    const helen = therapists.find((t) => t.slug === 'helen-carter')!.id;
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = (await (await fetch(`${b.url}/api/v1/therapists/${helen}/slots?service=${couples}&from=${from}&to=${to}&tz=Europe/London`)).json()) as {
      slots: { start: string }[];
    };
    const book = (url: string, start: string, i: number) =>
      fetch(`${url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ therapistId: helen, serviceId: couples, start, client: { name: `Client ${i}`, email: `c${i}@example.com` }, consent: true }),
      });
    for (let round = 0; round < 3; round++) {
      const anchorRes = await book(a.url, slots[round * 3]!.start, 100 + round);
      expect(anchorRes.status).toBe(201);
      const anchorId = ((await anchorRes.json()) as { booking: { id: string } }).booking.id;
      const scope = { kind: 'admin' as const };
      const request = { intervalWeeks: 1, count: 4 };
      const preview = await previewSeries(deps, scope, anchorId, request);
      if (!preview.ok) throw new Error(preview.error.detail);
      const conflicting = new Set(preview.value.conflicts.map((c) => c.start));
      const target = preview.value.starts.find((s, i) => i >= 1 && !conflicting.has(s))!;
      const skip = new Map([...conflicting].map((s) => [s, { kind: 'skip' as const }]));
      const iso = new Date(target).toISOString();
      const [series, one, two] = await Promise.all([
        saveSeries(deps, scope, anchorId, request, skip, { actor: 'test', requestId: `race-${round}` }),
        book(a.url, iso, 10 + round * 2).then((r) => r.status),
        book(b.url, iso, 11 + round * 2).then((r) => r.status),
      ]);
      const winners = [series.ok, one === 201, two === 201].filter(Boolean);
      expect(winners).toHaveLength(1);
      for (const s of [one, two]) expect([201, 409]).toContain(s);
      const held = await database.db
        .selectFrom('bookings')
        .select('id')
        .where('therapist_id', '=', helen)
        .where('status', '=', 'confirmed')
        .where('starts_at', '=', target)
        .execute();
      expect(held).toHaveLength(1);
    }
    const all = await database.db
      .selectFrom('bookings')
      .select(['blocked_from', 'blocked_until'])
      .where('therapist_id', '=', helen)
      .where('status', 'in', ['pending', 'confirmed'])
      .orderBy('blocked_from')
      .execute();
    for (let i = 1; i < all.length; i++) expect(Number(all[i]!.blocked_from)).toBeGreaterThanOrEqual(Number(all[i - 1]!.blocked_until));
  } finally {
    await database.close();
    await Promise.all([a.stop(), b.stop()]);
  }
}

describe.each(DIALECTS)('a series saved while two app processes take bookings, on one %s database', (dialect) => {
  test('one occurrence’s hour asked for by two new clients while the series is saved: exactly one wins', async () => {
    const db = await createTestDatabase(dialect);
    try {
      await raceSeries(db);
    } finally {
      await db.drop();
    }
  }, 90_000);
});
