// Changing a booking: cancel, move to another time, move to another therapist, mark attended or not, by the
// client (through the manage link), the therapist or an admin, all through one path: find the booking in the
// actor's reach, take the therapists' locks, re-read it, ask the change policy (domain/booking.ts
// decideChange), plan the new time or therapist, write it with one compare-and-swap, then queue the e-mails,
// tell the waiting list and write the audit row, in the same transaction.

import type { Transaction } from 'kysely';
import type { AppDeps } from '../../app/deps.ts';
import { availabilityRepository } from '../../db/repositories/availability.ts';
import { type BookingPatch, type BookingWithNames, bookingRepository, classifyRefusal } from '../../db/repositories/bookings.ts';
import { type PracticeSettings, toPracticeSettings } from '../../db/repositories/practice.ts';
import { toService } from '../../db/repositories/services.ts';
import { type AuditDetail, writeAudit } from '../../db/repositories/staff-audit.ts';
import type { DB } from '../../db/schema.ts';
import { type ChangeActor, decideChange, fail, type Outcome, planSession } from '../../domain/booking.ts';
import { manageLinkExpiry } from '../../domain/next-session.ts';
import { FORMATS, type Format } from '../../domain/types.ts';
import { cancellationToClient, noticeToTherapist, rescheduleToClient } from '../../mail/booking-messages.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';
import { reassignedToClient } from '../../mail/staff-messages.ts';
import { hashToken } from '../../security/encryption.ts';
import type { AuditContext } from '../audit.ts';
import { chargeEventOf, draftForChange } from '../invoices/draft.ts';
import { enqueueMails } from '../outbox.ts';
import { withTherapistLocks } from './locks.ts';
import { clientChange } from './read.ts';
import { type BookingView, sessionFacts, toView } from './view.ts';
import { notifyWaitlist } from './waitlist.ts';

type ChangeDeps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config'>;

/** Who asks, and how they reach the booking: the client by its manage link, staff by its id. */
export type ChangeBy =
  | { actor: 'client'; token: string; requestId?: string | undefined }
  | { actor: 'therapist'; therapistId: string; bookingId: string; audit: AuditContext }
  | { actor: 'admin'; bookingId: string; audit: AuditContext };

export type BookingChange =
  | { kind: 'cancel'; message?: string | undefined }
  | { kind: 'reschedule'; start: number }
  | { kind: 'reassign'; toTherapistId: string; reason?: string | undefined; message?: string | undefined }
  | { kind: 'mark'; status: 'attended' | 'no_show' };

export interface ChangedBooking {
  booking: BookingView;
  /** Whether the client may still change it online afterwards (the change policy's answer). */
  clientMayChange: boolean;
}

const CHANGED_MEANWHILE = 'This session has already been changed.';
const DAY = 86_400_000;
const CANCELLED_BY: Record<ChangeActor, string> = { client: 'client', therapist: 'therapist', admin: 'practice' };
const AUDIT_ACTION: Record<BookingChange['kind'], string> = {
  cancel: 'booking.cancel',
  reschedule: 'booking.reschedule',
  reassign: 'booking.reassign',
  mark: 'booking.mark',
};

/** Finds the booking within the actor's reach: a live manage link, the therapist's own, or (an admin) any. */
async function find(deps: ChangeDeps, by: ChangeBy): Promise<BookingWithNames | undefined> {
  const bookings = bookingRepository(deps.database.db);
  if (by.actor === 'client') return /^[A-Za-z0-9_-]{20,100}$/.test(by.token) ? bookings.findByManageToken(hashToken(by.token), deps.clock.now()) : undefined;
  return bookings.findById(by.bookingId, by.actor === 'therapist' ? by.therapistId : undefined);
}

/**
 * The one way a booking changes. BOOKING_NOT_FOUND: no such booking in the actor's reach (an unknown or
 * expired link, someone else's booking).
 */
export async function changeBooking(deps: ChangeDeps, by: ChangeBy, change: BookingChange): Promise<Outcome<ChangedBooking>> {
  const found = await find(deps, by);
  if (!found) return fail('BOOKING_NOT_FOUND', 'No such booking.');
  if (change.kind === 'reassign' && found.therapist_id === change.toTherapistId) return fail('SLOT_TAKEN', 'The booking is already with that therapist.');
  const lockIds = change.kind === 'reassign' ? [found.therapist_id, change.toTherapistId] : [found.therapist_id];
  try {
    return await withTherapistLocks(deps.database, lockIds, (trx) => applyChange(trx, deps, by, found, change));
  } catch (error) {
    if (classifyRefusal(error) === 'overlap') {
      return fail(
        'SLOT_TAKEN',
        change.kind === 'reassign' ? 'That therapist has just been booked at that time.' : 'That time has just been taken by someone else.',
      );
    }
    throw error;
  }
}

