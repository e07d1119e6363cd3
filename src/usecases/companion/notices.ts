// E-mails that say something happened in a circle: a partner has answered this week's check-in, or the
// week's answers are revealed. Written in the transaction that saved the answer, through the outbox; at
// most one per event per person (a claimed row per week, person and event); never with content. The safety
// policy decides too: someone whose own latest check-in suggests they may not be safe gets none, since
// an e-mail about the companion may be read by the person they are afraid of.
import type { Kysely } from 'kysely';
import type { CompanionRepositories } from '../../db/repositories/companion.ts';
import type { Week } from '../../db/repositories/companion-checkins.ts';
import type { NoticeEvent } from '../../db/repositories/companion-notices.ts';
import type { DB } from '../../db/schema.ts';
import { checkInWords } from '../../domain/companion.ts';
import { decideSafety } from '../../domain/safety.ts';
import { type CheckInNotice, checkInNoticeMail } from '../../mail/companion-messages.ts';
import { enqueueMail } from '../outbox.ts';
import { type CompanionDeps, inTransaction } from './deps.ts';

/** Whether e-mail about the circle may be sent to a member: not when their own words suggest a worry. */
async function mayNotify(r: CompanionRepositories, circleId: string, clientId: string): Promise<boolean> {
  const latest = (await r.checkIns.ownHistory(circleId, clientId)).at(-1);
  return !decideSafety({ texts: latest ? checkInWords(latest.answer) : [] }).helpFirst;
}

/**
 * After `answererId` saved an answer to a week: the others hear that they answered (the first time only),
 * or, when this answer revealed the week, that the answers can be seen. Inside the caller's transaction.
 */
export async function queueCheckInNotices(
  deps: Pick<CompanionDeps, 'config' | 'encryptor'>,
  r: CompanionRepositories,
  trx: Kysely<DB>,
  input: {
    circleId: string;
    weekId: string;
    members: string[];
    answererId: string;
    firstAnswer: boolean;
    revealed: boolean;
    practiceName: string;
    now: number;
  },
): Promise<number> {
  const notice: CheckInNotice | null = input.revealed ? 'revealed' : input.firstAnswer ? 'answered' : null;
  if (!notice) return 0;
  const event: NoticeEvent = notice === 'revealed' ? 'revealed' : `answered:${input.answererId}`;
  const url = `${deps.config.publicUrl}/companion/circles/${input.circleId}`;
  let sent = 0;
  for (const clientId of input.members) {
    if (clientId === input.answererId) continue;
    if (!(await mayNotify(r, input.circleId, clientId))) continue;
    const email = await r.accounts.emailOf(clientId);
    if (!email || !(await r.notices.claim(input.weekId, clientId, event, input.now))) continue;
    await enqueueMail(trx, checkInNoticeMail(email, notice, url, input.practiceName), input.now, deps.encryptor);
    sent++;
  }
  return sent;
}

/** A week that ended this long ago or less, revealed by its end rather than by everyone answering, is told of. */
export const WEEK_END_NOTICE_WINDOW_MS = 24 * 3_600_000;

/**
 * A week whose answers were revealed by the week ending (not everyone answered): each member is told once,
 * when someone else answered it, so that there is something of the others' to see. Run by the reminders
 * job; each e-mail in its own transaction with its claim, so any number of processes can run it at once.
 */
export async function queueWeekEndNotices(
  deps: Pick<CompanionDeps, 'config' | 'encryptor' | 'database'>,
  r: CompanionRepositories,
  input: { circleId: string; week: Week; practiceName: string; now: number },
): Promise<number> {
  const { week, now } = input;
  if (week.revealedAt !== null || week.end > now || now - week.end > WEEK_END_NOTICE_WINDOW_MS) return 0;
  const answered = (await r.checkIns.answers(week.id)).map((a) => a.clientId);
  if (answered.length === 0) return 0;
  const members = (await r.circles.members(input.circleId)).map((x) => x.clientId);
  const url = `${deps.config.publicUrl}/companion/circles/${input.circleId}`;
  let sent = 0;
  for (const clientId of members) {
    if (!answered.some((a) => a !== clientId)) continue;
    if (!(await mayNotify(r, input.circleId, clientId))) continue;
    const email = await r.accounts.emailOf(clientId);
    if (!email) continue;
    const claimed = await inTransaction(deps, async (t, trx) => {
      if (!(await t.notices.claim(week.id, clientId, 'revealed', now))) return false;
      await enqueueMail(trx, checkInNoticeMail(email, 'revealed-at-end', url, input.practiceName), now, deps.encryptor);
      return true;
    });
    if (claimed) sent++;
  }
  return sent;
}
