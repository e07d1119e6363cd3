// The public page of a therapist as it reads now, inside the staff side: for the therapist's own profile and
// the admin's page for any therapist, listed or not. Booking links and free times are not live here.
import { previewProfile } from '../../usecases/staff/profile.ts';
import { ProfileBody } from '../pages/therapist-profile.tsx';
import { staffNotFound, staffPage } from './layout.tsx';
import type { StaffContext } from './session.ts';

export async function ProfilePreview(c: StaffContext, therapistId: string, back: string) {
  const found = await previewProfile(c.var.deps, therapistId);
  if (!found) return staffNotFound(c);
  const { therapist, services } = found;
  const timeZone = (await c.var.deps.repos.practice.get()).timeZone;
  return staffPage(
    c,
    { title: `Preview: ${therapist.name}` },
    <>
      <p>
        <a href={back}>Back to the profile</a>
      </p>
      <p class="notice notice--warn">
        A preview of the public page as it reads now{therapist.active ? '' : ': it is not in the directory yet, so nobody else can see it'}. Changes waiting for
        approval are not in it until they are approved.
      </p>
      <div class="profile-preview">
        <ProfileBody therapist={therapist} services={services} times={[]} timeZone={timeZone} preview />
      </div>
    </>,
  );
}
