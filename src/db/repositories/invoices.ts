// Invoices (migration 023): drafted from a session, issued with the next number of the year, paid or void.
// Client fields arrive sealed (the use case seals them); nothing here opens them. Every state change is a
// compare-and-swap on the status.
import type { Kysely, Selectable } from 'kysely';
import type { BillingSettings } from '../../domain/invoices.ts';
import type { DB } from '../schema.ts';
import type { BillingSettingsTable, InvoiceStatus, InvoicesTable } from '../schema-invoices.ts';

export type InvoiceRow = Selectable<InvoicesTable>;
export type NewInvoice = Omit<InvoiceRow, 'number' | 'issued_at' | 'due_on' | 'paid_on' | 'paid_method' | 'voided_at' | 'void_reason'>;

export function toBillingSettings(row: BillingSettingsTable): BillingSettings {
  return {
    registration: row.registration,
    paymentDetails: row.payment_details,
    paymentTermsDays: Number(row.payment_terms_days),
    vatRateBp: row.vat_rate_bp === null ? null : Number(row.vat_rate_bp),
    chargeHours: Number(row.charge_hours),
    chargePercent: Number(row.charge_percent),
  };
}

const num = (r: InvoiceRow): InvoiceRow => ({
  ...r,
  amount_minor: Number(r.amount_minor),
  vat_rate_bp: r.vat_rate_bp === null ? null : Number(r.vat_rate_bp),
  session_start: Number(r.session_start),
  created_at: Number(r.created_at),
  issued_at: r.issued_at === null ? null : Number(r.issued_at),
  voided_at: r.voided_at === null ? null : Number(r.voided_at),
  updated_at: Number(r.updated_at),
});

export function invoiceRepository(db: Kysely<DB>) {
  return {
    async billing(): Promise<BillingSettings> {
      return toBillingSettings(await db.selectFrom('billing_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow());
    },
    async updateBilling(s: BillingSettings, now: number): Promise<void> {
      await db
        .updateTable('billing_settings')
        .set({
          registration: s.registration,
          payment_details: s.paymentDetails,
          payment_terms_days: s.paymentTermsDays,
          vat_rate_bp: s.vatRateBp,
          charge_hours: s.chargeHours,
          charge_percent: s.chargePercent,
          updated_at: now,
        })
        .where('id', '=', 1)
        .execute();
    },

    /** What a booking's session costs: the service's price, the therapist's own fee where set, and the names. */
    async feeFacts(bookingId: string) {
      return db
        .selectFrom('bookings as b')
        .innerJoin('services as s', 's.id', 'b.service_id')
        .innerJoin('therapists as t', 't.id', 'b.therapist_id')
        .leftJoin('therapist_services as x', (j) => j.onRef('x.therapist_id', '=', 'b.therapist_id').onRef('x.service_id', '=', 'b.service_id'))
        .select([
          's.id as service_id',
          's.name as service_name',
          's.price_minor',
          's.currency as service_currency',
          't.currency as therapist_currency',
          't.name as therapist_name',
          't.time_zone',
          'x.fee_minor as own_fee_minor',
        ])
        .where('b.id', '=', bookingId)
        .executeTakeFirst();
    },

    /** The booking's invoices, newest first. */
    async forBooking(bookingId: string): Promise<InvoiceRow[]> {
      const rows = await db
        .selectFrom('invoices')
        .selectAll()
        .where('booking_id', '=', bookingId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(num);
    },
    /** One invoice; with `therapistId`, only that therapist's (the query is the second lock after the access function). */
    async findById(id: string, therapistId?: string): Promise<InvoiceRow | undefined> {
      let q = db.selectFrom('invoices').selectAll().where('id', '=', id);
      if (therapistId !== undefined) q = q.where('therapist_id', '=', therapistId);
      const r = await q.executeTakeFirst();
      return r && num(r);
    },
    /** An issued (or paid, or void) invoice by its private link's hash; a draft is nobody's to see yet. */
    async findByLinkHash(linkHash: string): Promise<InvoiceRow | undefined> {
      const r = await db.selectFrom('invoices').selectAll().where('link_hash', '=', linkHash).where('status', '!=', 'draft').executeTakeFirst();
      return r && num(r);
    },
    /** Every invoice (a therapist's only, when given), newest first, at most `limit`. */
    async list(therapistId: string | undefined, limit: number): Promise<InvoiceRow[]> {
      let q = db.selectFrom('invoices').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
      if (therapistId !== undefined) q = q.where('therapist_id', '=', therapistId);
      return (await q.execute()).map(num);
    },

    /**
     * A client's erasure, for one of their bookings: drafts go (nothing was ever sent), issued invoices keep
     * what the law needs (the name, the session, the amount) and lose the e-mail address.
     */
    async reduceForErasure(bookingId: string, emptySealed: string, now: number): Promise<void> {
      await db.deleteFrom('invoices').where('booking_id', '=', bookingId).where('status', '=', 'draft').execute();
      await db.updateTable('invoices').set({ client_email: emptySealed, updated_at: now }).where('booking_id', '=', bookingId).execute();
    },

    async insert(row: NewInvoice): Promise<void> {
      await db
        .insertInto('invoices')
        .values({ ...row, number: null, issued_at: null, due_on: null, paid_on: null, paid_method: null, voided_at: null, void_reason: null })
        .execute();
    },
    /** A draft's amount and kind, when its session's mark is corrected. */
    async redraft(id: string, patch: Pick<InvoiceRow, 'kind' | 'amount_minor' | 'currency'>, now: number): Promise<boolean> {
      const r = await db
        .updateTable('invoices')
        .set({ ...patch, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async deleteDraft(id: string): Promise<boolean> {
      const r = await db.deleteFrom('invoices').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    /**
     * The next number of the year: the year's counter row is raised in one statement (on PostgreSQL the row
     * stays locked until the transaction ends, so concurrent issuing waits; SQLite's write transaction
     * serialises). Call only inside the issuing transaction, so a number is used or given back, never lost.
     */
    async nextNumber(year: number): Promise<number> {
      await db
        .insertInto('invoice_counters')
        .values({ year, last_number: 0 })
        .onConflict((oc) => oc.column('year').doNothing())
        .execute();
      const r = await db
        .updateTable('invoice_counters')
        .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
        .where('year', '=', year)
        .returning('last_number')
        .executeTakeFirstOrThrow();
      return Number(r.last_number);
    },
    async issue(id: string, s: { number: string; issuedAt: number; dueOn: string; vatRateBp: number | null }): Promise<boolean> {
      const r = await db
        .updateTable('invoices')
        .set({ status: 'issued', number: s.number, issued_at: s.issuedAt, due_on: s.dueOn, vat_rate_bp: s.vatRateBp, updated_at: s.issuedAt })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async markPaid(id: string, s: { paidOn: string; method: string }, now: number): Promise<boolean> {
      const r = await db
        .updateTable('invoices')
        .set({ status: 'paid', paid_on: s.paidOn, paid_method: s.method, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'issued')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async void(id: string, from: InvoiceStatus, reasonSealed: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('invoices')
        .set({ status: 'void', void_reason: reasonSealed, voided_at: now, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
