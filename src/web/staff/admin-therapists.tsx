// Admin: the practice at a glance; therapists and their accounts (invite, deactivate, reset a lost second
// factor) and moving a therapist's upcoming bookings to someone who is free.
import { z } from 'zod';
import { GENDERS } from '../../domain/types.ts';
import { freeTherapistsFor, upcomingBookings } from '../../usecases/bookings/read.ts';
import { waitingCount } from '../../usecases/bookings/waitlist.ts';
import { photoOf } from '../../usecases/staff/pictures.ts';
import { adminCounts, inviteTherapist, resetSecondFactor, therapistAccounts, therapistForAdmin } from '../../usecases/staff/therapists.ts';
import { ErrorSummary, errorTitle, type FieldErrors, formErrors, RadioGroup, SelectField, TextField } from '../components/forms.tsx';
import { ScrollTable } from '../components/table.tsx';
import { FORMAT_LABELS, GENDER_NAMES } from '../format.ts';
import { MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { Done, staffNotFound, staffPage, staffWhen } from './layout.tsx';
import { handlePhotoRemove, handlePhotoUpload, PHOTO_DONE, PhotoSection } from './photo.tsx';
import { auditOf, isId } from './request.ts';
import type { StaffContext } from './session.ts';

export async function adminHome(c: StaffContext) {
  const [{ newMessages, pendingProfiles, undeliveredMail }, waiting] = await Promise.all([adminCounts(c.var.deps), waitingCount(c.var.deps)]);
  return staffPage(
    c,
    { title: 'Admin' },
    <>
      <h1>Running the practice</h1>
      <ul class="admin-links">
        <li>
          <a href="/staff/admin/therapists">Therapists and their accounts</a>
        </li>
        <li>
          <a href="/staff/admin/services">Services</a>
        </li>
        <li>
          <a href="/staff/admin/settings">Practice settings</a>
        </li>
        <li>
          <a href="/staff/admin/invoices">Invoices</a> and <a href="/staff/admin/billing">billing settings</a>
        </li>
        <li>
          <a href="/staff/admin/inbox">Inbox</a> ({newMessages} new)
        </li>
        <li>
          <a href="/staff/admin/waitlist">Waiting list</a> ({waiting} waiting)
        </li>
        <li>
          <a href="/staff/admin/profile-changes">Profile changes to approve</a> ({pendingProfiles})
        </li>
        <li>
          <a href="/staff/admin/mail">Undelivered e-mail</a> ({undeliveredMail} given up on or held)
        </li>
        <li>
          <a href="/staff/admin/audit">Audit log</a>
        </li>
        <li>
          <a href="/staff/admin/clients">Clients' data requests: export or erase</a>
        </li>
      </ul>
    </>,
  );
}

// ---------------------------------------------------------------------------- therapists

const InviteForm = z
  .object({
    therapistId: z.string().min(1, 'Choose the therapist, or a new one'),
    name: z.string().trim().max(200),
    email: z.email('Enter an e-mail address like name@example.com').max(254),
    gender: z.enum(GENDERS).optional(),
    pronouns: z.string().trim().max(40).optional(),
  })
  .refine((f) => f.therapistId !== 'new' || f.name.length > 0, { path: ['name'], message: 'Enter the new therapist’s name' })
  .refine((f) => f.therapistId !== 'new' || f.gender !== undefined, {
    path: ['gender'],
    message: 'Choose how the new therapist describes their gender (ask them first): the directory’s filter uses it',
  });

const LIST_DONE = { invited: 'The invitation is on its way: the link in it works once, for 7 days.' };

async function renderTherapists(c: StaffContext, form?: { values: Record<string, string>; errors: FieldErrors }, status: 200 | 400 | 422 = 200) {
  const rows = await therapistAccounts(c.var.deps);
  const errors = form?.errors ?? {};
  const v = form?.values ?? {};
  const withoutAccount = rows.filter((r) => !r.account);
  return staffPage(
    c,
    { title: errorTitle('Therapists', errors), status },
    <>
      <ErrorSummary errors={errors} order={['therapistId', 'email', 'name', 'gender']} />
      <Done messages={LIST_DONE} value={c.req.query('done')} />
      <h1>Therapists</h1>
      <ScrollTable id="therapists" caption="Every therapist, listed in the directory or not" headings={['Name', 'In the directory', 'Staff account']}>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={`/staff/admin/therapists/${r.therapistId}`}>{r.name}</a>
            </td>
            <td>{r.listed ? 'Listed' : 'Not listed'}</td>
            <td>
              {r.account
                ? `${r.account.email}${r.account.active ? '' : ' (deactivated)'}${r.account.passwordSet ? '' : ' (invited)'}${r.account.secondFactor ? '' : ' (no second factor yet)'}`
                : 'None'}
            </td>
          </tr>
        ))}
      </ScrollTable>
      <h2>Invite a therapist</h2>
      <p>
        They get an e-mail with a link to choose a password and set up their second factor. Someone new starts with an empty profile and no services: they (or
        you) fill it in, and they stay out of the directory until you list them, which needs a complete profile.
      </p>
      <form method="post" action="/staff/admin/therapists/invite" novalidate>
        <SelectField
          name="therapistId"
          label="Therapist"
          placeholder="Choose…"
          value={v.therapistId}
          error={errors.therapistId}
          options={[...withoutAccount.map((r) => ({ value: r.therapistId, label: r.name })), { value: 'new', label: 'Someone new (not in the list yet)' }]}
        />
        <TextField name="email" label="Their e-mail address" type="email" spellcheck={false} value={v.email} error={errors.email} />
        <TextField name="name" label="Their name" hint="Needed for someone new; otherwise the therapist’s name is used." value={v.name} error={errors.name} />
        <RadioGroup
          name="gender"
          label="For someone new: gender, for the directory’s filter"
          hint="Nothing is chosen for you: ask them how they describe themselves."
          value={v.gender}
          error={errors.gender}
          options={GENDERS.map((g) => ({ value: g, label: GENDER_NAMES[g] }))}
        />
        <TextField name="pronouns" label="For someone new: pronouns (optional)" value={v.pronouns} />
        <button type="submit" class="button">
          Send the invitation
        </button>
      </form>
    </>,
  );
}

