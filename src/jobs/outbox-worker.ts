// Sends what the outbox holds, after commit, with retries and backoff. Several app processes may run it:
// the outbox repository claims rows first, so each message is sent once.
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppDeps } from '../app/deps.ts';
import { outboxRepository } from '../db/repositories/outbox.ts';
import { heldBefore } from '../usecases/outbox.ts';

type Deps = Pick<AppDeps, 'database' | 'config' | 'logger' | 'clock' | 'encryptor'>;

export const MAX_ATTEMPTS = 8;
export const NO_SMTP = 'SMTP_URL is not set: kept in the outbox';
export const CLAIM_MS = 120_000;

/** This process's worker, when the caller names none. */
const PROCESS_CLAIM_ID = randomUUID();

export interface DrainOptions {
  /** Whose claims these are: one id per worker (per process). */
  claimId?: string;
  /** Asked before each message: true once the process is stopping, so no new message is started. */
  stopping?: () => boolean;
}

/** Addresses in an error text (a server that quotes the recipient) never reach the outbox row. */
export const scrubAddresses = (text: string) => text.replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g, '[address]');

/** The Message-ID of an outbox row: the same on every try, so a resend is recognisably the same message. */
export const messageIdOf = (outboxId: string, publicUrl: string) => `<${outboxId}@${new URL(publicUrl).hostname}>`;

/** Backoff after the nth failure: 30 s, 2 min, 8 min, 32 min … capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
}

/**
 * Sends every message that is due, once; returns how many were sent. Without SMTP_URL nothing is sent:
 * mail stays in the outbox (the enqueue was already logged by kind and id).
 */
export async function drainOutbox(
  deps: Deps,
  transport: Transporter | undefined,
  limit = 20,
  options: DrainOptions = {},
): Promise<{ sent: number; failed: number }> {
  const claimId = options.claimId ?? PROCESS_CLAIM_ID;
  const outbox = outboxRepository(deps.database.db, deps.database.dialect);
  if (!transport) {
    // No SMTP_URL: mail stays in the outbox. Say so once per message, by id and kind only.
    const kept = await outbox.noteKept(NO_SMTP);
    for (const row of kept) deps.logger.info({ outboxId: row.id, kind: row.kind }, 'mail kept in the outbox (SMTP_URL is not set)');
    return { sent: 0, failed: 0 };
  }
  const now = deps.clock.now();
  const rows = await outbox.claimDue(now, limit, CLAIM_MS, claimId, heldBefore(now));
  let sent = 0;
  let failed = 0;
  const from = deps.config.MAIL_FROM ?? deps.config.PRACTICE_EMAIL;
  for (const row of rows) {
    if (options.stopping?.()) break;
    // The claim is renewed per message: a slow server may outlast the batch's claim, never one message's.
    if (!(await outbox.renew(row.id, claimId, deps.clock.now(), CLAIM_MS))) continue;
    try {
      const open = (v: string) => deps.encryptor.decrypt(v);
      const attachments = JSON.parse(open(row.attachments)) as { filename: string; contentType: string; content: string; encoding?: 'base64' }[];
      // A calendar invite goes as the message's iCalendar part, so mail programs offer to add it.
      const invite = attachments.find((a) => a.contentType.startsWith('text/calendar'));
      await transport.sendMail({
        messageId: messageIdOf(row.id, deps.config.publicUrl),
        from,
        to: open(row.to_address),
        subject: open(row.subject),
        text: open(row.body_text),
        attachments: attachments
          .filter((a) => a !== invite)
          .map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, ...(a.encoding ? { encoding: a.encoding } : {}) })),
        ...(invite
          ? { icalEvent: { filename: invite.filename, method: /method=(\w+)/.exec(invite.contentType)?.[1] ?? 'REQUEST', content: invite.content } }
          : {}),
      });
      const held = await outbox.markSent(row.id, claimId, row.attempts + 1, deps.clock.now());
      deps.logger.info({ outboxId: row.id, kind: row.kind, ...(held ? {} : { claimLost: true }) }, 'mail sent');
      sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const gaveUp = attempts >= MAX_ATTEMPTS;
      const reason = scrubAddresses(error instanceof Error ? error.message : 'unknown error').slice(0, 200);
      await outbox.markFailed(row.id, claimId, { attempts, gaveUp, nextAttemptAt: deps.clock.now() + retryDelayMs(attempts), error: reason });
      deps.logger.warn({ outboxId: row.id, kind: row.kind, attempts, gaveUp }, 'mail not sent; will retry');
      failed++;
    }
  }
  return { sent, failed };
}

/** Gives back this worker's unsent claims (a graceful stop), so another process sends them at once. */
export function releaseClaims(deps: Pick<AppDeps, 'database'>, claimId: string = PROCESS_CLAIM_ID): Promise<number> {
  return outboxRepository(deps.database.db, deps.database.dialect).release(claimId);
}
