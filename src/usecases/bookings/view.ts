// A booking as the client's pages, the API and the e-mails see it, made from the one joined row (the
// booking with its therapist and service): nothing more is read to show it or to write about it.
import type { AppDeps } from '../../app/deps.ts';
import type { BookingWithNames } from '../../db/repositories/bookings.ts';
import { type Money, sessionFee } from '../../domain/fees.ts';
import type { SessionFacts } from '../../mail/booking-messages.ts';
import { seriesUid } from '../../mail/series-messages.ts';
import { type RoomDeps, roomUrlOf } from './room.ts';

export type BookingDeps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config' | 'logger'>;

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
  /** What the session costs (domain/fees.ts, from the service and the therapist). */
  fee: Money;
  clientName: string;
  clientEmail: string;
  clientPhone: string | null;
  clientTimeZone: string;
  sequence: number;
  manageExpiresAt: number;
  /** The online room's link while the session can still be joined (usecases/bookings/room.ts), else null. */
  roomUrl: string | null;
}

/** The session's fee, from its service and therapist as the joined row has them. */
const feeOf = (row: BookingWithNames): Money =>
  sessionFee(
    { id: row.service_id, priceMinor: Number(row.service_price_minor), currency: row.service_currency },
    {
      serviceFees: row.therapist_service_fee_minor == null ? {} : { [row.service_id]: Number(row.therapist_service_fee_minor) },
      currency: row.therapist_currency,
    },
  );

/** Whether the service is a joint one: for couples or families, and not for one person on their own. */
function mayBeJoint(row: BookingWithNames): boolean {
  try {
    const r = JSON.parse(row.service_relationships) as string[];
    return !r.includes('individual') && (r.includes('couple') || r.includes('family'));
  } catch {
    return false;
  }
}

export const manageUrl = (deps: Pick<AppDeps, 'config'>, token: string) => `${deps.config.publicUrl}/manage/${token}`;

export function toView(deps: RoomDeps, row: BookingWithNames): BookingView {
  const open = (v: string | null) => (v === null ? null : deps.encryptor.decrypt(v));
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    start: Number(row.starts_at),
    end: Number(row.ends_at),
    durationMinutes: Math.round((Number(row.ends_at) - Number(row.starts_at)) / 60_000),
    format: row.format,
    therapistId: row.therapist_id,
    therapistName: row.therapist_name,
    therapistSlug: row.therapist_slug,
    serviceId: row.service_id,
    serviceName: row.service_name,
    fee: feeOf(row),
    clientName: deps.encryptor.decrypt(row.client_name),
    clientEmail: deps.encryptor.decrypt(row.client_email),
    clientPhone: open(row.client_phone),
    clientTimeZone: row.client_time_zone,
    sequence: row.sequence,
    manageExpiresAt: Number(row.manage_expires_at),
    roomUrl: roomUrlOf(deps, row),
  };
}

/** What the e-mails about a session say; the manage link's token is given, or opened from the row. */
export function sessionFacts(deps: RoomDeps, row: BookingWithNames, token?: string): SessionFacts {
  return {
    bookingId: row.id,
    reference: row.reference,
    start: Number(row.starts_at),
    end: Number(row.ends_at),
    sequence: row.sequence,
    format: row.format,
    serviceName: row.service_name,
    fee: feeOf(row),
    jointSession: mayBeJoint(row),
    therapistName: row.therapist_name,
    therapistEmail: row.therapist_email,
    clientName: deps.encryptor.decrypt(row.client_name),
    clientEmail: deps.encryptor.decrypt(row.client_email),
    clientTimeZone: row.client_time_zone,
    therapistTimeZone: row.therapist_time_zone,
    manageUrl: manageUrl(deps, token ?? storedManageToken(deps, row)),
    roomUrl: roomUrlOf(deps, row),
    series: row.series_id ? { uid: seriesUid(row.series_id), slot: Number(row.series_slot ?? row.starts_at) } : undefined,
  };
}

/** A booking's manage token: derived from its id (see Encryptor.capability), never stored. */
export const manageToken = (deps: Pick<BookingDeps, 'encryptor'>, bookingId: string) => deps.encryptor.capability(`manage:${bookingId}`);

/**
 * The manage token of a booking as it was made: bookings made before tokens were derived keep a sealed copy
 * of their random token (their links were e-mailed); every later one seals an empty string.
 */
export function storedManageToken(deps: Pick<BookingDeps, 'encryptor'>, row: { id: string; manage_token_sealed: string }): string {
  return deps.encryptor.decrypt(row.manage_token_sealed) || manageToken(deps, row.id);
}