export const therapistsPage = (c: StaffContext) => renderTherapists(c);

export async function inviteSubmit(c: StaffContext) {
  const raw = await readFormValues(c);
  if (!raw) return renderTherapists(c, { values: {}, errors: { _form: MALFORMED_FORM } }, 400);
  const values = Object.fromEntries(['therapistId', 'name', 'email', 'gender', 'pronouns'].map((k) => [k, one(raw[k])]));
  const parsed = InviteForm.safeParse({ ...values, gender: values.gender || undefined, pronouns: values.pronouns || undefined });
  if (!parsed.success) return renderTherapists(c, { values, errors: formErrors(parsed.error.issues) }, 422);
  const outcome = await inviteTherapist(c.var.deps, parsed.data, auditOf(c));
  if (!outcome.ok)
    return renderTherapists(c, { values, errors: { [outcome.error.code === 'STAFF_EMAIL_TAKEN' ? 'email' : 'therapistId']: outcome.error.detail } }, 422);
  return c.redirect('/staff/admin/therapists?done=invited', 303);
}

const ONE_DONE = {
  deactivated: 'Deactivated: out of the directory, signed out everywhere, calendar feed off. Their upcoming sessions are below to move.',
  activated: 'Listed and activated: in the directory and taking bookings, and the account works again.',
  'second-factor-reset': 'Their second factor is removed and they are signed out: they will set up a new one when they next sign in.',
  moved: 'The session is moved. The client and both therapists have been e-mailed.',
  'not-moved': 'That session could not be moved: the other therapist may no longer be free, or it was changed meanwhile.',
};

