// The audit log: append-only rows of who did what to which record, when, in which request. Never content:
// a target is an id (a booking, a user, a pseudonymous client id), not a name or what anyone wrote.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface AuditEntry {
  /** "user:<id>", "client", "anonymous", "system". */
  actor: string;
  action: string;
  target?: string | null | undefined;
  requestId?: string | null | undefined;
  /** Before and after values (settings, fees, a status), a reason code: never what a client wrote. */
  detail?: AuditDetail | undefined;
}

export interface AuditDetail {
  before?: Record<string, string> | undefined;
  after?: Record<string, string> | undefined;
  reason?: string | undefined;
}

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  requestId: string | null;
  detail: AuditDetail | null;
}

export interface AuditFilter {
  actor?: string | undefined;
  /** An exact action, or a prefix ending in "." ("booking." finds every booking action). */
  action?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

function parseDetail(text: string | null): AuditDetail | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as AuditDetail) : null;
  } catch {
    return null;
  }
}

export async function writeAudit(db: Kysely<DB>, at: number, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      request_id: entry.requestId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

export function auditRepository(db: Kysely<DB>) {
  return {
    async search(filter: AuditFilter): Promise<AuditRow[]> {
      let q = db.selectFrom('audit_log').selectAll();
      if (filter.actor) q = q.where('actor', '=', filter.actor);
      if (filter.action)
        q = filter.action.endsWith('.') ? q.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '')}%`) : q.where('action', '=', filter.action);
      if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
      if (filter.to !== undefined) q = q.where('at', '<', filter.to);
      const rows = await q
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 200)
        .offset(filter.offset ?? 0)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        at: Number(r.at),
        actor: r.actor,
        action: r.action,
        target: r.target,
        requestId: r.request_id,
        detail: parseDetail(r.detail),
      }));
    },
    /** The actions that occur, for the filter's choices. */
    async actions(): Promise<string[]> {
      const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
      return rows.map((r) => r.action);
    },
  };
}
