// The audit log as an admin reads it: filtered by who, what and when, with staff names for their ids.
import { type AuditFilter, type AuditRow, auditRepository } from '../../db/repositories/staff-audit.ts';
import { staffUserRepository } from '../../db/repositories/staff-users.ts';
import type { StaffDeps } from './context.ts';

export interface AuditLogView {
  rows: AuditRow[];
  /** Every action that occurs, for the filter's choices. */
  actions: string[];
  /** Staff users, for the filter's choices and to show names for "user:<id>". */
  users: { id: string; name: string }[];
}

export async function readAuditLog(deps: StaffDeps, filter: AuditFilter): Promise<AuditLogView> {
  const { db } = deps.database;
  const [rows, actions, users] = await Promise.all([auditRepository(db).search(filter), auditRepository(db).actions(), staffUserRepository(db).list()]);
  return { rows, actions, users: users.map((u) => ({ id: u.id, name: u.name })) };
}
