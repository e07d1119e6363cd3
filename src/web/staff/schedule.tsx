// The practice's schedule, for the admin: a day (a column per therapist) or a week (one therapist's days as
// a grid, or every therapist's as a table), chosen with a plain GET form. Sessions show their reference,
// service and therapist; who the client is stays on the booking's own page (an audited read).
import type { Child } from 'hono/jsx';
import { firstInstantAtOrAfter, isoDateOf } from '../../domain/time.ts';
import { clockTime } from '../../mail/when.ts';
import { type PracticeSchedule, type PracticeSession, type PracticeTherapist, practiceSchedule } from '../../usecases/staff/schedule.ts';
import { SelectField } from '../components/forms.tsx';
import { FORMAT_LABELS } from '../format.ts';
import { staffPage, staffWhen } from './layout.tsx';
import type { StaffContext } from './session.ts';
import { clip, type GridColumn, type GridItem, hoursInWords, STATUS_LABELS, TimeGrid } from './time-grid.tsx';
import { dayAt, GridKey, WeekNav, weekLabel } from './week-view.tsx';

const item = (s: PracticeSession): GridItem => ({
  start: s.start,
  end: s.end,
  href: `/staff/bookings/${s.id}`,
  title: s.reference,
  details: [`${s.serviceName}, ${FORMAT_LABELS[s.format as 'online'] ?? s.format}`],
  status: s.status,
  statusLabel: STATUS_LABELS[s.status] ?? s.status,
});

/** One therapist on one of the practice's days: their working time then, and its kind. */
function therapistDay(t: PracticeTherapist, day: number, dayStart: number, dayEnd: number) {
  const date = isoDateOf(day);
  const work = clip(
    t.days.flatMap((d) => d.intervals),
    dayStart,
    dayEnd,
  );
  const own = t.days.find((d) => d.date === date);
  const kind = own?.kind === 'off' ? 'off' : work.length === 0 ? 'none' : own?.kind === 'changed' ? 'changed' : 'weekly';
  return { work, kind } as const;
}

export async function schedulePage(c: StaffContext) {
  const view = c.req.query('view') === 'day' ? 'day' : 'week';
  const s = await practiceSchedule(c.var.deps, { view, day: c.req.query('date'), therapistId: c.req.query('therapist') });
  const tz = s.timeZone;
  const chosen = s.therapists.length === 1 && s.everyone.length > 1 ? s.therapists[0] : undefined;
  const link = (day: number, v: string = view) =>
    `/staff/schedule?view=${v}&date=${isoDateOf(day)}${chosen ? `&therapist=${encodeURIComponent(chosen.id)}` : ''}`;
  const bounds = (day: number) => ({ dayStart: firstInstantAtOrAfter(tz, day, 0), dayEnd: firstInstantAtOrAfter(tz, day + 1, 0) });
  const live = s.sessions.filter((x) => x.status !== 'cancelled');
  const names = new Map(s.everyone.map((t) => [t.id, t.name]));
  const title = view === 'day' ? `Practice day: ${dayAt(s.first, tz)}` : `Practice week: ${weekLabel(s.first, tz)}`;

  let body: Child;
  if (view === 'day' || chosen) {
    const columns: GridColumn[] =
      view === 'day'
        ? s.therapists.map((t) => {
            const { dayStart, dayEnd } = bounds(s.first);
            const { work, kind } = therapistDay(t, s.first, dayStart, dayEnd);
            return {
              key: t.id,
              heading: t.name,
              hours: hoursInWords(kind, work, tz),
              kind,
              dayStart,
              dayEnd,
              work,
              today: s.first === s.today,
              items: live.filter((x) => x.therapistId === t.id).map(item),
            };
          })
        : Array.from({ length: 7 }, (_, i) => {
            const day = s.first + i;
            const { dayStart, dayEnd } = bounds(day);
            const { work, kind } = therapistDay(chosen!, day, dayStart, dayEnd);
            return {
              key: isoDateOf(day),
              heading: day === s.today ? `Today, ${dayAt(day, tz)}` : dayAt(day, tz),
              hours: hoursInWords(kind, work, tz),
              kind,
              dayStart,
              dayEnd,
              work,
              today: day === s.today,
              items: live.filter((x) => x.start >= dayStart && x.start < dayEnd).map(item),
            };
          });
    body = (
      <>
        <GridKey />
        <TimeGrid columns={columns} timeZone={tz} now={s.now} label={title} />
      </>
    );
  } else {
    body = <WeekTable schedule={s} sessions={live} />;
  }

  return staffPage(
    c,
    { title, styles: ['schedule.css'] },
    <>
      <h1>Practice schedule</h1>
      <p class="tg-range">
        {view === 'day' ? dayAt(s.first, tz) : weekLabel(s.first, tz)}
        {chosen ? `, ${chosen.name}` : ', every therapist'}. <span class="muted">Times are in {tz}.</span>
      </p>
      <form method="get" action="/staff/schedule" class="schedule-filter">
        <SelectField
          name="therapist"
          label="Therapist"
          value={chosen?.id ?? ''}
          options={[{ value: '', label: 'Every therapist' }, ...s.everyone.map((t) => ({ value: t.id, label: t.name }))]}
        />
        <SelectField
          name="view"
          label="Show"
          value={view}
          options={[
            { value: 'week', label: 'A week' },
            { value: 'day', label: 'A day' },
          ]}
        />
        <div class="field">
          <label for="f-date">{view === 'day' ? 'Day' : 'Week of'}</label>
          <input type="date" id="f-date" name="date" value={isoDateOf(s.first)} />
        </div>
        <button type="submit" class="button button--secondary">
          Show
        </button>
      </form>
      <WeekNav first={s.first} today={s.today} link={(day) => link(day)} step={view === 'day' ? 1 : 7} />
      {view === 'week' ? null : (
        <p>
          <a href={link(s.first, 'week')}>See the whole week</a>
        </p>
      )}
      {body}
      <Cancelled sessions={s.sessions.filter((x) => x.status === 'cancelled')} names={names} timeZone={tz} />
    </>,
  );
}

