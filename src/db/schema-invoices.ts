// Kysely table types of invoices and the practice's billing settings (migration 023; part of DB in schema.ts).

export type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'void';
export type InvoiceKind = 'session' | 'late_cancellation' | 'no_show';

/** One row (id 1): registration, how to pay, payment terms, VAT (null: exempt) and the late-cancellation charge. */
export interface BillingSettingsTable {
  id: number;
  registration: string;
  payment_details: string;
  payment_terms_days: number;
  /** VAT in basis points (2000 = 20%); null: exempt. */
  vat_rate_bp: number | null;
  charge_hours: number;
  /** The share of the fee charged for a late cancellation or a missed session; 0: none. */
  charge_percent: number;
  updated_at: number;
}

/** The last number given per year: taken and raised inside the issuing transaction. */
export interface InvoiceCountersTable {
  year: number;
  last_number: number;
}

/** client_name, client_email and void_reason are sealed with the application key. */
export interface InvoicesTable {
  id: string;
  /** Null once the booking is deleted (retention, erasure): the invoice is kept. */
  booking_id: string | null;
  therapist_id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  number: string | null;
  amount_minor: number;
  currency: string;
  vat_rate_bp: number | null;
  client_name: string;
  client_email: string;
  service_name: string;
  therapist_name: string;
  session_start: number;
  time_zone: string;
  link_hash: string;
  created_at: number;
  issued_at: number | null;
  due_on: string | null;
  paid_on: string | null;
  paid_method: string | null;
  voided_at: number | null;
  void_reason: string | null;
  updated_at: number;
}
