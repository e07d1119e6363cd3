// The waiting list from the booking pages: POST /book/waitlist, read with the waiting-list form schema,
// for the four weeks from the week shown. Every page names the service, the therapist and the dates in
// words, says what happens next, and (on an error) keeps what was typed and links back to the times.
import type { Context } from 'hono';
import type { z } from 'zod';
import { WAITLIST_RETENTION_DAYS } from '../../domain/booking.ts';
import { joinWaitlist, leaveWaitlist, NOT_ON_THE_LIST, waitlistEntry } from '../../usecases/bookings/waitlist.ts';
import { WaitlistFormSchema } from '../booking-input.ts';
import { ErrorSummary, errorTitle, type FieldErrors } from '../components/forms.tsx';
import { WaitlistFields } from '../components/waitlist-fields.tsx';
import { dateRangeText, dayText } from '../date-range.ts';
import type { AppEnv } from '../env.ts';
import { logWriteFailure, throttle, waitInWords } from '../public-writes.ts';
import { type FormRead, readForm } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import { serviceRef } from '../service-ref.ts';
import { addDays, type BookState, bookPage, readState } from './book.tsx';
import { bareUnavailableHtml, flat } from './book-submit.tsx';

const WAITLIST_ORDER = ['name', 'email'];
/** How many days from the week shown the waiting list covers (four weeks). */
export const WAITLIST_DAYS = 28;

/** What the person is waiting for, in words: "Couples counselling with Daniel Mensah, Mon 1 – Sun 28 March". */
function waitingFor(state: BookState) {
  const who = state.therapist ? `with ${state.therapist.name}` : 'with whichever therapist has a time first';
  return { what: state.service?.name ?? 'A session', who, dates: dateRangeText(state.date, addDays(state.date, WAITLIST_DAYS - 1)) };
}

/** Back to choosing a time, for the same service, therapist, zone and week (ids and a date only). */
function timesHref(state: BookState): string {
  const params = new URLSearchParams();
  if (state.service) params.set('service', serviceRef(state.service));
  if (state.therapist) params.set('therapist', state.therapist.id);
  else if (state.therapistId === 'any') params.set('therapist', 'any');
  if (state.tzChosen) params.set('tz', state.tz);
  params.set('date', state.date);
  return `/book?${params.toString()}`;
}

/** The waiting-list form on its own, with what went wrong. */
function waitlistForm(c: Context<AppEnv>, form: Record<string, string>, errors: FieldErrors, status: 400 | 422 | 429 | 503, state?: BookState) {
  const wanted = state?.service ? waitingFor(state) : undefined;
  return renderPage(
    c,
    { title: errorTitle('Join the waiting list', errors), status },
    <div class="narrow">
      <p>
        <a class="back-link" href={state?.service ? timesHref(state) : '/book'}>
          Back to choosing a time
        </a>
      </p>
      <h1>Join the waiting list</h1>
      <ErrorSummary errors={errors} order={WAITLIST_ORDER} idPrefix="wl" />
      {wanted ? (
        <p data-waiting-for="">
          <strong>{wanted.what}</strong> {wanted.who}, {wanted.dates}. We will e-mail you when a time comes free in those dates.
        </p>
      ) : (
        <p>We will e-mail you when a time comes free.</p>
      )}
      <WaitlistFields
        for={{ service: form.service ?? '', therapist: form.therapist ?? '', tz: form.tz ?? '', date: form.date ?? '' }}
        values={form}
        errors={errors}
      />
    </div>,
  );
}

/** POST /book/waitlist: join the waiting list for the next four weeks from the week shown. */
export async function submitWaitlist(c: Context<AppEnv>) {
  const read = await readForm(c, WaitlistFormSchema);
  if (!read.ok && read.status === 400) return waitlistForm(c, {}, read.errors, 400);
  const form = flat(read.values);
  try {
    return await joinFromForm(c, form, read);
  } catch (error) {
    logWriteFailure(c, error, 'waiting-list form: nothing saved');
    c.header('Retry-After', '30');
    try {
      return await waitlistForm(c, form, { _form: NOT_ON_THE_LIST }, 503);
    } catch {
      return c.html(bareUnavailableHtml('You are not on the waiting list yet', NOT_ON_THE_LIST), 503);
    }
  }
}