async function applyChange(
  trx: Transaction<DB>,
  deps: ChangeDeps,
  by: ChangeBy,
  found: BookingWithNames,
  change: BookingChange,
): Promise<Outcome<ChangedBooking>> {
  const now = deps.clock.now();
  const bookings = bookingRepository(trx);
  // The therapist the booking ends up with (another for a reassignment), the service and the practice: one statement.
  const toTherapist = change.kind === 'reassign' ? change.toTherapistId : found.therapist_id;
  const [current, context] = await Promise.all([bookings.findById(found.id, found.therapist_id), bookings.context(found.service_id, [toTherapist], '')]);
  if (!current) return fail('ALREADY_CANCELLED', CHANGED_MEANWHILE);
  const practice = toPracticeSettings(context.practice);
  const allowed = decideChange({
    actor: by.actor,
    kind: change.kind,
    markAs: change.kind === 'mark' ? change.status : undefined,
    booking: { status: current.status, startsAt: Number(current.starts_at), endsAt: Number(current.ends_at) },
    now,
    settings: practice,
  });
  if (!allowed.ok) return allowed;

  let patch: BookingPatch;
  let after: BookingWithNames;
  if (change.kind === 'cancel') {
    patch = { status: 'cancelled', cancelled_at: now, cancelled_by: CANCELLED_BY[by.actor] };
  } else if (change.kind === 'mark') {
    patch = { status: change.status };
  } else {
    const planned = await plan(trx, change, current, context, now);
    if (!planned.ok) return planned;
    patch = planned.value.patch;
  }
  if (change.kind === 'reassign') {
    const to = context.therapists[0]!;
    after = { ...current, ...patch, therapist_name: to.name, therapist_slug: to.slug, therapist_email: to.email, therapist_time_zone: to.time_zone };
  } else {
    after = { ...current, ...patch };
  }
  after.sequence = current.sequence + 1;
  after.updated_at = now;
  if (!(await bookings.change(current, patch, now))) return fail('ALREADY_CANCELLED', CHANGED_MEANWHILE);
  await draftForChange(trx, deps, after, chargeEventOf(change, by.actor, now), now);

  await tell(trx, deps, by, change, { before: current, after, practice, now });
  if (change.kind === 'cancel' || change.kind === 'reschedule') {
    await notifyWaitlist(trx, deps, { serviceId: current.service_id, therapistId: current.therapist_id, freedStart: Number(current.starts_at), now }, practice);
  }
  const action = change.kind === 'mark' ? (change.status === 'attended' ? 'booking.attended' : 'booking.no-show') : AUDIT_ACTION[change.kind];
  const audit = by.actor === 'client' ? { actor: 'client', requestId: by.requestId ?? null } : by.audit;
  await writeAudit(trx, now, { actor: audit.actor, action, target: current.id, requestId: audit.requestId, detail: auditDetail(change, current, after) });
  return {
    ok: true,
    value: {
      booking: toView(deps, after),
      clientMayChange: clientChange({ status: after.status, start: Number(after.starts_at), end: Number(after.ends_at) }, practice, now).ok,
    },
  };
}

/** What the audit row keeps of a change: the status or therapist before and after, a move's reason code. */
function auditDetail(change: BookingChange, before: BookingWithNames, after: BookingWithNames): AuditDetail | undefined {
  if (change.kind === 'mark' || change.kind === 'cancel') return { before: { status: before.status }, after: { status: after.status } };
  if (change.kind === 'reassign') {
    return { before: { therapist: before.therapist_name }, after: { therapist: after.therapist_name }, reason: change.reason };
  }
  return undefined;
}

type Context = Awaited<ReturnType<ReturnType<typeof bookingRepository>['context']>>;

