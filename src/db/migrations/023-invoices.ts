import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Invoices and receipts (src/domain/invoices.ts), without a payment provider, and the practice's billing
 * settings (registration, how to pay, payment terms, VAT, the late-cancellation charge).
 *
 * An invoice copies what it states from its booking (the client's name and address sealed as the booking
 * seals them, the service, the session's time), so it outlives the booking: retention and erasure delete
 * bookings, and the link to one is then set to null, never the invoice. Numbers come from one counter row per
 * year, taken inside the issuing transaction (gap-free, never repeated); a unique index backs it.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('billing_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('registration', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('payment_details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('payment_terms_days', 'integer', (c) => c.notNull().defaultTo(14))
    .addColumn('vat_rate_bp', 'integer')
    .addColumn('charge_hours', 'integer', (c) => c.notNull().defaultTo(48))
    .addColumn('charge_percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('billing_settings').values({ id: 1 }).execute();

  await db.schema
    .createTable('invoice_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.references('bookings.id').onDelete('set null'))
    .addColumn('therapist_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('vat_rate_bp', 'integer')
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('client_email', 'text', (c) => c.notNull())
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('therapist_name', 'text', (c) => c.notNull())
    .addColumn('session_start', 'bigint', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('link_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('issued_at', 'bigint')
    .addColumn('due_on', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('paid_method', 'text')
    .addColumn('voided_at', 'bigint')
    .addColumn('void_reason', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoices_number').unique().on('invoices').column('number').execute();
  await db.schema.createIndex('invoices_link_hash').unique().on('invoices').column('link_hash').execute();
  await db.schema.createIndex('invoices_booking').on('invoices').column('booking_id').execute();
  await db.schema.createIndex('invoices_therapist').on('invoices').columns(['therapist_id', 'created_at']).execute();
}
