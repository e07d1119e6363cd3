// Step 3 of /book: the times of one week, a day at a time on a phone. A plain GET form whose times are
// submit buttons; or, when the person has already typed their details (their time was taken meanwhile,
// or they asked for another time from the details step), a POST form that carries those details along
// in hidden fields, so nothing they typed is lost and none of it goes into a link.
import type { Context } from 'hono';
import { formatInstant } from '../../domain/slots.ts';
import { isoDateOf, localEpochDay } from '../../domain/time.ts';
import type { Service } from '../../domain/types.ts';
import { findSlots } from '../../usecases/bookings/slots.ts';
import { BookingLayout } from '../components/booking-summary.tsx';
import { TimeZoneSelect } from '../components/slot-picker.tsx';
import { TimeChooser } from '../components/time-chooser.tsx';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';
import { addDays, type BookState, bookHref, horizonDay, summaryFor, WaitlistForm, WEEK } from './book.tsx';

/** What the details step's form holds, carried through the times when the person must choose again. */
export const CARRIED_FIELDS = ['name', 'email', 'phone', 'format', 'notes', 'consent', 'idempotencyKey'] as const;

export async function weekSlots(c: Context<AppEnv>, therapistId: string, service: Service, tz: string, date: string) {
  const to = addDays(date, WEEK - 1);
  const found = await findSlots(c.var.deps, { therapistId, serviceId: service.id, from: date, to, timeZone: tz });
  return { to, slots: found.ok ? found.value.slots : [] };
}

export interface TimeProblem {
  /** The heading of the message: "That time is no longer free". */
  title: string;
  /** What happened and what to do. */
  text: string;
}

export async function chooseTime(c: Context<AppEnv>, state: BookState, problem?: TimeProblem, status: 200 | 409 = 200, carried?: Record<string, string>) {
  const service = state.service!;
  const now = c.var.deps.clock.now();
  const { slots } = await weekSlots(c, state.therapistId!, service, state.tz, state.date);
  const today = isoDateOf(localEpochDay(now, state.tz));
  const last = horizonDay(now, service, state.tz);
  const days = Array.from({ length: WEEK }, (_, i) => addDays(state.date, i));
  const withTimes = days.find((d) => slots.some((s) => formatInstant(s.start, state.tz).startsWith(d)));
  const day = state.day ?? withTimes ?? state.date;
  const nextStart = addDays(state.date, WEEK);
  const nextWeek = nextStart <= last ? nextStart : undefined;
  const back = addDays(state.date, -WEEK);
  const previousWeek = state.date > today ? (back < today ? today : back) : undefined;
  const carry = carried !== undefined;
  const horizonText = nextWeek
    ? undefined
    : `We take bookings up to ${Math.round(service.bookingWindowDays / 7)} weeks ahead, so later times cannot be chosen yet.`;
  return renderPage(
    c,
    { title: problem ? 'Error: Choose a time' : 'Choose a time', scripts: ['booking.js'], status },
    <BookingLayout summary={summaryFor(state, 3)}>
      <h1>Choose a time</h1>
      {problem ? (
        <div class="error-summary" role="alert" aria-labelledby="slot-error-title" tabindex={-1}>
          <h2 id="slot-error-title">{problem.title}</h2>
          <p>
            <a href="#f-start">{problem.text}</a>
          </p>
        </div>
      ) : null}
      {carry && !problem ? <p class="notice">What you typed is kept: choose a time and you will see your details again before booking.</p> : null}
      <form method={carry ? 'post' : 'get'} action="/book" class="slot-form" data-slot-form={carry ? undefined : 'true'} novalidate>
        <input type="hidden" name="service" value={service.id} />
        <input type="hidden" name="therapist" value={state.therapistId} />
        <input type="hidden" name="date" value={state.date} />
        {state.format && !carry ? <input type="hidden" name="format" value={state.format} /> : null}
        {carry ? (
          <>
            <input type="hidden" name="carry" value="1" />
            {CARRIED_FIELDS.map((k) => (carried[k] ? <input type="hidden" name={k} value={carried[k]} /> : null))}
          </>
        ) : null}
        <TimeChooser
          slots={slots}
          timeZone={state.tz}
          days={days}
          day={day}
          carry={carry}
          go={(week, d) => bookHref({ ...state, date: week, day: d })}
          previousWeek={previousWeek}
          nextWeek={nextWeek}
          horizonText={horizonText}
        />
        <details class="zone-details" open={carry ? true : undefined}>
          <summary id="zone-summary">Change the time zone (now {state.tz.replace(/_/g, ' ')})</summary>
          <TimeZoneSelect timeZone={state.tz} detect={!state.tzChosen && !carry} />
          <button class={carry ? 'button button--secondary' : 'button button--secondary no-js-only'} type="submit" name="show" value="zone" formnovalidate>
            Show times in this zone
          </button>
        </details>
      </form>
      {slots.length === 0 || !nextWeek ? <WaitlistForm state={state} /> : null}
    </BookingLayout>,
  );
}
