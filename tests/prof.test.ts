import { test } from 'vitest';
import { startTestApp } from '/work/main/tests/support/app.ts';
test('prof', async () => {
  const t = await startTestApp('sqlite', { env: { LOG_LEVEL: 'silent' } });
  const db = t.deps.database.db;
  const time = async (name: string, fn: () => Promise<unknown> | unknown, n = 500) => {
    for (let i = 0; i < 50; i++) await fn();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    console.log(name, ((performance.now() - t0) / n * 1000).toFixed(0), 'us');
  };
  await time('kysely practice', () => db.selectFrom('practice_settings').selectAll().execute());
  await time('repo practice', () => t.deps.repos.practice.get());
  await time('repo search', () => t.deps.repos.therapists.search({}));
  await time('listformat', () => new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' }).format(['a', 'b']));
  await time('numberformat', () => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(1));
  await time('healthz', () => t.request('/healthz'));
  await time('page', () => t.request('/therapists').then((r) => r.text()), 100);
  await t.stop();
});
