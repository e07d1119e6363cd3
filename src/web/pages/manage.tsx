// The client's private manage page: see, add to a calendar, move or cancel a booking. A capability URL:
// never indexed, never sent as a referrer, never cached. An unknown or expired link is a plain 404.

import type { Context } from 'hono';
import { z } from 'zod';
import { mayBookNext } from '../../domain/next-session.ts';
import { changeRuleWords, feeLine, whereLine } from '../../mail/booking-terms.ts';
import { longWhen } from '../../mail/when.ts';
import { cancelByToken, rescheduleByToken } from '../../usecases/bookings/change.ts';
import { intakeInvitation } from '../../usecases/bookings/intake.ts';
import { isJointService, manageFacts } from '../../usecases/bookings/manage-facts.ts';
import { bookingByToken, bookingCalendar, manageBooking } from '../../usecases/bookings/read.ts';
import type { BookingView } from '../../usecases/bookings/view.ts';
import { IntakeInvite } from '../components/intake-invite.tsx';
import { telHref } from '../components/layout.tsx';
import { JoinDetails } from '../components/room-link.tsx';
import { SlotTakenSummary, WeekOfTimes } from '../components/slot-picker.tsx';
import type { AppEnv } from '../env.ts';
import { MALFORMED_FORM, readForm } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import { notFoundPage } from './errors.tsx';
import { NextSessionOffer } from './manage-next.tsx';
import { manageWeek } from './manage-week.ts';

async function load(c: Context<AppEnv>): Promise<{ token: string; booking: BookingView } | undefined> {
  c.set('privatePage', true);
  const token = c.req.param('token') ?? '';
  const booking = await bookingByToken(c.var.deps, token);
  return booking ? { token, booking } : undefined;
}

const BANNERS: Record<string, string> = {
  booked: 'Your appointment is booked. We have e-mailed you a confirmation with a calendar invite.',
  moved: 'Your appointment has moved. We have e-mailed you the new time.',
  cancelled: 'Your appointment is cancelled. We have e-mailed you to confirm.',
};

