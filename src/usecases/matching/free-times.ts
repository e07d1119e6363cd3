// Free first-session times that suit the person: the slots of the booking window, a week at a time in
// the person's zone, kept only when they fall in the times of day asked for, until enough are found.
import type { AppDeps } from '../../app/deps.ts';
import { availabilityRepository } from '../../db/repositories/availability.ts';
import { computeSlots, type Slot } from '../../domain/slots.ts';
import { DAY_MS, isoDateOf, localEpochDay } from '../../domain/time.ts';
import type { Service } from '../../domain/types.ts';

type Deps = Pick<AppDeps, 'database' | 'clock'>;
const WEEK = 7;

/** Each therapist's first `limit` free starts for which `suits(start)` holds (an empty list when none in the window). */
export async function freeStartsWithin(
  deps: Deps,
  therapistIds: readonly string[],
  service: Service,
  limit: number,
  suits: (start: number) => boolean,
  timeZone: string,
): Promise<Map<string, Slot[]>> {
  const now = deps.clock.now();
  const loaded = await availabilityRepository(deps.database.db).load([...therapistIds], now, now + service.bookingWindowDays * DAY_MS);
  const today = localEpochDay(now, timeZone);
  const lastDay = today + service.bookingWindowDays + 1;
  const out = new Map<string, Slot[]>();
  for (const [id, a] of loaded) {
    const found: Slot[] = [];
    for (let day = today; day <= lastDay && found.length < limit; day += WEEK) {
      const week = computeSlots(a.rules, a.busy, service, { from: isoDateOf(day), to: isoDateOf(day + WEEK - 1), viewerTimeZone: timeZone, now });
      if (!week.ok) break;
      for (const s of week.value) {
        if (found.length >= limit) break;
        if (suits(s.start)) found.push(s);
      }
    }
    out.set(id, found);
  }
  return out;
}
