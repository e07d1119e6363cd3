// Admin: clients' data requests. A copy of everything held about a client is mailed to the client as a
// single-use link (the admin never sees it: it holds notes and answers only the client or their therapist
// may read); erasure is done here. Both show what matched and ask to confirm (confirm.tsx) before acting.
import { z } from 'zod';
import { type ClientHoldings, clientHoldings, eraseClient, holdsNothing } from '../../usecases/records/client-data.ts';
import { requestDataExport } from '../../usecases/records/data-export.ts';
import { ErrorSummary, errorTitle, type FieldErrors, formErrors, TextField } from '../components/forms.tsx';
import { MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { confirmPage, isConfirmed } from './confirm.tsx';
import { staffPage } from './layout.tsx';
import { auditOf } from './request.ts';
import type { StaffContext } from './session.ts';

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

async function renderClients(
  c: StaffContext,
  state: {
    which?: 'find' | 'export' | 'erase';
    values?: Record<string, string | string[]>;
    errors?: FieldErrors;
    erased?: Awaited<ReturnType<typeof eraseClient>>;
    exportSentTo?: string;
    /** What a search found: the copy and erasure forms below are filled in for that client. */
    holdings?: ClientHoldings;
  } = {},
  status: 200 | 400 | 422 = 200,
) {
  const errors = state.errors ?? {};
  const mine = (w: 'find' | 'export' | 'erase') => (state.which === w ? errors : {});
  /** A form's value: what was sent to it, or, after a search, the client that was found. */
  const filled = (w: 'find' | 'export' | 'erase', name: string) => (state.which === w || state.holdings ? one(state.values?.[name]) : '');
  return staffPage(
    c,
    { title: errorTitle('Clients’ data requests', errors), status },
    <>
      {state.which ? <ErrorSummary errors={errors} idPrefix={state.which} order={['email', 'phone']} /> : null}
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
      {state.exportSentTo ? (
        <div class="notice notice--ok" role="status">
          <p>
            We have e-mailed a download link to {state.exportSentTo}. It works once, for 24 hours. The file goes only to whoever reads that mailbox: nobody at
            the practice sees it.
          </p>
        </div>
      ) : null}
      <h1>Clients’ data requests</h1>
      <p>
        When a client asks for a copy of everything we hold about them, or asks us to erase it. Both find the client by the e-mail address they used (bookings,
        the waiting list, contact messages, the companion) and, if you give it, their phone number (contact messages and call-back requests). The audit log
        records the request under a pseudonym, never the address.
      </p>
      <section aria-labelledby="find-title">
        <h2 id="find-title">Find what we hold about a client</h2>
        <p>Start here: you see what matches before you send anything or erase anything.</p>
        <form method="post" action="/staff/admin/clients/find" novalidate>
          <ClientFields which="find" value={(name) => filled('find', name)} errors={mine('find')} />
          <button type="submit" class="button button--secondary">
            Find
          </button>
        </form>
        {state.holdings ? <Holdings holdings={state.holdings} email={one(state.values?.email)} phone={one(state.values?.phone)} /> : null}
      </section>
      <section aria-labelledby="export-title">
        <h2 id="export-title">Send a client a copy of their data</h2>
        <p>
          The copy includes what only the client or their therapist may read (their booking notes, their own companion answers), so it is not shown here: we
          e-mail the client a single-use link to download it. Clients can also ask for it themselves at <a href="/your-data">/your-data</a>.
        </p>
        <form method="post" action="/staff/admin/clients/export" novalidate>
          <ClientFields which="export" value={(name) => filled('export', name)} errors={mine('export')} />
          <button type="submit" class="button">
            E-mail them a download link…
          </button>
        </form>
      </section>
      <section aria-labelledby="erase-title">
        <h2 id="erase-title">Erase a client</h2>
        <p>
          Their name, contact details and notes are removed from every booking; the bookings stay as anonymous rows for the therapist’s records, and sessions
          still to come are cancelled (without an e-mail). Waiting-list entries, contact messages, e-mails to them and their companion account are deleted. This
          cannot be undone. The next page shows what matched and asks you to confirm.
        </p>
        <form method="post" action="/staff/admin/clients/erase" novalidate>
          <ClientFields which="erase" value={(name) => filled('erase', name)} errors={mine('erase')} />
          <button type="submit" class="button button--danger">
            Erase this client…
          </button>
        </form>
      </section>
    </>,
  );
}

/** The client's address and phone number: the same two fields on each of the three forms. */
function ClientFields({ which, value, errors }: { which: 'find' | 'export' | 'erase'; value: (name: string) => string; errors: FieldErrors }) {
  return (
    <>
      <TextField idPrefix={which} name="email" label="Client’s e-mail address" type="email" spellcheck={false} value={value('email')} error={errors.email} />
      <TextField
        idPrefix={which}
        name="phone"
        label="Client’s phone number (optional)"
        type="tel"
        hint={PHONE_HINT}
        value={value('phone')}
        error={errors.phone}
      />
    </>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What matched, in counts: nothing is opened or shown. */
function Holdings({ holdings: h, email, phone }: { holdings: ClientHoldings; email: string; phone: string }) {
  const who = phone ? `${email} or ${phone}` : email;
  if (holdsNothing(h)) {
    return (
      <div class="notice" role="status">
        <p>We hold nothing under {who}: there is nothing to send or erase. Check the spelling with the client, or ask for the phone number they called from.</p>
      </div>
    );
  }
  return (
    <div class="notice notice--ok" role="status">
      <p>Under {who} we hold:</p>
      <HoldingsList holdings={h} />
      <p>The forms below are filled in for this client.</p>
    </div>
  );
}

function HoldingsList({ holdings: h }: { holdings: ClientHoldings }) {
  return (
    <ul>
      <li>
        {plural(h.bookings, 'booking', 'bookings')}
        {h.upcoming > 0 ? ` (${h.upcoming} still to come)` : ''}
      </li>
      <li>{plural(h.waitlist, 'waiting-list entry', 'waiting-list entries')}</li>
      <li>{plural(h.contactRequests, 'message or call-back request', 'messages or call-back requests')}</li>
      <li>{h.companionAccount ? 'a companion account' : 'no companion account'}</li>
    </ul>
  );
}

const NOTHING_HELD = 'We hold nothing under that address (or number): there is nothing to send or erase. Use Find to check first.';

export const clientsPage = (c: StaffContext) => renderClients(c);

export async function findSubmit(c: StaffContext) {
  const values = await readFormValues(c);
  if (!values) return renderClients(c, { which: 'find', errors: { _form: MALFORMED_FORM } }, 400);
  const parsed = ExportForm.safeParse(requestFields(values));
  if (!parsed.success) return renderClients(c, { which: 'find', values, errors: formErrors(parsed.error.issues) }, 422);
  const holdings = await clientHoldings(c.var.deps, parsed.data, auditOf(c));
  return renderClients(c, { values, holdings });
}

/**
 * A copy or an erasure: the address must match something (or the request is refused, saying so); the first
 * POST shows what matched and what will happen, and only the confirming one acts.
 */
async function readRequest(c: StaffContext, which: 'export' | 'erase') {
  const values = await readFormValues(c);
  if (!values) return renderClients(c, { which, errors: { _form: MALFORMED_FORM } }, 400);
  const parsed = ExportForm.safeParse(requestFields(values));
  if (!parsed.success) return renderClients(c, { which, values, errors: formErrors(parsed.error.issues) }, 422);
  const holdings = await clientHoldings(c.var.deps, parsed.data, auditOf(c));
  if (holdsNothing(holdings)) return renderClients(c, { which, values, errors: { _form: NOTHING_HELD } }, 422);
  return { request: parsed.data, holdings, confirmed: isConfirmed(values) };
}

export async function exportSubmit(c: StaffContext) {
  const read = await readRequest(c, 'export');
  if (read instanceof Response) return read;
  const { request, holdings } = read;
  if (!read.confirmed) {
    return confirmPage(c, {
      title: `E-mail ${request.email} a copy of their data?`,
      action: '/staff/admin/clients/export',
      keep: { email: request.email, phone: request.phone },
      consequences: (
        <>
          <p>Under {request.phone ? `${request.email} or ${request.phone}` : request.email} we hold:</p>
          <HoldingsList holdings={holdings} />
          <p>
            {request.email} is e-mailed a link to download all of it, which works once, for 24 hours. Nobody at the practice sees the copy. Check the address
            with the client: whoever reads that mailbox gets everything above.
          </p>
        </>
      ),
      confirmLabel: 'Yes, e-mail the download link',
      back: '/staff/admin/clients',
    });
  }
  const sent = await requestDataExport(c.var.deps, { email: request.email, phone: request.phone, by: { kind: 'staff', audit: auditOf(c) } });
  if (!sent.ok) return renderClients(c, { which: 'export', errors: { _form: sent.error.detail } }, 422);
  return renderClients(c, { exportSentTo: sent.value.email });
}

export async function eraseSubmit(c: StaffContext) {
  const read = await readRequest(c, 'erase');
  if (read instanceof Response) return read;
  const { request, holdings } = read;
  if (!read.confirmed) {
    return confirmPage(c, {
      title: `Erase ${request.email}?`,
      action: '/staff/admin/clients/erase',
      keep: { email: request.email, phone: request.phone },
      consequences: (
        <>
          <p>Under {request.phone ? `${request.email} or ${request.phone}` : request.email} we hold:</p>
          <HoldingsList holdings={holdings} />
          <ul>
            <li>Their name, contact details and notes are removed from every booking; the bookings stay as anonymous rows.</li>
            {holdings.upcoming > 0 ? (
              <li>{plural(holdings.upcoming, 'session still to come is', 'sessions still to come are')} cancelled, without an e-mail.</li>
            ) : null}
            <li>Waiting-list entries, contact messages, e-mails to them and their companion account are deleted.</li>
            <li>This cannot be undone. Only confirm if you have checked this is the right client and they asked for erasure.</li>
          </ul>
        </>
      ),
      confirmLabel: 'Yes, erase this client',
      danger: true,
      back: '/staff/admin/clients',
    });
  }
  const erased = await eraseClient(c.var.deps, request, auditOf(c));
  return renderClients(c, { erased });
}
