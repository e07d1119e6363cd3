// Admin: services (duration, price, buffers, notice, window, interval) and the practice's settings (name,
// contact details, hours, time zone, urgent-help numbers, cancellation policy, the guide's review, and
// whether profile changes need approval).
import { z } from 'zod';
import type { UrgentHelpLine } from '../../db/repositories/practice.ts';
import { isValidTimeZone } from '../../domain/time.ts';
import type { Service } from '../../domain/types.ts';
import { notesInExport, setNotesInExport } from '../../usecases/bookings/session-notes.ts';
import {
  allServices,
  practiceSettings,
  SETTINGS_FIELDS,
  serviceById,
  serviceFeeCounts,
  updatePracticeSettings,
  updateService,
} from '../../usecases/staff/practice.ts';
import { CheckboxGroup, ErrorSummary, errorTitle, type FieldErrors, formErrors, SelectField, TextField } from '../components/forms.tsx';
import { formatMoney } from '../format.ts';
import { all, MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { LOGO_DONE, LogoSection } from './admin-logo.tsx';
import { Done, staffNotFound, staffPage } from './layout.tsx';
import { auditOf, isId } from './request.ts';
import type { StaffContext } from './session.ts';

const whole = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, `Enter ${label} as a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `Enter ${label} from ${min} to ${max}`);

const ServiceForm = z.object({
  durationMinutes: whole('the duration in minutes', 5, 480),
  price: z
    .string()
    .trim()
    .regex(/^\d{1,5}(\.\d{2})?$/, 'Enter the price in pounds, like 95 or 72.50 (0 for free)')
    .transform((v) => Math.round(Number(v) * 100)),
  bufferBeforeMinutes: whole('the minutes before', 0, 240),
  bufferAfterMinutes: whole('the minutes after', 0, 240),
  minNoticeHours: whole('the notice in hours', 0, 24 * 60),
  bookingWindowDays: whole('the booking window in days', 1, 730),
  slotIntervalMinutes: whole('the interval in minutes', 5, 480),
  active: z.array(z.literal('yes')).max(1),
});
const SERVICE_ORDER = ['durationMinutes', 'price', 'bufferBeforeMinutes', 'bufferAfterMinutes', 'minNoticeHours', 'bookingWindowDays', 'slotIntervalMinutes'];

/** What saving a service changed, in words: whose fee a new price reaches, and whose it does not. */
async function savedMessage(c: StaffContext, rows: Service[]): Promise<string | undefined> {
  if (c.req.query('done') !== 'saved') return undefined;
  const s = rows.find((r) => r.id === c.req.query('service'));
  const was = Number(c.req.query('was'));
  if (!s || !Number.isInteger(was) || was === s.priceMinor) return s ? `${s.name} is saved. Its price is unchanged.` : 'The service is saved.';
  const { servicePrice, ownFee } = await serviceFeeCounts(c.var.deps, s.id);
  const price = `${s.name} now costs ${formatMoney(s.priceMinor, s.currency)} (it was ${formatMoney(was, s.currency)}).`;
  const own =
    ownFee === 0 ? '' : ` ${ownFee === 1 ? '1 listed therapist sets' : `${ownFee} listed therapists set`} their own fee for it; theirs has not changed.`;
  if (servicePrice === 0) return `${price} No listed therapist charges the service’s own price, so no fee a client sees has changed.${own}`;
  const who = servicePrice === 1 ? 'the 1 listed therapist who charges' : `the ${servicePrice} listed therapists who charge`;
  return `${price} New bookings with ${who} the service’s price cost that from now on, and the booking pages say so.${own}`;
}

export async function servicesPage(c: StaffContext) {
  const rows = await allServices(c.var.deps);
  const saved = await savedMessage(c, rows);
  return staffPage(
    c,
    { title: 'Services' },
    <>
      <Done messages={saved ? { saved } : {}} value={c.req.query('done')} />
      <h1>Services</h1>
      <ul class="admin-links">
        {rows.map((s) => (
          <li>
            <a href={`/staff/admin/services/${s.id}`}>{s.name}</a>: {s.durationMinutes} minutes, {formatMoney(s.priceMinor, s.currency)}
            {s.active ? '' : ' (not offered)'}
          </li>
        ))}
      </ul>
    </>,
  );
}

/** Whole-number fields, each with its label, what it holds now (or what was sent back) and its error. */
function NumberFields(props: { fields: [name: string, label: string, now: number][]; v: (name: string, fallback: number) => string; errors: FieldErrors }) {
  return (
    <>
      {props.fields.map(([name, label, now]) => (
        <TextField name={name} label={label} inputmode="numeric" value={props.v(name, now)} error={props.errors[name]} />
      ))}
    </>
  );
}

async function renderService(c: StaffContext, form?: { values?: Record<string, string | string[]>; errors: FieldErrors }, status: 200 | 400 | 422 = 200) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const s = await serviceById(c.var.deps, id);
  if (!s) return staffNotFound(c);
  const errors = form?.errors ?? {};
  const v = (name: string, fallback: number | string) => (form?.values ? one(form.values[name]) : String(fallback));
  return staffPage(
    c,
    { title: errorTitle(s.name, errors), status },
    <>
      <ErrorSummary errors={errors} order={SERVICE_ORDER} />
      <p>
        <a href="/staff/admin/services">All services</a>
      </p>
      <h1>{s.name}</h1>
      <form method="post" action={`/staff/admin/services/${s.id}`} novalidate>
        <NumberFields v={v} errors={errors} fields={[['durationMinutes', 'Length of a session, in minutes', s.durationMinutes]]} />
        <TextField
          name="price"
          label="Price, in pounds"
          hint="0 for free"
          inputmode="numeric"
          value={v('price', (s.priceMinor / 100).toFixed(s.priceMinor % 100 ? 2 : 0))}
          error={errors.price}
        />
        <NumberFields
          v={v}
          errors={errors}
          fields={[
            ['bufferBeforeMinutes', 'Minutes kept free before', s.bufferBeforeMinutes],
            ['bufferAfterMinutes', 'Minutes kept free after', s.bufferAfterMinutes],
            ['minNoticeHours', 'Minimum notice to book online, in hours', Math.round(s.minNoticeMinutes / 60)],
            ['bookingWindowDays', 'How far ahead clients can book, in days', s.bookingWindowDays],
            ['slotIntervalMinutes', 'Start times every … minutes', s.slotIntervalMinutes],
          ]}
        />
        <CheckboxGroup
          name="active"
          label="Offered"
          value={form?.values ? all(form.values.active) : s.active ? ['yes'] : []}
          options={[{ value: 'yes', label: 'Clients can book this service' }]}
        />
        <button type="submit" class="button">
          Save service
        </button>
      </form>
    </>,
  );
}

export const servicePage = (c: StaffContext) => renderService(c);

export async function serviceSubmit(c: StaffContext) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const values = await readFormValues(c);
  if (!values) return renderService(c, { errors: { _form: MALFORMED_FORM } }, 400);
  const parsed = ServiceForm.safeParse({
    ...Object.fromEntries(SERVICE_ORDER.map((k) => [k, one(values[k])])),
    price: one(values.price),
    active: all(values.active),
  });
  if (!parsed.success) return renderService(c, { values, errors: formErrors(parsed.error.issues) }, 422);
  const f = parsed.data;
  const outcome = await updateService(
    c.var.deps,
    id,
    {
      durationMinutes: f.durationMinutes,
      priceMinor: f.price,
      bufferBeforeMinutes: f.bufferBeforeMinutes,
      bufferAfterMinutes: f.bufferAfterMinutes,
      minNoticeMinutes: f.minNoticeHours * 60,
      bookingWindowDays: f.bookingWindowDays,
      slotIntervalMinutes: f.slotIntervalMinutes,
      active: f.active.length > 0,
    },
    auditOf(c),
  );
  if (!outcome.ok) return staffNotFound(c);
  return c.redirect(`/staff/admin/services?done=saved&service=${id}&was=${outcome.value.previousPriceMinor}`, 303);
}

// ---------------------------------------------------------------------------- practice settings

const text = (label: string, max = 300) => z.string().trim().min(1, `Enter ${label}`).max(max, `Keep ${label} under ${max} characters`);

const SettingsForm = z.object({
  name: text('the practice’s name', 120),
  phone: z
    .string()
    .trim()
    .regex(/^[+\d][\d\s()-]{2,30}$/, 'Enter a phone number, like 020 7946 0321'),
  email: z.email('Enter an e-mail address like hello@example.com').max(254),
  address: text('the address'),
  timeZone: z
    .string()
    .trim()
    .refine((tz) => isValidTimeZone(tz), 'Enter a time zone such as Europe/London'),
  openingHours: text('the opening hours'),
  lateCancellationHours: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'Enter a whole number of hours')
    .transform(Number)
    .refine((n) => n <= 336, 'Enter at most 336 hours (two weeks)'),
  reminderHours: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'Enter a whole number of hours')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 168, 'Enter 1 to 168 hours'),
  guideReviewedBy: text('who reviewed the guide', 200),
  guideReviewedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'Enter a real date'),
  urgentHelp: z
    .array(
      z.object({
        name: text('the service’s name', 100),
        number: z
          .string()
          .trim()
          .regex(/^[\d\s+]{2,20}$/, 'Enter a number to call or text'),
        detail: z.string().trim().max(200),
        kind: z.enum(['call', 'text']),
      }),
    )
    .min(1, 'Keep at least one urgent-help line: every page that asks about feelings shows them'),
  profileApproval: z.array(z.literal('yes')).max(1),
});
const SETTINGS_ORDER: string[] = [...SETTINGS_FIELDS];

function linesFrom(values: Record<string, string | string[]>): { name: string; number: string; detail: string; kind: string }[] {
  const names = all(values['help-name']);
  const numbers = all(values['help-number']);
  const details = all(values['help-detail']);
  const kinds = all(values['help-kind']);
  const out = [];
  for (let i = 0; i < Math.min(names.length, 12); i++) {
    const line = { name: names[i] ?? '', number: numbers[i] ?? '', detail: details[i] ?? '', kind: kinds[i] === 'text' ? 'text' : 'call' };
    if (line.name.trim() || line.number.trim() || line.detail.trim()) out.push(line);
  }
  return out;
}

export async function renderSettings(
  c: StaffContext,
  form?: { values?: Record<string, string | string[]>; lines?: { name: string; number: string; detail: string; kind: string }[]; errors: FieldErrors },
  status: 200 | 400 | 422 = 200,
) {
  const practice = await practiceSettings(c.var.deps);
  const approval = practice.profileApprovalRequired;
  const notesIncluded = await notesInExport(c.var.deps);
  const errors = form?.errors ?? {};
  const v = (name: string, fallback: string | number) => (form?.values ? one(form.values[name]) : String(fallback));
  const lines = form?.lines ?? practice.urgentHelp;
  return staffPage(
    c,
    { title: errorTitle('Practice settings', errors), status },
    <>
      <ErrorSummary errors={errors} order={SETTINGS_ORDER} />
      <Done messages={{ saved: 'The settings are saved. Every page uses them now.', ...LOGO_DONE }} value={c.req.query('done')} />
      <h1>Practice settings</h1>
      <form method="post" action="/staff/admin/settings" novalidate>
        <p>
          <button type="submit" name="save" value="1" class="button">
            Save settings
          </button>
        </p>
        <TextField name="name" label="Practice name" value={v('name', practice.name)} error={errors.name} />
        <TextField name="phone" label="Phone" type="tel" value={v('phone', practice.phone)} error={errors.phone} />
        <TextField name="email" label="E-mail" type="email" value={v('email', practice.email)} error={errors.email} />
        <TextField name="address" label="Address" value={v('address', practice.address)} error={errors.address} />
        <TextField
          name="openingHours"
          label="Opening hours"
          hint="As people should read it, e.g. Monday to Friday 8am to 9pm"
          value={v('openingHours', practice.openingHours)}
          error={errors.openingHours}
        />
        <SelectField
          name="timeZone"
          label="Time zone"
          value={v('timeZone', practice.timeZone)}
          error={errors.timeZone}
          options={[...new Set([practice.timeZone, ...Intl.supportedValuesOf('timeZone')])].map((tz) => ({ value: tz, label: tz }))}
        />
        <fieldset class={errors.urgentHelp ? 'field field--error' : 'field'}>
          <legend>Urgent-help numbers</legend>
          <span class="hint">Shown on every page that asks about feelings, in this order.</span>
          {errors.urgentHelp ? (
            <span class="error-message" id="f-urgentHelp-error">
              <span class="visually-hidden">Error: </span>
              {errors.urgentHelp}
            </span>
          ) : null}
          {[...lines, ...(form?.values?.add ? [{ name: '', number: '', detail: '', kind: 'call' }] : [])].map((l, i) => (
            <div class="help-line">
              <div class="field">
                <label for={i === 0 ? 'f-urgentHelp' : `f-help-name-${i}`}>Line {i + 1}: name</label>
                <input type="text" id={i === 0 ? 'f-urgentHelp' : `f-help-name-${i}`} name="help-name" value={l.name} />
              </div>
              <div class="field">
                <label for={`f-help-number-${i}`}>Line {i + 1}: number</label>
                <input type="text" id={`f-help-number-${i}`} name="help-number" value={l.number} />
              </div>
              <div class="field">
                <label for={`f-help-detail-${i}`}>Line {i + 1}: when to use it</label>
                <input type="text" id={`f-help-detail-${i}`} name="help-detail" value={l.detail} />
              </div>
              <div class="field">
                <label for={`f-help-kind-${i}`}>Line {i + 1}: call or text</label>
                <select id={`f-help-kind-${i}`} name="help-kind">
                  <option value="call" selected={l.kind !== 'text'}>
                    Call
                  </option>
                  <option value="text" selected={l.kind === 'text'}>
                    Text
                  </option>
                </select>
              </div>
            </div>
          ))}
          <p class="hint">To remove a line, empty its name, number and detail.</p>
          <button type="submit" name="add" value="1" class="button button--secondary">
            Add another line
          </button>
        </fieldset>
        <NumberFields
          v={v}
          errors={errors}
          fields={[
            ['lateCancellationHours', 'Cancellation policy: clients can cancel or move online until this many hours before', practice.lateCancellationHours],
            ['reminderHours', 'Reminder e-mails go this many hours before a session', practice.reminderHours],
          ]}
        />
        <TextField
          name="guideReviewedBy"
          label="The guide was reviewed by"
          value={v('guideReviewedBy', practice.guideReviewedBy)}
          error={errors.guideReviewedBy}
        />
        <TextField
          name="guideReviewedOn"
          label="The guide was reviewed on (YYYY-MM-DD)"
          value={v('guideReviewedOn', practice.guideReviewedOn)}
          error={errors.guideReviewedOn}
        />
        <CheckboxGroup
          name="profileApproval"
          label="Therapists’ profiles"
          value={form?.values ? all(form.values.profileApproval) : approval ? ['yes'] : []}
          options={[{ value: 'yes', label: 'Changes to a therapist’s profile wait for an admin’s approval' }]}
        />
        <CheckboxGroup
          name="notesInExport"
          label="Session notes"
          hint="Only each session’s therapist can read its notes. This decides whether a client’s copy of their data includes them."
          value={form?.values ? all(form.values.notesInExport) : notesIncluded ? ['yes'] : []}
          options={[{ value: 'yes', label: 'A client’s copy of their data includes their therapists’ session notes' }]}
        />
        <button type="submit" name="save" value="1" class="button">
          Save settings
        </button>
      </form>
      <LogoSection name={practice.name} logo={practice.logo ?? null} error={errors.logo} />
    </>,
  );
}

export const settingsPage = (c: StaffContext) => renderSettings(c);

export async function settingsSubmit(c: StaffContext) {
  const values = await readFormValues(c);
  if (!values) return renderSettings(c, { errors: { _form: MALFORMED_FORM } }, 400);
  const lines = linesFrom(values);
  if (!one(values.save) && one(values.add)) return renderSettings(c, { values, lines, errors: {} });
  const single = Object.fromEntries(SETTINGS_ORDER.filter((k) => k !== 'urgentHelp').map((k) => [k, one(values[k])]));
  const parsed = SettingsForm.safeParse({ ...single, urgentHelp: lines, profileApproval: all(values.profileApproval) });
  if (!parsed.success) {
    const errors = formErrors(parsed.error.issues);
    return renderSettings(c, { values, lines, errors }, 422);
  }
  const f = parsed.data;
  await updatePracticeSettings(
    c.var.deps,
    {
      name: f.name,
      phone: f.phone,
      email: f.email,
      address: f.address,
      timeZone: f.timeZone,
      openingHours: f.openingHours,
      urgentHelp: f.urgentHelp as UrgentHelpLine[],
      lateCancellationHours: f.lateCancellationHours,
      reminderHours: f.reminderHours,
      guideReviewedBy: f.guideReviewedBy,
      guideReviewedOn: f.guideReviewedOn,
      profileApprovalRequired: f.profileApproval.length > 0,
    },
    auditOf(c),
  );
  await setNotesInExport(c.var.deps, all(values.notesInExport).includes('yes'), auditOf(c));
  return c.redirect('/staff/admin/settings?done=saved', 303);
}
