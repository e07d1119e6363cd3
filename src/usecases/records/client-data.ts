// Clients' data requests: everything held about one client (their e-mail address and, optionally, their
// phone number), collected for the client's own copy (which only they receive: see data-export.ts), and
// erasure, handled by an admin. Bookings are found through the keyed blind index of
// the address; contact messages and call-back requests (which have no index, and a call-back has no
// address) by opening each one's sealed address and number. Erasure keeps bookings as pseudonymous rows
// (time, therapist, service, status: the therapist's records and the no-overlap rule need them) and keeps
// audit rows; it cancels sessions still to come, so their time frees up.
import { randomBytes } from 'node:crypto';
import { bookingRepository } from '../../db/repositories/bookings.ts';
import { companionRepositoriesFor } from '../../db/repositories/companion.ts';
import { contactRepository, normalisePhone } from '../../db/repositories/contact.ts';
import { intakeRepository } from '../../db/repositories/intakes.ts';
import { invoiceRepository } from '../../db/repositories/invoices.ts';
import { sessionNoteRepository } from '../../db/repositories/session-notes.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { waitlistRepository } from '../../db/repositories/waitlist.ts';
import { normaliseEmail } from '../../domain/email.ts';
import { hashToken, newToken } from '../../security/encryption.ts';
import type { AuditContext } from '../audit.ts';
import { clientIntakeAnswers } from '../bookings/intake.ts';
import { withTherapistLocks } from '../bookings/locks.ts';
import { sessionNotesForExport } from '../bookings/session-notes.ts';
import { notifyWaitlist } from '../bookings/waitlist.ts';
import { companionRecord } from '../companion/account.ts';
import { deleteMailTo } from '../outbox.ts';
import type { StaffDeps } from '../staff/context.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** The audit log's name for a client: a keyed hash of their address, so the row survives erasure without naming them. */
export const clientPseudonym = (deps: Pick<StaffDeps, 'encryptor'>, email: string) => `client:${deps.encryptor.blindIndex(normaliseEmail(email)).slice(0, 22)}`;

/** Who a data request is about: the e-mail address they used, and a phone number when the admin has one. */
export interface ClientKey {
  email: string;
  phone?: string | undefined;
}

async function companionClientId(deps: StaffDeps, email: string): Promise<string | undefined> {
  return (await companionRepositoriesFor(deps).accounts.clientByIndex(deps.encryptor.blindIndex(normaliseEmail(email))))?.id;
}

export interface ClientExport {
  exportedAt: string;
  email: string;
  /** The phone number the request gave (normalised), or null. */
  phone: string | null;
  bookings: Record<string, unknown>[];
  waitlist: Record<string, unknown>[];
  contactRequests: Record<string, unknown>[];
  companion: Awaited<ReturnType<typeof companionRecord>> | null;
}

/**
 * Everything held about a client, opened: their booking notes and their companion answers included, so it
 * goes to nobody but them (data-export.ts mails them a single-use link). Audited as `client.export`.
 */
export async function collectClientData(deps: StaffDeps, client: ClientKey, audit: AuditContext): Promise<ClientExport> {
  const { db } = deps.database;
  const { email } = client;
  const open = (v: string | null) => (v === null ? null : deps.encryptor.decrypt(v));
  const index = deps.encryptor.blindIndex(email);
  const [bookings, waitlist, contacts, companionId] = await Promise.all([
    bookingRepository(db).forClient(index),
    waitlistRepository(db).forClient(index),
    // Contact messages and call-back requests with the client's address or (normalised) phone number.
    contactRepository(db, deps.encryptor).findForClient(client),
    companionClientId(deps, email),
  ]);
  const companion = companionId ? await companionRecord(deps, companionId) : null;
  // Their own answers before a first session (a partner's are the partner's, never in this copy).
  const intakes = await clientIntakeAnswers(
    deps,
    bookings.map((b) => b.id),
  );
  // Their therapists' session notes, when the practice includes them (a setting; null leaves them out).
  const notes = await sessionNotesForExport(
    deps,
    bookings.map((b) => b.id),
  );
  const now = deps.clock.now();
  await writeAudit(db, now, { actor: audit.actor, action: 'client.export', target: clientPseudonym(deps, email), requestId: audit.requestId });
  return {
    exportedAt: new Date(now).toISOString(),
    email: normaliseEmail(email),
    phone: client.phone ? normalisePhone(client.phone) || null : null,
    bookings: bookings.map((b) => ({
      reference: b.reference,
      status: b.status,
      start: iso(b.starts_at),
      end: iso(b.ends_at),
      service: b.service_name,
      therapist: b.therapist_name,
      format: b.format,
      name: open(b.client_name),
      email: open(b.client_email),
      phone: open(b.client_phone),
      notes: open(b.notes),
      timeZone: b.client_time_zone,
      consent: { version: b.consent_version, givenAt: iso(b.consent_at) },
      createdAt: iso(b.created_at),
      cancelledAt: iso(b.cancelled_at),
      cancelledBy: b.cancelled_by,
      intake: intakes.get(b.id) ?? null,
      ...(notes ? { sessionNotes: notes.get(b.id) ?? [] } : {}),
    })),
    waitlist: waitlist.map((w) => ({
      service: w.service_name,
      therapist: w.therapist_name,
      name: open(w.client_name),
      email: open(w.client_email),
      from: w.from_date,
      to: w.to_date,
      status: w.status,
      joinedAt: iso(w.created_at),
      lastToldAt: iso(w.last_notified_at),
    })),
    contactRequests: contacts.map((m) => ({
      reference: m.reference,
      kind: m.kind,
      name: m.name,
      email: m.email,
      phone: m.phone,
      message: m.body,
      preferredTimes: m.preferredTimes,
      voicemailOk: m.voicemailOk,
      consent: { version: m.consentVersion, givenAt: iso(m.consentAt) },
      status: m.status,
      receivedAt: iso(m.createdAt),
      handledAt: iso(m.handledAt),
    })),
    companion,
  };
}

