// A benchmark's database: migrated and seeded as a practice called Bench, with or without the demo
// therapists.
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedIfEmpty } from '../src/db/seed.ts';

export async function prepareBenchDatabase(database: Database, demoData: boolean): Promise<void> {
  await migrate(database);
  await seedIfEmpty(database, {
    practiceName: 'Bench',
    practicePhone: '020 7946 0000',
    practiceEmail: 'bench@closer.example',
    timeZone: 'Europe/London',
    adminPassword: 'bench bench bench bench',
    demoData,
  });
}

/** The median of some numbers (the middle one; the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Runs `f` `runs` times (after one warm-up run unless told not to): the median milliseconds and the last result. */
export function measure<T>(runs: number, f: () => T, warmUp = true): { ms: number; result: T } {
  let result = warmUp ? f() : (undefined as T);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}
