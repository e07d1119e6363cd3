// The outbox: e-mail is written in the same transaction as the change it reports, and sent after
// commit by the worker (src/jobs/outbox-worker.ts). A failing mail server delays mail, never loses it.
import type { Kysely } from 'kysely';
import { orderedId } from '../db/ids.ts';
import { normaliseEmail } from '../domain/email.ts';
import type { DB } from '../db/schema.ts';
import type { Encryptor } from '../security/encryption.ts';

export interface Attachment {
  filename: string;
  contentType: string;
  /** UTF-8 text content (calendar invites, exports). */
  content: string;
}

export interface OutgoingMail {
  /** What the message is, for logs and retries: "booking-confirmation", "contact-message", … */
  kind: string;
  to: string;
  subject: string;
  text: string;
  attachments?: Attachment[];
}

/** Strips CR/LF (and other control characters) from anything that goes into a header. */
export function headerSafe(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/**
 * Adds a message to the outbox inside the caller's transaction. Address, subject, body and attachments
 * are sealed with the application key (they name clients); the worker opens them just before sending.
 */
export async function enqueueMail(db: Kysely<DB>, mail: OutgoingMail, now: number, sealer: Pick<Encryptor, 'encrypt'>): Promise<string> {
  const [id] = await enqueueMails(db, [mail], now, sealer);
  return id!;
}

/** Several messages in one statement (a booking's confirmation and the therapist's notice). */
export async function enqueueMails(db: Kysely<DB>, mails: readonly OutgoingMail[], now: number, sealer: Pick<Encryptor, 'encrypt'>): Promise<string[]> {
  if (mails.length === 0) return [];
  const rows = mails.map((mail) => ({
    id: orderedId(now),
    kind: mail.kind,
    to_address: sealer.encrypt(headerSafe(mail.to)),
    subject: sealer.encrypt(headerSafe(mail.subject)),
    body_text: sealer.encrypt(mail.text),
    attachments: sealer.encrypt(JSON.stringify(mail.attachments ?? [])),
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: now,
    claimed_until: 0,
    last_error: null,
    created_at: now,
    sent_at: null,
  }));
  await db.insertInto('outbox').values(rows).execute();
  return rows.map((r) => r.id);
}

/**
 * Deletes the e-mail addressed to one person, sent or not (of the kinds starting with `kindPrefix` only,
 * when given); returns how many. Addresses are sealed, so each message's is opened to compare.
 */
export async function deleteMailTo(db: Kysely<DB>, opener: Pick<Encryptor, 'decrypt'>, email: string, kindPrefix?: string): Promise<number> {
  const wanted = normaliseEmail(email);
  let q = db.selectFrom('outbox').select(['id', 'to_address']);
  if (kindPrefix !== undefined) q = q.where('kind', 'like', `${kindPrefix}%`);
  let removed = 0;
  for (const m of await q.execute()) {
    let to: string;
    try {
      to = normaliseEmail(opener.decrypt(m.to_address));
    } catch {
      continue; // sealed with a key no longer held: it cannot be read, so it cannot be matched
    }
    if (to !== wanted) continue;
    const r = await db.deleteFrom('outbox').where('id', '=', m.id).executeTakeFirst();
    removed += Number(r.numDeletedRows);
  }
  return removed;
}
