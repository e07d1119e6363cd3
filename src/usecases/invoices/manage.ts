// Issuing an invoice, marking it paid and voiding it: its therapist or an admin. Issuing takes the next
// number of the year inside the transaction that issues it (gap-free: a rolled-back issue gives its number
// back), and queues the e-mail with the PDF in the same transaction; paid queues the receipt. Every change is
// audited (ids and states, never the client's name).
import type { AppDeps } from '../../app/deps.ts';
import { type InvoiceRow, invoiceRepository } from '../../db/repositories/invoices.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { type BillingSettings, CAN, dueOn, invoiceNumber, type PaymentMethod, paidDateAllowed } from '../../domain/invoices.ts';
import type { PracticeSettings } from '../../domain/practice.ts';
import { isoDateIn, isoDateOf, localEpochDay, parseIsoDate } from '../../domain/time.ts';
import { invoiceToClient, receiptToClient } from '../../mail/invoice-messages.ts';
import { dateWords, type InvoiceDocument, invoicePdf, pdfName } from '../../mail/invoice-pdf.ts';
import type { AuditContext } from '../audit.ts';
import { enqueueMail } from '../outbox.ts';
import { invoiceLinkToken } from './draft.ts';

export type InvoiceDeps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config' | 'repos'>;

/** Whose invoices: an admin's reach is every one, a therapist's their own. */
export type InvoiceScope = { kind: 'admin' } | { kind: 'therapist'; therapistId: string };
export const ownerOf = (scope: InvoiceScope) => (scope.kind === 'therapist' ? scope.therapistId : undefined);

/** Thrown inside a transaction to roll it back (the number taken is given back). */
class Rollback extends Error {}

export const invoiceLink = (deps: Pick<AppDeps, 'encryptor' | 'config'>, id: string) => `${deps.config.publicUrl}/invoice/${invoiceLinkToken(deps, id)}`;

/** What the PDF states, the client's name opened. */
export function documentOf(deps: Pick<AppDeps, 'encryptor'>, inv: InvoiceRow, practice: PracticeSettings, billing: BillingSettings): InvoiceDocument {
  return {
    number: inv.number ?? '',
    kind: inv.kind,
    status: inv.status === 'draft' ? 'issued' : inv.status,
    practice: {
      name: practice.name,
      address: practice.address,
      email: practice.email,
      phone: practice.phone,
      registration: billing.registration,
      paymentDetails: billing.paymentDetails,
    },
    clientName: deps.encryptor.decrypt(inv.client_name),
    serviceName: inv.service_name,
    therapistName: inv.therapist_name,
    sessionStart: inv.session_start,
    timeZone: practice.timeZone,
    amountMinor: inv.amount_minor,
    currency: inv.currency,
    vatRateBp: inv.vat_rate_bp,
    issuedAt: inv.issued_at ?? inv.created_at,
    dueOn: inv.due_on ?? '',
    paidOn: inv.paid_on,
    paidMethod: inv.paid_method as PaymentMethod | null,
  };
}

async function settings(deps: InvoiceDeps): Promise<[PracticeSettings, BillingSettings]> {
  return Promise.all([deps.repos.practice.get(), invoiceRepository(deps.database.db).billing()]);
}

const NOT_FOUND = 'No such invoice.';

/** Issues a draft: the next number, the due date from the payment terms, the e-mail with the PDF. */
export async function issueInvoice(deps: InvoiceDeps, scope: InvoiceScope, id: string, audit: AuditContext): Promise<Outcome<{ number: string }>> {
  const [practice, billing] = await settings(deps);
  try {
    return await deps.database.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const invoices = invoiceRepository(trx);
      const inv = await invoices.findById(id, ownerOf(scope));
      if (!inv) return fail('NOT_FOUND', NOT_FOUND);
      if (!CAN.issue(inv.status)) return fail('CONFLICT', 'This invoice has already been issued or voided.');
      const today = localEpochDay(now, practice.timeZone);
      const year = Number(isoDateIn(now, practice.timeZone).slice(0, 4));
      const number = invoiceNumber(year, await invoices.nextNumber(year));
      const due = isoDateOf(dueOn(today, billing.paymentTermsDays));
      if (!(await invoices.issue(id, { number, issuedAt: now, dueOn: due, vatRateBp: billing.vatRateBp }))) throw new Rollback();
      const issued: InvoiceRow = { ...inv, status: 'issued', number, issued_at: now, due_on: due, vat_rate_bp: billing.vatRateBp };
      const doc = documentOf(deps, issued, practice, billing);
      const pdf = await invoicePdf(doc, false);
      const to = deps.encryptor.decrypt(inv.client_email);
      const mail = invoiceToClient(
        {
          to,
          clientName: doc.clientName,
          number,
          amountMinor: inv.amount_minor,
          currency: inv.currency,
          dueWords: dateWords(due),
          link: invoiceLink(deps, id),
          pdf,
          pdfName: pdfName(number, false),
        },
        practice,
      );
      // An erased client's invoice keeps no address: it is then only behind the private link.
      if (to) await enqueueMail(trx, mail, now, deps.encryptor);
      await writeAudit(trx, now, { actor: audit.actor, action: 'invoice.issue', target: id, requestId: audit.requestId, detail: { after: { number } } });
      return ok({ number });
    });
  } catch (error) {
    if (error instanceof Rollback) return fail('CONFLICT', 'This invoice has just been issued by someone else.');
    throw error;
  }
}

