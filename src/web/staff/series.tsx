// "Book ongoing sessions" from a booking: how often and how many, then every week listed with the ones the
// therapist cannot take marked, a choice for each (skip that week, or move it to another time), and only
// then the save. Leaving the preview saves nothing. The series page lists its sessions and ends it.
import { z } from 'zod';
import type { ConflictChoice, SeriesConflictCode } from '../../domain/series.ts';
import { firstInstantAtOrAfter, isoDateIn, parseClock, parseIsoDate } from '../../domain/time.ts';
import { clockTime } from '../../mail/when.ts';
import type { BookingScope } from '../../usecases/bookings/read.ts';
import { bookingOwner } from '../../usecases/bookings/read.ts';
import { previewSeries, type SeriesPreview, type SeriesRequest, saveSeries } from '../../usecases/bookings/series.ts';
import { endSeries, seriesDetail, seriesOfBooking, seriesOwner } from '../../usecases/bookings/series-end.ts';
import { ErrorSummary, RadioGroup, TextField } from '../components/forms.tsx';
import { one, readForm } from '../read-form.ts';
import { scopeOf } from './booking-detail.tsx';
import { confirmPage, isConfirmed } from './confirm.tsx';
import { authorize, may } from './guard.ts';
import { Done, staffNotFound, staffPage, staffWhen, unreadableFormPage } from './layout.tsx';
import { auditOf, isId } from './request.ts';
import type { StaffContext } from './session.ts';
import { STATUS_LABELS } from './week.tsx';

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

const SeriesForm = z
  .object({
    every: z.enum(['1', '2', 'custom'], { message: 'Choose how often' }),
    weeks: z.preprocess(
      blankToUndefined,
      z.coerce.number().int('Enter a whole number of weeks').min(3, 'Enter 3 to 8 weeks').max(8, 'Enter 3 to 8 weeks').optional(),
    ),
    length: z.enum(['count', 'open'], { message: 'Choose how many sessions' }),
    count: z.preprocess(
      blankToUndefined,
      z.coerce.number().int('Enter a whole number').min(1, 'Enter 1 to 52 sessions').max(52, 'Enter 1 to 52 sessions').optional(),
    ),
    confirmed: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.every === 'custom' && v.weeks === undefined) ctx.addIssue({ code: 'custom', path: ['weeks'], message: 'Enter how many weeks apart, 3 to 8' });
    if (v.length === 'count' && v.count === undefined) ctx.addIssue({ code: 'custom', path: ['count'], message: 'Enter how many sessions, 1 to 52' });
  });

type SeriesFormData = z.output<typeof SeriesForm>;

const requestOf = (d: SeriesFormData): SeriesRequest => ({
  intervalWeeks: d.every === 'custom' ? (d.weeks ?? 3) : Number(d.every),
  count: d.length === 'open' ? null : (d.count ?? 1),
});

const CONFLICT_WORDS: Record<SeriesConflictCode, string> = {
  OUTSIDE_AVAILABILITY: 'Outside your hours, or a day off',
  DAY_FULL: 'The day is full for this service',
  SLOT_TAKEN: 'Another session is booked then',
  TOO_SOON: 'That time has passed',
  INVALID_TIME_ZONE: 'Your hours could not be read',
  INVALID_DATE: 'Your hours could not be read',
  INVALID_DATE_RANGE: 'Your hours could not be read',
  INVALID_AVAILABILITY: 'Your hours could not be read',
};

/** The anchor booking in this actor's reach for a series action; a refusal is the response to send. */
async function anchorOwner(c: StaffContext): Promise<{ id: string; scope: BookingScope } | Response> {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const scope = scopeOf(c);
  const owner = await bookingOwner(c.var.deps.database.db, scope, id);
  if (!owner) return staffNotFound(c);
  const refusal = authorize(c, 'series.manage', { kind: 'booking', therapistId: owner });
  if (refusal) return refusal;
  return { id, scope };
}

