// Book now: service → therapist (or the first available) → time → details → confirmation.
// Every step works without JavaScript: services and therapists are links, each time is a submit button.
// The chosen steps travel in the query string (ids, dates, a zone, a time: never anything about the
// client); the details only ever go by POST (book-submit.tsx), kept in hidden fields when the person has
// to choose another time.

import type { Context } from 'hono';
import { z } from 'zod';
import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import { feeWords, fromWords, serviceFee, sessionFee } from '../../domain/fees.ts';
import { formatInstant } from '../../domain/slots.ts';
import { isoDateOf, localEpochDay, parseIsoDate } from '../../domain/time.ts';
import { FORMATS, type Format, type Service } from '../../domain/types.ts';
import { longWhen, shortWhen } from '../../mail/when.ts';
import { ANY_THERAPIST_SERVICE_SLUG } from '../../usecases/bookings/create.ts';
import { nextFreeStarts } from '../../usecases/bookings/slots.ts';
import { PageDate, PageZone } from '../booking-input.ts';
import { BookingLayout, type BookingSummaryProps } from '../components/booking-summary.tsx';
import { whenText } from '../components/free-times.tsx';
import { WaitlistFields } from '../components/waitlist-fields.tsx';
import type { AppEnv } from '../env.ts';
import { FORMAT_LABELS } from '../format.ts';
import { renderPage } from '../render.tsx';
import { serviceRef } from '../service-ref.ts';
import { details } from './book-details.tsx';
import { chooseTime } from './book-times.tsx';

export { weekSlots } from './book-times.tsx';

export interface BookState {
  service?: Service | undefined;
  therapistId?: string | undefined;
  therapist?: TherapistProfile | undefined;
  tz: string;
  tzChosen: boolean;
  /** How the client said they want to meet (carried from Find your match): preselected when it can be booked. */
  format?: Format | undefined;
  /** The first day of the week shown (YYYY-MM-DD in tz), never before today nor past the booking horizon. */
  date: string;
  /** The day whose times show on a phone (within the week), when chosen. */
  day?: string | undefined;
  start?: number | undefined;
}

const Query = z.object({
  service: z.string().max(64).optional(),
  therapist: z.string().max(64).optional(),
  tz: PageZone,
  date: PageDate,
  day: PageDate,
  start: z.iso.datetime({ offset: true }).optional(),
  format: z.enum(FORMATS).optional(),
});

const DAY = 86_400_000;
export const WEEK = 7;
export const addDays = (date: string, days: number) => isoDateOf((parseIsoDate(date) ?? 0) + days);

/** The last day a service can be booked on, in the viewer's zone. */
export const horizonDay = (now: number, service: Service, tz: string) => isoDateOf(localEpochDay(now + service.bookingWindowDays * DAY, tz));

/**
 * The booking state a query or form names. A date past the service's booking window is brought back to its
 * last week, except for the waiting list (`beyondHorizon`), which is offered for exactly those dates.
 */
export async function readState(c: Context<AppEnv>, source: Record<string, string | undefined>, options: { beyondHorizon?: boolean } = {}): Promise<BookState> {
  const { repos, clock } = c.var.deps;
  const practice = await repos.practice.get();
  const q = Object.fromEntries(Object.entries(Query.shape).map(([k, schema]) => [k, schema.safeParse(source[k] || undefined).data])) as z.infer<typeof Query>;
  const found = q.service ? await repos.services.findByIdOrRef(q.service) : undefined;
  const service = found?.active ? found : undefined;
  const therapist = q.therapist && q.therapist !== 'any' ? await repos.therapists.findById(q.therapist) : undefined;
  const offers = therapist?.active && service && therapist.serviceIds.includes(service.id);
  const therapistId = q.therapist === 'any' && service?.slug === ANY_THERAPIST_SERVICE_SLUG ? 'any' : offers ? therapist.id : undefined;
  const tz = q.tz ?? practice.timeZone;
  const today = isoDateOf(localEpochDay(clock.now(), tz));
  const last = service ? horizonDay(clock.now(), service, tz) : undefined;
  let date = q.date && q.date >= today ? q.date : today;
  if (last && date > last && !options.beyondHorizon) date = last;
  const day = q.day && q.day >= date && q.day < addDays(date, WEEK) ? q.day : undefined;
  return { service, therapistId, therapist, tz, tzChosen: q.tz !== undefined, date, day, start: q.start ? Date.parse(q.start) : undefined, format: q.format };
}

export function bookHref(state: BookState, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const all: Record<string, string | undefined> = {
    service: state.service ? serviceRef(state.service) : undefined,
    therapist: state.therapistId,
    tz: state.tzChosen ? state.tz : undefined,
    date: state.date,
    day: state.day,
    format: state.format,
    ...extra,
  };
  for (const [k, v] of Object.entries(all)) if (v) params.set(k, v);
  return `/book?${params.toString()}`;
}

/** The fee as the summary says it: the therapist's, or (first available) the service's lowest. */
export function feeFor(state: BookState, therapists?: readonly TherapistProfile[]): string | undefined {
  const { service } = state;
  if (!service) return undefined;
  if (state.therapist && state.therapistId !== 'any') return feeWords(sessionFee(service, state.therapist));
  if (state.therapistId === 'any' || service.priceMinor === 0) return fromWords(serviceFee(service, therapists ?? []));
  return undefined;
}

