// Weekly check-in reminders. For each circle whose check-in has just opened, every member who has not
// answered gets one e-mail: a reminder row per member per week is claimed by compare-and-swap (due → queued)
// in the transaction that writes the e-mail to the outbox, so any number of processes can run this at once.
import type { AppDeps } from '../../app/deps.ts';
import { reminderDue, reminderLinkExpiry } from '../../domain/companion.ts';
import { reminderMail } from '../../mail/companion-messages.ts';
import { formatWhen } from '../../mail/when.ts';
import { enqueueMail } from '../outbox.ts';
import { companion, inTransaction } from './deps.ts';
import { queueWeekEndNotices } from './notices.ts';
import { issueSignInToken } from './sign-in.ts';
import { currentWeek, recordCurrentWeek } from './weeks.ts';

type Deps = Pick<AppDeps, 'database' | 'encryptor' | 'config' | 'logger' | 'repos'>;

/** Queues the reminders due at `now`; returns how many this call queued. Safe to run again and in parallel. */
export async function sendCheckInReminders(deps: Deps, now: number): Promise<number> {
  const r = companion(deps);
  const practice = await deps.repos.practice.get();
  let queued = 0;
  let notices = 0;
  for (const circle of await r.circles.all()) {
    // The week just ended, revealed by its end: those who can now see someone else's answers are told.
    const ended = (await r.checkIns.weeks(circle.id, 2)).find((w) => w.end <= now);
    if (ended) notices += await queueWeekEndNotices(deps, r, { circleId: circle.id, week: ended, practiceName: practice.name, now });
    const open = await currentWeek(r, circle, now);
    if (!reminderDue(open, now)) continue;
    const week = await recordCurrentWeek(r, circle, now);
    const members = await r.circles.members(circle.id);
    const answered = new Set((await r.checkIns.answers(week.id)).map((a) => a.clientId));
    await r.checkIns.addDueReminders(
      week.id,
      members.filter((m) => !answered.has(m.clientId)).map((m) => m.clientId),
      now,
    );
    for (const clientId of await r.checkIns.dueReminders(week.id)) {
      if (answered.has(clientId)) continue;
      const email = await r.accounts.emailOf(clientId);
      if (!email) continue;
      const claimed = await inTransaction(deps, async (t, trx) => {
        if (!(await t.checkIns.claimReminder(week.id, clientId, now))) return false;
        // A sign-in link of its own that opens this week's check-in: single use, like any sign-in link, and
        // working until the check-in closes (at most REMINDER_LINK_MAX_MS), so the reminder is all it takes.
        const next = `/companion/circles/${circle.id}/check-in`;
        const token = await issueSignInToken(deps, { email, next, now, expiresAt: reminderLinkExpiry(week, now) }, trx);
        const url = `${deps.config.publicUrl}/companion/sign-in/${token}`;
        const mail = reminderMail(email, url, formatWhen(week.end, circle.schedule.timeZone), practice.name);
        await enqueueMail(trx, mail, now, deps.encryptor);
        return true;
      });
      if (claimed) queued++;
    }
  }
  if (queued > 0) deps.logger.info({ job: 'check-in-reminders', queued }, 'check-in reminders queued');
  if (notices > 0) deps.logger.info({ job: 'check-in-reminders', notices }, 'answers-revealed notices queued');
  return queued;
}
