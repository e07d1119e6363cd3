// The terms of a session in words, the same on the details step, the confirmation page and the
// confirmation e-mail: what it costs, where it happens, and the rule for changing or cancelling it
// (the hours come from the practice's settings, the moment from decideChange's window).
import { changeWindow } from '../domain/booking.ts';
import { feeWords, type Money } from '../domain/fees.ts';
import type { PracticeSettings } from '../domain/practice.ts';
import { shortWhen } from './when.ts';

/** "£90 for this session" or "Free of charge". */
export const feeLine = (fee: Money): string => (fee.minor === 0 ? 'Free of charge' : `${feeWords(fee)} for this session`);

/** Where: the practice's address in person; online, by video (how to join is said beside it: room-words.ts). */
export function whereLine(format: string, practice: Pick<PracticeSettings, 'address'>): string {
  return format === 'online' ? 'Online, by video' : `In person at ${practice.address}`;
}

/** "24 hours before" / "it starts". */
const windowWords = (hours: number) => (hours <= 0 ? 'it starts' : `${hours} ${hours === 1 ? 'hour' : 'hours'} before`);

export interface ChangeRuleWords {
  /** The rule, always: "Free to change or cancel online until 24 hours before (Tue 2 Mar at 10:00). After that, please call us on …". */
  rule: string;
  /** Only when the session is already inside the window: what that means, before the client commits. */
  inside?: string | undefined;
}

/** The change rule for a session at this time, in the client's zone. */
export function changeRuleWords(
  session: { start: number; end: number; timeZone: string },
  now: number,
  practice: Pick<PracticeSettings, 'lateCancellationHours' | 'phone'>,
): ChangeRuleWords {
  const hours = practice.lateCancellationHours;
  const { until, insideNow } = changeWindow(session.start, session.end, now, practice);
  const moment = hours > 0 && !insideNow ? ` (${shortWhen(until, session.timeZone)})` : '';
  const rule = `Free to change or cancel online until ${windowWords(hours)}${moment}. After that, please call us on ${practice.phone}.`;
  if (!insideNow) return { rule };
  return {
    rule,
    inside: `This time is less than ${windowWords(hours).replace(' before', '')} away, so once it is booked it cannot be changed or cancelled online: you would need to call us on ${practice.phone}.`,
  };
}
