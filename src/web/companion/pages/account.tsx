// Signing in by e-mail link, signing out, and the account page: export and erasure.
import { z } from 'zod';
import { companionConsentText } from '../../../domain/companion.ts';
import { accountOf, exportCompanionData } from '../../../usecases/companion/account.ts';
import { eraseCompanionAccount } from '../../../usecases/companion/erasure.ts';
import { recordSignOut, requestSignInLink as sendSignInLink, signInLinkState, signInWithLink } from '../../../usecases/companion/sign-in.ts';
import { clientAddress } from '../../client-address.ts';
import { CheckboxGroup, ErrorSummary, errorTitle, type FieldErrors, TextField } from '../../components/forms.tsx';
import { QUICK_EXIT_URL } from '../../components/safety-help.tsx';
import { KeptFormOffer, takeKeptFormHere } from '../../kept-work.tsx';
import { readForm } from '../../read-form.ts';
import { companionPage, Flash } from '../components.tsx';
import { formatDate, REMEMBER_ME_DAYS, SESSION_LIMIT_TEXT } from '../format.ts';
import { asAppContext, type CompanionContext, endSession, KEPT_PATH, safeNext, startSession } from '../session.ts';

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

const SignInForm = z.strictObject({
  email: z.preprocess(
    trimmed,
    z.email({ error: 'Enter your e-mail address in the right form, like name@example.com.' }).max(254, { error: 'Enter a shorter e-mail address.' }),
  ),
  next: z.string().max(300).optional(),
});

const CONSENT_MISSING = 'Tick the box to agree to how we keep what you write, so that you can use the companion.';

/** The button on the page an e-mailed link opens: a tick for consent when the account needs it, nothing else. */
const SWITCH_MISSING = 'Tick the box to sign out of the account you are using now and into this one, or close this page to stay as you are.';

const ConfirmForm = z.strictObject({
  consent: z.literal('yes', { error: CONSENT_MISSING }).optional(),
  switch: z.literal('yes', { error: SWITCH_MISSING }).optional(),
  remember: z.literal('yes').optional(),
});

/** "Remember me on this device": off unless ticked, and said plainly what it means on a shared device. */
function RememberMe({ checked }: { checked: boolean }) {
  return (
    <CheckboxGroup
      name="remember"
      label="On this device"
      hint={`Only tick this on a phone or computer that is yours alone. On a shared or borrowed one, leave it unticked: anyone who opens the companion on it would see your circles. Unticked, you are signed out after ${SESSION_LIMIT_TEXT.idle} without use. Signing out always ends it.`}
      value={checked ? ['yes'] : []}
      options={[{ value: 'yes', label: `Keep me signed in on this device for ${REMEMBER_ME_DAYS} days` }]}
    />
  );
}

type LinkState = { account: boolean; needsConsent: boolean; email: string; clientId: string | null };

/** Someone else is signed in on this device: the link would replace their session, so ask first. */
const switching = (c: CompanionContext, state: LinkState) => c.var.client !== null && c.var.client.clientId !== state.clientId;

export function SignInFields({ next, errors = {}, email = '' }: { next: string | null; errors?: FieldErrors; email?: string }) {
  return (
    <form method="post" action="/companion/sign-in" novalidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField
        name="email"
        type="email"
        label="Your e-mail address"
        hint="We will e-mail you a link that signs you in: no password to remember. It works once, for 15 minutes."
        autocomplete="email"
        spellcheck={false}
        value={email}
        error={errors.email}
      />
      <button class="button" type="submit">
        Send me a sign-in link
      </button>
    </form>
  );
}

export async function signInPage(c: CompanionContext) {
  if (c.var.client) return c.redirect(safeNext(c.req.query('next')) ?? '/companion', 303);
  return signInView(c, { next: safeNext(c.req.query('next')), errors: {}, email: '' });
}

function signInView(c: CompanionContext, v: { next: string | null; errors: FieldErrors; email: string }, status: 200 | 400 | 422 = 200) {
  return companionPage(
    c,
    { title: errorTitle('Sign in to the companion', v.errors), status },
    <>
      <h1>Sign in to the companion</h1>
      <ErrorSummary errors={v.errors} order={['email']} />
      {v.next === KEPT_PATH ? (
        <Flash tone="info">
          Your session had ended, so that was not saved. What you typed is kept for 30 minutes in this browser: open the sign-in link here and you can send it
          again.
        </Flash>
      ) : null}
      <p class="prose">
        New here? The same link creates your account, once you have agreed to how we keep what you write. We only use your address to sign you in and to send
        the reminders and invitations you ask for.
      </p>
      <SignInFields next={v.next} errors={v.errors} email={v.email} />
      <p class="muted">
        Once signed in on a device you stay signed in for up to {SESSION_LIMIT_TEXT.absolute}, or until you have not used it for {SESSION_LIMIT_TEXT.idle},
        whichever comes first; on a device that is yours alone you can choose to stay signed in for {REMEMBER_ME_DAYS} days. Signing out ends it straight away.
      </p>
    </>,
  );
}

