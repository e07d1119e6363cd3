// Signing in: e-mail and password, then a code from the authenticator app (or, the first time, setting one
// up); signing out (password resets and invitations: password-links.tsx). Every refusal reads the same
// whether or not the account exists.

import { raw } from 'hono/html';
import { renderSVG } from 'uqr';
import { z } from 'zod';
import { totpUri } from '../../security/totp.ts';
import { issueRecoveryCodes } from '../../usecases/staff/recovery-codes.ts';
import { confirmEnrolment, PENDING_SECRET_TTL_MS, pendingSecret, pendingSecretIsLive } from '../../usecases/staff/second-factor.ts';
import { checkCode, checkPassword, signOut } from '../../usecases/staff/sign-in.ts';
import { ErrorSummary, errorTitle, type FieldErrors, formErrors, PostButton, TextField } from '../components/forms.tsx';
import { takeStaffNext } from '../kept-work.tsx';
import { MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { Done, staffPage } from './layout.tsx';
import { recoveryCodesPage, recoverySubmit } from './recovery-codes.tsx';
import { clearCookie, currentSession, currentUser, requestContext, type StaffContext, startSession } from './session.ts';

const SignInForm = z.object({
  email: z.string().trim().min(1, 'Enter your e-mail address').max(254, 'Enter your e-mail address'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Enter your password'),
});
const CodeForm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, 'Enter the 6-digit code from your authenticator app'),
});

/** What a page says when the body could not be read at all (answered 400, nothing changed). */
export const UNREADABLE: FieldErrors = { _form: MALFORMED_FORM };

const REFUSED = 'The e-mail address or password is not right. Check them and try again.';

export function throttledNotice(retryAfterSeconds: number) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `There have been too many attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again.`;
}

export function setRetryAfter(c: StaffContext, seconds: number) {
  c.header('Retry-After', String(seconds));
}

// ---------------------------------------------------------------------------- e-mail and password

const LOGIN_DONE = {
  'signed-out': 'You have signed out.',
  'password-reset': 'Your password has been changed. Sign in with it now.',
  'signed-out-everywhere': 'You have signed out on every device.',
  kept: 'Your session had ended, so that was not saved. What you typed is kept for 30 minutes in this browser: sign in and you can send it again.',
};

function LoginForm({ email, errors }: { email: string; errors: FieldErrors }) {
  return (
    <form method="post" action="/staff/login" novalidate>
      <TextField name="email" label="E-mail address" type="email" autocomplete="username" spellcheck={false} value={email} error={errors.email} />
      <TextField name="password" label="Password" type="password" autocomplete="current-password" error={errors.password} />
      <button type="submit" class="button">
        Continue
      </button>
    </form>
  );
}

async function loginPageWith(c: StaffContext, email: string, errors: FieldErrors, status: 200 | 400 | 401 | 422 | 429 = 200) {
  return staffPage(
    c,
    { title: errorTitle('Staff sign-in', errors), status },
    <div class="narrow">
      <ErrorSummary errors={errors} order={['email', 'password']} />
      <Done messages={LOGIN_DONE} value={c.req.query('done')} />
      <h1>Staff sign-in</h1>
      <p>For the practice's therapists and admins. After your password you will be asked for a code from your authenticator app.</p>
      <LoginForm email={email} errors={errors} />
      <p>
        <a href="/staff/password-reset">Forgotten your password?</a>
      </p>
    </div>,
  );
}

export function loginPage(c: StaffContext) {
  const actor = c.var.actor;
  if (actor.kind === 'staff' && actor.secondFactorDone) return c.redirect('/staff', 303);
  return loginPageWith(c, '', {});
}

export async function loginSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return loginPageWith(c, '', UNREADABLE, 400);
  const parsed = SignInForm.safeParse({ email: one(fields.email), password: one(fields.password) });
  if (!parsed.success) return loginPageWith(c, one(fields.email).slice(0, 254), formErrors(parsed.error.issues), 422);
  const outcome = await checkPassword(c.var.deps, parsed.data.email, parsed.data.password, requestContext(c));
  if (outcome.kind === 'throttled') {
    setRetryAfter(c, outcome.retryAfterSeconds);
    return loginPageWith(c, parsed.data.email, { _form: throttledNotice(outcome.retryAfterSeconds) }, 429);
  }
  if (outcome.kind === 'refused') return loginPageWith(c, parsed.data.email, { _form: REFUSED }, 401);
  await startSession(c, outcome.user, false);
  return c.redirect(outcome.user.totpSecret ? '/staff/login/code' : '/staff/two-factor', 303);
}

