// Reading invoices: a booking's (the staff booking page), the practice's list (admins), the client's own
// through its private link (and its PDF), and the billing settings an admin edits.
import { invoiceRepository } from '../../db/repositories/invoices.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import type { BillingSettings, InvoiceKind, InvoiceStatus } from '../../domain/invoices.ts';
import { type InvoiceDocument, invoicePdf, pdfName } from '../../mail/invoice-pdf.ts';
import { hashToken } from '../../security/encryption.ts';
import { changedValues } from '../audit.ts';
import type { AuditContext } from '../staff/context.ts';
import { documentOf, type InvoiceDeps, type InvoiceScope, invoiceLink, ownerOf } from './manage.ts';

export interface InvoiceSummary {
  id: string;
  bookingId: string | null;
  number: string | null;
  kind: InvoiceKind;
  status: InvoiceStatus;
  amountMinor: number;
  currency: string;
  sessionStart: number;
  dueOn: string | null;
  paidOn: string | null;
  paidMethod: string | null;
  therapistName: string;
  /** The client's private link (staff may copy it for the client). */
  link: string;
}

const summary = (deps: InvoiceDeps, r: Awaited<ReturnType<ReturnType<typeof invoiceRepository>['list']>>[number]): InvoiceSummary => ({
  id: r.id,
  bookingId: r.booking_id,
  number: r.number,
  kind: r.kind,
  status: r.status,
  amountMinor: r.amount_minor,
  currency: r.currency,
  sessionStart: r.session_start,
  dueOn: r.due_on,
  paidOn: r.paid_on,
  paidMethod: r.paid_method,
  therapistName: r.therapist_name,
  link: invoiceLink(deps, r.id),
});

/** A booking's invoices, newest first. */
export async function invoicesOfBooking(deps: InvoiceDeps, bookingId: string): Promise<InvoiceSummary[]> {
  return (await invoiceRepository(deps.database.db).forBooking(bookingId)).map((r) => summary(deps, r));
}

/** Whose an invoice is (its therapist), within the scope's reach; undefined when there is none. */
export async function invoiceOwner(deps: InvoiceDeps, scope: InvoiceScope, id: string): Promise<string | undefined> {
  return (await invoiceRepository(deps.database.db).findById(id, ownerOf(scope)))?.therapist_id;
}

/** One invoice in the scope's reach, with its booking (to return to). */
export async function invoiceSummary(deps: InvoiceDeps, scope: InvoiceScope, id: string): Promise<InvoiceSummary | undefined> {
  const r = await invoiceRepository(deps.database.db).findById(id, ownerOf(scope));
  return r && summary(deps, r);
}

/** The latest invoices (a therapist's own, or all for an admin). */
export async function listInvoices(deps: InvoiceDeps, scope: InvoiceScope, limit = 200): Promise<InvoiceSummary[]> {
  return (await invoiceRepository(deps.database.db).list(ownerOf(scope), limit)).map((r) => summary(deps, r));
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The client's view of an invoice through its private link; undefined for a wrong link or a draft. */
export async function invoiceByToken(deps: InvoiceDeps, token: string): Promise<{ doc: InvoiceDocument; paid: boolean } | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const repo = invoiceRepository(deps.database.db);
  const inv = await repo.findByLinkHash(hashToken(token));
  if (!inv) return undefined;
  const [practice, billing] = await Promise.all([deps.repos.practice.get(), repo.billing()]);
  return { doc: documentOf(deps, inv, practice, billing), paid: inv.status === 'paid' };
}

/** The PDF of the invoice (or, once paid, the receipt) behind a private link. */
export async function invoicePdfByToken(deps: InvoiceDeps, token: string, receipt: boolean): Promise<{ pdf: Buffer; name: string } | undefined> {
  const found = await invoiceByToken(deps, token);
  if (!found || (receipt && !found.paid)) return undefined;
  return { pdf: await invoicePdf(found.doc, receipt), name: pdfName(found.doc.number, receipt) };
}

export async function billingSettings(deps: InvoiceDeps): Promise<BillingSettings> {
  return invoiceRepository(deps.database.db).billing();
}

const BILLING_FIELDS = ['registration', 'paymentDetails', 'paymentTermsDays', 'vatRateBp', 'chargeHours', 'chargePercent'] as const;

export async function updateBillingSettings(deps: InvoiceDeps, s: BillingSettings, audit: AuditContext): Promise<void> {
  const now = deps.clock.now();
  const repo = invoiceRepository(deps.database.db);
  const before = await repo.billing();
  await repo.updateBilling(s, now);
  await writeAudit(deps.database.db, now, {
    actor: audit.actor,
    action: 'admin.billing.update',
    target: 'practice',
    requestId: audit.requestId,
    detail: changedValues({ ...before }, { ...s }, BILLING_FIELDS),
  });
}