function WeekTable({ schedule: s, sessions }: { schedule: PracticeSchedule; sessions: PracticeSession[] }) {
  const tz = s.timeZone;
  const days = Array.from({ length: 7 }, (_, i) => s.first + i);
  return (
    <section class="table-scroll" aria-labelledby="week-table-caption" tabindex={0}>
      <table class="practice-week">
        <caption id="week-table-caption">Every therapist’s hours and sessions, {weekLabel(s.first, tz)}</caption>
        <thead>
          <tr>
            <th scope="col">Therapist</th>
            {days.map((day) => (
              <th scope="col" class={day === s.today ? 'practice-week__today' : undefined}>
                <a href={`/staff/schedule?view=day&date=${isoDateOf(day)}`}>{day === s.today ? `Today, ${dayAt(day, tz)}` : dayAt(day, tz)}</a>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {s.therapists.map((t) => (
            <tr>
              <th scope="row">
                <a href={`/staff/schedule?view=week&date=${isoDateOf(s.first)}&therapist=${encodeURIComponent(t.id)}`}>{t.name}</a>
              </th>
              {days.map((day) => {
                const dayStart = firstInstantAtOrAfter(tz, day, 0);
                const dayEnd = firstInstantAtOrAfter(tz, day + 1, 0);
                const { work, kind } = therapistDay(t, day, dayStart, dayEnd);
                const mine = sessions.filter((x) => x.therapistId === t.id && x.start >= dayStart && x.start < dayEnd);
                return (
                  <td class={`practice-week__cell practice-week__cell--${kind}${day === s.today ? ' practice-week__today' : ''}`}>
                    <span class="practice-week__hours">{hoursInWords(kind, work, tz)}</span>
                    {mine.length > 0 ? (
                      <ul>
                        {mine.map((x) => (
                          <li>
                            <a href={`/staff/bookings/${x.id}`}>
                              <span class="nowrap">
                                {clockTime(x.start, tz)}–{clockTime(x.end, tz)}
                              </span>{' '}
                              <span class="nowrap">{x.reference}</span>
                            </a>{' '}
                            <span class="muted">{x.serviceName}</span>
                            {x.status === 'confirmed' ? null : <span class={`status status--${x.status}`}>{STATUS_LABELS[x.status]}</span>}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Cancelled({ sessions, names, timeZone }: { sessions: PracticeSession[]; names: Map<string, string>; timeZone: string }) {
  if (sessions.length === 0) return null;
  return (
    <section aria-labelledby="cancelled-title">
      <h2 id="cancelled-title">Cancelled</h2>
      <ul class="week-list">
        {sessions.map((x) => (
          <li>
            <a href={`/staff/bookings/${x.id}`}>
              {staffWhen(x.start, timeZone)} {x.reference}
            </a>{' '}
            <span class="muted">
              {x.serviceName}, {names.get(x.therapistId) ?? ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
