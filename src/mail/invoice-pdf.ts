// The invoice and the receipt as PDF documents (pdfkit, its built-in Helvetica: no font files to ship).
// Given the facts, returns the bytes; the same document is attached to the e-mail and served from the
// client's private link. A receipt is the paid invoice, titled so, with the date and way it was paid:
// what a health insurer asks for.
import PDFDocument from 'pdfkit';
import { type InvoiceKind, KIND_WORDS, PAYMENT_METHOD_WORDS, type PaymentMethod, vatIncluded, vatWords } from '../domain/invoices.ts';
import { formatDate } from './when.ts';

/** A calendar date (YYYY-MM-DD) in full: "Sunday 7 March 2027". */
export const dateWords = (iso: string): string => formatDate(Date.parse(`${iso}T12:00:00Z`), 'UTC');

export interface InvoiceDocument {
  number: string;
  kind: InvoiceKind;
  status: 'issued' | 'paid' | 'void';
  practice: { name: string; address: string; email: string; phone: string; registration: string; paymentDetails: string };
  clientName: string;
  serviceName: string;
  therapistName: string;
  sessionStart: number;
  timeZone: string;
  amountMinor: number;
  currency: string;
  vatRateBp: number | null;
  issuedAt: number;
  /** ISO date. */
  dueOn: string;
  paidOn?: string | null;
  paidMethod?: PaymentMethod | null;
}

/** "£60.00": always with pence on an invoice. */
export const money = (minor: number, currency: string): string =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 2 }).format(minor / 100);

/** The document's lines, in order: what the PDF says (tests and the private page read the same words). */
export function invoiceLines(d: InvoiceDocument, receipt: boolean): { title: string; rows: [string, string][]; notes: string[] } {
  const vat = vatIncluded(d.amountMinor, d.vatRateBp);
  const rows: [string, string][] = [
    [receipt ? 'Receipt for invoice' : 'Invoice number', d.number],
    ['Date of issue', formatDate(d.issuedAt, d.timeZone)],
    ['Billed to', d.clientName],
    ['Session', `${formatDate(d.sessionStart, d.timeZone)}, ${d.serviceName}, with ${d.therapistName}`],
    ['Item', KIND_WORDS[d.kind]],
    ['Amount', money(d.amountMinor, d.currency)],
    ['VAT', vat === null ? 'Exempt' : `${vatWords(d.vatRateBp)}: ${money(vat, d.currency)}`],
  ];
  if (receipt) {
    rows.push(['Paid on', d.paidOn ? dateWords(d.paidOn) : '']);
    rows.push(['Paid by', d.paidMethod ? PAYMENT_METHOD_WORDS[d.paidMethod] : '']);
  } else {
    rows.push(['Payment due', dateWords(d.dueOn)]);
  }
  const notes: string[] = [];
  if (d.status === 'void') notes.push('This invoice is void: nothing is owed on it.');
  else if (receipt) notes.push(`Received with thanks: ${money(d.amountMinor, d.currency)}.`);
  else if (d.practice.paymentDetails.trim()) notes.push('How to pay', d.practice.paymentDetails.trim(), `Please quote ${d.number} with your payment.`);
  return { title: receipt ? 'Receipt' : d.status === 'void' ? 'Invoice (void)' : 'Invoice', rows, notes };
}

export function invoicePdf(d: InvoiceDocument, receipt: boolean): Promise<Buffer> {
  const { title, rows, notes } = invoiceLines(d, receipt);
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${title} ${d.number}`, Author: d.practice.name } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(20).text(d.practice.name);
  doc.font('Helvetica').fontSize(10);
  for (const line of [d.practice.address, [d.practice.phone, d.practice.email].filter(Boolean).join('  ·  '), d.practice.registration]) {
    if (line.trim()) doc.text(line.trim());
  }
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(16).text(`${title} ${d.number}`);
  doc.moveDown(0.5);
  doc.fontSize(11);
  for (const [label, value] of rows) {
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true });
    doc.font('Helvetica').text(value);
  }
  doc.moveDown(1);
  for (const [i, note] of notes.entries()) {
    doc.font(i === 0 && notes.length > 1 ? 'Helvetica-Bold' : 'Helvetica').text(note);
  }
  doc.end();
  return done;
}

/** The attachment's file name: the number only, nothing about the session. */
export const pdfName = (number: string, receipt: boolean) => `${receipt ? 'receipt' : 'invoice'}-${number}.pdf`;
