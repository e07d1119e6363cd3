// Free times for the API, the booking pages and the directory: load the rules and bookings, then ask
// the pure slot functions. "any" merges every therapist who offers the service.

import type { AppDeps } from '../../app/deps.ts';
import { availabilityRepository } from '../../db/repositories/availability.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { type TherapistProfile, therapistRepository } from '../../db/repositories/therapists.ts';
import { fail, type Outcome } from '../../domain/booking.ts';
import { checkSlot, computeSlots, nextFreeSlots, type Slot } from '../../domain/slots.ts';
import type { Format, Service } from '../../domain/types.ts';

type Deps = Pick<AppDeps, 'database' | 'clock'>;

export interface SlotRequest {
  therapistId: string;
  serviceId: string;
  from: string;
  to: string;
  timeZone: string;
  /** Only times someone can see the client in this format (for "any": a therapist who offers it). */
  format?: Format | undefined;
}

export interface TimedSlot extends Slot {
  /** Which therapists are free at this start ("any" lists several). */
  therapistIds: string[];
}

const DAY = 86_400_000;

export async function findSlots(deps: Deps, request: SlotRequest): Promise<Outcome<{ service: Service; slots: TimedSlot[] }>> {
  const { db } = deps.database;
  const service = await serviceRepository(db).findById(request.serviceId);
  if (!service?.active) return fail('SERVICE_NOT_FOUND', 'That service does not exist.');
  const therapists =
    request.therapistId === 'any'
      ? await therapistRepository(db).search({ serviceId: service.id, format: request.format })
      : [await therapistRepository(db).findById(request.therapistId)].filter((t) => t !== undefined);
  if (therapists.length === 0 && request.therapistId !== 'any') return fail('THERAPIST_NOT_FOUND', 'That therapist does not exist.');
  const offering = therapists.filter((t) => t.serviceIds.includes(service.id));
  if (offering.length === 0 && request.therapistId !== 'any') return fail('SERVICE_NOT_OFFERED', 'This therapist does not offer that service.');
  const format = request.format;
  if (format && request.therapistId !== 'any' && !offering.some((t) => t.formats.includes(format))) {
    return fail('FORMAT_NOT_OFFERED', 'This therapist does not see clients in that format.');
  }
  // Dates are the viewer's; a day either side covers every zone's offset.
  const fromMs = Date.parse(`${request.from}T00:00:00Z`) - 2 * DAY;
  const toMs = Date.parse(`${request.to}T00:00:00Z`) + 3 * DAY;
  const now = deps.clock.now();
  const loaded = await availabilityRepository(db).load(
    offering.map((t) => t.id),
    fromMs,
    toMs,
  );
  const byStart = new Map<number, TimedSlot>();
  for (const t of offering) {
    const a = loaded.get(t.id);
    if (!a) continue;
    const result = computeSlots(a.rules, a.busy, service, { from: request.from, to: request.to, viewerTimeZone: request.timeZone, now });
    if (!result.ok) return fail(result.error.code, result.error.detail ?? 'Free times cannot be worked out.');
    for (const s of result.value) {
      const entry = byStart.get(s.start);
      if (entry) entry.therapistIds.push(t.id);
      else byStart.set(s.start, { ...s, therapistIds: [t.id] });
    }
  }
  return { ok: true, value: { service, slots: [...byStart.values()].sort((a, b) => a.start - b.start) } };
}

/**
 * "Any available therapist": who, of those offering the service, could take this start now. The
 * details step offers only the formats these therapists see clients in, so the time offered is a time
 * that can be booked.
 */
export async function freeTherapistsAt(deps: Deps, service: Service, start: number): Promise<TherapistProfile[]> {
  const therapists = await therapistRepository(deps.database.db).search({ serviceId: service.id });
  const loaded = await availabilityRepository(deps.database.db).load(
    therapists.map((t) => t.id),
    start - DAY,
    start + DAY,
  );
  const now = deps.clock.now();
  return therapists.filter((t) => {
    const a = loaded.get(t.id);
    return a !== undefined && checkSlot(a.rules, a.busy, service, start, now).ok;
  });
}

/** Each therapist's next free start for a service (null when none in the window). */
export async function nextFreeStarts(deps: Deps, therapistIds: string[], service: Service, limit = 1): Promise<Map<string, Slot[]>> {
  const now = deps.clock.now();
  const loaded = await availabilityRepository(deps.database.db).load(therapistIds, now, now + service.bookingWindowDays * DAY);
  const out = new Map<string, Slot[]>();
  for (const [id, a] of loaded) {
    const next = nextFreeSlots(a.rules, a.busy, service, now, limit);
    out.set(id, next.ok ? next.value : []);
  }
  return out;
}
