// Contact messages and call-back requests: sealed with the application key before they reach the
// database, and announced to the practice through the outbox in the same transaction. The e-mail carries
// no word the person wrote (nor their name or number): it says that something arrived and where to read it,
// so what a client types never leaves the practice's server.
import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { type CallbackTime, CONTACT_CONSENT_VERSION } from '../../domain/contact.ts';
import { suggestsRisk } from '../../domain/risk.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { Encryptor } from '../../security/encryption.ts';
import type { ContactRequestsTable, DB } from '../schema.ts';
import { normaliseEmail } from './staff-users.ts';

export type ContactKind = 'message' | 'callback';

export type NewContactRequest =
  | { kind: 'message'; name: string; email?: string | undefined; phone?: string | undefined; message: string }
  | { kind: 'callback'; name: string; phone: string; times: CallbackTime[]; voicemail: boolean; note?: string | undefined };

export interface ContactRequest {
  id: string;
  reference: string;
  kind: ContactKind;
  name: string;
  email: string | null;
  phone: string | null;
  /** The message, or the note with a call-back request. */
  body: string | null;
  preferredTimes: CallbackTime[];
  voicemailOk: boolean | null;
  /** Worth reading first: the words suggest the person may be at risk (recomputed, never stored). */
  suggestsRisk: boolean;
  consentVersion: string;
  consentAt: number;
  status: 'new' | 'handled';
  createdAt: number;
  handledAt: number | null;
}

export interface PracticeInbox {
  /** Where the notice goes: the practice's e-mail address. */
  email: string;
  /** The site's address, for the link in the notice. */
  publicUrl: string;
}

/**
 * A phone number as compared when finding one person's messages: digits only, a leading + kept, and UK
 * numbers in one form (07700 900 982, +44 7700 900 982, 0044 7700 900982 and +44 (0)7700 900982 are all
 * +447700900982). '' when there are no digits.
 */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits === '') return '';
  let n: string;
  if (raw.trim().startsWith('+')) n = `+${digits}`;
  else if (digits.startsWith('00')) n = `+${digits.slice(2)}`;
  else if (digits.startsWith('0')) n = `+44${digits.slice(1)}`;
  else n = digits;
  // "+44 (0)7700…": the trunk 0 written after the country code.
  return n.startsWith('+440') ? `+44${n.slice(4)}` : n;
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const reference = (kind: ContactKind) =>
  `${kind === 'message' ? 'M' : 'C'}-${Array.from({ length: 6 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('')}`;

