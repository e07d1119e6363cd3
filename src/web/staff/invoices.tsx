// A booking's invoices on the staff booking page (draft, issued, paid, void) with Issue, Mark paid and Void,
// each asking to confirm first (confirm.tsx) and the ones that e-mail the client saying so; and the admin's
// list of the practice's invoices.
import { z } from 'zod';
import { KIND_WORDS, PAYMENT_METHOD_WORDS, PAYMENT_METHODS, type PaymentMethod } from '../../domain/invoices.ts';
import { isoDateIn } from '../../domain/time.ts';
import { money } from '../../mail/invoice-pdf.ts';
import type { InvoiceScope } from '../../usecases/invoices/manage.ts';
import { issueInvoice, markInvoicePaid, voidInvoice } from '../../usecases/invoices/manage.ts';
import { type InvoiceSummary, invoiceOwner, invoiceSummary, invoicesOfBooking, listInvoices } from '../../usecases/invoices/read.ts';
import { ErrorSummary, SelectField, TextArea, TextField } from '../components/forms.tsx';
import { ScrollTable } from '../components/table.tsx';
import { readForm } from '../read-form.ts';
import { confirmPage, isConfirmed } from './confirm.tsx';
import { authorize, may } from './guard.ts';
import { Done, dateLabel, dayLabel, staffNotFound, staffPage } from './layout.tsx';
import { auditOf, isId } from './request.ts';
import { currentTherapistId, currentUser, type StaffContext } from './session.ts';

/** An admin reaches every invoice, a therapist their own. */
const scopeOf = (c: StaffContext): InvoiceScope =>
  currentUser(c).role === 'admin' ? { kind: 'admin' } : { kind: 'therapist', therapistId: currentTherapistId(c) };

const STATUS_WORDS = { draft: 'Draft: not sent yet', issued: 'Issued', paid: 'Paid', void: 'Void' } as const;

function state(i: InvoiceSummary): string {
  if (i.status === 'issued') return `Issued as ${i.number}, due ${i.dueOn ? dateLabel(i.dueOn) : ''}`;
  if (i.status === 'paid') return `${i.number}: paid on ${i.paidOn ? dateLabel(i.paidOn) : ''} (${PAYMENT_METHOD_WORDS[i.paidMethod as PaymentMethod] ?? ''})`;
  if (i.status === 'void') return i.number ? `${i.number}: void` : 'Void (never issued)';
  return STATUS_WORDS.draft;
}

type Errors = Record<string, string>;

/** The forms of one invoice: what its state allows. */
function InvoiceForms({ i, today, errors = {}, values = {} }: { i: InvoiceSummary; today: string; errors?: Errors; values?: Record<string, string> }) {
  return (
    <>
      {i.status === 'draft' ? (
        <form method="post" action={`/staff/invoices/${i.id}/issue`}>
          <button type="submit" class="button">
            Issue and e-mail to the client…
          </button>
        </form>
      ) : null}
      {i.status === 'issued' ? (
        <form method="post" action={`/staff/invoices/${i.id}/paid`} novalidate>
          <TextField name="paidOn" type="date" label="Date paid" value={values.paidOn ?? today} error={errors.paidOn} idPrefix={i.id} />
          <SelectField
            name="method"
            label="How it was paid"
            value={values.method}
            placeholder="Choose…"
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_WORDS[m] }))}
            error={errors.method}
            idPrefix={i.id}
          />
          <button type="submit" class="button">
            Mark paid and e-mail the receipt…
          </button>
        </form>
      ) : null}
      {i.status === 'draft' || i.status === 'issued' ? (
        <form method="post" action={`/staff/invoices/${i.id}/void`} novalidate>
          <TextArea
            name="reason"
            label="Reason for voiding"
            hint="For the practice’s records, for example “charged in error”. The client is not e-mailed."
            rows={2}
            maxLength={500}
            value={values.reason}
            error={errors.reason}
            idPrefix={i.id}
          />
          <button type="submit" class="button button--danger">
            Void this invoice…
          </button>
        </form>
      ) : null}
    </>
  );
}

function InvoiceFacts({ i }: { i: InvoiceSummary }) {
  return (
    <dl class="facts">
      <dt>For</dt>
      <dd>{KIND_WORDS[i.kind]}</dd>
      <dt>Amount</dt>
      <dd>{money(i.amountMinor, i.currency)}</dd>
      <dt>State</dt>
      <dd>{state(i)}</dd>
    </dl>
  );
}

