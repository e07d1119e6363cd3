// The audit log as an admin reads it: filtered by who, what and when, a page at a time, with people named
// (staff and therapists by name), bookings by their reference (never anything a client wrote), services by
// name, and each action in words.
import { bookingRepository } from '../../db/repositories/bookings.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { type AuditDetail, type AuditFilter, auditRepository } from '../../db/repositories/staff-audit.ts';
import { staffUserRepository } from '../../db/repositories/staff-users.ts';
import { therapistRepository } from '../../db/repositories/therapists.ts';
import type { StaffDeps } from './context.ts';

/** What an audit row's target is, as the page shows it. */
export type AuditTarget =
  | { kind: 'booking'; id: string; reference: string }
  | { kind: 'named'; label: string }
  | { kind: 'client' }
  | { kind: 'other'; text: string };

export interface AuditLine {
  id: number;
  at: number;
  actor: string;
  actorName: string;
  action: string;
  target: AuditTarget | null;
  requestId: string | null;
  detail: AuditDetail | null;
}

export interface AuditLogView {
  rows: AuditLine[];
  /** Whether there is a further page. */
  more: boolean;
  /** Every action that occurs, for the filter's choices. */
  actions: string[];
  /** Staff users, for the filter's choices. */
  users: { id: string; name: string }[];
}

export const AUDIT_PAGE_SIZE = 50;

const ACTOR_WORDS: Record<string, string> = { client: 'A client', anonymous: 'Someone not signed in', system: 'The system' };

export async function readAuditLog(deps: StaffDeps, filter: Omit<AuditFilter, 'limit' | 'offset'>, page: number): Promise<AuditLogView> {
  const { db } = deps.database;
  const audit = auditRepository(db);
  const [found, actions, users, therapists, services] = await Promise.all([
    audit.search({ ...filter, limit: AUDIT_PAGE_SIZE + 1, offset: (page - 1) * AUDIT_PAGE_SIZE }),
    audit.actions(),
    staffUserRepository(db).list(),
    therapistRepository(db).listAll(),
    serviceRepository(db).listAll(),
  ]);
  const rows = found.slice(0, AUDIT_PAGE_SIZE);
  const bare = rows.map((r) => r.target).filter((t): t is string => t !== null && !t.includes(':'));
  const references = await bookingRepository(db).referencesOf([...new Set(bare)]);
  const names = new Map<string, string>([
    ...users.map((u) => [`user:${u.id}`, u.name] as const),
    ...therapists.map((t) => [`therapist:${t.id}`, t.name] as const),
    ...services.map((s) => [`service:${s.id}`, s.name] as const),
    ['practice', 'The practice’s settings'],
  ]);
  const targetOf = (t: string | null): AuditTarget | null => {
    if (t === null) return null;
    const reference = references.get(t);
    if (reference) return { kind: 'booking', id: t, reference };
    const name = names.get(t);
    if (name) return { kind: 'named', label: name };
    if (t.startsWith('client:')) return { kind: 'client' };
    if (t.startsWith('contact:')) return { kind: 'named', label: 'A message from the contact page' };
    return { kind: 'other', text: t };
  };
  return {
    rows: rows.map((r) => ({
      ...r,
      actorName: names.get(r.actor) ?? ACTOR_WORDS[r.actor] ?? r.actor,
      target: targetOf(r.target),
    })),
    more: found.length > AUDIT_PAGE_SIZE,
    actions,
    users: users.map((u) => ({ id: u.id, name: u.name })),
  };
}
