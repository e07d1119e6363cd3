// The rules of booking, cancelling and rescheduling. Pure: the caller loads the data, holds the lock,
// and writes what these functions decide.
import { fail, type Outcome } from './errors.ts';
import { type AvailabilityRules, type BusyInterval, checkSlot, nextFreeSlots, type Slot, type SlotRejectionCode } from './slots.ts';
import { FORMATS, type Format, type Service, type Therapist } from './types.ts';

export { sessionFee } from './fees.ts';

export const CONSENT_VERSION = '2026-11-v1';

/** A client's bookings are session records: kept for seven years after their last session, then deleted. */
export const BOOKING_RETENTION_YEARS = 7;
/** A booking cancelled before it took place is no session record: deleted this long after its time. */
export const CANCELLED_BOOKING_RETENTION_DAYS = 90;
/** A waiting-list entry: deleted this long after its last wanted date, or after it was booked or left. */
export const WAITLIST_RETENTION_DAYS = 30;

export type { DomainError as BookingError, Outcome } from './errors.ts';
export { fail } from './errors.ts';

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

const FORMAT_WORDS: Record<Format, string> = { online: 'online', in_person: 'in person' };

/**
 * "Any available therapist": the formats in which someone free at a time could see the client, in the
 * usual order (online first). Empty when nobody is free then.
 */
export function formatsFreeAt(free: readonly { formats: readonly Format[] }[]): Format[] {
  return FORMATS.filter((f) => free.some((t) => t.formats.includes(f)));
}

export interface AnyTherapistOption extends AnyTherapistCandidate {
  formats: readonly Format[];
}

/**
 * "Any available therapist" with the client's choice of format: of the therapists free at the time,
 * those who see clients in that format, chosen fairly. Nobody free: NO_THERAPIST_FREE (the time has
 * gone). Someone free, but nobody free in that format: FORMAT_NOT_OFFERED, naming the formats that
 * are free, since a different answer to "how would you like to meet?" books this very time.
 */
export function assignAnyTherapist(options: readonly AnyTherapistOption[], format: Format | undefined, rotation: number): Outcome<string> {
  // Someone who sees clients in no format at all cannot take the time either.
  const free = options.filter((o) => o.free && o.formats.length > 0);
  const offered = formatsFreeAt(free);
  if (offered.length === 0) return fail('NO_THERAPIST_FREE', 'No therapist is free at that time any more.');
  if (format && !offered.includes(format)) {
    const words = offered.map((f) => FORMAT_WORDS[f]).join(' or ');
    return fail('FORMAT_NOT_OFFERED', `At that time the therapists who are free see clients only ${words}. Choose ${words}, or pick another time.`);
  }
  const chosen = chooseTherapistFairly(format ? free.filter((o) => o.formats.includes(format)) : free, rotation);
  return chosen ? { ok: true, value: chosen } : fail('NO_THERAPIST_FREE', 'No therapist is free at that time any more.');
}

export interface ChangeableBooking {
  status: string;
  startsAt: number;
  endsAt: number;
}

/** Who asks for a change: the client (through their manage link), the booking's therapist, or an admin. */
export type ChangeActor = 'client' | 'therapist' | 'admin';
/** What they ask: cancel, move to another time, move to another therapist, or mark attended / did not attend. */
export type ChangeKind = 'cancel' | 'reschedule' | 'reassign' | 'mark';

export interface ChangeRequest {
  actor: ChangeActor;
  kind: ChangeKind;
  /** For a mark: what the session is to be marked as (a correction must change something). */
  markAs?: 'attended' | 'no_show' | undefined;
  booking: ChangeableBooking;
  now: number;
  settings: { lateCancellationHours: number };
}

/** How long after a session ends its "attended" or "did not attend" can still be corrected. */
export const MARK_CORRECTION_DAYS = 7;

/** Statuses a session can still be cancelled, moved or reassigned in. */
const ACTIVE = new Set(['pending', 'confirmed']);

