import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { therapistRepository } from '/work/main/src/db/repositories/therapists.ts';
import { serviceRepository } from '/work/main/src/db/repositories/services.ts';
import { hardFilter, poolPoints, MATCH_POOL_SIZE } from '/work/main/src/usecases/matching.ts';
const pool = new pg.Pool({ connectionString: process.argv[2], max: 1 });
const qs: any[] = [];
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }), log: (e) => void qs.push(e.query) });
const req = { relationship: 'couple', concerns: ['trust-issues', 'loneliness'], format: 'either', times: ['evenings'], budgetMaxMinor: 9000 } as const;
const services = await serviceRepository(db).listActive();
qs.length = 0;
await therapistRepository(db).matchPool(hardFilter(req as any, services), poolPoints(req as any), MATCH_POOL_SIZE);
for (const q of qs.slice(0, 2)) {
  console.log(q.sql.slice(0, 600));
  const r = await pool.query(`explain (analyze, buffers) ${q.sql}`, q.parameters);
  for (const row of r.rows) console.log(row['QUERY PLAN']);
}
await db.destroy();