/** What is held about a client, as counts (nothing opened): shown to the admin before a copy or an erasure. */
export interface ClientHoldings {
  bookings: number;
  upcoming: number;
  waitlist: number;
  contactRequests: number;
  companionAccount: boolean;
}

export const holdsNothing = (h: ClientHoldings) => h.bookings + h.waitlist + h.contactRequests === 0 && !h.companionAccount;

export async function clientHoldings(deps: StaffDeps, client: ClientKey, audit: AuditContext): Promise<ClientHoldings> {
  const { db } = deps.database;
  const index = deps.encryptor.blindIndex(client.email);
  const now = deps.clock.now();
  const [bookings, waitlist, contacts, companionId] = await Promise.all([
    bookingRepository(db).forClient(index),
    waitlistRepository(db).forClient(index),
    contactRepository(db, deps.encryptor).findForClient(client),
    companionClientId(deps, client.email),
  ]);
  await writeAudit(db, now, { actor: audit.actor, action: 'client.lookup', target: clientPseudonym(deps, client.email), requestId: audit.requestId });
  return {
    bookings: bookings.length,
    upcoming: bookings.filter((b) => (b.status === 'confirmed' || b.status === 'pending') && Number(b.starts_at) > now).length,
    waitlist: waitlist.length,
    contactRequests: contacts.length,
    companionAccount: companionId !== undefined,
  };
}

export interface ErasureReport {
  bookingsPseudonymised: number;
  upcomingCancelled: number;
  waitlistRemoved: number;
  contactRequestsRemoved: number;
  outboxRemoved: number;
  companionErased: boolean;
}

/**
 * Erases a client: their name, address, phone and notes leave every booking (which stays as a pseudonymous
 * row; sessions still to come are cancelled and offered to the waiting list), their waiting-list entries,
 * contact messages and any unsent or sent e-mail to them go, and so does their companion account.
 */
export async function eraseClient(deps: StaffDeps, client: ClientKey, audit: AuditContext): Promise<ErasureReport> {
  const { db } = deps.database;
  const { email } = client;
  const index = deps.encryptor.blindIndex(email);
  const pseudonym = clientPseudonym(deps, email);
  const report: ErasureReport = {
    bookingsPseudonymised: 0,
    upcomingCancelled: 0,
    waitlistRemoved: 0,
    contactRequestsRemoved: 0,
    outboxRemoved: 0,
    companionErased: false,
  };

  const therapistIds = await bookingRepository(db).therapistsOfClient(index);
  await withTherapistLocks(deps.database, therapistIds, async (trx) => {
    const now = deps.clock.now();
    const bookings = bookingRepository(trx);
    const rows = await bookings.forClient(index);
    for (const b of rows) {
      const upcoming = (b.status === 'confirmed' || b.status === 'pending') && Number(b.starts_at) > now;
      const deadToken = newToken();
      await bookings.overwrite(
        b.id,
        {
          client_name: deps.encryptor.encrypt('Erased client'),
          client_email: deps.encryptor.encrypt(''),
          client_email_hash: `erased:${randomBytes(16).toString('base64url')}`,
          client_phone: null,
          notes: null,
          manage_token_hash: hashToken(deadToken),
          manage_token_sealed: deps.encryptor.encrypt(''),
          manage_expires_at: 0,
          idempotency_key: null,
          idempotency_fingerprint: null,
          ...(upcoming ? { status: 'cancelled' as const, cancelled_at: now, cancelled_by: 'erasure', sequence: b.sequence + 1 } : {}),
        },
        now,
      );
      // Their answers before a first session, and their partner's, go with their name.
      await intakeRepository(trx).deleteForBooking(b.id);
      // And their therapist's session notes.
      await sessionNoteRepository(trx).deleteForBooking(b.id);
      // Invoices stay (the law requires them), reduced to what it needs: no e-mail address, no unsent drafts.
      await invoiceRepository(trx).reduceForErasure(b.id, deps.encryptor.encrypt(''), now);
      report.bookingsPseudonymised++;
      if (upcoming) {
        report.upcomingCancelled++;
        await notifyWaitlist(trx, deps, { serviceId: b.service_id, therapistId: b.therapist_id, freedStart: Number(b.starts_at), now });
      }
    }
    report.waitlistRemoved = await waitlistRepository(trx).removeClient(index);
  });

  const contacts = contactRepository(db, deps.encryptor);
  for (const m of await contacts.findForClient(client)) {
    if (await contacts.delete(m.id)) report.contactRequestsRemoved++;
  }
  // E-mail to them (sent or not) names them: it goes too.
  report.outboxRemoved = await deleteMailTo(db, deps.encryptor, email);
  const companionId = await companionClientId(deps, email);
  if (companionId) {
    await companionRepositoriesFor(deps).circles.eraseClient(companionId);
    report.companionErased = true;
  }
  await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'client.erase', target: pseudonym, requestId: audit.requestId });
  return report;
}
