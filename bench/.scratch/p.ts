import { openDatabase } from '../../src/db/database.ts';
import { therapistRepository } from '../../src/db/repositories/therapists.ts';
import { serviceRepository } from '../../src/db/repositories/services.ts';
import { rankTherapists } from '../../src/domain/matching.ts';
import { hardFilter, poolPoints, toCandidate, firstSessionService, firstSessionTimes, MATCH_POOL_SIZE } from '../../src/usecases/matching.ts';
const database = openDatabase({ dataDir: '/tmp/prof', databaseUrl: process.argv[2] });
const deps = { database, clock: { now: () => Date.now() } };
const repo = therapistRepository(database.db);
const reqs: any[] = [
  { relationship: 'couple', concerns: ['trust-issues', 'loneliness'], format: 'either', times: ['evenings'], budgetMaxMinor: 9000 },
  { relationship: 'individual', concerns: ['loneliness'], format: 'online' },
  { relationship: 'family', concerns: ['family-conflict', 'trust-issues'], format: 'in_person', languages: ['pl'], therapistGender: 'woman' },
];
const T: Record<string, number[]> = {};
const time = async <X>(k: string, f: () => Promise<X>) => { const t0 = performance.now(); const r = await f(); (T[k] ??= []).push(performance.now() - t0); return r; };
let contenders = 0;
for (let i = 0; i < 30; i++) {
  const req = reqs[i % reqs.length];
  const services = await time('services', () => serviceRepository(database.db).listActive());
  const ids = await time('poolSQL', () => repo.matchPool(hardFilter(req, services), poolPoints(req), MATCH_POOL_SIZE));
  const first = await time('rank1', async () => rankTherapists(req, ids.map((t) => toCandidate(t, null)), services));
  const edge = first.matches[Math.min(20, first.matches.length) - 1]?.score;
  const top = first.matches.filter((m) => m.score >= edge!).map((m) => ids.find((p) => p.id === m.therapistId)!);
  contenders += top.length;
  const ft = await time('free3', () => firstSessionTimes(deps, top, firstSessionService(services), 3));
  await time('free1', () => firstSessionTimes(deps, top, firstSessionService(services), 1));
  await time('rank2', async () => rankTherapists(req, ids.map((t) => toCandidate(t, ft.get(t.id)?.[0]?.start ?? null)), services));
}
for (const [k, v] of Object.entries(T)) { v.sort((a, b) => a - b); console.log(k.padEnd(10), 'p50', v[15]!.toFixed(2), 'p90', v[27]!.toFixed(2)); }
console.log('contenders avg', contenders / 30);
await database.close();
