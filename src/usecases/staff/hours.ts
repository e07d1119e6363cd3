// A therapist's hours: weekly ranges (several a day), and date changes (a day off, or different hours).
// Changes are written under the therapist's booking lock, so a booking being made at the same moment sees
// either the old hours or the new; public slots read the same tables, so a change shows at once. Time that
// opens up is offered to the waiting list.
import type { Transaction } from 'kysely';
import { availabilityRepository } from '../../db/repositories/availability.ts';
import { bookingRepository } from '../../db/repositories/bookings.ts';
import { hoursRepository } from '../../db/repositories/hours.ts';
import { practiceRepository } from '../../db/repositories/practice.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { therapistRepository } from '../../db/repositories/therapists.ts';
import { waitlistRepository } from '../../db/repositories/waitlist.ts';
import type { DB } from '../../db/schema.ts';
import { type DateRange, dateRuns, datesBetween } from '../../domain/schedule.ts';
import { computeSlots, type Slot } from '../../domain/slots.ts';
import { firstInstantAtOrAfter, isoDateIn, isoDateOf, localEpochDay, parseClock, parseIsoDate } from '../../domain/time.ts';
import type { Service } from '../../domain/types.ts';
import { waitlistOffer } from '../../mail/booking-messages.ts';
import { withTherapistLocks } from '../bookings/locks.ts';
import { enqueueMail } from '../outbox.ts';
import type { AuditContext, StaffDeps } from './context.ts';

export interface TimeRange {
  start: string;
  end: string;
}

export interface WeeklyRange extends TimeRange {
  weekday: number;
}

export interface DateChange {
  date: string;
  /** Empty: the whole day off. */
  ranges: TimeRange[];
}

export interface TherapistHours {
  timeZone: string;
  weekly: WeeklyRange[];
  /** Date changes from today on, by date. */
  dates: DateChange[];
  /** Days off from today on, as runs of consecutive dates (a two-week holiday is one). */
  timeOff: DateRange[];
  /** Dates from today on with different hours (not days off). */
  changed: DateChange[];
}

/** The longest stretch of time off one entry may make. */
export const MAX_TIME_OFF_DAYS = 366;

const DAY = 86_400_000;
/** How far ahead newly opened time is looked for, to tell the waiting list. */
const OFFER_HORIZON_DAYS = 60;

/**
 * Problems with one day's ranges, as messages (empty when fine): each range "HH:MM" to a later "HH:MM"
 * ("24:00" may end one), and no two overlapping.
 */
export function rangeProblems(ranges: TimeRange[]): string[] {
  const problems: string[] = [];
  const parsed: [number, number][] = [];
  for (const r of ranges) {
    const s = parseClock(r.start, false);
    const e = parseClock(r.end, true);
    if (s === null || e === null) problems.push('Enter times like 09:00 and 17:30');
    else if (s >= e) problems.push(`${r.start} to ${r.end}: the end must be after the start`);
    else parsed.push([s, e]);
  }
  parsed.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]![0] < parsed[i - 1]![1]) {
      problems.push('Two ranges overlap: make each range end before the next one starts');
      break;
    }
  }
  return problems;
}

export async function loadHours(deps: StaffDeps, therapistId: string): Promise<TherapistHours> {
  const { db } = deps.database;
  const therapist = await therapistRepository(db).findAny(therapistId);
  if (!therapist) throw new Error('no such therapist');
  const today = isoDateOf(localEpochDay(deps.clock.now(), therapist.timeZone));
  const hours = hoursRepository(db);
  const [weekly, overrides] = await Promise.all([hours.weekly(therapistId), hours.dateChangesFrom(therapistId, today)]);
  const dates = new Map<string, DateChange>();
  for (const o of overrides) {
    const entry = dates.get(o.date) ?? { date: o.date, ranges: [] };
    dates.set(o.date, entry);
    if (o.start && o.end) entry.ranges.push({ start: o.start, end: o.end });
  }
  // A day-off row wins over any hours on the same date (as the slot rules read it).
  for (const o of overrides) if (!o.start || !o.end) dates.set(o.date, { date: o.date, ranges: [] });
  const all = [...dates.values()];
  return {
    timeZone: therapist.timeZone,
    weekly,
    dates: all,
    timeOff: dateRuns(all.filter((d) => d.ranges.length === 0).map((d) => d.date)),
    changed: all.filter((d) => d.ranges.length > 0),
  };
}

