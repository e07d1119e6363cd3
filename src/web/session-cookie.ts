// The one session cookie helper, for the staff cookie and the companion's: `__Host-` names over https
// (where Secure can be set), plain names in plain-http development; HttpOnly, SameSite=Lax, path /, and
// never outliving the session's absolute limit. Only a value shaped like an id we issued is read back.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { looksLikeSessionId, SESSION_LIMITS, type SessionKind } from '../security/sessions.ts';

const BASE_NAME: Record<SessionKind, string> = { staff: 'closer_staff', client: 'closer_client' };

const isHttps = (publicUrl: string) => publicUrl.startsWith('https:');

/** `__Host-closer_staff` / `__Host-closer_client` over https; the plain name where __Host- cannot be set. */
export const sessionCookieName = (kind: SessionKind, publicUrl: string) => (isHttps(publicUrl) ? `__Host-${BASE_NAME[kind]}` : BASE_NAME[kind]);

export const sessionCookieOptions = (kind: SessionKind, publicUrl: string) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure: isHttps(publicUrl),
  maxAge: Math.floor(SESSION_LIMITS[kind].absoluteMs / 1000),
});

/** The session id the cookie carries, when it looks like one we issued. */
export function readSessionCookie(c: Context, kind: SessionKind, publicUrl: string): string | undefined {
  const value = getCookie(c, sessionCookieName(kind, publicUrl));
  return looksLikeSessionId(value) ? value : undefined;
}

/** Sets the cookie; `lifetimeMs` for a session that lives longer than its kind's limit (a remembered one). */
export function setSessionCookie(c: Context, kind: SessionKind, publicUrl: string, id: string, lifetimeMs?: number): void {
  const options = sessionCookieOptions(kind, publicUrl);
  setCookie(c, sessionCookieName(kind, publicUrl), id, lifetimeMs ? { ...options, maxAge: Math.floor(lifetimeMs / 1000) } : options);
}

export function clearSessionCookie(c: Context, kind: SessionKind, publicUrl: string): void {
  const { maxAge: _, ...options } = sessionCookieOptions(kind, publicUrl);
  deleteCookie(c, sessionCookieName(kind, publicUrl), options);
}
