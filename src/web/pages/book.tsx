// Book now: service → therapist (or "any available") → day and time → details → confirmation.
// Every step is a plain form; the chosen steps travel in the query string (ids, a date, a zone, a time:
// never anything about the client), and the details go by POST.

import type { Context } from 'hono';
import { z } from 'zod';
import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import { feeRange, formatsFreeAt, sessionFee } from '../../domain/booking.ts';
import { isoDateOf, localEpochDay, parseIsoDate } from '../../domain/time.ts';
import { FORMATS, type Format, type Service } from '../../domain/types.ts';
import { longWhen } from '../../mail/when.ts';
import { newToken } from '../../security/encryption.ts';
import { ANY_THERAPIST_SERVICE_SLUG } from '../../usecases/bookings/create.ts';
import { findSlots, freeTherapistsAt } from '../../usecases/bookings/slots.ts';
import { PageDate, PageZone } from '../booking-input.ts';
import { ErrorSummary, errorTitle, type FieldErrors, RadioGroup, TextArea, TextField } from '../components/forms.tsx';
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
  /** How the client said they want to meet (carried from Find your match): preselected when it can be booked. */
  format?: Format | undefined;
  date: string;
  start?: number | undefined;
}

const Query = z.object({
  service: z.string().max(64).optional(),
  therapist: z.string().max(64).optional(),
  tz: PageZone,
  date: PageDate,
  start: z.iso.datetime({ offset: true }).optional(),
  format: z.enum(FORMATS).optional(),
});

export async function readState(c: Context<AppEnv>, source: Record<string, string | undefined>): Promise<BookState> {
  const { repos, clock } = c.var.deps;
  const practice = await repos.practice.get();
  const q = Object.fromEntries(Object.entries(Query.shape).map(([k, schema]) => [k, schema.safeParse(source[k] || undefined).data])) as z.infer<typeof Query>;
  const service = q.service ? await repos.services.findById(q.service) : undefined;
  const therapist = q.therapist && q.therapist !== 'any' ? await repos.therapists.findById(q.therapist) : undefined;
  const therapistId = q.therapist === 'any' && service?.slug === ANY_THERAPIST_SERVICE_SLUG ? 'any' : therapist?.id;
  const tz = q.tz ?? practice.timeZone;
  const today = isoDateOf(localEpochDay(clock.now(), tz));
  const date = q.date && q.date >= today ? q.date : today;
  return {
    service: service?.active ? service : undefined,
    therapistId,
    therapist,
    tz,
    tzChosen: q.tz !== undefined,
    date,
    start: q.start ? Date.parse(q.start) : undefined,
    format: q.format,
  };
}

function bookHref(state: BookState, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const all: Record<string, string | undefined> = {
    service: state.service?.id,
    therapist: state.therapistId,
    tz: state.tzChosen ? state.tz : undefined,
    date: state.date,
    format: state.format,
    ...extra,
  };
  for (const [k, v] of Object.entries(all)) if (v) params.set(k, v);
  return `/book?${params.toString()}`;
}

export const addDays = (date: string, days: number) => isoDateOf((parseIsoDate(date) ?? 0) + days);

