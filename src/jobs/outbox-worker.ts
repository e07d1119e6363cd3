// Sends what the outbox holds, after commit, with retries and backoff. Several app processes may run it:
// rows are claimed first (FOR UPDATE SKIP LOCKED on PostgreSQL; the write lock on SQLite), so each
// message is sent once.
import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { AppDeps } from '../app/deps.ts';

type Deps = Pick<AppDeps, 'database' | 'config' | 'logger' | 'clock' | 'encryptor'>;

export const MAX_ATTEMPTS = 8;
export const NO_SMTP = 'SMTP_URL is not set: kept in the outbox';
const CLAIM_MS = 120_000;

/** Backoff after the nth failure: 30 s, 2 min, 8 min, 32 min … capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
}

/** Claims up to `limit` due messages for this worker. */
async function claim(deps: Deps, limit: number) {
  const { db } = deps.database;
  const now = deps.clock.now();
  if (deps.database.dialect === 'postgres') {
    const result = await sql<{ id: string }>`
      update outbox set claimed_until = ${now + CLAIM_MS}
      where id in (
        select id from outbox
        where status = 'pending' and next_attempt_at <= ${now} and claimed_until < ${now}
        order by id limit ${limit}
        for update skip locked
      )
      returning id`.execute(db);
    const ids = result.rows.map((r) => r.id);
    return ids.length ? db.selectFrom('outbox').selectAll().where('id', 'in', ids).orderBy('id').execute() : [];
  }
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where('claimed_until', '<', now)
      .orderBy('id')
      .limit(limit)
      .execute();
    if (rows.length) await trx.updateTable('outbox').set({ claimed_until: now + CLAIM_MS }).where('id', 'in', rows.map((r) => r.id)).execute();
    return rows;
  });
}

/**
 * Sends every message that is due, once; returns how many were sent. Without SMTP_URL nothing is sent:
 * mail stays in the outbox (the enqueue was already logged by kind and id).
 */
export async function drainOutbox(deps: Deps, transport: Transporter | undefined, limit = 20): Promise<{ sent: number; failed: number }> {
  if (!transport) {
    // No SMTP_URL: mail stays in the outbox. Say so once per message, by id and kind only.
    const kept = await deps.database.db
      .updateTable('outbox')
      .set({ last_error: NO_SMTP })
      .where('status', '=', 'pending')
      .where('last_error', 'is', null)
      .returning(['id', 'kind'])
      .execute();
    for (const row of kept) deps.logger.info({ outboxId: row.id, kind: row.kind }, 'mail kept in the outbox (SMTP_URL is not set)');
    return { sent: 0, failed: 0 };
  }
  const rows = await claim(deps, limit);
  let sent = 0;
  let failed = 0;
  const from = deps.config.MAIL_FROM ?? deps.config.PRACTICE_EMAIL;
  for (const row of rows) {
    const { db } = deps.database;
    try {
      const open = (v: string) => deps.encryptor.decrypt(v);
      const attachments = JSON.parse(open(row.attachments)) as { filename: string; contentType: string; content: string }[];
      // A calendar invite goes as the message's iCalendar part, so mail programs offer to add it.
      const invite = attachments.find((a) => a.contentType.startsWith('text/calendar'));
      await transport.sendMail({
        from,
        to: open(row.to_address),
        subject: open(row.subject),
        text: open(row.body_text),
        attachments: attachments.filter((a) => a !== invite).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        ...(invite ? { icalEvent: { filename: invite.filename, method: /method=(\w+)/.exec(invite.contentType)?.[1] ?? 'REQUEST', content: invite.content } } : {}),
      });
      await db.updateTable('outbox').set({ status: 'sent', sent_at: deps.clock.now(), attempts: row.attempts + 1, last_error: null }).where('id', '=', row.id).execute();
      deps.logger.info({ outboxId: row.id, kind: row.kind }, 'mail sent');
      sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const gaveUp = attempts >= MAX_ATTEMPTS;
      const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
      await db
        .updateTable('outbox')
        .set({ attempts, status: gaveUp ? 'failed' : 'pending', next_attempt_at: deps.clock.now() + retryDelayMs(attempts), claimed_until: 0, last_error: reason })
        .where('id', '=', row.id)
        .execute();
      deps.logger.warn({ outboxId: row.id, kind: row.kind, attempts, gaveUp }, 'mail not sent; will retry');
      failed++;
    }
  }
  return { sent, failed };
}
