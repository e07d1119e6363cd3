// Therapists' own video links (migration 020): read where a list of bookings needs its rooms (the week,
// the calendar feed) without widening the lists' queries.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export function roomRepository(db: Kysely<DB>) {
  return {
    /** A therapist's own fixed video link, or null (none set, or no such therapist). */
    async therapistLink(therapistId: string): Promise<string | null> {
      const row = await db.selectFrom('therapists').select('video_url').where('id', '=', therapistId).executeTakeFirst();
      return row?.video_url ?? null;
    },
    /** Sets or clears a therapist's own link. */
    async setTherapistLink(therapistId: string, link: string | null): Promise<void> {
      await db.updateTable('therapists').set({ video_url: link }).where('id', '=', therapistId).execute();
    },
  };
}
