// A therapist's hours, as plain forms: weekly ranges (several a day), a day's hours copied to other days,
// time off as date ranges, different hours on a date, and a preview of the next two weeks' free times.
// "Add another range" and "Copy" change nothing stored: they send the form, and the answer is a redirect to
// this page with what was typed in the address (times only) and the day's anchor, so the page comes back
// where it was, without JavaScript. The handlers are in hours-submit.tsx.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { isoDateOf, localEpochDay } from '../../domain/time.ts';
import { clockTime } from '../../mail/when.ts';
import { loadHours, offeredServices, previewSlots, type TimeRange } from '../../usecases/staff/hours.ts';
import { CheckboxGroup, ErrorSummary, errorTitle, type FieldErrors, SelectField, TextField } from '../components/forms.tsx';
import { Done, dateLabel, staffPage } from './layout.tsx';
import { currentTherapistId, type StaffContext } from './session.ts';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const PREVIEW_DAYS = 14;
export const MAX_ROWS = 8;

const DONE = {
  'weekly-saved': 'Your weekly hours are saved. The public booking pages show them now.',
};
const TIME_OFF_DONE = {
  'time-off-saved': 'Your time off is saved: clients cannot book those days.',
  'time-off-removed': 'That time off is removed: your weekly hours apply to those days again.',
};
const DATE_DONE = {
  'date-saved': 'Those hours are saved for that date. The public booking pages show them now.',
  'date-removed': 'That date change is removed: your weekly hours apply to it again.',
};

export type Rows = TimeRange[];

export interface HoursState {
  weekly?: Map<number, Rows>;
  weeklyErrors?: FieldErrors;
  /** Hours typed but not saved yet (after "add another range" or "copy"). */
  unsaved?: boolean;
  copy?: { from: string; to: string[] };
  copyErrors?: FieldErrors;
  copied?: { from: number; to: number[] };
  off?: { from: string; to: string };
  offErrors?: FieldErrors;
  date?: { date: string; rows: Rows };
  dateErrors?: FieldErrors;
}

const TIME = /^[0-9:]{0,5}$/;
const clean = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return TIME.test(t) ? t : '';
};

/** Pairs of start and end fields, in order, at most MAX_ROWS; with `keepEmpty` false, a row with both empty is dropped. */
export function rowsFrom(starts: string[], ends: string[], keepEmpty = false): Rows {
  const rows: Rows = [];
  for (let i = 0; i < Math.max(starts.length, ends.length) && rows.length < MAX_ROWS; i++) {
    const start = (starts[i] ?? '').trim();
    const end = (ends[i] ?? '').trim();
    if (keepEmpty || start || end) rows.push({ start, end });
  }
  return rows;
}

/** The address that shows the weekly hours as typed (times only), and optionally a date's. */
export function draftQuery(weekly: Map<number, Rows> | undefined, date?: { date: string; rows: Rows }): URLSearchParams {
  const q = new URLSearchParams();
  if (weekly) {
    q.set('w', '1');
    for (const [day, rows] of weekly)
      for (const r of rows) {
        q.append(`s${day}`, r.start);
        q.append(`e${day}`, r.end);
      }
  }
  if (date) {
    q.set('d', date.date);
    for (const r of date.rows) {
      q.append('ds', r.start);
      q.append('de', r.end);
    }
  }
  return q;
}

/** What a draft address says (see draftQuery): only times and a date are read back. */
function stateFromQuery(c: Context): HoursState {
  const state: HoursState = {};
  const list = (name: string) => (c.req.queries(name) ?? []).map(clean);
  if (c.req.query('w') === '1') {
    state.weekly = new Map(WEEKDAYS.map((_, i) => [i + 1, rowsFrom(list(`s${i + 1}`), list(`e${i + 1}`), true)]));
    state.unsaved = true;
    const from = Number(c.req.query('cf'));
    const to = list('ct').map(Number);
    if (from >= 1 && from <= 7) state.copied = { from, to: to.filter((d) => d >= 1 && d <= 7 && d !== from) };
  }
  const date = c.req.query('d');
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) state.date = { date, rows: rowsFrom(list('ds'), list('de'), true) };
  return state;
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

