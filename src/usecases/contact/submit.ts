// Sending the practice a message or asking to be called back: counted against the sender's address, then
// sealed and stored with its notice e-mail in one transaction. The answer says whether the words suggest
// the person may be at risk, so the confirmation can show urgent help first.
import { randomInt } from 'node:crypto';
import type { AppDeps } from '../../app/deps.ts';
import { type ContactKind, contactRepository, type NewContactRequest } from '../../db/repositories/contact.ts';
import { type CallbackRequest, CONTACT_CONSENT_VERSION, type ContactMessage } from '../../domain/contact.ts';
import { type Outcome, ok, rateLimited } from '../../domain/errors.ts';
import { decideSafety } from '../../domain/safety.ts';
import { contactNoticeMail } from '../../mail/contact-messages.ts';
import { enqueueMail } from '../outbox.ts';

export type ContactDeps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config' | 'repos' | 'logger'>;

/** Stored submissions from one address: at most this many… */
export const CONTACT_LIMIT_MAX = 5;
/** …in a window this long. */
export const CONTACT_LIMIT_WINDOW_MS = 60 * 60 * 1000;

export interface Sender {
  /** The client's network address, for the rate limit. */
  address: string;
  requestId: string | null;
}

export interface Submitted {
  reference: string;
  /** The words suggest the person may be at risk: show urgent help first. */
  helpFirst: boolean;
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newReference = (kind: ContactKind) =>
  `${kind === 'message' ? 'M' : 'C'}-${Array.from({ length: 6 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('')}`;

export function submitContactMessage(deps: ContactDeps, m: ContactMessage, sender: Sender): Promise<Outcome<Submitted>> {
  return submit(deps, { kind: 'message', name: m.name, email: m.email, phone: m.phone, message: m.message }, sender);
}

export function submitCallbackRequest(deps: ContactDeps, r: CallbackRequest, sender: Sender): Promise<Outcome<Submitted>> {
  return submit(deps, { kind: 'callback', name: r.name, phone: r.phone, times: r.times, voicemail: r.voicemail === 'yes', note: r.note }, sender);
}

async function submit(deps: ContactDeps, request: NewContactRequest, sender: Sender): Promise<Outcome<Submitted>> {
  const now = deps.clock.now();
  const limit = await deps.repos.rateLimits.hit(`contact:${sender.address}`, CONTACT_LIMIT_WINDOW_MS, CONTACT_LIMIT_MAX, now);
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
  const practice = await deps.repos.practice.get();
  const body = request.kind === 'message' ? request.message : request.note;
  // The one safety policy: words that suggest risk put urgent help first on the confirmation.
  const helpFirst = decideSafety({ texts: body ? [body] : [] }).helpFirst;
  const reference = newReference(request.kind);
  await deps.database.db.transaction().execute(async (trx) => {
    await contactRepository(trx, deps.encryptor).add(request, reference, CONTACT_CONSENT_VERSION, now);
    await enqueueMail(
      trx,
      contactNoticeMail(request.kind, reference, helpFirst, { email: practice.email, publicUrl: deps.config.publicUrl }),
      now,
      deps.encryptor,
    );
  });
  deps.logger.info({ requestId: sender.requestId, form: request.kind }, 'contact request stored');
  return ok({ reference, helpFirst });
}
