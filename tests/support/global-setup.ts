// Builds the static assets (and the server bundle) once before any test runs.
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (!process.env.TEST_DATABASE_URL) {
    process.stdout.write('\n*** TEST_DATABASE_URL is not set: PostgreSQL tests are SKIPPED (SQLite only). ***\n\n');
  }
}
