// Admin: the inbox (contact messages and call-back requests), the waiting list, profile changes waiting for
// approval, the audit log, and clients' data requests (export as JSON, erasure).
import { z } from 'zod';
import { CALLBACK_TIME_LABELS } from '../../domain/contact.ts';
import { concernName, languageName } from '../../domain/types.ts';
import { eraseClient, exportClient } from '../../usecases/records/client-data.ts';
import { readAuditLog } from '../../usecases/staff/audit-log.ts';
import { inbox, inboxItem, markInboxHandled, waitlistEntries } from '../../usecases/staff/inbox.ts';
import { decideChange, type ProfileFields, pendingChanges } from '../../usecases/staff/profile.ts';
import { CheckboxGroup, ErrorSummary, errorTitle, type FieldErrors, formErrors, SelectField, TextField } from '../components/forms.tsx';
import { ScrollTable } from '../components/table.tsx';
import { FORMAT_LABELS, formatMoney } from '../format.ts';
import { all, MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
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

// ---------------------------------------------------------------------------- audit log

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function auditPage(c: StaffContext) {
  const q = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 120);
  const actor = q('actor');
  const action = q('action');
  const from = q('from');
  const to = q('to');
  const errors: FieldErrors = {};
  if (from && !DATE.test(from)) errors.from = 'Enter the date as YYYY-MM-DD';
  if (to && !DATE.test(to)) errors.to = 'Enter the date as YYYY-MM-DD';
  const { rows, actions, users } = await readAuditLog(c.var.deps, {
    actor: actor || undefined,
    action: action || undefined,
    from: from && !errors.from ? Date.parse(`${from}T00:00:00Z`) : undefined,
    to: to && !errors.to ? Date.parse(`${to}T00:00:00Z`) + 86_400_000 : undefined,
    limit: 500,
  });
  const names = new Map(users.map((u) => [`user:${u.id}`, u.name]));
  const tz = await practiceZone(c);
  return staffPage(
    c,
    { title: errorTitle('Audit log', errors), status: Object.keys(errors).length ? 422 : 200 },
    <>
      <ErrorSummary errors={errors} order={['actor', 'action', 'from', 'to']} />
      <h1>Audit log</h1>
      <p>Who did what, when: append-only. Targets are ids, never content. Dates are UTC days.</p>
      <form method="get" action="/staff/admin/audit" class="filters" novalidate>
        <div class="filters__grid">
          <SelectField
            name="actor"
            label="Who"
            placeholder="Anyone"
            value={actor}
            options={[
              ...users.map((u) => ({ value: `user:${u.id}`, label: u.name })),
              { value: 'client', label: 'A client' },
              { value: 'anonymous', label: 'Not signed in' },
              { value: 'system', label: 'The system' },
            ]}
          />
          <SelectField name="action" label="What" placeholder="Anything" value={action} options={actions.map((a) => ({ value: a, label: a }))} />
          <TextField name="from" label="From (YYYY-MM-DD)" value={from} error={errors.from} />
          <TextField name="to" label="To (YYYY-MM-DD)" value={to} error={errors.to} />
        </div>
        <button type="submit" class="button">
          Filter
        </button>
      </form>
      <p>{rows.length === 500 ? 'The latest 500 entries.' : `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}.`}</p>
      <ScrollTable id="audit" caption="Audit entries, newest first" headings={['When', 'Who', 'What', 'Target', 'Request']}>
        {rows.map((r) => (
          <tr>
            <td>{staffWhen(r.at, tz)}</td>
            <td>{names.get(r.actor) ?? r.actor}</td>
            <td>{r.action}</td>
            <td>{r.target ? (names.get(r.target) ?? r.target) : ''}</td>
            <td class="muted">{r.requestId ?? ''}</td>
          </tr>
        ))}
      </ScrollTable>
    </>,
  );
}

// ---------------------------------------------------------------------------- clients' data requests

const PHONE_ERROR = 'Enter the phone number they used, like 07700 900 982 or +44 7700 900 982, or leave it empty';
const ExportForm = z.object({
  email: z.email('Enter the client’s e-mail address, like name@example.com').max(254),
  phone: z
    .string()
    .regex(/^\+?[\d\s().-]{7,20}$/, PHONE_ERROR)
    .refine((v) => v.replace(/\D/g, '').length >= 7, PHONE_ERROR)
    .optional(),
});
const PHONE_HINT = 'Optional. Call-back requests have no e-mail address: give the number they called from to include (or erase) those too.';
/** The form's fields as the schema takes them: trimmed, an empty phone number left out. */
const requestFields = (values: Record<string, string | string[]>) => ({ email: one(values.email).trim(), phone: one(values.phone).trim() || undefined });
const EraseForm = ExportForm.extend({ confirm: z.array(z.literal('yes')).length(1, 'Tick the box to confirm the erasure') });