function PatternFields({ values, errors }: { values: Record<string, string>; errors: Record<string, string> }) {
  return (
    <>
      <RadioGroup
        name="every"
        label="How often"
        value={values.every ?? '1'}
        error={errors.every}
        options={[
          { value: '1', label: 'Every week' },
          { value: '2', label: 'Every other week' },
          { value: 'custom', label: 'Every few weeks' },
        ]}
      />
      <TextField name="weeks" label="Weeks apart (for every few weeks)" hint="3 to 8" inputmode="numeric" value={values.weeks} error={errors.weeks} />
      <RadioGroup
        name="length"
        label="How many sessions"
        value={values.length ?? 'count'}
        error={errors.length}
        options={[
          { value: 'count', label: 'A number of sessions' },
          { value: 'open', label: 'Until ended', hint: 'Booked 12 weeks ahead and kept booked ahead, until you end the series.' },
        ]}
      />
      <TextField name="count" label="Number of sessions" hint="1 to 52" inputmode="numeric" value={values.count ?? '6'} error={errors.count} />
    </>
  );
}

export async function seriesFormPage(
  c: StaffContext,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
  status: 200 | 400 | 409 | 422 = 200,
) {
  const anchor = await anchorOwner(c);
  if (anchor instanceof Response) return anchor;
  return staffPage(
    c,
    { title: 'Book ongoing sessions', status },
    <>
      <ErrorSummary errors={errors} order={['every', 'weeks', 'length', 'count']} />
      <p>
        <a href={`/staff/bookings/${anchor.id}`}>Back to the booking</a>
      </p>
      <h1>Book ongoing sessions</h1>
      <p>The same client, service and format, at the same time of day. You will see every date, and any week you cannot take, before anything is booked.</p>
      <form method="post" action={`/staff/bookings/${anchor.id}/series`} novalidate>
        <PatternFields values={values} errors={errors} />
        <button type="submit" class="button">
          Check the dates
        </button>
      </form>
    </>,
  );
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** The choices sent with the preview: "week-<ms>" skip or move, "move-<ms>" the new local date and time. */
function readChoices(values: Record<string, string | string[]>, timeZone: string): { choices: Map<number, ConflictChoice>; errors: Record<string, string> } {
  const choices = new Map<number, ConflictChoice>();
  const errors: Record<string, string> = {};
  for (const [key, raw] of Object.entries(values)) {
    const m = /^week-(\d{1,15})$/.exec(key);
    if (!m) continue;
    const slot = Number(m[1]);
    const kind = one(raw);
    if (kind === 'skip') choices.set(slot, { kind: 'skip' });
    else if (kind === 'move') {
      const at = LOCAL.exec(one(values[`move-${slot}`]).trim());
      const day = at ? parseIsoDate(at[1]!) : null;
      const minute = at ? parseClock(at[2]!, false) : null;
      if (day === null || minute === null) errors[`move-${slot}`] = 'Enter the new date and time, for example 2027-03-16T11:00';
      else choices.set(slot, { kind: 'move', start: firstInstantAtOrAfter(timeZone, day, minute) });
    }
  }
  return { choices, errors };
}

const localValue = (ms: number, tz: string) => `${isoDateIn(ms, tz)}T${clockTime(ms, tz)}`;

function previewPage(
  c: StaffContext,
  id: string,
  values: Record<string, string | string[]>,
  p: SeriesPreview,
  errors: Record<string, string>,
  status: 200 | 409 | 422,
) {
  const tz = p.timeZone;
  const conflictOf = new Map(p.conflicts.map((x) => [x.start, x.code]));
  const booked = p.starts.length - p.conflicts.length;
  return staffPage(
    c,
    { title: 'Check the dates', status },
    <>
      <ErrorSummary errors={errors} />
      <h1>Check the dates</h1>
      <p>
        Ongoing sessions from booking {p.anchor.reference},{' '}
        {p.openEnded ? 'until ended (the next 12 weeks or more are booked now)' : `${p.starts.length} sessions`}. Times are in {tz}.
      </p>
      {p.conflicts.length > 0 ? (
        <p class="notice notice--warn">
          {p.conflicts.length === 1 ? 'One week cannot be booked as it is.' : `${p.conflicts.length} weeks cannot be booked as they are.`} Choose for each: skip
          that week, or move it to another time.
        </p>
      ) : (
        <p>Every week is free.</p>
      )}
      <form method="post" action={`/staff/bookings/${id}/series`} novalidate>
        {['every', 'weeks', 'length', 'count'].map((k) => (
          <input type="hidden" name={k} value={one(values[k])} />
        ))}
        <ol class="series-weeks">
          {p.starts.map((start) => {
            const code = conflictOf.get(start);
            if (!code) return <li>{staffWhen(start, tz)}</li>;
            const chosen = one(values[`week-${start}`]);
            const moveError = errors[`move-${start}`];
            return (
              <li class="series-weeks__conflict" id={`week-${start}`}>
                <strong>{staffWhen(start, tz)}</strong>: {CONFLICT_WORDS[code]}.
                <RadioGroup
                  name={`week-${start}`}
                  label={`What to do about ${staffWhen(start, tz)}`}
                  value={chosen || undefined}
                  error={errors[`week-${start}`]}
                  options={[
                    { value: 'skip', label: 'Skip that week' },
                    { value: 'move', label: 'Move it to another time' },
                  ]}
                />
                <TextField
                  name={`move-${start}`}
                  label="New date and time (if moving)"
                  hint="For example 2027-03-16T11:00"
                  value={one(values[`move-${start}`]) || localValue(start, tz)}
                  error={moveError}
                />
              </li>
            );
          })}
        </ol>
        <input type="hidden" name="confirmed" value="yes" />
        <div class="button-row">
          <button type="submit" class="button">
            Book these sessions
          </button>
          <a class="button button--secondary" href={`/staff/bookings/${id}`}>
            Cancel: book nothing
          </a>
        </div>
        <p class="muted">
          {booked} of {p.starts.length} weeks are free now. The client gets one e-mail with every date and a calendar invite for the series.
        </p>
      </form>
    </>,
  );
}

export async function seriesSubmit(c: StaffContext) {
  const anchor = await anchorOwner(c);
  if (anchor instanceof Response) return anchor;
  const read = await readForm(c, SeriesForm);
  if (!read.ok) {
    if (read.status === 400) return unreadableFormPage(c, `/staff/bookings/${anchor.id}/series`);
    return seriesFormPage(c, flat(read.values), read.errors, read.status);
  }
  const request = requestOf(read.data);
  const preview = await previewSeries(c.var.deps, anchor.scope, anchor.id, request);
  // Sent twice (a double click, a refresh after saving): the series already booked from it is the answer.
  const existing = preview.ok ? undefined : await seriesOfBooking(c.var.deps, anchor.id);
  if (existing) return c.redirect(`/staff/series/${existing.seriesId}`, 303);
  if (!preview.ok) return seriesFormPage(c, flat(read.values), { _form: preview.error.detail ?? 'These sessions cannot be booked.' }, 409);
  if (!isConfirmed(read.data)) return previewPage(c, anchor.id, read.values, preview.value, {}, 200);
  const { choices, errors } = readChoices(read.values, preview.value.timeZone);
  if (Object.keys(errors).length > 0) return previewPage(c, anchor.id, read.values, preview.value, errors, 422);
  const saved = await saveSeries(c.var.deps, anchor.scope, anchor.id, request, choices, auditOf(c));
  if (saved.ok) return c.redirect(`/staff/series/${saved.value.seriesId}?done=booked`, 303);
  // Nothing was saved: show the dates again as they are now, with what went wrong.
  const again = await previewSeries(c.var.deps, anchor.scope, anchor.id, request);
  if (!again.ok) return seriesFormPage(c, flat(read.values), { _form: again.error.detail ?? 'These sessions cannot be booked.' }, 409);
  const key =
    saved.conflictStart !== undefined
      ? choices.get(saved.conflictStart)?.kind === 'move'
        ? `move-${saved.conflictStart}`
        : `week-${saved.conflictStart}`
      : '_form';
  return previewPage(c, anchor.id, read.values, again.value, { [key]: saved.error.detail ?? 'Nothing was booked.' }, 409);
}

const flat = (values: Record<string, string | string[]>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, one(v)]));

