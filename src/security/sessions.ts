// Staff sessions: what the cookie holds and how long a session lives. The id is 256 random bits and only
// its SHA-256 reaches the database (src/db/repositories/staff-sessions.ts); identity is whatever the row
// that hash finds says, never anything else the browser sends.
import { hashToken, newToken } from './encryption.ts';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 30 * 60_000;
/** …and this long after sign-in, whatever happens. */
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** Between the password and the second factor: long enough to open an authenticator app, no more. */
export const PENDING_SESSION_MS = 10 * 60_000;
/** How stale last_seen_at may get before a request writes it again (saves a write per request). */
export const TOUCH_AFTER_MS = 60_000;

/** `__Host-` needs Secure, and so https; plain-http development gets a plain name. */
export const staffCookieName = (publicUrl: string) => (publicUrl.startsWith('https:') ? '__Host-closer_staff' : 'closer_staff');

export const staffCookieOptions = (publicUrl: string) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure: publicUrl.startsWith('https:'),
  maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
});

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

/** Live: before its absolute end and used within the idle limit. */
export function sessionIsLive(s: SessionTimes, now: number): boolean {
  return now < s.expires_at && now - s.last_seen_at < SESSION_IDLE_MS && now - s.created_at < SESSION_ABSOLUTE_MS;
}
