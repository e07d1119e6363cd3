// When a free time suits the person asking: the times of day the match form offers ("When could you
// come?"), applied to a session's start in the person's own zone. Pure.
import type { TimeWindow } from './matching.ts';
import { DAY_MS, isoWeekdayOf, localEpochDay, MINUTE_MS, offsetAt } from './time.ts';

/**
 * Each window as the form words it: weekday daytimes are Monday to Friday, starting before 17:00;
 * evenings start at 18:00 or later, any day; Saturdays are any time on a Saturday. Weekdays are ISO
 * (1 = Monday … 7 = Sunday), minutes are minutes after local midnight.
 */
export const SLOT_WINDOWS: Record<TimeWindow, { weekdays: readonly number[]; fromMinute: number; beforeMinute: number }> = {
  weekday_daytime: { weekdays: [1, 2, 3, 4, 5], fromMinute: 0, beforeMinute: 17 * 60 },
  evenings: { weekdays: [1, 2, 3, 4, 5, 6, 7], fromMinute: 18 * 60, beforeMinute: 24 * 60 },
  saturdays: { weekdays: [6], fromMinute: 0, beforeMinute: 24 * 60 },
};

/** The weekday and minute of the day a zone's clock shows at an instant. */
export function localClock(ms: number, timeZone: string): { weekday: number; minute: number } {
  const local = ms + offsetAt(ms, timeZone);
  const minute = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
  return { weekday: isoWeekdayOf(localEpochDay(ms, timeZone)), minute };
}

/** Whether a session starting at `start` falls in one of the windows, in the person's zone. No windows: any time suits. */
export function startSuits(start: number, windows: readonly TimeWindow[], timeZone: string): boolean {
  if (windows.length === 0) return true;
  const { weekday, minute } = localClock(start, timeZone);
  return windows.some((w) => {
    const rule = SLOT_WINDOWS[w];
    return rule.weekdays.includes(weekday) && minute >= rule.fromMinute && minute < rule.beforeMinute;
  });
}
