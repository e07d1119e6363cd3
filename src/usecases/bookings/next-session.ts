// "Book my next session": from the manage page of a session that took place, the client books another with
// the same therapist and service, at a time from that therapist's hours, with the details they gave last
// time (read from the booking, server-side: nothing about the client travels in a link or a form), and no
// questions again. The booking itself is createBooking's, like any other.
import { serviceRepository } from '../../db/repositories/services.ts';
import { therapistRepository } from '../../db/repositories/therapists.ts';
import type { Outcome } from '../../domain/errors.ts';
import { mayBookNext } from '../../domain/next-session.ts';
import type { Format, Service } from '../../domain/types.ts';
import { type BookingReceipt, createBooking } from './create.ts';
import { bookingByToken } from './read.ts';
import type { BookingDeps, BookingView } from './view.ts';

export interface NextSession {
  /** The session that took place. */
  booking: BookingView;
  service: Service;
  /** How the next one is held: as last time when the therapist still offers it, else the way they offer. */
  format: Format;
}

/** What a manage link's "book my next session" offers, or undefined when it offers nothing (yet, or any more). */
export async function nextSessionOffer(
  deps: Pick<BookingDeps, 'database' | 'encryptor' | 'clock' | 'config'>,
  token: string,
): Promise<NextSession | undefined> {
  const booking = await bookingByToken(deps, token);
  if (!booking || !mayBookNext(booking, deps.clock.now())) return undefined;
  const { db } = deps.database;
  const [service, therapist] = await Promise.all([serviceRepository(db).findById(booking.serviceId), therapistRepository(db).findById(booking.therapistId)]);
  if (!service?.active || !therapist?.active || !therapist.serviceIds.includes(service.id)) return undefined;
  const format = (therapist.formats as string[]).includes(booking.format) ? (booking.format as Format) : therapist.formats[0];
  return format ? { booking, service, format } : undefined;
}

/** Books the next session at `start`; undefined when the link offers none (the caller answers 404). */
export async function bookNextSession(
  deps: BookingDeps,
  token: string,
  request: { start: number; idempotencyKey: string; requestId?: string | undefined },
): Promise<Outcome<BookingReceipt> | undefined> {
  const offer = await nextSessionOffer(deps, token);
  if (!offer) return undefined;
  const { booking } = offer;
  return createBooking(deps, {
    therapistId: booking.therapistId,
    serviceId: booking.serviceId,
    start: request.start,
    format: offer.format,
    client: { name: booking.clientName, email: booking.clientEmail, phone: booking.clientPhone ?? undefined },
    // The client agreed to the privacy notice when they booked with these details; the page says they are reused.
    consent: true,
    timeZone: booking.clientTimeZone,
    idempotencyKey: request.idempotencyKey,
    requestId: request.requestId,
  });
}