/** A new time (reschedule) or a new therapist (reassign), checked against that therapist's calendar. */
async function plan(
  trx: Transaction<DB>,
  change: Extract<BookingChange, { kind: 'reschedule' | 'reassign' }>,
  current: BookingWithNames,
  context: Context,
  now: number,
): Promise<Outcome<{ patch: BookingPatch }>> {
  const t = context.therapists[0];
  const service = context.service ? toService(context.service) : undefined;
  if (!t) return fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
  const start = change.kind === 'reschedule' ? change.start : Number(current.starts_at);
  const a = (await availabilityRepository(trx).loadFor([{ id: t.id, timeZone: t.time_zone }], start - DAY, start + DAY, current.id)).get(t.id);
  if (!a) return fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
  const therapist = {
    id: t.id,
    active: true,
    serviceIds: t.offers_service ? [current.service_id] : [],
    formats: FORMATS.filter((f) => (f === 'online' ? t.offers_online : t.offers_in_person) === 1),
  };
  if (change.kind === 'reassign') {
    // Notice is for clients booking online; the practice may move a session at any time before it starts.
    const planned = planSession({
      therapist,
      service: service && { ...service, minNoticeMinutes: 0 },
      rules: a.rules,
      busy: a.busy,
      start,
      format: current.format as Format,
      now,
    });
    if (!planned.ok) return fail(planned.error.code, 'That therapist is not free at that time.');
    return { ok: true, value: { patch: { therapist_id: t.id } } };
  }
  const planned = planSession({ therapist, service, rules: a.rules, busy: a.busy, start, format: current.format as Format, now });
  if (!planned.ok) return planned;
  const p = planned.value;
  // Compare-and-swap: the old time is freed and the new one taken in this one statement.
  return {
    ok: true,
    value: {
      patch: {
        starts_at: p.start,
        ends_at: p.end,
        blocked_from: p.blockedFrom,
        blocked_until: p.blockedUntil,
        manage_expires_at: manageLinkExpiry(p.end),
        reminder_sent_at: null,
      },
    },
  };
}

/** The e-mails a change sends: the client always (but for marking), the therapists as the change concerns them. */
async function tell(
  trx: Transaction<DB>,
  deps: ChangeDeps,
  by: ChangeBy,
  change: BookingChange,
  s: { before: BookingWithNames; after: BookingWithNames; practice: PracticeSettings; now: number },
): Promise<void> {
  if (change.kind === 'mark') return;
  const facts = sessionFacts(deps, s.after, by.actor === 'client' ? by.token : undefined);
  const mails: OutgoingMail[] = [];
  if (change.kind === 'cancel') {
    mails.push(cancellationToClient(facts, s.practice, s.now, change.message?.trim() || undefined));
    // A therapist who cancels knows; the client's or an admin's cancellation is news to them.
    if (by.actor !== 'therapist' && facts.therapistEmail) mails.push(noticeToTherapist(facts, s.practice, 'cancelled'));
  } else if (change.kind === 'reschedule') {
    mails.push(rescheduleToClient(facts, s.practice, s.now));
    if (facts.therapistEmail) mails.push(noticeToTherapist(facts, s.practice, 'moved', Number(s.before.starts_at)));
  } else {
    mails.push(reassignedToClient(facts, s.practice, s.now, change.message?.trim() || undefined));
    if (facts.therapistEmail) mails.push(noticeToTherapist(facts, s.practice, 'booked'));
    if (s.before.therapist_email) {
      mails.push(
        noticeToTherapist({ ...facts, therapistEmail: s.before.therapist_email, therapistTimeZone: s.before.therapist_time_zone }, s.practice, 'cancelled'),
      );
    }
  }
  await enqueueMails(trx, mails, s.now, deps.encryptor);
}

// ---------------------------------------------------------------------------- the paths, by name

/** A client's cancellation through their manage link; undefined for an unknown or expired link. */
export async function cancelByToken(deps: ChangeDeps, token: string, requestId?: string): Promise<Outcome<ChangedBooking> | undefined> {
  const r = await changeBooking(deps, { actor: 'client', token, requestId }, { kind: 'cancel' });
  return !r.ok && r.error.code === 'BOOKING_NOT_FOUND' ? undefined : r;
}

/** A client's move to another free time through their manage link; undefined for an unknown or expired link. */
export async function rescheduleByToken(deps: ChangeDeps, token: string, start: number, requestId?: string): Promise<Outcome<ChangedBooking> | undefined> {
  const r = await changeBooking(deps, { actor: 'client', token, requestId }, { kind: 'reschedule', start });
  return !r.ok && r.error.code === 'BOOKING_NOT_FOUND' ? undefined : r;
}
