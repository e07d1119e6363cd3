// The hours forms (drawn by hours.tsx): weekly hours (save, add another range, copy a day to others), time
// off as a date range, different hours on a date, and removing either. Adding a range or copying stores
// nothing: it redirects to the page with the typed times in the address and the anchor of the day.
import { z } from 'zod';
import { localEpochDay, parseIsoDate } from '../../domain/time.ts';
import {
  type DateChange,
  loadHours,
  MAX_TIME_OFF_DAYS,
  rangeProblems,
  removeDateChange,
  removeTimeOff,
  saveDateChange,
  saveTimeOff,
  saveWeeklyHours,
  type WeeklyRange,
} from '../../usecases/staff/hours.ts';
import type { FieldErrors } from '../components/forms.tsx';
import { all, MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { draftQuery, MAX_ROWS, type Rows, renderHours, rowsFrom, WEEKDAYS } from './hours.tsx';
import { unreadableFormPage } from './layout.tsx';
import { auditOf } from './request.ts';
import { currentTherapistId, type StaffContext } from './session.ts';

function problemsOf(rows: Rows): string | undefined {
  if (rows.some((r) => !r.start || !r.end)) return 'Enter both a start and an end time for each range, or leave both empty';
  return rangeProblems(rows)[0];
}

const EMPTY_ROW = { start: '', end: '' };

export async function weeklySubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return renderHours(c, { weeklyErrors: { _form: MALFORMED_FORM } }, 400);
  const saving = one(fields.save) !== '';
  const add = Number(one(fields.add));
  const drafting = !saving && ((add >= 1 && add <= 7) || one(fields.copy) !== '');
  const weekly = new Map<number, Rows>();
  for (let day = 1; day <= 7; day++) weekly.set(day, rowsFrom(all(fields[`start-weekly-day-${day}`]), all(fields[`end-weekly-day-${day}`]), drafting));
  if (drafting && add >= 1 && add <= 7) {
    const rows = weekly.get(add)!.filter((r) => r.start || r.end);
    // Nothing entered that day yet shows one empty row already; "add" makes it two.
    weekly.set(add, [...(rows.length === 0 ? [EMPTY_ROW] : rows), EMPTY_ROW].slice(0, MAX_ROWS));
    return c.redirect(`/staff/hours?${draftQuery(weekly)}#day-${add}`, 303);
  }
  if (drafting) {
    const from = Number(one(fields.from));
    const to = [...new Set(all(fields.to).map(Number))].filter((d) => d >= 1 && d <= 7 && d !== from).sort();
    if (!(from >= 1 && from <= 7) || to.length === 0) {
      return renderHours(
        c,
        {
          weekly,
          unsaved: true,
          copy: { from: one(fields.from), to: all(fields.to) },
          copyErrors: { to: 'Choose at least one other day to copy the hours to' },
        },
        422,
      );
    }
    const source = weekly.get(from)!.filter((r) => r.start || r.end);
    for (const day of to)
      weekly.set(
        day,
        source.map((r) => ({ ...r })),
      );
    const q = draftQuery(weekly);
    q.set('cf', String(from));
    for (const day of to) q.append('ct', String(day));
    return c.redirect(`/staff/hours?${q}#copy-hours`, 303);
  }
  const errors: FieldErrors = {};
  for (const [day, rows] of weekly) {
    const problem = problemsOf(rows);
    if (problem) errors[`day-${day}`] = `${WEEKDAYS[day - 1]}: ${problem}`;
  }
  if (Object.keys(errors).length > 0) return renderHours(c, { weekly, weeklyErrors: errors }, 422);
  const ranges: WeeklyRange[] = [...weekly].flatMap(([weekday, rows]) => rows.map((r) => ({ weekday, start: r.start, end: r.end })));
  await saveWeeklyHours(c.var.deps, currentTherapistId(c), ranges, auditOf(c));
  return c.redirect('/staff/hours?done=weekly-saved', 303);
}

const DateField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date')
  .refine((d) => parseIsoDate(d) !== null, 'Enter a real date');

