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
