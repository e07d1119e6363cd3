// The admin's undelivered e-mail: what did not go (given up on, or failing and being retried), to whom and
// why, with "Send again". Sending again is a POST that changes nothing else.
import { sendMailAgain, undeliveredMail } from '../../usecases/staff/undelivered-mail.ts';
import { ScrollTable } from '../components/table.tsx';
import { Done, staffNotFound, staffPage, staffWhen } from './layout.tsx';
import { auditOf } from './request.ts';
import type { StaffContext } from './session.ts';

/** An outbox id as the outbox makes them (src/db/ids.ts). */
const isOutboxId = (v: string | undefined): v is string => typeof v === 'string' && /^[0-9a-z]{13}[0-9a-f]{12}$/.test(v);

export async function undeliveredMailPage(c: StaffContext) {
  const mails = await undeliveredMail(c.var.deps, auditOf(c));
  const tz = (await c.var.deps.repos.practice.get()).timeZone;
  return staffPage(
    c,
    { title: 'Undelivered e-mail' },
    <>
      <Done messages={{ queued: 'Queued to be sent again now.', gone: 'That message was sent or removed meanwhile.' }} value={c.req.query('done')} />
      <h1>Undelivered e-mail</h1>
      <p>
        Mail the mail server refused or could not take. Each is tried again on its own for about 15 hours; after that it waits here. Check the address with the
        person (by phone, if you have it) before you send it again.
      </p>
      <p>
        Mail that was not sent within a day of being due is held here too: the app was stopped for a long time, or restored from a backup, so it may be out of
        date or already delivered. Send it only if it still makes sense.
      </p>
      {mails.length === 0 ? (
        <p class="muted">All e-mail has gone out.</p>
      ) : (
        <ScrollTable id="mail" caption="Undelivered e-mail, newest first" headings={['To', 'What', 'Written', 'State', 'Why', 'Action']}>
          {mails.map((m) => (
            <tr>
              <td>{m.to}</td>
              <td>
                {m.subject}
                <br />
                <span class="muted">{m.kind}</span>
              </td>
              <td>{staffWhen(m.createdAt, tz)}</td>
              <td>
                {m.state === 'given-up'
                  ? `Given up after ${m.attempts} tries`
                  : m.state === 'held'
                    ? 'Held: not sent within a day of being due'
                    : `Tried ${m.attempts} times; next try ${staffWhen(m.nextAttemptAt, tz)}`}
              </td>
              <td>{m.lastError ?? ''}</td>
              <td>
                <form method="post" action={`/staff/admin/mail/${m.id}/send-again`}>
                  <button class="button button--secondary" type="submit">
                    Send again now<span class="visually-hidden"> to {m.to}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </>,
  );
}

export async function sendAgainSubmit(c: StaffContext) {
  const id = c.req.param('id');
  if (!isOutboxId(id)) return staffNotFound(c);
  const outcome = await sendMailAgain(c.var.deps, id, auditOf(c));
  return c.redirect(`/staff/admin/mail?done=${outcome.ok ? 'queued' : 'gone'}`, 303);
}
