// A member of staff's own sessions: where they are signed in, and signing out everywhere else (or
// everywhere). Password and second-factor changes are in password.ts and second-factor.ts.
import { type Session, sessionStore } from '../../db/repositories/sessions.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { type StaffDeps, userActor } from './context.ts';

/** The user's live sessions, newest first. */
export async function liveSessions(deps: StaffDeps, userId: string): Promise<Session[]> {
  return sessionStore(deps.database.db, 'staff').listFor(userId, deps.clock.now());
}

/** Ends every session of the user but `keepIdHash` (or, without it, every one), and says so in the log. */
export async function signOutSessions(deps: StaffDeps, userId: string, keepIdHash: string | undefined, requestId: string): Promise<void> {
  const { db } = deps.database;
  await sessionStore(db, 'staff').deleteAllFor(userId, keepIdHash);
  await writeAudit(db, deps.clock.now(), {
    actor: userActor(userId),
    action: keepIdHash ? 'staff.sessions.revoked' : 'staff.sessions.revoked-all',
    target: userActor(userId),
    requestId,
  });
}
