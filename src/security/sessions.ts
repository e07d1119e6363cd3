// Sessions, staff and client alike: what the cookie holds and how long a session lives. The id is 256
// random bits and only its SHA-256 reaches the database (src/db/repositories/sessions.ts); identity is
// whatever the row that hash finds says, never anything else the browser sends.
import { CLIENT_SESSION_ABSOLUTE_MS, CLIENT_SESSION_IDLE_MS, REMEMBER_ME_MS } from '../domain/companion.ts';
import { hashToken, newToken } from './encryption.ts';

/** Who a session is for: a member of staff, or a companion client. */
export type SessionKind = 'staff' | 'client';

/** A staff session ends after this long without a request… */
export const SESSION_IDLE_MS = 30 * 60_000;
/** …and this long after sign-in, whatever happens. */
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** Between the password and the second factor: long enough to open an authenticator app, no more. */
export const PENDING_SESSION_MS = 10 * 60_000;
/** How stale last_seen_at may get before a request writes it again (saves a write per request). */
export const TOUCH_AFTER_MS = 60_000;

export interface SessionLimits {
  /** Ends after this long without a request. */
  idleMs: number;
  /** Ends this long after sign-in, whatever happens. */
  absoluteMs: number;
}

export const SESSION_LIMITS: Record<SessionKind, SessionLimits> = {
  staff: { idleMs: SESSION_IDLE_MS, absoluteMs: SESSION_ABSOLUTE_MS },
  client: { idleMs: CLIENT_SESSION_IDLE_MS, absoluteMs: CLIENT_SESSION_ABSOLUTE_MS },
};

/** A companion sign-in kept on a device the person said is theirs: 30 days, used or not. */
export const REMEMBERED_LIMITS: SessionLimits = { idleMs: REMEMBER_ME_MS, absoluteMs: REMEMBER_ME_MS };

/** A new session id: 256 random bits, base64url. */
export const newSessionId = (): string => newToken();

/** What the database keeps of a session id. */
export const sessionIdHash = (id: string): string => hashToken(id);

/** Only something shaped like an id we issued is looked up at all. */
export const looksLikeSessionId = (value: string | undefined): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

export interface SessionTimes {
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/** Live: before its absolute end and used within the idle limit (a staff session's limits unless told). */
export function sessionIsLive(s: SessionTimes, now: number, limits: SessionLimits = SESSION_LIMITS.staff): boolean {
  return now < s.expires_at && now - s.last_seen_at < limits.idleMs && now - s.created_at < limits.absoluteMs;
}
