// How times and schedules read on companion pages and e-mails.
import { CLIENT_SESSION_ABSOLUTE_MS, CLIENT_SESSION_IDLE_MS, WEEKDAY_NAMES, type Schedule } from '../../domain/companion.ts';

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string, kind: 'when' | 'date' | 'short'): Intl.DateTimeFormat {
  const key = `${kind}:${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'when'
        ? { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'date'
          ? { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
          : { timeZone, day: 'numeric', month: 'short' };
    f = new Intl.DateTimeFormat('en-GB', options);
    formats.set(key, f);
  }
  return f;
}

/** "Sunday 7 June at 19:00" */
export const formatWhen = (ms: number, timeZone: string) => format(timeZone, 'when').format(ms).replace(/, (\d\d:\d\d)$/, ' at $1');
/** "Sunday 7 June 2026" */
export const formatDate = (ms: number, timeZone: string) => format(timeZone, 'date').format(ms);
/** "7 Jun" */
export const formatShort = (ms: number, timeZone: string) => format(timeZone, 'short').format(ms);

export const scheduleText = (s: Schedule) => `${WEEKDAY_NAMES[s.weekday - 1]}s at ${s.time} (${s.timeZone.replace(/_/g, ' ')} time)`;

const span = (ms: number) => {
  const [n, unit] = ms % 3_600_000 === 0 ? [ms / 3_600_000, 'hour'] : [Math.round(ms / 60_000), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
};

/** How long a sign-in lasts, in words: "12 hours" and "30 minutes" (from the session limits). */
export const SESSION_LIMIT_TEXT = { absolute: span(CLIENT_SESSION_ABSOLUTE_MS), idle: span(CLIENT_SESSION_IDLE_MS) };
