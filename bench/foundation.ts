// Foundation benchmark: cold start to the first /healthz on SQLite, resident memory after start, and
// /therapists throughput beside a bare node:http server answering the same bytes, in the same run.
// Run: npm run bench:foundation (builds first). Figures are ratios against the baseline; machines here are noisy.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 16;

function startApp(dataDir: string): Promise<{ url: string; pid: number; ms: number; stop: () => Promise<void> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => (out += d));
    child.stdout.on('data', async (d) => {
      out += d;
      const m = /Closer is running at (\S+)/.exec(out);
      if (!m) return;
      const url = m[1]!;
      while (true) {
        const ok = await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
      }
      resolve({
        url,
        pid: child.pid!,
        ms: performance.now() - t0,
        stop: () =>
          new Promise((r) => {
            child.on('exit', () => r());
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function load(url: string): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  return result.requests.average;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Baseline for start-up: a bare Node process that starts and exits.
const nodeStarts: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  await new Promise((r) => spawn(process.execPath, ['-e', '0']).on('exit', r));
  nodeStarts.push(performance.now() - t0);
}

const cold: number[] = [];
for (let i = 0; i < 3; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'closer-bench-'));
  const app = await startApp(dir);
  cold.push(app.ms);
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}

const dir = mkdtempSync(join(tmpdir(), 'closer-bench-'));
const app = await startApp(dir);
const rssAfterStart = rssMiB(app.pid);
const page = Buffer.from(await (await fetch(`${app.url}/therapists`)).arrayBuffer());
const bare = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8', 'content-length': page.length });
  res.end(page);
}).listen(0, '127.0.0.1');
await new Promise((r) => bare.once('listening', r));
const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;

const appRps = await load(`${app.url}/therapists`);
const bareRps = await load(bareUrl);
const rssAfterLoad = rssMiB(app.pid);
bare.close();
await app.stop();
rmSync(dir, { recursive: true, force: true });

const coldMs = median(cold);
const nodeMs = median(nodeStarts);
console.log(
  JSON.stringify(
    {
      coldStartToHealthzMs: Math.round(coldMs),
      bareNodeStartMs: Math.round(nodeMs),
      coldStartRatio: +(coldMs / nodeMs).toFixed(1),
      rssAfterStartMiB: +rssAfterStart.toFixed(1),
      rssAfterLoadMiB: +rssAfterLoad.toFixed(1),
      therapistsPageBytes: page.length,
      therapistsRps: Math.round(appRps),
      bareHttpSameBytesRps: Math.round(bareRps),
      throughputRatio: +(appRps / bareRps).toFixed(3),
      connections: CONNECTIONS,
      seconds: DURATION,
    },
    null,
    2,
  ),
);
