// Invoices and receipts, without a payment provider: when a session is charged (attended, or a late
// cancellation or a missed session when the practice's policy charges one), what the charge is, the VAT line,
// the number, the due date, and which state an invoice may move to. Pure: amounts in minor units.
import type { Money } from './fees.ts';

/** The practice's billing settings (admin settings → Billing). */
export interface BillingSettings {
  /** "BACP membership 123456", a company number: printed on every invoice. */
  registration: string;
  /** How to pay: bank details (account name, sort code, account number) or free text. */
  paymentDetails: string;
  paymentTermsDays: number;
  /** VAT in basis points (2000 = 20%), or null: exempt (counselling usually is in the UK). */
  vatRateBp: number | null;
  /** A cancellation less than this many hours before the session is late. */
  chargeHours: number;
  /** The share of the fee charged for a late cancellation or a missed session, in percent; 0: none. */
  chargePercent: number;
}

export const DEFAULT_BILLING: BillingSettings = {
  registration: '',
  paymentDetails: '',
  paymentTermsDays: 14,
  vatRateBp: null,
  chargeHours: 48,
  chargePercent: 0,
};

export type InvoiceKind = 'session' | 'late_cancellation' | 'no_show';
export type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'void';
export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_WORDS: Record<PaymentMethod, string> = { bank_transfer: 'Bank transfer', card: 'Card', cash: 'Cash' };

export const KIND_WORDS: Record<InvoiceKind, string> = {
  session: 'Session',
  late_cancellation: 'Late cancellation',
  no_show: 'Missed session',
};

const HOUR_MS = 3_600_000;

/** Whether a cancellation at `at` of a session starting at `startsAt` is late: strictly inside the window. */
export function isLateCancellation(policy: Pick<BillingSettings, 'chargeHours'>, startsAt: number, at: number): boolean {
  return startsAt - at < policy.chargeHours * HOUR_MS;
}

/** The policy's share of a fee, rounded to the nearest minor unit (half up). */
export const shareOf = (fee: number, percent: number): number => Math.floor((fee * percent + 50) / 100);

/** What happened to a session, as far as charging goes. */
export type ChargeEvent =
  | { kind: 'attended' }
  | { kind: 'no_show' }
  /** Cancelled by the client at `at` (a practice's own cancellation is never charged). */
  | { kind: 'client_cancelled'; at: number };

/**
 * What a session is charged, if anything: an attended session its fee; a missed session or a client's
 * late cancellation the policy's share of it (none when the policy charges none, or the share is nothing).
 * A free session is never charged.
 */
export function chargeFor(
  policy: Pick<BillingSettings, 'chargeHours' | 'chargePercent'>,
  fee: Money,
  startsAt: number,
  event: ChargeEvent,
): { kind: InvoiceKind; amount: Money } | null {
  if (fee.minor <= 0) return null;
  if (event.kind === 'attended') return { kind: 'session', amount: fee };
  if (policy.chargePercent <= 0) return null;
  if (event.kind === 'client_cancelled' && !isLateCancellation(policy, startsAt, event.at)) return null;
  const minor = shareOf(fee.minor, Math.min(100, policy.chargePercent));
  if (minor <= 0) return null;
  return { kind: event.kind === 'no_show' ? 'no_show' : 'late_cancellation', amount: { minor, currency: fee.currency } };
}

/** The VAT within a VAT-inclusive amount (null: exempt). */
export function vatIncluded(amountMinor: number, vatRateBp: number | null): number | null {
  if (vatRateBp === null) return null;
  return Math.round((amountMinor * vatRateBp) / (10_000 + vatRateBp));
}

/** "INV-2027-0001": the year it was issued in and its place in that year's sequence. */
export const invoiceNumber = (year: number, n: number): string => `INV-${year}-${String(n).padStart(4, '0')}`;

/** The day payment is due: the issue day (an epoch day in the practice's zone) plus the payment terms. */
export function dueOn(issuedOnEpochDay: number, termsDays: number): number {
  return issuedOnEpochDay + Math.max(0, termsDays);
}

/** Whether a payment date (an epoch day) can be right: not before the invoice's issue day, not after today. */
export const paidDateAllowed = (paidDay: number, issuedDay: number, today: number): boolean => paidDay >= issuedDay && paidDay <= today;

/** Which change an invoice in a state allows. */
export const CAN = {
  issue: (s: InvoiceStatus) => s === 'draft',
  pay: (s: InvoiceStatus) => s === 'issued',
  void: (s: InvoiceStatus) => s === 'draft' || s === 'issued',
  /** A draft follows its session when the mark is corrected; an issued invoice stays as issued. */
  redraft: (s: InvoiceStatus) => s === 'draft',
} as const;

export function vatWords(vatRateBp: number | null): string {
  if (vatRateBp === null) return 'VAT: exempt';
  return `Includes VAT at ${(vatRateBp / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`;
}
