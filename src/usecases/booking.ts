// Booking, cancelling and rescheduling: load, lock, ask the domain, write, and queue the e-mail, all in
// one transaction. The API and the HTML flow both call these; neither has rules of its own.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { availabilityRepository } from '../db/repositories/availability.ts';
import { type PracticeSettings, practiceRepository } from '../db/repositories/practice.ts';
import { serviceRepository } from '../db/repositories/services.ts';
import { therapistRepository, type TherapistProfile } from '../db/repositories/therapists.ts';
import type { DB } from '../db/schema.ts';
import {
  assignAnyTherapist, bookingReference, CONSENT_VERSION, checkClientChange, fail, type Outcome, planSession, type PlannedSession,
} from '../domain/booking.ts';
import { nextFreeSlots, type Slot } from '../domain/slots.ts';
import type { Format, Service } from '../domain/types.ts';
import {
  cancellationToClient, confirmationToClient, noticeToTherapist, rescheduleToClient, type SessionFacts,
} from '../mail/booking-messages.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { hashToken, newToken } from '../security/encryption.ts';
import type { AppDeps } from '../app/deps.ts';
import { classifyRefusal, withTherapistLocks } from './booking-store.ts';
import { notifyWaitlist } from './waitlist.ts';

export type BookingDeps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config' | 'logger'>;

/** The service a client may book with "any available therapist". */
export const ANY_THERAPIST_SERVICE_SLUG = 'initial-consultation';

export interface NewBooking {
  /** A therapist's id, or "any" for the first free therapist (initial consultation only). */
  therapistId: string;
  serviceId: string;
  start: number;
  format?: Format | undefined;
  client: { name: string; email: string; phone?: string | undefined };
  notes?: string | undefined;
  consent: true;
  /** The client's IANA zone: how their e-mails write the time. */
  timeZone: string;
  idempotencyKey?: string | undefined;
}

export interface BookingView {
  id: string;
  reference: string;
  status: string;
  start: number;
  end: number;
  durationMinutes: number;
  format: string;
  therapistId: string;
  therapistName: string;
  therapistSlug: string;
  serviceId: string;
  serviceName: string;
  clientName: string;
  clientEmail: string;
  clientPhone: string | null;
  clientTimeZone: string;
  sequence: number;
  manageExpiresAt: number;
}

export interface BookingReceipt {
  booking: BookingView;
  manageToken: string;
  /** True when an idempotency key found a booking already made by an earlier try. */
  replayed: boolean;
}

const manageUrl = (deps: BookingDeps, token: string) => `${deps.config.publicUrl}/manage/${token}`;

function fingerprint(input: NewBooking): string {
  return createHash('sha256').update(JSON.stringify([input.therapistId, input.serviceId, input.start, input.client.email.trim().toLowerCase()])).digest('base64url');
}

type BookingRow = DB['bookings'];

async function view(trx: Transaction<DB> | AppDeps['database']['db'], deps: BookingDeps, row: BookingRow): Promise<BookingView> {
  const [therapist, service] = await Promise.all([
    trx.selectFrom('therapists').select(['name', 'slug']).where('id', '=', row.therapist_id).executeTakeFirstOrThrow(),
    trx.selectFrom('services').select(['name']).where('id', '=', row.service_id).executeTakeFirstOrThrow(),
  ]);
  const open = (v: string | null) => (v === null ? null : deps.encryptor.decrypt(v));
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    start: row.starts_at,
    end: row.ends_at,
    durationMinutes: Math.round((row.ends_at - row.starts_at) / 60_000),
    format: row.format,
    therapistId: row.therapist_id,
    therapistName: therapist.name,
    therapistSlug: therapist.slug,
    serviceId: row.service_id,
    serviceName: service.name,
    clientName: deps.encryptor.decrypt(row.client_name),
    clientEmail: deps.encryptor.decrypt(row.client_email),
    clientPhone: open(row.client_phone),
    clientTimeZone: row.client_time_zone,
    sequence: row.sequence,
    manageExpiresAt: row.manage_expires_at,
  };
}

async function facts(trx: Transaction<DB>, deps: BookingDeps, row: BookingRow, token: string): Promise<SessionFacts> {
  const v = await view(trx, deps, row);
  const t = await trx.selectFrom('therapists').select(['email', 'time_zone']).where('id', '=', row.therapist_id).executeTakeFirstOrThrow();
  return {
    bookingId: v.id, reference: v.reference, start: v.start, end: v.end, sequence: v.sequence, format: v.format,
    serviceName: v.serviceName, therapistName: v.therapistName, therapistEmail: t.email, clientName: v.clientName,
    clientEmail: v.clientEmail, clientTimeZone: v.clientTimeZone, therapistTimeZone: t.time_zone, manageUrl: manageUrl(deps, token),
  };
}

