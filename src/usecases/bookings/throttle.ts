// Public booking writes from one client address in an hour, the API and the HTML forms counted together:
// plenty for a person (a few tries at a time, a double click, a retry), too few to fill a calendar or to
// make the practice e-mail a stranger again and again.
import type { AppDeps } from '../../app/deps.ts';

export const PUBLIC_WRITE_LIMITS = {
  booking: { max: 20, windowMs: 60 * 60 * 1000 },
  waitlist: { max: 10, windowMs: 60 * 60 * 1000 },
} as const;

export type PublicWrite = keyof typeof PUBLIC_WRITE_LIMITS;

export type Throttle = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one valid booking or waiting-list attempt from this client's address (in the database, so every
 * app process counts together). Called after the input is valid and before anything is looked up or written.
 */
export async function throttlePublicWrite(deps: Pick<AppDeps, 'repos' | 'clock'>, kind: PublicWrite, clientAddress: string): Promise<Throttle> {
  const limit = PUBLIC_WRITE_LIMITS[kind];
  const hit = await deps.repos.rateLimits.hit(`public-${kind}:${clientAddress}`, limit.windowMs, limit.max, deps.clock.now());
  return hit.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: hit.retryAfterSeconds };
}
