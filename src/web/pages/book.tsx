// Book now: service → therapist (or "any available") → day and time → details → confirmation.
// Every step is a plain form; the chosen steps travel in the query string (ids, a date, a zone, a time:
// never anything about the client), and the details go by POST.
import type { Context } from 'hono';
import { z } from 'zod';
import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import { isoDateOf, localEpochDay, parseIsoDate } from '../../domain/time.ts';
import { FORMATS, type Service } from '../../domain/types.ts';
import { longWhen } from '../../mail/when.ts';
import { newToken } from '../../security/encryption.ts';
import { ANY_THERAPIST_SERVICE_SLUG, createBooking } from '../../usecases/booking.ts';
import { findSlots } from '../../usecases/slots.ts';
import { joinWaitlist } from '../../usecases/waitlist.ts';
import { isTimeZone, NewBookingSchema } from '../api/booking-routes.ts';
import { ErrorSummary, type FieldErrors, RadioGroup, TextArea, TextField, errorTitle, formErrors } from '../components/forms.tsx';
import { SlotPicker, SlotTakenSummary, TimeZoneSelect } from '../components/slot-picker.tsx';
import type { AppEnv } from '../env.ts';
import { FORMAT_LABELS, formatMoney } from '../format.ts';
import { renderPage } from '../render.tsx';

const WEEK = 7;

export interface BookState {
  service?: Service | undefined;
  therapistId?: string | undefined;
  therapist?: TherapistProfile | undefined;
  tz: string;
  tzChosen: boolean;
  date: string;
  start?: number | undefined;
}

const Query = z.object({
  service: z.string().max(64).optional(),
  therapist: z.string().max(64).optional(),
  tz: z.string().max(64).refine(isTimeZone).optional(),
  date: z.string().refine((d) => parseIsoDate(d) !== null).optional(),
  start: z.iso.datetime({ offset: true }).optional(),
});

async function readState(c: Context<AppEnv>, source: Record<string, string | undefined>): Promise<BookState> {
  const { repos, clock } = c.var.deps;
  const practice = await repos.practice.get();
  const q = Object.fromEntries(Object.entries(Query.shape).map(([k, schema]) => [k, schema.safeParse(source[k] || undefined).data])) as z.infer<typeof Query>;
  const service = q.service ? await repos.services.findById(q.service) : undefined;
  const therapist = q.therapist && q.therapist !== 'any' ? await repos.therapists.findById(q.therapist) : undefined;
  const therapistId = q.therapist === 'any' && service?.slug === ANY_THERAPIST_SERVICE_SLUG ? 'any' : therapist?.id;
  const tz = q.tz ?? practice.timeZone;
  const today = isoDateOf(localEpochDay(clock.now(), tz));
  const date = q.date && q.date >= today ? q.date : today;
  return { service: service?.active ? service : undefined, therapistId, therapist, tz, tzChosen: q.tz !== undefined, date, start: q.start ? Date.parse(q.start) : undefined };
}

function bookHref(state: BookState, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const all: Record<string, string | undefined> = { service: state.service?.id, therapist: state.therapistId, tz: state.tzChosen ? state.tz : undefined, date: state.date, ...extra };
  for (const [k, v] of Object.entries(all)) if (v) params.set(k, v);
  return `/book?${params.toString()}`;
}

const addDays = (date: string, days: number) => isoDateOf((parseIsoDate(date) ?? 0) + days);

function Steps({ current }: { current: number }) {
  const names = ['Service', 'Therapist', 'Day and time', 'Your details'];
  return (
    <ol class="steps" aria-label="Booking steps">
      {names.map((n, i) => (
        <li aria-current={i + 1 === current ? 'step' : undefined} class={i + 1 < current ? 'steps__done' : undefined}>{n}</li>
      ))}
    </ol>
  );
}

export async function bookPage(c: Context<AppEnv>) {
  const state = await readState(c, c.req.query());
  if (!state.service) return chooseService(c);
  if (!state.therapistId) return chooseTherapist(c, state);
  if (state.start === undefined) return chooseTime(c, state);
  return details(c, state, {}, {});
}

