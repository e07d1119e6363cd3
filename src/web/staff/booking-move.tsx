// An admin moves a booking to another therapist at the same time: a form that preselects nobody and asks
// for a reason and a message to the client, then a confirmation that says who is e-mailed; only the
// confirming POST moves it.
import { z } from 'zod';
import { changeBooking } from '../../usecases/bookings/change.ts';
import { freeTherapistsFor } from '../../usecases/bookings/read.ts';
import { ErrorSummary, errorTitle, type FieldErrors, formErrors, SelectField, TextArea } from '../components/forms.tsx';
import { one, readFormValues } from '../read-form.ts';
import { MOVE_REASONS } from './audit-words.ts';
import { loadBooking, SessionFacts } from './booking-detail.tsx';
import { confirmPage, isConfirmed } from './confirm.tsx';
import { staffPage, unreadableFormPage } from './layout.tsx';
import { auditOf } from './request.ts';
import type { StaffContext } from './session.ts';

const MoveForm = z.object({
  to: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Choose who takes the session'),
  reason: z.enum(Object.keys(MOVE_REASONS) as [string, ...string[]], { message: 'Choose why the session moves' }),
  message: z.string().trim().min(1, 'Write a short message to the client').max(1000, 'Keep the message under 1,000 characters'),
});

export async function movePage(c: StaffContext, values: Record<string, string> = {}, errors: FieldErrors = {}, status: 200 | 400 | 409 | 422 = 200) {
  const loaded = await loadBooking(c, 'booking.reassign', { kind: 'admin' });
  if (loaded instanceof Response) return loaded;
  const { b } = loaded;
  const free = await freeTherapistsFor(c.var.deps, { id: b.id, therapistId: b.therapistId, serviceId: b.serviceId, start: b.start, format: b.format });
  return staffPage(
    c,
    { title: errorTitle(`Move ${b.reference} to another therapist`, errors), status },
    <>
      <ErrorSummary errors={errors} order={['to', 'reason', 'message']} />
      <p>
        <a href={`/staff/bookings/${b.id}`}>Back to the booking</a>
      </p>
      <h1>Move {b.reference} to another therapist</h1>
      <SessionFacts b={b} />
      {free.length === 0 ? (
        <p class="notice">No other therapist who offers this service and format is free at that time, so it cannot be moved. You could cancel it instead.</p>
      ) : (
        <form method="post" action={`/staff/admin/bookings/${b.id}/reassign`} novalidate>
          <SelectField
            name="to"
            label="Who takes the session"
            hint="Only therapists who offer this service and format and are free then are listed."
            placeholder="Choose a therapist"
            value={values.to}
            error={errors.to}
            options={free.map((f) => ({ value: f.id, label: f.name }))}
          />
          <SelectField
            name="reason"
            label="Why it moves"
            hint="Kept in the audit log. It is not sent to the client."
            placeholder="Choose a reason"
            value={values.reason}
            error={errors.reason}
            options={Object.entries(MOVE_REASONS).map(([value, label]) => ({ value, label }))}
          />
          <TextArea
            name="message"
            label="Message to the client"
            hint="Sent in the e-mail that tells them about the change. Do not include anything clinical."
            rows={4}
            maxLength={1000}
            value={values.message}
            error={errors.message}
          />
          <button type="submit" class="button">
            Continue
          </button>
        </form>
      )}
    </>,
  );
}

export async function reassignSubmit(c: StaffContext) {
  // A body that cannot be read changes nothing and reads nothing (not even the booking).
  const values = await readFormValues(c);
  if (!values) return unreadableFormPage(c, `/staff/admin/bookings/${c.req.param('id')}/move`);
  const loaded = await loadBooking(c, 'booking.reassign', { kind: 'admin' });
  if (loaded instanceof Response) return loaded;
  const { b } = loaded;
  const typed = { to: one(values.to), reason: one(values.reason), message: one(values.message) };
  const parsed = MoveForm.safeParse(typed);
  if (!parsed.success) return movePage(c, typed, formErrors(parsed.error.issues), 422);
  const free = await freeTherapistsFor(c.var.deps, { id: b.id, therapistId: b.therapistId, serviceId: b.serviceId, start: b.start, format: b.format });
  const to = free.find((f) => f.id === parsed.data.to);
  if (!to) return movePage(c, typed, { to: 'That therapist is not free at that time any more: choose another' }, 409);
  if (!isConfirmed(values)) {
    return confirmPage(c, {
      title: `Move ${b.reference} to ${to.name}?`,
      action: `/staff/admin/bookings/${b.id}/reassign`,
      keep: typed,
      consequences: (
        <>
          <SessionFacts b={b} />
          <ul>
            <li>
              The session stays at the same time, with {to.name} instead of {b.therapistName}.
            </li>
            <li>{b.clientName} is e-mailed at once with your message and an updated calendar invitation.</li>
            <li>
              {to.name} is e-mailed about the new session, and {b.therapistName} that it is no longer theirs.
            </li>
            <li>The reason, “{MOVE_REASONS[parsed.data.reason]}”, is kept in the audit log.</li>
          </ul>
          <h2>Your message to the client</h2>
          <p class="client-notes">{parsed.data.message}</p>
        </>
      ),
      confirmLabel: `Yes, move it to ${to.name}`,
      back: `/staff/admin/bookings/${b.id}/move`,
    });
  }
  const outcome = await changeBooking(
    c.var.deps,
    { actor: 'admin', bookingId: b.id, audit: auditOf(c) },
    { kind: 'reassign', toTherapistId: to.id, reason: parsed.data.reason, message: parsed.data.message },
  );
  if (!outcome.ok) return movePage(c, typed, { to: outcome.error.detail }, 409);
  return c.redirect(`/staff/bookings/${b.id}?done=moved`, 303);
}