async function replay(deps: BookingDeps, row: BookingRow, print: string): Promise<Outcome<BookingReceipt>> {
  if (row.idempotency_fingerprint !== print) {
    return fail('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different booking.');
  }
  return { ok: true, value: { booking: await view(deps.database.db, deps, row), manageToken: deps.encryptor.decrypt(row.manage_token_sealed), replayed: true } };
}

/** The next free times for the same therapist (or any therapist) and service, after a refusal. */
async function alternatives(deps: BookingDeps, therapistIds: string[], service: Service): Promise<Slot[]> {
  const now = deps.clock.now();
  const loaded = await availabilityRepository(deps.database.db).load(therapistIds, now, now + service.bookingWindowDays * 86_400_000);
  const all: Slot[] = [];
  for (const a of loaded.values()) {
    const next = nextFreeSlots(a.rules, a.busy, service, now, 3);
    if (next.ok) all.push(...next.value);
  }
  return [...new Map(all.map((s) => [s.start, s])).values()].sort((a, b) => a.start - b.start).slice(0, 3);
}

/** What a client is told when the database fails part-way: the transaction rolled back, so nothing was booked. */
export const NOTHING_BOOKED = 'We could not complete your booking just now, so nothing has been booked. Please try again in a moment.';

/**
 * Books a session, or says why not. A database failure anywhere (the connection, a statement, the
 * commit) is UNAVAILABLE: the one transaction rolled back, nothing was written and no e-mail queued.
 */
export async function createBooking(deps: BookingDeps, input: NewBooking): Promise<Outcome<BookingReceipt>> {
  try {
    return await attemptBooking(deps, input);
  } catch (error) {
    const e = error as { name?: string; message?: string; code?: unknown };
    deps.logger.error({ err: { type: e.name, message: e.message, code: e.code } }, 'booking failed: nothing booked');
    return fail('UNAVAILABLE', NOTHING_BOOKED);
  }
}

