// What a client's manage page says beside the booking itself: whether the service is a joint
// one (so the private safety question applies), and what a second match can start from.
import type { AppDeps } from '../../app/deps.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import type { Relationship } from '../../domain/types.ts';
import type { BookingView } from './view.ts';

export interface ManageFacts {
  /** The service's relationships: a couple or family service (none for individuals) is a joint one. */
  relationships: Relationship[];
  /** Who is coming, when the service says so unambiguously (for a second match). */
  relationship: Relationship | undefined;
}

/** Joint sessions: services for couples or families and not for one person on their own. */
export const isJointService = (relationships: readonly Relationship[]) =>
  !relationships.includes('individual') && (relationships.includes('couple') || relationships.includes('family'));

export async function manageFacts(deps: Pick<AppDeps, 'database'>, booking: Pick<BookingView, 'serviceId'>): Promise<ManageFacts | undefined> {
  const { db } = deps.database;
  const service = await serviceRepository(db).findById(booking.serviceId);
  if (!service) return undefined;
  return {
    relationships: service.relationships,
    relationship: service.relationships.length === 1 ? service.relationships[0] : undefined,
  };
}
