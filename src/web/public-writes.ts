// What the public booking and waiting-list handlers (API and HTML alike) share around a write: counting
// the attempt against the address's limit, saying how long to wait, and logging a failure without
// personal data.
import type { Context } from 'hono';
import { type PublicWrite, type Throttle, throttlePublicWrite } from '../usecases/bookings/throttle.ts';
import { clientAddress } from './client-address.ts';
import type { AppEnv } from './env.ts';

/** Counts this attempt; over the limit, sets Retry-After and says how long to wait. */
export async function throttle(c: Context<AppEnv>, kind: PublicWrite): Promise<Throttle> {
  const result = await throttlePublicWrite(c.var.deps, kind, clientAddress(c));
  if (!result.allowed) c.header('Retry-After', String(result.retryAfterSeconds));
  return result;
}

/** "Try again in 42 minutes": how long a throttled client waits, in words. */
export function waitInWords(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** A public write that failed, logged without personal data: the error's type and message only. */
export function logWriteFailure(c: Context<AppEnv>, error: unknown, message: string) {
  const e = error as { name?: string; message?: string };
  c.var.deps.logger.error({ requestId: c.var.requestId, err: { type: e.name, message: e.message } }, message);
}