/** On the booking page: the booking's invoices, for its therapist or an admin. */
export async function BookingInvoices({ c, bookingId, therapistId }: { c: StaffContext; bookingId: string; therapistId: string }) {
  if (!may(c, 'invoice.manage', { kind: 'booking', therapistId })) return null;
  const invoices = await invoicesOfBooking(c.var.deps, bookingId);
  if (invoices.length === 0) return null;
  const today = isoDateIn(c.var.deps.clock.now(), (await c.var.deps.repos.practice.get()).timeZone);
  return (
    <section aria-labelledby="invoices-title">
      <h2 id="invoices-title">Invoice</h2>
      {invoices.map((i) => (
        <div class="card">
          <InvoiceFacts i={i} />
          <InvoiceForms i={i} today={today} />
        </div>
      ))}
    </section>
  );
}

const INVOICE_DONE = {
  issued: 'The invoice is issued and e-mailed to the client.',
  paid: 'Marked paid. The receipt is e-mailed to the client.',
  void: 'The invoice is void. Its number stays in the sequence.',
  'not-changed': 'Nothing changed: the invoice had already been changed.',
};

/** The invoice in this actor's reach (a refusal is the response to send). */
async function loadInvoice(c: StaffContext): Promise<InvoiceSummary | Response> {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const owner = await invoiceOwner(c.var.deps, scopeOf(c), id);
  if (!owner) return staffNotFound(c);
  const refusal = authorize(c, 'invoice.manage', { kind: 'booking', therapistId: owner });
  if (refusal) return refusal;
  return (await invoiceSummary(c.var.deps, scopeOf(c), id)) ?? staffNotFound(c);
}

const back = (i: InvoiceSummary) => (i.bookingId ? `/staff/bookings/${i.bookingId}` : '/staff/admin/invoices');
const done = (c: StaffContext, i: InvoiceSummary, what: string) => {
  const to = back(i);
  return c.redirect(`${to}${to.includes('?') ? '&' : '?'}invoice=${what}`, 303);
};

/** The invoice alone with its forms: where a form with a mistake comes back to. */
async function invoiceFormPage(c: StaffContext, i: InvoiceSummary, errors: Errors, values: Record<string, string>, status: 400 | 422) {
  const today = isoDateIn(c.var.deps.clock.now(), (await c.var.deps.repos.practice.get()).timeZone);
  return staffPage(
    c,
    { title: `Invoice ${i.number ?? '(draft)'}`, status },
    <>
      <ErrorSummary errors={errors} order={['paidOn', 'method', 'reason']} idPrefix={i.id} />
      <h1>Invoice {i.number ?? '(draft)'}</h1>
      <InvoiceFacts i={i} />
      <InvoiceForms i={i} today={today} errors={errors} values={values} />
      <p>
        <a href={back(i)}>Back</a>
      </p>
    </>,
  );
}

export async function issueSubmit(c: StaffContext) {
  const i = await loadInvoice(c);
  if (i instanceof Response) return i;
  const read = await readForm(c, z.object({ confirmed: z.string().optional() }));
  if (read.ok && !isConfirmed(read.data)) {
    return confirmPage(c, {
      title: 'Issue this invoice and e-mail it to the client?',
      action: `/staff/invoices/${i.id}/issue`,
      keep: {},
      consequences: (
        <>
          <InvoiceFacts i={i} />
          <ul>
            <li>It gets the practice’s next invoice number, which cannot be used again.</li>
            <li>The client is e-mailed at once, with the invoice as a PDF and a private link to it.</li>
            <li>If it turns out to be wrong, you can void it afterwards; the number stays, marked void.</li>
          </ul>
        </>
      ),
      confirmLabel: 'Yes, issue and e-mail it',
      back: back(i),
    });
  }
  const outcome = await issueInvoice(c.var.deps, scopeOf(c), i.id, auditOf(c));
  return done(c, i, outcome.ok ? 'issued' : 'not-changed');
}

const PaidForm = z.object({
  paidOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date it was paid, like 2027-03-01'),
  method: z.enum(PAYMENT_METHODS, { error: 'Choose how it was paid' }),
  confirmed: z.string().optional(),
});

