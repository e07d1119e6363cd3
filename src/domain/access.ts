// Who may do what on the staff side: one deny-by-default function. Pure: given who is asking, what they
// want to do and (for a record) whose record it is, it answers allow or why not. Every staff route asks it
// before its handler runs (src/web/route-access.ts declares each route's action), and handlers that load a
// record ask it again with the record's owner. Queries scope by owner too; this is the rule, they are the
// second lock.

export type StaffRole = 'admin' | 'therapist';

export interface StaffActor {
  kind: 'staff';
  userId: string;
  role: StaffRole;
  /** The therapist this account is (a therapist, or an admin who also sees clients); null for a pure admin. */
  therapistId: string | null;
  /** Both the password and the second factor were checked for this session. */
  secondFactorDone: boolean;
  /** A second factor is enrolled (so the pending step is "enter a code", not "set one up"). */
  secondFactorEnrolled: boolean;
}

export type Actor = { kind: 'anonymous' } | StaffActor;

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** Every action a staff route performs (and the few a handler asks about within a page). A new route names one of these, or is public. */
export const STAFF_ACTIONS = [
  // With only a password so far: the code step, second-factor enrolment, signing out.
  'session.pending',
  // Any signed-in member of staff (password and second factor).
  'staff.home',
  'account.manage',
  // A therapist's own things.
  'week.read',
  'hours.manage',
  'profile.manage',
  'calendar.manage',
  'booking.mark',
  // A booking: its therapist, or an admin.
  'booking.read',
  'booking.cancel',
  // Ongoing sessions booked from a booking, and ending them: its therapist, or an admin.
  'series.manage',
  // A booking's invoices (issue, mark paid, void): its therapist, or an admin.
  'invoice.manage',
  // What the client wrote when booking: the booking form promises "only your therapist can read this", so
  // only the booking's own therapist, never an admin as such. Asked inside the booking page, not by a route.
  'booking.notes.read',
  // The intake answers (before the first session): likewise only the booking's own therapist. Asked inside the booking page.
  'booking.intake.read',
  // Session notes (read and write): only the booking's own therapist, never an admin as such.
  'booking.session_note',
  // A client's record (their sessions with this therapist, found from one booking): only the booking's own therapist.
  'client.record.read',
  // Admins.
  'admin.home',
  'admin.therapists',
  'admin.services',
  'admin.settings',
  'admin.inbox',
  'admin.waitlist',
  'admin.mail',
  'admin.audit',
  'admin.clients',
  'admin.profiles',
  // Every invoice of the practice, and the billing settings.
  'admin.invoices',
  // The practice's schedule: every therapist's hours and sessions (by reference, never the client).
  'schedule.read',
  'booking.reassign',
] as const;

export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** A record the action touches: whose it is decides. */
export type Resource = { kind: 'booking'; therapistId: string } | { kind: 'therapist'; therapistId: string };

export type DenyReason =
  /** Nobody is signed in: sign in first. */
  | 'sign_in'
  /** The password is done, the second factor is not (or is not enrolled yet). */
  | 'second_factor'
  /** Signed in, but this role may not do this at all. */
  | 'forbidden'
  /** Someone else's record: answered as if it did not exist. */
  | 'not_found';

export type Decision = { allow: true } | { allow: false; reason: DenyReason };

const ALLOW: Decision = { allow: true };
const deny = (reason: DenyReason): Decision => ({ allow: false, reason });

/** Who may attempt an action at all (before looking at any record). */
const ROLE_RULES: Record<StaffAction, (a: StaffActor) => boolean> = {
  'session.pending': () => true,
  'staff.home': () => true,
  'account.manage': () => true,
  // An admin without clients of their own is sent on to the practice's schedule.
  'week.read': (a) => a.therapistId !== null || a.role === 'admin',
  'hours.manage': (a) => a.therapistId !== null,
  'profile.manage': (a) => a.therapistId !== null,
  'calendar.manage': (a) => a.therapistId !== null,
  'booking.mark': (a) => a.therapistId !== null,
  'booking.read': (a) => a.therapistId !== null || a.role === 'admin',
  'booking.cancel': (a) => a.therapistId !== null || a.role === 'admin',
  'series.manage': (a) => a.therapistId !== null || a.role === 'admin',
  'invoice.manage': (a) => a.therapistId !== null || a.role === 'admin',
  'booking.notes.read': (a) => a.therapistId !== null,
  'booking.intake.read': (a) => a.therapistId !== null,
  'booking.session_note': (a) => a.therapistId !== null,
  'client.record.read': (a) => a.therapistId !== null,
  'admin.home': (a) => a.role === 'admin',
  'admin.therapists': (a) => a.role === 'admin',
  'admin.services': (a) => a.role === 'admin',
  'admin.settings': (a) => a.role === 'admin',
  'admin.inbox': (a) => a.role === 'admin',
  'admin.waitlist': (a) => a.role === 'admin',
  'admin.mail': (a) => a.role === 'admin',
  'admin.audit': (a) => a.role === 'admin',
  'admin.clients': (a) => a.role === 'admin',
  'admin.profiles': (a) => a.role === 'admin',
  'admin.invoices': (a) => a.role === 'admin',
  'schedule.read': (a) => a.role === 'admin',
  'booking.reassign': (a) => a.role === 'admin',
};

/** Whose records an action may touch, once the role may attempt it. */
function ownsOrAdmin(a: StaffActor, action: StaffAction, r: Resource): boolean {
  switch (action) {
    // Only the therapist whose record it is.
    case 'week.read':
    case 'hours.manage':
    case 'profile.manage':
    case 'calendar.manage':
    case 'booking.mark':
    case 'booking.notes.read':
    case 'booking.intake.read':
    case 'booking.session_note':
    case 'client.record.read':
      return a.therapistId !== null && a.therapistId === r.therapistId;
    // The therapist whose booking it is, or an admin.
    case 'booking.read':
    case 'booking.cancel':
    case 'series.manage':
    case 'invoice.manage':
      return a.role === 'admin' || (a.therapistId !== null && a.therapistId === r.therapistId);
    // Admin actions: the role was enough.
    case 'admin.therapists':
    case 'admin.clients':
    case 'admin.profiles':
    case 'booking.reassign':
      return a.role === 'admin';
    default:
      // Actions that take no record: a record passed with them is a mistake, and a mistake is a no.
      return false;
  }
}

export function decide(actor: Actor, action: StaffAction, resource?: Resource): Decision {
  if (actor.kind !== 'staff') return deny('sign_in');
  const rule = ROLE_RULES[action] as ((a: StaffActor) => boolean) | undefined;
  if (!rule) return deny('forbidden');
  if (action === 'session.pending') return resource ? deny('forbidden') : ALLOW;
  if (!actor.secondFactorDone) return deny('second_factor');
  if (!rule(actor)) return deny('forbidden');
  if (resource === undefined) return ALLOW;
  return ownsOrAdmin(actor, action, resource) ? ALLOW : deny('not_found');
}

/** True when a decision lets the action go ahead. */
export const allowed = (d: Decision): d is { allow: true } => d.allow;
