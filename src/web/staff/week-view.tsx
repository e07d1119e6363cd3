// A therapist's week, Monday to Sunday: their working time shaded (weekly hours, changed hours, days off),
// each session as long as it lasts, "now" across today, and the weeks before and after. On a phone, a list
// of days. Cancelled sessions are listed under the grid, not drawn on it (their time is free again).
import { firstInstantAtOrAfter, isoDateOf } from '../../domain/time.ts';
import { clockTime } from '../../mail/when.ts';
import type { TherapistWeek } from '../../usecases/staff/schedule.ts';
import { FORMAT_LABELS } from '../format.ts';
import { dayLabel, staffPage, staffWhen } from './layout.tsx';
import { WeekRooms } from './room.tsx';
import type { StaffContext } from './session.ts';
import { clip, type GridColumn, hoursInWords, STATUS_LABELS, TimeGrid } from './time-grid.tsx';

export const dayAt = (day: number, timeZone: string) => dayLabel(firstInstantAtOrAfter(timeZone, day, 720), timeZone, false);

/** "1 to 7 March 2027" for the week starting on an epoch day. */
export const weekLabel = (first: number, timeZone: string, count = 7) =>
  `${dayLabel(firstInstantAtOrAfter(timeZone, first, 720), timeZone, false)} to ${dayLabel(firstInstantAtOrAfter(timeZone, first + count - 1, 720), timeZone)}`;

export function WeekNav({ first, today, link, step = 7 }: { first: number; today: number; link: (day: number) => string; step?: number }) {
  const unit = step === 1 ? 'day' : 'week';
  const current = step === 1 ? first === today : today >= first && today < first + 7;
  return (
    <nav class="week-nav" aria-label={step === 1 ? 'Days' : 'Weeks'}>
      <a href={link(first - step)}>Previous {unit}</a>
      {current ? null : <a href={link(today)}>{step === 1 ? 'Today' : 'This week'}</a>}
      <a href={link(first + step)}>Next {unit}</a>
    </nav>
  );
}

export function GridKey() {
  return (
    <p class="tg-key">
      <span class="tg-key__work">Working hours</span> <span class="tg-key__off">Day off</span> <span class="tg-key__now">Now</span>
    </p>
  );
}

/** The intake's status in a session's details: received, or not yet (nothing of the answers). */
const INTAKE_WORDS = { received: 'Intake received', 'not-yet': 'Intake not yet' } as const;

export function therapistWeekPage(c: StaffContext, week: TherapistWeek, intake?: ReadonlyMap<string, keyof typeof INTAKE_WORDS>) {
  const tz = week.timeZone;
  const first = week.days[0]!.epochDay;
  const columns: GridColumn[] = week.days.map((d) => {
    const dayStart = firstInstantAtOrAfter(tz, d.epochDay, 0);
    const dayEnd = firstInstantAtOrAfter(tz, d.epochDay + 1, 0);
    const work = clip(d.intervals, dayStart, dayEnd);
    const kind = d.kind === 'weekly' && work.length === 0 ? 'none' : d.kind;
    const today = d.epochDay === week.today;
    return {
      key: d.date,
      heading: today ? `Today, ${dayAt(d.epochDay, tz)}` : dayAt(d.epochDay, tz),
      hours: hoursInWords(kind, work, tz),
      kind,
      dayStart,
      dayEnd,
      work,
      today,
      items: week.sessions
        .filter((b) => b.status !== 'cancelled' && b.start >= dayStart && b.start < dayEnd)
        .map((b) => ({
          start: b.start,
          end: b.end,
          href: `/staff/bookings/${b.id}`,
          title: b.clientName,
          details: [
            `${b.serviceName}, ${FORMAT_LABELS[b.format as 'online'] ?? b.format}`,
            ...(b.seriesId ? ['Ongoing sessions'] : []),
            ...(intake?.has(b.id) ? [INTAKE_WORDS[intake.get(b.id)!]] : []),
          ],
          status: b.status,
          statusLabel: STATUS_LABELS[b.status] ?? b.status,
        })),
    };
  });
  const cancelled = week.sessions.filter((b) => b.status === 'cancelled');
  return staffPage(
    c,
    { title: 'Your week', styles: ['schedule.css'] },
    <>
      <h1>Your week</h1>
      <p class="tg-range">
        {weekLabel(first, tz)}. <span class="muted">Times are in {tz}.</span>
      </p>
      <WeekNav first={first} today={week.today} link={(day) => `/staff/week?from=${isoDateOf(day)}`} />
      <GridKey />
      <TimeGrid columns={columns} timeZone={tz} now={week.now} label={`Your week from ${weekLabel(first, tz)}`} />
      <WeekRooms sessions={week.sessions} rooms={week.rooms} timeZone={tz} />
      {cancelled.length > 0 ? (
        <section aria-labelledby="cancelled-title">
          <h2 id="cancelled-title">Cancelled this week</h2>
          <ul class="week-list">
            {cancelled.map((b) => (
              <li>
                <a href={`/staff/bookings/${b.id}`}>
                  {staffWhen(b.start, tz)}–{clockTime(b.end, tz)} {b.clientName}
                </a>{' '}
                <span class="muted">{b.serviceName}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>,
  );
}