export async function paidSubmit(c: StaffContext) {
  const i = await loadInvoice(c);
  if (i instanceof Response) return i;
  const read = await readForm(c, PaidForm);
  if (!read.ok) return invoiceFormPage(c, i, read.errors, flat(read.values), read.status === 400 ? 400 : 422);
  const { paidOn, method } = read.data;
  if (!isConfirmed(read.data)) {
    return confirmPage(c, {
      title: 'Mark this invoice paid and e-mail the receipt?',
      action: `/staff/invoices/${i.id}/paid`,
      keep: { paidOn, method },
      consequences: (
        <>
          <InvoiceFacts i={i} />
          <ul>
            <li>
              Paid on {dateLabel(paidOn)}, by {PAYMENT_METHOD_WORDS[method].toLowerCase()}.
            </li>
            <li>The client is e-mailed a receipt as a PDF at once.</li>
          </ul>
        </>
      ),
      confirmLabel: 'Yes, mark paid and e-mail the receipt',
      back: back(i),
    });
  }
  const outcome = await markInvoicePaid(c.var.deps, scopeOf(c), i.id, { paidOn, method }, auditOf(c));
  if (!outcome.ok && outcome.error.code === 'INVALID_DATE') return invoiceFormPage(c, i, { paidOn: outcome.error.detail }, { paidOn, method }, 422);
  return done(c, i, outcome.ok ? 'paid' : 'not-changed');
}

const VoidForm = z.object({
  reason: z.string().trim().min(1, 'Say why it is void').max(500, 'Keep the reason under 500 characters'),
  confirmed: z.string().optional(),
});

export async function voidSubmit(c: StaffContext) {
  const i = await loadInvoice(c);
  if (i instanceof Response) return i;
  const read = await readForm(c, VoidForm);
  if (!read.ok) return invoiceFormPage(c, i, read.errors, flat(read.values), read.status === 400 ? 400 : 422);
  if (!isConfirmed(read.data)) {
    return confirmPage(c, {
      title: 'Void this invoice?',
      action: `/staff/invoices/${i.id}/void`,
      keep: { reason: read.data.reason },
      consequences: (
        <>
          <InvoiceFacts i={i} />
          <ul>
            <li>Nothing is owed on it any more. {i.number ? 'Its number stays, marked void.' : ''}</li>
            <li>The client is not e-mailed: if they have it, let them know yourself.</li>
            <li>This cannot be undone.</li>
          </ul>
        </>
      ),
      confirmLabel: 'Yes, void it',
      danger: true,
      back: back(i),
    });
  }
  const outcome = await voidInvoice(c.var.deps, scopeOf(c), i.id, read.data.reason, auditOf(c));
  return done(c, i, outcome.ok ? 'void' : 'not-changed');
}

const flat = (values: Record<string, string | string[]>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : v]));

/** What happened to an invoice, on the booking page it returns to. */
export const InvoiceDone = ({ c }: { c: StaffContext }) => <Done messages={INVOICE_DONE} value={c.req.query('invoice')} />;

/** The practice's invoices, newest first (admins). */
export async function adminInvoicesPage(c: StaffContext) {
  const invoices = await listInvoices(c.var.deps, { kind: 'admin' });
  const tz = (await c.var.deps.repos.practice.get()).timeZone;
  return staffPage(
    c,
    { title: 'Invoices' },
    <>
      <InvoiceDone c={c} />
      <h1>Invoices</h1>
      <p>
        The latest 200, newest first. An invoice is drafted when a session is marked attended, or for a late cancellation or a missed session when the{' '}
        <a href="/staff/admin/billing">billing settings</a> charge one.
      </p>
      {invoices.length === 0 ? (
        <p class="muted">No invoices yet.</p>
      ) : (
        <ScrollTable id="invoices" caption="Invoices" headings={['Number', 'Session', 'Therapist', 'For', 'Amount', 'State']}>
          {invoices.map((i) => (
            <tr>
              <td>{i.bookingId ? <a href={`/staff/bookings/${i.bookingId}`}>{i.number ?? 'Draft'}</a> : (i.number ?? 'Draft')}</td>
              <td>{dayLabel(i.sessionStart, tz)}</td>
              <td>{i.therapistName}</td>
              <td>{KIND_WORDS[i.kind]}</td>
              <td>{money(i.amountMinor, i.currency)}</td>
              <td>{state(i)}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </>,
  );
}
