// Admin: any therapist's profile (the same editor as the therapist's own, applied at once), its preview,
// and listing or deactivating them, each behind a page that says what it will do and asks to confirm
// (a plain form: no JavaScript needed). Listing is refused, with the checklist, while the profile is
// incomplete.
import { loadProfile, submitProfile } from '../../usecases/staff/profile.ts';
import { listingReview, setTherapistActive } from '../../usecases/staff/therapists.ts';
import { ErrorSummary, errorTitle, type FieldErrors } from '../components/forms.tsx';
import { MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { Done, staffNotFound, staffPage, unreadableFormPage } from './layout.tsx';
import { Checklist, fieldOrder, ProfileEditor, readProfileForm } from './profile-editor.tsx';
import { ProfilePreview } from './profile-preview.tsx';
import { auditOf, isId } from './request.ts';
import type { StaffContext } from './session.ts';

const base = (id: string) => `/staff/admin/therapists/${id}`;

async function renderEditor(
  c: StaffContext,
  id: string,
  form?: { values?: Record<string, string | string[]>; errors: FieldErrors },
  status: 200 | 400 | 422 = 200,
) {
  const profile = await loadProfile(c.var.deps, id);
  if (!profile) return staffNotFound(c);
  const errors = form?.errors ?? {};
  return staffPage(
    c,
    { title: errorTitle(`Profile of ${profile.name}`, errors), status },
    <>
      <ErrorSummary errors={errors} order={fieldOrder(profile.offerable)} />
      <Done messages={{ saved: 'The profile is saved.' }} value={c.req.query('done')} />
      <p>
        <a href={base(id)}>{profile.name}: account and sessions</a> · <a href={`${base(id)}/preview`}>Preview the public page</a>
      </p>
      <h1>Profile of {profile.name}</h1>
      {profile.pending ? (
        <p class="notice notice--warn">
          {profile.name} has changes waiting for approval (<a href="/staff/admin/profile-changes">profile changes</a>); the form shows them. Saving here applies
          what the form says and leaves their change waiting.
        </p>
      ) : null}
      <Checklist items={profile.checklist} title={profile.listed ? 'Listed profile' : 'Before the profile is listed'} />
      {profile.listed ? null : (
        <p>
          <a href={`${base(id)}/activate`}>List and activate…</a> (you will see what it does and confirm)
        </p>
      )}
      <ProfileEditor
        action={`${base(id)}/profile`}
        profile={profile}
        values={form?.values}
        errors={errors}
        own={false}
        roomsConfigured={c.var.deps.config.VIDEO_URL_TEMPLATE !== undefined}
      />
    </>,
  );
}

export async function adminProfilePage(c: StaffContext) {
  const id = c.req.param('id');
  return isId(id) ? renderEditor(c, id) : staffNotFound(c);
}

export async function adminProfileSubmit(c: StaffContext) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const values = await readFormValues(c);
  if (!values) return renderEditor(c, id, { errors: { _form: MALFORMED_FORM } }, 400);
  const profile = await loadProfile(c.var.deps, id);
  if (!profile) return staffNotFound(c);
  const read = readProfileForm(values, profile.offerable);
  if (!read.ok) return renderEditor(c, id, { values, errors: read.errors }, 422);
  const outcome = await submitProfile(c.var.deps, id, read.input, { ...auditOf(c), by: 'admin' });
  if (!outcome.ok) return renderEditor(c, id, { values, errors: { _form: outcome.error.detail } }, 422);
  return c.redirect(`${base(id)}/profile?done=saved`, 303);
}

export async function adminPreviewPage(c: StaffContext) {
  const id = c.req.param('id');
  return isId(id) ? ProfilePreview(c, id, `${base(id)}/profile`) : staffNotFound(c);
}

const sessions = (n: number) => (n === 1 ? '1 upcoming session stays' : `${n} upcoming sessions stay`);

/** The page that says what listing or deactivating does, and asks to confirm (422 with the checklist when listing is refused). */
async function renderConfirm(c: StaffContext, id: string, action: 'activate' | 'deactivate', refused?: string) {
  const review = await listingReview(c.var.deps, id);
  if (!review) return staffNotFound(c);
  const { therapist: t, checklist, missing, upcoming } = review;
  const listing = action === 'activate';
  const blocked = listing && missing.length > 0;
  return staffPage(
    c,
    { title: refused || blocked ? `Error: List ${t.name}` : listing ? `List ${t.name}` : `Deactivate ${t.name}`, status: refused || blocked ? 422 : 200 },
    <>
      <ErrorSummary
        errors={
          blocked
            ? { _form: `${t.name}’s profile is not complete yet: ${missing.map((m) => m.label.toLowerCase()).join('; ')}.` }
            : refused
              ? { _form: refused }
              : {}
        }
      />
      <p>
        <a href={base(id)}>Back to {t.name}</a>
      </p>
      <h1>{listing ? `List and activate ${t.name}?` : `Deactivate ${t.name}?`}</h1>
      {listing ? (
        <>
          <Checklist items={checklist} />
          {blocked ? (
            <p>
              <a href={`${base(id)}/profile`}>Complete {t.name}’s profile</a>, then come back to list them.
            </p>
          ) : (
            <>
              <ul>
                <li>{t.name} will appear in the directory, in matching and on the services’ booking pages, and clients can book them straight away.</li>
                {!t.account ? <li>They have no staff account yet: invite them so they can sign in.</li> : null}
                {t.account && !t.account.active ? <li>Their staff account ({t.account.email}) works again.</li> : null}
              </ul>
              <p>
                <a href={`${base(id)}/preview`}>Preview the public page</a> first if you like.
              </p>
              <form method="post" action={`${base(id)}/activate`}>
                <input type="hidden" name="confirm" value="yes" />
                <button type="submit" class="button">
                  Yes, list and activate {t.name}
                </button>
              </form>
            </>
          )}
        </>
      ) : (
        <>
          <ul>
            <li>{t.name} leaves the directory and matching straight away: nobody can book them.</li>
            {t.account ? <li>Their staff account stops working: they are signed out everywhere, and their calendar feed stops.</li> : null}
            <li>
              {upcoming === 0
                ? 'They have no upcoming sessions.'
                : `Their ${sessions(upcoming)} booked: nothing is cancelled and no client is e-mailed. Move each one to another therapist on ${t.name}’s page, or cancel it from the booking.`}
            </li>
          </ul>
          <form method="post" action={`${base(id)}/deactivate`}>
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" class="button button--danger">
              Yes, deactivate {t.name}
            </button>
          </form>
        </>
      )}
      <p>
        <a href={base(id)}>No, go back</a>
      </p>
    </>,
  );
}

export function listingConfirmPage(c: StaffContext, action: 'activate' | 'deactivate') {
  const id = c.req.param('id');
  return isId(id) ? renderConfirm(c, id, action) : staffNotFound(c);
}

/** Lists or deactivates, once confirmed; without the confirmation, the page that asks for it. */
export async function listingSubmit(c: StaffContext, action: 'activate' | 'deactivate') {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const values = await readFormValues(c);
  if (!values) return unreadableFormPage(c, base(id));
  if (one(values.confirm) !== 'yes') return renderConfirm(c, id, action);
  const outcome = await setTherapistActive(c.var.deps, id, action === 'activate', auditOf(c));
  if (!outcome.ok) return outcome.error.code === 'PROFILE_INCOMPLETE' ? renderConfirm(c, id, action, outcome.error.detail) : staffNotFound(c);
  return c.redirect(`${base(id)}?done=${action === 'activate' ? 'activated' : 'deactivated'}`, 303);
}
