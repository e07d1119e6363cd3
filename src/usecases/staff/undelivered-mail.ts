// Mail that did not go: given up on after every try, held (not sent within a day of being due: a long stop
// or a restored backup), or failing and still being retried. The admin sees
// each (to whom, what kind, why) and can send it again. Reading the list is audited (addresses show).
import { outboxRepository } from '../../db/repositories/outbox.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { heldBefore } from '../outbox.ts';
import type { AuditContext, StaffDeps } from './context.ts';

export interface UndeliveredMail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  /** Given up on (no more tries), held (not sent within a day of being due), or still being retried. */
  state: 'given-up' | 'held' | 'retrying';
  attempts: number;
  /** Why the last try failed, as the mail server said (addresses removed). */
  lastError: string | null;
  createdAt: number;
  nextAttemptAt: number;
}

export async function undeliveredMail(deps: StaffDeps, audit: AuditContext): Promise<UndeliveredMail[]> {
  const { db } = deps.database;
  const held = heldBefore(deps.clock.now());
  const rows = await outboxRepository(db, deps.database.dialect).undelivered(200, held);
  if (rows.length > 0) await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'mail.list', target: null, requestId: audit.requestId });
  const open = (v: string) => {
    try {
      return deps.encryptor.decrypt(v);
    } catch {
      return '(sealed under a key no longer held)';
    }
  };
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: open(r.to_address),
    subject: open(r.subject),
    state: r.status === 'failed' ? 'given-up' : Number(r.next_attempt_at) < held ? 'held' : 'retrying',
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: Number(r.created_at),
    nextAttemptAt: Number(r.next_attempt_at),
  }));
}

/** Sends a message again now, with a fresh count of tries. */
export async function sendMailAgain(deps: StaffDeps, id: string, audit: AuditContext): Promise<Outcome<true>> {
  const now = deps.clock.now();
  const { db } = deps.database;
  if (!(await outboxRepository(db, deps.database.dialect).sendAgain(id, now))) return fail('NOT_FOUND', 'That message was sent or removed meanwhile.');
  await writeAudit(db, now, { actor: audit.actor, action: 'mail.send-again', target: `outbox:${id}`, requestId: audit.requestId });
  return ok(true as const);
}