async function joinFromForm(c: Context<AppEnv>, form: Record<string, string>, read: FormRead<z.output<typeof WaitlistFormSchema>>) {
  const state = await readState(c, form, { beyondHorizon: true });
  if (!state.service) return bookPage(c);
  if (!read.ok) return waitlistForm(c, form, read.errors, 422, state);
  const parsed = read;
  const limited = await throttle(c, 'waitlist');
  if (!limited.allowed) {
    const { phone } = await c.var.deps.repos.practice.get();
    const message = `We have had a lot of waiting-list requests from this connection in a short time, so we have not added this one. Please try again in ${waitInWords(limited.retryAfterSeconds)}, or call us on ${phone}.`;
    return waitlistForm(c, form, { _form: message }, 429, state);
  }
  // The therapist as sent (not as readState found it): an unknown or inactive one is refused, never
  // quietly widened to "any therapist" (joinWaitlist reads "any" and none as whoever frees up).
  const lastDate = addDays(state.date, WAITLIST_DAYS - 1);
  const result = await joinWaitlist(c.var.deps, {
    serviceId: state.service.id,
    therapistId: form.therapist?.trim() || undefined,
    name: parsed.data.name,
    email: parsed.data.email,
    timeZone: state.tz,
    fromDate: state.date,
    toDate: lastDate,
  });
  if (!result.ok) {
    if (result.error.code === 'SERVICE_NOT_FOUND') return bookPage(c);
    // That therapist cannot be waited for: offer the list for whichever therapist has a time first instead.
    const message = `${result.error.detail} You can join the waiting list for whichever therapist has a time first, or go back and choose a therapist.`;
    return waitlistForm(c, { ...form, therapist: '' }, { _form: message }, 422, { ...state, therapist: undefined, therapistId: undefined });
  }
  const wanted = waitingFor(state);
  return renderPage(
    c,
    { title: 'You are on the waiting list' },
    <div class="narrow">
      <h1>You are on the waiting list</h1>
      <p class="lead" data-waiting-for="">
        <strong>{wanted.what}</strong> {wanted.who}, {wanted.dates}.
      </p>
      <h2>What happens next</h2>
      <ul>
        <li>We have e-mailed you to confirm. The e-mail has a link to leave the list at any time.</li>
        <li>When a time comes free in those dates, we e-mail you straight away. Others waiting may hear too, and the first person to book the time gets it.</li>
        <li>
          You stay on the list until {dayText(lastDate)}, or until you book {wanted.what.toLowerCase()} or leave the list. Then we stop writing to you, and we
          delete your name and e-mail address within {WAITLIST_RETENTION_DAYS} days.
        </li>
      </ul>
      <p>
        <a href={timesHref(state)}>Look at the times again</a> · <a href="/">Back to the home page</a>
      </p>
    </div>,
  );
}

/** GET and POST /waitlist/leave/{token}: what the entry is waiting for, and leaving it. A capability URL. */
export async function leaveWaitlistPage(c: Context<AppEnv>) {
  c.set('privatePage', true);
  const token = c.req.param('token') ?? '';
  const entry = await waitlistEntry(c.var.deps, token);
  const wanted = entry
    ? `${entry.serviceName} ${entry.therapistName ? `with ${entry.therapistName}` : 'with whichever therapist has a time first'}, ${dateRangeText(entry.fromDate, entry.toDate)}`
    : undefined;
  if (c.req.method === 'POST') {
    const left = await leaveWaitlist(c.var.deps, token);
    return renderPage(
      c,
      { title: left ? 'You have left the waiting list' : 'You are not on the waiting list', private: true },
      <>
        <h1>{left ? 'You have left the waiting list' : 'You are not on the waiting list'}</h1>
        {left ? (
          <p>
            We will not e-mail you about free times{wanted ? ` for ${wanted}` : ''} any more, and we delete your name and e-mail address within{' '}
            {WAITLIST_RETENTION_DAYS} days.
          </p>
        ) : (
          <p>This link is no longer on the list: you may have left it already, booked, or the dates have passed.</p>
        )}
        <p>
          <a href="/book">Book a time</a> · <a href="/">Back to the home page</a>
        </p>
      </>,
    );
  }
  return renderPage(
    c,
    { title: 'Leave the waiting list', private: true },
    <>
      <h1>Leave the waiting list?</h1>
      {wanted && entry?.status === 'waiting' ? (
        <p data-waiting-for="">You are waiting for {wanted}. If you leave, we stop e-mailing you when a time comes free.</p>
      ) : (
        <p>This link is no longer on the list: you may have left it already, booked, or the dates have passed.</p>
      )}
      {entry?.status === 'waiting' ? (
        <form method="post" action={`/waitlist/leave/${token}`}>
          <button class="button" type="submit">
            Yes, take me off the list
          </button>
        </form>
      ) : null}
      <p>
        <a href="/book">Book a time</a>
      </p>
    </>,
  );
}
