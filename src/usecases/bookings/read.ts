// Reading bookings: by manage link (the client), by id (staff, each read audited), a therapist's week, a
// therapist's upcoming sessions (an admin moving them), and who else is free to take one. Staff reads
// carry the owner (`where id = ? and therapist_id = ?`) unless the reader is an admin.
import type { AppDeps } from '../../app/deps.ts';
import { availabilityRepository } from '../../db/repositories/availability.ts';
import { bookingRepository } from '../../db/repositories/bookings.ts';
import { type PracticeSettings, practiceRepository } from '../../db/repositories/practice.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { therapistRepository } from '../../db/repositories/therapists.ts';
import type { BookingStatus } from '../../db/schema.ts';
import { decideChange, type Outcome, planSession } from '../../domain/booking.ts';
import type { Format } from '../../domain/types.ts';
import { clientSessionEvent } from '../../mail/booking-messages.ts';
import { hashToken } from '../../security/encryption.ts';
import type { AuditContext } from '../audit.ts';
import { type BookingDeps, type BookingView, manageUrl, toView } from './view.ts';

type StaffReadDeps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config'>;

/** Whose bookings a reader may see: one therapist's, or (an admin) everyone's. */
export type BookingScope = { kind: 'therapist'; therapistId: string } | { kind: 'admin' };

/** The owner condition a therapist's reads and writes carry; an admin's have none. */
export const ownerOf = (scope: BookingScope) => (scope.kind === 'therapist' ? scope.therapistId : undefined);

const MANAGE_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The booking a manage link points at, or undefined (unknown or expired link: the caller answers 404). */
export async function bookingByToken(deps: Pick<BookingDeps, 'database' | 'encryptor' | 'clock' | 'config'>, token: string): Promise<BookingView | undefined> {
  if (!MANAGE_TOKEN.test(token)) return undefined;
  const row = await bookingRepository(deps.database.db).findByManageToken(hashToken(token), deps.clock.now());
  return row ? toView(deps, row) : undefined;
}

export interface ManagedBooking {
  booking: BookingView;
  practice: PracticeSettings;
  /** Whether the client may still cancel or move it online (the change policy's answer), and if not, why. */
  change: Outcome<true>;
}

/** A manage link's booking with the practice's settings and whether the client may change it now. */
export async function manageBooking(
  deps: Pick<BookingDeps, 'database' | 'encryptor' | 'clock' | 'config'>,
  token: string,
): Promise<ManagedBooking | undefined> {
  const booking = await bookingByToken(deps, token);
  if (!booking) return undefined;
  const practice = await practiceRepository(deps.database.db).get();
  return { booking, practice, change: clientChange(booking, practice, deps.clock.now()) };
}

/** The change policy's answer for the client of a booking (cancel and move are decided alike). */
export const clientChange = (booking: Pick<BookingView, 'status' | 'start' | 'end'>, practice: Pick<PracticeSettings, 'lateCancellationHours'>, now: number) =>
  decideChange({ actor: 'client', kind: 'cancel', booking: { status: booking.status, startsAt: booking.start, endsAt: booking.end }, now, settings: practice });

/** The .ics for a manage link: the booking's current state (a cancelled booking is a CANCEL); undefined for a dead link. */
export async function bookingCalendar(deps: Pick<BookingDeps, 'database' | 'encryptor' | 'clock' | 'config'>, token: string): Promise<string | undefined> {
  const booking = await bookingByToken(deps, token);
  if (!booking) return undefined;
  const practice = await practiceRepository(deps.database.db).get();
  return clientSessionEvent(
    {
      bookingId: booking.id,
      sequence: booking.sequence,
      start: booking.start,
      end: booking.end,
      reference: booking.reference,
      manageUrl: manageUrl(deps, token),
      format: booking.format,
      roomUrl: booking.roomUrl,
    },
    practice,
    booking.status === 'cancelled' ? 'CANCEL' : 'PUBLISH',
    deps.clock.now(),
  );
}

/**
 * What the practice may do with a booking now, for the buttons a staff page shows: the change policy's
 * answers (the late-cancellation window is the client's, so it is not asked about here).
 */
export function staffChanges(actor: 'therapist' | 'admin', b: Pick<StaffBookingSummary, 'status' | 'start' | 'end'>, now: number) {
  const ask = (kind: 'cancel' | 'mark' | 'reassign', markAs?: 'attended' | 'no_show') =>
    decideChange({ actor, kind, markAs, booking: { status: b.status, startsAt: b.start, endsAt: b.end }, now, settings: { lateCancellationHours: 0 } }).ok;
  return { cancel: ask('cancel'), attended: ask('mark', 'attended'), noShow: ask('mark', 'no_show'), reassign: ask('reassign') };
}

export interface StaffBookingSummary {
  id: string;
  reference: string;
  status: BookingStatus;
  start: number;
  end: number;
  serviceName: string;
  format: string;
  clientName: string;
  therapistId: string;
  /** The series it is an occurrence of (ongoing sessions), when it is one. */
  seriesId?: string | null | undefined;
}

