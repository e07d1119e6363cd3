// Who is asking, on the staff side: the session row the cookie's id hashes to, and its user. Nothing else
// the browser sends (a form field, a header, a query) ever says who someone is.
import type { Context, MiddlewareHandler } from 'hono';
import type { StaffUser } from '../../db/repositories/staff-users.ts';
import { type Actor, ANONYMOUS, type StaffActor } from '../../domain/access.ts';
import { closeSession, openSession, type Session } from '../../usecases/sessions.ts';
import { signedInStaff } from '../../usecases/staff/session.ts';
import { clientAddress } from '../client-address.ts';
import type { AppEnv } from '../env.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../session-cookie.ts';

/** A staff session (the one session store's row, kind 'staff'). */
export type StaffSession = Session;

export type StaffEnv = {
  Variables: AppEnv['Variables'] & {
    actor: Actor;
    session: StaffSession | null;
    user: StaffUser | null;
  };
};

export type StaffContext = Context<StaffEnv>;

/** The signed-in user; only for handlers behind a staff rule (the router has checked there is one). */
export function currentUser(c: StaffContext): StaffUser {
  const user = c.var.user;
  if (!user) throw new Error('No signed-in user: this handler must sit behind a staff rule');
  return user;
}

export function currentSession(c: StaffContext): StaffSession {
  const session = c.var.session;
  if (!session) throw new Error('No session: this handler must sit behind a staff rule');
  return session;
}

/** The therapist the signed-in user is (the router's rule has checked there is one). */
export function currentTherapistId(c: StaffContext): string {
  const id = c.var.user?.therapistId;
  if (!id) throw new Error('Not a therapist: this handler must sit behind a therapist rule');
  return id;
}

export const requestContext = (c: StaffContext) => ({ address: clientAddress(c), requestId: c.var.requestId });

export function actorFor(user: StaffUser, session: StaffSession): StaffActor {
  return {
    kind: 'staff',
    userId: user.id,
    role: user.role,
    therapistId: user.therapistId,
    secondFactorDone: session.secondFactorDone,
    secondFactorEnrolled: user.totpSecret !== null,
  };
}

/** Reads the cookie into c.var.actor / session / user. An ended session or a deactivated user is nobody. */
export const loadActor: MiddlewareHandler<StaffEnv> = async (c, next) => {
  const { deps } = c.var;
  const value = readSessionCookie(c, 'staff', deps.config.publicUrl);
  const signedIn = value ? await signedInStaff(deps, value) : undefined;
  c.set('session', signedIn?.session ?? null);
  c.set('user', signedIn?.user ?? null);
  c.set('actor', signedIn ? actorFor(signedIn.user, signedIn.session) : ANONYMOUS);
  await next();
};

/** A new session (a new id: the old one, if any, ends) with the cookie that carries it. */
export async function startSession(c: StaffContext, user: StaffUser, secondFactorDone: boolean): Promise<void> {
  const { deps } = c.var;
  const id = await openSession(deps, 'staff', user.id, { secondFactorDone, userAgent: c.req.header('user-agent') ?? '' }, c.var.session?.idHash);
  setSessionCookie(c, 'staff', deps.config.publicUrl, id);
}

/** Ends this session: the row goes, and the cookie with it. */
export async function endSession(c: StaffContext): Promise<void> {
  if (c.var.session) await closeSession(c.var.deps, 'staff', c.var.session.idHash);
  clearCookie(c);
}

export function clearCookie(c: StaffContext): void {
  clearSessionCookie(c, 'staff', c.var.deps.config.publicUrl);
}