export async function therapistAdminPage(c: StaffContext, photoError?: { message: string; status: 400 | 422 }) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const deps = c.var.deps;
  const { db } = deps.database;
  const [t, pictured] = await Promise.all([therapistForAdmin(deps, id), photoOf(deps, id)]);
  if (!t) return staffNotFound(c);
  const tz = t.timeZone;
  const upcoming = await upcomingBookings(db, id, deps.clock.now());
  const options = await Promise.all(
    upcoming.slice(0, 50).map(async (b) => ({
      booking: b,
      free: await freeTherapistsFor(deps, { id: b.id, therapistId: id, serviceId: b.serviceId, start: b.start, format: b.format }),
    })),
  );
  return staffPage(
    c,
    { title: photoError ? `Error: ${t.name}` : t.name, status: photoError?.status ?? 200 },
    <>
      <ErrorSummary errors={photoError ? { photo: photoError.message } : {}} />
      <Done messages={{ ...ONE_DONE, ...PHOTO_DONE }} value={c.req.query('done')} />
      <p>
        <a href="/staff/admin/therapists">All therapists</a>
      </p>
      <h1>{t.name}</h1>
      <dl class="facts">
        <dt>Directory</dt>
        <dd>{t.listed ? <a href={`/therapists/${t.slug}`}>Listed</a> : 'Not listed'}</dd>
        <dt>Account</dt>
        <dd>{t.account ? `${t.account.email}${t.account.active ? '' : ' (deactivated)'}` : 'None yet'}</dd>
        <dt>Second factor</dt>
        <dd>{t.account?.secondFactor ? 'Set up' : 'Not set up'}</dd>
      </dl>
      <p>
        <a href={`/staff/admin/therapists/${id}/profile`}>Edit {t.name}’s profile</a> (services and fees, accreditations, experience, who they work with,
        languages) · <a href={`/staff/admin/therapists/${id}/preview`}>Preview the public page</a>
      </p>
      <div class="button-row">
        {t.listed || t.account?.active ? (
          <a class="button button--danger" href={`/staff/admin/therapists/${id}/deactivate`}>
            Deactivate…
          </a>
        ) : null}
        {!t.listed || (t.account && !t.account.active) ? (
          <a class="button" href={`/staff/admin/therapists/${id}/activate`}>
            List and activate…
          </a>
        ) : null}
        {t.account?.secondFactor ? (
          <form method="post" action={`/staff/admin/therapists/${id}/reset-second-factor`}>
            <button type="submit" class="button button--secondary">
              Reset their second factor (lost phone)
            </button>
          </form>
        ) : null}
      </div>
      <PhotoSection action={`/staff/admin/therapists/${id}/photo`} name={t.name} photo={pictured?.photo ?? null} error={photoError?.message} own={false} />
      <h2>Upcoming sessions</h2>
      {upcoming.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="reassign-list">
          {options.map(({ booking: b, free }) => (
            <li>
              <a href={`/staff/bookings/${b.id}`}>
                {staffWhen(b.start, tz)}: {b.reference}
              </a>{' '}
              <span class="muted">
                {b.serviceName}, {FORMAT_LABELS[b.format as 'online'] ?? b.format}
              </span>
              {free.length === 0 ? (
                <p class="muted">No other therapist is free at that time.</p>
              ) : (
                <p>
                  <a href={`/staff/admin/bookings/${b.id}/move`}>Move {b.reference} to another therapist</a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

export async function resetSecondFactorSubmit(c: StaffContext) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const outcome = await resetSecondFactor(c.var.deps, id, auditOf(c));
  if (!outcome.ok) return staffNotFound(c);
  return c.redirect(`/staff/admin/therapists/${id}?done=second-factor-reset`, 303);
}

/** An admin uploads a photo for a therapist. */
export async function therapistPhotoSubmit(c: StaffContext) {
  const id = c.req.param('id');
  if (!isId(id)) return staffNotFound(c);
  const result = await handlePhotoUpload(c, id);
  if (!result.ok) return result.status === 404 ? staffNotFound(c) : therapistAdminPage(c, { message: result.message, status: result.status });
  return c.redirect(`/staff/admin/therapists/${id}?done=photo-saved`, 303);
}

export async function therapistPhotoRemove(c: StaffContext) {
  const id = c.req.param('id');
  if (!isId(id) || !(await handlePhotoRemove(c, id))) return staffNotFound(c);
  return c.redirect(`/staff/admin/therapists/${id}?done=photo-removed`, 303);
}