function Steps({ current }: { current: number }) {
  const names = ['Service', 'Therapist', 'Day and time', 'Your details'];
  return (
    <ol class="steps" aria-label="Booking steps">
      {names.map((n, i) => (
        <li aria-current={i + 1 === current ? 'step' : undefined} class={i + 1 < current ? 'steps__done' : undefined}>
          {n}
        </li>
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

const feeText = (fee: { minor: number; currency: string }) => formatMoney(fee.minor, fee.currency);

/** A service's price on step 1: free, or the lowest fee among the therapists offering it ("from £60" when fees differ). */
function priceHint(service: Service, therapists: readonly TherapistProfile[]): string {
  if (service.priceMinor === 0) return 'free';
  const { lowest, varies } = feeRange(service, therapists);
  return `${varies ? 'from ' : ''}${feeText(lowest)}`;
}

async function chooseService(c: Context<AppEnv>) {
  const [services, therapists] = await Promise.all([c.var.deps.repos.services.listActive(), c.var.deps.repos.therapists.search()]);
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
          options={services.map((s) => ({ value: s.id, label: s.name, hint: `${s.durationMinutes} minutes · ${priceHint(s, therapists)}. ${s.summary}` }))}
        />
        <button class="button" type="submit">
          Continue
        </button>
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
      <p>
        <a class="back-link" href="/book">
          Back to services
        </a>
      </p>
      <h1>Who would you like to see?</h1>
      <p class="prose">
        {service.name}: {service.durationMinutes} minutes. <a href="/match">Not sure? Answer a few questions</a> and we will suggest who fits.
      </p>
      <form method="get" action="/book">
        <input type="hidden" name="service" value={service.id} />
        <RadioGroup
          name="therapist"
          label="Therapist"
          value={any ? 'any' : undefined}
          options={[
            ...(any ? [{ value: 'any', label: 'Any available therapist', hint: 'You pick a time; we match you with a therapist who is free then.' }] : []),
            ...therapists.map((t) => ({
              value: t.id,
              label: `${t.name} (${t.pronouns})`,
              hint: `${t.formats.map((f) => FORMAT_LABELS[f]).join(' or ')} · ${service.priceMinor === 0 ? 'free' : feeText(sessionFee(service, t))}`,
            })),
          ]}
        />
        <button class="button" type="submit">
          Continue
        </button>
      </form>
    </>,
  );
}

export async function weekSlots(c: Context<AppEnv>, therapistId: string, service: Service, tz: string, date: string) {
  const to = addDays(date, WEEK - 1);
  const found = await findSlots(c.var.deps, { therapistId, serviceId: service.id, from: date, to, timeZone: tz });
  return { to, slots: found.ok ? found.value.slots : [] };
}

export async function chooseTime(c: Context<AppEnv>, state: BookState, error?: string, status: 200 | 409 = 200) {
  const service = state.service!;
  const { to, slots } = await weekSlots(c, state.therapistId!, service, state.tz, state.date);
  const today = isoDateOf(localEpochDay(c.var.deps.clock.now(), state.tz));
  const who = state.therapistId === 'any' ? 'any available therapist' : state.therapist?.name;
  return renderPage(
    c,
    { title: error ? `Error: Choose a time` : 'Choose a time', scripts: ['booking.js'], status },
    <>
      <Steps current={3} />
      <p>
        <a class="back-link" href={bookHref({ ...state, therapistId: undefined })}>
          Back to therapists
        </a>
      </p>
      <h1>Choose a day and time</h1>
      <p>
        {service.name} with {who}, {service.durationMinutes} minutes.
      </p>
      <SlotTakenSummary error={error} />
      <form method="get" action="/book" class="slot-form" data-slot-form="true">
        <input type="hidden" name="service" value={service.id} />
        <input type="hidden" name="therapist" value={state.therapistId} />
        <input type="hidden" name="date" value={state.date} />
        {state.format ? <input type="hidden" name="format" value={state.format} /> : null}
        <TimeZoneSelect timeZone={state.tz} detect={!state.tzChosen} />
        <button class="button button--secondary no-js-only" type="submit" name="show" value="zone">
          Show times in this zone
        </button>
        <SlotPicker
          slots={slots}
          timeZone={state.tz}
          from={state.date}
          to={to}
          previousHref={state.date > today ? bookHref({ ...state, date: addDays(state.date, -WEEK) }) : undefined}
          nextHref={bookHref({ ...state, date: addDays(state.date, WEEK) })}
          error={error}
        />
        {slots.length > 0 ? (
          <button class="button" type="submit">
            Continue
          </button>
        ) : null}
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
        <button class="button button--secondary" type="submit">
          Tell me when a time is free
        </button>
      </form>
    </section>
  );
}

const TIME_GONE = 'That time is no longer free. Please choose another time.';

/**
 * How the client may meet at the chosen time. A named therapist: their formats. "Any available": only
 * the formats some therapist free at that start offers, so whatever is chosen can be booked; none when
 * nobody is free any more.
 */
async function formatsFor(c: Context<AppEnv>, state: BookState): Promise<Format[]> {
  if (state.therapistId !== 'any') return state.therapist?.formats ?? [...FORMATS];
  return formatsFreeAt(await freeTherapistsAt(c.var.deps, state.service!, state.start!));
}

export async function details(c: Context<AppEnv>, state: BookState, values: Record<string, string>, errors: FieldErrors, status: 200 | 422 | 429 | 503 = 200) {
  const service = state.service!;
  let formats = await formatsFor(c, state);
  if (formats.length === 0) {
    // Nobody is free at that time any more: back to the times, unless the client is being told something else.
    if (Object.keys(errors).length === 0) return chooseTime(c, { ...state, start: undefined }, TIME_GONE, 409);
    formats = [...FORMATS];
  }
  const wanted = values.format ?? state.format;
  const format = wanted && (formats as string[]).includes(wanted) ? wanted : formats[0];
  const who = state.therapistId === 'any' ? 'the first available therapist' : state.therapist?.name;
  const order = ['name', 'email', 'phone', 'format', 'notes', 'consent'];
  return renderPage(
    c,
    { title: errorTitle('Your details', errors), scripts: ['booking.js'], status },
    <>
      <Steps current={4} />
      <p>
        <a class="back-link" href={bookHref(state)}>
          Back to times
        </a>
      </p>
      <h1>Your details</h1>
      <ErrorSummary errors={errors} order={order} />
      <div class="notice">
        <p>
          <strong>{service.name}</strong> with {who}
          <br />
          {longWhen(state.start!, state.tz)}, {service.durationMinutes} minutes
          {formats.length === 1 ? (
            <>
              <br />
              {FORMAT_LABELS[formats[0]!]} only
            </>
          ) : null}
        </p>
      </div>
      <form method="post" action="/book" novalidate>
        <input type="hidden" name="service" value={service.id} />
        <input type="hidden" name="therapist" value={state.therapistId} />
        <input type="hidden" name="tz" value={state.tz} />
        <input type="hidden" name="date" value={state.date} />
        <input type="hidden" name="start" value={new Date(state.start!).toISOString()} />
        <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? newToken()} />
        <TextField name="name" label="Your name" value={values.name} error={errors.name} autocomplete="name" />
        <TextField
          name="email"
          label="E-mail address"
          type="email"
          value={values.email}
          error={errors.email}
          autocomplete="email"
          spellcheck={false}
          hint="We send your confirmation and a private link to change or cancel here."
        />
        <TextField
          name="phone"
          label="Phone number (optional)"
          type="tel"
          value={values.phone}
          error={errors.phone}
          autocomplete="tel"
          hint="Only used if we need to reach you about this appointment."
        />
        {formats.length > 1 || errors.format ? (
          <RadioGroup
            name="format"
            label="How would you like to meet?"
            value={format}
            error={errors.format}
            options={formats.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
          />
        ) : (
          <input type="hidden" name="format" value={format} />
        )}
        <TextArea
          name="notes"
          label="Anything you would like your therapist to know (optional)"
          value={values.notes}
          error={errors.notes}
          maxLength={5000}
          hint="Only your therapist can read this. It is encrypted and never included in e-mails."
        />
        <div class={errors.consent ? 'field field--error' : 'field'}>
          {errors.consent ? (
            <span class="error-message" id="f-consent-error">
              <span class="visually-hidden">Error: </span>
              {errors.consent}
            </span>
          ) : null}
          <div class="choice">
            <input
              type="checkbox"
              id="f-consent"
              name="consent"
              value="yes"
              checked={values.consent === 'yes'}
              aria-describedby={errors.consent ? 'f-consent-error' : undefined}
            />
            <label for="f-consent">
              I agree that the practice may keep what I have given here to arrange and provide my sessions, as the <a href="/privacy">privacy notice</a>{' '}
              explains.
            </label>
          </div>
        </div>
        <button class="button" type="submit">
          Book this appointment
        </button>
      </form>
    </>,
  );
}