/** Answers the same whether or not the address has an account: a link is sent either way. */
export async function requestSignInLink(c: CompanionContext) {
  const form = await readForm(c, SignInForm);
  const next = safeNext(form.values.next);
  if (!form.ok) return signInView(c, { next, errors: form.errors, email: typeof form.values.email === 'string' ? form.values.email : '' }, form.status);
  const result = await sendSignInLink(c.var.deps, { email: form.data.email, next, address: clientAddress(asAppContext(c)) });
  if (!result.ok) {
    const wait = result.error.retryAfterSeconds ?? 60;
    c.header('Retry-After', String(wait));
    const minutes = Math.ceil(wait / 60);
    return companionPage(
      c,
      { title: 'Please wait a little', status: 429 },
      <>
        <h1>Please wait a little</h1>
        <p>
          Several sign-in links have been asked for in a short time. Please try again in {minutes === 1 ? 'a minute' : `${minutes} minutes`}. Any link already
          sent still works for 15 minutes.
        </p>
      </>,
    );
  }
  return companionPage(
    c,
    { title: 'Check your e-mail' },
    <>
      <h1>Check your e-mail</h1>
      <p class="prose">
        We have sent a sign-in link to <strong>{result.value.email}</strong>. It works once, for the next 15 minutes. If it has not arrived in a few minutes,
        look in your spam or junk folder, or <a href="/companion/sign-in">ask for another</a>.
      </p>
    </>,
  );
}

function linkGone(c: CompanionContext) {
  return companionPage(
    c,
    { title: 'This sign-in link has expired', status: 404 },
    <>
      <h1>This sign-in link no longer works</h1>
      <p>Sign-in links work once, for 15 minutes. Ask for a new one below.</p>
      <SignInFields next={null} />
    </>,
  );
}

/**
 * The page the link opens: a button, so that mail scanners that open links do not use them up. When the
 * address has no account yet (or one from before the current consent wording), it asks for consent too.
 */
async function confirmView(c: CompanionContext, token: string, state: LinkState, errors: FieldErrors = {}, status: 200 | 400 | 422 = 200, remember = false) {
  const practice = await c.var.deps.repos.practice.get();
  const creating = !state.account;
  const title = creating ? 'Create your companion account' : 'Sign in to the companion';
  return companionPage(
    c,
    { title: errorTitle(title, errors), status },
    <>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} order={['switch', 'consent']} />
      <p class="prose">
        This link is for <strong>{state.email}</strong>.
      </p>
      {state.needsConsent ? (
        <p class="prose">
          {creating
            ? 'Before we create your account, we need your agreement. '
            : 'Before you go on, we need your agreement to how we now keep what you write. '}
          What you write in the companion is about you and the people close to you, so the law treats it as specially private: we keep it encrypted, use it only
          for your check-ins, and nobody sees what you do not share.
        </p>
      ) : null}
      <form method="post" action={`/companion/sign-in/${token}`} novalidate>
        {switching(c, state) ? (
          <CheckboxGroup
            name="switch"
            label="You are signed in as someone else on this device"
            hint="Going on signs you out of the account you are using now. If this link is not yours, close this page."
            error={errors.switch}
            options={[{ value: 'yes', label: `Sign me out and in as ${state.email}` }]}
          />
        ) : null}
        {state.needsConsent ? (
          <CheckboxGroup
            name="consent"
            label="Keeping what you write"
            hint={
              <>
                The <a href="/privacy#what-and-why">privacy notice</a> explains how we look after it.
              </>
            }
            error={errors.consent}
            options={[{ value: 'yes', label: companionConsentText(practice.name) }]}
          />
        ) : null}
        <RememberMe checked={remember} />
        <button class="button" type="submit">
          {creating ? 'Create my account and sign in' : 'Sign in'}
        </button>
      </form>
    </>,
  );
}

export async function confirmSignInPage(c: CompanionContext) {
  const token = c.req.param('token') ?? '';
  const state = await signInLinkState(c.var.deps, token);
  if (!state) return linkGone(c);
  return confirmView(c, token, state);
}

/** Signs in with the link; without consent where it is needed, nothing is written and the link still works. */
export async function completeSignIn(c: CompanionContext) {
  const { deps } = c.var;
  const token = c.req.param('token') ?? '';
  const form = await readForm(c, ConfirmForm);
  if (form.ok && form.data.switch !== 'yes') {
    const state = await signInLinkState(deps, token);
    if (!state) return linkGone(c);
    if (switching(c, state)) return confirmView(c, token, state, { switch: SWITCH_MISSING }, 422, form.data.remember === 'yes');
  }
  const result = form.ok ? await signInWithLink(deps, { token, consent: form.data.consent === 'yes', requestId: c.var.requestId }) : null;
  if (!result || (!result.ok && result.error.code === 'CONSENT_REQUIRED')) {
    const state = await signInLinkState(deps, token);
    if (!state) return linkGone(c);
    return form.ok
      ? confirmView(c, token, state, { consent: CONSENT_MISSING }, 422, form.data.remember === 'yes')
      : confirmView(c, token, state, form.errors, form.status);
  }
  if (!result.ok) return linkGone(c);
  await startSession(c, result.value.clientId, form.ok && form.data.remember === 'yes');
  return c.redirect(safeNext(result.value.next) ?? '/companion', 303);
}

