// A client's record for their therapist, opened from one of their bookings: every session of this client
// with this therapist, coming and past, with its status and whether it has a note. The client is found by
// the blind index of their e-mail address (the use case); the URL carries only the booking's id.

import { clockTime } from '../../mail/when.ts';
import { type ClientSession, clientRecord } from '../../usecases/bookings/client-record.ts';
import { loadBooking } from './booking-detail.tsx';
import { may } from './guard.ts';
import { staffPage, staffWhen } from './layout.tsx';
import { auditOf } from './request.ts';
import { currentTherapistId, type StaffContext } from './session.ts';
import { STATUS_LABELS } from './week.tsx';

function Sessions({ list, current, tz, empty }: { list: ClientSession[]; current: string; tz: string; empty: string }) {
  if (list.length === 0) return <p class="muted">{empty}</p>;
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Service</th>
          <th scope="col">Status</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {list.map((s) => (
          <tr data-session={s.reference}>
            <td>
              <a href={`/staff/bookings/${s.id}`} aria-current={s.id === current ? 'page' : undefined}>
                {staffWhen(s.start, tz)} to {clockTime(s.end, tz)}
              </a>
              {s.id === current ? <span class="muted"> (this booking)</span> : null}
            </td>
            <td>{s.serviceName}</td>
            <td>{STATUS_LABELS[s.status] ?? s.status}</td>
            <td>{s.hasNote ? <a href={`/staff/bookings/${s.id}/note`}>Session note</a> : <span class="muted">None</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export async function clientRecordPage(c: StaffContext) {
  const loaded = await loadBooking(c, 'client.record.read', { kind: 'therapist', therapistId: currentTherapistId(c) });
  if (loaded instanceof Response) return loaded;
  const { b } = loaded;
  const tz = b.therapistTimeZone;
  const record = await clientRecord(c.var.deps, b.id, auditOf(c));
  return staffPage(
    c,
    { title: `${b.clientName}: sessions with you` },
    <>
      <p>
        <a href={`/staff/bookings/${b.id}`}>Back to the booking</a>
      </p>
      <h1>{b.clientName}: sessions with you</h1>
      <p class="muted">Every booking this client made with you using the same e-mail address. Times are in {tz}.</p>
      <h2>Coming</h2>
      <Sessions list={record.coming} current={b.id} tz={tz} empty="No sessions booked." />
      <h2>Past</h2>
      <Sessions list={[...record.past].reverse()} current={b.id} tz={tz} empty="No past sessions yet." />
    </>,
  );
}

/** The booking page's hook: a link to the client's record, for the booking's own therapist only. */
export function ClientRecordLink({ c, b }: { c: StaffContext; b: { id: string; therapistId: string } }) {
  if (!may(c, 'client.record.read', { kind: 'booking', therapistId: b.therapistId })) return null;
  return (
    <p>
      <a href={`/staff/bookings/${b.id}/client`} data-client-record="">
        All sessions with this client
      </a>
    </p>
  );
}
