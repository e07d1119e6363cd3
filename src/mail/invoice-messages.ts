// The e-mails of invoices: the invoice when issued, the receipt when paid, each with its PDF attached and
// the private link. Nothing about the session's service goes in the subject or the body (the PDF, for the
// client's own records and an insurer, says it).
import type { PracticeSettings } from '../domain/practice.ts';
import { money } from './invoice-pdf.ts';
import type { OutgoingMail } from './outbox.ts';
import { greeting } from './untrusted.ts';

export interface InvoiceMailFacts {
  to: string;
  clientName: string;
  number: string;
  amountMinor: number;
  currency: string;
  /** "Sunday 7 March 2027" */
  dueWords: string;
  link: string;
  pdf: Buffer;
  pdfName: string;
}

const signOff = (practice: PracticeSettings) => `\n${practice.name}\n${[practice.phone, practice.email].filter(Boolean).join(' · ')}`;

const attach = (f: InvoiceMailFacts) => [
  { filename: f.pdfName, contentType: 'application/pdf', content: f.pdf.toString('base64'), encoding: 'base64' as const },
];

export function invoiceToClient(f: InvoiceMailFacts, practice: PracticeSettings): OutgoingMail {
  return {
    kind: 'invoice-issued',
    to: f.to,
    subject: `Invoice ${f.number} from ${practice.name}`,
    text: [
      greeting(f.clientName),
      '',
      `Your invoice ${f.number} for ${money(f.amountMinor, f.currency)} is attached as a PDF. Payment is due by ${f.dueWords}; how to pay is on the invoice.`,
      '',
      `You can also see it, and download it again, here (a private link: please do not share it):`,
      f.link,
      '',
      'If anything on it looks wrong, just reply to this e-mail or get in touch with us.',
      signOff(practice),
    ].join('\n'),
    attachments: attach(f),
  };
}

export function receiptToClient(f: InvoiceMailFacts, practice: PracticeSettings): OutgoingMail {
  return {
    kind: 'invoice-receipt',
    to: f.to,
    subject: `Receipt for invoice ${f.number} from ${practice.name}`,
    text: [
      greeting(f.clientName),
      '',
      `Thank you: we have received ${money(f.amountMinor, f.currency)} for invoice ${f.number}. Your receipt is attached as a PDF, for your records or an insurer.`,
      '',
      'You can also download it again here (a private link: please do not share it):',
      f.link,
      signOff(practice),
    ].join('\n'),
    attachments: attach(f),
  };
}
