// The waiting list: when nothing is free in the dates a client wants, they join; when a time frees up
// (a cancellation, a move, new hours), everyone waiting for it is told, in the order they joined, and
// the first to book gets it.
import type { Transaction } from 'kysely';
import type { AppDeps } from '../../app/deps.ts';
import { orderedId } from '../../db/ids.ts';
import { type PracticeSettings, practiceRepository } from '../../db/repositories/practice.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { therapistRepository } from '../../db/repositories/therapists.ts';
import { waitlistRepository } from '../../db/repositories/waitlist.ts';
import type { DB } from '../../db/schema.ts';
import { fail, type Outcome } from '../../domain/booking.ts';
import { isoDateIn } from '../../domain/time.ts';
import { waitlistJoined, waitlistOffer } from '../../mail/booking-messages.ts';
import { hashToken, newToken } from '../../security/encryption.ts';
import { enqueueMail } from '../outbox.ts';

type Deps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config'>;

/** What a client is told when the waiting list cannot be written. */
export const NOT_ON_THE_LIST = 'We could not add you to the waiting list just now, so nothing has been saved. Please try again in a moment.';

export interface WaitlistRequest {
  serviceId: string;
  therapistId?: string | undefined;
  name: string;
  email: string;
  timeZone: string;
  fromDate: string;
  toDate: string;
}

/**
 * Puts a client on the waiting list. The service must be one we offer, and a named therapist ("any" or
 * none: whoever frees up) one who is active and offers it; both are checked in the transaction that
 * writes, so a refusal writes nothing and sends nothing.
 */
export async function joinWaitlist(deps: Deps, request: WaitlistRequest): Promise<Outcome<{ id: string }>> {
  const token = newToken();
  const now = deps.clock.now();
  const id = orderedId(now);
  const therapistId = request.therapistId && request.therapistId !== 'any' ? request.therapistId : null;
  return deps.database.db.transaction().execute(async (trx): Promise<Outcome<{ id: string }>> => {
    const service = await serviceRepository(trx).findById(request.serviceId);
    if (!service?.active) return fail('SERVICE_NOT_FOUND', 'That service does not exist.');
    if (therapistId !== null) {
      const therapist = await therapistRepository(trx).findById(therapistId);
      if (!therapist) return fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
      if (!therapist.serviceIds.includes(service.id)) return fail('SERVICE_NOT_OFFERED', 'This therapist does not offer that service.');
    }
    await waitlistRepository(trx).insert({
      id,
      service_id: service.id,
      therapist_id: therapistId,
      client_name: deps.encryptor.encrypt(request.name.trim()),
      client_email: deps.encryptor.encrypt(request.email.trim()),
      client_email_hash: deps.encryptor.blindIndex(request.email),
      client_time_zone: request.timeZone,
      from_date: request.fromDate,
      to_date: request.toDate,
      status: 'waiting',
      leave_token_hash: hashToken(token),
      last_notified_at: null,
      created_at: now,
    });
    const practice = await practiceRepository(trx).get();
    await enqueueMail(trx, waitlistJoined(request.email, request.name, practice, `${deps.config.publicUrl}/waitlist/leave/${token}`), now, deps.encryptor);
    return { ok: true, value: { id } };
  });
}

/** How many are waiting, for the admin's home page. */
export function waitingCount(deps: Pick<AppDeps, 'database'>): Promise<number> {
  return waitlistRepository(deps.database.db).countWaiting();
}

/** What a leave link's entry is waiting for, or undefined for an unknown (or deleted) entry. */
export async function waitlistEntry(deps: Pick<AppDeps, 'database'>, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await waitlistRepository(deps.database.db).findByLeaveToken(hashToken(token));
  return row
    ? { status: row.status, fromDate: row.from_date, toDate: row.to_date, serviceName: row.service_name, therapistName: row.therapist_name }
    : undefined;
}

/** Leaves the list; true when the link named an entry still waiting. */
export function leaveWaitlist(deps: Deps, token: string): Promise<boolean> {
  return waitlistRepository(deps.database.db).leave(hashToken(token));
}

/** Inside the transaction that freed the time: queue an offer to everyone waiting for it, oldest first. */
export async function notifyWaitlist(
  trx: Transaction<DB>,
  deps: Deps,
  freed: { serviceId: string; therapistId: string; freedStart: number; now: number },
  known?: PracticeSettings,
): Promise<number> {
  const waitlist = waitlistRepository(trx);
  const waiting = await waitlist.waitingFor(freed.serviceId, freed.therapistId);
  if (waiting.length === 0) return 0;
  const practice = known ?? (await practiceRepository(trx).get());
  let told = 0;
  for (const entry of waiting) {
    const date = isoDateIn(freed.freedStart, entry.client_time_zone);
    if (date < entry.from_date || date > entry.to_date) continue;
    const link = `${deps.config.publicUrl}/book?service=${encodeURIComponent(entry.service_ref)}&therapist=${encodeURIComponent(entry.therapist_id ?? freed.therapistId)}&date=${date}`;
    const email = deps.encryptor.decrypt(entry.client_email);
    const name = deps.encryptor.decrypt(entry.client_name);
    await enqueueMail(trx, waitlistOffer(email, name, practice, link, freed.freedStart, entry.client_time_zone), freed.now, deps.encryptor);
    await waitlist.markNotified(entry.id, freed.now);
    told++;
  }
  return told;
}
