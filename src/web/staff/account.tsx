// A member of staff's own account: password, second factor, and where they are signed in.
import { z } from 'zod';
import { liveSessions, signOutSessions } from '../../usecases/staff/account.ts';
import { changePassword, NewPassword } from '../../usecases/staff/password.ts';
import { recoveryCodesLeft, regenerateRecoveryCodes } from '../../usecases/staff/recovery-codes.ts';
import { PENDING_SECRET_TTL_MS, startSecondFactorChange } from '../../usecases/staff/second-factor.ts';
import { ErrorSummary, errorTitle, type FieldErrors, formErrors, TextField } from '../components/forms.tsx';
import { MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { Done, staffPage, staffWhen } from './layout.tsx';
import { recoveryCodesPage } from './recovery-codes.tsx';
import { clearCookie, currentSession, currentUser, requestContext, type StaffContext } from './session.ts';

const PasswordChangeForm = z
  .object({ current: z.string().min(1, 'Enter your current password'), password: NewPassword, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'Enter the same new password twice' });
const FactorChangeForm = z.object({
  current: z.string().min(1, 'Enter your password'),
  code: z
    .string()
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, 'Enter the 6-digit code from your current authenticator app'),
});

/** How long a started change of second factor stays usable, in words. */
const CHANGE_WINDOW = `${PENDING_SECRET_TTL_MS / 60_000} minutes`;

const DONE = {
  'password-changed': 'Your password has been changed. Any other device you were signed in on has been signed out.',
  'two-factor-changed': 'Your new authenticator app is set up. Any other device you were signed in on has been signed out.',
  'two-factor-expired': `The change of authenticator app was not finished within ${CHANGE_WINDOW}, so it has lapsed. Your current app still works; start again below if you want to change it.`,
  'signed-out-others': 'You have been signed out on every other device.',
  'recovery-code-used':
    'You signed in with a recovery code, which now no longer works. If you have lost your phone, set up your authenticator app again below: that also gives you a new set of codes.',
};

type Which = 'password' | 'factor' | 'codes';

/** "Firefox on Linux"-ish, from the user agent: enough to recognise a device, no more. */
function device(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'A browser';
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
}

async function accountPageWith(c: StaffContext, which: Which | undefined, errors: FieldErrors, status: 200 | 400 | 401 | 422 | 429 = 200) {
  const user = currentUser(c);
  const here = currentSession(c);
  const sessions = await liveSessions(c.var.deps, user.id);
  const tz = (await c.var.deps.repos.practice.get()).timeZone;
  const codesLeft = await recoveryCodesLeft(c.var.deps, user.id);
  /** A password or a 6-digit code in one of the three forms, with its error when that form was the one sent. */
  const Secret = (p: { form: Which; name: string; label: string; autocomplete: 'current-password' | 'new-password' | 'one-time-code' }) => (
    <TextField
      idPrefix={p.form}
      name={p.name}
      label={p.label}
      autocomplete={p.autocomplete}
      {...(p.autocomplete === 'one-time-code' ? { inputmode: 'numeric' as const, maxLength: 7 } : { type: 'password' as const })}
      error={which === p.form ? errors[p.name] : undefined}
    />
  );
  return staffPage(
    c,
    { title: errorTitle('Your account', errors), status },
    <>
      {which ? <ErrorSummary errors={errors} idPrefix={which} order={['current', 'password', 'confirm', 'code']} /> : null}
      <Done messages={DONE} value={c.req.query('done')} />
      <h1>Your account</h1>
      <dl class="facts">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>E-mail</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{user.role === 'admin' ? 'Practice admin' : 'Therapist'}</dd>
      </dl>

      <section aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <p>At least 12 characters. Changing it signs you out on every other device.</p>
        <form method="post" action="/staff/account/password" novalidate>
          <Secret form="password" name="current" label="Current password" autocomplete="current-password" />
          <Secret form="password" name="password" label="New password" autocomplete="new-password" />
          <Secret form="password" name="confirm" label="The same new password again" autocomplete="new-password" />
          <button type="submit" class="button">
            Change password
          </button>
        </form>
      </section>

      <section aria-labelledby="factor-title">
        <h2 id="factor-title">Your second factor</h2>
        <p>
          To move to a new phone or app, confirm it is you with your password and a code from the app you use now, then finish on this device within{' '}
          {CHANGE_WINDOW}. Finishing the change signs you out on every other device.
        </p>
        <form method="post" action="/staff/account/two-factor" novalidate>
          <Secret form="factor" name="current" label="Password" autocomplete="current-password" />
          <Secret form="factor" name="code" label="6-digit code from your current app" autocomplete="one-time-code" />
          <button type="submit" class="button">
            Change authenticator app
          </button>
        </form>
      </section>

      <section aria-labelledby="codes-title">
        <h2 id="codes-title">Recovery codes</h2>
        <p>
          {codesLeft === 0 ? 'You have no recovery codes left.' : `You have ${codesLeft} recovery code${codesLeft === 1 ? '' : 's'} left.`} Each signs you in
          once if you lose your phone. Making a new set replaces the old one.
        </p>
        <form method="post" action="/staff/account/recovery-codes" novalidate>
          <Secret form="codes" name="current" label="Password" autocomplete="current-password" />
          <Secret form="codes" name="code" label="6-digit code from your app" autocomplete="one-time-code" />
          <button type="submit" class="button button--secondary">
            Make new recovery codes
          </button>
        </form>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are signed in</h2>
        <table class="table">
          <caption class="visually-hidden">Your sessions</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last used</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>
                  {device(s.userAgent)}
                  {s.idHash === here.idHash ? <strong> (this device)</strong> : null}
                </td>
                <td>{staffWhen(s.createdAt, tz)}</td>
                <td>{staffWhen(s.lastSeenAt, tz)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="button-row">
          <form method="post" action="/staff/account/sessions/sign-out-others">
            <button type="submit" class="button button--secondary">
              Sign out everywhere else
            </button>
          </form>
          <form method="post" action="/staff/account/sessions/sign-out-all">
            <button type="submit" class="button button--danger">
              Sign out everywhere
            </button>
          </form>
        </div>
      </section>
    </>,
  );
}

export const accountPage = (c: StaffContext) => accountPageWith(c, undefined, {});

export async function passwordSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return accountPageWith(c, 'password', { _form: MALFORMED_FORM }, 400);
  const parsed = PasswordChangeForm.safeParse({ current: one(fields.current), password: one(fields.password), confirm: one(fields.confirm) });
  if (!parsed.success) return accountPageWith(c, 'password', formErrors(parsed.error.issues), 422);
  const outcome = await changePassword(c.var.deps, currentUser(c), parsed.data.current, parsed.data.password, currentSession(c).idHash, requestContext(c));
  if (outcome.kind === 'throttled') {
    c.header('Retry-After', String(outcome.retryAfterSeconds));
    return accountPageWith(c, 'password', { _form: 'There have been too many attempts. Wait a few minutes, then try again.' }, 429);
  }
  if (outcome.kind === 'refused') return accountPageWith(c, 'password', { current: 'Your current password is not right' }, 401);
  return c.redirect('/staff/account?done=password-changed', 303);
}

