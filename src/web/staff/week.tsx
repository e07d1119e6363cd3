// A therapist's week (as a list, today first, or as a grid).
import { firstInstantAtOrAfter, isoDateOf, localEpochDay, parseIsoDate } from '../../domain/time.ts';
import { clockTime } from '../../mail/when.ts';
import { type StaffBookingSummary, therapistBookings, therapistZone } from '../../usecases/bookings/read.ts';
import { FORMAT_LABELS } from '../format.ts';
import { dayLabel, staffPage } from './layout.tsx';
import { auditOf } from './request.ts';
import { currentTherapistId, type StaffContext } from './session.ts';

export const STATUS_LABELS: Record<string, string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  attended: 'Attended',
  no_show: 'Did not attend',
};

const dayName = (ms: number, timeZone: string) => dayLabel(ms, timeZone, false);

function BookingLine({ b, timeZone }: { b: StaffBookingSummary; timeZone: string }) {
  return (
    <>
      <a href={`/staff/bookings/${b.id}`}>
        {clockTime(b.start, timeZone)}–{clockTime(b.end, timeZone)} {b.clientName}
      </a>{' '}
      <span class="muted">
        {b.serviceName}, {FORMAT_LABELS[b.format as 'online'] ?? b.format}
      </span>{' '}
      <span class={`status status--${b.status}`}>{STATUS_LABELS[b.status]}</span>
    </>
  );
}

export async function weekPage(c: StaffContext) {
  const therapistId = currentTherapistId(c);
  const tz = await therapistZone(c.var.deps, therapistId);
  const now = c.var.deps.clock.now();
  const today = localEpochDay(now, tz);
  const asked = parseIsoDate(c.req.query('from') ?? '');
  const first = asked !== null && Math.abs(asked - today) < 3660 ? asked : today;
  const view = c.req.query('view') === 'grid' ? 'grid' : 'list';
  const days = Array.from({ length: 7 }, (_, i) => first + i);
  const from = firstInstantAtOrAfter(tz, first, 0);
  const to = firstInstantAtOrAfter(tz, first + 7, 0);
  const bookings = await therapistBookings(c.var.deps, therapistId, from, to, auditOf(c));
  const byDay = new Map<number, StaffBookingSummary[]>(days.map((d) => [d, []]));
  for (const b of bookings) byDay.get(localEpochDay(b.start, tz))?.push(b);
  const link = (day: number, v = view) => `/staff/week?from=${isoDateOf(day)}${v === 'grid' ? '&view=grid' : ''}`;
  const label = (day: number) =>
    day === today ? `Today, ${dayName(firstInstantAtOrAfter(tz, day, 720), tz)}` : dayName(firstInstantAtOrAfter(tz, day, 720), tz);

  // The grid's rows: each hour from the earliest session to the latest (at least 08:00 to 18:00).
  const hourOf = (ms: number) => Number(clockTime(ms, tz).slice(0, 2));
  const firstHour = Math.min(8, ...bookings.map((b) => hourOf(b.start)));
  const lastHour = Math.max(18, ...bookings.map((b) => hourOf(b.start)));
  const hours = Array.from({ length: lastHour - firstHour + 1 }, (_, i) => firstHour + i);

  return staffPage(
    c,
    { title: 'Your week' },
    <>
      <h1>Your week</h1>
      <p class="muted">Times are in {tz}.</p>
      <nav class="week-nav" aria-label="Weeks">
        <a href={link(first - 7)}>Previous 7 days</a>
        {first !== today ? <a href={link(today)}>Today</a> : null}
        <a href={link(first + 7)}>Next 7 days</a>
      </nav>
      <p class="view-switch">
        {view === 'list' ? (
          <>
            <strong>List</strong> · <a href={link(first, 'grid')}>Show as a grid</a>
          </>
        ) : (
          <>
            <a href={link(first, 'list')}>Show as a list</a> · <strong>Grid</strong>
          </>
        )}
      </p>
      {view === 'list' ? (
        days.map((day) => {
          const items = byDay.get(day) ?? [];
          return (
            <section class="week-day" aria-labelledby={`day-${day}`}>
              <h2 id={`day-${day}`}>{label(day)}</h2>
              {items.length === 0 ? (
                <p class="muted">No sessions.</p>
              ) : (
                <ul class="week-list">
                  {items.map((b) => (
                    <li>
                      <BookingLine b={b} timeZone={tz} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })
      ) : (
        <section class="table-scroll" aria-labelledby="grid-caption" tabindex={0}>
          <table class="week-grid">
            <caption id="grid-caption">
              Sessions from {dayName(from, tz)} to {dayName(to - 1, tz)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {days.map((day) => (
                  <th scope="col">{label(day)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {hours.map((h) => (
                <tr>
                  <th scope="row">{`${String(h).padStart(2, '0')}:00`}</th>
                  {days.map((day) => {
                    const items = (byDay.get(day) ?? []).filter((b) => hourOf(b.start) === h);
                    return (
                      <td>
                        {items.map((b) => (
                          <p class="week-grid__item">
                            <a href={`/staff/bookings/${b.id}`}>
                              {clockTime(b.start, tz)} {b.clientName}
                            </a>{' '}
                            <span class={`status status--${b.status}`}>{STATUS_LABELS[b.status]}</span>
                          </p>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>,
  );
}