// ---------------------------------------------------------------------------- the code

async function codePageWith(c: StaffContext, errors: FieldErrors, status: 200 | 400 | 401 | 422 | 429 = 200) {
  const practice = (await c.var.deps.repos.practice.get()).name;
  return staffPage(
    c,
    { title: errorTitle('Enter your code', errors), status },
    <div class="narrow">
      <ErrorSummary errors={errors} order={['code', 'recovery']} />
      <h1>Enter the code from your authenticator app</h1>
      <p>Open the authenticator app on your phone and enter the 6-digit code it shows for {practice}.</p>
      <form method="post" action="/staff/login/code" novalidate>
        <TextField name="code" label="6-digit code" inputmode="numeric" autocomplete="one-time-code" maxLength={7} spellcheck={false} error={errors.code} />
        <button type="submit" class="button">
          Sign in
        </button>
      </form>
      <details class="disclosure" open={errors.recovery ? true : undefined}>
        <summary>Lost your phone? Use a recovery code</summary>
        <form method="post" action="/staff/login/recovery" novalidate>
          <TextField
            name="recovery"
            label="Recovery code"
            hint="One of the ten codes you saved when you set up your authenticator app, like ABCD-EFGH-JKLM-NPQR. Each works once."
            autocomplete="off"
            spellcheck={false}
            maxLength={24}
            error={errors.recovery}
          />
          <button type="submit" class="button button--secondary">
            Sign in with a recovery code
          </button>
        </form>
        <p>No codes either? Ask the practice admin to reset your second factor.</p>
      </details>
      <PostButton action="/staff/logout" label="Cancel and sign out" variant="secondary" />
    </div>,
  );
}

export const loginRecoverySubmit = (c: StaffContext) => recoverySubmit(c, codePageWith);

export function codePage(c: StaffContext) {
  const user = currentUser(c);
  if (currentSession(c).secondFactorDone) return c.redirect('/staff', 303);
  if (!user.totpSecret) return c.redirect('/staff/two-factor', 303);
  return codePageWith(c, {});
}

export async function codeSubmit(c: StaffContext) {
  const user = currentUser(c);
  if (currentSession(c).secondFactorDone) return c.redirect('/staff', 303);
  if (!user.totpSecret) return c.redirect('/staff/two-factor', 303);
  const fields = await readFormValues(c);
  if (!fields) return codePageWith(c, UNREADABLE, 400);
  const parsed = CodeForm.safeParse({ code: one(fields.code) });
  if (!parsed.success) return codePageWith(c, formErrors(parsed.error.issues), 422);
  const outcome = await checkCode(c.var.deps, user, parsed.data.code, requestContext(c));
  if (outcome.kind === 'throttled') {
    setRetryAfter(c, outcome.retryAfterSeconds);
    return codePageWith(c, { _form: throttledNotice(outcome.retryAfterSeconds) }, 429);
  }
  if (outcome.kind === 'refused') return codePageWith(c, { code: 'That code is not right, or was already used. Wait for the next one and try again.' }, 401);
  // Privileges went up: a new session id. Then the page asked for before signing in, if any.
  await startSession(c, user, true);
  return c.redirect(takeStaffNext(c) ?? '/staff', 303);
}

// ---------------------------------------------------------------------------- setting up the second factor

/**
 * Who may see the setup page: someone with no second factor yet (straight after their password), or a
 * fully signed-in user whose session started changing theirs (password and current code) in the last
 * 15 minutes. Anyone else goes where they belong: another session of the same user never sees, nor
 * confirms, a change it did not start.
 */
function setupRedirect(c: StaffContext): string | undefined {
  const user = currentUser(c);
  const session = currentSession(c);
  if (!user.totpSecret) return undefined;
  if (!session.secondFactorDone) return '/staff/login/code';
  if (pendingSecretIsLive(c.var.deps, user, session.idHash)) return undefined;
  // This session's own change, left too long: say so, rather than silently showing the account page.
  return user.totpPending && user.totpPendingSession === session.idHash ? '/staff/account?done=two-factor-expired' : '/staff/account';
}

const groups = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * The otpauth URI as a QR code, drawn on the server as inline SVG (no image request, nothing sent
 * elsewhere), with the four-module quiet zone the standard asks for so phone cameras read it first time.
 */
