import { describe, expect, test } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';
import { type AppProcess, startProcess } from '../support/process.ts';

/**
 * Issue 15's fault test: kill -9 under booking load. Many bookings (some for overlapping times) go to a real
 * app process at once, each with its own idempotency key; the process is killed with SIGKILL part-way, started
 * again on the same database, and every request that got no answer is retried with its key, as a client
 * would. Then: every 201 is in the database exactly once, nothing is booked that no 201 answered, no key made
 * two bookings, and no therapist has two active bookings that overlap.
 */
interface Attempt {
  key: string;
  body: string;
  ip: string;
  status?: number;
  bookingId?: string;
}

const ROUNDS = 2;
const PER_ROUND = 40;

async function send(app: AppProcess, a: Attempt): Promise<void> {
  try {
    const res = await fetch(`${app.url}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': a.key, 'x-forwarded-for': a.ip },
      body: a.body,
    });
    a.status = res.status;
    if (res.status === 201) a.bookingId = ((await res.json()) as { booking: { id: string } }).booking.id;
  } catch {
    a.status = undefined; // the process died before answering
  }
}

async function killUnderLoad(db: TestDatabase) {
  const env = { ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}), DATA_DIR: db.dataDir, ENCRYPTION_KEY: 'b'.repeat(64), TRUST_PROXY_HOPS: '1' };
  let app = await startProcess(env);
  const attempts: Attempt[] = [];
  let killed = 0;
  let retried = 0;
  try {
    const { services } = (await (await fetch(`${app.url}/api/v1/services`)).json()) as { services: { id: string; slug: string }[] };
    const { therapists } = (await (await fetch(`${app.url}/api/v1/therapists`)).json()) as { therapists: { id: string; services: string[] }[] };
    const couples = services.find((s) => s.slug === 'couples-counselling')!.id;
    const offering = therapists.filter((t) => t.services.includes(couples)).slice(0, 4);
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 24 * 86_400_000).toISOString().slice(0, 10);
    const wanted: { therapistId: string; start: string }[] = [];
    for (const t of offering) {
      const { slots } = (await (await fetch(`${app.url}/api/v1/therapists/${t.id}/slots?service=${couples}&from=${from}&to=${to}&tz=UTC`)).json()) as {
        slots: { start: string }[];
      };
      // Consecutive free starts may overlap (a start every half hour, sessions of 50 minutes): some must lose.
      wanted.push(...slots.slice(0, (ROUNDS * PER_ROUND) / offering.length).map((s) => ({ therapistId: t.id, start: s.start })));
    }
    expect(wanted.length).toBeGreaterThanOrEqual(ROUNDS * PER_ROUND * 0.75);
    for (const [i, w] of wanted.entries()) {
      attempts.push({
        key: `kill-test-${i}-${Math.random().toString(36).slice(2)}`,
        ip: `198.51.100.${(i % 250) + 1}`,
        body: JSON.stringify({
          therapistId: w.therapistId,
          serviceId: couples,
          start: w.start,
          client: { name: `Client ${i}`, email: `k${i}@example.com` },
          consent: true,
        }),
      });
    }
    for (let round = 0; round < ROUNDS; round++) {
      const batch = attempts.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
      let answered = 0;
      const inFlight = batch.map((a) => send(app, a).then(() => answered++));
      // Kill the process once some answers are out and the rest are still being worked on.
      while (answered < Math.min(5, batch.length) && app.child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
      app.child.kill('SIGKILL');
      await new Promise((r) => app.child.once('exit', r));
      killed++;
      await Promise.all(inFlight);
      app = await startProcess(env);
      // A client retries what got no answer, with the same key and body.
      for (const a of batch.filter((x) => x.status === undefined)) {
        retried++;
        await send(app, a);
      }
    }
    const unanswered = attempts.filter((a) => a.status === undefined);
    expect(unanswered).toEqual([]);
    for (const a of attempts) expect([201, 409], `${a.status}`).toContain(a.status);
  } finally {
    await app.stop();
  }

  const check = await db.open();
  try {
    const rows = await check.db.selectFrom('bookings').select(['id', 'therapist_id', 'blocked_from', 'blocked_until', 'status']).execute();
    const answered = attempts.filter((a) => a.bookingId).map((a) => a.bookingId!);
    // Every 201 once; nothing booked without a 201 (a retried key answers with the booking its first try made).
    expect(new Set(answered).size).toBe(answered.length);
    expect(rows.map((r) => r.id).sort()).toEqual([...answered].sort());
    const active = rows.filter((r) => r.status === 'confirmed');
    for (const a of active)
      for (const b of active)
        if (a.id < b.id && a.therapist_id === b.therapist_id)
          expect(Number(a.blocked_from) < Number(b.blocked_until) && Number(b.blocked_from) < Number(a.blocked_until), `${a.id} overlaps ${b.id}`).toBe(false);
    return { attempts: attempts.length, booked: answered.length, refused: attempts.filter((a) => a.status === 409).length, killed, retried };
  } finally {
    await check.close();
  }
}

describe.each(DIALECTS)('kill -9 under booking load on %s', (dialect) => {
  test('after SIGKILL mid-load and a restart, every 201 exists exactly once, no key booked twice, no overlap', async () => {
    const db = await createTestDatabase(dialect);
    try {
      const figures = await killUnderLoad(db);
      console.log(`kill -9 under load on ${dialect}: ${JSON.stringify(figures)}`);
      expect(figures.killed).toBe(ROUNDS);
      expect(figures.booked).toBeGreaterThan(0);
      // The kill cut requests in flight (otherwise it proved nothing).
      expect(figures.retried).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  }, 120_000);
});
