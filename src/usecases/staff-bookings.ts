// Bookings as staff see them: a therapist's week, one booking's details (each read audited), marking a
// session attended or missed, cancelling with a message to the client, and (admins) moving a booking to
// another therapist who is free. Every query carries the owner (`where id = ? and therapist_id = ?`)
// unless the reader is an admin; every change is compare-and-swap.
import type { Kysely, Transaction } from 'kysely';
import { availabilityRepository } from '../db/repositories/availability.ts';
import { practiceRepository } from '../db/repositories/practice.ts';
import { serviceRepository } from '../db/repositories/services.ts';
import { writeAudit } from '../db/repositories/staff-audit.ts';
import { therapistRepository } from '../db/repositories/therapists.ts';
import type { BookingStatus, DB } from '../db/schema.ts';
import { fail, type Outcome, planSession } from '../domain/booking.ts';
import type { Format } from '../domain/types.ts';
import { cancellationToClient, noticeToTherapist, type SessionFacts } from '../mail/booking-messages.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { classifyRefusal, withTherapistLocks } from './booking-store.ts';
import type { StaffDeps } from './staff/context.ts';
import { reassignedToClient } from './staff/mail.ts';
import { notifyWaitlist } from './waitlist.ts';

/** Whose bookings a reader may see: one therapist's, or (an admin) everyone's. */
export type BookingScope = { kind: 'therapist'; therapistId: string } | { kind: 'admin' };

export interface AuditContext {
  actor: string;
  requestId: string;
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
}

type Db = Kysely<DB>;

/** The owner condition a therapist's reads and writes carry; an admin's have none. */
const ownerOf = (scope: BookingScope) => (scope.kind === 'therapist' ? scope.therapistId : undefined);

/** One therapist's bookings starting in [from, to), oldest first; the list is a read of client names. */
export async function therapistBookings(deps: StaffDeps, therapistId: string, from: number, to: number, audit: AuditContext): Promise<StaffBookingSummary[]> {
  const { db } = deps.database;
  const rows = await db
    .selectFrom('bookings as b')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .select(['b.id', 'b.reference', 'b.status', 'b.starts_at', 'b.ends_at', 'b.format', 'b.client_name', 'b.therapist_id', 's.name as service_name'])
    .where('b.therapist_id', '=', therapistId)
    .where('b.starts_at', '>=', from)
    .where('b.starts_at', '<', to)
    .orderBy('b.starts_at')
    .execute();
  if (rows.length > 0) await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'booking.list', target: `therapist:${therapistId}`, requestId: audit.requestId });
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    start: Number(r.starts_at),
    end: Number(r.ends_at),
    serviceName: r.service_name,
    format: r.format,
    clientName: deps.encryptor.decrypt(r.client_name),
    therapistId: r.therapist_id,
  }));
}

/** Upcoming active bookings of a therapist (for an admin reassigning them): no client details. */
export async function upcomingBookings(db: Db, therapistId: string, now: number) {
  const rows = await db
    .selectFrom('bookings as b')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .select(['b.id', 'b.reference', 'b.starts_at', 'b.ends_at', 'b.service_id', 'b.format', 's.name as service_name'])
    .where('b.therapist_id', '=', therapistId)
    .where('b.status', 'in', ['pending', 'confirmed'])
    .where('b.starts_at', '>', now)
    .orderBy('b.starts_at')
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, reference: r.reference, start: Number(r.starts_at), end: Number(r.ends_at), serviceId: r.service_id, serviceName: r.service_name, format: r.format }));
}

/** A booking's owner, found within the reader's scope (so someone else's is simply not found). */
export async function bookingOwner(db: Db, scope: BookingScope, id: string): Promise<string | undefined> {
  const owner = ownerOf(scope);
  const row = await db
    .selectFrom('bookings as b')
    .select('b.therapist_id')
    .where('b.id', '=', id)
    .$if(owner !== undefined, (q) => q.where('b.therapist_id', '=', owner!))
    .executeTakeFirst();
  return row?.therapist_id;
}

/**
 * One booking with the client's details, opened; the read goes to the audit log. The notes are opened only
 * with `withNotes` (decide(actor, 'booking.notes.read', booking) allowed it), and that read is audited too.
 */
