// Contact messages and call-back requests, sealed with the application key before they reach the
// database. SQL only: the notice e-mail and the risk check belong to the use cases (src/usecases/contact/).
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { type CallbackTime, normalisePhone } from '../../domain/contact.ts';
import { normaliseEmail } from '../../domain/email.ts';
import type { Encryptor } from '../../security/encryption.ts';
import type { ContactRequestsTable, DB } from '../schema.ts';

export { normalisePhone };

export type ContactKind = 'message' | 'callback';

export type NewContactRequest =
  | { kind: 'message'; name: string; email?: string | undefined; phone?: string | undefined; message: string }
  | { kind: 'callback'; name: string; phone: string; times: CallbackTime[]; voicemail: boolean; note?: string | undefined };

/** A request as stored (opened). */
export interface ContactRecord {
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
  consentVersion: string;
  consentAt: number;
  status: 'new' | 'handled';
  createdAt: number;
  handledAt: number | null;
}

export function contactRepository(db: Kysely<DB>, encryptor: Encryptor) {
  const seal = (v: string | undefined | null) => (v ? encryptor.encrypt(v) : null);
  const open = (v: string | null) => (v === null ? null : encryptor.decrypt(v));

  function toRequest(row: Selectable<ContactRequestsTable>): ContactRecord {
    return {
      id: row.id,
      reference: row.reference,
      kind: row.kind,
      name: encryptor.decrypt(row.name_sealed),
      email: open(row.email_sealed),
      phone: open(row.phone_sealed),
      body: open(row.body_sealed),
      preferredTimes: JSON.parse(row.preferred_times) as CallbackTime[],
      voicemailOk: row.voicemail_ok === null ? null : row.voicemail_ok === 1,
      consentVersion: row.consent_version,
      consentAt: Number(row.consent_at),
      status: row.status,
      createdAt: Number(row.created_at),
      handledAt: row.handled_at === null ? null : Number(row.handled_at),
    };
  }

  return {
    /** Stores a request under the given reference, with the consent it was given with. Returns the new id. */
    async add(request: NewContactRequest, ref: string, consentVersion: string, now: number): Promise<string> {
      const id = randomUUID();
      const body = request.kind === 'message' ? request.message : request.note;
      await db
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
          consent_version: consentVersion,
          consent_at: now,
          status: 'new',
          created_at: now,
          handled_at: null,
        })
        .execute();
      return id;
    },
    /** Newest first; `status` narrows to new or handled ones. For the staff inbox. */
    async list(options: { status?: 'new' | 'handled'; limit?: number } = {}): Promise<ContactRecord[]> {
      let q = db
        .selectFrom('contact_requests')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(options.limit ?? 100);
      if (options.status) q = q.where('status', '=', options.status);
      return (await q.execute()).map(toRequest);
    },
    /**
     * Every message and call-back request from one person: those whose e-mail address is `email`, or whose
     * phone number is `phone` (compared by normalisePhone). Addresses and numbers are sealed and have no
     * index, so each row is opened to compare. For a client's data request (export, erasure).
     */
    async findForClient(who: { email?: string | undefined; phone?: string | undefined }): Promise<ContactRecord[]> {
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
      const row = await db
        .selectFrom('contact_requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'new')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async findById(id: string): Promise<ContactRecord | undefined> {
      const row = await db.selectFrom('contact_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRequest(row) : undefined;
    },
    /** Compare-and-swap: true when this call marked it handled. */
    async markHandled(id: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('contact_requests')
        .set({ status: 'handled', handled_at: now })
        .where('id', '=', id)
        .where('status', '=', 'new')
        .executeTakeFirst();
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
