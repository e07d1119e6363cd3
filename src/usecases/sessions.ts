// Sessions, for staff and companion clients alike: open one (a new id at every sign-in or change of
// privilege; the one it replaces ends), find the live one a cookie names, end one. The store keeps only
// the id's hash; the web layer carries the id in a cookie (src/web/session-cookie.ts).
import type { AppDeps } from '../app/deps.ts';
import { type NewSession, type Session, type SessionKind, sessionStore } from '../db/repositories/sessions.ts';

type Deps = Pick<AppDeps, 'database' | 'clock'>;

export type { Session, SessionKind };

/** A new session for `userId` (ending `replacing`, if given); returns its id, for the cookie only. */
export async function openSession(deps: Deps, kind: SessionKind, userId: string, options: NewSession = {}, replacing?: string): Promise<string> {
  const store = sessionStore(deps.database.db, kind);
  if (replacing) await store.delete(replacing);
  return store.create(userId, deps.clock.now(), options);
}

/** The live session an id names, or undefined (an ended one is removed). */
export async function liveSession(deps: Deps, kind: SessionKind, id: string): Promise<Session | undefined> {
  return sessionStore(deps.database.db, kind).findLive(id, deps.clock.now());
}

export async function closeSession(deps: Deps, kind: SessionKind, idHash: string): Promise<void> {
  await sessionStore(deps.database.db, kind).delete(idHash);
}
