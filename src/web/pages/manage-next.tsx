// "Book my next session", from the manage page of a session that took place: the same therapist and
// service, a time from that therapist's hours (the same time step as moving a booking), the details the
// client gave last time (used server-side, never put in a link or a form), no questions again.
import type { Context } from 'hono';
import { z } from 'zod';
import { sessionFee } from '../../domain/fees.ts';
import { feeLine, whereLine } from '../../mail/booking-terms.ts';
import { longWhen } from '../../mail/when.ts';
import { newToken } from '../../security/encryption.ts';
import { bookNextSession, type NextSession, nextSessionOffer } from '../../usecases/bookings/next-session.ts';
import { IdempotencyKey } from '../booking-input.ts';
import { WeekOfTimes } from '../components/slot-picker.tsx';
import type { AppEnv } from '../env.ts';
import { logWriteFailure, throttle, waitInWords } from '../public-writes.ts';
import { MALFORMED_FORM, readForm } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import { notFoundPage } from './errors.tsx';
import { manageWeek } from './manage-week.ts';

/** On the manage page of a session that took place: the way to the next one. */
export function NextSessionOffer({ token, therapistName }: { token: string; therapistName: string }) {
  return (
    <section class="card" aria-labelledby="next-title" data-next-session="">
      <h2 id="next-title">Your next session</h2>
      <p>When you are ready, you can book another session with {therapistName}. We will use the details you gave last time, so there is nothing to fill in.</p>
      <p>
        <a class="button" href={`/manage/${token}/next`}>
          Book my next session
        </a>
      </p>
    </section>
  );
}

/** The chosen time and the form's idempotency key, as the page's form sends them. */
const NextForm = z.object({ start: z.string().refine((v) => !Number.isNaN(Date.parse(v))), idempotencyKey: IdempotencyKey });

async function load(c: Context<AppEnv>): Promise<{ token: string; offer: NextSession } | undefined> {
  c.set('privatePage', true);
  const token = c.req.param('token') ?? '';
  const offer = await nextSessionOffer(c.var.deps, token);
  return offer ? { token, offer } : undefined;
}

export async function nextSessionPage(c: Context<AppEnv>, error?: string, status: 200 | 400 | 409 | 422 | 429 | 503 = error ? 409 : 200, key?: string) {
  const found = await load(c);
  if (!found) return notFoundPage(c);
  const { token, offer } = found;
  const { booking, service } = offer;
  const practice = await c.var.deps.repos.practice.get();
  const therapist = await c.var.deps.repos.therapists.findById(booking.therapistId);
  const week = await manageWeek(c, `/manage/${token}/next`, booking.therapistId, service, booking.clientTimeZone);
  const tz = week.timeZone;
  return renderPage(
    c,
    { title: error ? 'Error: Book your next session' : 'Book your next session', private: true, scripts: ['booking.js'], status },
    <>
      <p>
        <a class="back-link" href={`/manage/${token}`}>
          Back to your appointment
        </a>
      </p>
      <h1>Book your next session</h1>
      <dl class="facts">
        <dt>With</dt>
        <dd>{booking.therapistName}</dd>
        <dt>What</dt>
        <dd>
          {service.name}, {service.durationMinutes} minutes
        </dd>
        <dt>Fee</dt>
        <dd>{therapist ? feeLine(sessionFee(service, therapist)) : feeLine(booking.fee)}</dd>
        <dt>Where</dt>
        <dd>{whereLine(offer.format, practice)}</dd>
      </dl>
      <p>
        We will use the name, e-mail address and phone number you gave last time, and e-mail you a confirmation with a new private link. To change any of them,
        please call us on {practice.phone}.
      </p>
      {error ? (
        <div class="error-summary" role="alert" aria-labelledby="next-error-title" tabindex={-1}>
          <h2 id="next-error-title">
            {status === 409 && error.endsWith('Please choose another time.') ? 'That time is no longer free' : 'Nothing has been booked'}
          </h2>
          <p>
            <a href="#f-start">{error}</a>
          </p>
        </div>
      ) : null}
      <WeekOfTimes action={`/manage/${token}/next`} {...week} error={error} submitLabel="Book this time" hidden={{ idempotencyKey: key ?? newToken() }} />
      <p class="muted">Booked {longWhen(booking.start, tz)} last time. You can also call us to arrange a time.</p>
    </>,
  );
}

const TIME_GONE_CODES = new Set(['SLOT_TAKEN', 'TOO_SOON', 'OUTSIDE_AVAILABILITY', 'DAY_FULL', 'OUTSIDE_BOOKING_WINDOW', 'NO_THERAPIST_FREE']);

export async function submitNextSession(c: Context<AppEnv>) {
  const found = await load(c);
  if (!found) return notFoundPage(c);
  const read = await readForm(c, NextForm);
  if (!read.ok && read.status === 400) return nextSessionPage(c, MALFORMED_FORM, 400);
  if (!read.ok) return nextSessionPage(c, 'Choose a time from the list.', 422);
  const limited = await throttle(c, 'booking');
  if (!limited.allowed) {
    c.header('Retry-After', String(limited.retryAfterSeconds));
    return nextSessionPage(
      c,
      `Too many booking attempts from this connection: nothing has been booked. Please try again in ${waitInWords(limited.retryAfterSeconds)}.`,
      429,
    );
  }
  try {
    const result = await bookNextSession(c.var.deps, found.token, {
      start: Date.parse(read.data.start),
      idempotencyKey: read.data.idempotencyKey,
      requestId: c.var.requestId,
    });
    if (!result) return notFoundPage(c);
    if (result.ok) return c.redirect(`/manage/${result.value.manageToken}?booked=1`, 303);
    const detail = result.error.detail;
    return nextSessionPage(c, TIME_GONE_CODES.has(result.error.code) ? `${detail} Please choose another time.` : detail, 409, read.data.idempotencyKey);
  } catch (error) {
    logWriteFailure(c, error, 'next session: nothing booked');
    c.header('Retry-After', '30');
    return nextSessionPage(c, 'We could not book it just now: nothing has been booked. Please try again in a minute.', 503, read.data.idempotencyKey);
  }
}
