// The directory and Find your match at national scale, on PostgreSQL.
//   npm run bench:scale                     (100,000 therapists, 200 runs each)
//   npm run bench:scale -- --therapists 20000 --runs 100 --keep
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names a server where this may
// create a throwaway database; it is dropped at the end unless --keep. Loopback only.
//
// Generates random therapists (concerns, languages, formats, relationships, services, weekly hours) in
// multi-row batches, then measures, each beside baselines from the same run (select 1, a primary-key
// lookup): a filtered directory query (2–3 filters, limit 20, plus hydrate), the directory page's data
// (count + that query + next free times), and a match (hard filters in SQL, candidates, free times,
// ranking). Prints p50/p95 and ratios, and EXPLAIN ANALYZE plans. Times are printed, never asserted.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CompiledQuery, type Insertable, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.ts';
import { therapistRepository } from '../src/db/repositories/therapists.ts';
import type { DB, TherapistsTable } from '../src/db/schema.ts';
import { type MatchRequest, STYLE_AXES, TIME_WINDOWS } from '../src/domain/matching.ts';
import { CONCERN_IDS, FORMATS, GENDERS, LANGUAGE_NAMES, RELATIONSHIPS } from '../src/domain/types.ts';
import { type DirectoryFilter, findMatches, searchDirectory } from '../src/usecases/matching/match.ts';
import { mulberry32 } from './random.ts';
import { prepareBenchDatabase } from './setup.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const COUNT = arg('therapists', 100_000);
const RUNS = arg('runs', 200);
const WARM = Math.min(20, RUNS);
const KEEP = args.includes('--keep');
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!/^postgres(ql)?:\/\/[^@]*@?(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(SERVER)) throw new Error('BENCH_DATABASE_URL must be a loopback server');

// ---------- deterministic randomness ----------
const rand = mulberry32(20270301);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;
function some<T>(xs: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rand() * (max - min + 1));
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  return out;
}
// A few languages are common, most are rare (roughly Zipf).
const OTHER_LANGUAGES = Object.keys(LANGUAGE_NAMES).filter((l) => l !== 'en');
const otherLanguage = () => OTHER_LANGUAGES[Math.min(OTHER_LANGUAGES.length - 1, Math.floor(OTHER_LANGUAGES.length * rand() ** 2))]!;
const FIRST = [
  'Alex',
  'Sam',
  'Priya',
  'Tomasz',
  'Amara',
  'Helen',
  'Yusuf',
  'Lucía',
  'Daniel',
  'Marta',
  'Jonah',
  'Aisha',
  'Chen',
  'Olu',
  'Ines',
  'Kofi',
  'Maya',
  'Ravi',
  'Zofia',
  'Noah',
];
const LAST = [
  'Okafor',
  'Nowak',
  'Shah',
  'Fernández',
  'Mensah',
  'Rivers',
  'Rahman',
  'Carter',
  'Kowalska',
  'Levi',
  'Patel',
  'Smith',
  'Jones',
  'Khan',
  'Murphy',
  'Silva',
  'Ahmed',
  'Brown',
  'Wilson',
  'Evans',
];
const CULTURES = ['Muslim', 'Christian', 'Jewish', 'Hindu', 'Sikh', 'Polish', 'Nigerian', 'British Asian', 'Caribbean', 'Irish', 'LGBTQ+ communities'];
const HOUR_PATTERNS: [number, string, string][][] = [
  [1, 2, 3, 4, 5].map((d) => [d, '09:00', '17:00']),
  [1, 2, 3, 4, 5].map((d) => [d, '17:30', '21:00']),
  [
    [6, '09:00', '13:00'],
    [1, '10:00', '16:00'],
    [2, '10:00', '16:00'],
  ],
  [
    [2, '12:00', '20:00'],
    [4, '12:00', '20:00'],
  ],
  [
    [3, '08:00', '12:00'],
    [3, '13:00', '18:30'],
    [6, '10:00', '14:00'],
  ],
  [1, 3, 5].map((d) => [d, '07:30', '10:30']),
];
const nowMs = Date.now();
const style = () =>
  JSON.stringify({
    directive: Math.round((rand() * 2 - 1) * 10) / 10,
    pastFocus: Math.round((rand() * 2 - 1) * 10) / 10,
    challenging: Math.round((rand() * 2 - 1) * 10) / 10,
  });

