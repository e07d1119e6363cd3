import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { therapistRepository } from '../../src/db/repositories/therapists.ts';
import { CONCERN_IDS, FORMATS, GENDERS, RELATIONSHIPS } from '../../src/domain/types.ts';
import { TIME_WINDOWS } from '../../src/domain/matching.ts';
const pool = new pg.Pool({ connectionString: process.argv[2], max: 1 });
let last: any;
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.query.sql.includes('order by "t"."name"')) last = e.query; } });
const repo = therapistRepository(db);
const filters: any[] = [];
for (const language of ['pl', 'ar', 'ur', 'en']) for (const gender of GENDERS) filters.push({ language, gender });
for (const concern of CONCERN_IDS.slice(0, 4)) for (const w of TIME_WINDOWS) filters.push({ concern, times: [w], format: 'in_person' });
filters.push({ relationship: 'friendship', gender: 'non_binary', maxFeeMinor: 6000 });
const res: [number, any, any][] = [];
for (const f of filters) {
  await repo.search({ ...f, limit: 20 });
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) await repo.search({ ...f, limit: 20 });
  res.push([(performance.now() - t0) / 3, f, last]);
}
res.sort((a, b) => b[0] - a[0]);
for (const [ms, f] of res.slice(0, 8)) console.log(ms.toFixed(1), JSON.stringify(f));
const q = res[0]![2];
const r = await pool.query(`explain (analyze) ${q.sql}`, q.parameters);
for (const row of r.rows) console.log(row['QUERY PLAN']);
await db.destroy();
