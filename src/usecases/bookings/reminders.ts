// Reminders before a session. Each is claimed with a compare-and-swap on reminder_sent_at, so with
// several app processes every client gets exactly one.

import type { AppDeps } from '../../app/deps.ts';
import { bookingRepository } from '../../db/repositories/bookings.ts';
import { practiceRepository } from '../../db/repositories/practice.ts';
import { reminderToClient } from '../../mail/booking-messages.ts';
import { enqueueMail } from '../outbox.ts';
import { sessionFacts } from './view.ts';

type Deps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config'>;

export async function queueReminders(deps: Deps): Promise<number> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const practice = await practiceRepository(db).get();
  const due = await bookingRepository(db).dueReminders(now, now + practice.reminderHours * 3_600_000, 200);
  let queued = 0;
  for (const b of due) {
    const done = await db.transaction().execute(async (trx) => {
      if (!(await bookingRepository(trx).claimReminder(b.id, b.sequence, now))) return false;
      await enqueueMail(trx, reminderToClient(sessionFacts(deps, b), practice, now), now, deps.encryptor);
      return true;
    });
    if (done) queued++;
  }
  return queued;
}
