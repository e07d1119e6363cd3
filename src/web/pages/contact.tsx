// /contact: Call us (a tel: link with opening hours), a message form and a call-back request. Each form is
// read with its schema and handed to one use case (src/usecases/contact/submit.ts), which stores it and its
// notice e-mail; then POST-redirect-GET to /contact/sent, with nothing personal in the address.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { PracticeSettings } from '../../db/repositories/practice.ts';
import {
  CALLBACK_TIME_LABELS,
  CALLBACK_TIMES,
  CallbackRequestForm,
  ContactMessageForm,
  contactConsentText,
  MESSAGE_MAX,
  NOTE_MAX,
} from '../../domain/contact.ts';
import { submitCallbackRequest, submitContactMessage } from '../../usecases/contact/submit.ts';
import { clientAddress } from '../client-address.ts';
import { CheckboxGroup, EmailField, ErrorSummary, errorTitle, type FieldErrors, RadioGroup, TextArea, TextField } from '../components/forms.tsx';
import { telHref } from '../components/layout.tsx';
import { UrgentHelp } from '../components/urgent-help.tsx';
import type { AppEnv } from '../env.ts';
import { type FormValues, readForm } from '../read-form.ts';
import { renderPage } from '../render.tsx';

/** The field a person never sees; a bot that fills every field fills this one too. */
export const HONEYPOT = 'website';
/** Set for a few minutes when a message suggested risk, so the confirmation shows urgent help first. */
const HELP_FIRST_COOKIE = 'contact-help-first';

type Kind = 'message' | 'callback';
interface FormState {
  kind: Kind;
  values: FormValues;
  errors: FieldErrors;
}

const MESSAGE_ORDER = ['name', 'email', 'phone', 'message', 'consent'];
const CALLBACK_ORDER = ['name', 'phone', 'times', 'voicemail', 'note', 'consent'];

/** A single value for a one-value field (the first, when a client repeats it). */
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function contactPage(c: Context<AppEnv>) {
  return render(c, undefined);
}

export async function submitMessage(c: Context<AppEnv>) {
  const form = await readForm(c, ContactMessageForm);
  if (honeypotFilled(c, 'message', form.values)) return c.redirect(sentPath('message'), 303);
  if (!form.ok) return render(c, { kind: 'message', values: form.values, errors: form.errors }, form.status);
  return answer(c, 'message', form.values, await submitContactMessage(c.var.deps, form.data, sender(c)));
}

export async function submitCallback(c: Context<AppEnv>) {
  const form = await readForm(c, CallbackRequestForm, { arrays: ['times'] });
  if (honeypotFilled(c, 'callback', form.values)) return c.redirect(sentPath('callback'), 303);
  if (!form.ok) return render(c, { kind: 'callback', values: form.values, errors: form.errors }, form.status);
  return answer(c, 'callback', form.values, await submitCallbackRequest(c.var.deps, form.data, sender(c)));
}

const sentPath = (kind: Kind) => `/contact/sent?kind=${kind}`;
const sender = (c: Context<AppEnv>) => ({ address: clientAddress(c), requestId: c.var.requestId });

/** A filled-in honeypot: answer as if all went well, keep nothing. */
function honeypotFilled(c: Context<AppEnv>, kind: Kind, values: FormValues): boolean {
  if ((one(values[HONEYPOT]) ?? '').trim() === '') return false;
  c.var.deps.logger.info({ requestId: c.var.requestId, form: kind }, 'contact form honeypot filled: discarded');
  return true;
}

function answer(c: Context<AppEnv>, kind: Kind, values: FormValues, result: Awaited<ReturnType<typeof submitContactMessage>>) {
  if (!result.ok) {
    const wait = result.error.retryAfterSeconds ?? 60;
    c.header('Retry-After', String(wait));
    return render(c, { kind, values, errors: {} }, 429, wait);
  }
  if (result.value.helpFirst) {
    setCookie(c, HELP_FIRST_COOKIE, '1', {
      path: '/contact/sent',
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.var.deps.config.publicUrl.startsWith('https:'),
      maxAge: 300,
    });
  }
  return c.redirect(sentPath(kind), 303);
}

