// Pictures on the staff side: a therapist's photo (by the therapist, or an admin) and the practice's logo
// (an admin). The file is judged by its bytes (domain/images.ts), processed by sharp (media/images.ts:
// metadata stripped, resized, re-encoded), stored with the record change and the audit line in one
// transaction, and the old files go.
import { imageRepository } from '../../db/repositories/images.ts';
import { practiceRepository } from '../../db/repositories/practice.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { therapistRepository } from '../../db/repositories/therapists.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { checkLogoUpload, checkPhotoUpload, type LogoRef, type PhotoRef } from '../../domain/images.ts';
import { processLogo, processPhoto } from '../../media/images.ts';
import type { AuditContext, StaffDeps } from './context.ts';

const photoOwner = (therapistId: string) => `therapist:${therapistId}`;
const LOGO_OWNER = 'practice:logo';

/** A therapist's photo, or undefined for no such therapist. */
export async function photoOf(deps: StaffDeps, therapistId: string) {
  return therapistRepository(deps.database.db).photoOf(therapistId);
}

/** Replaces the therapist's photo with an uploaded one. Access is the caller's (route rule + whose id). */
export async function setTherapistPhoto(deps: StaffDeps, therapistId: string, bytes: Uint8Array, audit: AuditContext): Promise<Outcome<PhotoRef>> {
  const checked = checkPhotoUpload(bytes);
  if (!checked.ok) return fail('IMAGE_REJECTED', checked.message);
  if (!(await photoOf(deps, therapistId))) return fail('THERAPIST_NOT_FOUND', 'No such therapist');
  const processed = await processPhoto(bytes, photoOwner(therapistId));
  if (!processed.ok) return fail('IMAGE_REJECTED', processed.message);
  await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await imageRepository(trx).replace(photoOwner(therapistId), processed.files, now);
    await therapistRepository(trx).setPhoto(therapistId, processed.ref, now);
    await writeAudit(trx, now, { actor: audit.actor, action: 'photo.update', target: `therapist:${therapistId}`, requestId: audit.requestId });
  });
  return ok(processed.ref);
}

/** Takes the therapist's photo down (the directory then shows their initials). */
export async function removeTherapistPhoto(deps: StaffDeps, therapistId: string, audit: AuditContext): Promise<Outcome<true>> {
  if (!(await photoOf(deps, therapistId))) return fail('THERAPIST_NOT_FOUND', 'No such therapist');
  await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await imageRepository(trx).remove(photoOwner(therapistId));
    await therapistRepository(trx).setPhoto(therapistId, null, now);
    await writeAudit(trx, now, { actor: audit.actor, action: 'photo.remove', target: `therapist:${therapistId}`, requestId: audit.requestId });
  });
  return ok(true as const);
}

/** Replaces the practice's logo with an uploaded SVG or PNG. */
export async function setPracticeLogo(deps: StaffDeps, bytes: Uint8Array, audit: AuditContext): Promise<Outcome<LogoRef>> {
  const checked = checkLogoUpload(bytes);
  if (!checked.ok) return fail('IMAGE_REJECTED', checked.message);
  const processed = await processLogo(bytes, checked.type === 'svg' ? 'svg' : 'png', LOGO_OWNER);
  if (!processed.ok) return fail('IMAGE_REJECTED', processed.message);
  await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await imageRepository(trx).replace(LOGO_OWNER, processed.files, now);
    await practiceRepository(trx).setLogo(processed.ref, now);
    await writeAudit(trx, now, { actor: audit.actor, action: 'admin.logo.update', target: 'practice', requestId: audit.requestId });
  });
  return ok(processed.ref);
}

/** Back to the practice's name set as a mark. */
export async function removePracticeLogo(deps: StaffDeps, audit: AuditContext): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await imageRepository(trx).remove(LOGO_OWNER);
    await practiceRepository(trx).setLogo(null, now);
    await writeAudit(trx, now, { actor: audit.actor, action: 'admin.logo.remove', target: 'practice', requestId: audit.requestId });
  });
}
