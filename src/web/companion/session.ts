// Companion sign-in state: the client session cookie and the access function for circles. Identity comes
// only from the session row the cookie's id hashes to.
import type { Context, MiddlewareHandler } from 'hono';
import { type CompanionRepositories, companionRepositoriesFor } from '../../db/repositories/companion.ts';
import type { ClientSession } from '../../db/repositories/companion-accounts.ts';
import type { Membership } from '../../db/repositories/companion-circles.ts';
import { REMEMBER_ME_MS } from '../../domain/companion.ts';
import { membershipOf } from '../../usecases/companion/circles.ts';
import { closeSession, liveSession, openSession } from '../../usecases/sessions.ts';
import type { AppEnv } from '../env.ts';
import { keepPostedForm } from '../kept-work.tsx';
import { notFoundPage } from '../pages/errors.tsx';
import { clearSessionCookie, sessionCookieName as cookieName, readSessionCookie, setSessionCookie } from '../session-cookie.ts';

export type CompanionEnv = {
  Variables: AppEnv['Variables'] & {
    client: ClientSession | null;
    membership: Membership;
  };
};

export type CompanionContext = Context<CompanionEnv>;

/** The companion's context is the app's with two more variables: where shared code wants the app's, it is one. */
export const asAppContext = (c: CompanionContext) => c as unknown as Context<AppEnv>;

/** The shell's "not found" page: what anything not the viewer's looks like. */
export const notFound = (c: CompanionContext) => notFoundPage(asAppContext(c));

export const repos = (c: Context<CompanionEnv> | Context<AppEnv>): CompanionRepositories => companionRepositoriesFor(c.var.deps);

/** `__Host-closer_client` over https; a plain name in plain-http development, where __Host- cannot be set. */
export const sessionCookieName = (publicUrl: string) => cookieName('client', publicUrl);

/** Reads the session cookie, if any, into c.var.client (null when there is none or it has ended). */
export const loadClient: MiddlewareHandler<CompanionEnv> = async (c, next) => {
  const value = readSessionCookie(c, 'client', c.var.deps.config.publicUrl);
  const session = value ? await liveSession(c.var.deps, 'client', value) : undefined;
  c.set('client', session ? { clientId: session.userId, idHash: session.idHash } : null);
  await next();
};

/**
 * A new session (a new id at every sign-in; the old one, if any, ends) and its cookie. A remembered one
 * (ticked at sign-in) lasts 30 days on this device; otherwise the usual limits.
 */
export async function startSession(c: CompanionContext, clientId: string, remembered = false): Promise<void> {
  const id = await openSession(c.var.deps, 'client', clientId, { remembered }, c.var.client?.idHash);
  // The cookie never outlives the session's absolute limit (the server ends it then, or sooner when idle, anyway).
  setSessionCookie(c, 'client', c.var.deps.config.publicUrl, id, remembered ? REMEMBER_ME_MS : undefined);
}

export async function endSession(c: CompanionContext): Promise<void> {
  if (c.var.client) await closeSession(c.var.deps, 'client', c.var.client.idHash);
  clearSessionCookie(c, 'client', c.var.deps.config.publicUrl);
  c.set('client', null);
}

/** Only companion paths may be where sign-in leads (no open redirect). */
export const SAFE_NEXT = /^\/companion(\/[A-Za-z0-9_-]+)*$/;
export const safeNext = (v: unknown): string | null => (typeof v === 'string' && SAFE_NEXT.test(v) && v.length <= 200 ? v : null);

/** Where signing in leads when a form met an ended session: what was typed, offered once. */
export const KEPT_PATH = '/companion/kept';

/**
 * Sign in first: a visitor without a session goes to the sign-in page, and comes back after; a form sent
 * with an ended session keeps what was typed for this browser (web/kept-work.tsx), offered after signing in.
 */
export async function signInRedirect(c: CompanionContext): Promise<Response> {
  const here = c.req.method === 'GET' ? safeNext(c.req.path) : (await keepPostedForm(c, 'client')) ? KEPT_PATH : null;
  return c.redirect(here && here !== '/companion' ? `/companion/sign-in?next=${encodeURIComponent(here)}` : '/companion/sign-in', 303);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isId = (v: string | undefined): v is string => typeof v === 'string' && UUID.test(v);

/**
 * The one access function for circles: the signed-in client's membership of the circle named in the path,
 * or null. Not a member, no such circle, or a malformed id all look the same (a 404).
 */
export async function circleAccess(c: CompanionContext): Promise<Membership | null> {
  const client = c.var.client;
  const circleId = c.req.param('circleId');
  if (!client || !isId(circleId)) return null;
  return membershipOf(c.var.deps, circleId, client.clientId);
}
