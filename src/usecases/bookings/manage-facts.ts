// What a client's manage page says beside the booking itself: the fee, whether the service is a joint
// one (so the private safety question applies), and what a second match can start from.
import type { AppDeps } from '../../app/deps.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { therapistRepository } from '../../db/repositories/therapists.ts';
import { sessionFee } from '../../domain/booking.ts';
import type { Relationship, Service, Therapist } from '../../domain/types.ts';
import type { BookingView } from './view.ts';

/**
 * The fee of one session of a service with a therapist, as the manage page shows it. One small function
 * on purpose: it asks the domain's sessionFee (the therapist's own fee, or the service's price, a free
 * service staying free), so it can point at the practice's one fee function when there is one.
 */
export function manageFee(
  service: Pick<Service, 'priceMinor' | 'currency'>,
  therapist: Pick<Therapist, 'feeMinor' | 'currency'> | undefined,
): { minor: number; currency: string } {
  return sessionFee(service, therapist ?? { feeMinor: 0, currency: service.currency });
}

export interface ManageFacts {
  fee: { minor: number; currency: string };
  /** The service's relationships: a couple or family service (none for individuals) is a joint one. */
  relationships: Relationship[];
  /** Who is coming, when the service says so unambiguously (for a second match). */
  relationship: Relationship | undefined;
}

/** Joint sessions: services for couples or families and not for one person on their own. */
export const isJointService = (relationships: readonly Relationship[]) =>
  !relationships.includes('individual') && (relationships.includes('couple') || relationships.includes('family'));

export async function manageFacts(deps: Pick<AppDeps, 'database'>, booking: Pick<BookingView, 'serviceId' | 'therapistId'>): Promise<ManageFacts | undefined> {
  const { db } = deps.database;
  const [service, therapist] = await Promise.all([serviceRepository(db).findById(booking.serviceId), therapistRepository(db).findById(booking.therapistId)]);
  if (!service) return undefined;
  return {
    fee: manageFee(service, therapist),
    relationships: service.relationships,
    relationship: service.relationships.length === 1 ? service.relationships[0] : undefined,
  };
}
