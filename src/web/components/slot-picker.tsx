// Days and times as radio buttons, grouped by day in the viewer's zone; the time zone is a plain select.
// Works without JavaScript; src/assets/booking.ts detects the zone and changes week without a reload.

import type { Slot } from '../../domain/slots.ts';
import { formatInstant } from '../../domain/slots.ts';
import { clockTime, dateRangeWords, zoneName } from '../../mail/when.ts';
import { ErrorMessage } from './forms.tsx';

const dayHeading = new Map<string, Intl.DateTimeFormat>();
function dayLabel(ms: number, timeZone: string): string {
  let f = dayHeading.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone });
    dayHeading.set(timeZone, f);
  }
  return f.format(ms);
}

const dayKey = (ms: number, timeZone: string) => formatInstant(ms, timeZone).slice(0, 10);

/** Zones for the select: the detected or chosen one first, then every zone this runtime knows. */
export function zoneOptions(selected: string): string[] {
  const all = Intl.supportedValuesOf('timeZone');
  const common = [
    'Europe/London',
    'Europe/Dublin',
    'Europe/Paris',
    'Europe/Warsaw',
    'America/New_York',
    'America/Los_Angeles',
    'Asia/Kolkata',
    'Australia/Sydney',
    'UTC',
  ];
  return [...new Set([selected, ...common, ...all])];
}

export interface SlotPickerProps {
  slots: Slot[];
  timeZone: string;
  selected?: number | undefined;
  /** The first and last day shown (YYYY-MM-DD in timeZone). */
  from: string;
  to: string;
  previousHref?: string | undefined;
  nextHref: string;
  error?: string | undefined;
}

export function TimeZoneSelect({ timeZone, detect }: { timeZone: string; detect: boolean }) {
  return (
    <div class="field">
      <label for="f-tz">Your time zone</label>
      <span class="hint" id="f-tz-hint">
        Times are shown in this zone.
      </span>
      <select id="f-tz" name="tz" aria-describedby="f-tz-hint" data-detect-zone={detect ? 'true' : undefined}>
        {zoneOptions(timeZone).map((z) => (
          <option value={z} selected={z === timeZone}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Above the slot picker when the time a client chose was taken meanwhile: says so and links to the choices. */
export function SlotTakenSummary({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="slot-error-title" tabindex={-1}>
      <h2 id="slot-error-title">That time is no longer free</h2>
      <p>
        <a href="#f-start">{error}</a>
      </p>
    </div>
  );
}

export function SlotPicker(props: SlotPickerProps) {
  const days = new Map<string, Slot[]>();
  for (const s of props.slots) {
    const key = dayKey(s.start, props.timeZone);
    days.set(key, [...(days.get(key) ?? []), s]);
  }
  const zone = props.slots[0] ? zoneName(props.slots[0].start, props.timeZone) : props.timeZone;
  return (
    <div id="slot-picker" class="slot-picker">
      <nav class="week-nav" aria-label="Weeks">
        {props.previousHref ? (
          <a href={props.previousHref} data-week-nav="true">
            Earlier week
          </a>
        ) : (
          <span />
        )}
        <span class="week-nav__range">{dateRangeWords(props.from, props.to)}</span>
        <a href={props.nextHref} data-week-nav="true">
          Later week
        </a>
      </nav>
      <div class={props.error ? 'field field--error' : 'field'}>
        <ErrorMessage id="f-start-error" error={props.error} paragraph />
        {days.size === 0 ? (
          <p class="notice">No free times this week. Try a later week, or join the waiting list below.</p>
        ) : (
          [...days.entries()].map(([key, slots], i) => (
            <fieldset class="slot-day" aria-describedby={props.error ? 'f-start-error' : undefined}>
              <legend>{dayLabel(slots[0]!.start, props.timeZone)}</legend>
              <div class="slot-day__times">
                {slots.map((s, j) => {
                  const value = formatInstant(s.start, props.timeZone);
                  const id = i === 0 && j === 0 ? 'f-start' : `f-start-${key}-${j}`;
                  return (
                    <div class="slot">
                      <input type="radio" id={id} name="start" value={value} checked={props.selected === s.start} required />
                      <label for={id}>
                        {clockTime(s.start, props.timeZone)}
                        <span class="visually-hidden"> {zone}</span>
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ))
        )}
      </div>
    </div>
  );
}

/**
 * A week of one therapist's times at a private link (moving a booking, booking the next session): the zone
 * they are shown in (a GET form that works without JavaScript), then the times and the one button (a POST).
 */
export function WeekOfTimes(props: {
  /** The page's path: both forms go there. */
  action: string;
  slots: Slot[];
  timeZone: string;
  /** The week shown, its first and last day (YYYY-MM-DD), and the links to the week before and after. */
  from: string;
  to: string;
  previousHref: string | undefined;
  nextHref: string;
  error: string | undefined;
  submitLabel: string;
  /** Hidden fields the POST carries (an idempotency key). */
  hidden?: Record<string, string>;
}) {
  return (
    <>
      <form method="get" action={props.action} data-slot-form="true">
        <input type="hidden" name="date" value={props.from} />
        <TimeZoneSelect timeZone={props.timeZone} detect={false} />
        <button class="button button--secondary no-js-only" type="submit">
          Show times in this zone
        </button>
      </form>
      <form method="post" action={props.action}>
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <SlotPicker
          slots={props.slots}
          timeZone={props.timeZone}
          from={props.from}
          to={props.to}
          previousHref={props.previousHref}
          nextHref={props.nextHref}
          error={props.error}
        />
        {props.slots.length > 0 ? (
          <button class="button" type="submit">
            {props.submitLabel}
          </button>
        ) : null}
      </form>
    </>
  );
}
