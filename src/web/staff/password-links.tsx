// Password resets and invitations: asking for a link, and choosing a password from one. Every refusal reads
// the same whether or not the account exists.
import { z } from 'zod';
import { NewPassword, requestPasswordReset, setPasswordWithToken, tokenIsLive } from '../../usecases/staff/password.ts';
import { ErrorSummary, errorTitle, type FieldErrors, formErrors, TextField } from '../components/forms.tsx';
import { one, readFormValues } from '../read-form.ts';
import { staffPage } from './layout.tsx';
import { endSession, requestContext, type StaffContext, startSession } from './session.ts';
import { setRetryAfter, throttledNotice, UNREADABLE } from './sign-in.tsx';

const ResetRequestForm = z.object({ email: z.email('Enter an e-mail address like name@example.com').max(254) });
const NewPasswordForm = z
  .object({ password: NewPassword, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'Enter the same password twice' });

// ---------------------------------------------------------------------------- password reset

const RESET_SENT =
  'If that address belongs to a staff account, we have sent it a link to choose a new password. The link works once, for 30 minutes. Check your spam folder if nothing arrives.';

async function resetRequestPageWith(c: StaffContext, state: { email: string; errors: FieldErrors; sent?: boolean }, status: 200 | 400 | 422 | 429 = 200) {
  return staffPage(
    c,
    { title: errorTitle('Reset your password', state.errors), status },
    <div class="narrow">
      <ErrorSummary errors={state.errors} order={['email']} />
      <h1>Reset your password</h1>
      {state.sent ? (
        <p class="notice notice--ok" role="status">
          {RESET_SENT}
        </p>
      ) : null}
      <p>Enter the e-mail address of your staff account. We will send it a link to choose a new password.</p>
      <form method="post" action="/staff/password-reset" novalidate>
        <TextField name="email" label="E-mail address" type="email" autocomplete="username" spellcheck={false} value={state.email} error={state.errors.email} />
        <button type="submit" class="button">
          Send the link
        </button>
      </form>
      <p>
        <a class="back-link" href="/staff/login">
          Back to sign-in
        </a>
      </p>
    </div>,
  );
}

export const resetRequestPage = (c: StaffContext) => resetRequestPageWith(c, { email: '', errors: {} });

export async function resetRequestSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return resetRequestPageWith(c, { email: '', errors: UNREADABLE }, 400);
  const email = one(fields.email).trim();
  const parsed = ResetRequestForm.safeParse({ email });
  if (!parsed.success) return resetRequestPageWith(c, { email: email.slice(0, 254), errors: formErrors(parsed.error.issues) }, 422);
  const outcome = await requestPasswordReset(c.var.deps, parsed.data.email, requestContext(c));
  if (outcome.kind === 'throttled') {
    setRetryAfter(c, outcome.retryAfterSeconds);
    return resetRequestPageWith(c, { email, errors: { _form: throttledNotice(outcome.retryAfterSeconds) } }, 429);
  }
  return resetRequestPageWith(c, { email: '', errors: {}, sent: true });
}

// ---------------------------------------------------------------------------- choosing a password from a link

type Purpose = 'reset' | 'invite';
const LINK_PATH: Record<Purpose, string> = { reset: '/staff/password-reset', invite: '/staff/invitation' };

async function choosePasswordPage(c: StaffContext, purpose: Purpose, errors: FieldErrors, status: 200 | 400 | 404 | 422 = 200) {
  const token = c.req.param('token') ?? '';
  const live = status !== 404;
  const title = purpose === 'reset' ? 'Choose a new password' : 'Set up your staff account';
  return staffPage(
    c,
    { title: live ? errorTitle(title, errors) : 'This link no longer works', status },
    <div class="narrow">
      {live ? (
        <>
          <ErrorSummary errors={errors} order={['password', 'confirm']} />
          <h1>{title}</h1>
          <p>
            At least 12 characters. A few unrelated words make a password that is long, strong and easy to type; a password manager is even better (pasting is
            fine).
          </p>
          <form method="post" action={`${LINK_PATH[purpose]}/${token}`} novalidate>
            <TextField name="password" label="New password" type="password" autocomplete="new-password" error={errors.password} />
            <TextField name="confirm" label="The same password again" type="password" autocomplete="new-password" error={errors.confirm} />
            <button type="submit" class="button">
              {purpose === 'reset' ? 'Change my password' : 'Continue'}
            </button>
          </form>
        </>
      ) : (
        <>
          <h1>This link no longer works</h1>
          <p>
            Links to choose a password work once, for a short time.{' '}
            {purpose === 'reset' ? <a href="/staff/password-reset">Ask for a new link</a> : 'Ask the practice admin to invite you again'}.
          </p>
        </>
      )}
    </div>,
  );
}

export async function tokenPage(c: StaffContext, purpose: Purpose) {
  const live = await tokenIsLive(c.var.deps, c.req.param('token') ?? '', purpose);
  return choosePasswordPage(c, purpose, {}, live ? 200 : 404);
}

export async function tokenSubmit(c: StaffContext, purpose: Purpose) {
  const token = c.req.param('token') ?? '';
  if (!(await tokenIsLive(c.var.deps, token, purpose))) return choosePasswordPage(c, purpose, {}, 404);
  const fields = await readFormValues(c);
  if (!fields) return choosePasswordPage(c, purpose, UNREADABLE, 400);
  const parsed = NewPasswordForm.safeParse({ password: one(fields.password), confirm: one(fields.confirm) });
  if (!parsed.success) return choosePasswordPage(c, purpose, formErrors(parsed.error.issues), 422);
  const user = await setPasswordWithToken(c.var.deps, token, purpose, parsed.data.password, requestContext(c));
  if (!user) return choosePasswordPage(c, purpose, {}, 404);
  if (purpose === 'reset') {
    await endSession(c);
    return c.redirect('/staff/login?done=password-reset', 303);
  }
  // A new member of staff goes straight on to their second factor.
  await startSession(c, user, false);
  return c.redirect(user.totpSecret ? '/staff/login/code' : '/staff/two-factor', 303);
}