// ---------- measuring ----------
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
interface Figures {
  p50: number;
  p95: number;
  mean: number;
}
async function measure(runs: number, f: (i: number) => Promise<unknown>, warm = WARM): Promise<Figures> {
  for (let i = 0; i < warm; i++) await f(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 0.5), p95: pct(times, 0.95), mean: times.reduce((s, x) => s + x, 0) / times.length };
}
const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
function row(label: string, f: Figures, base?: Figures, goal?: number) {
  const ratio = base ? `   ×${(f.p50 / base.p50).toFixed(1).padStart(6)} p50, ×${(f.p95 / base.p95).toFixed(1).padStart(6)} p95 vs PK lookup` : '';
  const verdict = goal === undefined ? '' : f.p95 < goal ? `   goal p95 < ${goal} ms: met` : `   goal p95 < ${goal} ms: NOT MET`;
  console.log(`${label.padEnd(46)} p50 ${ms(f.p50)}   p95 ${ms(f.p95)}   mean ${ms(f.mean)}${ratio}${verdict}`);
}

// ---------- the throwaway database ----------
const name = `closer_bench_${randomBytes(5).toString('hex')}`;
const databaseUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${name}`;
  return u.toString();
})();
async function admin(statement: string) {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
const dataDir = mkdtempSync(join(tmpdir(), 'closer-bench-'));
await admin(`create database ${name}`);
let database: Database | undefined;
try {
  database = openDatabase({ dataDir, databaseUrl });
  const { db } = database;
  await prepareBenchDatabase(database, false);
  const services = new Map((await db.selectFrom('services').select(['id', 'slug']).execute()).map((s) => [s.slug, s.id]));
  const service = (slug: string) => services.get(slug)!;

  // ---------- generate ----------
  const t0 = performance.now();
  const BATCH = 1000;
  const ids: string[] = [];
  for (let from = 0; from < COUNT; from += BATCH) {
    const rows: Insertable<TherapistsTable>[] = [];
    const concerns: { therapist_id: string; concern_id: string }[] = [];
    const languages: { therapist_id: string; language: string }[] = [];
    const relationships: { therapist_id: string; relationship: string }[] = [];
    const offered: { therapist_id: string; service_id: string }[] = [];
    const hours: { therapist_id: string; weekday: number; start_time: string; end_time: string }[] = [];
    for (let i = from; i < Math.min(COUNT, from + BATCH); i++) {
      const id = randomUUID();
      ids.push(id);
      const psychosexual = chance(0.12);
      const online = chance(0.8);
      const inPerson = !online || chance(0.45);
      rows.push({
        id,
        slug: `t-${i}`,
        name: `${pick(FIRST)} ${pick(LAST)}`,
        pronouns: 'they/them',
        gender: chance(0.55) ? 'woman' : chance(0.78) ? 'man' : 'non_binary',
        bio: 'A generated therapist for the scale benchmark.',
        approach: 'Integrative.',
        accreditations: '["BACP Registered"]',
        fee_minor: 4500 + 500 * Math.floor(rand() * 22),
        currency: 'GBP',
        time_zone: 'Europe/London',
        years_practising: 1 + Math.floor(rand() * 30),
        lgbtq_affirming: chance(0.6) ? 1 : 0,
        cultural_experience: JSON.stringify(some(CULTURES, 0, 2)),
        offers_online: online ? 1 : 0,
        offers_in_person: inPerson ? 1 : 0,
        psychosexual_trained: psychosexual ? 1 : 0,
        style: style(),
        active: chance(0.97) ? 1 : 0,
        created_at: nowMs,
        updated_at: nowMs,
        email: `t${i}@bench.example`,
      });
      const cs = new Set<string>(
        some(
          CONCERN_IDS.filter((c) => c !== 'sexual-intimacy'),
          2,
          5,
        ),
      );
      if (psychosexual && chance(0.9)) cs.add('sexual-intimacy');
      for (const concern_id of cs) concerns.push({ therapist_id: id, concern_id });
      const ls = new Set(chance(0.95) ? ['en'] : []);
      for (let k = Math.floor(rand() * 3); k > 0; k--) ls.add(otherLanguage());
      if (ls.size === 0) ls.add(otherLanguage());
      for (const language of ls) languages.push({ therapist_id: id, language });
      const rs = RELATIONSHIPS.filter((r) => chance({ individual: 0.85, couple: 0.55, family: 0.3, friendship: 0.25 }[r]));
      if (rs.length === 0) rs.push('individual');
      for (const relationship of rs) relationships.push({ therapist_id: id, relationship });
      const ss = new Set(['initial-consultation']);
      if (rs.includes('couple')) ss.add('couples-counselling');
      if (rs.includes('family') || rs.includes('friendship')) ss.add('family-counselling');
      if (rs.includes('individual')) ss.add('individual-therapy');
      if (psychosexual) ss.add('psychosexual-therapy');
      for (const slug of ss) offered.push({ therapist_id: id, service_id: service(slug) });
      for (const pattern of some(HOUR_PATTERNS, 1, 2))
        for (const [weekday, start_time, end_time] of pattern) hours.push({ therapist_id: id, weekday, start_time, end_time });
    }
    await db.insertInto('therapists').values(rows).execute();
    await db.insertInto('therapist_concerns').values(concerns).execute();
    await db.insertInto('therapist_languages').values(languages).execute();
    await db.insertInto('therapist_relationships').values(relationships).execute();
    await db.insertInto('therapist_services').values(offered).execute();
    for (let k = 0; k < hours.length; k += 5000)
      await db
        .insertInto('weekly_hours')
        .values(hours.slice(k, k + 5000))
        .execute();
  }
  // As after any bulk import: rebuild the indexes the trigger-maintained masks bloated while loading,
  // then vacuum (so index-only scans need no heap visits) and gather statistics.
  await sql`reindex table therapists`.execute(db);
  await sql`vacuum analyze`.execute(db);
  const generated = (performance.now() - t0) / 1000;
  const counts = await sql<{ t: string; n: string }>`
    select 'therapists' t, count(*)::text n from therapists union all select 'therapist_concerns', count(*)::text from therapist_concerns
    union all select 'therapist_languages', count(*)::text from therapist_languages union all select 'weekly_hours', count(*)::text from weekly_hours`.execute(
    db,
  );
  const version = (await sql<{ v: string }>`select current_setting('server_version') v`.execute(db)).rows[0]?.v;
  console.log(
    `PostgreSQL ${version}, database ${name}: generated ${COUNT.toLocaleString('en-GB')} therapists in ${generated.toFixed(1)} s (${counts.rows.map((r) => `${r.t} ${Number(r.n).toLocaleString('en-GB')}`).join(', ')})`,
  );
  console.log(
    `${RUNS} runs each after ${WARM} warm-up runs, one request at a time; p50/p95 in milliseconds. Load average now: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs.\n`,
  );

  // ---------- the workloads ----------
  const deps = { database, clock: { now: () => Date.now() } };
  const repo = therapistRepository(db);
  const COMMON = ['en', 'pl', 'es', 'fr', 'de', 'ar', 'ur'];
  const directoryFilters: DirectoryFilter[] = Array.from({ length: 50 }, () => {
    const all: DirectoryFilter = {
      concern: pick(CONCERN_IDS),
      language: pick(COMMON),
      format: pick(FORMATS),
      relationship: pick(RELATIONSHIPS),
      gender: pick(GENDERS),
      maxFeeMinor: pick([6000, 8000, 10000, 12000]),
      times: [pick(TIME_WINDOWS)],
    };
    const keys = some(Object.keys(all) as (keyof DirectoryFilter)[], 2, 3);
    return Object.fromEntries(keys.map((k) => [k, all[k]])) as DirectoryFilter;
  });
  const matchRequests: MatchRequest[] = Array.from({ length: 50 }, () => {
    const relationship = pick(RELATIONSHIPS);
    return {
      relationship,
      concerns: some(CONCERN_IDS, 1, 3),
      format: pick(['online', 'in_person', 'either'] as const),
      ...(chance(0.4) ? { languages: [pick(COMMON.slice(1))] } : {}),
      ...(chance(0.6) ? { times: some(TIME_WINDOWS, 1, 2) } : {}),
      ...(chance(0.6) ? { budgetMaxMinor: pick([6000, 8000, 10000]) } : {}),
      ...(chance(0.3) ? { therapistGender: pick(GENDERS) } : {}),
      ...(chance(0.2) ? { faithOrCulture: pick(CULTURES) } : {}),
      ...(chance(0.3) ? { lgbtqAffirming: true } : {}),
      ...(chance(0.3) ? { style: { directive: pick([STYLE_AXES.directive.high, STYLE_AXES.directive.low]) } } : {}),
      ...(relationship === 'couple' && chance(0.1) ? { safetyConcern: true } : {}),
    };
  });

  const baseline1 = await measure(RUNS, () => sql`select 1`.execute(db));
  const baselinePk = await measure(RUNS, (i) =>
    db
      .selectFrom('therapists')
      .selectAll()
      .where('id', '=', ids[(i * 7919) % ids.length]!)
      .executeTakeFirst(),
  );
  row('baseline: select 1', baseline1);
  row('baseline: therapist by primary key', baselinePk);
  const directory = await measure(RUNS, (i) => repo.search({ ...directoryFilters[i % directoryFilters.length], limit: 20 }));
  row('directory: search, 2–3 filters, limit 20 + hydrate', directory, baselinePk, 50);
  const counted = await measure(RUNS, (i) => repo.count(directoryFilters[i % directoryFilters.length]));
  row('directory: count for the same filters', counted, baselinePk);
  const spoken = await measure(RUNS, () => repo.languagesSpoken());
  row('directory: languages for the filter form', spoken, baselinePk);
  const page = await measure(RUNS, (i) => searchDirectory(deps, directoryFilters[i % directoryFilters.length]!));
  row('directory page data: count + search + free times', page, baselinePk);
  // "Something in the next 7 days" is worked out from the slots of everyone who meets the other filters
  // (not from SQL): far slower at this scale, so fewer runs.
  const SOON_RUNS = Math.min(RUNS, 10);
  let soonFound = 0;
  const soonPage = await measure(
    SOON_RUNS,
    async (i) => {
      soonFound += (await searchDirectory(deps, { ...directoryFilters[i % directoryFilters.length]!, soon: true })).total;
    },
    2,
  );
  row(`directory page data, free in the next 7 days (${SOON_RUNS} runs)`, soonPage, baselinePk);
  console.log(`  (on average ${(soonFound / (SOON_RUNS + 2)).toFixed(0)} therapists free within the week per filter)`);
  let candidates = 0;
  let matched = 0;
  const match = await measure(RUNS, async (i) => {
    const outcome = await findMatches(deps, matchRequests[i % matchRequests.length]!);
    candidates += outcome.therapists.size;
    matched += outcome.result.matches.length;
  });
  row('match: hard filters in SQL + free times + ranking', match, baselinePk, 100);
  console.log(`  (a match ranked ${(candidates / (RUNS + WARM)).toFixed(0)} candidates on average, ${(matched / (RUNS + WARM)).toFixed(0)} ranked results)\n`);

  // ---------- plans ----------
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const logged = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void captured.push(e.query) });
  const explain = async (label: string, q: CompiledQuery | undefined) => {
    if (!q) return;
    const plan = await pool.query(`explain (analyze, costs off, summary on) ${q.sql}`, q.parameters as unknown[]);
    const lines = plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
    const big = lines.filter((l) => /Seq Scan on (therapists|therapist_\w+|weekly_hours)\b/.test(l));
    console.log(`--- ${label}: ${big.length === 0 ? 'index scans only on the large tables' : `SEQUENTIAL SCANS: ${big.length}`}`);
    console.log(`    ${q.sql.replace(/\s+/g, ' ').slice(0, 300)}${q.sql.length > 300 ? ' …' : ''}`);
    console.log(`    parameters: ${JSON.stringify(q.parameters).slice(0, 200)}`);
    for (const l of lines) console.log(`    ${l}`);
    console.log('');
  };
  const sample: DirectoryFilter = { concern: 'trust-issues', language: 'pl', format: 'online' };
  await therapistRepository(logged).search({ ...sample, limit: 20 });
  await explain('directory search (concern + language + format, limit 20)', captured[0]);
  captured.length = 0;
  await therapistRepository(logged).count(sample);
  await explain('directory count (same filters)', captured[0]);
  captured.length = 0;
  await therapistRepository(logged).search({ relationship: 'couple', times: ['evenings'], maxFeeMinor: 8000, limit: 20 });
  await explain('directory search (who + times + fee, limit 20)', captured[0]);
  captured.length = 0;
  await findMatches(
    { database: { ...database, db: logged }, clock: deps.clock },
    {
      relationship: 'couple',
      concerns: ['trust-issues', 'communication-barriers'],
      format: 'in_person',
      languages: ['pl'],
      times: ['evenings'],
      budgetMaxMinor: 9000,
    },
  );
  await explain(
    'match candidates (hard filters + preference points, limit 100)',
    captured.find((q) => q.sql.includes('pool_points')),
  );
  captured.length = 0;
  await findMatches({ database: { ...database, db: logged }, clock: deps.clock }, { relationship: 'individual', concerns: ['loneliness'], format: 'either' });
  await explain(
    'match candidates, broad request (who + one concern)',
    captured.find((q) => q.sql.includes('pool_points')),
  );
  await logged.destroy();
} finally {
  await database?.close();
  if (KEEP) console.log(`kept database ${name} (${databaseUrl})`);
  else await admin(`drop database if exists ${name} with (force)`);
  rmSync(dataDir, { recursive: true, force: true });
}
