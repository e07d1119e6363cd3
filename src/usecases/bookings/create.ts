// Booking a session: under the therapist's lock, read the service, the therapist and the practice (one
// statement) and their calendar (one statement), ask the domain, write the booking, queue the e-mails and
// the audit row, all in one transaction. The API and the HTML form both call createBooking.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { availabilityRepository } from '../../db/repositories/availability.ts';
import { type BookableTherapist, type BookingRow, type BookingWithNames, bookingRepository, classifyRefusal } from '../../db/repositories/bookings.ts';
import { toPracticeSettings } from '../../db/repositories/practice.ts';
import { toService } from '../../db/repositories/services.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { waitlistRepository } from '../../db/repositories/waitlist.ts';
import { assignAnyTherapist, bookingReference, CONSENT_VERSION, fail, type Outcome, type PlannedSession, planSession } from '../../domain/booking.ts';
import { manageLinkExpiry } from '../../domain/next-session.ts';
import { nextFreeSlots, type Slot } from '../../domain/slots.ts';
import { FORMATS, type Format, type Service } from '../../domain/types.ts';
import { confirmationToClient, noticeToTherapist } from '../../mail/booking-messages.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';
import { hashToken } from '../../security/encryption.ts';
import { enqueueMails } from '../outbox.ts';
import { withTherapistLocks } from './locks.ts';
import { type BookingDeps, type BookingView, manageToken, sessionFacts, storedManageToken, toView } from './view.ts';

export type { BookingDeps, BookingView } from './view.ts';

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
  /** The client's IANA zone: how their e-mails write the time. Left out: the practice's. */
  timeZone?: string | undefined;
  idempotencyKey?: string | undefined;
  /** The request that asked, for the audit log. */
  requestId?: string | undefined;
}

export interface BookingReceipt {
  booking: BookingView;
  manageToken: string;
  /** True when an idempotency key found a booking already made by an earlier try. */
  replayed: boolean;
}

const DAY = 86_400_000;

/** The whole request as one digest: a retry must repeat every field of it to be answered as the same booking. */
function fingerprint(input: NewBooking): string {
  const { client } = input;
  return createHash('sha256')
    .update(
      JSON.stringify([
        input.therapistId,
        input.serviceId,
        input.start,
        input.format ?? null,
        client.name.trim(),
        client.email.trim().toLowerCase(),
        client.phone?.trim() ?? null,
        input.notes?.trim() ?? null,
        input.timeZone ?? null,
      ]),
    )
    .digest('base64url');
}

/**
 * What the database keeps of an idempotency key: a keyed digest of the key with the requester's address, so
 * a key is the requester's own. The same key from another address is another key (a booking of its own, and
 * no word of the first); from the same address with other details, it is refused as reused.
 */
const storedKey = (deps: BookingDeps, input: NewBooking) =>
  input.idempotencyKey ? deps.encryptor.keyedDigest(`idempotency:${deps.encryptor.blindIndex(input.client.email)}:${input.idempotencyKey}`) : null;

/** The answer for a retry: the earlier booking, when it was the same request. */
function replay(deps: BookingDeps, row: BookingWithNames, print: string): Outcome<BookingReceipt> {
  if (row.idempotency_fingerprint !== print) return fail('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different booking.');
  return { ok: true, value: { booking: toView(deps, row), manageToken: storedManageToken(deps, row), replayed: true } };
}

/** The earlier booking made with this key, if any, as the answer to this request. */
async function earlier(deps: BookingDeps, input: NewBooking, print: string): Promise<Outcome<BookingReceipt> | undefined> {
  const key = storedKey(deps, input);
  if (!key) return undefined;
  const row = await bookingRepository(deps.database.db).findByIdempotencyKey(key);
  return row ? replay(deps, row, print) : undefined;
}

