// How a time reads in an e-mail or on a page, in the reader's own zone (a client's, or a circle's). One
// cache of formatters, one entry per zone and kind.
const FORMATS = {
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  short: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  zone: { timeZoneName: 'short', hour: '2-digit' },
  dayAndTime: { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  dayMonth: { day: 'numeric', month: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, kind: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...FORMATS[kind], timeZone });
    formats.set(key, f);
  }
  return f;
}

/** "Tuesday 3 June 2027 at 10:00 (BST)" */
export function longWhen(ms: number, timeZone: string): string {
  const parts = formatter(timeZone, 'long').formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')} (${zoneName(ms, timeZone)})`;
}

/** "Tue 3 Jun at 10:00": for subjects, where nothing else about the session may appear. */
export function shortWhen(ms: number, timeZone: string): string {
  const parts = formatter(timeZone, 'short').formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} at ${get('hour')}:${get('minute')}`;
}

/** "10:00" */
export function clockTime(ms: number, timeZone: string): string {
  return formatter(timeZone, 'time').format(ms);
}

/** "BST", "GMT", "EST", or "GMT+5:30" where a zone has no abbreviation. */
export function zoneName(ms: number, timeZone: string): string {
  return (
    formatter(timeZone, 'zone')
      .formatToParts(ms)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  );
}

/** "Sunday 7 June at 19:00" (the companion's check-in times) */
export const formatWhen = (ms: number, timeZone: string) =>
  formatter(timeZone, 'dayAndTime')
    .format(ms)
    .replace(/, (\d\d:\d\d)$/, ' at $1');
/** "Sunday 7 June 2026" */
export const formatDate = (ms: number, timeZone: string) => formatter(timeZone, 'date').format(ms);
/** "7 Jun" */
export const formatShort = (ms: number, timeZone: string) => formatter(timeZone, 'dayMonth').format(ms);

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayParts(date: string): { weekday: string; day: string; month: string; year: string } {
  const key = 'utc';
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dayFormats.set(key, f);
  }
  const parts = f.formatToParts(Date.parse(`${date}T12:00:00Z`));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: get('weekday'), day: get('day'), month: get('month'), year: get('year') };
}

/** A calendar date (YYYY-MM-DD) in words: "Thu 3 December". */
export function dayWords(date: string): string {
  const d = dayParts(date);
  return `${d.weekday} ${d.day} ${d.month}`;
}

/**
 * Two calendar dates (YYYY-MM-DD) as a range people read: "Thu 3 – Wed 9 December",
 * "Mon 28 December – Sun 3 January 2027" (the year only when the range crosses one).
 */
export function dateRangeWords(from: string, to: string): string {
  const a = dayParts(from);
  const b = dayParts(to);
  if (from === to) return `${a.weekday} ${a.day} ${a.month}`;
  if (a.year !== b.year) return `${a.weekday} ${a.day} ${a.month} ${a.year} – ${b.weekday} ${b.day} ${b.month} ${b.year}`;
  if (a.month !== b.month) return `${a.weekday} ${a.day} ${a.month} – ${b.weekday} ${b.day} ${b.month}`;
  return `${a.weekday} ${a.day} – ${b.weekday} ${b.day} ${b.month}`;
}
