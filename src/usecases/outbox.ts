// The outbox, as use cases write it: e-mail is added in the same transaction as the change it reports, and
// sent after commit by the worker (src/jobs/outbox-worker.ts). A failing mail server delays mail, never
// loses it. Address, subject, body and attachments are sealed with the application key (they name clients).
import type { Kysely } from 'kysely';
import { orderedId } from '../db/ids.ts';
import { outboxRepository } from '../db/repositories/outbox.ts';
import type { DB } from '../db/schema.ts';
import { normaliseEmail } from '../domain/email.ts';
import { headerSafe, type OutgoingMail } from '../mail/outbox.ts';
import type { Encryptor } from '../security/encryption.ts';

/**
 * Mail not sent within a day of when it was due is held for an admin (undelivered-mail.ts): it was written
 * before the app stopped for a long time, or before the backup it was restored from, and may be out of date
 * or already delivered. Retries never wait that long (the longest wait is 6 hours).
 */
export const HOLD_AFTER_MS = 24 * 3_600_000;
export const heldBefore = (now: number) => now - HOLD_AFTER_MS;

/** Adds a message to the outbox inside the caller's transaction; returns its id. */
export async function enqueueMail(db: Kysely<DB>, mail: OutgoingMail, now: number, sealer: Pick<Encryptor, 'encrypt'>): Promise<string> {
  const [id] = await enqueueMails(db, [mail], now, sealer);
  return id!;
}

/** Several messages in one statement (a booking's confirmation and the therapist's notice). */
export async function enqueueMails(db: Kysely<DB>, mails: readonly OutgoingMail[], now: number, sealer: Pick<Encryptor, 'encrypt'>): Promise<string[]> {
  const sealed = mails.map((mail) => ({
    id: orderedId(now),
    kind: mail.kind,
    toAddress: sealer.encrypt(headerSafe(mail.to)),
    subject: sealer.encrypt(headerSafe(mail.subject)),
    bodyText: sealer.encrypt(mail.text),
    attachments: sealer.encrypt(JSON.stringify(mail.attachments ?? [])),
  }));
  await outboxRepository(db).insert(sealed, now);
  return sealed.map((m) => m.id);
}

/**
 * Deletes the e-mail addressed to one person, sent or not (of the kinds starting with `kindPrefix` only,
 * when given); returns how many. Addresses are sealed, so each message's is opened to compare.
 */
export async function deleteMailTo(db: Kysely<DB>, opener: Pick<Encryptor, 'decrypt'>, email: string, kindPrefix?: string): Promise<number> {
  const wanted = normaliseEmail(email);
  const outbox = outboxRepository(db);
  let removed = 0;
  for (const m of await outbox.addresses(kindPrefix)) {
    let to: string;
    try {
      to = normaliseEmail(opener.decrypt(m.toAddress));
    } catch {
      continue; // sealed with a key no longer held: it cannot be read, so it cannot be matched
    }
    if (to === wanted) removed += await outbox.delete(m.id);
  }
  return removed;
}
