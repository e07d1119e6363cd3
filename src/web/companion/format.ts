// How times and schedules read on companion pages (the times themselves are formatted as in the e-mails).
import { CLIENT_SESSION_ABSOLUTE_MS, CLIENT_SESSION_IDLE_MS, REMEMBER_ME_MS, type Schedule, WEEKDAY_NAMES } from '../../domain/companion.ts';

export { formatDate, formatShort, formatWhen } from '../../mail/when.ts';

export const scheduleText = (s: Schedule) => `${WEEKDAY_NAMES[s.weekday - 1]}s at ${s.time} (${s.timeZone.replace(/_/g, ' ')} time)`;

const span = (ms: number) => {
  const [n, unit] = ms % 3_600_000 === 0 ? [ms / 3_600_000, 'hour'] : [Math.round(ms / 60_000), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
};

/** How long a sign-in lasts, in words: "12 hours" and "30 minutes" (from the session limits). */
export const SESSION_LIMIT_TEXT = { absolute: span(CLIENT_SESSION_ABSOLUTE_MS), idle: span(CLIENT_SESSION_IDLE_MS) };

/** "Remember me on this device", in days. */
export const REMEMBER_ME_DAYS = REMEMBER_ME_MS / 86_400_000;
