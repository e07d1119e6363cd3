// One booking's details, with marking a session attended or missed (and correcting that for 7 days), and
// cancelling it with a message to the client. Each action shows what it will do and asks to confirm first
// (confirm.tsx): the first POST changes nothing.
import { z } from 'zod';
import type { StaffAction } from '../../domain/access.ts';
import { MARK_CORRECTION_DAYS } from '../../domain/booking.ts';
import { isoDateOf, localEpochDay } from '../../domain/time.ts';
import { clockTime } from '../../mail/when.ts';
import { changeBooking } from '../../usecases/bookings/change.ts';
import { type BookingScope, bookingDetail, bookingOwner, type StaffBookingDetail, staffChanges } from '../../usecases/bookings/read.ts';
import { ErrorSummary, TextArea } from '../components/forms.tsx';
import { FORMAT_LABELS } from '../format.ts';
import { readForm, readFormValues } from '../read-form.ts';
import { ClientRecordLink } from './client-record.tsx';
import { confirmPage, isConfirmed } from './confirm.tsx';
import { authorize, may } from './guard.ts';
import { IntakeAnswersSection, loadStaffIntake } from './intake-answers.tsx';
import { BookingInvoices, InvoiceDone } from './invoices.tsx';
import { Done, dayLabel, staffNotFound, staffPage, staffWhen, unreadableFormPage } from './layout.tsx';
import { auditOf, isId } from './request.ts';
import { RoomFact } from './room.tsx';
import { SeriesLink } from './series.tsx';
import { currentTherapistId, currentUser, type StaffContext } from './session.ts';
import { SessionNoteLink } from './session-note.tsx';
import { STATUS_LABELS } from './week.tsx';

export function scopeOf(c: StaffContext): BookingScope {
  const user = currentUser(c);
  if (user.role === 'admin') return { kind: 'admin' };
  return { kind: 'therapist', therapistId: currentTherapistId(c) };
}

const CancelForm = z.object({
  message: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(1000, 'Keep the message under 1,000 characters').optional()),
  confirmed: z.string().optional(),
});

const BOOKING_DONE = {
  attended: 'Marked as attended.',
  'no-show': 'Marked as did not attend.',
  cancelled: 'The session is cancelled. The client has been e-mailed, and the time is free again.',
  moved: 'The session is moved. The client and both therapists have been e-mailed.',
  'not-changed': 'Nothing changed: the session was not in a state that allows that (it may have been changed already).',
};

const DAY = 86_400_000;

/** The booking in this actor's reach, read for an action (a refusal is the response to send). */
export async function loadBooking(
  c: StaffContext,
  action: StaffAction,
  scope: BookingScope = scopeOf(c),
): Promise<{ b: StaffBookingDetail; notesReadable: boolean } | Response> {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const owner = await bookingOwner(c.var.deps.database.db, scope, id);
  if (!owner) return staffNotFound(c);
  const refusal = authorize(c, action, { kind: 'booking', therapistId: owner });
  if (refusal) return refusal;
  // The booking form tells the client only their therapist reads what they wrote: an admin opening the
  // booking sees that there is something, not what.
  const notesReadable = action === 'booking.read' && may(c, 'booking.notes.read', { kind: 'booking', therapistId: owner });
  const b = await bookingDetail(c.var.deps, scope, id, auditOf(c), { withNotes: notesReadable });
  return b ? { b, notesReadable } : staffNotFound(c);
}

/** The session in one line, for a confirmation: reference, when, client, service. */
export function SessionFacts({ b }: { b: StaffBookingDetail }) {
  return (
    <dl class="facts">
      <dt>Booking</dt>
      <dd>{b.reference}</dd>
      <dt>When</dt>
      <dd>
        {staffWhen(b.start, b.therapistTimeZone)} to {clockTime(b.end, b.therapistTimeZone)} ({b.therapistTimeZone})
      </dd>
      <dt>Client</dt>
      <dd>{b.clientName}</dd>
      <dt>Service</dt>
      <dd>
        {b.serviceName}, {FORMAT_LABELS[b.format as 'online'] ?? b.format}, with {b.therapistName}
      </dd>
    </dl>
  );
}

