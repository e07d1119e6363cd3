// Builds the static assets (and the server bundle) once before any test runs, and makes the run's axe
// verdict folder (see axeViolations in browser.ts), removed when the run ends.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const axeVerdicts = mkdtempSync(join(tmpdir(), 'closer-axe-'));
  process.env.CLOSER_AXE_VERDICTS = axeVerdicts;
  if (!process.env.TEST_DATABASE_URL) {
    process.stdout.write('\n*** TEST_DATABASE_URL is not set: PostgreSQL tests are SKIPPED (SQLite only). ***\n\n');
  }
  return () => rmSync(axeVerdicts, { recursive: true, force: true });
}
