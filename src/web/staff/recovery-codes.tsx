// Recovery codes on the staff side: the page that shows a new set once (after enrolling an authenticator,
// or on request from the account page), and signing in with a code in place of the app's.
import { z } from 'zod';
import { checkRecoveryCode } from '../../usecases/staff/recovery-codes.ts';
import { type FieldErrors, formErrors } from '../components/forms.tsx';
import { one, readFormValues } from '../read-form.ts';
import { staffPage } from './layout.tsx';
import { currentSession, currentUser, requestContext, type StaffContext, startSession } from './session.ts';

export const RecoveryForm = z.object({
  recovery: z
    .string()
    .trim()
    .regex(/^[A-Za-z2-7\s-]{16,24}$/, 'Enter one of your recovery codes, like ABCD-EFGH-JKLM-NPQR'),
});

/** The set, shown once: its owner prints it or keeps it in a password manager, then continues. */
export function recoveryCodesPage(c: StaffContext, codes: readonly string[], continueTo: string) {
  return staffPage(
    c,
    { title: 'Save your recovery codes' },
    <div class="narrow">
      <h1>Save your recovery codes</h1>
      <p>
        If you lose your phone, each of these codes signs you in once in place of a code from the app. Keep them somewhere safe that is not your phone: a
        password manager, or printed and locked away. This is the only time they are shown; any earlier codes no longer work.
      </p>
      <ol class="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href={continueTo}>
          I have saved them: continue
        </a>
      </p>
    </div>,
  );
}

/** The second sign-in step with a recovery code; the code page draws the form (its errors come back there). */
export async function recoverySubmit(
  c: StaffContext,
  codePageWith: (c: StaffContext, errors: FieldErrors, status: 400 | 401 | 422 | 429) => Promise<Response>,
) {
  const user = currentUser(c);
  if (currentSession(c).secondFactorDone) return c.redirect('/staff', 303);
  if (!user.totpSecret) return c.redirect('/staff/two-factor', 303);
  const fields = await readFormValues(c);
  if (!fields) return codePageWith(c, { _form: 'We could not read what was sent. Please try again.' }, 400);
  const parsed = RecoveryForm.safeParse({ recovery: one(fields.recovery) });
  if (!parsed.success) return codePageWith(c, formErrors(parsed.error.issues), 422);
  const outcome = await checkRecoveryCode(c.var.deps, user, parsed.data.recovery, requestContext(c));
  if (outcome.kind === 'throttled') {
    c.header('Retry-After', String(outcome.retryAfterSeconds));
    return codePageWith(c, { _form: 'There have been too many attempts. Wait a few minutes, then try again.' }, 429);
  }
  if (outcome.kind === 'refused') return codePageWith(c, { recovery: 'That recovery code is not right, or was already used' }, 401);
  await startSession(c, user, true);
  return c.redirect('/staff/account?done=recovery-code-used', 303);
}
