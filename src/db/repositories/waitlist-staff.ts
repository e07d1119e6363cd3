// The waiting list as the staff side reads and tells it: the admin's list, and who is waiting for time a
// therapist's change of hours has just opened. (To fold into the waiting list's repository.)
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** An entry as stored: name and e-mail are sealed; the caller opens them. */
export interface WaitingEntry {
  id: string;
  serviceId: string;
  therapistId: string | null;
  clientNameSealed: string;
  clientEmailSealed: string;
  clientTimeZone: string;
  fromDate: string;
  toDate: string;
  status: string;
  createdAt: number;
  lastNotifiedAt: number | null;
}

export interface WaitingEntryListed extends WaitingEntry {
  serviceName: string;
  therapistName: string | null;
}

type Row = DB['waitlist'];

const toEntry = (r: Pick<Row, 'id' | 'service_id' | 'therapist_id' | 'client_name' | 'client_email' | 'client_time_zone' | 'from_date' | 'to_date' | 'status' | 'created_at' | 'last_notified_at'>): WaitingEntry => ({
  id: r.id,
  serviceId: r.service_id,
  therapistId: r.therapist_id,
  clientNameSealed: r.client_name,
  clientEmailSealed: r.client_email,
  clientTimeZone: r.client_time_zone,
  fromDate: r.from_date,
  toDate: r.to_date,
  status: r.status,
  createdAt: Number(r.created_at),
  lastNotifiedAt: r.last_notified_at === null ? null : Number(r.last_notified_at),
});

export function staffWaitlistRepository(db: Kysely<DB>) {
  return {
    /** Entries for the admin's list: waiting first, then by id (the order people joined), at most `limit`. */
    async list(limit: number): Promise<WaitingEntryListed[]> {
      const rows = await db
        .selectFrom('waitlist as w')
        .innerJoin('services as s', 's.id', 'w.service_id')
        .leftJoin('therapists as t', 't.id', 'w.therapist_id')
        .select([
          'w.id', 'w.service_id', 'w.therapist_id', 'w.client_name', 'w.client_email', 'w.client_time_zone', 'w.from_date', 'w.to_date', 'w.status', 'w.created_at',
          'w.last_notified_at', 's.name as service_name', 't.name as therapist_name',
        ])
        .orderBy('w.status', 'desc')
        .orderBy('w.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...toEntry(r), serviceName: r.service_name, therapistName: r.therapist_name }));
    },
    /** People waiting for a service with this therapist, or with anyone, in the order they joined. */
    async waitingFor(serviceId: string, therapistId: string): Promise<WaitingEntry[]> {
      const rows = await db
        .selectFrom('waitlist')
        .selectAll()
        .where('status', '=', 'waiting')
        .where('service_id', '=', serviceId)
        .where((eb) => eb.or([eb('therapist_id', 'is', null), eb('therapist_id', '=', therapistId)]))
        .orderBy('id')
        .execute();
      return rows.map(toEntry);
    },
    async markNotified(id: string, now: number): Promise<void> {
      await db.updateTable('waitlist').set({ last_notified_at: now }).where('id', '=', id).execute();
    },
  };
}