export async function contactSentPage(c: Context<AppEnv>) {
  const kind: Kind = c.req.query('kind') === 'callback' ? 'callback' : 'message';
  const helpFirst = getCookie(c, HELP_FIRST_COOKIE) === '1';
  if (helpFirst) deleteCookie(c, HELP_FIRST_COOKIE, { path: '/contact/sent', secure: c.var.deps.config.publicUrl.startsWith('https:') });
  const practice = await c.var.deps.repos.practice.get();
  return renderPage(
    c,
    { title: kind === 'message' ? 'Message sent' : 'Call-back requested', urgentHelpFirst: helpFirst },
    <>
      {helpFirst ? (
        <p class="notice notice--warn">
          Something in what you wrote makes us want to be sure you know where to find help straight away. If you are in danger or might harm yourself, please
          contact one of the services above now: they are there day and night.
        </p>
      ) : null}
      <div class="confirmation" role="status">
        <h1>{kind === 'message' ? 'Thank you: your message has reached us' : 'Thank you: we will call you back'}</h1>
      </div>
      <div class="prose">
        {kind === 'message' ? (
          <p>
            Someone at {practice.name} will read it and reply within two working days, by e-mail or phone, using the details you gave. Our lines are open{' '}
            {practice.openingHours}.
          </p>
        ) : (
          <p>
            Someone at {practice.name} will call you at one of the times you chose, usually within two working days. If we miss you, we will try once more. If
            you said we should not leave a voicemail, we will not.
          </p>
        )}
        <p>
          Your {kind === 'message' ? 'message' : 'request'} is stored securely and read only by the practice team. Our <a href="/privacy">privacy notice</a>{' '}
          explains how long we keep it and how to ask us to delete it.
        </p>
        <h2>While you wait</h2>
        <ul>
          <li>
            <a href="/guide">Read our guide to emotional closeness</a>
          </li>
          <li>
            <a href="/self-check">Take the private self-check</a>
          </li>
          <li>
            <a href="/therapists">See our therapists</a>
          </li>
        </ul>
      </div>
      {helpFirst ? null : <UrgentHelp lines={practice.urgentHelp} />}
    </>,
  );
}

// ---------------------------------------------------------------------------

async function render(c: Context<AppEnv>, state: FormState | undefined, status: 200 | 400 | 422 | 429 = 200, retryAfterSeconds?: number) {
  const practice = await c.var.deps.repos.practice.get();
  const errors = state?.errors ?? {};
  const msg = state?.kind === 'message' ? state : undefined;
  const cb = state?.kind === 'callback' ? state : undefined;
  return renderPage(
    c,
    {
      title: status === 429 ? 'Error: Contact us' : errorTitle('Contact us', errors),
      description: `Call ${practice.name}, send a message, or ask us to call you back at a time that suits you.`,
      asksAboutFeelings: true,
      status,
    },
    <>
      {status === 429 ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>We could not send that just now</h2>
          <p>
            We have had several messages from this connection in a short time, so we have held this one back. Nothing has been lost from this page: you can copy
            what you wrote, try again in {Math.ceil((retryAfterSeconds ?? 60) / 60)} minutes, or call us on{' '}
            <a href={telHref(practice.phone)}>{practice.phone}</a>.
          </p>
        </div>
      ) : null}
      <h1>Contact us</h1>
      <section class="call-us" aria-labelledby="call-title">
        <h2 id="call-title">Call us</h2>
        <p class="call-us__number">
          <a class="button" href={telHref(practice.phone)}>
            Call {practice.phone}
          </a>
        </p>
        <p>Lines are open {practice.openingHours}. Outside these hours, send a message or ask us to call you back.</p>
      </section>
      <div class="contact-forms">
        <MessageForm practice={practice} state={msg} />
        <CallbackForm practice={practice} state={cb} />
      </div>
      <p class="prose muted">
        What you send here is encrypted and stored on our own server; only the practice team can read it. The e-mail that tells us it has arrived does not
        contain it. See our <a href="/privacy">privacy notice</a>.
      </p>
    </>,
  );
}

