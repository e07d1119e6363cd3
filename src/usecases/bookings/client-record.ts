// A therapist's record of one client: their sessions together, past and coming, with each one's status and
// whether it has a session note. The client is the same person across bookings when their e-mail's blind
// index matches. Only the booking's own therapist asks (the caller asked decide() for 'client.record.read');
// each opening is audited as `client.record.read` on the booking it was opened from.
import type { AppDeps } from '../../app/deps.ts';
import { clientRecordRepository } from '../../db/repositories/client-records.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import type { AuditContext } from '../audit.ts';

export interface ClientSession {
  id: string;
  reference: string;
  status: string;
  start: number;
  end: number;
  serviceName: string;
  hasNote: boolean;
}

export interface ClientRecord {
  past: ClientSession[];
  coming: ClientSession[];
}

export async function clientRecord(deps: Pick<AppDeps, 'database' | 'clock'>, bookingId: string, audit: AuditContext): Promise<ClientRecord> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const rows = await clientRecordRepository(db).sessionsLike(bookingId);
  await writeAudit(db, now, { actor: audit.actor, action: 'client.record.read', target: bookingId, requestId: audit.requestId });
  const sessions = rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    start: Number(r.starts_at),
    end: Number(r.ends_at),
    serviceName: r.service_name,
    hasNote: Number(r.notes) > 0,
  }));
  return { past: sessions.filter((s) => s.start <= now), coming: sessions.filter((s) => s.start > now) };
}