/** What the person has chosen so far, for the summary beside every step. */
export function summaryFor(state: BookState, current: number, fee = feeFor(state)): BookingSummaryProps {
  const who = state.therapistId === 'any' ? 'The first available therapist' : state.therapist?.name;
  const keep = { tz: state.tzChosen ? state.tz : undefined, format: state.format };
  return {
    current,
    fee,
    steps: [
      { name: 'Service', chosen: state.service?.name, changeHref: bookHref({ tz: state.tz, tzChosen: state.tzChosen, date: '' }, keep) },
      { name: 'Therapist', chosen: who, changeHref: bookHref({ ...state, therapistId: undefined, date: '', day: undefined }) },
      { name: 'Time', chosen: state.start === undefined ? undefined : longWhen(state.start, state.tz), changeHref: bookHref(state) },
      { name: 'Your details' },
    ],
  };
}

export async function bookPage(c: Context<AppEnv>) {
  const state = await readState(c, c.req.query());
  if (!state.service) return chooseService(c, state);
  if (!state.therapistId) return chooseTherapist(c, state);
  if (state.start === undefined) return chooseTime(c, state);
  return details(c, state, {}, {});
}

async function chooseService(c: Context<AppEnv>, state: BookState) {
  const [services, therapists] = await Promise.all([c.var.deps.repos.services.listActive(), c.var.deps.repos.therapists.search()]);
  return renderPage(
    c,
    { title: 'Book a session', scripts: ['booking.js'] },
    <BookingLayout summary={summaryFor(state, 1)}>
      <h1>What would you like to book?</h1>
      <p class="prose">Not sure what you need? Start with the free 20-minute consultation: a therapist will listen and suggest what might help.</p>
      <ul class="choice-cards">
        {services.map((s) => (
          <li class="choice-card choice-card--link">
            <h2 class="choice-card__title">
              <a href={bookHref({ ...state, service: s, date: '' }, { service: serviceRef(s) })}>{s.name}</a>
            </h2>
            <p class="choice-card__facts">
              {s.durationMinutes} minutes · {fromWords(serviceFee(s, therapists)).replace(/^./, (ch) => ch.toUpperCase())}
            </p>
            <p class="choice-card__text">{s.summary}</p>
          </li>
        ))}
      </ul>
    </BookingLayout>,
  );
}

async function chooseTherapist(c: Context<AppEnv>, state: BookState) {
  const service = state.service!;
  const therapists = await c.var.deps.repos.therapists.search({ serviceId: service.id });
  const next = await nextFreeStarts(
    c.var.deps,
    therapists.map((t) => t.id),
    service,
  );
  const firstOf = (t: TherapistProfile) => next.get(t.id)?.[0];
  const earliest = therapists
    .map((t) => ({ t, slot: firstOf(t) }))
    .filter((x) => x.slot !== undefined)
    .sort((a, b) => a.slot!.start - b.slot!.start)[0];
  const any = service.slug === ANY_THERAPIST_SERVICE_SLUG;
  const at = (t: TherapistProfile, start: number) => bookHref({ ...state, therapistId: t.id, day: undefined }, { start: formatInstant(start, state.tz) });
  return renderPage(
    c,
    { title: `Choose a therapist for ${service.name}`, scripts: ['booking.js'] },
    <BookingLayout summary={summaryFor(state, 2, feeFor(state, therapists))}>
      <h1>Who would you like to see?</h1>
      <p class="prose">
        <a href="/match">Not sure? Answer a few questions</a> and we will suggest who fits.
      </p>
      <ul class="choice-cards">
        <li class="choice-card choice-card--first">
          <h2 class="choice-card__title">First available with anyone</h2>
          {earliest ? (
            <>
              <p class="choice-card__facts">
                <a href={at(earliest.t, earliest.slot!.start)}>
                  {whenText(earliest.slot!.start, state.tz)}
                  <span class="visually-hidden">: book it</span>
                </a>{' '}
                with {earliest.t.name} · {feeWords(sessionFee(service, earliest.t))}
              </p>
              {any ? (
                <p>
                  <a href={bookHref({ ...state, therapistId: 'any' })}>See every time with any available therapist</a>
                </p>
              ) : null}
            </>
          ) : (
            <p class="choice-card__facts">No free times online at the moment: join the waiting list from any therapist’s times, or call us.</p>
          )}
        </li>
        {therapists.map((t) => {
          const slot = firstOf(t);
          return (
            <li class="choice-card">
              <h2 class="choice-card__title">
                {t.name} <span class="muted">({t.pronouns})</span>
              </h2>
              <p class="choice-card__facts">
                {t.formats.map((f, i) => (i === 0 ? FORMAT_LABELS[f] : FORMAT_LABELS[f].toLowerCase())).join(' or ')} · {feeWords(sessionFee(service, t))}
              </p>
              <p class="choice-card__next">
                {slot ? (
                  <>
                    First available:{' '}
                    <a href={at(t, slot.start)}>
                      {shortWhen(slot.start, state.tz)}
                      <span class="visually-hidden"> with {t.name}: book it</span>
                    </a>
                  </>
                ) : (
                  'No free times online at the moment.'
                )}{' '}
                <a class="choice-card__all" href={bookHref({ ...state, therapistId: t.id, day: undefined })}>
                  {slot ? 'See all times' : 'See times and the waiting list'}
                  <span class="visually-hidden"> with {t.name}</span>
                </a>
              </p>
            </li>
          );
        })}
      </ul>
    </BookingLayout>,
  );
}

export function WaitlistForm({ state }: { state: BookState }) {
  return (
    <section aria-labelledby="waitlist-title" class="card waitlist-card">
      <h2 id="waitlist-title" tabindex={-1}>
        Join the waiting list
      </h2>
      <p>We will e-mail you as soon as a time comes free in the next four weeks. The first person to book it gets it.</p>
      <WaitlistFields
        secondary
        for={{ service: state.service!.id, therapist: state.therapistId === 'any' ? '' : (state.therapistId ?? ''), tz: state.tz, date: state.date }}
      />
    </section>
  );
}
