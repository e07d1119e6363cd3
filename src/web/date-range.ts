// Calendar dates as people read them: "Thu 3 – Wed 9 December", "Mon 28 December – Sun 24 January",
// with the year only when the range crosses one. Dates are "YYYY-MM-DD" calendar dates (no zone).
const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });
const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

function parts(iso: string) {
  const ms = Date.parse(`${iso}T12:00:00Z`);
  const d = new Date(ms);
  return { weekday: weekday.format(ms), day: d.getUTCDate(), month: month.format(ms), year: d.getUTCFullYear() };
}

/** "Thu 3 December" (with the year when asked). */
export function dayText(iso: string, withYear = false): string {
  const p = parts(iso);
  return `${p.weekday} ${p.day} ${p.month}${withYear ? ` ${p.year}` : ''}`;
}

/** "Thu 3 – Wed 9 December"; across months "Mon 28 December – Sun 24 January"; across years, both years. */
export function dateRangeText(fromIso: string, toIso: string): string {
  const a = parts(fromIso);
  const b = parts(toIso);
  if (fromIso === toIso) return dayText(fromIso);
  if (a.year !== b.year) return `${dayText(fromIso, true)} – ${dayText(toIso, true)}`;
  if (a.month !== b.month) return `${dayText(fromIso)} – ${dayText(toIso)}`;
  return `${a.weekday} ${a.day} – ${b.weekday} ${b.day} ${b.month}`;
}