/** One entry of a list with its own Remove button (a form of hidden fields). */
function Entry({ action, fields, what, children }: { action: string; fields: Record<string, string>; what: string; children: Child }) {
  return (
    <li>
      {children}
      <form method="post" action={action} class="inline-form">
        {Object.entries(fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit" class="button button--secondary">
          Remove<span class="visually-hidden"> {what}</span>
        </button>
      </form>
    </li>
  );
}

/** "Monday", "Monday and Tuesday", "Monday, Tuesday and Friday". */
const dayList = (days: number[]) => {
  const names = days.map((d) => WEEKDAYS[d - 1]!);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
};

/** "Monday 14 December 2026" or "Monday 14 to Sunday 27 December 2026 (14 days)". */
const rangeLabel = (r: { from: string; to: string; days: number }) =>
  r.days === 1 ? dateLabel(r.from) : `${dateLabel(r.from)} to ${dateLabel(r.to)} (${r.days} days)`;

export async function renderHours(c: StaffContext, given: HoursState = {}, status: 200 | 400 | 422 = 200) {
  const deps = c.var.deps;
  const state = { ...stateFromQuery(c), ...given };
  const therapistId = currentTherapistId(c);
  const hours = await loadHours(deps, therapistId);
  const services = await offeredServices(deps, therapistId);
  const chosen = services.find((s) => s.id === c.req.query('service')) ?? services.find((s) => s.durationMinutes >= 45) ?? services[0];
  const preview = chosen ? await previewSlots(deps, therapistId, chosen, PREVIEW_DAYS) : [];
  const weekly =
    state.weekly ?? new Map(WEEKDAYS.map((_, i) => [i + 1, hours.weekly.filter((w) => w.weekday === i + 1).map((w) => ({ start: w.start, end: w.end }))]));
  const weeklyErrors = state.weeklyErrors ?? {};
  const copyErrors = state.copyErrors ?? {};
  const offErrors = state.offErrors ?? {};
  const dateErrors = state.dateErrors ?? {};
  const dateForm = state.date ?? { date: '', rows: [{ start: '', end: '' }] };
  const off = state.off ?? { from: '', to: '' };
  const errors = { ...weeklyErrors, ...copyErrors, ...offErrors, ...dateErrors };
  const today = isoDateOf(localEpochDay(deps.clock.now(), hours.timeZone));
  const booked = Number(c.req.query('booked'));
  return staffPage(
    c,
    { title: errorTitle('Your hours', errors), status, styles: ['schedule.css'] },
    <>
      <ErrorSummary errors={weeklyErrors} idPrefix="weekly" order={WEEKDAYS.map((_, i) => `day-${i + 1}`)} />
      <ErrorSummary errors={copyErrors} idPrefix="copy" order={['to']} />
      <ErrorSummary errors={offErrors} idPrefix="off" order={['from', 'to']} />
      <ErrorSummary errors={dateErrors} idPrefix="date" order={['date', 'ranges']} />
      <Done messages={DONE} value={c.req.query('done')} />
      <h1>Your hours</h1>
      <p>Times are in {hours.timeZone}. Clients see free times within these hours, less sessions already booked.</p>
      <nav aria-label="On this page" class="page-contents">
        <a href="#weekly-title">Weekly hours</a> · <a href="#time-off">Time off</a> · <a href="#changed-hours">Different hours on a date</a> ·{' '}
        <a href="#preview-title">Free times</a>
      </nav>

      <section aria-labelledby="weekly-title">
        <h2 id="weekly-title">Weekly hours</h2>
        {state.unsaved ? (
          <p class="notice" role="status">
            Not saved yet: press “Save weekly hours” to keep these hours.
          </p>
        ) : null}
        <form method="post" action="/staff/hours/weekly" novalidate>
          <p>
            <button type="submit" name="save" value="1" class="button">
              Save weekly hours
            </button>
          </p>
          <div class="hours-week">
            {WEEKDAYS.map((name, i) => {
              const day = i + 1;
              const rows = weekly.get(day) ?? [];
              const shown = rows.length > 0 ? rows : [{ start: '', end: '' }];
              const error = weeklyErrors[`day-${day}`];
              return (
                <fieldset class={error ? 'weekday field--error' : 'weekday'} id={`day-${day}`}>
                  <legend>{name}</legend>
                  {rows.every((r) => !r.start && !r.end) ? <p class="hint">Not working: leave empty, or add a range.</p> : null}
                  <RangeRows prefix={`weekly-day-${day}`} context={name} rows={shown} error={error} />
                  <button type="submit" name="add" value={String(day)} class="button button--secondary">
                    Add another range<span class="visually-hidden"> on {name}</span>
                  </button>
                </fieldset>
              );
            })}
          </div>
          <div class={copyErrors.to ? 'weekday copy-hours field--error' : 'weekday copy-hours'} id="copy-hours">
            <h3>Copy a day’s hours to other days</h3>
            {state.copied && state.copied.to.length > 0 ? (
              <p class="notice notice--ok" role="status">
                {WEEKDAYS[state.copied.from - 1]}’s hours are copied to {dayList(state.copied.to)}. They are not saved yet: check them above, then press “Save
                weekly hours”.
              </p>
            ) : null}
            <SelectField
              idPrefix="copy"
              name="from"
              label="Copy the hours of"
              value={state.copy?.from ?? '1'}
              options={WEEKDAYS.map((n, i) => ({ value: String(i + 1), label: n }))}
            />
            <CheckboxGroup
              idPrefix="copy"
              name="to"
              label="To"
              hint="Their hours are replaced by the copy. Nothing is saved until you press “Save weekly hours”."
              class="choices--inline"
              value={state.copy?.to ?? []}
              error={copyErrors.to}
              options={WEEKDAYS.map((n, i) => ({ value: String(i + 1), label: n }))}
            />
            <button type="submit" name="copy" value="1" class="button button--secondary">
              Copy the hours
            </button>
          </div>
          <p>
            <button type="submit" name="save" value="1" class="button">
              Save weekly hours
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="time-off-title" id="time-off">
        <h2 id="time-off-title">Time off</h2>
        <Done messages={TIME_OFF_DONE} value={c.req.query('done')} />
        {c.req.query('done') === 'time-off-saved' && booked > 0 ? (
          <p class="notice" role="status">
            {booked === 1 ? 'One session is' : `${booked} sessions are`} already booked in that time, and still booked: see <a href="/staff/week">your week</a>{' '}
            to cancel or move {booked === 1 ? 'it' : 'them'} if you need to.
          </p>
        ) : null}
        {hours.timeOff.length === 0 ? (
          <p class="muted">No time off to come.</p>
        ) : (
          <ul class="date-changes">
            {hours.timeOff.map((r) => (
              <Entry action="/staff/hours/time-off/remove" fields={{ from: r.from, to: r.to }} what={`the time off ${rangeLabel(r)}`}>
                <strong>{rangeLabel(r)}</strong>
              </Entry>
            ))}
          </ul>
        )}
        <h3>Add time off</h3>
        <form method="post" action="/staff/hours/time-off" novalidate>
          <TextField
            idPrefix="off"
            name="from"
            label="First day off"
            type="date"
            value={off.from}
            error={offErrors.from}
            hint={`From ${dateLabel(today)} on`}
          />
          <TextField
            idPrefix="off"
            name="to"
            label="Last day off"
            type="date"
            value={off.to}
            error={offErrors.to}
            hint="Leave empty for a single day. Different hours on these days are replaced; sessions already booked stay booked."
          />
          <button type="submit" class="button">
            Save the time off
          </button>
        </form>
      </section>

      <section aria-labelledby="changed-title" id="changed-hours">
        <h2 id="changed-title">Different hours on a date</h2>
        <Done messages={DATE_DONE} value={c.req.query('done')} />
        {hours.changed.length === 0 ? (
          <p class="muted">No changes to come.</p>
        ) : (
          <ul class="date-changes">
            {hours.changed.map((d) => (
              <Entry action="/staff/hours/dates/remove" fields={{ date: d.date }} what={`the change on ${dateLabel(d.date)}`}>
                <strong>{dateLabel(d.date)}</strong>: {d.ranges.map((r) => `${r.start} to ${r.end}`).join(', ')}
              </Entry>
            ))}
          </ul>
        )}
        <h3>Add different hours</h3>
        <form method="post" action="/staff/hours/dates" novalidate>
          <TextField idPrefix="date" name="date" label="Date" type="date" value={dateForm.date} error={dateErrors.date} hint={`From ${dateLabel(today)} on`} />
          <fieldset class={dateErrors.ranges ? 'weekday field--error' : 'weekday'} id="date-hours">
            <legend>Hours that day, instead of the weekly ones</legend>
            <RangeRows prefix="date-ranges" context="That day" rows={dateForm.rows} error={dateErrors.ranges} />
            <button type="submit" name="add" value="1" class="button button--secondary">
              Add another range<span class="visually-hidden"> on that day</span>
            </button>
          </fieldset>
          <button type="submit" name="save" value="1" class="button">
            Save these hours
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
                  <dt>{dateLabel(d.date)}</dt>
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
