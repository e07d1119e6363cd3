import { CALLBACK_TIME_LABELS } from '../../domain/contact.ts';
import { concernName, languageName } from '../../domain/types.ts';
import { inbox, inboxItem, markInboxHandled, waitlistEntries } from '../../usecases/staff/inbox.ts';
import { decideChange, type ProfileFields, pendingChanges } from '../../usecases/staff/profile.ts';
import { ScrollTable } from '../components/table.tsx';
import { FORMAT_LABELS, formatMoney } from '../format.ts';
import { Done, staffNotFound, staffPage, staffWhen } from './layout.tsx';
import { auditOf, isId } from './request.ts';
import type { StaffContext } from './session.ts';

const practiceZone = async (c: StaffContext) => (await c.var.deps.repos.practice.get()).timeZone;

// ---------------------------------------------------------------------------- inbox

export async function inboxPage(c: StaffContext) {
  const show = c.req.query('show') === 'handled' ? 'handled' : c.req.query('show') === 'all' ? undefined : 'new';
  const items = await inbox(c.var.deps, show, auditOf(c));
  const tz = await practiceZone(c);
  return staffPage(
    c,
    { title: 'Inbox' },
    <>
      <Done messages={{ handled: 'Marked as handled.' }} value={c.req.query('done')} />
      <h1>Inbox</h1>
      <p>
        Messages and call-back requests from the contact page. Showing: {show === 'new' ? 'new' : show === 'handled' ? 'handled' : 'all'} ·{' '}
        <a href="/staff/admin/inbox">new</a> · <a href="/staff/admin/inbox?show=handled">handled</a> · <a href="/staff/admin/inbox?show=all">all</a>
      </p>
      {items.length === 0 ? (
        <p class="muted">Nothing here.</p>
      ) : (
        <ul class="inbox-list">
          {items.map((m) => (
            <li>
              <a href={`/staff/admin/inbox/${m.id}`}>
                {m.kind === 'message' ? 'Message' : 'Call-back request'} {m.reference} from {m.name}
              </a>{' '}
              <span class="muted">{staffWhen(m.createdAt, tz)}</span>
              {m.suggestsRisk ? <strong class="status status--urgent"> Read first: may be at risk</strong> : null}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

export async function inboxItemPage(c: StaffContext) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const m = await inboxItem(c.var.deps, id, auditOf(c));
  if (!m) return staffNotFound(c);
  const tz = await practiceZone(c);
  return staffPage(
    c,
    { title: `${m.kind === 'message' ? 'Message' : 'Call-back request'} ${m.reference}` },
    <>
      <p>
        <a href="/staff/admin/inbox">Inbox</a>
      </p>
      <h1>
        {m.kind === 'message' ? 'Message' : 'Call-back request'} {m.reference}
      </h1>
      {m.suggestsRisk ? (
        <p class="notice notice--warn">An automatic check noticed words that can mean this person is at risk. Please respond promptly.</p>
      ) : null}
      <dl class="facts">
        <dt>Received</dt>
        <dd>{staffWhen(m.createdAt, tz)}</dd>
        <dt>Name</dt>
        <dd>{m.name}</dd>
        {m.email ? (
          <>
            <dt>E-mail</dt>
            <dd>
              <a href={`mailto:${m.email}`}>{m.email}</a>
            </dd>
          </>
        ) : null}
        {m.phone ? (
          <>
            <dt>Phone</dt>
            <dd>
              <a href={`tel:${m.phone.replace(/[^\d+]/g, '')}`}>{m.phone}</a>
            </dd>
          </>
        ) : null}
        {m.kind === 'callback' ? (
          <>
            <dt>Best times</dt>
            <dd>{m.preferredTimes.map((t) => CALLBACK_TIME_LABELS[t] ?? t).join(', ') || 'Any'}</dd>
            <dt>Voicemail</dt>
            <dd>{m.voicemailOk ? 'May be left' : 'Do not leave one'}</dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd>{m.status === 'new' ? 'New' : `Handled ${m.handledAt ? staffWhen(m.handledAt, tz) : ''}`}</dd>
      </dl>
      {m.body ? <p class="client-notes">{m.body}</p> : null}
      {m.status === 'new' ? (
        <form method="post" action={`/staff/admin/inbox/${m.id}/handled`}>
          <button type="submit" class="button">
            Mark as handled
          </button>
        </form>
      ) : null}
    </>,
  );
}

export async function inboxHandledSubmit(c: StaffContext) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  await markInboxHandled(c.var.deps, id, auditOf(c));
  return c.redirect('/staff/admin/inbox?done=handled', 303);
}

// ---------------------------------------------------------------------------- waiting list

export async function waitlistPage(c: StaffContext) {
  const entries = await waitlistEntries(c.var.deps, auditOf(c));
  const tz = await practiceZone(c);
  return staffPage(
    c,
    { title: 'Waiting list' },
    <>
      <h1>Waiting list</h1>
      <p>People waiting for a time to come free. When one does, everyone waiting for it is e-mailed, in the order they joined.</p>
      {entries.length === 0 ? (
        <p class="muted">Nobody is waiting.</p>
      ) : (
        <ScrollTable id="waitlist" caption="Waiting-list entries, oldest first" headings={['Who', 'For', 'Dates', 'Status', 'Last told']}>
          {entries.map((e) => (
            <tr>
              <td>
                {e.name}
                <br />
                <a href={`mailto:${e.email}`}>{e.email}</a>
              </td>
              <td>
                {e.serviceName}
                {e.therapistName ? `, with ${e.therapistName}` : ', any therapist'}
              </td>
              <td>
                {e.fromDate} to {e.toDate}
              </td>
              <td>{e.status}</td>
              <td>{e.lastNotifiedAt ? staffWhen(e.lastNotifiedAt, tz) : 'Not yet'}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </>,
  );
}

// ---------------------------------------------------------------------------- profile changes

function describe(f: ProfileFields) {
  return (
    <dl class="facts">
      <dt>About</dt>
      <dd>{f.bio}</dd>
      <dt>How they work</dt>
      <dd>{f.approach}</dd>
      <dt>Concerns</dt>
      <dd>{f.concerns.map(concernName).join(', ')}</dd>
      <dt>Languages</dt>
      <dd>{f.languages.map(languageName).join(', ')}</dd>
      <dt>Formats</dt>
      <dd>{f.formats.map((x) => FORMAT_LABELS[x]).join(', ')}</dd>
      <dt>Fee</dt>
      <dd>{formatMoney(f.feeMinor, 'GBP')}</dd>
    </dl>
  );
}

export async function profileChangesPage(c: StaffContext) {
  const changes = await pendingChanges(c.var.deps);
  const tz = await practiceZone(c);
  return staffPage(
    c,
    { title: 'Profile changes' },
    <>
      <Done
        messages={{
          approved: 'Approved: the profile shows the change now.',
          rejected: 'Rejected: the profile stays as it was.',
          gone: 'That change was no longer waiting.',
        }}
        value={c.req.query('done')}
      />
      <h1>Profile changes waiting for approval</h1>
      {changes.length === 0 ? <p class="muted">None.</p> : null}
      {changes.map((ch) => (
        <section class="card" aria-labelledby={`change-${ch.id}`}>
          <h2 id={`change-${ch.id}`}>{ch.therapistName}</h2>
          <p class="muted">Sent {staffWhen(ch.createdAt, tz)}</p>
          <h3>Proposed</h3>
          {describe(ch.fields)}
          <h3>Now</h3>
          {describe(ch.current)}
          <div class="button-row">
            <form method="post" action={`/staff/admin/profile-changes/${ch.id}/approve`}>
              <button type="submit" class="button">
                Approve<span class="visually-hidden"> {ch.therapistName}’s change</span>
              </button>
            </form>
            <form method="post" action={`/staff/admin/profile-changes/${ch.id}/reject`}>
              <button type="submit" class="button button--secondary">
                Reject<span class="visually-hidden"> {ch.therapistName}’s change</span>
              </button>
            </form>
          </div>
        </section>
      ))}
    </>,
  );
}

export async function profileDecisionSubmit(c: StaffContext, approve: boolean) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const outcome = await decideChange(c.var.deps, id, approve, auditOf(c));
  return c.redirect(`/staff/admin/profile-changes?done=${outcome.ok ? (approve ? 'approved' : 'rejected') : 'gone'}`, 303);
}