export async function bookingDetail(
  deps: StaffDeps, scope: BookingScope, id: string, audit: AuditContext, options: { withNotes: boolean } = { withNotes: false },
): Promise<StaffBookingDetail | undefined> {
  const { db } = deps.database;
  const owner = ownerOf(scope);
  const row = await db
    .selectFrom('bookings as b')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .innerJoin('therapists as t', 't.id', 'b.therapist_id')
    .selectAll('b')
    .select(['s.name as service_name', 't.name as therapist_name', 't.time_zone as therapist_time_zone'])
    .where('b.id', '=', id)
    .$if(owner !== undefined, (q) => q.where('b.therapist_id', '=', owner!))
    .executeTakeFirst();
  if (!row) return undefined;
  await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'booking.read', target: row.id, requestId: audit.requestId });
  const withNotes = options.withNotes && row.notes !== null;
  if (withNotes) await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'booking.notes.read', target: row.id, requestId: audit.requestId });
  const open = (v: string | null) => (v === null ? null : deps.encryptor.decrypt(v));
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    start: Number(row.starts_at),
    end: Number(row.ends_at),
    serviceName: row.service_name,
    serviceId: row.service_id,
    format: row.format,
    clientName: deps.encryptor.decrypt(row.client_name),
    clientEmail: deps.encryptor.decrypt(row.client_email),
    clientPhone: open(row.client_phone),
    notes: withNotes ? open(row.notes) : null,
    hasNotes: row.notes !== null,
    clientTimeZone: row.client_time_zone,
    therapistId: row.therapist_id,
    therapistName: row.therapist_name,
    therapistTimeZone: row.therapist_time_zone,
    createdAt: Number(row.created_at),
    cancelledAt: row.cancelled_at === null ? null : Number(row.cancelled_at),
    cancelledBy: row.cancelled_by,
  };
}

/** Attended or missed: only the therapist's own confirmed session, once it has started. */
export async function markBooking(deps: StaffDeps, therapistId: string, id: string, status: 'attended' | 'no_show', audit: AuditContext): Promise<boolean> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const changed = await db
    .updateTable('bookings')
    .set((eb) => ({ status, updated_at: now, sequence: eb('sequence', '+', 1) }))
    .where('id', '=', id)
    .where('therapist_id', '=', therapistId)
    .where('status', '=', 'confirmed')
    .where('starts_at', '<=', now)
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) !== 1) return false;
  await writeAudit(db, now, { actor: audit.actor, action: status === 'attended' ? 'booking.attended' : 'booking.no-show', target: id, requestId: audit.requestId });
  return true;
}

async function sessionFacts(trx: Transaction<DB>, deps: StaffDeps, bookingId: string): Promise<SessionFacts> {
  const b = await trx
    .selectFrom('bookings as b')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .innerJoin('therapists as t', 't.id', 'b.therapist_id')
    .selectAll('b')
    .select(['s.name as service_name', 't.name as therapist_name', 't.email as therapist_email', 't.time_zone as therapist_time_zone'])
    .where('b.id', '=', bookingId)
    .executeTakeFirstOrThrow();
  return {
    bookingId: b.id,
    reference: b.reference,
    start: Number(b.starts_at),
    end: Number(b.ends_at),
    sequence: b.sequence,
    format: b.format,
    serviceName: b.service_name,
    therapistName: b.therapist_name,
    therapistEmail: b.therapist_email,
    clientName: deps.encryptor.decrypt(b.client_name),
    clientEmail: deps.encryptor.decrypt(b.client_email),
    clientTimeZone: b.client_time_zone,
    therapistTimeZone: b.therapist_time_zone,
    manageUrl: `${deps.config.publicUrl}/manage/${deps.encryptor.decrypt(b.manage_token_sealed)}`,
  };
}

/**
 * Cancels a session that has not started, from the staff side: the client is e-mailed (with the message,
 * and an invite that takes it out of their calendar), the time frees, and the waiting list hears of it.
 */
export async function cancelByStaff(deps: StaffDeps, scope: BookingScope, id: string, message: string | undefined, audit: AuditContext): Promise<Outcome<true>> {
  const owner = await bookingOwner(deps.database.db, scope, id);
  if (!owner) return fail('BOOKING_NOT_FOUND', 'No such booking.');
  return withTherapistLocks(deps.database, [owner], async (trx) => {
    const now = deps.clock.now();
    const current = await trx.selectFrom('bookings').selectAll().where('id', '=', id).where('therapist_id', '=', owner).executeTakeFirst();
    if (!current) return fail<true>('BOOKING_NOT_FOUND', 'No such booking.');
    if (current.status !== 'confirmed' && current.status !== 'pending') return fail<true>('ALREADY_CANCELLED', 'This session is no longer active.');
    if (Number(current.starts_at) <= now) return fail<true>('SESSION_PASSED', 'This session has already started.');
    const changed = await trx
      .updateTable('bookings')
      .set({ status: 'cancelled', cancelled_at: now, cancelled_by: scope.kind === 'admin' ? 'practice' : 'therapist', updated_at: now, sequence: current.sequence + 1 })
      .where('id', '=', current.id)
      .where('therapist_id', '=', current.therapist_id)
      .where('status', '=', current.status)
      .where('sequence', '=', current.sequence)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return fail<true>('ALREADY_CANCELLED', 'This session has just been changed by someone else.');
    const practice = await practiceRepository(trx).get();
    const facts = await sessionFacts(trx, deps, current.id);
    await enqueueMail(trx, cancellationToClient(facts, practice, now, message?.trim() || undefined), now, deps.encryptor);
    if (scope.kind === 'admin' && facts.therapistEmail) await enqueueMail(trx, noticeToTherapist(facts, practice, 'cancelled'), now, deps.encryptor);
    await notifyWaitlist(trx, deps, { serviceId: current.service_id, therapistId: current.therapist_id, freedStart: Number(current.starts_at), now });
    await writeAudit(trx, now, { actor: audit.actor, action: 'booking.cancel', target: current.id, requestId: audit.requestId });
    return { ok: true as const, value: true as const };
  });
}

