// The times of one week for /book: a strip of the week's days and, under it, each day's free times as
// buttons. Tapping a time moves straight on to the details (each time is a submit button of the form
// around it). On a phone only the chosen day's times show (the strip's links choose the day, a plain
// page load without JavaScript, in place with it); on a desktop the whole week shows.
// In "carry" mode (the person has already typed their details, and the form posts them along) the
// strip and the weeks are submit buttons too, so nothing they typed goes into a link.

import { formatInstant } from '../../domain/slots.ts';
import { clockTime, dateRangeWords, dayWords, zoneName } from '../../mail/when.ts';
import { ErrorMessage } from './forms.tsx';

export interface ChooserSlot {
  start: number;
}

export interface TimeChooserProps {
  slots: readonly ChooserSlot[];
  timeZone: string;
  /** The seven days shown, YYYY-MM-DD in timeZone. */
  days: string[];
  /** The day whose times show on a phone. */
  day: string;
  /** Links (GET mode) or button values (carry mode) for a week and a day. */
  go: (week: string, day?: string) => string;
  carry: boolean;
  previousWeek?: string | undefined;
  /** Undefined at the booking horizon: the next week cannot be booked yet. */
  nextWeek?: string | undefined;
  /** Shown when the next week is past the horizon. */
  horizonText?: string | undefined;
  error?: string | undefined;
}

const dayKey = (ms: number, timeZone: string) => formatInstant(ms, timeZone).slice(0, 10);

function Go({
  props,
  week,
  day,
  children,
  cls,
  current,
}: {
  props: TimeChooserProps;
  week: string;
  day?: string;
  children: unknown;
  cls: string;
  current?: boolean;
}) {
  if (props.carry) {
    return (
      <button type="submit" name="goto" value={`${week}|${day ?? ''}`} class={`${cls} link-button`} aria-current={current ? 'date' : undefined} formnovalidate>
        {children}
      </button>
    );
  }
  return (
    <a href={props.go(week, day)} class={cls} aria-current={current ? 'date' : undefined} data-week-nav={day === undefined ? 'true' : undefined} data-day={day}>
      {children}
    </a>
  );
}

export function TimeChooser(props: TimeChooserProps) {
  const byDay = new Map<string, ChooserSlot[]>(props.days.map((d) => [d, []]));
  for (const s of props.slots) byDay.get(dayKey(s.start, props.timeZone))?.push(s);
  const first = props.days[0]!;
  const last = props.days[props.days.length - 1]!;
  const zone = props.slots[0] ? zoneName(props.slots[0].start, props.timeZone) : '';
  const any = props.slots.length > 0;
  return (
    <div id="slot-picker" class="time-chooser" data-day={props.day}>
      <nav class="week-nav" aria-label="Weeks">
        {props.previousWeek ? (
          <Go props={props} week={props.previousWeek} cls="week-nav__link">
            Earlier week
          </Go>
        ) : (
          <span />
        )}
        <h2 class="week-nav__range">{dateRangeWords(first, last)}</h2>
        {props.nextWeek ? (
          <Go props={props} week={props.nextWeek} cls="week-nav__link">
            Later week
          </Go>
        ) : (
          <span />
        )}
      </nav>
      <ul class="date-strip" aria-label="Days this week">
        {props.days.map((d) => {
          const n = byDay.get(d)?.length ?? 0;
          const [weekday, date] = dayWords(d).split(' ');
          const label = (
            <>
              <span class="date-strip__weekday">{weekday}</span> <span class="date-strip__date">{date}</span>{' '}
              <span class="date-strip__count">
                {n === 0 ? 'none' : `${n} free`}
                <span class="visually-hidden">{n === 0 ? '' : n === 1 ? ' time' : ' times'}</span>
              </span>
            </>
          );
          return (
            <li>
              {n === 0 ? (
                <span class="date-strip__day date-strip__day--empty">{label}</span>
              ) : (
                <Go props={props} week={first} day={d} cls="date-strip__day" current={d === props.day}>
                  {label}
                </Go>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorMessage id="f-start-error" error={props.error} paragraph />
      {any ? (
        <p class="muted time-chooser__hint">Choose a time to go on to your details. Times are in {zone}.</p>
      ) : (
        <p class="notice">No free times this week.{props.nextWeek ? ' Try a later week, or join the waiting list below.' : ' Join the waiting list below.'}</p>
      )}
      <div class="time-chooser__days">
        {[...byDay.entries()]
          .filter(([, slots]) => slots.length > 0)
          .map(([key, slots], i) => (
            <section class={key === props.day ? 'slot-day slot-day--selected' : 'slot-day'} data-slot-day={key} aria-labelledby={`day-${key}`}>
              <h3 id={`day-${key}`} class="slot-day__title">
                {dayWords(key)}
              </h3>
              <ul class="slot-day__times">
                {slots.map((s, j) => (
                  <li>
                    <button
                      type="submit"
                      class="slot-button"
                      name="start"
                      value={formatInstant(s.start, props.timeZone)}
                      id={i === 0 && j === 0 ? 'f-start' : undefined}
                      aria-describedby={props.error ? 'f-start-error' : undefined}
                    >
                      {clockTime(s.start, props.timeZone)}
                      <span class="visually-hidden">
                        {' '}
                        {zone}, {dayWords(key)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
      {props.horizonText ? (
        <p class="notice time-chooser__horizon">
          {props.horizonText} <a href="#waitlist-title">Join the waiting list</a> and we will e-mail you when a time comes free.
        </p>
      ) : null}
    </div>
  );
}