export function contactRepository(db: Kysely<DB>, encryptor: Encryptor) {
  const seal = (v: string | undefined | null) => (v ? encryptor.encrypt(v) : null);
  const open = (v: string | null) => (v === null ? null : encryptor.decrypt(v));

  function toRequest(row: Selectable<ContactRequestsTable>): ContactRequest {
    const body = open(row.body_sealed);
    return {
      id: row.id,
      reference: row.reference,
      kind: row.kind,
      name: encryptor.decrypt(row.name_sealed),
      email: open(row.email_sealed),
      phone: open(row.phone_sealed),
      body,
      preferredTimes: JSON.parse(row.preferred_times) as CallbackTime[],
      voicemailOk: row.voicemail_ok === null ? null : row.voicemail_ok === 1,
      suggestsRisk: body ? suggestsRisk(body) : false,
      consentVersion: row.consent_version,
      consentAt: Number(row.consent_at),
      status: row.status,
      createdAt: Number(row.created_at),
      handledAt: row.handled_at === null ? null : Number(row.handled_at),
    };
  }

  return {
    /** Stores the request and its notice e-mail in one transaction. Returns the new id and reference. */
    async submit(request: NewContactRequest, inbox: PracticeInbox, now: number): Promise<{ id: string; reference: string }> {
      const id = randomUUID();
      const ref = reference(request.kind);
      const body = request.kind === 'message' ? request.message : request.note;
      const urgent = body ? suggestsRisk(body) : false;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('contact_requests')
          .values({
            id,
            reference: ref,
            kind: request.kind,
            name_sealed: encryptor.encrypt(request.name),
            email_sealed: request.kind === 'message' ? seal(request.email) : null,
            phone_sealed: seal(request.phone),
            body_sealed: seal(body),
            preferred_times: JSON.stringify(request.kind === 'callback' ? request.times : []),
            voicemail_ok: request.kind === 'callback' ? (request.voicemail ? 1 : 0) : null,
            consent_version: CONTACT_CONSENT_VERSION,
            consent_at: now,
            status: 'new',
            created_at: now,
            handled_at: null,
          })
          .execute();
        await enqueueMail(trx, noticeMail(request.kind, ref, urgent, inbox), now, encryptor);
      });
      return { id, reference: ref };
    },
    /** Newest first; `status` narrows to new or handled ones. For the staff inbox. */
    async list(options: { status?: 'new' | 'handled'; limit?: number } = {}): Promise<ContactRequest[]> {
      let q = db.selectFrom('contact_requests').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(options.limit ?? 100);
      if (options.status) q = q.where('status', '=', options.status);
      return (await q.execute()).map(toRequest);
    },
    /**
     * Every message and call-back request from one person: those whose e-mail address is `email`, or whose
     * phone number is `phone` (compared by normalisePhone). Addresses and numbers are sealed and have no
     * index, so each row is opened to compare. For a client's data request (export, erasure).
     */
    async findForClient(who: { email?: string | undefined; phone?: string | undefined }): Promise<ContactRequest[]> {
      const email = who.email?.trim() ? normaliseEmail(who.email) : undefined;
      const phone = who.phone ? normalisePhone(who.phone) : '';
      if (!email && !phone) return [];
      const rows = await db
        .selectFrom('contact_requests')
        .selectAll()
        .where((eb) => eb.or([eb('email_sealed', 'is not', null), eb('phone_sealed', 'is not', null)]))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows
        .filter((r) => {
          if (email && r.email_sealed !== null && normaliseEmail(encryptor.decrypt(r.email_sealed)) === email) return true;
          return phone !== '' && r.phone_sealed !== null && normalisePhone(encryptor.decrypt(r.phone_sealed)) === phone;
        })
        .map(toRequest);
    },
    /** Deletes one request (a client's erasure). True when it was there. */
    async delete(id: string): Promise<boolean> {
      const r = await db.deleteFrom('contact_requests').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },
    /** How many messages and call-back requests are new (not yet handled). */
    async countNew(): Promise<number> {
      const row = await db.selectFrom('contact_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'new').executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async findById(id: string): Promise<ContactRequest | undefined> {
      const row = await db.selectFrom('contact_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRequest(row) : undefined;
    },
    /** Compare-and-swap: true when this call marked it handled. */
    async markHandled(id: string, now: number): Promise<boolean> {
      const r = await db.updateTable('contact_requests').set({ status: 'handled', handled_at: now }).where('id', '=', id).where('status', '=', 'new').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Retention: deletes requests received before `before`. Returns how many went. */
    async purgeOlderThan(before: number): Promise<number> {
      const r = await db.deleteFrom('contact_requests').where('created_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type ContactRepository = ReturnType<typeof contactRepository>;

function noticeMail(kind: ContactKind, ref: string, urgent: boolean, inbox: PracticeInbox) {
  const what = kind === 'message' ? 'message' : 'call-back request';
  const lines = [
    `A new ${what} has come in through the website.`,
    '',
    `Reference: ${ref}`,
    ...(urgent ? ['', 'Please read it soon: an automatic check noticed words that can mean someone is at risk.'] : []),
    '',
    `Read it in the staff inbox (sign-in needed): ${inbox.publicUrl}/staff/admin/inbox`,
    '',
    'For privacy, what the person wrote, their name and their contact details are not included in this e-mail.',
  ];
  return {
    kind: kind === 'message' ? 'contact-message' : 'contact-callback',
    to: inbox.email,
    subject: kind === 'message' ? `New message from the website (${ref})` : `New call-back request from the website (${ref})`,
    text: lines.join('\n'),
  };
}
