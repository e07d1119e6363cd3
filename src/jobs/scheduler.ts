// Background work inside each app process: the outbox worker and the reminder sweep. Any number of
// processes can run these at once; the jobs claim their rows.

import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { AppDeps } from '../app/deps.ts';
import { queueReminders } from '../usecases/bookings/reminders.ts';
import { extendOpenSeries } from '../usecases/bookings/series-end.ts';
import { pruneCompanion } from '../usecases/companion/erasure.ts';
import { sendCheckInReminders } from '../usecases/companion/reminders.ts';
import { resealUnderCurrentKey } from '../usecases/keys/reseal.ts';
import { enforceRetention } from '../usecases/retention.ts';
import { createTransport, drainOutbox, releaseClaims } from './outbox-worker.ts';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface Scheduler {
  /** Runs every job once now (tests, and the first tick). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(deps: AppDeps, extraJobs: Job[] = []): Scheduler {
  const transport: Transporter | undefined = deps.config.SMTP_URL ? createTransport(deps.config.SMTP_URL) : undefined;
  const claimId = randomUUID();
  let stopping = false;
  const jobs: Job[] = [
    { name: 'reminders', everyMs: 60_000, run: () => queueReminders(deps) },
    { name: 'ongoing-sessions', everyMs: 3_600_000, run: () => extendOpenSeries(deps) },
    { name: 'check-in-reminders', everyMs: 60_000, run: () => sendCheckInReminders(deps, deps.clock.now()) },
    { name: 'retention', everyMs: 3_600_000, run: () => enforceRetention(deps) },
    { name: 'companion-retention', everyMs: 3_600_000, run: () => pruneCompanion(deps, deps.clock.now()) },
    { name: 'outbox', everyMs: deps.config.OUTBOX_POLL_MS, run: () => drainOutbox(deps, transport, 20, { claimId, stopping: () => stopping }) },
    ...extraJobs,
  ];
  // After a key rotation (older keys configured): seal everything again under the current key, then say
  // when the old keys can be removed.
  if (deps.config.ENCRYPTION_KEYS_OLD) jobs.push({ name: 'key-rotation', everyMs: 3_600_000, run: () => rotateKeys(deps) });
  const running = new Set<Promise<unknown>>();
  const busy = new Set<string>();
  const runJob = (job: Job) => {
    if (busy.has(job.name)) return Promise.resolve();
    busy.add(job.name);
    const p = job
      .run()
      .catch((error) => deps.logger.error({ job: job.name, err: { message: error instanceof Error ? error.message : String(error) } }, 'job failed'))
      .finally(() => {
        busy.delete(job.name);
        running.delete(p);
      });
    running.add(p);
    return p;
  };
  const timers = deps.config.OUTBOX_POLL_MS > 0 ? jobs.filter((j) => j.everyMs > 0).map((job) => setInterval(() => void runJob(job), job.everyMs)) : [];
  for (const t of timers) t.unref();
  return {
    async tick() {
      for (const job of jobs) await runJob(job);
    },
    async stop() {
      stopping = true;
      for (const t of timers) clearInterval(t);
      await Promise.all(running);
      // What this process claimed and did not send is due again at once, for whichever process runs next.
      await releaseClaims(deps, claimId).catch(() => 0);
      transport?.close();
    },
  };
}

async function rotateKeys(deps: AppDeps): Promise<void> {
  const report = await resealUnderCurrentKey(deps);
  const remaining = Object.values(report.remaining).reduce((a, b) => a + b, 0);
  if (report.resealed > 0 || remaining > 0 || report.unreadable > 0) {
    deps.logger.info({ resealed: report.resealed, unreadable: report.unreadable, remaining }, 'key rotation: values sealed again under the current key');
  }
  if (remaining === 0) deps.logger.info('key rotation complete: ENCRYPTION_KEYS_OLD can be removed');
}
