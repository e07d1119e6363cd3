// Who is signed in on the staff side: the live session a cookie's id names, and its user, who must still
// be active (a deactivated user's session ends on their next request).
import { type StaffUser, staffUserRepository } from '../../db/repositories/staff-users.ts';
import { closeSession, liveSession, type Session } from '../sessions.ts';
import type { StaffDeps } from './context.ts';

export async function signedInStaff(deps: StaffDeps, sessionId: string): Promise<{ session: Session; user: StaffUser } | undefined> {
  const session = await liveSession(deps, 'staff', sessionId);
  if (!session) return undefined;
  const user = await staffUserRepository(deps.database.db).findById(session.userId);
  if (!user?.active) {
    await closeSession(deps, 'staff', session.idHash);
    return undefined;
  }
  return { session, user };
}