async function chooseService(c: Context<AppEnv>) {
  const services = await c.var.deps.repos.services.listActive();
  return renderPage(
    c,
    { title: 'Book a session', scripts: ['booking.js'] },
    <>
      <Steps current={1} />
      <h1>Book a session</h1>
      <p class="prose">Not sure what you need? Start with the free 20-minute consultation: a therapist will listen and suggest what might help.</p>
      <form method="get" action="/book">
        <RadioGroup
          name="service"
          label="What would you like to book?"
          options={services.map((s) => ({ value: s.id, label: s.name, hint: `${s.durationMinutes} minutes · ${s.priceMinor === 0 ? 'free' : `from ${formatMoney(s.priceMinor, s.currency)}`}. ${s.summary}` }))}
        />
        <button class="button" type="submit">Continue</button>
      </form>
    </>,
  );
}

async function chooseTherapist(c: Context<AppEnv>, state: BookState) {
  const service = state.service!;
  const therapists = await c.var.deps.repos.therapists.search({ serviceId: service.id });
  const any = service.slug === ANY_THERAPIST_SERVICE_SLUG;
  return renderPage(
    c,
    { title: `Choose a therapist for ${service.name}`, scripts: ['booking.js'] },
    <>
      <Steps current={2} />
      <p><a href="/book">Back to services</a></p>
      <h1>Who would you like to see?</h1>
      <p class="prose">{service.name}: {service.durationMinutes} minutes. <a href="/match">Not sure? Answer a few questions</a> and we will suggest who fits.</p>
      <form method="get" action="/book">
        <input type="hidden" name="service" value={service.id} />
        <RadioGroup
          name="therapist"
          label="Therapist"
          value={any ? 'any' : undefined}
          options={[
            ...(any ? [{ value: 'any', label: 'Any available therapist', hint: 'You pick a time; we match you with a therapist who is free then.' }] : []),
            ...therapists.map((t) => ({ value: t.id, label: `${t.name} (${t.pronouns})`, hint: `${t.formats.map((f) => FORMAT_LABELS[f]).join(' or ')} · ${service.priceMinor === 0 ? 'free' : formatMoney(t.feeMinor, t.currency)}` })),
          ]}
        />
        <button class="button" type="submit">Continue</button>
      </form>
    </>,
  );
}

export async function weekSlots(c: Context<AppEnv>, therapistId: string, service: Service, tz: string, date: string) {
  const to = addDays(date, WEEK - 1);
  const found = await findSlots(c.var.deps, { therapistId, serviceId: service.id, from: date, to, timeZone: tz });
  return { to, slots: found.ok ? found.value.slots : [] };
}

async function chooseTime(c: Context<AppEnv>, state: BookState, error?: string, status: 200 | 409 = 200) {
  const service = state.service!;
  const { to, slots } = await weekSlots(c, state.therapistId!, service, state.tz, state.date);
  const today = isoDateOf(localEpochDay(c.var.deps.clock.now(), state.tz));
  const who = state.therapistId === 'any' ? 'any available therapist' : state.therapist?.name;
  return renderPage(
    c,
    { title: error ? `Error: Choose a time` : 'Choose a time', scripts: ['booking.js'], status },
    <>
      <Steps current={3} />
      <p><a href={bookHref({ ...state, therapistId: undefined })}>Back to therapists</a></p>
      <h1>Choose a day and time</h1>
      <p>{service.name} with {who}, {service.durationMinutes} minutes.</p>
      <SlotTakenSummary error={error} />
      <form method="get" action="/book" class="slot-form" data-slot-form="true">
        <input type="hidden" name="service" value={service.id} />
        <input type="hidden" name="therapist" value={state.therapistId} />
        <input type="hidden" name="date" value={state.date} />
        <TimeZoneSelect timeZone={state.tz} detect={!state.tzChosen} />
        <button class="button button--secondary no-js-only" type="submit" name="show" value="zone">Show times in this zone</button>
        <SlotPicker
          slots={slots}
          timeZone={state.tz}
          from={state.date}
          to={to}
          previousHref={state.date > today ? bookHref({ ...state, date: addDays(state.date, -WEEK) }) : undefined}
          nextHref={bookHref({ ...state, date: addDays(state.date, WEEK) })}
          error={error}
        />
        {slots.length > 0 ? <button class="button" type="submit">Continue</button> : null}
      </form>
      {slots.length === 0 ? <WaitlistForm state={state} /> : null}
    </>,
  );
}