/** The therapist's services (those they offer that are active), in the practice's order. */
export async function offeredServices(deps: StaffDeps, therapistId: string): Promise<Service[]> {
  const { db } = deps.database;
  const ids = await therapistRepository(db).offeredServiceIds(therapistId);
  return (await serviceRepository(db).listActive()).filter((s) => ids.has(s.id));
}

/** Free slots for one service over the next `days` days, in the therapist's own zone. */
export async function previewSlots(deps: StaffDeps, therapistId: string, service: Service, days: number): Promise<{ date: string; slots: Slot[] }[]> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const a = (await availabilityRepository(db).load([therapistId], now, now + (days + 1) * DAY)).get(therapistId);
  if (!a) return [];
  const todayDay = localEpochDay(now, a.rules.timeZone);
  const from = isoDateOf(todayDay);
  const to = isoDateOf(todayDay + days - 1);
  const result = computeSlots(a.rules, a.busy, service, { from, to, viewerTimeZone: a.rules.timeZone, now });
  const byDate = new Map<string, Slot[]>();
  for (let d = 0; d < days; d++) byDate.set(isoDateOf(todayDay + d), []);
  if (result.ok) for (const s of result.value) byDate.get(isoDateOf(localEpochDay(s.start, a.rules.timeZone)))?.push(s);
  return [...byDate.entries()].map(([date, slots]) => ({ date, slots }));
}

/** Every free start per offered service over the offer horizon, as read inside the transaction. */
async function openStarts(trx: Transaction<DB>, therapistId: string, services: Service[], now: number): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  const a = (await availabilityRepository(trx).load([therapistId], now, now + (OFFER_HORIZON_DAYS + 1) * DAY)).get(therapistId);
  if (!a) return out;
  const todayDay = localEpochDay(now, a.rules.timeZone);
  for (const service of services) {
    const r = computeSlots(a.rules, a.busy, service, {
      from: isoDateOf(todayDay),
      to: isoDateOf(todayDay + OFFER_HORIZON_DAYS),
      viewerTimeZone: a.rules.timeZone,
      now,
    });
    out.set(service.id, new Set(r.ok ? r.value.map((s) => s.start) : []));
  }
  return out;
}

/**
 * Tells each person waiting (for this therapist, or for anyone) about the first newly opened time in their
 * dates: one e-mail each, in the transaction that opened it.
 */
async function offerOpenedTime(
  trx: Transaction<DB>,
  deps: StaffDeps,
  therapistId: string,
  before: Map<string, Set<number>>,
  after: Map<string, Set<number>>,
  now: number,
): Promise<number> {
  let told = 0;
  const practice = await practiceRepository(trx).get();
  const waitlist = waitlistRepository(trx);
  for (const [serviceId, starts] of after) {
    const old = before.get(serviceId) ?? new Set<number>();
    const opened = [...starts].filter((s) => !old.has(s)).sort((x, y) => x - y);
    if (opened.length === 0) continue;
    const waiting = await waitlist.waitingFor(serviceId, therapistId);
    for (const entry of waiting) {
      const first = opened.find((s) => {
        const date = isoDateIn(s, entry.client_time_zone);
        return date >= entry.from_date && date <= entry.to_date;
      });
      if (first === undefined) continue;
      const date = isoDateIn(first, entry.client_time_zone);
      const link = `${deps.config.publicUrl}/book?service=${encodeURIComponent(entry.service_ref)}&therapist=${encodeURIComponent(therapistId)}&date=${date}`;
      const mail = waitlistOffer(
        deps.encryptor.decrypt(entry.client_email),
        deps.encryptor.decrypt(entry.client_name),
        practice,
        link,
        first,
        entry.client_time_zone,
      );
      await enqueueMail(trx, mail, now, deps.encryptor);
      await waitlist.markNotified(entry.id, now);
      told++;
    }
  }
  return told;
}

