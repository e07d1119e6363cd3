// Throttles: a hit counted against each of several limits at once (say, per account and per client
// address); the answer is the longest wait of those over their limit, or nothing when all are within.
import type { AppDeps } from '../app/deps.ts';

export type Throttled = { kind: 'throttled'; retryAfterSeconds: number };

export type ThrottleCheck = [key: string, windowMs: number, max: number];

export async function throttle(deps: Pick<AppDeps, 'repos' | 'clock'>, checks: readonly ThrottleCheck[]): Promise<Throttled | undefined> {
  const now = deps.clock.now();
  let worst: number | undefined;
  for (const [key, windowMs, max] of checks) {
    const r = await deps.repos.rateLimits.hit(key, windowMs, max, now);
    if (!r.allowed) worst = Math.max(worst ?? 0, r.retryAfterSeconds);
  }
  return worst === undefined ? undefined : { kind: 'throttled', retryAfterSeconds: worst };
}
