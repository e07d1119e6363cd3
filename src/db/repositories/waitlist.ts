// Every statement on the waiting list: joining, leaving, who is waiting for a freed time, and retention.
import type { Kysely } from 'kysely';
import type { DB, WaitlistTable } from '../schema.ts';

export type WaitlistRow = WaitlistTable;

export function waitlistRepository(db: Kysely<DB>) {
  return {
    async insert(row: WaitlistRow): Promise<void> {
      await db.insertInto('waitlist').values(row).execute();
    },

    /** Leaves the list by the link's token hash; true when it named an entry still waiting. */
    async leave(leaveTokenHash: string): Promise<boolean> {
      const r = await db
        .updateTable('waitlist')
        .set({ status: 'left' })
        .where('leave_token_hash', '=', leaveTokenHash)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** The entry a leave link names, with the service's and therapist's names (none once it is deleted). */
    findByLeaveToken(leaveTokenHash: string) {
      return db
        .selectFrom('waitlist as w')
        .innerJoin('services as s', 's.id', 'w.service_id')
        .leftJoin('therapists as t', 't.id', 'w.therapist_id')
        .select(['w.status', 'w.from_date', 'w.to_date', 's.name as service_name', 't.name as therapist_name'])
        .where('w.leave_token_hash', '=', leaveTokenHash)
        .executeTakeFirst();
    },

    /** A client who has booked the service is no longer waiting for it. */
    async markBooked(clientEmailHash: string, serviceId: string): Promise<void> {
      await db
        .updateTable('waitlist')
        .set({ status: 'booked' })
        .where('client_email_hash', '=', clientEmailHash)
        .where('service_id', '=', serviceId)
        .where('status', '=', 'waiting')
        .execute();
    },

    /** Everyone waiting for a service with this therapist (or with whoever frees up), oldest first. */
    /** Who waits for a service with a therapist, oldest first, with the service's reference for their link. */
    waitingFor(serviceId: string, therapistId: string): Promise<(WaitlistRow & { service_ref: string })[]> {
      return db
        .selectFrom('waitlist as w')
        .innerJoin('services as s', 's.id', 'w.service_id')
        .selectAll('w')
        .select('s.public_ref as service_ref')
        .where('w.status', '=', 'waiting')
        .where('w.service_id', '=', serviceId)
        .where((eb) => eb.or([eb('w.therapist_id', 'is', null), eb('w.therapist_id', '=', therapistId)]))
        .orderBy('w.id')
        .execute();
    },

    async markNotified(id: string, at: number): Promise<void> {
      await db.updateTable('waitlist').set({ last_notified_at: at }).where('id', '=', id).execute();
    },

    /** The list as an admin reads it: waiting first, then oldest first, with names (at most `limit`). */
    list(limit: number) {
      return db
        .selectFrom('waitlist as w')
        .innerJoin('services as s', 's.id', 'w.service_id')
        .leftJoin('therapists as t', 't.id', 'w.therapist_id')
        .select([
          'w.id',
          'w.client_name',
          'w.client_email',
          'w.from_date',
          'w.to_date',
          'w.status',
          'w.created_at',
          'w.last_notified_at',
          's.name as service_name',
          't.name as therapist_name',
        ])
        .orderBy('w.status', 'desc')
        .orderBy('w.id')
        .limit(limit)
        .execute();
    },

    /** How many are waiting, for the admin's home page. */
    async countWaiting(): Promise<number> {
      const row = await db
        .selectFrom('waitlist')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** A client's entries (by the blind index of their address), with the service's and therapist's names. */
    forClient(clientEmailHash: string) {
      return db
        .selectFrom('waitlist as w')
        .innerJoin('services as s', 's.id', 'w.service_id')
        .leftJoin('therapists as t', 't.id', 'w.therapist_id')
        .selectAll('w')
        .select(['s.name as service_name', 't.name as therapist_name'])
        .where('w.client_email_hash', '=', clientEmailHash)
        .orderBy('w.id')
        .execute();
    },

    /** Erasure: every entry of a client; returns how many went. */
    async removeClient(clientEmailHash: string): Promise<number> {
      const r = await db.deleteFrom('waitlist').where('client_email_hash', '=', clientEmailHash).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** Retention: entries whose last wanted date is before `lastDate`, and decided ones created before `decidedBefore`. */
    async purge(lastDate: string, decidedBefore: number): Promise<number> {
      const r = await db
        .deleteFrom('waitlist')
        .where((eb) => eb.or([eb('to_date', '<', lastDate), eb.and([eb('status', '!=', 'waiting'), eb('created_at', '<', decidedBefore)])]))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
