// The admin's reading: the inbox of contact messages and call-back requests, and the waiting list. Reading
// a list that shows names is audited.
import { contactRepository } from '../../db/repositories/contact.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { waitlistRepository } from '../../db/repositories/waitlist.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { type ContactRequest, contactRequest, contactRequests } from '../contact/read.ts';
import type { AuditContext, StaffDeps } from './context.ts';

/** Contact messages and call-back requests, newest first; reading the list is audited (names show). */
export async function inbox(deps: StaffDeps, status: 'new' | 'handled' | undefined, audit: AuditContext): Promise<ContactRequest[]> {
  const list = await contactRequests(deps, status ? { status } : {});
  if (list.length > 0)
    await writeAudit(deps.database.db, deps.clock.now(), { actor: audit.actor, action: 'contact.list', target: null, requestId: audit.requestId });
  return list;
}

export async function inboxItem(deps: StaffDeps, id: string, audit: AuditContext): Promise<ContactRequest | undefined> {
  const item = await contactRequest(deps, id);
  if (item)
    await writeAudit(deps.database.db, deps.clock.now(), { actor: audit.actor, action: 'contact.read', target: `contact:${id}`, requestId: audit.requestId });
  return item;
}

/** Marks a message handled; NOT_FOUND when there is no such message or it was handled already. */
export async function markInboxHandled(deps: StaffDeps, id: string, audit: AuditContext): Promise<Outcome<true>> {
  const now = deps.clock.now();
  const done = await contactRepository(deps.database.db, deps.encryptor).markHandled(id, now);
  if (!done) return fail('NOT_FOUND', 'No such new message');
  await writeAudit(deps.database.db, now, { actor: audit.actor, action: 'contact.handled', target: `contact:${id}`, requestId: audit.requestId });
  return ok(true as const);
}

export interface WaitlistEntryView {
  id: string;
  serviceName: string;
  therapistName: string | null;
  name: string;
  email: string;
  fromDate: string;
  toDate: string;
  status: string;
  createdAt: number;
  lastNotifiedAt: number | null;
}

export async function waitlistEntries(deps: StaffDeps, audit: AuditContext): Promise<WaitlistEntryView[]> {
  const rows = await waitlistRepository(deps.database.db).list(500);
  if (rows.length > 0)
    await writeAudit(deps.database.db, deps.clock.now(), { actor: audit.actor, action: 'waitlist.list', target: null, requestId: audit.requestId });
  return rows.map((r) => ({
    id: r.id,
    serviceName: r.service_name,
    therapistName: r.therapist_name,
    name: deps.encryptor.decrypt(r.client_name),
    email: deps.encryptor.decrypt(r.client_email),
    fromDate: r.from_date,
    toDate: r.to_date,
    status: r.status,
    createdAt: Number(r.created_at),
    lastNotifiedAt: r.last_notified_at === null ? null : Number(r.last_notified_at),
  }));
}
