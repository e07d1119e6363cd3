// The waiting list from the booking pages: POST /book/waitlist, read with the waiting-list form schema,
// for the four weeks from the week shown.
import type { Context } from 'hono';
import type { z } from 'zod';
import { joinWaitlist, NOT_ON_THE_LIST } from '../../usecases/bookings/waitlist.ts';
import { WaitlistFormSchema } from '../booking-input.ts';
import { ErrorSummary, errorTitle, type FieldErrors, TextField } from '../components/forms.tsx';
import type { AppEnv } from '../env.ts';
import { logWriteFailure, throttle, waitInWords } from '../public-writes.ts';
import { type FormRead, readForm } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import { addDays, bookPage, readState } from './book.tsx';
import { bareUnavailableHtml, flat } from './book-submit.tsx';

const WAITLIST_ORDER = ['name', 'email'];

/** The waiting-list form on its own, with what went wrong. */
function waitlistForm(c: Context<AppEnv>, form: Record<string, string>, errors: FieldErrors, status: 400 | 422 | 429 | 503) {
  return renderPage(
    c,
    { title: errorTitle('Join the waiting list', errors), status },
    <>
      <h1>Join the waiting list</h1>
      <ErrorSummary errors={errors} order={WAITLIST_ORDER} idPrefix="wl" />
      <form method="post" action="/book/waitlist">
        {['service', 'therapist', 'tz', 'date'].map((k) => (
          <input type="hidden" name={k} value={form[k] ?? ''} />
        ))}
        <TextField name="name" label="Your name" value={form.name} error={errors.name} autocomplete="name" idPrefix="wl" />
        <TextField name="email" label="Your e-mail address" type="email" value={form.email} error={errors.email} autocomplete="email" idPrefix="wl" />
        <button class="button" type="submit">
          Tell me when a time is free
        </button>
      </form>
    </>,
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
  const state = await readState(c, form);
  if (!state.service) return bookPage(c);
  if (!read.ok) return waitlistForm(c, form, read.errors, 422);
  const parsed = read;
  const limited = await throttle(c, 'waitlist');
  if (!limited.allowed) {
    const { phone } = await c.var.deps.repos.practice.get();
    const message = `We have had a lot of waiting-list requests from this connection in a short time, so we have not added this one. Please try again in ${waitInWords(limited.retryAfterSeconds)}, or call us on ${phone}.`;
    return waitlistForm(c, form, { _form: message }, 429);
  }
  // The therapist as sent (not as readState found it): an unknown or inactive one is refused, never
  // quietly widened to "any therapist" (joinWaitlist reads "any" and none as whoever frees up).
  const result = await joinWaitlist(c.var.deps, {
    serviceId: state.service.id,
    therapistId: form.therapist?.trim() || undefined,
    name: parsed.data.name,
    email: parsed.data.email,
    timeZone: state.tz,
    fromDate: state.date,
    toDate: addDays(state.date, 28),
  });
  if (!result.ok) {
    if (result.error.code === 'SERVICE_NOT_FOUND') return bookPage(c);
    // That therapist cannot be waited for: offer the list for whichever therapist frees up first instead.
    const message = `${result.error.detail} You can join the waiting list for whichever therapist has a time first, or go back and choose a therapist.`;
    return waitlistForm(c, { ...form, therapist: '' }, { _form: message }, 422);
  }
  return renderPage(
    c,
    { title: 'You are on the waiting list' },
    <>
      <h1>You are on the waiting list</h1>
      <p>
        We have e-mailed you to confirm. When a time comes free between {state.date} and {addDays(state.date, 28)}, we will e-mail you straight away.
      </p>
      <p>
        <a class="back-link" href="/">
          Back to the home page
        </a>
      </p>
    </>,
  );
}