/** The next free times for the same therapist (or any therapist) and service, after a refusal. */
async function alternatives(deps: BookingDeps, therapistIds: string[], service: Service): Promise<Slot[]> {
  const now = deps.clock.now();
  const loaded = await availabilityRepository(deps.database.db).load(therapistIds, now, now + service.bookingWindowDays * DAY);
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

const formatsOf = (t: BookableTherapist): Format[] => FORMATS.filter((f) => (f === 'online' ? t.offers_online : t.offers_in_person) === 1);

/** A therapist as planSession asks about them: active (the context reads only active ones), offering the service or not. */
const asPlanned = (t: BookableTherapist, serviceId: string) => ({
  id: t.id,
  active: true,
  formats: formatsOf(t),
  serviceIds: t.offers_service ? [serviceId] : [],
});

async function attemptBooking(deps: BookingDeps, input: NewBooking): Promise<Outcome<BookingReceipt>> {
  const { db } = deps.database;
  const print = fingerprint(input);
  const emailHash = deps.encryptor.blindIndex(input.client.email);
  const any = input.therapistId === 'any';
  // Whose locks to take: the therapist named, or (any) everyone offering the service.
  let lockIds = [input.therapistId];
  let service: Service | undefined;
  if (any) {
    const found = await bookingRepository(db).context(input.serviceId, 'offering', emailHash);
    service = found.service ? toService(found.service) : undefined;
    if (!service?.active) return fail('SERVICE_NOT_FOUND', 'That service does not exist.');
    if (service.slug !== ANY_THERAPIST_SERVICE_SLUG) return fail('ANY_THERAPIST_NOT_ALLOWED', 'Choose a therapist for this service.');
    lockIds = found.therapists.map((t) => t.id);
  }
  const id = randomUUID();
  const token = manageToken(deps, id);
  let outcome: Outcome<BookingReceipt>;
  try {
    outcome = await withTherapistLocks(deps.database, lockIds, async (trx): Promise<Outcome<BookingReceipt>> => {
      const now = deps.clock.now();
      const bookings = bookingRepository(trx);
      const context = await bookings.context(input.serviceId, lockIds, emailHash);
      service = context.service ? toService(context.service) : undefined;
      if (!service?.active) return fail('SERVICE_NOT_FOUND', 'That service does not exist.');
      if (any && service.slug !== ANY_THERAPIST_SERVICE_SLUG) return fail('ANY_THERAPIST_NOT_ALLOWED', 'Choose a therapist for this service.');
      // "Any": everyone offering the consultation, whatever their formats: who is free decides which
      // formats can be had at this time (assignAnyTherapist), so a wrong format is told apart from a taken time.
      const candidates = any ? context.therapists.filter((t) => t.offers_service) : context.therapists;
      if (!any && candidates.length === 0) return fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
      const practice = toPracticeSettings(context.practice);
      const availability = await availabilityRepository(trx).loadFor(
        candidates.map((t) => ({ id: t.id, timeZone: t.time_zone })),
        input.start - DAY,
        input.start + DAY,
      );
      const plans = new Map<string, Outcome<PlannedSession>>();
      for (const t of candidates) {
        const a = availability.get(t.id);
        const therapist = asPlanned(t, service.id);
        // For "any", each therapist is asked about the time alone (in the format asked for when they
        // offer it); the format is then decided across all of them.
        const format = any && input.format && !therapist.formats.includes(input.format) ? undefined : input.format;
        plans.set(
          t.id,
          a
            ? planSession({ therapist, service, rules: a.rules, busy: a.busy, start: input.start, format, now })
            : fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.'),
        );
      }
      let chosen = candidates[0];
      if (any) {
        const weekStart = input.start - 3.5 * DAY;
        const load = await bookings.activeCounts(
          candidates.map((t) => t.id),
          weekStart,
          weekStart + 7 * DAY,
        );
        const options = candidates.map((t) => ({ therapistId: t.id, formats: formatsOf(t), free: plans.get(t.id)?.ok === true, load: load.get(t.id) ?? 0 }));
        const assigned = assignAnyTherapist(options, input.format, randomBytes(2).readUInt16BE());
        if (!assigned.ok) return assigned;
        chosen = candidates.find((t) => t.id === assigned.value);
      }
      const plan = chosen ? plans.get(chosen.id) : undefined;
      if (!plan || !chosen) return fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
      if (!plan.ok) return plan;
      const row = newRow(deps, input, {
        id,
        chosenId: chosen.id,
        service,
        plan: plan.value,
        now,
        token,
        print,
        emailHash,
        timeZone: input.timeZone ?? practice.timeZone,
      });
      await bookings.insert(row);
      const booked: BookingWithNames = {
        ...row,
        therapist_name: chosen.name,
        therapist_slug: chosen.slug,
        therapist_video_url: chosen.video_url,
        therapist_email: chosen.email,
        therapist_time_zone: chosen.time_zone,
        service_name: service.name,
        therapist_service_fee_minor: chosen.service_fee_minor,
        therapist_currency: chosen.currency,
        service_price_minor: service.priceMinor,
        service_currency: service.currency,
        service_relationships: JSON.stringify(service.relationships),
      };
      const session = sessionFacts(deps, booked, token);
      const mails: OutgoingMail[] = [confirmationToClient(session, practice, now)];
      if (session.therapistEmail) mails.push(noticeToTherapist(session, practice, 'booked'));
      await enqueueMails(trx, mails, now, deps.encryptor);
      if (context.waiting) await waitlistRepository(trx).markBooked(emailHash, service.id);
      await writeAudit(trx, now, { actor: 'client', action: 'booking.create', target: row.id, requestId: input.requestId ?? null });
      return { ok: true, value: { booking: toView(deps, booked), manageToken: token, replayed: false } };
    });
  } catch (error) {
    const refusal = classifyRefusal(error);
    if (refusal === 'idempotency') {
      const replayed = await earlier(deps, input, print);
      if (replayed) return replayed;
    }
    if (refusal === 'overlap' && service)
      return fail('SLOT_TAKEN', 'That time has just been taken by someone else.', await alternatives(deps, lockIds, service));
    // Anything else is the database failing: createBooking answers UNAVAILABLE.
    throw error;
  }
  if (outcome.ok) return outcome;
  // A retry of a booking already made (or a key used before): the earlier booking decides the answer.
  const replayed = await earlier(deps, input, print);
  if (replayed) return replayed;
  if (outcome.error.code === 'NO_THERAPIST_FREE' && service) return fail('SLOT_TAKEN', outcome.error.detail, await alternatives(deps, lockIds, service));
  return outcome;
}

interface Chosen {
  id: string;
  chosenId: string;
  service: Service;
  plan: PlannedSession;
  now: number;
  token: string;
  print: string;
  emailHash: string;
  timeZone: string;
}

function newRow(deps: BookingDeps, input: NewBooking, c: Chosen): BookingRow {
  const seal = (v: string) => deps.encryptor.encrypt(v);
  return {
    id: c.id,
    reference: bookingReference(randomBytes(8)),
    therapist_id: c.chosenId,
    service_id: c.service.id,
    starts_at: c.plan.start,
    ends_at: c.plan.end,
    blocked_from: c.plan.blockedFrom,
    blocked_until: c.plan.blockedUntil,
    status: 'confirmed',
    format: c.plan.format,
    client_name: seal(input.client.name.trim()),
    client_email: seal(input.client.email.trim()),
    client_email_hash: c.emailHash,
    client_phone: input.client.phone ? seal(input.client.phone.trim()) : null,
    notes: input.notes?.trim() ? seal(input.notes.trim()) : null,
    client_time_zone: c.timeZone,
    consent_version: CONSENT_VERSION,
    consent_at: c.now,
    manage_token_hash: hashToken(c.token),
    // Nothing reversible: the token is derived again from the id when an e-mail needs the link.
    manage_token_sealed: seal(''),
    manage_expires_at: manageLinkExpiry(c.plan.end),
    idempotency_key: storedKey(deps, input),
    idempotency_fingerprint: input.idempotencyKey ? c.print : null,
    sequence: 0,
    reminder_sent_at: null,
    created_at: c.now,
    updated_at: c.now,
    cancelled_at: null,
    cancelled_by: null,
  };
}
