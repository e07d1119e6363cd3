// A therapist's hours, as plain forms: weekly ranges (several a day; "add another range" is a submit button
// that draws the form again with one more row, so it works without JavaScript), date changes (a day off or
// different hours), and a preview of the next two weeks' free times.
import { z } from 'zod';
import { isoDateOf, localEpochDay, parseIsoDate } from '../../domain/time.ts';
import { clockTime } from '../../mail/when.ts';
import {
  type DateChange,
  loadHours,
  offeredServices,
  previewSlots,
  rangeProblems,
  removeDateChange,
  saveDateChange,
  saveWeeklyHours,
  type TimeRange,
  type WeeklyRange,
} from '../../usecases/staff/hours.ts';
import { ErrorSummary, errorTitle, type FieldErrors, RadioGroup, SelectField, TextField } from '../components/forms.tsx';
import { all, MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { Done, dateLabel, staffPage, unreadableFormPage } from './layout.tsx';
import { auditOf } from './request.ts';
import { currentTherapistId, type StaffContext } from './session.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const PREVIEW_DAYS = 14;
const MAX_ROWS = 8;

const DONE = {
  'weekly-saved': 'Your weekly hours are saved. The public booking pages show them now.',
  'date-saved': 'That date is saved. The public booking pages show it now.',
  'date-removed': 'That date change is removed: your weekly hours apply to it again.',
};

type Rows = TimeRange[];

interface HoursState {
  weekly?: Map<number, Rows>;
  weeklyErrors?: FieldErrors;
  date?: { date: string; kind: string; rows: Rows };
  dateErrors?: FieldErrors;
}

/** Pairs of start and end fields, in order; a row with both empty is dropped. */
function rowsFrom(starts: string[], ends: string[]): Rows {
  const rows: Rows = [];
  for (let i = 0; i < Math.min(Math.max(starts.length, ends.length), MAX_ROWS * 2); i++) {
    const start = (starts[i] ?? '').trim();
    const end = (ends[i] ?? '').trim();
    if (start || end) rows.push({ start, end });
  }
  return rows;
}

function problemsOf(rows: Rows): string | undefined {
  if (rows.some((r) => !r.start || !r.end)) return 'Enter both a start and an end time for each range, or leave both empty';
  return rangeProblems(rows)[0];
}

function RangeRows({ prefix, context, rows, error }: { prefix: string; context: string; rows: Rows; error?: string | undefined }) {
  return (
    <>
      {error ? (
        <span class="error-message" id={`f-${prefix}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </span>
      ) : null}
      {rows.map((r, i) => {
        const base = i === 0 ? `f-${prefix}` : `f-${prefix}-${i}`;
        return (
          <div class="range-row">
            <div class="range-row__field">
              <label for={base}>
                <span class="visually-hidden">
                  {context}, range {i + 1}:{' '}
                </span>
                From
              </label>
              <input type="time" id={base} name={`start-${prefix}`} value={r.start} aria-describedby={error && i === 0 ? `f-${prefix}-error` : undefined} />
            </div>
            <div class="range-row__field">
              <label for={`${base}-end`}>
                <span class="visually-hidden">
                  {context}, range {i + 1}:{' '}
                </span>
                To
              </label>
              <input type="time" id={`${base}-end`} name={`end-${prefix}`} value={r.end} />
            </div>
          </div>
        );
      })}
    </>
  );
}

const fmtDate = dateLabel;

async function renderHours(c: StaffContext, state: HoursState = {}, status: 200 | 400 | 422 = 200) {
  const deps = c.var.deps;
  const therapistId = currentTherapistId(c);
  const hours = await loadHours(deps, therapistId);
  const services = await offeredServices(deps, therapistId);
  const chosen = services.find((s) => s.id === c.req.query('service')) ?? services.find((s) => s.durationMinutes >= 45) ?? services[0];
  const preview = chosen ? await previewSlots(deps, therapistId, chosen, PREVIEW_DAYS) : [];
  const weekly =
    state.weekly ?? new Map(WEEKDAYS.map((_, i) => [i + 1, hours.weekly.filter((w) => w.weekday === i + 1).map((w) => ({ start: w.start, end: w.end }))]));
  const weeklyErrors = state.weeklyErrors ?? {};
  const dateErrors = state.dateErrors ?? {};
  const dateForm = state.date ?? { date: '', kind: 'off', rows: [{ start: '', end: '' }] };
  const errors = { ...weeklyErrors, ...dateErrors };
  const today = isoDateOf(localEpochDay(deps.clock.now(), hours.timeZone));
  return staffPage(
    c,
    { title: errorTitle('Your hours', errors), status },
    <>
      <ErrorSummary errors={weeklyErrors} idPrefix="weekly" order={WEEKDAYS.map((_, i) => `day-${i + 1}`)} />
      <ErrorSummary errors={dateErrors} idPrefix="date" order={['date', 'kind', 'ranges']} />
      <Done messages={DONE} value={c.req.query('done')} />
      <h1>Your hours</h1>
      <p>Times are in {hours.timeZone}. Clients see free times within these hours, less sessions already booked.</p>

      <section aria-labelledby="weekly-title">
        <h2 id="weekly-title">Weekly hours</h2>
        <form method="post" action="/staff/hours/weekly" novalidate>
          <p>
            <button type="submit" name="save" value="1" class="button">
              Save weekly hours
            </button>
          </p>
          {WEEKDAYS.map((name, i) => {
            const day = i + 1;
            const rows = weekly.get(day) ?? [];
            const shown = rows.length > 0 ? rows : [{ start: '', end: '' }];
            const error = weeklyErrors[`day-${day}`];
            return (
              <fieldset class={error ? 'weekday field--error' : 'weekday'}>
                <legend>{name}</legend>
                {rows.length === 0 ? <p class="hint">Not working: leave empty, or add a range.</p> : null}
                <RangeRows prefix={`weekly-day-${day}`} context={name} rows={shown} error={error} />
                <button type="submit" name="add" value={String(day)} class="button button--secondary">
                  Add another range<span class="visually-hidden"> on {name}</span>
                </button>
              </fieldset>
            );
          })}
          <p>
            <button type="submit" name="save" value="1" class="button">
              Save weekly hours
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="dates-title">
        <h2 id="dates-title">Days off and different hours</h2>
        {hours.dates.length === 0 ? (
          <p class="muted">No changes to come.</p>
        ) : (
          <ul class="date-changes">
            {hours.dates.map((d) => (
              <li>
                <strong>{fmtDate(d.date)}</strong>: {d.ranges.length === 0 ? 'day off' : d.ranges.map((r) => `${r.start} to ${r.end}`).join(', ')}
                <form method="post" action="/staff/hours/dates/remove" class="inline-form">
                  <input type="hidden" name="date" value={d.date} />
                  <button type="submit" class="button button--secondary">
                    Remove<span class="visually-hidden"> the change on {fmtDate(d.date)}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <h3>Add a date</h3>
        <form method="post" action="/staff/hours/dates" novalidate>
          <TextField idPrefix="date" name="date" label="Date" type="date" value={dateForm.date} error={dateErrors.date} hint={`From ${fmtDate(today)} on`} />
          <RadioGroup
            idPrefix="date"
            name="kind"
            label="On that day"
            value={dateForm.kind}
            error={dateErrors.kind}
            options={[
              { value: 'off', label: 'Day off' },
              { value: 'hours', label: 'Different hours (below) instead of the weekly ones' },
            ]}
          />
          <fieldset class={dateErrors.ranges ? 'weekday field--error' : 'weekday'}>
            <legend>Hours that day</legend>
            <RangeRows prefix="date-ranges" context="That day" rows={dateForm.rows} error={dateErrors.ranges} />
            <button type="submit" name="add" value="1" class="button button--secondary">
              Add another range<span class="visually-hidden"> on that day</span>
            </button>
          </fieldset>
          <button type="submit" name="save" value="1" class="button">
            Save this date
          </button>
        </form>
      </section>

      <section aria-labelledby="preview-title">
        <h2 id="preview-title">Free times in the next two weeks</h2>
        {services.length === 0 ? (
          <p class="muted">You do not offer any services yet: ask the practice admin.</p>
        ) : (
          <>
            <form method="get" action="/staff/hours" class="inline-form">
              <SelectField
                name="service"
                label="For the service"
                value={chosen?.id}
                options={services.map((s) => ({ value: s.id, label: `${s.name} (${s.durationMinutes} minutes)` }))}
              />
              <button type="submit" class="button button--secondary">
                Show free times
              </button>
            </form>
            <p class="muted">As clients see them now: after minimum notice, buffers and sessions already booked.</p>
            <dl class="preview">
              {preview.map((d) => (
                <>
                  <dt>{fmtDate(d.date)}</dt>
                  <dd>{d.slots.length === 0 ? <span class="muted">None</span> : d.slots.map((s) => clockTime(s.start, hours.timeZone)).join(', ')}</dd>
                </>
              ))}
            </dl>
          </>
        )}
      </section>
    </>,
  );
}

export const hoursPage = (c: StaffContext) => renderHours(c);

export async function weeklySubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return renderHours(c, { weeklyErrors: { _form: MALFORMED_FORM } }, 400);
  const weekly = new Map<number, Rows>();
  for (let day = 1; day <= 7; day++) weekly.set(day, rowsFrom(all(fields[`start-weekly-day-${day}`]), all(fields[`end-weekly-day-${day}`])).slice(0, MAX_ROWS));
  const add = Number(one(fields.add));
  if (!one(fields.save) && add >= 1 && add <= 7) {
    const rows = weekly.get(add) ?? [];
    // Nothing entered that day yet shows one empty row already; "add" makes it two.
    weekly.set(add, [...(rows.length === 0 ? [{ start: '', end: '' }] : rows), { start: '', end: '' }].slice(0, MAX_ROWS));
    return renderHours(c, { weekly });
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

export async function dateSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return renderHours(c, { dateErrors: { _form: MALFORMED_FORM } }, 400);
  const deps = c.var.deps;
  const therapistId = currentTherapistId(c);
  const date = one(fields.date).trim().slice(0, 10);
  const kind = one(fields.kind) === 'hours' ? 'hours' : one(fields.kind) === 'off' ? 'off' : '';
  const rows = rowsFrom(all(fields['start-date-ranges']), all(fields['end-date-ranges'])).slice(0, MAX_ROWS);
  if (!one(fields.save) && one(fields.add)) {
    return renderHours(c, { date: { date, kind: kind || 'hours', rows: [...(rows.length ? rows : [{ start: '', end: '' }]), { start: '', end: '' }] } });
  }
  const errors: FieldErrors = {};
  const tz = (await loadHours(deps, therapistId)).timeZone;
  const today = localEpochDay(deps.clock.now(), tz);
  const parsedDate = DateField.safeParse(date);
  if (!parsedDate.success) errors.date = parsedDate.error.issues[0]?.message ?? 'Enter a date';
  else if ((parseIsoDate(date) ?? 0) < today) errors.date = 'Enter today or a date to come';
  else if ((parseIsoDate(date) ?? 0) > today + 2 * 366) errors.date = 'Enter a date within the next two years';
  if (!kind) errors.kind = 'Choose a day off or different hours';
  if (kind === 'hours') {
    if (rows.length === 0) errors.ranges = 'Enter the hours for that day, or choose a day off';
    else {
      const problem = problemsOf(rows);
      if (problem) errors.ranges = problem;
    }
  }
  if (Object.keys(errors).length > 0)
    return renderHours(c, { date: { date, kind, rows: rows.length ? rows : [{ start: '', end: '' }] }, dateErrors: errors }, 422);
  const change: DateChange = { date, ranges: kind === 'off' ? [] : rows };
  await saveDateChange(deps, therapistId, change, auditOf(c));
  return c.redirect('/staff/hours?done=date-saved', 303);
}

export async function dateRemoveSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return unreadableFormPage(c, '/staff/hours');
  const date = one(fields.date).trim();
  if (DateField.safeParse(date).success) await removeDateChange(c.var.deps, currentTherapistId(c), date, auditOf(c));
  return c.redirect('/staff/hours?done=date-removed', 303);
}
