// A therapist's own profile: the editor (services and fees, about, accreditations, experience, who they
// work with, languages), the photo, the publish checklist and a preview of the public page. With approval
// on, a change waits for an admin.
import { photoOf } from '../../usecases/staff/pictures.ts';
import { loadProfile, submitProfile } from '../../usecases/staff/profile.ts';
import { ErrorSummary, errorTitle, type FieldErrors } from '../components/forms.tsx';
import { MALFORMED_FORM, readFormValues } from '../read-form.ts';
import { Done, staffNotFound, staffPage, staffWhen } from './layout.tsx';
import { handlePhotoRemove, handlePhotoUpload, PHOTO_DONE, PhotoSection } from './photo.tsx';
import { Checklist, fieldOrder, ProfileEditor, readProfileForm } from './profile-editor.tsx';
import { ProfilePreview } from './profile-preview.tsx';
import { auditOf } from './request.ts';
import { currentTherapistId, type StaffContext } from './session.ts';

const DONE = {
  ...PHOTO_DONE,
  saved: 'Your profile is updated. The public directory shows it now.',
  'saved-unlisted': 'Your profile is saved. It is not in the directory yet: the practice admin lists it once the checklist is complete.',
  submitted: 'Thank you: your changes are waiting for the practice admin to approve them. Your profile shows the earlier version until then.',
};

async function renderProfile(c: StaffContext, form?: { values?: Record<string, string | string[]>; errors: FieldErrors }, status: 200 | 400 | 422 = 200) {
  const therapistId = currentTherapistId(c);
  const profile = await loadProfile(c.var.deps, therapistId);
  if (!profile) return staffNotFound(c);
  const photo = await photoOf(c.var.deps, therapistId);
  const tz = (await c.var.deps.repos.practice.get()).timeZone;
  const errors = form?.errors ?? {};
  return staffPage(
    c,
    { title: errorTitle('Your profile', errors), status },
    <>
      <ErrorSummary errors={errors} order={fieldOrder(profile.offerable)} />
      <Done messages={DONE} value={c.req.query('done')} />
      <h1>Your profile</h1>
      <p>
        What clients see in the directory and on your public page, {profile.name}.{' '}
        {profile.listed ? <a href={`/therapists/${profile.slug}`}>Your public page</a> : 'You are not listed in the directory yet.'} ·{' '}
        <a href="/staff/profile/preview">Preview your public page</a>
      </p>
      {profile.pending ? (
        <p class="notice notice--warn">
          Changes you sent on {staffWhen(profile.pending.createdAt, tz)} are waiting for approval; the form shows them. Sending the form again replaces them.
        </p>
      ) : null}
      <Checklist items={profile.checklist} title={profile.listed ? 'Your listed profile' : 'Before your profile is listed'} />
      <PhotoSection action="/staff/profile/photo" name={profile.name} photo={photo?.photo ?? null} error={errors.photo} own />
      <ProfileEditor
        action="/staff/profile"
        profile={profile}
        values={form?.values}
        errors={errors}
        own
        roomsConfigured={c.var.deps.config.VIDEO_URL_TEMPLATE !== undefined}
      />
    </>,
  );
}

export const profilePage = (c: StaffContext) => renderProfile(c);

/** The therapist's own public page as it reads now, listed or not. */
export async function profilePreviewPage(c: StaffContext) {
  return ProfilePreview(c, currentTherapistId(c), '/staff/profile');
}

/** The therapist's own photo: the id comes from their session, never from the form. */
export async function profilePhotoSubmit(c: StaffContext) {
  const result = await handlePhotoUpload(c, currentTherapistId(c));
  if (!result.ok) return renderProfile(c, { errors: { photo: result.message } }, result.status === 404 ? 422 : result.status);
  return c.redirect('/staff/profile?done=photo-saved', 303);
}

export async function profilePhotoRemove(c: StaffContext) {
  await handlePhotoRemove(c, currentTherapistId(c));
  return c.redirect('/staff/profile?done=photo-removed', 303);
}

export async function profileSubmit(c: StaffContext) {
  const therapistId = currentTherapistId(c);
  const values = await readFormValues(c);
  if (!values) return renderProfile(c, { errors: { _form: MALFORMED_FORM } }, 400);
  const profile = await loadProfile(c.var.deps, therapistId);
  if (!profile) return staffNotFound(c);
  const read = readProfileForm(values, profile.offerable);
  if (!read.ok) return renderProfile(c, { values, errors: read.errors }, 422);
  const outcome = await submitProfile(c.var.deps, therapistId, read.input, { ...auditOf(c), by: 'therapist' });
  if (!outcome.ok) return renderProfile(c, { values, errors: { _form: outcome.error.detail } }, 422);
  const done = outcome.value === 'pending' ? 'submitted' : profile.listed ? 'saved' : 'saved-unlisted';
  return c.redirect(`/staff/profile?done=${done}`, 303);
}
