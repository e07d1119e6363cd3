// What every staff use case is given: the dependencies, who is acting (for the audit log) and from where.
import type { AppDeps } from '../../app/deps.ts';

export type StaffDeps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config' | 'repos'>;

export type { AuditContext } from '../audit.ts';

/** Where a request comes from: the client address (for throttles) and the request id (for the audit log). */
export interface RequestContext {
  address: string;
  requestId: string;
}

/** Who did it, as the audit log writes it. */
export const userActor = (userId: string) => `user:${userId}`;

export type Throttled = { kind: 'throttled'; retryAfterSeconds: number };

/** Counts a hit against each throttle; the longest wait when any is over its limit. */
export async function throttle(deps: StaffDeps, checks: [key: string, windowMs: number, max: number][]): Promise<Throttled | undefined> {
  const now = deps.clock.now();
  let worst: number | undefined;
  for (const [key, windowMs, max] of checks) {
    const r = await deps.repos.rateLimits.hit(key, windowMs, max, now);
    if (!r.allowed) worst = Math.max(worst ?? 0, r.retryAfterSeconds);
  }
  return worst === undefined ? undefined : { kind: 'throttled', retryAfterSeconds: worst };
}