/** Runs a change to a therapist's hours under their lock, then offers any newly opened time. */
async function changeHours(
  deps: StaffDeps,
  therapistId: string,
  action: string,
  target: string,
  audit: AuditContext,
  write: (trx: Transaction<DB>) => Promise<void>,
): Promise<void> {
  const services = await offeredServices(deps, therapistId);
  await withTherapistLocks(deps.database, [therapistId], async (trx) => {
    const now = deps.clock.now();
    const before = await openStarts(trx, therapistId, services, now);
    await write(trx);
    const after = await openStarts(trx, therapistId, services, now);
    await offerOpenedTime(trx, deps, therapistId, before, after, now);
    await therapistRepository(trx).touch(therapistId, now);
    await writeAudit(trx, now, { actor: audit.actor, action, target, requestId: audit.requestId });
  });
}

/** Replaces the weekly hours (the caller has checked them with rangeProblems). */
export async function saveWeeklyHours(deps: StaffDeps, therapistId: string, ranges: WeeklyRange[], audit: AuditContext): Promise<void> {
  await changeHours(deps, therapistId, 'hours.weekly.update', `therapist:${therapistId}`, audit, (trx) =>
    hoursRepository(trx).replaceWeekly(therapistId, ranges),
  );
}

/** Sets one date's hours (empty: the day off), replacing any earlier change for that date. */
export async function saveDateChange(deps: StaffDeps, therapistId: string, change: DateChange, audit: AuditContext): Promise<void> {
  if (parseIsoDate(change.date) === null) throw new RangeError('date must be YYYY-MM-DD');
  await changeHours(deps, therapistId, 'hours.date.update', `therapist:${therapistId}`, audit, (trx) =>
    hoursRepository(trx).replaceDate(therapistId, change.date, change.ranges),
  );
}

/** Removes a date's change: the weekly hours apply to it again. */
export async function removeDateChange(deps: StaffDeps, therapistId: string, date: string, audit: AuditContext): Promise<void> {
  await changeHours(deps, therapistId, 'hours.date.remove', `therapist:${therapistId}`, audit, (trx) => hoursRepository(trx).removeDate(therapistId, date));
}

/**
 * Makes every date from `from` to `to` (inclusive, at most MAX_TIME_OFF_DAYS) a day off, replacing changed
 * hours on them. Sessions already booked then stay booked: the count of them is returned, to say so.
 */
export async function saveTimeOff(deps: StaffDeps, therapistId: string, range: { from: string; to: string }, audit: AuditContext): Promise<number> {
  const dates = datesBetween(range.from, range.to);
  if (dates.length === 0 || dates.length > MAX_TIME_OFF_DAYS) throw new RangeError('time off must be 1 to 366 dates, in order');
  await changeHours(deps, therapistId, 'hours.time-off.add', `therapist:${therapistId}`, audit, (trx) => hoursRepository(trx).setDaysOff(therapistId, dates));
  const { db } = deps.database;
  const zone = (await therapistRepository(db).findAny(therapistId))?.timeZone ?? 'UTC';
  const from = firstInstantAtOrAfter(zone, parseIsoDate(range.from)!, 0);
  const to = firstInstantAtOrAfter(zone, parseIsoDate(range.to)! + 1, 0);
  return (await bookingRepository(db).activeCounts([therapistId], from, to)).get(therapistId) ?? 0;
}

/** Removes the days off from `from` to `to` (one entry of the list): the weekly hours apply to them again. */
export async function removeTimeOff(deps: StaffDeps, therapistId: string, range: { from: string; to: string }, audit: AuditContext): Promise<void> {
  if (datesBetween(range.from, range.to).length === 0) throw new RangeError('time off must be dates in order');
  await changeHours(deps, therapistId, 'hours.time-off.remove', `therapist:${therapistId}`, audit, async (trx) => {
    await hoursRepository(trx).removeDaysOff(therapistId, range.from, range.to);
  });
}
