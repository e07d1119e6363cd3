// The access function on its own: deny by default, someone else's record is "not found".
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Actor, ANONYMOUS, decide, type Resource, STAFF_ACTIONS, type StaffAction, type StaffActor } from '../../src/domain/access.ts';
import { sessionIsLive } from '../../src/security/sessions.ts';
import { matchTotp, newTotpSecret, totpCode, totpStep } from '../../src/security/totp.ts';

const staff = (over: Partial<StaffActor> = {}): StaffActor => ({
  kind: 'staff',
  userId: 'u1',
  role: 'therapist',
  therapistId: 'tA',
  secondFactorDone: true,
  secondFactorEnrolled: true,
  ...over,
});
const A = staff();
const B = staff({ userId: 'u2', therapistId: 'tB' });
const ADMIN = staff({ userId: 'u3', role: 'admin', therapistId: null });
const bookingOfA: Resource = { kind: 'booking', therapistId: 'tA' };
/** Anyone: nobody signed in, or a therapist or admin of either practice member, at any stage of signing in. */
const anyActor = fc.oneof(
  fc.constant<Actor>(ANONYMOUS),
  fc.record({
    kind: fc.constant('staff' as const),
    userId: fc.constantFrom('u1', 'u2'),
    role: fc.constantFrom('admin' as const, 'therapist' as const),
    therapistId: fc.constantFrom('tA', 'tB', null),
    secondFactorDone: fc.boolean(),
    secondFactorEnrolled: fc.boolean(),
  }),
);