function WaitlistForm({ state }: { state: BookState }) {
  return (
    <section aria-labelledby="waitlist-title" class="card">
      <h2 id="waitlist-title">Join the waiting list</h2>
      <p>We will e-mail you as soon as a time comes free in the next four weeks. The first person to book it gets it.</p>
      <form method="post" action="/book/waitlist">
        <input type="hidden" name="service" value={state.service!.id} />
        <input type="hidden" name="therapist" value={state.therapistId === 'any' ? '' : state.therapistId} />
        <input type="hidden" name="tz" value={state.tz} />
        <input type="hidden" name="date" value={state.date} />
        <TextField name="name" label="Your name" autocomplete="name" idPrefix="wl" />
        <TextField name="email" label="Your e-mail address" type="email" autocomplete="email" spellcheck={false} idPrefix="wl" />
        <button class="button button--secondary" type="submit">Tell me when a time is free</button>
      </form>
    </section>
  );
}

async function details(c: Context<AppEnv>, state: BookState, values: Record<string, string>, errors: FieldErrors, status: 200 | 422 = 200) {
  const service = state.service!;
  const formats = state.therapist?.formats ?? [...FORMATS];
  const who = state.therapistId === 'any' ? 'the first available therapist' : state.therapist?.name;
  const order = ['name', 'email', 'phone', 'format', 'notes', 'consent'];
  return renderPage(
    c,
    { title: errorTitle('Your details', errors), scripts: ['booking.js'], status },
    <>
      <Steps current={4} />
      <p><a href={bookHref(state)}>Back to times</a></p>
      <h1>Your details</h1>
      <ErrorSummary errors={errors} order={order} />
      <div class="notice">
        <p><strong>{service.name}</strong> with {who}<br />{longWhen(state.start!, state.tz)}, {service.durationMinutes} minutes</p>
      </div>
      <form method="post" action="/book" novalidate>
        <input type="hidden" name="service" value={service.id} />
        <input type="hidden" name="therapist" value={state.therapistId} />
        <input type="hidden" name="tz" value={state.tz} />
        <input type="hidden" name="date" value={state.date} />
        <input type="hidden" name="start" value={new Date(state.start!).toISOString()} />
        <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? newToken()} />
        <TextField name="name" label="Your name" value={values.name} error={errors.name} autocomplete="name" />
        <TextField name="email" label="E-mail address" type="email" value={values.email} error={errors.email} autocomplete="email" spellcheck={false} hint="We send your confirmation and a private link to change or cancel here." />
        <TextField name="phone" label="Phone number (optional)" type="tel" value={values.phone} error={errors.phone} autocomplete="tel" hint="Only used if we need to reach you about this appointment." />
        {formats.length > 1 ? (
          <RadioGroup name="format" label="How would you like to meet?" value={values.format ?? formats[0]} error={errors.format} options={formats.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))} />
        ) : (
          <input type="hidden" name="format" value={formats[0]} />
        )}
        <TextArea name="notes" label="Anything you would like your therapist to know (optional)" value={values.notes} error={errors.notes} maxLength={5000} hint="Only your therapist can read this. It is encrypted and never included in e-mails." />
        <div class={errors.consent ? 'field field--error' : 'field'}>
          {errors.consent ? <span class="error-message" id="f-consent-error"><span class="visually-hidden">Error: </span>{errors.consent}</span> : null}
          <div class="choice">
            <input type="checkbox" id="f-consent" name="consent" value="yes" checked={values.consent === 'yes'} aria-describedby={errors.consent ? 'f-consent-error' : undefined} />
            <label for="f-consent">
              I agree that the practice may keep what I have given here to arrange and provide my sessions, as the <a href="/privacy">privacy notice</a> explains.
            </label>
          </div>
        </div>
        <button class="button" type="submit">Book this appointment</button>
      </form>
    </>,
  );
}

