// One booking's details, with marking a session attended or missed and cancelling it with a message to
// the client.
import { z } from 'zod';
import { isoDateOf, localEpochDay } from '../../domain/time.ts';
import { clockTime } from '../../mail/when.ts';
import { changeBooking } from '../../usecases/bookings/change.ts';
import { type BookingScope, bookingDetail, bookingOwner, staffChanges } from '../../usecases/bookings/read.ts';
import { ErrorSummary, TextArea } from '../components/forms.tsx';
import { FORMAT_LABELS } from '../format.ts';
import { readForm } from '../read-form.ts';
import { authorize, may } from './guard.ts';
import { Done, staffNotFound, staffPage, staffWhen } from './layout.tsx';
import { auditOf, isId } from './request.ts';
import { currentTherapistId, currentUser, type StaffContext } from './session.ts';
import { STATUS_LABELS } from './week.tsx';

export function scopeOf(c: StaffContext): BookingScope {
  const user = currentUser(c);
  if (user.role === 'admin') return { kind: 'admin' };
  return { kind: 'therapist', therapistId: currentTherapistId(c) };
}

const CancelForm = z.object({
  message: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(1000, 'Keep the message under 1,000 characters').optional()),
});

const BOOKING_DONE = {
  attended: 'Marked as attended.',
  'no-show': 'Marked as did not attend.',
  cancelled: 'The session is cancelled. The client has been e-mailed, and the time is free again.',
  'not-changed': 'Nothing changed: the session was not in a state that allows that (it may have been changed already).',
};

export async function bookingPage(c: StaffContext, errors: Record<string, string> = {}, status: 200 | 400 | 409 | 422 = 200) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const scope = scopeOf(c);
  const owner = await bookingOwner(c.var.deps.database.db, scope, id);
  if (!owner) return staffNotFound(c);
  const refusal = authorize(c, 'booking.read', { kind: 'booking', therapistId: owner });
  if (refusal) return refusal;
  // The booking form tells the client only their therapist reads what they wrote: an admin opening the
  // booking sees that there is something, not what.
  const notesReadable = may(c, 'booking.notes.read', { kind: 'booking', therapistId: owner });
  const b = await bookingDetail(c.var.deps, scope, id, auditOf(c), { withNotes: notesReadable });
  if (!b) return staffNotFound(c);
  const user = currentUser(c);
  const now = c.var.deps.clock.now();
  const tz = b.therapistTimeZone;
  // Which buttons to show is the change policy's answer (decideChange), as it is for the change itself.
  const allowed = staffChanges(scope.kind, b, now);
  const canMark = allowed.mark && user.therapistId === b.therapistId;
  const canCancel = allowed.cancel;
  return staffPage(
    c,
    { title: `Booking ${b.reference}`, status },
    <>
      <ErrorSummary errors={errors} order={['message']} />
      <Done messages={BOOKING_DONE} value={c.req.query('done')} />
      <p>
        <a href={user.therapistId === b.therapistId ? `/staff/week?from=${isoDateOf(localEpochDay(b.start, tz))}` : `/staff/admin/therapists/${b.therapistId}`}>
          Back
        </a>
      </p>
      <h1>Booking {b.reference}</h1>
      <dl class="facts">
        <dt>When</dt>
        <dd>
          {staffWhen(b.start, tz)} to {clockTime(b.end, tz)} ({tz})
        </dd>
        <dt>Status</dt>
        <dd>{STATUS_LABELS[b.status]}</dd>
        <dt>Service</dt>
        <dd>{b.serviceName}</dd>
        <dt>Format</dt>
        <dd>{FORMAT_LABELS[b.format as 'online'] ?? b.format}</dd>
        {user.therapistId !== b.therapistId ? (
          <>
            <dt>Therapist</dt>
            <dd>{b.therapistName}</dd>
          </>
        ) : null}
      </dl>
      <h2>Client</h2>
      <dl class="facts">
        <dt>Name</dt>
        <dd>{b.clientName}</dd>
        <dt>E-mail</dt>
        <dd>{b.clientEmail ? <a href={`mailto:${b.clientEmail}`}>{b.clientEmail}</a> : <span class="muted">None</span>}</dd>
        <dt>Phone</dt>
        <dd>{b.clientPhone ? <a href={`tel:${b.clientPhone.replace(/[^\d+]/g, '')}`}>{b.clientPhone}</a> : <span class="muted">None given</span>}</dd>
        <dt>Their time zone</dt>
        <dd>{b.clientTimeZone}</dd>
      </dl>
      <h2>What the client wrote when booking</h2>
      {!b.hasNotes ? (
        <p class="muted">Nothing.</p>
      ) : b.notes !== null ? (
        <p class="client-notes">{b.notes}</p>
      ) : (
        <p>The client wrote notes when booking. Only their therapist, {b.therapistName}, can read them.</p>
      )}
      {canMark ? (
        <section aria-labelledby="mark-title">
          <h2 id="mark-title">After the session</h2>
          <div class="button-row">
            <form method="post" action={`/staff/bookings/${b.id}/attended`}>
              <button type="submit" class="button">
                Mark attended
              </button>
            </form>
            <form method="post" action={`/staff/bookings/${b.id}/no-show`}>
              <button type="submit" class="button button--secondary">
                Mark as did not attend
              </button>
            </form>
          </div>
        </section>
      ) : null}
      {canCancel ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">Cancel this session</h2>
          <p>
            The client is e-mailed straight away, with your message and a calendar update that removes the session. The time becomes free for others to book.
          </p>
          <form method="post" action={`/staff/bookings/${b.id}/cancel`} novalidate>
            <TextArea
              name="message"
              label="Message to the client (optional)"
              hint="For example, why, and what happens next. Do not include anything clinical."
              rows={4}
              maxLength={1000}
              error={errors.message}
            />
            <button type="submit" class="button button--danger">
              Cancel the session and e-mail the client
            </button>
          </form>
        </section>
      ) : null}
    </>,
  );
}

export async function markSubmit(c: StaffContext, status: 'attended' | 'no_show') {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const therapistId = currentTherapistId(c);
  const owner = await bookingOwner(c.var.deps.database.db, { kind: 'therapist', therapistId }, id);
  if (!owner) return staffNotFound(c);
  const refusal = authorize(c, 'booking.mark', { kind: 'booking', therapistId: owner });
  if (refusal) return refusal;
  const outcome = await changeBooking(c.var.deps, { actor: 'therapist', therapistId, bookingId: id, audit: auditOf(c) }, { kind: 'mark', status });
  return c.redirect(`/staff/bookings/${id}?done=${outcome.ok ? (status === 'attended' ? 'attended' : 'no-show') : 'not-changed'}`, 303);
}

export async function cancelSubmit(c: StaffContext) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const scope = scopeOf(c);
  const owner = await bookingOwner(c.var.deps.database.db, scope, id);
  if (!owner) return staffNotFound(c);
  const refusal = authorize(c, 'booking.cancel', { kind: 'booking', therapistId: owner });
  if (refusal) return refusal;
  const read = await readForm(c, CancelForm);
  if (!read.ok) return bookingPage(c, read.errors, read.status);
  const by =
    scope.kind === 'admin'
      ? { actor: 'admin' as const, bookingId: id, audit: auditOf(c) }
      : { actor: 'therapist' as const, therapistId: scope.therapistId, bookingId: id, audit: auditOf(c) };
  const outcome = await changeBooking(c.var.deps, by, { kind: 'cancel', message: read.data.message });
  return c.redirect(`/staff/bookings/${id}?done=${outcome.ok ? 'cancelled' : 'not-changed'}`, 303);
}
