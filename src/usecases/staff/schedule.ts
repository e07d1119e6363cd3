// The schedule: a therapist's week (their working time, days off and changed hours, and their sessions with
// the clients' names, a read that is audited), and the practice's day or week for the admin (every
// therapist's working time and sessions by reference, service and therapist: nothing about the client).
import { availabilityRepository } from '../../db/repositories/availability.ts';
import { bookingRepository } from '../../db/repositories/bookings.ts';
import { practiceRepository } from '../../db/repositories/practice.ts';
import { roomRepository } from '../../db/repositories/rooms.ts';
import { therapistRepository } from '../../db/repositories/therapists.ts';
import { type WorkingDay, workingDays } from '../../domain/schedule.ts';
import { firstInstantAtOrAfter, isoWeekdayOf, localEpochDay, parseIsoDate } from '../../domain/time.ts';
import { type StaffBookingSummary, sessionOf, therapistBookings, therapistZone } from '../bookings/read.ts';
import { roomsOf } from '../bookings/room.ts';
import type { AuditContext, StaffDeps } from './context.ts';

/** The Monday of the week an epoch day falls in. */
export const mondayOf = (epochDay: number) => epochDay - (isoWeekdayOf(epochDay) - 1);

/** The day a page asks for ("YYYY-MM-DD"), or today when it asks for nothing sensible (more than ten years off). */
export function askedDay(asked: string | undefined, today: number): number {
  const day = parseIsoDate(asked ?? '');
  return day !== null && Math.abs(day - today) < 3660 ? day : today;
}

export interface TherapistWeek {
  timeZone: string;
  today: number;
  now: number;
  /** Monday to Sunday in the therapist's zone. */
  days: WorkingDay[];
  sessions: StaffBookingSummary[];
  /** The video room of each online session that can still be joined, by booking id (usecases/bookings/room.ts). */
  rooms: Record<string, string>;
}

/** A therapist's week from the Monday on or before `day`: working time and every booking (cancelled ones too). */
export async function therapistWeek(deps: StaffDeps, therapistId: string, asked: string | undefined, audit: AuditContext): Promise<TherapistWeek> {
  const timeZone = await therapistZone(deps, therapistId);
  const now = deps.clock.now();
  const today = localEpochDay(now, timeZone);
  const first = mondayOf(askedDay(asked, today));
  const from = firstInstantAtOrAfter(timeZone, first, 0);
  const to = firstInstantAtOrAfter(timeZone, first + 7, 0);
  const [loaded, sessions, link] = await Promise.all([
    availabilityRepository(deps.database.db).load([therapistId], from, to),
    therapistBookings(deps, therapistId, from, to, audit),
    roomRepository(deps.database.db).therapistLink(therapistId),
  ]);
  const rules = loaded.get(therapistId)?.rules ?? { timeZone, weekly: [], overrides: [] };
  return { timeZone, today, now, days: workingDays(rules, first, 7), sessions, rooms: roomsOf(deps, link, sessions) };
}

/** A session on the practice's schedule: as the therapist's week has it, less the client. */
export type PracticeSession = Omit<StaffBookingSummary, 'clientName'>;

export interface PracticeTherapist {
  id: string;
  name: string;
  listed: boolean;
  /** The therapist's days covering the schedule's dates (a day either side, for zones that differ). */
  days: WorkingDay[];
}

export interface PracticeSchedule {
  /** The practice's zone: the schedule's days and times are in it. */
  timeZone: string;
  today: number;
  now: number;
  /** The first day shown (the Monday, for a week) and how many. */
  first: number;
  count: 1 | 7;
  /** Every therapist (for the filter), by name. */
  everyone: { id: string; name: string }[];
  /** Those shown: the one chosen, or every listed therapist and anyone else with a session in the range. */
  therapists: PracticeTherapist[];
  sessions: PracticeSession[];
}

/** The practice's day or week, for everyone or one therapist (an unknown id is everyone). */
export async function practiceSchedule(
  deps: StaffDeps,
  query: { view: 'day' | 'week'; day: string | undefined; therapistId: string | undefined },
): Promise<PracticeSchedule> {
  const { db } = deps.database;
  const timeZone = (await practiceRepository(db).get()).timeZone;
  const now = deps.clock.now();
  const today = localEpochDay(now, timeZone);
  const day = askedDay(query.day, today);
  const count = query.view === 'day' ? 1 : 7;
  const first = count === 1 ? day : mondayOf(day);
  const from = firstInstantAtOrAfter(timeZone, first, 0);
  const to = firstInstantAtOrAfter(timeZone, first + count, 0);
  const everyone = await therapistRepository(db).listAll();
  const chosen = everyone.find((t) => t.id === query.therapistId);
  const rows = await bookingRepository(db).listForPractice(from, to, chosen?.id);
  const busy = new Set(rows.map((r) => r.therapist_id));
  const shown = chosen ? [chosen] : everyone.filter((t) => t.listed || busy.has(t.id));
  const loaded = await availabilityRepository(db).load(
    shown.map((t) => t.id),
    from,
    to,
  );
  const therapists = shown.map((t) => {
    const rules = loaded.get(t.id)?.rules;
    return { id: t.id, name: t.name, listed: t.listed, days: rules ? workingDays(rules, first - 1, count + 2) : [] };
  });
  return {
    timeZone,
    today,
    now,
    first,
    count,
    everyone: everyone.map((t) => ({ id: t.id, name: t.name })),
    therapists,
    sessions: rows.map(sessionOf),
  };
}