/** The last moment a mark can be corrected, as a day. */
const correctableUntil = (b: StaffBookingDetail) => dayLabel(b.end + MARK_CORRECTION_DAYS * DAY - 1, b.therapistTimeZone);

export async function bookingPage(c: StaffContext, errors: Record<string, string> = {}, status: 200 | 400 | 409 | 422 = 200) {
  const loaded = await loadBooking(c, 'booking.read');
  if (loaded instanceof Response) return loaded;
  const { b } = loaded;
  const scope = scopeOf(c);
  const user = currentUser(c);
  const now = c.var.deps.clock.now();
  const tz = b.therapistTimeZone;
  // Which buttons to show is the change policy's answer (decideChange), as it is for the change itself.
  const allowed = staffChanges(scope.kind, b, now);
  const own = user.therapistId === b.therapistId;
  const canMarkAttended = allowed.attended && own;
  const canMarkNoShow = allowed.noShow && own;
  const correcting = b.status === 'attended' || b.status === 'no_show';
  const intake = await loadStaffIntake(c, b);
  return staffPage(
    c,
    { title: `Booking ${b.reference}`, status },
    <>
      <ErrorSummary errors={errors} order={['message']} />
      <Done messages={BOOKING_DONE} value={c.req.query('done')} />
      <InvoiceDone c={c} />
      <p>
        <a href={own ? `/staff/week?from=${isoDateOf(localEpochDay(b.start, tz))}` : `/staff/admin/therapists/${b.therapistId}`}>Back</a>
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
        <RoomFact booking={b} now={now} />
        {!own ? (
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
      <ClientRecordLink c={c} b={b} />
      <h2>What the client wrote when booking</h2>
      {!b.hasNotes ? (
        <p class="muted">Nothing.</p>
      ) : b.notes !== null ? (
        <p class="client-notes">{b.notes}</p>
      ) : (
        <p>The client wrote notes when booking. Only their therapist, {b.therapistName}, can read them.</p>
      )}
      <IntakeAnswersSection intake={intake} therapistName={b.therapistName} tz={tz} />
      {canMarkAttended || canMarkNoShow ? (
        <section aria-labelledby="mark-title">
          <h2 id="mark-title">{correcting ? 'Correct what happened' : 'After the session'}</h2>
          {correcting ? (
            <p>
              This session is marked as {STATUS_LABELS[b.status]?.toLowerCase()}. If that is wrong, you can correct it until {correctableUntil(b)}.
            </p>
          ) : null}
          <div class="button-row">
            {canMarkAttended ? (
              <form method="post" action={`/staff/bookings/${b.id}/attended`}>
                <button type="submit" class="button">
                  Mark attended
                </button>
              </form>
            ) : null}
            {canMarkNoShow ? (
              <form method="post" action={`/staff/bookings/${b.id}/no-show`}>
                <button type="submit" class="button button--secondary">
                  Mark as did not attend
                </button>
              </form>
            ) : null}
          </div>
        </section>
      ) : null}
      <SessionNoteLink c={c} b={b} />
      <BookingInvoices c={c} bookingId={b.id} therapistId={b.therapistId} />
      <SeriesLink c={c} bookingId={b.id} therapistId={b.therapistId} status={b.status} />
      {allowed.cancel ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">Cancel this session</h2>
          <p>
            The client is e-mailed, with your message and a calendar update that removes the session, once you confirm on the next page. The time becomes free
            for others to book.
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
              Cancel the session…
            </button>
          </form>
        </section>
      ) : null}
      {scope.kind === 'admin' && allowed.reassign ? (
        <section aria-labelledby="move-title">
          <h2 id="move-title">Move to another therapist</h2>
          <p>The time stays the same. You choose who takes the session, say why and write to the client, and confirm before anyone is e-mailed.</p>
          <p>
            <a href={`/staff/admin/bookings/${b.id}/move`}>Move {b.reference} to another therapist</a>
          </p>
        </section>
      ) : null}
    </>,
  );
}

const MARK_WORDS = { attended: 'attended', no_show: 'did not attend' } as const;

export async function markSubmit(c: StaffContext, status: 'attended' | 'no_show') {
  const loaded = await loadBooking(c, 'booking.mark', { kind: 'therapist', therapistId: currentTherapistId(c) });
  if (loaded instanceof Response) return loaded;
  const { b } = loaded;
  const values = await readFormValues(c);
  if (!values) return unreadableFormPage(c, `/staff/bookings/${b.id}`);
  if (!isConfirmed(values)) {
    const correcting = b.status === 'attended' || b.status === 'no_show';
    return confirmPage(c, {
      title: `Mark ${b.reference} as ${MARK_WORDS[status]}?`,
      action: `/staff/bookings/${b.id}/${status === 'attended' ? 'attended' : 'no-show'}`,
      keep: {},
      consequences: (
        <>
          <SessionFacts b={b} />
          <ul>
            {correcting ? <li>It is marked as {STATUS_LABELS[b.status]?.toLowerCase()} now; this replaces that.</li> : null}
            <li>Nobody is e-mailed: this is for the practice’s records.</li>
            <li>You can correct it until {correctableUntil(b)}.</li>
          </ul>
        </>
      ),
      confirmLabel: `Yes, mark as ${MARK_WORDS[status]}`,
      back: `/staff/bookings/${b.id}`,
    });
  }
  const by = { actor: 'therapist' as const, therapistId: currentTherapistId(c), bookingId: b.id, audit: auditOf(c) };
  const outcome = await changeBooking(c.var.deps, by, { kind: 'mark', status });
  return c.redirect(`/staff/bookings/${b.id}?done=${outcome.ok ? (status === 'attended' ? 'attended' : 'no-show') : 'not-changed'}`, 303);
}

export async function cancelSubmit(c: StaffContext) {
  const scope = scopeOf(c);
  const loaded = await loadBooking(c, 'booking.cancel', scope);
  if (loaded instanceof Response) return loaded;
  const { b } = loaded;
  const read = await readForm(c, CancelForm);
  if (!read.ok) return bookingPage(c, read.errors, read.status);
  const message = read.data.message?.trim() || undefined;
  if (!isConfirmed(read.data)) {
    return confirmPage(c, {
      title: `Cancel ${b.reference} and e-mail the client?`,
      action: `/staff/bookings/${b.id}/cancel`,
      keep: { message },
      consequences: (
        <>
          <SessionFacts b={b} />
          <ul>
            <li>{b.clientName} is e-mailed at once that the session is cancelled, with a calendar update that removes it.</li>
            {scope.kind === 'admin' ? <li>{b.therapistName} is e-mailed too.</li> : null}
            <li>The time becomes free for others to book, and anyone waiting for it is told.</li>
            <li>This cannot be undone: the client would need to book again.</li>
          </ul>
          {message ? (
            <>
              <h2>Your message to the client</h2>
              <p class="client-notes">{message}</p>
            </>
          ) : (
            <p>You have not written a message: the e-mail says only that the session is cancelled and that they are welcome to book another time.</p>
          )}
        </>
      ),
      confirmLabel: 'Yes, cancel and e-mail the client',
      danger: true,
      back: `/staff/bookings/${b.id}`,
    });
  }
  const by =
    scope.kind === 'admin'
      ? { actor: 'admin' as const, bookingId: b.id, audit: auditOf(c) }
      : { actor: 'therapist' as const, therapistId: scope.therapistId, bookingId: b.id, audit: auditOf(c) };
  const outcome = await changeBooking(c.var.deps, by, { kind: 'cancel', message });
  return c.redirect(`/staff/bookings/${b.id}?done=${outcome.ok ? 'cancelled' : 'not-changed'}`, 303);
}