export interface StaffBookingDetail extends StaffBookingSummary {
  therapistName: string;
  therapistTimeZone: string;
  serviceId: string;
  clientEmail: string;
  clientPhone: string | null;
  /** What the client wrote when booking: opened only when asked for (the booking's own therapist), else null. */
  notes: string | null;
  /** Whether the client wrote anything, whoever is reading. */
  hasNotes: boolean;
  clientTimeZone: string;
  createdAt: number;
  cancelledAt: number | null;
  cancelledBy: string | null;
  /** The video room while the session can be joined (usecases/bookings/room.ts), else null. */
  roomUrl: string | null;
}

/** One therapist's bookings starting in [from, to), oldest first; the list is a read of client names. */
export async function therapistBookings(
  deps: StaffReadDeps,
  therapistId: string,
  from: number,
  to: number,
  audit: AuditContext,
): Promise<StaffBookingSummary[]> {
  const { db } = deps.database;
  const rows = await bookingRepository(db).listForTherapist(therapistId, from, to);
  if (rows.length > 0)
    await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'booking.list', target: `therapist:${therapistId}`, requestId: audit.requestId });
  return rows.map((r) => ({ ...sessionOf(r), clientName: deps.encryptor.decrypt(r.client_name), seriesId: r.series_id ?? null }));
}

/** A listed booking's times, status, service and therapist (nothing about the client). */
export const sessionOf = (r: {
  id: string;
  reference: string;
  status: BookingStatus;
  starts_at: number;
  ends_at: number;
  service_name: string;
  format: string;
  therapist_id: string;
}): Omit<StaffBookingSummary, 'clientName'> => ({
  id: r.id,
  reference: r.reference,
  status: r.status,
  start: Number(r.starts_at),
  end: Number(r.ends_at),
  serviceName: r.service_name,
  format: r.format,
  therapistId: r.therapist_id,
});

/** A therapist's zone for their week (the practice's when the therapist has gone). */
export async function therapistZone(deps: Pick<AppDeps, 'database' | 'repos'>, therapistId: string): Promise<string> {
  return (await deps.repos.therapists.timeZoneOf(therapistId)) ?? (await deps.repos.practice.get()).timeZone;
}

/** Upcoming active bookings of a therapist (for an admin reassigning them): no client details. */
export async function upcomingBookings(db: AppDeps['database']['db'], therapistId: string, now: number) {
  const rows = await bookingRepository(db).upcomingForTherapist(therapistId, now, 200);
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    start: Number(r.starts_at),
    end: Number(r.ends_at),
    serviceId: r.service_id,
    serviceName: r.service_name,
    format: r.format,
  }));
}

/** A booking's owner, found within the reader's scope (so someone else's is simply not found). */
export function bookingOwner(db: AppDeps['database']['db'], scope: BookingScope, id: string): Promise<string | undefined> {
  return bookingRepository(db).ownerOf(id, ownerOf(scope));
}

/**
 * One booking with the client's details, opened; the read goes to the audit log. The notes are opened only
 * with `withNotes` (decide(actor, 'booking.notes.read', booking) allowed it), and that read is audited too.
 */
export async function bookingDetail(
  deps: StaffReadDeps,
  scope: BookingScope,
  id: string,
  audit: AuditContext,
  options: { withNotes: boolean } = { withNotes: false },
): Promise<StaffBookingDetail | undefined> {
  const { db } = deps.database;
  const row = await bookingRepository(db).findById(id, ownerOf(scope));
  if (!row) return undefined;
  await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'booking.read', target: row.id, requestId: audit.requestId });
  const withNotes = options.withNotes && row.notes !== null;
  if (withNotes) await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'booking.notes.read', target: row.id, requestId: audit.requestId });
  return {
    ...toView(deps, row),
    status: row.status,
    notes: withNotes && row.notes !== null ? deps.encryptor.decrypt(row.notes) : null,
    hasNotes: row.notes !== null,
    therapistTimeZone: row.therapist_time_zone,
    createdAt: Number(row.created_at),
    cancelledAt: row.cancelled_at === null ? null : Number(row.cancelled_at),
    cancelledBy: row.cancelled_by,
  };
}

/** Active therapists other than the booking's own who offer its service and format and are free then. */
export async function freeTherapistsFor(
  deps: Pick<AppDeps, 'database' | 'clock'>,
  booking: { id: string; therapistId: string; serviceId: string; start: number; format: string },
) {
  const { db } = deps.database;
  const service = await serviceRepository(db).findById(booking.serviceId);
  if (!service) return [];
  const candidates = (await therapistRepository(db).search({ serviceId: service.id, format: booking.format as Format })).filter(
    (t) => t.id !== booking.therapistId,
  );
  const loaded = await availabilityRepository(db).load(
    candidates.map((t) => t.id),
    booking.start - 86_400_000,
    booking.start + 86_400_000,
  );
  const now = deps.clock.now();
  // Notice is for clients booking online; the practice may move a session at any time before it starts.
  const anyNotice = { ...service, minNoticeMinutes: 0 };
  return candidates.filter((t) => {
    const a = loaded.get(t.id);
    return a
      ? planSession({ therapist: t, service: anyNotice, rules: a.rules, busy: a.busy, start: booking.start, format: booking.format as Format, now }).ok
      : false;
  });
}
