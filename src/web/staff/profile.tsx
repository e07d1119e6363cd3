// A therapist's public profile: bio, approach, concerns, languages, formats and fee. With approval on, a
// change waits for an admin.
import { z } from 'zod';
import { CONCERN_IDS, CONCERNS, type ConcernId, FORMATS, type Format, LANGUAGE_NAMES } from '../../domain/types.ts';
import { photoOf } from '../../usecases/staff/pictures.ts';
import { loadProfile, type ProfileFields, submitProfile } from '../../usecases/staff/profile.ts';
import { CheckboxGroup, ErrorSummary, errorTitle, type FieldErrors, formErrors, TextArea, TextField } from '../components/forms.tsx';
import { FORMAT_LABELS, formatMoney } from '../format.ts';
import { all, MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { Done, staffNotFound, staffPage, staffWhen } from './layout.tsx';
import { handlePhotoRemove, handlePhotoUpload, PHOTO_DONE, PhotoSection } from './photo.tsx';
import { auditOf } from './request.ts';
import { currentTherapistId, type StaffContext } from './session.ts';

export const ProfileForm = z.object({
  bio: z.string().trim().min(20, 'Write at least a sentence or two about yourself').max(4000, 'Keep your bio under 4,000 characters'),
  approach: z.string().trim().min(10, 'Say a little about how you work').max(4000, 'Keep this under 4,000 characters'),
  concerns: z.array(z.enum(CONCERN_IDS)).min(1, 'Choose at least one concern you work with').max(CONCERNS.length),
  languages: z
    .array(z.string().refine((l) => Object.hasOwn(LANGUAGE_NAMES, l), 'Choose languages from the list'))
    .min(1, 'Choose at least one language')
    .max(Object.keys(LANGUAGE_NAMES).length),
  formats: z.array(z.enum(FORMATS)).min(1, 'Choose online, in person, or both'),
  fee: z
    .string()
    .trim()
    .regex(/^\d{1,5}(\.\d{2})?$/, 'Enter the fee in pounds, like 75 or 72.50')
    .transform((v) => Math.round(Number(v) * 100)),
});

const ORDER = ['photo', 'bio', 'approach', 'concerns', 'languages', 'formats', 'fee'];
const DONE = {
  ...PHOTO_DONE,
  saved: 'Your profile is updated. The public directory shows it now.',
  submitted: 'Thank you: your changes are waiting for the practice admin to approve them. Your profile shows the earlier version until then.',
};

const feeText = (minor: number) => (minor / 100).toFixed(minor % 100 === 0 ? 0 : 2);

async function renderProfile(c: StaffContext, form?: { values?: Record<string, string | string[]>; errors: FieldErrors }, status: 200 | 400 | 422 = 200) {
  const therapistId = currentTherapistId(c);
  const [profile, pictured] = await Promise.all([loadProfile(c.var.deps, therapistId), photoOf(c.var.deps, therapistId)]);
  if (!profile) return staffNotFound(c);
  const tz = (await c.var.deps.repos.practice.get()).timeZone;
  const errors = form?.errors ?? {};
  const base: ProfileFields = profile.pending?.fields ?? profile;
  const v = form?.values;
  const text = (name: string, fallback: string) => (v ? one(v[name]) : fallback);
  const list = (name: string, fallback: string[]) => (v ? all(v[name]) : fallback);
  return staffPage(
    c,
    { title: errorTitle('Your profile', errors), status },
    <>
      <ErrorSummary errors={errors} order={ORDER} />
      <Done messages={DONE} value={c.req.query('done')} />
      <h1>Your profile</h1>
      <p>
        What clients see in the directory and on <a href={`/therapists/${profile.slug}`}>your public page</a>, {profile.name}.
      </p>
      {profile.pending ? (
        <p class="notice notice--warn">
          Changes you sent on {staffWhen(profile.pending.createdAt, tz)} are waiting for approval; the form shows them. Sending the form again replaces them.
        </p>
      ) : null}
      <PhotoSection action="/staff/profile/photo" name={profile.name} photo={pictured?.photo ?? null} error={errors.photo} own />
      <h2>What the directory says</h2>
      <form method="post" action="/staff/profile" novalidate>
        <TextArea
          name="bio"
          label="About you"
          hint="A few sentences in your own words."
          rows={6}
          maxLength={4000}
          value={text('bio', base.bio)}
          error={errors.bio}
        />
        <TextArea name="approach" label="How you work" rows={4} maxLength={4000} value={text('approach', base.approach)} error={errors.approach} />
        <CheckboxGroup
          name="concerns"
          label="Concerns you work with"
          value={list('concerns', base.concerns)}
          error={errors.concerns}
          options={CONCERNS.map((x) => ({ value: x.id, label: x.name }))}
        />
        <CheckboxGroup
          name="languages"
          label="Languages you see clients in"
          class="choices--columns"
          value={list('languages', base.languages)}
          error={errors.languages}
          options={Object.entries(LANGUAGE_NAMES)
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([code, name]) => ({ value: code, label: name }))}
        />
        <CheckboxGroup
          name="formats"
          label="How you see clients"
          value={list('formats', base.formats)}
          error={errors.formats}
          options={FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
        />
        <TextField
          name="fee"
          label="Fee for a 50-minute session, in pounds"
          hint={`Now ${formatMoney(profile.feeMinor, profile.currency)}. The free consultation stays free.`}
          inputmode="numeric"
          value={text('fee', feeText(base.feeMinor))}
          error={errors.fee}
        />
        <button type="submit" class="button">
          Save profile
        </button>
      </form>
    </>,
  );
}

export const profilePage = (c: StaffContext) => renderProfile(c);

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
  const values = await readFormValues(c);
  if (!values) return renderProfile(c, { errors: { _form: MALFORMED_FORM } }, 400);
  const parsed = ProfileForm.safeParse({
    bio: one(values.bio),
    approach: one(values.approach),
    concerns: all(values.concerns),
    languages: all(values.languages),
    formats: all(values.formats),
    fee: one(values.fee),
  });
  if (!parsed.success) return renderProfile(c, { values, errors: formErrors(parsed.error.issues) }, 422);
  const f = parsed.data;
  const outcome = await submitProfile(
    c.var.deps,
    currentTherapistId(c),
    {
      bio: f.bio,
      approach: f.approach,
      concerns: [...new Set(f.concerns)] as ConcernId[],
      languages: [...new Set(f.languages)],
      formats: [...new Set(f.formats)] as Format[],
      feeMinor: f.fee,
    },
    auditOf(c),
  );
  return c.redirect(`/staff/profile?done=${outcome === 'applied' ? 'saved' : 'submitted'}`, 303);
}
