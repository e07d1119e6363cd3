// The week of one therapist's free times a private manage link shows (moving a booking, booking the next
// session): the zone and week the query asks for, else the client's own zone and this week.
import type { Context } from 'hono';
import { z } from 'zod';
import { isoDateOf, localEpochDay, parseIsoDate } from '../../domain/time.ts';
import type { Service } from '../../domain/types.ts';
import { PageDate, PageZone } from '../booking-input.ts';
import type { AppEnv } from '../env.ts';
import { weekSlots } from './book-times.tsx';

const WeekQuery = z.object({ tz: PageZone, date: PageDate });

/** The week to show at `path` (its links keep the zone), with the free times in it. */
export async function manageWeek(c: Context<AppEnv>, path: string, therapistId: string, service: Service, clientTimeZone: string) {
  const q = WeekQuery.safeParse(c.req.query());
  const tz = (q.success && q.data.tz) || clientTimeZone;
  const today = isoDateOf(localEpochDay(c.var.deps.clock.now(), tz));
  const date = q.success && q.data.date && q.data.date > today ? q.data.date : today;
  const { to, slots } = await weekSlots(c, therapistId, service, tz, date);
  const href = (d: string) => `${path}?date=${d}&tz=${encodeURIComponent(tz)}`;
  const shift = (n: number) => isoDateOf((parseIsoDate(date) ?? 0) + n);
  return { timeZone: tz, from: date, to, slots, previousHref: date > today ? href(shift(-7)) : undefined, nextHref: href(shift(7)) };
}
