// Reminders before a session. Each is claimed with a compare-and-swap on reminder_sent_at, so with
// several app processes every client gets exactly one.
import { practiceRepository } from '../db/repositories/practice.ts';
import { reminderToClient } from '../mail/booking-messages.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { AppDeps } from '../app/deps.ts';

type Deps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config'>;

export async function queueReminders(deps: Deps): Promise<number> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const practice = await practiceRepository(db).get();
  const horizon = now + practice.reminderHours * 3_600_000;
  const due = await db
    .selectFrom('bookings as b')
    .innerJoin('therapists as t', 't.id', 'b.therapist_id')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .select(['b.id', 'b.sequence', 'b.reference', 'b.starts_at', 'b.ends_at', 'b.format', 'b.client_name', 'b.client_email', 'b.client_time_zone', 'b.manage_token_sealed', 't.name as therapist_name', 't.email as therapist_email', 't.time_zone as therapist_time_zone', 's.name as service_name'])
    .where('b.status', '=', 'confirmed')
    .where('b.reminder_sent_at', 'is', null)
    .where('b.starts_at', '>', now)
    .where('b.starts_at', '<=', horizon)
    .limit(200)
    .execute();
  let queued = 0;
  for (const b of due) {
    const done = await db.transaction().execute(async (trx) => {
      const claimed = await trx.updateTable('bookings').set({ reminder_sent_at: now }).where('id', '=', b.id).where('reminder_sent_at', 'is', null).where('sequence', '=', b.sequence).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const token = deps.encryptor.decrypt(b.manage_token_sealed);
      const mail = reminderToClient(
        {
          bookingId: b.id, reference: b.reference, start: b.starts_at, end: b.ends_at, sequence: b.sequence, format: b.format,
          serviceName: b.service_name, therapistName: b.therapist_name, therapistEmail: b.therapist_email,
          clientName: deps.encryptor.decrypt(b.client_name), clientEmail: deps.encryptor.decrypt(b.client_email),
          clientTimeZone: b.client_time_zone, therapistTimeZone: b.therapist_time_zone, manageUrl: `${deps.config.publicUrl}/manage/${token}`,
        },
        practice,
        now,
      );
      await enqueueMail(trx, mail, now, deps.encryptor);
      return true;
    });
    if (done) queued++;
  }
  return queued;
}