function Honeypot({ idPrefix }: { idPrefix: string }) {
  // Hidden from people and assistive technology alike (display: none), but present for bots.
  return (
    <div class="hp" aria-hidden="true">
      <label for={`f-${idPrefix}-${HONEYPOT}`}>Leave this empty</label>
      <input type="text" id={`f-${idPrefix}-${HONEYPOT}`} name={HONEYPOT} tabindex={-1} autocomplete="off" />
    </div>
  );
}

function MessageForm({ practice, state }: { practice: PracticeSettings; state: FormState | undefined }) {
  const v = state?.values ?? {};
  const e = state?.errors ?? {};
  const p = 'message';
  return (
    <section class="contact-form card" aria-labelledby="message-title">
      <h2 id="message-title">Send us a message</h2>
      {/* This form's errors beside this form (issue 11), not at the top of a page that holds two forms. */}
      <ErrorSummary errors={e} order={MESSAGE_ORDER} idPrefix={p} />
      <form method="post" action="/contact/message#message-title" novalidate>
        <TextField idPrefix={p} name="name" label="Your name" autocomplete="name" value={one(v.name)} error={e.name} maxLength={100} />
        <EmailField
          idPrefix={p}
          label="E-mail address"
          hint="Give an e-mail address, a phone number or both, so that we can reply."
          value={one(v.email)}
          error={e.email}
        />
        <TextField idPrefix={p} name="phone" type="tel" label="Phone number (optional)" autocomplete="tel" value={one(v.phone)} error={e.phone} />
        <TextArea
          idPrefix={p}
          name="message"
          label="Your message"
          hint="Tell us as much or as little as you like. If you are in danger now, please call 999 instead."
          rows={8}
          maxLength={MESSAGE_MAX}
          value={one(v.message)}
          error={e.message}
        />
        <CheckboxGroup
          idPrefix={p}
          name="consent"
          label="Keeping your message"
          value={v.consent ? [String(one(v.consent))] : []}
          error={e.consent}
          options={[{ value: 'yes', label: contactConsentText(practice.name) }]}
        />
        <Honeypot idPrefix={p} />
        <button class="button" type="submit">
          Send message
        </button>
      </form>
    </section>
  );
}

function CallbackForm({ practice, state }: { practice: PracticeSettings; state: FormState | undefined }) {
  const v = state?.values ?? {};
  const e = state?.errors ?? {};
  const p = 'callback';
  const times = Array.isArray(v.times) ? v.times : v.times ? [v.times] : [];
  return (
    <section class="contact-form card" aria-labelledby="callback-title">
      <h2 id="callback-title">Ask us to call you back</h2>
      <ErrorSummary errors={e} order={CALLBACK_ORDER} idPrefix={p} />
      <form method="post" action="/contact/callback#callback-title" novalidate>
        <TextField idPrefix={p} name="name" label="Your name" autocomplete="name" value={one(v.name)} error={e.name} maxLength={100} />
        <TextField idPrefix={p} name="phone" type="tel" label="Phone number" autocomplete="tel" value={one(v.phone)} error={e.phone} />
        <CheckboxGroup
          idPrefix={p}
          name="times"
          label="When may we call?"
          hint="Choose all the times that suit you. Times are the practice's local time."
          value={times}
          error={e.times}
          options={CALLBACK_TIMES.map((t) => ({ value: t, label: CALLBACK_TIME_LABELS[t] }))}
        />
        <RadioGroup
          idPrefix={p}
          name="voicemail"
          label="May we leave a voicemail if you do not answer?"
          hint="If someone else might hear your messages, choose no. We will only ever say we are calling from the practice."
          value={one(v.voicemail)}
          error={e.voicemail}
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
        />
        <TextArea
          idPrefix={p}
          name="note"
          label="Anything we should know before we call? (optional)"
          rows={4}
          maxLength={NOTE_MAX}
          value={one(v.note)}
          error={e.note}
        />
        <CheckboxGroup
          idPrefix={p}
          name="consent"
          label="Keeping your request"
          value={v.consent ? [String(one(v.consent))] : []}
          error={e.consent}
          options={[{ value: 'yes', label: contactConsentText(practice.name) }]}
        />
        <Honeypot idPrefix={p} />
        <button class="button" type="submit">
          Request a call back
        </button>
      </form>
    </section>
  );
}
