// How a session's time reads in an e-mail or on a page, in the reader's own zone.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, kind: 'long' | 'short' | 'time' | 'zone'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'long'
        ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
        : kind === 'short'
          ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
          : kind === 'time'
            ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
            : { timeZone, timeZoneName: 'short', hour: '2-digit' };
    f = new Intl.DateTimeFormat('en-GB', options);
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
