// How times read on companion pages and in the companion's e-mails, in the circle's own zone.
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
export const formatWhen = (ms: number, timeZone: string) =>
  format(timeZone, 'when')
    .format(ms)
    .replace(/, (\d\d:\d\d)$/, ' at $1');
/** "Sunday 7 June 2026" */
export const formatDate = (ms: number, timeZone: string) => format(timeZone, 'date').format(ms);
/** "7 Jun" */
export const formatShort = (ms: number, timeZone: string) => format(timeZone, 'short').format(ms);
