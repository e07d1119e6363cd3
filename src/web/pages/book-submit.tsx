// Booking's last step: the details form sent, the booking made (or the time taken, the database down).
import type { Context } from 'hono';
import { createBooking, NOTHING_BOOKED } from '../../usecases/bookings/create.ts';
import { BookingFormSchema } from '../booking-input.ts';
import type { AppEnv } from '../env.ts';
import { logWriteFailure, throttle, waitInWords } from '../public-writes.ts';
import { type FormValues, MALFORMED_FORM, one, readForm } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import { type BookState, bookPage, readState } from './book.tsx';
import { details } from './book-details.tsx';
import { CARRIED_FIELDS, chooseTime } from './book-times.tsx';

/** What the person typed on the details step, to carry while they choose another time (POST bodies only). */
const carriedOf = (form: Record<string, string>) => Object.fromEntries(CARRIED_FIELDS.map((k) => [k, form[k] ?? '']).filter(([, v]) => v !== ''));

/**
 * Choosing a time again with the details kept: from the details step ("Choose a different time"), or
 * within the times while carrying them (another day or week, another zone, a time). Never a booking and
 * never a field error: a time chosen leads back to the details step, filled in as the person left it.
 */
async function chooseAgain(c: Context<AppEnv>, form: Record<string, string>) {
  const [week, day] = (form.goto ?? '').split('|');
  const state = await readState(c, week ? { ...form, date: week, day } : form);
  if (!state.service || !state.therapistId) return bookPage(c);
  const carried = carriedOf(form);
  if (form.intent === 'times' || form.goto || form.show || state.start === undefined)
    return chooseTime(c, { ...state, start: undefined }, undefined, 200, carried);
  return details(c, state, carried, {});
}

/** Every field of a form as one string (what the pages show back). */
export const flat = (values: FormValues): Record<string, string> => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, one(v)]));

/** The steps before the details, when what the form carries is incomplete: back to the step that asks. */
const incomplete = (state: BookState) => !state.service || !state.therapistId || state.start === undefined;

/** A body that could not be read at all: 400, nothing changed, start again. */
function malformed(c: Context<AppEnv>, heading: string) {
  return renderPage(
    c,
    { title: `Error: ${heading}`, status: 400 },
    <>
      <h1>{heading}</h1>
      <p>{MALFORMED_FORM}</p>
      <p>
        <a href="/book">Start again</a>
      </p>
    </>,
  );
}

/**
 * POST /book: the details step. The form is read with the booking schema; a valid one goes straight to
 * the booking (the pages are drawn from the database only when there is something to show again).
 */
export async function submitBooking(c: Context<AppEnv>) {
  const read = await readForm(c, BookingFormSchema);
  if (!read.ok && read.status === 400) return malformed(c, 'Nothing has been booked');
  const form = flat(read.values);
  if (form.carry === '1' || form.intent === 'times') return chooseAgain(c, form);
  let state: BookState | undefined;
  const stateOf = async () => (state ??= await readState(c, form));
  try {
    if (!read.ok) {
      if (incomplete(await stateOf())) return bookPage(c);
      return await details(c, state!, form, read.errors, 422);
    }
    const data = read.data;
    if (!data.service || !data.therapist || data.start === undefined) return bookPage(c);
    const limited = await throttle(c, 'booking');
    if (!limited.allowed) {
      if (incomplete(await stateOf())) return bookPage(c);
      const { phone } = await c.var.deps.repos.practice.get();
      const message = `We have had a lot of booking attempts from this connection in a short time, so we have not booked this one: nothing has been booked. Please try again in ${waitInWords(limited.retryAfterSeconds)}, or call us on ${phone}.`;
      return details(c, state!, form, { _form: message }, 429);
    }
    const result = await createBooking(c.var.deps, {
      therapistId: data.therapist,
      serviceId: data.service,
      start: Date.parse(data.start),
      format: data.format,
      client: { name: data.name, email: data.email, phone: data.phone },
      notes: data.notes,
      consent: true,
      timeZone: data.tz,
      idempotencyKey: data.idempotencyKey,
      requestId: c.var.requestId,
    });
    if (result.ok) return c.redirect(`/manage/${result.value.manageToken}?booked=1`, 303);
    if (incomplete(await stateOf())) return bookPage(c);
    const code = result.error.code;
    if (['SLOT_TAKEN', 'TOO_SOON', 'OUTSIDE_AVAILABILITY', 'DAY_FULL', 'OUTSIDE_BOOKING_WINDOW', 'NO_THERAPIST_FREE'].includes(code)) {
      const problem = { title: 'That time is no longer free', text: `${result.error.detail} What you typed is kept: please choose another time.` };
      return chooseTime(c, { ...state!, start: undefined }, problem, 409, carriedOf(form));
    }
    if (code === 'UNAVAILABLE') return bookingUnavailable(c, state, form);
    if (code === 'FORMAT_NOT_OFFERED') return details(c, state!, form, { format: result.error.detail }, 422);
    return details(c, state!, form, { _form: result.error.detail }, 422);
  } catch (error) {
    // The database failed: the booking's one transaction rolled back, so nothing was booked.
    logWriteFailure(c, error, 'booking form: nothing booked');
    return bookingUnavailable(c, state ?? (await readState(c, form).catch(() => undefined)), form);
  }
}

/** When even the page shell cannot be drawn (the database is down): plain HTML that still says what happened. */
export function bareUnavailableHtml(heading: string, text: string): string {
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${heading}</title></head><body><main><h1>${heading}</h1><p>${text}</p><p><a href="/book">Start again</a></p><p>If you need help now, call 999 in an emergency, NHS 111, or Samaritans on 116 123.</p></main></body></html>`;
}

/**
 * The database failed while booking: 503, saying nothing was booked. The details form comes back as
 * the client filled it (same idempotency key, so trying again can only ever make one booking).
 */
async function bookingUnavailable(c: Context<AppEnv>, state: BookState | undefined, form: Record<string, string>) {
  c.header('Retry-After', '30');
  try {
    if (state?.service && state.therapistId && state.start !== undefined) return await details(c, state, form, { _form: NOTHING_BOOKED }, 503);
    return await renderPage(
      c,
      { title: 'Error: Nothing has been booked', status: 503 },
      <>
        <h1>Nothing has been booked</h1>
        <p>{NOTHING_BOOKED}</p>
        <p>
          <a href="/book">Start again</a>
        </p>
      </>,
    );
  } catch {
    return c.html(bareUnavailableHtml('Nothing has been booked', NOTHING_BOOKED), 503);
  }
}