export async function managePage(c: Context<AppEnv>) {
  c.set('privatePage', true);
  const token = c.req.param('token') ?? '';
  const managed = await manageBooking(c.var.deps, token);
  if (!managed) return notFoundPage(c);
  // Whether the client may change it online is the change policy's answer (decideChange), as everywhere.
  const { booking, practice, change } = managed;
  const facts = await manageFacts(c.var.deps, booking);
  const intake = await intakeInvitation(c.var.deps, booking.id);
  const banner = Object.keys(BANNERS).find((k) => c.req.query(k) === '1');
  const now = c.var.deps.clock.now();
  // A session that has ended is no longer "active" here: its page stays (for the next session) without the changes.
  const active = (booking.status === 'confirmed' || booking.status === 'pending') && now < booking.end;
  const cancelled = booking.status === 'cancelled';
  const phone = <a href={telHref(practice.phone)}>{practice.phone}</a>;
  return renderPage(
    c,
    { title: banner === 'booked' ? 'Booking confirmed' : cancelled ? 'Cancelled appointment' : 'Your appointment', private: true },
    <>
      {banner ? (
        <div class="notice notice--ok" role="status">
          <p>{BANNERS[banner]}</p>
        </div>
      ) : null}
      <h1>{cancelled ? 'Cancelled appointment' : 'Your appointment'}</h1>
      {cancelled ? <p class="lead">This appointment is cancelled: nobody is expecting you, and there is nothing to pay or to join.</p> : null}
      <dl class="facts">
        <dt>When</dt>
        <dd>{longWhen(booking.start, booking.clientTimeZone)}</dd>
        <dt>Length</dt>
        <dd>{booking.durationMinutes} minutes</dd>
        <dt>With</dt>
        <dd>{booking.therapistName}</dd>
        <dt>What</dt>
        <dd>{booking.serviceName}</dd>
        {!cancelled ? (
          <>
            <dt>Fee</dt>
            <dd>{feeLine(booking.fee)}</dd>
            <dt>Where</dt>
            <dd>{whereLine(booking.format, practice)}</dd>
          </>
        ) : null}
        <dt>Reference</dt>
        <dd>{booking.reference}</dd>
        <dt>Status</dt>
        <dd>{STATUS_WORDS[booking.status] ?? booking.status}</dd>
      </dl>
      <JoinDetails booking={booking} phone={practice.phone} now={now} />
      {active ? (
        <>
          <p>
            <a class="button button--secondary" href={`/manage/${token}/calendar.ics`} download="appointment.ics">
              Add to my calendar
            </a>
          </p>
          {intake.invite && booking.end > c.var.deps.clock.now() ? (
            <IntakeInvite token={token} received={intake.received} therapistName={booking.therapistName} />
          ) : null}
          <section aria-labelledby="change-title">
            <h2 id="change-title">Changing or cancelling</h2>
            {change.ok ? (
              <>
                <p data-change-rule="">
                  {changeRuleWords({ start: booking.start, end: booking.end, timeZone: booking.clientTimeZone }, c.var.deps.clock.now(), practice).rule}
                </p>
                <p class="actions">
                  <a class="button" href={`/manage/${token}/reschedule`}>
                    Change the time
                  </a>{' '}
                  <a class="button button--secondary" href={`/manage/${token}/cancel`}>
                    Cancel
                  </a>
                </p>
              </>
            ) : (
              <div class="notice notice--warn">
                <p>
                  {change.error.code === 'LATE_CANCELLATION'
                    ? `Your appointment is less than ${practice.lateCancellationHours} hours away, so it can no longer be changed online.`
                    : change.error.detail}{' '}
                  Please call us on {phone}.
                </p>
              </div>
            )}
          </section>
          {facts && isJointService(facts.relationships) ? (
            <section aria-labelledby="partner-title">
              <h2 id="partner-title">{facts.relationships.includes('couple') ? 'Coming with a partner?' : 'Coming with family?'}</h2>
              <p>
                Before a joint session, each of you can answer <a href="/safety">one private question</a> on your own. Nobody else sees the answer, and it is
                not stored.
              </p>
            </section>
          ) : null}
          <div class="card">
            <p>
              <strong>Your private link</strong> to come back to this page, change or cancel (we have also e-mailed it to you):
            </p>
            <p class="manage-link">
              <a href={`/manage/${token}`}>{`${c.var.deps.config.publicUrl}/manage/${token}`}</a>
            </p>
            <p class="muted">Keep it to yourself: anyone with it can change this appointment.</p>
          </div>
        </>
      ) : null}
      {mayBookNext(booking, now) ? <NextSessionOffer token={token} therapistName={booking.therapistName} /> : null}
      {cancelled ? (
        <p>
          <a class="button" href="/book">
            Book another time
          </a>
        </p>
      ) : null}
      <section class="card rematch" aria-labelledby="rematch-title">
        <h2 id="rematch-title">Not the right fit?</h2>
        <p>
          If {booking.therapistName} does not feel right for you, we can suggest someone else who fits what you need.
          {active ? ' This appointment stays booked until you cancel it.' : ''}
        </p>
        <p>
          <a href={`/manage/${token}/rematch`}>Find someone other than {booking.therapistName}</a>
        </p>
      </section>
    </>,
  );
}

const STATUS_WORDS: Record<string, string> = {
  confirmed: 'Booked',
  pending: 'Booked',
  cancelled: 'Cancelled',
  attended: 'Took place',
  no_show: 'Missed',
};

export async function manageCalendar(c: Context<AppEnv>) {
  c.set('privatePage', true);
  const ics = await bookingCalendar(c.var.deps, c.req.param('token') ?? '');
  if (ics === undefined) return notFoundPage(c);
  return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="appointment.ics"' });
}

