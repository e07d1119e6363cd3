// Weekly check-in reminders. For each circle whose check-in has just opened, every member who has not
// answered gets one e-mail: a reminder row per member per week is claimed by compare-and-swap (due → queued)
// in the transaction that writes the e-mail to the outbox, so any number of processes can run this at once.
import { companionRepositoriesFor } from '../db/repositories/companion.ts';
import { practiceRepository } from '../db/repositories/practice.ts';
import { CLIENT_SESSION_IDLE_MS, COMPANION_UNUSED_RETENTION_DAYS, reminderDue } from '../domain/companion.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { formatWhen } from '../web/companion/format.ts';
import { reminderMail } from '../web/companion/messages.ts';
import type { AppDeps } from '../app/deps.ts';

type Deps = Pick<AppDeps, 'database' | 'encryptor' | 'config' | 'logger'>;

/** Queues the reminders due at `now`; returns how many this call queued. Safe to run again and in parallel. */
export async function sendCheckInReminders(deps: Deps, now: number): Promise<number> {
  const repos = companionRepositoriesFor(deps);
  const practice = await practiceRepository(deps.database.db).get();
  let queued = 0;
  for (const circle of await repos.circles.all()) {
    const open = await repos.checkIns.openWeek(circle, now);
    if (!reminderDue(open, now)) continue;
    const week = await repos.checkIns.ensureOpenWeek(circle, now);
    const members = await repos.circles.members(circle.id);
    const answered = new Set((await repos.checkIns.answers(week.id)).map((a) => a.clientId));
    await repos.checkIns.addDueReminders(week.id, members.filter((m) => !answered.has(m.clientId)).map((m) => m.clientId), now);
    for (const clientId of await repos.checkIns.dueReminders(week.id)) {
      if (answered.has(clientId)) continue;
      const email = await repos.accounts.emailOf(clientId);
      if (!email) continue;
      const url = `${deps.config.publicUrl}/companion/circles/${circle.id}/check-in`;
      const mail = reminderMail(email, url, formatWhen(week.end, circle.schedule.timeZone), practice.name);
      const claimed = await repos.checkIns.claimReminder(week.id, clientId, now, async (trx) => {
        await enqueueMail(trx, mail, now, deps.encryptor);
      });
      if (claimed) queued++;
    }
  }
  if (queued > 0) deps.logger.info({ job: 'check-in-reminders', queued }, 'check-in reminders queued');
  return queued;
}

/**
 * Housekeeping for the companion: ended sessions, sign-in links and invitations past use, reminder rows
 * of weeks long gone, and (as the privacy notice promises) every account nobody has signed in to for a
 * year, erased with everything its holder wrote exactly as if they had deleted it themselves.
 */
export async function pruneCompanion(deps: Pick<AppDeps, 'database' | 'encryptor'>, now: number): Promise<number> {
  const { db } = deps.database;
  let removed = 0;
  const count = (r: { numDeletedRows: bigint }) => {
    removed += Number(r.numDeletedRows);
  };
  const unused = await db.selectFrom('companion_clients').select('id').where('last_sign_in_at', '<', now - COMPANION_UNUSED_RETENTION_DAYS * 86_400_000).execute();
  const { circles } = companionRepositoriesFor(deps);
  for (const { id } of unused) await circles.eraseClient(id);
  removed += unused.length;
  count(await db.deleteFrom('companion_sessions').where('expires_at', '<=', now).executeTakeFirst());
  count(await db.deleteFrom('companion_sessions').where('last_seen_at', '<=', now - CLIENT_SESSION_IDLE_MS).executeTakeFirst());
  count(await db.deleteFrom('companion_login_tokens').where('expires_at', '<', now - 86_400_000).executeTakeFirst());
  count(await db.deleteFrom('companion_invites').where('expires_at', '<', now - 30 * 86_400_000).executeTakeFirst());
  count(
    await db
      .deleteFrom('companion_reminders')
      .where('week_id', 'in', (eb) => eb.selectFrom('companion_weeks').select('id').where('ends_at', '<', now - 60 * 86_400_000))
      .executeTakeFirst(),
  );
  return removed;
}