describe('decide', () => {
  test('nobody signed in: sign in, for every action', () => {
    for (const action of STAFF_ACTIONS) expect(decide(ANONYMOUS, action)).toEqual({ allow: false, reason: 'sign_in' });
  });

  test('a password without the second factor reaches only the pending step', () => {
    const pending = staff({ secondFactorDone: false });
    for (const action of STAFF_ACTIONS) {
      expect(decide(pending, action)).toEqual(action === 'session.pending' ? { allow: true } : { allow: false, reason: 'second_factor' });
    }
  });

  test('roles: therapists’ pages for therapists, admin pages for admins', () => {
    expect(decide(A, 'week.read')).toEqual({ allow: true });
    // An admin's week is the practice's schedule (/staff/week sends them there); a therapist has no practice view.
    expect(decide(ADMIN, 'week.read')).toEqual({ allow: true });
    expect(decide(A, 'schedule.read')).toEqual({ allow: false, reason: 'forbidden' });
    expect(decide(ADMIN, 'schedule.read')).toEqual({ allow: true });
    expect(decide(A, 'admin.audit')).toEqual({ allow: false, reason: 'forbidden' });
    expect(decide(ADMIN, 'admin.audit')).toEqual({ allow: true });
    expect(decide(staff({ role: 'admin' }), 'week.read')).toEqual({ allow: true });
  });

  test('someone else’s record is not found; an admin may read and cancel any booking but not mark it', () => {
    expect(decide(A, 'booking.read', bookingOfA)).toEqual({ allow: true });
    expect(decide(B, 'booking.read', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
    expect(decide(B, 'booking.cancel', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
    expect(decide(B, 'booking.mark', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
    expect(decide(ADMIN, 'booking.read', bookingOfA)).toEqual({ allow: true });
    expect(decide(ADMIN, 'booking.cancel', bookingOfA)).toEqual({ allow: true });
    expect(decide(ADMIN, 'booking.mark', bookingOfA)).toEqual({ allow: false, reason: 'forbidden' });
  });

  test('ongoing sessions: the booking’s therapist or an admin books and ends them; another therapist finds nothing', () => {
    expect(decide(A, 'series.manage', bookingOfA)).toEqual({ allow: true });
    expect(decide(ADMIN, 'series.manage', bookingOfA)).toEqual({ allow: true });
    expect(decide(B, 'series.manage', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
    expect(decide(staff({ secondFactorDone: false }), 'series.manage', bookingOfA)).toEqual({ allow: false, reason: 'second_factor' });
    expect(decide(ANONYMOUS, 'series.manage', bookingOfA)).toEqual({ allow: false, reason: 'sign_in' });
  });

  test('invoices: the booking’s therapist or an admin issues, marks paid and voids; another therapist finds nothing; the list is the admin’s', () => {
    expect(decide(A, 'invoice.manage', bookingOfA)).toEqual({ allow: true });
    expect(decide(ADMIN, 'invoice.manage', bookingOfA)).toEqual({ allow: true });
    expect(decide(B, 'invoice.manage', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
    expect(decide(staff({ secondFactorDone: false }), 'invoice.manage', bookingOfA)).toEqual({ allow: false, reason: 'second_factor' });
    expect(decide(ANONYMOUS, 'invoice.manage', bookingOfA)).toEqual({ allow: false, reason: 'sign_in' });
    expect(decide(A, 'admin.invoices')).toEqual({ allow: false, reason: 'forbidden' });
    expect(decide(ADMIN, 'admin.invoices')).toEqual({ allow: true });
  });

  test('deny by default: an unknown action, or a record passed where none belongs', () => {
    expect(decide(ADMIN, 'no.such.action' as StaffAction)).toEqual({ allow: false, reason: 'forbidden' });
    expect(decide(A, 'account.manage', bookingOfA).allow).toBe(false);
    expect(decide(A, 'session.pending', bookingOfA).allow).toBe(false);
  });

  test('property: an allowed record action always means the owner or an admin, fully signed in', () => {
    const resource = fc.record({ kind: fc.constantFrom('booking' as const, 'therapist' as const), therapistId: fc.constantFrom('tA', 'tB') });
    fc.assert(
      fc.property(anyActor, fc.constantFrom(...STAFF_ACTIONS), resource, (who, action, r) => {
        const d = decide(who, action, r);
        if (!d.allow) return true;
        return who.kind === 'staff' && who.secondFactorDone && (who.role === 'admin' || who.therapistId === r.therapistId);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('one-time codes', () => {
  const secret = newTotpSecret();
  const now = Date.parse('2027-03-01T08:00:10Z');

  test('the current code matches its step, a neighbour step is tolerated, others are not', () => {
    expect(matchTotp(secret, totpCode(secret, now), now, null)).toBe(totpStep(now));
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now, null)).toBe(totpStep(now) - 1);
    expect(matchTotp(secret, totpCode(secret, now - 120_000), now, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now, null)).toBeNull();
    expect(matchTotp(secret, '12345', now, null)).toBeNull();
  });

  test('a code is good once: its step, and every earlier one, is refused after use', () => {
    const step = matchTotp(secret, totpCode(secret, now), now, null)!;
    expect(matchTotp(secret, totpCode(secret, now), now, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now + 30_000, step)).toBe(step + 1);
  });
});

describe('session lifetimes', () => {
  const start = Date.parse('2027-03-01T08:00:00Z');
  const s = { created_at: start, last_seen_at: start, expires_at: start + 12 * 3_600_000 };
  test('idle 30 minutes, absolute 12 hours', () => {
    expect(sessionIsLive(s, start + 29 * 60_000)).toBe(true);
    expect(sessionIsLive(s, start + 30 * 60_000)).toBe(false);
    expect(sessionIsLive({ ...s, last_seen_at: start + 12 * 3_600_000 - 1000 }, start + 12 * 3_600_000)).toBe(false);
    expect(sessionIsLive({ ...s, last_seen_at: start + 11 * 3_600_000 }, start + 11 * 3_600_000 + 60_000)).toBe(true);
  });
});

// What the client wrote when booking: the booking form promises "Only your therapist can read this", so the
// access function lets only the booking's own therapist read it; an admin may open the booking, not the notes.
describe('booking notes', () => {
  test('the booking’s own therapist reads them', () => {
    expect(decide(A, 'booking.notes.read', bookingOfA)).toEqual({ allow: true });
  });

  test('an admin who is not that therapist may open the booking but not its notes', () => {
    expect(decide(ADMIN, 'booking.read', bookingOfA)).toEqual({ allow: true });
    expect(decide(ADMIN, 'booking.notes.read', bookingOfA)).toEqual({ allow: false, reason: 'forbidden' });
    const adminWhoIsB = staff({ userId: 'u4', role: 'admin', therapistId: 'tB' });
    expect(decide(adminWhoIsB, 'booking.read', bookingOfA)).toEqual({ allow: true });
    expect(decide(adminWhoIsB, 'booking.notes.read', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
  });

  test('an admin who is the booking’s therapist reads their own client’s notes', () => {
    expect(decide(staff({ role: 'admin' }), 'booking.notes.read', bookingOfA)).toEqual({ allow: true });
  });

  test('another therapist, someone part-way through signing in, or nobody: no', () => {
    expect(decide(B, 'booking.notes.read', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
    expect(decide(staff({ secondFactorDone: false }), 'booking.notes.read', bookingOfA)).toEqual({ allow: false, reason: 'second_factor' });
    expect(decide(ANONYMOUS, 'booking.notes.read', bookingOfA)).toEqual({ allow: false, reason: 'sign_in' });
  });

  test('property: notes are read only by the booking’s own therapist, fully signed in, whatever the role', () => {
    const booking = fc.record({ kind: fc.constant('booking' as const), therapistId: fc.constantFrom('tA', 'tB') });
    fc.assert(
      fc.property(anyActor, booking, (who, r) => {
        const allowed = decide(who, 'booking.notes.read', r).allow;
        return allowed === (who.kind === 'staff' && who.secondFactorDone && who.therapistId === r.therapistId);
      }),
      { numRuns: 1000 },
    );
  });
});

// The intake before a first session: the form tells the client "only your therapist reads your answers", so,
// like the booking notes, only the booking's own therapist; never an admin as such, never another therapist.
describe('intake answers', () => {
  test('the booking’s own therapist reads them; an admin, another therapist, a half-signed-in session or nobody do not', () => {
    expect(decide(A, 'booking.intake.read', bookingOfA)).toEqual({ allow: true });
    expect(decide(ADMIN, 'booking.intake.read', bookingOfA)).toEqual({ allow: false, reason: 'forbidden' });
    expect(decide(staff({ userId: 'u4', role: 'admin', therapistId: 'tB' }), 'booking.intake.read', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
    expect(decide(B, 'booking.intake.read', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
    expect(decide(staff({ secondFactorDone: false }), 'booking.intake.read', bookingOfA)).toEqual({ allow: false, reason: 'second_factor' });
    expect(decide(ANONYMOUS, 'booking.intake.read', bookingOfA)).toEqual({ allow: false, reason: 'sign_in' });
  });

  test('property: read only by the booking’s own therapist, fully signed in, whatever the role', () => {
    const booking = fc.record({ kind: fc.constant('booking' as const), therapistId: fc.constantFrom('tA', 'tB') });
    fc.assert(
      fc.property(anyActor, booking, (who, r) => {
        const allowed = decide(who, 'booking.intake.read', r).allow;
        return allowed === (who.kind === 'staff' && who.secondFactorDone && who.therapistId === r.therapistId);
      }),
      { numRuns: 1000 },
    );
  });
});

// Session notes (read and write): only the booking's own therapist; never an admin as such, never another
// therapist, and an admin who is also a therapist only on their own bookings.
describe('session notes', () => {
  test('the booking’s own therapist reads and writes them; an admin, another therapist, a half-signed-in session or nobody do not', () => {
    expect(decide(A, 'booking.session_note', bookingOfA)).toEqual({ allow: true });
    expect(decide(ADMIN, 'booking.session_note', bookingOfA)).toEqual({ allow: false, reason: 'forbidden' });
    expect(decide(staff({ userId: 'u4', role: 'admin', therapistId: 'tB' }), 'booking.session_note', bookingOfA)).toEqual({
      allow: false,
      reason: 'not_found',
    });
    expect(decide(B, 'booking.session_note', bookingOfA)).toEqual({ allow: false, reason: 'not_found' });
    expect(decide(staff({ secondFactorDone: false }), 'booking.session_note', bookingOfA)).toEqual({ allow: false, reason: 'second_factor' });
    expect(decide(ANONYMOUS, 'booking.session_note', bookingOfA)).toEqual({ allow: false, reason: 'sign_in' });
  });

  test('property: only the booking’s own therapist, fully signed in, whatever the role', () => {
    const booking = fc.record({ kind: fc.constant('booking' as const), therapistId: fc.constantFrom('tA', 'tB') });
    fc.assert(
      fc.property(anyActor, booking, (who, r) => {
        const allowed = decide(who, 'booking.session_note', r).allow;
        return allowed === (who.kind === 'staff' && who.secondFactorDone && who.therapistId === r.therapistId);
      }),
      { numRuns: 1000 },
    );
  });
});

// A client's record (their sessions with this therapist): only the booking's own therapist.
describe('client record', () => {
  test('property: opened only by the booking’s own therapist, fully signed in, whatever the role', () => {
    const booking = fc.record({ kind: fc.constant('booking' as const), therapistId: fc.constantFrom('tA', 'tB') });
    expect(decide(ADMIN, 'client.record.read', bookingOfA)).toEqual({ allow: false, reason: 'forbidden' });
    fc.assert(
      fc.property(anyActor, booking, (who, r) => {
        const allowed = decide(who, 'client.record.read', r).allow;
        return allowed === (who.kind === 'staff' && who.secondFactorDone && who.therapistId === r.therapistId);
      }),
      { numRuns: 1000 },
    );
  });
});