// ----------------------------------------------------------------------------- the series page

const SERIES_DONE = {
  booked: 'The sessions are booked. The client has been sent one e-mail with every date and a calendar invite.',
  ended: 'The series has ended. The sessions still to come are cancelled, their times are free again, and the client has been told.',
  'not-changed': 'Nothing changed: the series had already ended.',
};

async function seriesInReach(c: StaffContext) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const scope = scopeOf(c);
  const owner = await seriesOwner(c.var.deps, scope, id);
  if (!owner) return staffNotFound(c);
  const refusal = authorize(c, 'series.manage', { kind: 'booking', therapistId: owner });
  if (refusal) return refusal;
  return { id, scope };
}

export async function seriesPage(c: StaffContext) {
  const found = await seriesInReach(c);
  if (found instanceof Response) return found;
  const d = await seriesDetail(c.var.deps, found.scope, found.id);
  if (!d) return staffNotFound(c);
  const tz = d.therapistTimeZone;
  const s = d.series;
  const every = s.interval_weeks === 1 ? 'Every week' : s.interval_weeks === 2 ? 'Every other week' : `Every ${s.interval_weeks} weeks`;
  return staffPage(
    c,
    { title: 'Ongoing sessions' },
    <>
      <Done messages={SERIES_DONE} value={c.req.query('done')} />
      <p>
        <a href={`/staff/bookings/${s.first_booking_id}`}>Back to the first booking{d.firstReference ? ` (${d.firstReference})` : ''}</a>
      </p>
      <h1>Ongoing sessions</h1>
      <dl class="facts">
        <dt>How often</dt>
        <dd>{every}</dd>
        <dt>How many</dt>
        <dd>{s.count === null ? 'Until ended' : `${s.count} weeks`}</dd>
        <dt>Status</dt>
        <dd>{s.status === 'active' ? 'Going on' : `Ended ${staffWhen(s.ended_at ?? s.updated_at, tz)}`}</dd>
      </dl>
      <h2>Sessions</h2>
      <ol class="series-weeks">
        {d.occurrences.map((o) => (
          <li>
            <a href={`/staff/bookings/${o.id}`}>{staffWhen(o.starts_at, tz)}</a> {o.reference} <span class="muted">{STATUS_LABELS[o.status] ?? o.status}</span>
            {o.series_slot !== null && o.series_slot !== o.starts_at ? <span class="muted"> (moved from {staffWhen(o.series_slot, tz)})</span> : null}
          </li>
        ))}
      </ol>
      {d.skipped.length > 0 ? (
        <>
          <h2>Weeks skipped</h2>
          <ul>
            {d.skipped.map((x) => (
              <li>{staffWhen(x, tz)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {s.status === 'active' ? (
        <section aria-labelledby="end-title">
          <h2 id="end-title">End the series</h2>
          <p>The sessions still to come are cancelled and their times become free for others. Sessions already held stay as they are.</p>
          <form method="post" action={`/staff/series/${s.id}/end`}>
            <button type="submit" class="button button--danger">
              End the series…
            </button>
          </form>
        </section>
      ) : null}
    </>,
  );
}

export async function seriesEndSubmit(c: StaffContext) {
  const found = await seriesInReach(c);
  if (found instanceof Response) return found;
  const values = await c.req.parseBody().catch(() => undefined);
  if (!values) return unreadableFormPage(c, `/staff/series/${found.id}`);
  if (!isConfirmed(values)) {
    return confirmPage(c, {
      title: 'End these ongoing sessions and e-mail the client?',
      action: `/staff/series/${found.id}/end`,
      keep: {},
      consequences: (
        <ul>
          <li>Every session of the series still to come is cancelled, and its time becomes free for others to book.</li>
          <li>The client is e-mailed once, with a calendar update that removes them.</li>
          <li>This cannot be undone: you would book new ongoing sessions instead.</li>
        </ul>
      ),
      confirmLabel: 'Yes, end the series',
      danger: true,
      back: `/staff/series/${found.id}`,
    });
  }
  const ended = await endSeries(c.var.deps, found.scope, found.id, auditOf(c));
  return c.redirect(`/staff/series/${found.id}?done=${ended.ok ? 'ended' : 'not-changed'}`, 303);
}

/** The booking page's part: book ongoing sessions from it, or go to the series it belongs to. */
export async function SeriesLink({ c, bookingId, therapistId, status }: { c: StaffContext; bookingId: string; therapistId: string; status: string }) {
  if (!may(c, 'series.manage', { kind: 'booking', therapistId })) return null;
  const found = await seriesOfBooking(c.var.deps, bookingId);
  if (found) {
    return (
      <section aria-labelledby="series-title">
        <h2 id="series-title">Ongoing sessions</h2>
        <p>
          <a href={`/staff/series/${found.seriesId}`}>See the ongoing sessions{found.member ? ' this session belongs to' : ' booked from this session'}</a>
        </p>
      </section>
    );
  }
  if (status === 'cancelled') return null;
  return (
    <section aria-labelledby="series-title">
      <h2 id="series-title">Ongoing sessions</h2>
      <p>Book the client’s regular sessions at this time: weekly, every other week, or every few weeks. You see every date before anything is booked.</p>
      <p>
        <a href={`/staff/bookings/${bookingId}/series`}>Book ongoing sessions</a>
      </p>
    </section>
  );
}
