// A therapist's client record: the sessions of one client with one therapist, found from one of their
// bookings through the keyed blind index of the e-mail address (client_email_hash), never by the address
// itself. An erased booking has a random index of its own, so it joins nothing.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface ClientSessionRow {
  id: string;
  reference: string;
  status: string;
  starts_at: number;
  ends_at: number;
  service_name: string;
  notes: number | string;
}

export function clientRecordRepository(db: Kysely<DB>) {
  return {
    /** Every session of this booking's client with this booking's therapist (the booking itself included), oldest first. */
    sessionsLike(bookingId: string): Promise<ClientSessionRow[]> {
      return db
        .selectFrom('bookings as anchor')
        .innerJoin('bookings as b', (j) => j.onRef('b.client_email_hash', '=', 'anchor.client_email_hash').onRef('b.therapist_id', '=', 'anchor.therapist_id'))
        .innerJoin('services as s', 's.id', 'b.service_id')
        .select((eb) => [
          'b.id',
          'b.reference',
          'b.status',
          'b.starts_at',
          'b.ends_at',
          's.name as service_name',
          eb.selectFrom('session_notes as n').whereRef('n.booking_id', '=', 'b.id').select(eb.fn.countAll<number | string>().as('n')).as('notes'),
        ])
        .where('anchor.id', '=', bookingId)
        .orderBy('b.starts_at')
        .orderBy('b.id')
        .execute() as Promise<ClientSessionRow[]>;
    },
  };
}
