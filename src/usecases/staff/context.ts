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

export { type Throttled, throttle } from '../throttle.ts';
