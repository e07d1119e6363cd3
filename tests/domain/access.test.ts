// What the client wrote when booking: the booking form promises "Only your therapist can read this", so the
// access function lets only the booking's own therapist read it; an admin may open the booking, not the notes.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ANONYMOUS, type Actor, decide, type Resource, type StaffActor } from '../../src/domain/access.ts';

const staff = (over: Partial<StaffActor> = {}): StaffActor => ({
  kind: 'staff', userId: 'u1', role: 'therapist', therapistId: 'tA', secondFactorDone: true, secondFactorEnrolled: true, ...over,
});
const A = staff();
const B = staff({ userId: 'u2', therapistId: 'tB' });
const ADMIN = staff({ userId: 'u3', role: 'admin', therapistId: null });
const bookingOfA: Resource = { kind: 'booking', therapistId: 'tA' };

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
    const actor = fc.oneof(
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
    const booking = fc.record({ kind: fc.constant('booking' as const), therapistId: fc.constantFrom('tA', 'tB') });
    fc.assert(
      fc.property(actor, booking, (who, r) => {
        const allowed = decide(who, 'booking.notes.read', r).allow;
        return allowed === (who.kind === 'staff' && who.secondFactorDone && who.therapistId === r.therapistId);
      }),
      { numRuns: 1000 },
    );
  });
});
