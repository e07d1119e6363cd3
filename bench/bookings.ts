// Distinct bookings per second through the real booking path (lock, re-check, insert, outbox) on SQLite
// and PostgreSQL, beside raw inserts of the same rows in the same run. Run: npm run bench:bookings
// PostgreSQL uses BENCH_DATABASE_URL (a server where this script may create and drop a database),
// default postgres://postgres@127.0.0.1:5432/postgres; set BENCH_DATABASE_URL=none to skip it.
// With --series, every therapist first holds weekly ongoing sessions (saveSeries, eight weeks, conflicts
// skipped) on several hours, so the bookings are checked against calendars that carry series.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../src/config/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import { createEncryptor } from '../src/security/encryption.ts';
import { createBooking } from '../src/usecases/bookings/create.ts';
import { previewSeries, saveSeries } from '../src/usecases/bookings/series.ts';
import { findSlots } from '../src/usecases/bookings/slots.ts';
import { prepareBenchDatabase } from './setup.ts';

const COUNT = Number(process.env.BENCH_BOOKINGS ?? 300);
const WITH_SERIES = process.argv.includes('--series');
const CONCURRENCY = 8;

async function run(database: Database, label: string) {
  await prepareBenchDatabase(database, true);
  const deps = {
    database,
    encryptor: createEncryptor(randomBytes(32)),
    clock: { now: () => Date.parse('2027-03-01T08:00:00Z') },
    config: { publicUrl: 'http://127.0.0.1:3000' } as Config,
    logger: createLogger('silent'),
  };
  const services = await database.db.selectFrom('services').select(['id', 'slug']).execute();
  const consult = services.find((s) => s.slug === 'initial-consultation')!.id;
  const therapists = await database.db.selectFrom('therapist_services').select('therapist_id').where('service_id', '=', consult).execute();
  const held = WITH_SERIES
    ? await holdSeries(
        deps,
        consult,
        therapists.map((t) => t.therapist_id),
      )
    : 0;
  // Every free consultation slot of every therapist over the window: distinct targets.
  const targets: { therapistId: string; start: number }[] = [];
  for (const { therapist_id } of therapists) {
    const found = await findSlots(deps, { therapistId: therapist_id, serviceId: consult, from: '2027-03-02', to: '2027-08-20', timeZone: 'Europe/London' });
    if (found.ok) for (const s of found.value.slots) targets.push({ therapistId: therapist_id, start: s.start });
  }
  // Spread across therapists and days, so each booking is distinct and never refused.
  const chosen: { therapistId: string; start: number }[] = [];
  const used = new Set<string>();
  for (const t of targets) {
    const day = `${t.therapistId}|${new Date(t.start).toISOString().slice(0, 10)}`;
    if (used.has(day)) continue;
    used.add(day);
    chosen.push(t);
    if (chosen.length === COUNT) break;
  }
  const t0 = performance.now();
  let next = 0;
  let ok = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < chosen.length) {
        const target = chosen[next++]!;
        const result = await createBooking(deps, {
          therapistId: target.therapistId,
          serviceId: consult,
          start: target.start,
          client: { name: 'Bench Client', email: `b${next}@example.com` },
          notes: 'bench notes',
          consent: true,
          timeZone: 'Europe/London',
        });
        if (result.ok) ok++;
      }
    }),
  );
  const bookingSeconds = (performance.now() - t0) / 1000;
  // Baseline: the same rows written by plain inserts (no lock, no re-check, no outbox).
  const rows = await database.db.selectFrom('bookings').selectAll().execute();
  await database.db.deleteFrom('bookings').execute();
  const t1 = performance.now();
  next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        await database.db.insertInto('bookings').values(row).execute();
      }
    }),
  );
  const rawSeconds = (performance.now() - t1) / 1000;
  return {
    database: label,
    seriesSessionsHeld: held,
    bookings: ok,
    bookingsPerSecond: Math.round(ok / bookingSeconds),
    rawInsertsPerSecond: Math.round(rows.length / rawSeconds),
    ratio: +(ok / bookingSeconds / (rows.length / rawSeconds)).toFixed(3),
  };
}

/** Weekly series of eight from SERIES_PER_THERAPIST free hours of each therapist: how many sessions they hold. */
async function holdSeries(deps: Parameters<typeof createBooking>[0], serviceId: string, therapistIds: string[]): Promise<number> {
  const SERIES_PER_THERAPIST = 5;
  for (const therapistId of therapistIds) {
    const found = await findSlots(deps, { therapistId, serviceId, from: '2027-03-02', to: '2027-03-08', timeZone: 'Europe/London' });
    const starts = found.ok ? found.value.slots.filter((_, i) => i % 3 === 0).slice(0, SERIES_PER_THERAPIST) : [];
    for (const [i, slot] of starts.entries()) {
      const anchor = await createBooking(deps, {
        therapistId,
        serviceId,
        start: slot.start,
        client: { name: 'Regular Client', email: `r${therapistId.slice(0, 8)}${i}@example.com` },
        consent: true,
      });
      if (!anchor.ok) continue;
      const scope = { kind: 'therapist' as const, therapistId };
      const request = { intervalWeeks: 1, count: 8 };
      const preview = await previewSeries(deps, scope, anchor.value.booking.id, request);
      if (!preview.ok) continue;
      const skip = new Map(preview.value.conflicts.map((c) => [c.start, { kind: 'skip' as const }]));
      await saveSeries(deps, scope, anchor.value.booking.id, request, skip, { actor: 'bench', requestId: 'bench' });
    }
  }
  const row = await deps.database.db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('series_id', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'closer-bench-'));
const sqlite = openDatabase({ dataDir: dir });
results.push(await run(sqlite, 'sqlite'));
await sqlite.close();
rmSync(dir, { recursive: true, force: true });

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (serverUrl !== 'none') {
  const name = `closer_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ dataDir: tmpdir(), databaseUrl: url.toString() });
  try {
    results.push(await run(database, 'postgres'));
  } finally {
    await database.close();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}
console.log(JSON.stringify({ concurrency: CONCURRENCY, results }, null, 2));
