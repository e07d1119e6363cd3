// The rules of booking, cancelling and rescheduling. Pure: the caller loads the data, holds the lock,
// and writes what these functions decide.
import { type AvailabilityRules, type BusyInterval, type Slot, type SlotRejectionCode, checkSlot, nextFreeSlots } from './slots.ts';
import type { Format, Service, Therapist } from './types.ts';

export const CONSENT_VERSION = '2026-11-v1';

export type BookingErrorCode =
  | 'THERAPIST_NOT_FOUND'
  | 'SERVICE_NOT_FOUND'
  | 'SERVICE_NOT_OFFERED'
  | 'FORMAT_NOT_OFFERED'
  | 'NO_THERAPIST_FREE'
  | 'ANY_THERAPIST_NOT_ALLOWED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'BOOKING_NOT_FOUND'
  | 'ALREADY_CANCELLED'
  | 'LATE_CANCELLATION'
  | 'SESSION_PASSED'
  | SlotRejectionCode;

export interface BookingError {
  code: BookingErrorCode;
  detail: string;
  /** For a time that cannot be had: the next free times, so the client can pick again at once. */
  alternatives?: Slot[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: BookingError };

export const fail = <T>(code: BookingErrorCode, detail: string, alternatives?: Slot[]): Outcome<T> => ({
  ok: false,
  error: alternatives ? { code, detail, alternatives } : { code, detail },
});

const SLOT_DETAIL: Record<SlotRejectionCode, string> = {
  SLOT_TAKEN: 'That time has just been taken by someone else.',
  DAY_FULL: 'That day is now fully booked for this service.',
  TOO_SOON: 'That time is too soon to book online.',
  OUTSIDE_BOOKING_WINDOW: 'That time is further ahead than we take bookings.',
  OUTSIDE_AVAILABILITY: 'That time is not one the therapist offers.',
  INVALID_TIME_ZONE: 'The therapist’s time zone is not valid.',
  INVALID_DATE: 'That date is not valid.',
  INVALID_DATE_RANGE: 'That date range is not valid.',
  INVALID_AVAILABILITY: 'The therapist’s hours could not be read.',
};

/** The blocked interval a session occupies: the session plus its service's buffers. */
export function blockedRange(service: Pick<Service, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>, slot: Slot): { from: number; until: number } {
  return { from: slot.start - service.bufferBeforeMinutes * 60_000, until: slot.end + service.bufferAfterMinutes * 60_000 };
}

export interface PlanInput {
  therapist: Pick<Therapist, 'id' | 'serviceIds' | 'formats' | 'active'> | undefined;
  service: Service | undefined;
  rules: AvailabilityRules;
  busy: readonly BusyInterval[];
  start: number;
  format?: Format | undefined;
  now: number;
}

export interface PlannedSession {
  start: number;
  end: number;
  blockedFrom: number;
  blockedUntil: number;
  format: Format;
}

/**
 * Whether this therapist can take this service at this start, checked against the current bookings.
 * Called inside the booking transaction, after the lock: the answer is fresh, and on any doubt it is no.
 */
export function planSession(input: PlanInput): Outcome<PlannedSession> {
  const { therapist, service } = input;
  if (!service?.active) return fail('SERVICE_NOT_FOUND', 'That service does not exist.');
  if (!therapist?.active) return fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
  if (!therapist.serviceIds.includes(service.id)) return fail('SERVICE_NOT_OFFERED', 'This therapist does not offer that service.');
  const format = input.format ?? therapist.formats[0];
  if (!format || !therapist.formats.includes(format)) return fail('FORMAT_NOT_OFFERED', 'This therapist does not see clients in that format.');
  const checked = checkSlot(input.rules, input.busy, service, input.start, input.now);
  if (!checked.ok) {
    const next = nextFreeSlots(input.rules, input.busy, service, input.now, 3);
    return fail(checked.error.code, SLOT_DETAIL[checked.error.code], next.ok ? next.value : []);
  }
  const blocked = blockedRange(service, checked.value);
  return { ok: true, value: { start: checked.value.start, end: checked.value.end, blockedFrom: blocked.from, blockedUntil: blocked.until, format } };
}

export interface AnyTherapistCandidate {
  therapistId: string;
  /** Whether this therapist can take the requested time (planSession succeeded). */
  free: boolean;
  /** Active bookings this therapist already has in the same week: the fewest goes first. */
  load: number;
}

/**
 * "Any available therapist": of those free at the time, the one with the lightest week; a tie goes to
 * the one the rotation (a number that changes per request) points at, so nobody is always first.
 */
export function chooseTherapistFairly(candidates: readonly AnyTherapistCandidate[], rotation: number): string | undefined {
  const free = candidates.filter((c) => c.free);
  if (free.length === 0) return undefined;
  const least = Math.min(...free.map((c) => c.load));
  const tied = free.filter((c) => c.load === least).sort((a, b) => a.therapistId.localeCompare(b.therapistId));
  return tied[Math.abs(Math.trunc(rotation)) % tied.length]!.therapistId;
}

export interface ChangeableBooking {
  status: string;
  startsAt: number;
  endsAt: number;
}

/** A client may cancel or move a session until the practice's late-cancellation window; after, they call. */
export function checkClientChange(booking: ChangeableBooking, now: number, lateCancellationHours: number): Outcome<true> {
  if (booking.status === 'cancelled') return fail('ALREADY_CANCELLED', 'This session has already been cancelled.');
  if (booking.status !== 'confirmed' && booking.status !== 'pending') return fail('SESSION_PASSED', 'This session can no longer be changed.');
  if (booking.endsAt <= now) return fail('SESSION_PASSED', 'This session has already taken place.');
  if (booking.startsAt - now < lateCancellationHours * 3_600_000) {
    return fail('LATE_CANCELLATION', `This session starts within ${lateCancellationHours} hours, so it can only be changed by phone.`);
  }
  return { ok: true, value: true };
}

/** Whether a late-cancellation window applies now: the manage page shows "call us" instead of the buttons. */
export function isInsideLateWindow(startsAt: number, now: number, lateCancellationHours: number): boolean {
  return startsAt - now < lateCancellationHours * 3_600_000;
}

/** A short, unambiguous reference a client can read out on the phone (no 0/O, 1/I/L). */
export function bookingReference(randomBytes: Uint8Array): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  let out = '';
  for (let i = 0; i < 8; i++) out += alphabet[randomBytes[i]! % alphabet.length];
  return `CL-${out.slice(0, 4)}-${out.slice(4)}`;
}