export async function cancelPage(c: Context<AppEnv>) {
  const found = await load(c);
  if (!found) return notFoundPage(c);
  const { token, booking } = found;
  return renderPage(
    c,
    { title: 'Cancel your appointment', private: true },
    <>
      <p>
        <a class="back-link" href={`/manage/${token}`}>
          Back to your appointment
        </a>
      </p>
      <h1>Cancel your appointment?</h1>
      <p>
        {booking.serviceName} with {booking.therapistName}, {longWhen(booking.start, booking.clientTimeZone)}.
      </p>
      <form method="post" action={`/manage/${token}/cancel`} data-confirm="Cancel this appointment?">
        <button class="button button--danger" type="submit">
          Yes, cancel it
        </button>
      </form>
    </>,
  );
}

export async function submitCancel(c: Context<AppEnv>) {
  const found = await load(c);
  if (!found) return notFoundPage(c);
  const result = await cancelByToken(c.var.deps, found.token, c.var.requestId);
  if (!result) return notFoundPage(c);
  if (!result.ok) return problemPage(c, found.token, result.error.detail);
  return c.redirect(`/manage/${found.token}?cancelled=1`, 303);
}

async function problemPage(c: Context<AppEnv>, token: string, detail: string) {
  const practice = await c.var.deps.repos.practice.get();
  return renderPage(
    c,
    { title: 'That change could not be made', private: true, status: 409 },
    <>
      <h1>That change could not be made</h1>
      <p>{detail}</p>
      <p>
        Please call us on <a href={telHref(practice.phone)}>{practice.phone}</a> and we will help. <a href={`/manage/${token}`}>Back to your appointment</a>
      </p>
    </>,
  );
}

export async function reschedulePage(c: Context<AppEnv>, error?: string, status: 200 | 400 | 409 = error ? 409 : 200) {
  const found = await load(c);
  if (!found) return notFoundPage(c);
  const { token, booking } = found;
  const service = await c.var.deps.repos.services.findById(booking.serviceId);
  if (!service) return notFoundPage(c);
  const week = await manageWeek(c, `/manage/${token}/reschedule`, booking.therapistId, service, booking.clientTimeZone);
  const tz = week.timeZone;
  return renderPage(
    c,
    { title: error ? 'Error: Change the time' : 'Change the time', private: true, scripts: ['booking.js'], status },
    <>
      <p>
        <a class="back-link" href={`/manage/${token}`}>
          Back to your appointment
        </a>
      </p>
      <h1>Choose a new time</h1>
      <p>
        Now: {longWhen(booking.start, tz)} with {booking.therapistName}.
      </p>
      <SlotTakenSummary error={error} />
      <WeekOfTimes action={`/manage/${token}/reschedule`} {...week} error={error} submitLabel="Move my appointment" />
    </>,
  );
}

/** The chosen time, as the slot picker writes it. */
const RescheduleForm = z.object({ start: z.string().refine((v) => !Number.isNaN(Date.parse(v))) });

export async function submitReschedule(c: Context<AppEnv>) {
  const found = await load(c);
  if (!found) return notFoundPage(c);
  const read = await readForm(c, RescheduleForm);
  if (!read.ok && read.status === 400) return reschedulePage(c, MALFORMED_FORM, 400);
  if (!read.ok) return reschedulePage(c, 'Choose a new time from the list.');
  const result = await rescheduleByToken(c.var.deps, found.token, Date.parse(read.data.start), c.var.requestId);
  if (!result) return notFoundPage(c);
  if (!result.ok) {
    if (result.error.code === 'LATE_CANCELLATION' || result.error.code === 'ALREADY_CANCELLED' || result.error.code === 'SESSION_PASSED')
      return problemPage(c, found.token, result.error.detail);
    return reschedulePage(c, `${result.error.detail} Please choose another time.`);
  }
  return c.redirect(`/manage/${found.token}?moved=1`, 303);
}