async function renderClients(
  c: StaffContext,
  state: {
    which?: 'export' | 'erase';
    values?: Record<string, string | string[]>;
    errors?: FieldErrors;
    erased?: Awaited<ReturnType<typeof eraseClient>>;
  } = {},
  status: 200 | 400 | 422 = 200,
) {
  const errors = state.errors ?? {};
  const mine = (w: 'export' | 'erase') => (state.which === w ? errors : {});
  return staffPage(
    c,
    { title: errorTitle('Clients’ data requests', errors), status },
    <>
      {state.which ? <ErrorSummary errors={errors} idPrefix={state.which} order={['email', 'phone', 'confirm']} /> : null}
      {state.erased ? (
        <div class="notice notice--ok" role="status">
          <p>
            Erased. {state.erased.bookingsPseudonymised} booking{state.erased.bookingsPseudonymised === 1 ? '' : 's'} kept without any personal details (
            {state.erased.upcomingCancelled} upcoming cancelled), {state.erased.waitlistRemoved} waiting-list entr
            {state.erased.waitlistRemoved === 1 ? 'y' : 'ies'}, {state.erased.contactRequestsRemoved} contact message
            {state.erased.contactRequestsRemoved === 1 ? '' : 's'} and {state.erased.outboxRemoved} e-mail
            {state.erased.outboxRemoved === 1 ? '' : 's'} removed{state.erased.companionErased ? ', and their companion account erased' : ''}.
          </p>
        </div>
      ) : null}
      <h1>Clients’ data requests</h1>
      <p>
        When a client asks for a copy of everything we hold about them, or asks us to erase it. Both find the client by the e-mail address they used (bookings,
        the waiting list, contact messages, the companion) and, if you give it, their phone number (contact messages and call-back requests). The audit log
        records the request under a pseudonym, never the address.
      </p>
      <section aria-labelledby="export-title">
        <h2 id="export-title">Export everything held about a client</h2>
        <form method="post" action="/staff/admin/clients/export" novalidate>
          <TextField
            idPrefix="export"
            name="email"
            label="Client’s e-mail address"
            type="email"
            spellcheck={false}
            value={state.which === 'export' ? one(state.values?.email) : ''}
            error={mine('export').email}
          />
          <TextField
            idPrefix="export"
            name="phone"
            label="Client’s phone number (optional)"
            type="tel"
            hint={PHONE_HINT}
            value={state.which === 'export' ? one(state.values?.phone) : ''}
            error={mine('export').phone}
          />
          <button type="submit" class="button">
            Download as JSON
          </button>
        </form>
      </section>
      <section aria-labelledby="erase-title">
        <h2 id="erase-title">Erase a client</h2>
        <p>
          Their name, contact details and notes are removed from every booking; the bookings stay as anonymous rows for the therapist’s records, and sessions
          still to come are cancelled (without an e-mail). Waiting-list entries, contact messages, e-mails to them and their companion account are deleted. This
          cannot be undone.
        </p>
        <form method="post" action="/staff/admin/clients/erase" novalidate>
          <TextField
            idPrefix="erase"
            name="email"
            label="Client’s e-mail address"
            type="email"
            spellcheck={false}
            value={state.which === 'erase' ? one(state.values?.email) : ''}
            error={mine('erase').email}
          />
          <TextField
            idPrefix="erase"
            name="phone"
            label="Client’s phone number (optional)"
            type="tel"
            hint={PHONE_HINT}
            value={state.which === 'erase' ? one(state.values?.phone) : ''}
            error={mine('erase').phone}
          />
          <CheckboxGroup
            idPrefix="erase"
            name="confirm"
            label="Confirm"
            error={mine('erase').confirm}
            options={[{ value: 'yes', label: 'I have checked this is the right client, and they asked for erasure' }]}
          />
          <button type="submit" class="button button--danger">
            Erase this client
          </button>
        </form>
      </section>
    </>,
  );
}

export const clientsPage = (c: StaffContext) => renderClients(c);

export async function exportSubmit(c: StaffContext) {
  const values = await readFormValues(c);
  if (!values) return renderClients(c, { which: 'export', errors: { _form: MALFORMED_FORM } }, 400);
  const parsed = ExportForm.safeParse(requestFields(values));
  if (!parsed.success) return renderClients(c, { which: 'export', values, errors: formErrors(parsed.error.issues) }, 422);
  const data = await exportClient(c.var.deps, parsed.data, auditOf(c));
  return c.body(JSON.stringify(data, null, 2), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': 'attachment; filename="client-data.json"',
    'Cache-Control': 'no-store',
  });
}

export async function eraseSubmit(c: StaffContext) {
  const values = await readFormValues(c);
  if (!values) return renderClients(c, { which: 'erase', errors: { _form: MALFORMED_FORM } }, 400);
  const parsed = EraseForm.safeParse({ ...requestFields(values), confirm: all(values.confirm) });
  if (!parsed.success) return renderClients(c, { which: 'erase', values, errors: formErrors(parsed.error.issues) }, 422);
  const erased = await eraseClient(c.var.deps, { email: parsed.data.email, phone: parsed.data.phone }, auditOf(c));
  return renderClients(c, { erased });
}
