// Step 4 of /book: the person's details, and, before they commit, what the session costs, where it
// happens and the rule for changing or cancelling it (said again on the confirmation and in the e-mail).
import type { Context } from 'hono';
import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import { formatsFreeAt } from '../../domain/booking.ts';
import { fromWords, serviceFee, sessionFee } from '../../domain/fees.ts';
import { FORMATS, type Format } from '../../domain/types.ts';
import { changeRuleWords, feeLine, whereLine } from '../../mail/booking-terms.ts';
import { longWhen } from '../../mail/when.ts';
import { newToken } from '../../security/encryption.ts';
import { freeTherapistsAt } from '../../usecases/bookings/slots.ts';
import { IdempotencyKey } from '../booking-input.ts';
import { BookingLayout } from '../components/booking-summary.tsx';
import { EmailField, ErrorMessage, ErrorSummary, errorTitle, type FieldErrors, RadioGroup, TextArea, TextField } from '../components/forms.tsx';
import type { AppEnv } from '../env.ts';
import { FORMAT_LABELS } from '../format.ts';
import { renderPage } from '../render.tsx';
import { type BookState, summaryFor } from './book.tsx';
import { chooseTime } from './book-times.tsx';

export const TIME_GONE = {
  title: 'That time is no longer free',
  text: 'Someone else has just booked that time. What you typed is kept: please choose another time.',
};

/**
 * Who could see the client at the chosen time, and how. A named therapist: their formats. "Any
 * available": only the formats some therapist free at that start offers, so whatever is chosen can be
 * booked; none when nobody is free any more.
 */
async function whoIsFree(c: Context<AppEnv>, state: BookState): Promise<{ formats: Format[]; free: TherapistProfile[] }> {
  if (state.therapistId !== 'any') return { formats: state.therapist?.formats ?? [...FORMATS], free: state.therapist ? [state.therapist] : [] };
  const free = await freeTherapistsAt(c.var.deps, state.service!, state.start!);
  return { formats: formatsFreeAt(free), free };
}

export async function details(c: Context<AppEnv>, state: BookState, values: Record<string, string>, errors: FieldErrors, status: 200 | 422 | 429 | 503 = 200) {
  const service = state.service!;
  const start = state.start!;
  let { formats, free } = await whoIsFree(c, state);
  if (formats.length === 0) {
    // Nobody is free at that time any more: back to the times with what was typed, unless the client is being told something else.
    if (Object.keys(errors).length === 0) return chooseTime(c, { ...state, start: undefined }, TIME_GONE, 409, values);
    formats = [...FORMATS];
  }
  const practice = await c.var.deps.repos.practice.get();
  const wanted = values.format ?? state.format;
  const format = wanted && (formats as string[]).includes(wanted) ? wanted : formats[0];
  const who = state.therapistId === 'any' ? 'the first available therapist' : state.therapist?.name;
  const fee = state.therapist && state.therapistId !== 'any' ? feeLine(sessionFee(service, state.therapist)) : fromWords(serviceFee(service, free));
  const terms = changeRuleWords({ start, end: start + service.durationMinutes * 60_000, timeZone: state.tz }, c.var.deps.clock.now(), practice);
  const order = ['name', 'email', 'phone', 'format', 'notes', 'consent'];
  return renderPage(
    c,
    { title: errorTitle('Your details', errors), scripts: ['booking.js'], status },
    <BookingLayout summary={summaryFor(state, 4, state.therapist ? undefined : fee)}>
      <h1>Your details</h1>
      <ErrorSummary errors={errors} order={order} />
      <section class="booking-terms" aria-labelledby="terms-title">
        <h2 id="terms-title">Before you book</h2>
        <p>
          {service.name} with {who}, {longWhen(start, state.tz)}, {service.durationMinutes} minutes.
        </p>
        <dl class="facts">
          <dt>Fee</dt>
          <dd>{fee.replace(/^./, (ch) => ch.toUpperCase())}</dd>
          <dt>Where</dt>
          <dd>
            {formats
              .map((f, i) =>
                i === 0 ? whereLine(f, practice) : whereLine(f, practice).toLowerCase().replace(practice.address.toLowerCase(), practice.address),
              )
              .join(', or ')}
            {formats.length > 1 ? ' (you choose below)' : ''}
          </dd>
          <dt>Changing or cancelling</dt>
          <dd>{terms.rule}</dd>
        </dl>
        {terms.inside ? (
          <div class="notice notice--warn" id="late-notice">
            <p>
              <strong>Please note: </strong>
              {terms.inside}
            </p>
          </div>
        ) : null}
      </section>
      <form method="post" action="/book" novalidate>
        <input type="hidden" name="service" value={service.id} />
        <input type="hidden" name="therapist" value={state.therapistId} />
        <input type="hidden" name="tz" value={state.tz} />
        <input type="hidden" name="date" value={state.date} />
        <input type="hidden" name="start" value={new Date(start).toISOString()} />
        <input type="hidden" name="idempotencyKey" value={IdempotencyKey.safeParse(values.idempotencyKey).success ? values.idempotencyKey : newToken()} />
        <TextField name="name" label="Your name" value={values.name} error={errors.name} autocomplete="name" />
        <EmailField
          label="E-mail address"
          value={values.email}
          error={errors.email}
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
            options={formats.map((f) => ({ value: f, label: FORMAT_LABELS[f], hint: f === 'in_person' ? practice.address : 'By video' }))}
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
          <ErrorMessage id="f-consent-error" error={errors.consent} />
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
        <p class="actions">
          <button class="button" type="submit">
            Book this appointment
          </button>
          <button class="button button--secondary" type="submit" name="intent" value="times" formnovalidate>
            Choose a different time
          </button>
        </p>
      </form>
    </BookingLayout>,
  );
}