function KeyQrCode({ uri, practice }: { uri: string; practice: string }) {
  const svg = renderSVG(uri, { ecc: 'M', border: 4, pixelSize: 4 }).replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
  return (
    <div class="qr" role="img" aria-label={`QR code with the setup key for ${practice}`}>
      {raw(svg)}
    </div>
  );
}

async function setupPageWith(c: StaffContext, errors: FieldErrors, status: 200 | 400 | 401 | 422 | 429 = 200) {
  const user = currentUser(c);
  const secret = await pendingSecret(c.var.deps, user, currentSession(c).idHash);
  // A change that ran out between the check and now (or while a wrong code was being typed).
  if (secret === undefined) return c.redirect('/staff/account?done=two-factor-expired', 303);
  const practice = (await c.var.deps.repos.practice.get()).name;
  const changing = user.totpSecret !== null;
  const uri = totpUri(secret, user.email, practice);
  return staffPage(
    c,
    { title: errorTitle(changing ? 'Change your second factor' : 'Set up your second factor', errors), status },
    <div class="narrow">
      <ErrorSummary errors={errors} order={['code']} />
      <h1>{changing ? 'Change your second factor' : 'Set up your second factor'}</h1>
      <p>
        Staff accounts need a second factor before they can see anything about clients: a 6-digit code from an authenticator app on your phone (for example
        FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator).
      </p>
      <ol class="steps">
        <li>
          In the app, choose to add an account and scan this code:
          <KeyQrCode uri={uri} practice={practice} />
          <p>Or choose to enter a setup key, and enter this key (spaces do not matter), with "{practice}" as the name:</p>
          <p class="secret" id="totp-secret">
            {groups(secret)}
          </p>
          <p>
            On a phone with the app installed, you can <a href={uri}>open the key in your authenticator app</a> instead.
          </p>
        </li>
        <li>Enter the 6-digit code the app now shows, to prove it works.</li>
      </ol>
      <form method="post" action="/staff/two-factor" novalidate>
        <TextField name="code" label="6-digit code" inputmode="numeric" autocomplete="one-time-code" maxLength={7} spellcheck={false} error={errors.code} />
        <button type="submit" class="button">
          {changing ? 'Use this app from now on' : 'Finish setting up'}
        </button>
      </form>
      {changing ? (
        <p>
          Until you finish, your current app keeps working. Finish here, within {PENDING_SECRET_TTL_MS / 60_000} minutes, or start again from your account page.
          Other devices will be signed out when you do.
        </p>
      ) : null}
    </div>,
  );
}

export function setupPage(c: StaffContext) {
  const to = setupRedirect(c);
  return to ? c.redirect(to, 303) : setupPageWith(c, {});
}

export async function setupSubmit(c: StaffContext) {
  const to = setupRedirect(c);
  if (to) return c.redirect(to, 303);
  const user = currentUser(c);
  const fields = await readFormValues(c);
  if (!fields) return setupPageWith(c, UNREADABLE, 400);
  const parsed = CodeForm.safeParse({ code: one(fields.code) });
  if (!parsed.success) return setupPageWith(c, formErrors(parsed.error.issues), 422);
  const outcome = await confirmEnrolment(c.var.deps, user, parsed.data.code, currentSession(c).idHash, requestContext(c));
  if (outcome.kind === 'throttled') {
    setRetryAfter(c, outcome.retryAfterSeconds);
    return setupPageWith(c, { _form: throttledNotice(outcome.retryAfterSeconds) }, 429);
  }
  if (outcome.kind === 'refused') return setupPageWith(c, { code: 'That code does not match the key. Check the key in the app and try the next code.' }, 401);
  await startSession(c, user, true);
  // A new authenticator comes with a new set of recovery codes (the old set stops working), shown once.
  const codes = await issueRecoveryCodes(c.var.deps, user.id, requestContext(c));
  return recoveryCodesPage(c, codes, user.totpSecret ? '/staff/account?done=two-factor-changed' : '/staff?done=two-factor-ready');
}

// ---------------------------------------------------------------------------- signing out

export async function logout(c: StaffContext) {
  await signOut(c.var.deps, c.var.user, c.var.session?.idHash, requestContext(c));
  clearCookie(c);
  return c.redirect('/staff/login?done=signed-out', 303);
}
