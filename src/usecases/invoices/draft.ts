// Drafting an invoice when a session is charged: its therapist marks it attended (the fee), or marks it
// missed, or the client cancels it late, when the practice's policy charges a share (domain/invoices.ts
// chargeFor). Called by the booking change path (bookings/change.ts) inside its transaction, so the draft
// and the change commit together. A corrected mark redrafts (or removes) a draft; an issued invoice stays
// as it is (void it, if it is wrong).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app/deps.ts';
import type { BookingRow } from '../../db/repositories/bookings.ts';
import { invoiceRepository } from '../../db/repositories/invoices.ts';
import type { DB } from '../../db/schema.ts';
import { sessionFee } from '../../domain/fees.ts';
import { CAN, type ChargeEvent, chargeFor } from '../../domain/invoices.ts';
import { hashToken } from '../../security/encryption.ts';

type DraftDeps = Pick<AppDeps, 'encryptor'>;

/** What a booking change means for charging: attended, missed, cancelled by the client, or nothing. */
export function chargeEventOf(change: { kind: string; status?: string }, actor: 'client' | 'therapist' | 'admin', now: number): ChargeEvent | null {
  if (change.kind === 'mark') return change.status === 'attended' ? { kind: 'attended' } : { kind: 'no_show' };
  if (change.kind === 'cancel' && actor === 'client') return { kind: 'client_cancelled', at: now };
  return null;
}

/** The token of an invoice's private link: derived from its id, never stored (only its hash is). */
export const invoiceLinkToken = (deps: Pick<AppDeps, 'encryptor'>, invoiceId: string) => deps.encryptor.capability(`invoice:${invoiceId}`);

/** Drafts (or redrafts, or removes the draft of) the invoice for a booking that has just changed. */
export async function draftForChange(trx: Kysely<DB>, deps: DraftDeps, booking: BookingRow, event: ChargeEvent | null, now: number): Promise<void> {
  if (!event) return;
  const invoices = invoiceRepository(trx);
  const [facts, policy, existing] = await Promise.all([invoices.feeFacts(booking.id), invoices.billing(), invoices.forBooking(booking.id)]);
  if (!facts) return;
  const current = existing.find((i) => i.status !== 'void');
  const fee = sessionFee(
    { id: facts.service_id, priceMinor: Number(facts.price_minor), currency: facts.service_currency },
    { serviceFees: facts.own_fee_minor === null ? {} : { [facts.service_id]: Number(facts.own_fee_minor) }, currency: facts.therapist_currency },
  );
  const charge = chargeFor(policy, fee, Number(booking.starts_at), event);
  if (current) {
    if (!CAN.redraft(current.status)) return;
    if (!charge) await invoices.deleteDraft(current.id);
    else await invoices.redraft(current.id, { kind: charge.kind, amount_minor: charge.amount.minor, currency: charge.amount.currency }, now);
    return;
  }
  if (!charge) return;
  const id = randomUUID();
  await invoices.insert({
    id,
    booking_id: booking.id,
    therapist_id: booking.therapist_id,
    kind: charge.kind,
    status: 'draft',
    amount_minor: charge.amount.minor,
    currency: charge.amount.currency,
    vat_rate_bp: policy.vatRateBp,
    // Already sealed on the booking: copied as they are, so the invoice outlives the booking.
    client_name: booking.client_name,
    client_email: booking.client_email,
    service_name: facts.service_name,
    therapist_name: facts.therapist_name,
    session_start: Number(booking.starts_at),
    time_zone: facts.time_zone,
    link_hash: hashToken(invoiceLinkToken(deps, id)),
    created_at: now,
    updated_at: now,
  });
}