/** POST /book: the details step. */
export async function submitBooking(c: Context<AppEnv>) {
  const form = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  const state = await readState(c, form);
  if (!state.service || !state.therapistId || state.start === undefined) return bookPage(c);
  const candidate = {
    therapistId: state.therapistId,
    serviceId: state.service.id,
    start: new Date(state.start).toISOString(),
    format: form.format || undefined,
    client: { name: form.name ?? '', email: (form.email ?? '').trim(), ...(form.phone?.trim() ? { phone: form.phone.trim() } : {}) },
    notes: form.notes?.trim() ? form.notes : undefined,
    consent: form.consent === 'yes',
    timeZone: state.tz,
    idempotencyKey: form.idempotencyKey || undefined,
  };
  const parsed = NewBookingSchema.safeParse(candidate);
  if (!parsed.success) {
    const errors = formErrors(parsed.error.issues.map((i) => ({ ...i, path: i.path[0] === 'client' ? i.path.slice(1) : i.path })));
    if (errors.consent) errors.consent = 'Tick the box to agree, so we can book your appointment';
    if (errors.name) errors.name = 'Enter your name';
    return details(c, state, form, errors, 422);
  }
  const result = await createBooking(c.var.deps, { ...parsed.data, start: state.start, timeZone: state.tz });
  if (result.ok) return c.redirect(`/manage/${result.value.manageToken}?booked=1`, 303);
  if (['SLOT_TAKEN', 'TOO_SOON', 'OUTSIDE_AVAILABILITY', 'DAY_FULL', 'OUTSIDE_BOOKING_WINDOW', 'NO_THERAPIST_FREE'].includes(result.error.code)) {
    return chooseTime(c, { ...state, start: undefined }, `${result.error.detail} Please choose another time.`, 409);
  }
  return details(c, state, form, { _form: result.error.detail }, 422);
}

const WaitlistDetails = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(200),
  email: z.email('Enter an e-mail address like name@example.com').max(254),
});

/** POST /book/waitlist: join the waiting list for the next four weeks from the week shown. */
export async function submitWaitlist(c: Context<AppEnv>) {
  const form = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  const state = await readState(c, form);
  if (!state.service) return bookPage(c);
  const parsed = WaitlistDetails.safeParse({ name: form.name, email: (form.email ?? '').trim() });
  if (!parsed.success) {
    const errors = formErrors(parsed.error.issues);
    return renderPage(
      c,
      { title: errorTitle('Join the waiting list', errors), status: 422 },
      <>
        <h1>Join the waiting list</h1>
        <ErrorSummary errors={errors} order={['name', 'email']} idPrefix="wl" />
        <form method="post" action="/book/waitlist">
          {['service', 'therapist', 'tz', 'date'].map((k) => <input type="hidden" name={k} value={form[k] ?? ''} />)}
          <TextField name="name" label="Your name" value={form.name} error={errors.name} autocomplete="name" idPrefix="wl" />
          <TextField name="email" label="Your e-mail address" type="email" value={form.email} error={errors.email} autocomplete="email" idPrefix="wl" />
          <button class="button" type="submit">Tell me when a time is free</button>
        </form>
      </>,
    );
  }
  await joinWaitlist(c.var.deps, {
    serviceId: state.service.id,
    therapistId: state.therapistId && state.therapistId !== 'any' ? state.therapistId : undefined,
    name: parsed.data.name,
    email: parsed.data.email,
    timeZone: state.tz,
    fromDate: state.date,
    toDate: addDays(state.date, 28),
  });
  return renderPage(
    c,
    { title: 'You are on the waiting list' },
    <>
      <h1>You are on the waiting list</h1>
      <p>We have e-mailed you to confirm. When a time comes free between {state.date} and {addDays(state.date, 28)}, we will e-mail you straight away.</p>
      <p><a href="/">Back to the home page</a></p>
    </>,
  );
}