export interface Payment {
  /** YYYY-MM-DD */
  paidOn: string;
  method: PaymentMethod;
}

/**
 * Marks an issued invoice paid and e-mails the receipt. INVALID_DATE: the date is before the invoice was
 * issued or after today (in the practice's zone).
 */
export async function markInvoicePaid(deps: InvoiceDeps, scope: InvoiceScope, id: string, payment: Payment, audit: AuditContext): Promise<Outcome<null>> {
  const [practice, billing] = await settings(deps);
  const paidDay = parseIsoDate(payment.paidOn);
  if (paidDay === null) return fail('INVALID_DATE', 'Enter the date it was paid, like 2027-03-01.');
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const invoices = invoiceRepository(trx);
    const inv = await invoices.findById(id, ownerOf(scope));
    if (!inv) return fail('NOT_FOUND', NOT_FOUND);
    if (!CAN.pay(inv.status) || inv.issued_at === null) return fail('CONFLICT', 'Only an issued invoice can be marked paid.');
    if (!paidDateAllowed(paidDay, localEpochDay(inv.issued_at, practice.timeZone), localEpochDay(now, practice.timeZone))) {
      return fail('INVALID_DATE', 'The date it was paid cannot be before the invoice was issued, or after today.');
    }
    if (!(await invoices.markPaid(id, payment, now))) return fail('CONFLICT', 'This invoice has just been changed by someone else.');
    const paid: InvoiceRow = { ...inv, status: 'paid', paid_on: payment.paidOn, paid_method: payment.method };
    const doc = documentOf(deps, paid, practice, billing);
    const number = inv.number ?? '';
    const to = deps.encryptor.decrypt(inv.client_email);
    // An erased client's invoice keeps no address: the receipt is then only behind the private link.
    if (to) {
      const mail = receiptToClient(
        {
          to,
          clientName: doc.clientName,
          number,
          amountMinor: inv.amount_minor,
          currency: inv.currency,
          dueWords: '',
          link: invoiceLink(deps, id),
          pdf: await invoicePdf(doc, true),
          pdfName: pdfName(number, true),
        },
        practice,
      );
      await enqueueMail(trx, mail, now, deps.encryptor);
    }
    await writeAudit(trx, now, {
      actor: audit.actor,
      action: 'invoice.paid',
      target: id,
      requestId: audit.requestId,
      detail: { after: { status: 'paid', method: payment.method } },
    });
    return ok(null);
  });
}

/** Voids a draft or an issued invoice, with a reason (sealed). The number, if it has one, is kept. */
export async function voidInvoice(deps: InvoiceDeps, scope: InvoiceScope, id: string, reason: string, audit: AuditContext): Promise<Outcome<null>> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const invoices = invoiceRepository(trx);
    const inv = await invoices.findById(id, ownerOf(scope));
    if (!inv) return fail('NOT_FOUND', NOT_FOUND);
    if (!CAN.void(inv.status)) return fail('CONFLICT', 'A paid or void invoice cannot be voided.');
    if (!(await invoices.void(id, inv.status, deps.encryptor.encrypt(reason), now)))
      return fail('CONFLICT', 'This invoice has just been changed by someone else.');
    await writeAudit(trx, now, {
      actor: audit.actor,
      action: 'invoice.void',
      target: id,
      requestId: audit.requestId,
      detail: { before: { status: inv.status }, after: { status: 'void' } },
    });
    return ok(null);
  });
}