/** Today in the therapist's zone, as an epoch day. */
async function todayOf(c: StaffContext): Promise<number> {
  const tz = (await loadHours(c.var.deps, currentTherapistId(c))).timeZone;
  return localEpochDay(c.var.deps.clock.now(), tz);
}

/** A date to come: today on, within two years; the message when it is not. */
function dateToCome(date: string, today: number): string | undefined {
  const parsed = DateField.safeParse(date);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Enter a date';
  const day = parseIsoDate(date)!;
  if (day < today) return 'Enter today or a date to come';
  if (day > today + 2 * 366) return 'Enter a date within the next two years';
  return undefined;
}

export async function timeOffSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return renderHours(c, { offErrors: { _form: MALFORMED_FORM } }, 400);
  const from = one(fields.from).trim().slice(0, 10);
  const to = one(fields.to).trim().slice(0, 10);
  const today = await todayOf(c);
  const errors: FieldErrors = {};
  const fromProblem = dateToCome(from, today);
  if (fromProblem) errors.from = fromProblem === 'Enter a date' ? 'Enter the first day off' : fromProblem;
  const last = to === '' ? from : to;
  if (to !== '') {
    const toProblem = dateToCome(to, today);
    if (toProblem) errors.to = toProblem;
  }
  if (!errors.from && !errors.to) {
    const days = parseIsoDate(last)! - parseIsoDate(from)! + 1;
    if (days < 1) errors.to = 'Enter a last day off on or after the first';
    else if (days > MAX_TIME_OFF_DAYS) errors.to = 'Enter at most a year of time off at once';
  }
  if (Object.keys(errors).length > 0) return renderHours(c, { off: { from, to }, offErrors: errors }, 422);
  const booked = await saveTimeOff(c.var.deps, currentTherapistId(c), { from, to: last }, auditOf(c));
  return c.redirect(`/staff/hours?done=time-off-saved${booked > 0 ? `&booked=${booked}` : ''}#time-off`, 303);
}

export async function timeOffRemoveSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return unreadableFormPage(c, '/staff/hours');
  const from = one(fields.from).trim();
  const to = one(fields.to).trim();
  if (DateField.safeParse(from).success && DateField.safeParse(to).success && from <= to) {
    await removeTimeOff(c.var.deps, currentTherapistId(c), { from, to }, auditOf(c));
  }
  return c.redirect('/staff/hours?done=time-off-removed#time-off', 303);
}

export async function dateSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return renderHours(c, { dateErrors: { _form: MALFORMED_FORM } }, 400);
  const date = one(fields.date).trim().slice(0, 10);
  const adding = !one(fields.save) && one(fields.add) !== '';
  const rows = rowsFrom(all(fields['start-date-ranges']), all(fields['end-date-ranges']), adding);
  if (adding) {
    const typed = rows.filter((r) => r.start || r.end);
    const q = draftQuery(undefined, { date, rows: [...(typed.length ? typed : [EMPTY_ROW]), EMPTY_ROW].slice(0, MAX_ROWS) });
    return c.redirect(`/staff/hours?${q}#date-hours`, 303);
  }
  const errors: FieldErrors = {};
  const dateProblem = dateToCome(date, await todayOf(c));
  if (dateProblem) errors.date = dateProblem;
  if (rows.length === 0) errors.ranges = 'Enter the hours for that day (for a day off, use Time off)';
  else {
    const problem = problemsOf(rows);
    if (problem) errors.ranges = problem;
  }
  if (Object.keys(errors).length > 0) return renderHours(c, { date: { date, rows: rows.length ? rows : [EMPTY_ROW] }, dateErrors: errors }, 422);
  const change: DateChange = { date, ranges: rows };
  await saveDateChange(c.var.deps, currentTherapistId(c), change, auditOf(c));
  return c.redirect('/staff/hours?done=date-saved#changed-hours', 303);
}

export async function dateRemoveSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return unreadableFormPage(c, '/staff/hours');
  const date = one(fields.date).trim();
  if (DateField.safeParse(date).success) await removeDateChange(c.var.deps, currentTherapistId(c), date, auditOf(c));
  return c.redirect('/staff/hours?done=date-removed#changed-hours', 303);
}