async function attemptBooking(deps: BookingDeps, input: NewBooking): Promise<Outcome<BookingReceipt>> {
  const { db } = deps.database;
  const print = fingerprint(input);
  if (input.idempotencyKey) {
    const earlier = await db.selectFrom('bookings').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
    if (earlier) return replay(deps, earlier, print);
  }
  const service = await serviceRepository(db).findById(input.serviceId);
  if (!service?.active) return fail('SERVICE_NOT_FOUND', 'That service does not exist.');
  const any = input.therapistId === 'any';
  let candidates: TherapistProfile[];
  if (any) {
    if (service.slug !== ANY_THERAPIST_SERVICE_SLUG) return fail('ANY_THERAPIST_NOT_ALLOWED', 'Choose a therapist for this service.');
    // Everyone offering the consultation, whatever their formats: who is free decides which formats
    // can be had at this time (assignAnyTherapist), so a wrong format is told apart from a taken time.
    candidates = await therapistRepository(db).search({ serviceId: service.id });
  } else {
    const t = await therapistRepository(db).findById(input.therapistId);
    if (!t) return fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
    candidates = [t];
  }
  const ids = candidates.map((t) => t.id);
  const token = newToken();
  try {
    const outcome = await withTherapistLocks(deps.database, ids, async (trx) => {
      const now = deps.clock.now();
      // A retry that raced its first try: the first try's booking is the answer.
      if (input.idempotencyKey) {
        const earlier = await trx.selectFrom('bookings').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
        if (earlier) return { ok: true as const, value: earlier };
      }
      const availability = await availabilityRepository(trx).load(ids, input.start - 86_400_000, input.start + 86_400_000);
      const plans = new Map<string, Outcome<PlannedSession>>();
      for (const t of candidates) {
        const a = availability.get(t.id);
        // For "any", each therapist is asked about the time alone (in the format asked for when they
        // offer it); the format is then decided across all of them.
        const format = any && input.format && !t.formats.includes(input.format) ? undefined : input.format;
        plans.set(t.id, a ? planSession({ therapist: t, service, rules: a.rules, busy: a.busy, start: input.start, format, now }) : fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.'));
      }
      let chosenId = ids[0];
      if (any) {
        const weekStart = input.start - 3.5 * 86_400_000;
        const loads = await trx
          .selectFrom('bookings')
          .select(['therapist_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('therapist_id', 'in', ids.length ? ids : [''])
          .where('status', 'in', ['pending', 'confirmed'])
          .where('starts_at', '>=', weekStart)
          .where('starts_at', '<', weekStart + 7 * 86_400_000)
          .groupBy('therapist_id')
          .execute();
        const load = new Map(loads.map((l) => [l.therapist_id, Number(l.n)]));
        const options = candidates.map((t) => ({ therapistId: t.id, formats: t.formats, free: plans.get(t.id)?.ok === true, load: load.get(t.id) ?? 0 }));
        const assigned = assignAnyTherapist(options, input.format, randomBytes(2).readUInt16BE());
        if (!assigned.ok) return assigned;
        chosenId = assigned.value;
      }
      const plan = chosenId ? plans.get(chosenId) : undefined;
      if (!plan || !chosenId) return fail<BookingRow>('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
      if (!plan.ok) return plan;
      const seal = (v: string) => deps.encryptor.encrypt(v);
      const row: BookingRow = {
        id: randomUUID(),
        reference: bookingReference(randomBytes(8)),
        therapist_id: chosenId,
        service_id: service.id,
        starts_at: plan.value.start,
        ends_at: plan.value.end,
        blocked_from: plan.value.blockedFrom,
        blocked_until: plan.value.blockedUntil,
        status: 'confirmed',
        format: plan.value.format,
        client_name: seal(input.client.name.trim()),
        client_email: seal(input.client.email.trim()),
        client_email_hash: deps.encryptor.blindIndex(input.client.email),
        client_phone: input.client.phone ? seal(input.client.phone.trim()) : null,
        notes: input.notes?.trim() ? seal(input.notes.trim()) : null,
        client_time_zone: input.timeZone,
        consent_version: CONSENT_VERSION,
        consent_at: now,
        manage_token_hash: hashToken(token),
        manage_token_sealed: seal(token),
        manage_expires_at: plan.value.end,
        idempotency_key: input.idempotencyKey ?? null,
        idempotency_fingerprint: input.idempotencyKey ? print : null,
        sequence: 0,
        reminder_sent_at: null,
        created_at: now,
        updated_at: now,
        cancelled_at: null,
        cancelled_by: null,
      };
      await trx.insertInto('bookings').values(row).execute();
      const practice = await practiceRepository(trx).get();
      const session = await facts(trx, deps, row, token);
      await enqueueMail(trx, confirmationToClient(session, practice, now), now, deps.encryptor);
      if (session.therapistEmail) await enqueueMail(trx, noticeToTherapist(session, practice, 'booked'), now, deps.encryptor);
      await trx.updateTable('waitlist').set({ status: 'booked' }).where('client_email_hash', '=', row.client_email_hash).where('service_id', '=', service.id).where('status', '=', 'waiting').execute();
      await audit(trx, now, 'client', 'booking.create', row.id);
      // Read back inside the transaction: once it commits, the answer needs nothing more from the database.
      return { ok: true as const, value: row, booked: await view(trx, deps, row) };
    });
    if (!outcome.ok) {
      if (outcome.error.code === 'NO_THERAPIST_FREE') return fail('SLOT_TAKEN', outcome.error.detail, await alternatives(deps, ids, service));
      return outcome;
    }
    if (!('booked' in outcome) || !outcome.booked) return replay(deps, outcome.value, print);
    return { ok: true, value: { booking: outcome.booked, manageToken: token, replayed: false } };
  } catch (error) {
    const refusal = classifyRefusal(error);
    if (refusal === 'idempotency' && input.idempotencyKey) {
      const earlier = await db.selectFrom('bookings').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
      if (earlier) return replay(deps, earlier, print);
    }
    if (refusal === 'overlap') return fail('SLOT_TAKEN', 'That time has just been taken by someone else.', await alternatives(deps, ids, service));
    // Anything else is the database failing: createBooking answers UNAVAILABLE.
    throw error;
  }
}

async function audit(trx: Transaction<DB>, at: number, actor: string, action: string, target: string) {
  await trx.insertInto('audit_log').values({ at, actor, action, target, request_id: null }).execute();
}

async function findByToken(db: AppDeps['database']['db'], token: string, now: number): Promise<BookingRow | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return db.selectFrom('bookings').selectAll().where('manage_token_hash', '=', hashToken(token)).where('manage_expires_at', '>', now).executeTakeFirst();
}

/** The booking a manage link points at, or undefined (unknown or expired link: the caller answers 404). */
export async function bookingByToken(deps: BookingDeps, token: string): Promise<BookingView | undefined> {
  const row = await findByToken(deps.database.db, token, deps.clock.now());
  return row ? view(deps.database.db, deps, row) : undefined;
}

interface ChangeContext {
  trx: Transaction<DB>;
  current: BookingRow;
  practice: PracticeSettings;
  now: number;
}

/**
 * A client's change through a manage link: under the therapist's lock, with the booking re-read and the
 * late-cancellation rule checked, then `change` writes (compare-and-swap) and queues its e-mail.
 * undefined: unknown or expired link.
 */
async function changeByToken(deps: BookingDeps, token: string, change: (ctx: ChangeContext) => Promise<Outcome<BookingRow>>): Promise<Outcome<BookingView> | undefined> {
  const { db } = deps.database;
  const row = await findByToken(db, token, deps.clock.now());
  if (!row) return undefined;
  const result = await withTherapistLocks(deps.database, [row.therapist_id], async (trx) => {
    const now = deps.clock.now();
    const practice = await practiceRepository(trx).get();
    const current = await trx.selectFrom('bookings').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    const allowed = checkClientChange({ status: current.status, startsAt: current.starts_at, endsAt: current.ends_at }, now, practice.lateCancellationHours);
    if (!allowed.ok) return allowed;
    return change({ trx, current, practice, now });
  }).catch(async (error) => {
    if (classifyRefusal(error) === 'overlap') return fail<BookingRow>('SLOT_TAKEN', 'That time has just been taken by someone else.');
    throw error;
  });
  return result.ok ? { ok: true, value: await view(db, deps, result.value) } : result;
}

const CHANGED_MEANWHILE = 'This session has already been changed.';

export function cancelByToken(deps: BookingDeps, token: string): Promise<Outcome<BookingView> | undefined> {
  return changeByToken(deps, token, async ({ trx, current, practice, now }) => {
    const changed = await trx
      .updateTable('bookings')
      .set({ status: 'cancelled', cancelled_at: now, cancelled_by: 'client', updated_at: now, sequence: current.sequence + 1 })
      .where('id', '=', current.id)
      .where('status', '=', current.status)
      .where('sequence', '=', current.sequence)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return fail<BookingRow>('ALREADY_CANCELLED', CHANGED_MEANWHILE);
    const updated = { ...current, status: 'cancelled' as const, sequence: current.sequence + 1 };
    const session = await facts(trx, deps, updated, token);
    await enqueueMail(trx, cancellationToClient(session, practice, now), now, deps.encryptor);
    if (session.therapistEmail) await enqueueMail(trx, noticeToTherapist(session, practice, 'cancelled'), now, deps.encryptor);
    await notifyWaitlist(trx, deps, { serviceId: current.service_id, therapistId: current.therapist_id, freedStart: current.starts_at, now });
    await audit(trx, now, 'client', 'booking.cancel', current.id);
    return { ok: true as const, value: updated };
  });
}

export function rescheduleByToken(deps: BookingDeps, token: string, newStart: number): Promise<Outcome<BookingView> | undefined> {
  return changeByToken(deps, token, async ({ trx, current, practice, now }) => {
    const [therapist, service] = await Promise.all([therapistRepository(trx).findById(current.therapist_id), serviceRepository(trx).findById(current.service_id)]);
    const availability = (await availabilityRepository(trx).load([current.therapist_id], newStart - 86_400_000, newStart + 86_400_000, current.id)).get(current.therapist_id);
    if (!availability) return fail<BookingRow>('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
    const plan = planSession({ therapist, service, rules: availability.rules, busy: availability.busy, start: newStart, format: current.format as Format, now });
    if (!plan.ok) return plan;
    // Compare-and-swap: the old time is freed and the new one taken in this one statement.
    const changed = await trx
      .updateTable('bookings')
      .set({
        starts_at: plan.value.start, ends_at: plan.value.end, blocked_from: plan.value.blockedFrom, blocked_until: plan.value.blockedUntil,
        manage_expires_at: plan.value.end, sequence: current.sequence + 1, reminder_sent_at: null, updated_at: now,
      })
      .where('id', '=', current.id)
      .where('status', '=', 'confirmed')
      .where('sequence', '=', current.sequence)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return fail<BookingRow>('ALREADY_CANCELLED', CHANGED_MEANWHILE);
    const updated = await trx.selectFrom('bookings').selectAll().where('id', '=', current.id).executeTakeFirstOrThrow();
    const session = await facts(trx, deps, updated, token);
    await enqueueMail(trx, rescheduleToClient(session, practice, now), now, deps.encryptor);
    if (session.therapistEmail) await enqueueMail(trx, noticeToTherapist(session, practice, 'moved', current.starts_at), now, deps.encryptor);
    await notifyWaitlist(trx, deps, { serviceId: current.service_id, therapistId: current.therapist_id, freedStart: current.starts_at, now });
    await audit(trx, now, 'client', 'booking.reschedule', current.id);
    return { ok: true as const, value: updated };
  });
}