/**
 * The one rule for changing a booking, asked by every path that changes one (the client's API and manage
 * pages, the therapist's and admin's pages) and by every page that decides which buttons to show. Who may
 * act on which booking at all is the access function's (domain/access.ts); this decides when and in which
 * state:
 * - A client may cancel or move an active session until the practice's late-cancellation window, and
 *   never once it has ended; after that, they call.
 * - The practice (therapist or admin) may cancel or move an active session until it starts; only an admin
 *   moves it to another therapist.
 * - Only the practice marks a confirmed session attended or not, and only once it has started; a mark can
 *   be corrected (attended to did not attend, or back) until MARK_CORRECTION_DAYS after the session ended.
 */
export function decideChange({ actor, kind, booking, now, settings, markAs }: ChangeRequest): Outcome<true> {
  if (kind === 'mark') {
    if (actor === 'client') return fail('FORBIDDEN', 'Only the practice records whether a session took place.');
    if (booking.status === 'cancelled') return fail('ALREADY_CANCELLED', 'This session has been cancelled.');
    if (booking.status !== 'confirmed' && booking.status !== 'attended' && booking.status !== 'no_show') {
      return fail('ALREADY_CANCELLED', 'This session was never confirmed.');
    }
    if (booking.startsAt > now) return fail('SESSION_NOT_STARTED', 'This session has not started yet.');
    if (booking.status === 'confirmed') return { ok: true, value: true };
    if (markAs === booking.status) return fail('CONFLICT', 'This session is already marked that way.');
    if (now >= booking.endsAt + MARK_CORRECTION_DAYS * 86_400_000) {
      return fail('SESSION_PASSED', `Whether this session took place can only be corrected for ${MARK_CORRECTION_DAYS} days after it.`);
    }
    return { ok: true, value: true };
  }
  if (kind === 'reassign' && actor !== 'admin') return fail('FORBIDDEN', 'Only an admin moves a session to another therapist.');
  if (booking.status === 'cancelled') return fail('ALREADY_CANCELLED', 'This session has already been cancelled.');
  if (!ACTIVE.has(booking.status)) return fail('SESSION_PASSED', 'This session can no longer be changed.');
  if (actor !== 'client') {
    if (booking.startsAt <= now) return fail('SESSION_PASSED', 'This session has already started.');
    return { ok: true, value: true };
  }
  if (booking.endsAt <= now) return fail('SESSION_PASSED', 'This session has already taken place.');
  // Started (even with no late window): like the practice, a client no longer changes it online.
  if (booking.startsAt <= now) return fail('LATE_CANCELLATION', 'This session has already started, so it can only be changed by phone.');
  if (booking.startsAt - now < settings.lateCancellationHours * 3_600_000) {
    return fail('LATE_CANCELLATION', `This session starts within ${settings.lateCancellationHours} hours, so it can only be changed by phone.`);
  }
  return { ok: true, value: true };
}

/**
 * The change rule as a client meets it before booking: until when the session at this time could be
 * changed or cancelled online (decideChange's own answer, asked for the moment just booked), and whether
 * that moment has already passed. `until` is the start minus the practice's late-cancellation window.
 */
export function changeWindow(start: number, end: number, now: number, settings: { lateCancellationHours: number }): { until: number; insideNow: boolean } {
  const booking = { status: 'confirmed', startsAt: start, endsAt: end };
  const insideNow = !decideChange({ actor: 'client', kind: 'cancel', booking, now, settings }).ok;
  return { until: start - settings.lateCancellationHours * 3_600_000, insideNow };
}

/** A short, unambiguous reference a client can read out on the phone (no 0/O, 1/I/L). */
export function bookingReference(randomBytes: Uint8Array): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  let out = '';
  for (let i = 0; i < 8; i++) out += alphabet[randomBytes[i]! % alphabet.length];
  return `CL-${out.slice(0, 4)}-${out.slice(4)}`;
}