export async function factorSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return accountPageWith(c, 'factor', { _form: MALFORMED_FORM }, 400);
  const parsed = FactorChangeForm.safeParse({ current: one(fields.current), code: one(fields.code) });
  if (!parsed.success) return accountPageWith(c, 'factor', formErrors(parsed.error.issues), 422);
  const outcome = await startSecondFactorChange(c.var.deps, currentUser(c), parsed.data.current, parsed.data.code, currentSession(c).idHash, requestContext(c));
  if (outcome.kind === 'throttled') {
    c.header('Retry-After', String(outcome.retryAfterSeconds));
    return accountPageWith(c, 'factor', { _form: 'There have been too many attempts. Wait a few minutes, then try again.' }, 429);
  }
  if (outcome.kind === 'refused') {
    return accountPageWith(
      c,
      'factor',
      outcome.field === 'current' ? { current: 'Your password is not right' } : { code: 'That code is not right, or was already used' },
      401,
    );
  }
  return c.redirect('/staff/two-factor', 303);
}

export async function recoveryCodesSubmit(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return accountPageWith(c, 'codes', { _form: MALFORMED_FORM }, 400);
  const parsed = FactorChangeForm.safeParse({ current: one(fields.current), code: one(fields.code) });
  if (!parsed.success) return accountPageWith(c, 'codes', formErrors(parsed.error.issues), 422);
  const outcome = await regenerateRecoveryCodes(c.var.deps, currentUser(c), parsed.data.current, parsed.data.code, requestContext(c));
  if (outcome.kind === 'throttled') {
    c.header('Retry-After', String(outcome.retryAfterSeconds));
    return accountPageWith(c, 'codes', { _form: 'There have been too many attempts. Wait a few minutes, then try again.' }, 429);
  }
  if (outcome.kind === 'refused') {
    return accountPageWith(
      c,
      'codes',
      outcome.field === 'current' ? { current: 'Your password is not right' } : { code: 'That code is not right, or was already used' },
      401,
    );
  }
  return recoveryCodesPage(c, outcome.codes, '/staff/account');
}

async function signOut(c: StaffContext, everywhere: boolean) {
  const user = currentUser(c);
  await signOutSessions(c.var.deps, user.id, everywhere ? undefined : currentSession(c).idHash, c.var.requestId);
  if (!everywhere) return c.redirect('/staff/account?done=signed-out-others', 303);
  clearCookie(c);
  return c.redirect('/staff/login?done=signed-out-everywhere', 303);
}

export const signOutOthers = (c: StaffContext) => signOut(c, false);
export const signOutAll = (c: StaffContext) => signOut(c, true);