/**
 * The quick exit of a signed-in page: ends the session and leaves for the weather page in one step (a GET,
 * so that it works as a plain link without JavaScript; signing someone out is all a forged link could do).
 */
export async function quickExit(c: CompanionContext) {
  const client = c.var.client;
  if (client) await recordSignOut(c.var.deps, client.clientId, c.var.requestId);
  await endSession(c);
  c.header('Cache-Control', 'no-store');
  return c.redirect(QUICK_EXIT_URL, 303);
}

export async function signOut(c: CompanionContext) {
  const client = c.var.client;
  if (client) await recordSignOut(c.var.deps, client.clientId, c.var.requestId);
  await endSession(c);
  return c.redirect('/companion?signed-out=1', 303);
}

export async function accountPage(c: CompanionContext) {
  const client = c.var.client!;
  const [account, practice] = await Promise.all([accountOf(c.var.deps, client.clientId), c.var.deps.repos.practice.get()]);
  return companionPage(
    c,
    { title: 'Your account and data' },
    <>
      <h1>Your account and data</h1>
      <p>
        You sign in as <strong>{account?.email}</strong>. A sign-in lasts up to {SESSION_LIMIT_TEXT.absolute}, and ends after {SESSION_LIMIT_TEXT.idle} without
        use.
      </p>
      {account?.consent ? (
        <p class="prose">
          You agreed to how we keep what you write on {formatDate(account.consent.givenAt, practice.timeZone)}. You can withdraw that at any time by deleting
          your account below.
        </p>
      ) : null}
      <h2>Download your data</h2>
      <p class="prose">
        A file with everything you have written in the companion: your circles and the name you use in each, every check-in answer of yours (shared or not), any
        check-in you began and kept for later, your promises and your notes in appreciation jars. Other people's answers are not in it.
      </p>
      <p>
        <a class="button button--secondary" href="/companion/account/export" download="closer-companion.json">
          Download my data (JSON)
        </a>
      </p>
      <h2>Delete your account</h2>
      <p class="prose">
        This deletes your account and everything you wrote: your answers, promises and notes, in every circle. You leave every circle; a circle with nobody left
        in it is deleted too. It cannot be undone, so download your data first if you want to keep it.
      </p>
      <form method="post" action="/companion/account/delete" class="danger-zone">
        <div class="choice">
          <input id="f-confirm" type="checkbox" name="confirm" value="yes" required />
          <label for="f-confirm">I understand that this deletes everything I wrote, for good</label>
        </div>
        <button class="button button--danger" type="submit">
          Delete my account and data
        </button>
      </form>
    </>,
  );
}

export async function exportData(c: CompanionContext) {
  const body = await exportCompanionData(c.var.deps, c.var.client!.clientId, c.var.requestId);
  return c.body(JSON.stringify(body, null, 2), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': 'attachment; filename="closer-companion.json"',
    'Cache-Control': 'no-store',
  });
}

const DeleteForm = z.object({ confirm: z.literal('yes') });

export async function deleteAccount(c: CompanionContext) {
  const client = c.var.client!;
  const form = await readForm(c, DeleteForm);
  if (!form.ok) {
    return companionPage(
      c,
      { title: 'Error: Your account and data', status: form.status },
      <>
        <h1>Your account was not deleted</h1>
        <Flash tone="warn">
          <p>To delete your account, tick the box to say you understand it cannot be undone.</p>
        </Flash>
        <p>
          <a class="back-link" href="/companion/account">
            Back to your account
          </a>
        </p>
      </>,
    );
  }
  await eraseCompanionAccount(c.var.deps, client.clientId, c.var.requestId);
  await endSession(c);
  return companionPage(
    c,
    { title: 'Your account has been deleted' },
    <>
      <h1>Your account has been deleted</h1>
      <p>Your account and everything you wrote in the companion have been deleted. You can start again at any time with the same address.</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </>,
  );
}

/** After signing in: what was typed into a form when the session had ended, offered once (web/kept-work.tsx). */
export async function keptPage(c: CompanionContext) {
  const kept = await takeKeptFormHere(c, 'client');
  return companionPage(
    c,
    { title: kept ? 'Send what you typed again?' : 'Nothing is waiting to be sent', feelings: true },
    <KeptFormOffer kept={kept} leave="/companion" />,
  );
}
