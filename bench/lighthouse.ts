// Lighthouse on a simulated phone (its default mobile profile: Moto G Power, slow 4G, 4× CPU throttling)
// for the public pages issue 11 names: Performance and Accessibility scores, LCP, CLS and page weight.
// Run: npm run bench:lighthouse (builds first; Lighthouse comes from the npm registry through npx, pinned,
// so it is not an install-time dependency of the app or its tests). Chromium from CHROMIUM_PATH or Debian's.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LIGHTHOUSE = 'lighthouse@12.8.2';
const PAGES = (process.env.LIGHTHOUSE_PAGES ?? '/,/guide,/book,/therapists').split(',');
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';

function startApp(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Closer is running at (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`the app exited ${code}: ${out}`)));
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'closer-lighthouse-'));
const app = await startApp(dataDir);
const report = join(dataDir, 'report.json');
try {
  console.log('page          performance  accessibility  LCP      CLS    bytes');
  for (const path of PAGES) {
    execFileSync(
      'npx',
      [
        '--yes',
        LIGHTHOUSE,
        `${app.url}${path}`,
        '--quiet',
        '--only-categories=performance,accessibility',
        `--chrome-flags=${CHROME_FLAGS}`,
        '--output=json',
        `--output-path=${report}`,
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, stdio: 'ignore' },
    );
    const r = JSON.parse(readFileSync(report, 'utf8'));
    const score = (c: string) => String(Math.round(r.categories[c].score * 100));
    console.log(
      [
        path.padEnd(13),
        score('performance').padEnd(12),
        score('accessibility').padEnd(14),
        String(r.audits['largest-contentful-paint'].displayValue).padEnd(8),
        String(r.audits['cumulative-layout-shift'].displayValue).padEnd(6),
        r.audits['total-byte-weight'].numericValue,
      ].join(' '),
    );
  }
} finally {
  app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
