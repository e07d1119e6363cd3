// The outbox table: e-mail written in the same transaction as the change it reports (rows arrive sealed:
// src/mail/outbox.ts seals them), claimed and sent after commit by the worker (src/jobs/outbox-worker.ts).
// Several app processes may run the worker: rows are claimed first (FOR UPDATE SKIP LOCKED on PostgreSQL;
// the write lock on SQLite), so each message is sent once.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import type { DB, OutboxTable } from '../schema.ts';

export type OutboxRow = Selectable<OutboxTable>;

/** A message as the outbox stores it: address, subject, body and attachments already sealed. */
export interface SealedMail {
  id: string;
  kind: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  attachments: string;
}

export function outboxRepository(db: Kysely<DB>, dialect: Dialect = 'sqlite') {
  return {
    /** Adds messages, due now, inside the caller's transaction. */
    async insert(mails: readonly SealedMail[], now: number): Promise<void> {
      if (mails.length === 0) return;
      await db
        .insertInto('outbox')
        .values(
          mails.map((m) => ({
            id: m.id,
            kind: m.kind,
            to_address: m.toAddress,
            subject: m.subject,
            body_text: m.bodyText,
            attachments: m.attachments,
            status: 'pending' as const,
            attempts: 0,
            next_attempt_at: now,
            claimed_until: 0,
            claim_id: null,
            last_error: null,
            created_at: now,
            sent_at: null,
          })),
        )
        .execute();
    },

    /**
     * Claims up to `limit` due messages for the worker `claimId`, for `claimMs`. A message due before
     * `heldBefore` is held, not claimed: mail that has waited that long (a stopped app, a restored backup)
     * waits for an admin to send it again (sendAgain makes it due now).
     */
    async claimDue(now: number, limit: number, claimMs: number, claimId: string, heldBefore: number): Promise<OutboxRow[]> {
      if (dialect === 'postgres') {
        const result = await sql<{ id: string }>`
          update outbox set claimed_until = ${now + claimMs}, claim_id = ${claimId}
          where id in (
            select id from outbox
            where status = 'pending' and next_attempt_at <= ${now} and next_attempt_at >= ${heldBefore} and claimed_until < ${now}
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
          .where('next_attempt_at', '>=', heldBefore)
          .where('claimed_until', '<', now)
          .orderBy('id')
          .limit(limit)
          .execute();
        if (rows.length)
          await trx
            .updateTable('outbox')
            .set({ claimed_until: now + claimMs, claim_id: claimId })
            .where(
              'id',
              'in',
              rows.map((r) => r.id),
            )
            .execute();
        return rows;
      });
    },

    /** Notes `reason` on every pending message that has no error noted yet; returns those messages' ids and kinds. */
    async noteKept(reason: string): Promise<{ id: string; kind: string }[]> {
      return db
        .updateTable('outbox')
        .set({ last_error: reason })
        .where('status', '=', 'pending')
        .where('last_error', 'is', null)
        .returning(['id', 'kind'])
        .execute();
    },

    /** Renews the claim on one message just before it is sent; false when the claim is no longer this worker's. */
    async renew(id: string, claimId: string, now: number, claimMs: number): Promise<boolean> {
      const r = await db
        .updateTable('outbox')
        .set({ claimed_until: now + claimMs })
        .where('id', '=', id)
        .where('claim_id', '=', claimId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Sent, if the claim is still this worker's (true); false when another worker took it meanwhile. */
    async markSent(id: string, claimId: string, attempts: number, now: number): Promise<boolean> {
      const r = await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: now, attempts, last_error: null, claimed_until: 0, claim_id: null })
        .where('id', '=', id)
        .where('claim_id', '=', claimId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** A failed attempt: tried again at `nextAttemptAt`, or given up on (only while the claim is this worker's). */
    async markFailed(id: string, claimId: string, attempt: { attempts: number; gaveUp: boolean; nextAttemptAt: number; error: string }): Promise<boolean> {
      const r = await db
        .updateTable('outbox')
        .set({
          attempts: attempt.attempts,
          status: attempt.gaveUp ? 'failed' : 'pending',
          next_attempt_at: attempt.nextAttemptAt,
          claimed_until: 0,
          claim_id: null,
          last_error: attempt.error,
        })
        .where('id', '=', id)
        .where('claim_id', '=', claimId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Gives back what this worker claimed and did not send (a graceful stop): due again at once elsewhere. */
    async release(claimId: string): Promise<number> {
      const r = await db
        .updateTable('outbox')
        .set({ claimed_until: 0, claim_id: null })
        .where('claim_id', '=', claimId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Every message's id and sealed address (of the kinds starting with `kindPrefix` only, when given). */
    async addresses(kindPrefix?: string): Promise<{ id: string; toAddress: string }[]> {
      let q = db.selectFrom('outbox').select(['id', 'to_address']);
      if (kindPrefix !== undefined) q = q.where('kind', 'like', `${kindPrefix}%`);
      return (await q.execute()).map((r) => ({ id: r.id, toAddress: r.to_address }));
    },

    /** Mail given up on, held (due before `heldBefore`), or still being retried after a failure, newest first (for the admin). */
    async undelivered(limit: number, heldBefore: number): Promise<OutboxRow[]> {
      return db
        .selectFrom('outbox')
        .selectAll()
        .where((eb) =>
          eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'pending'), eb.or([eb('attempts', '>', 0), eb('next_attempt_at', '<', heldBefore)])])]),
        )
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },

    /** How many messages were given up on or are held (due before `heldBefore`). */
    async countGivenUp(heldBefore: number): Promise<number> {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<', heldBefore)])]))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Due again at once, with a fresh count of tries; false when it was sent (or deleted) meanwhile. */
    async sendAgain(id: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('outbox')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, claimed_until: 0, claim_id: null })
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'failed'])
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Sent mail older than `before` (retention). */
    async purgeSent(before: number): Promise<number> {
      const r = await db.deleteFrom('outbox').where('status', '=', 'sent').where('sent_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async delete(id: string): Promise<number> {
      const r = await db.deleteFrom('outbox').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type OutboxRepository = ReturnType<typeof outboxRepository>;
