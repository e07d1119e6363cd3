// A therapist's photo on the staff side: the form (on the therapist's own profile page and on the admin's
// page for that therapist) and the handlers. Whose photo is decided by the route: the therapist's own id
// from their session, or the id in an admin-only path; never by a field in the form.
import type { PhotoRef } from '../../domain/images.ts';
import { removeTherapistPhoto, setTherapistPhoto } from '../../usecases/staff/pictures.ts';
import { TherapistPicture } from '../components/picture.tsx';
import { readUpload } from '../read-form.ts';
import { auditOf } from './request.ts';
import type { StaffContext } from './session.ts';
import { UploadForms } from './upload-form.tsx';

export const PHOTO_DONE = {
  'photo-saved': 'The new photo is up. The directory and the public page show it now.',
  'photo-removed': 'The photo is taken down. The directory shows initials instead.',
};

export function PhotoSection({
  action,
  name,
  photo,
  error,
  own,
}: {
  action: string;
  name: string;
  photo: PhotoRef | null;
  error?: string | undefined;
  own: boolean;
}) {
  return (
    <section class="photo-section" aria-labelledby="photo-title">
      <h2 id="photo-title">Photo</h2>
      <div class="photo-section__body">
        <TherapistPicture name={name} photo={photo} size="staff" eager />
        <div>
          <p>
            {photo?.abstract
              ? 'The directory shows an abstract pattern until a photo is uploaded.'
              : photo
                ? 'This is the photo the directory shows.'
                : 'No photo yet: the directory shows initials.'}{' '}
            {own ? 'A clear, friendly photo of your face helps people feel they know who they will meet.' : null}
          </p>
          <UploadForms
            action={action}
            name="photo"
            label={photo ? 'Upload a new photo' : 'Upload a photo'}
            hint="A JPEG, PNG or WebP image up to 5 MB, at least 200 pixels each way. It is cropped square, and the camera, time and location details inside the file are removed."
            accept="image/jpeg,image/png,image/webp"
            error={error}
            submit="Upload photo"
            remove={photo && !photo.abstract ? 'Remove photo' : undefined}
          />
        </div>
      </div>
    </section>
  );
}

/**
 * Reads the upload and stores it for this therapist. Answers the page to show again with the message
 * beside the field (400: unreadable body, 422: a file we cannot use), or the URL to go to when done.
 */
export async function handlePhotoUpload(c: StaffContext, therapistId: string): Promise<{ ok: true } | { ok: false; status: 400 | 422 | 404; message: string }> {
  const upload = await readUpload(c, 'photo');
  if (!upload) return { ok: false, status: 400, message: 'We could not read what was sent. Please choose the photo again.' };
  const outcome = await setTherapistPhoto(c.var.deps, therapistId, upload.bytes, auditOf(c));
  if (outcome.ok) return { ok: true };
  return { ok: false, status: outcome.error.code === 'THERAPIST_NOT_FOUND' ? 404 : 422, message: outcome.error.detail };
}

export async function handlePhotoRemove(c: StaffContext, therapistId: string): Promise<boolean> {
  return (await removeTherapistPhoto(c.var.deps, therapistId, auditOf(c))).ok;
}
