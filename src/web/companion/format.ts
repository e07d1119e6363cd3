// How times and schedules read on companion pages and e-mails.
import { WEEKDAY_NAMES, type Schedule } from '../../domain/companion.ts';

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