/** Active therapists other than the booking's own who offer its service and format and are free then. */
export async function freeTherapistsFor(deps: StaffDeps, booking: { id: string; therapistId: string; serviceId: string; start: number; format: string }) {
  const { db } = deps.database;
  const service = await serviceRepository(db).findById(booking.serviceId);
  if (!service) return [];
  const candidates = (await therapistRepository(db).search({ serviceId: service.id, format: booking.format as Format })).filter((t) => t.id !== booking.therapistId);
  const loaded = await availabilityRepository(db).load(candidates.map((t) => t.id), booking.start - 86_400_000, booking.start + 86_400_000);
  const now = deps.clock.now();
  // Notice is for clients booking online; the practice may move a session at any time before it starts.
  const anyNotice = { ...service, minNoticeMinutes: 0 };
  return candidates.filter((t) => {
    const a = loaded.get(t.id);
    return a ? planSession({ therapist: t, service: anyNotice, rules: a.rules, busy: a.busy, start: booking.start, format: booking.format as Format, now }).ok : false;
  });
}

/** Moves an upcoming booking to another therapist who is free at that time; the client and both therapists hear. */
export async function reassignBooking(deps: StaffDeps, id: string, toTherapistId: string, audit: AuditContext): Promise<Outcome<true>> {
  const { db } = deps.database;
  const row = await db.selectFrom('bookings').select(['therapist_id']).where('id', '=', id).executeTakeFirst();
  if (!row) return fail('BOOKING_NOT_FOUND', 'No such booking.');
  if (row.therapist_id === toTherapistId) return fail('SLOT_TAKEN', 'The booking is already with that therapist.');
  try {
    return await withTherapistLocks(deps.database, [row.therapist_id, toTherapistId], async (trx) => {
      const now = deps.clock.now();
      const current = await trx.selectFrom('bookings').selectAll().where('id', '=', id).where('therapist_id', '=', row.therapist_id).executeTakeFirst();
      if (!current || (current.status !== 'confirmed' && current.status !== 'pending')) return fail<true>('ALREADY_CANCELLED', 'This session is no longer active.');
      if (Number(current.starts_at) <= now) return fail<true>('SESSION_PASSED', 'This session has already started.');
      const [target, service] = await Promise.all([therapistRepository(trx).findById(toTherapistId), serviceRepository(trx).findById(current.service_id)]);
      const a = (await availabilityRepository(trx).load([toTherapistId], Number(current.starts_at) - 86_400_000, Number(current.starts_at) + 86_400_000)).get(toTherapistId);
      if (!target || !service || !a) return fail<true>('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
      const plan = planSession({ therapist: target, service: { ...service, minNoticeMinutes: 0 }, rules: a.rules, busy: a.busy, start: Number(current.starts_at), format: current.format as Format, now });
      if (!plan.ok) return fail<true>(plan.error.code, 'That therapist is not free at that time.');
      const changed = await trx
        .updateTable('bookings')
        .set({ therapist_id: toTherapistId, sequence: current.sequence + 1, updated_at: now })
        .where('id', '=', id)
        .where('therapist_id', '=', current.therapist_id)
        .where('status', '=', current.status)
        .where('sequence', '=', current.sequence)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) return fail<true>('ALREADY_CANCELLED', 'This session has just been changed by someone else.');
      const practice = await practiceRepository(trx).get();
      const facts = await sessionFacts(trx, deps, id);
      await enqueueMail(trx, reassignedToClient(facts, practice, now), now, deps.encryptor);
      if (facts.therapistEmail) await enqueueMail(trx, noticeToTherapist(facts, practice, 'booked'), now, deps.encryptor);
      const previous = await trx.selectFrom('therapists').select(['email', 'time_zone']).where('id', '=', current.therapist_id).executeTakeFirst();
      if (previous?.email) {
        await enqueueMail(trx, noticeToTherapist({ ...facts, therapistEmail: previous.email, therapistTimeZone: previous.time_zone }, practice, 'cancelled'), now, deps.encryptor);
      }
      await writeAudit(trx, now, { actor: audit.actor, action: 'booking.reassign', target: id, requestId: audit.requestId });
      return { ok: true as const, value: true as const };
    });
  } catch (error) {
    if (classifyRefusal(error) === 'overlap') return fail('SLOT_TAKEN', 'That therapist has just been booked at that time.');
    throw error;
  }
}
