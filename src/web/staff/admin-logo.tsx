// The practice's logo on the settings page: an admin uploads an SVG or PNG (an SVG with anything that runs
// or reaches out is refused), or goes back to the practice's name set beside the mark.
import type { LogoRef } from '../../domain/images.ts';
import { logoFile } from '../../domain/images.ts';
import { removePracticeLogo, setPracticeLogo } from '../../usecases/staff/pictures.ts';
import { readUpload } from '../read-form.ts';
import { renderSettings } from './admin-practice.tsx';
import { auditOf } from './request.ts';
import type { StaffContext } from './session.ts';
import { UploadForms } from './upload-form.tsx';

export const LOGO_DONE = {
  'logo-saved': 'The new logo is up. Every page shows it now.',
  'logo-removed': 'The logo is taken down. Pages show the practice’s name beside the mark again.',
};

export function LogoSection({ name, logo, error }: { name: string; logo: LogoRef | null; error?: string | undefined }) {
  return (
    <section class="logo-section" aria-labelledby="logo-title">
      <h2 id="logo-title">Logo</h2>
      {logo ? (
        <p class="logo-section__now">
          <img src={`/media/${logoFile(logo)}`} alt={`The logo of ${name} as it is now`} width={Math.round((logo.width / logo.height) * 48)} height={48} />
        </p>
      ) : (
        <p>No logo is uploaded: every page shows the practice’s name beside the Closer mark.</p>
      )}
      <UploadForms
        action="/staff/admin/settings/logo"
        name="logo"
        label={logo ? 'Upload a new logo' : 'Upload a logo'}
        hint="An SVG or PNG up to 512 KB, ideally wide and short (it is shown 40 pixels high). SVG files with scripts, event handlers, embedded HTML or links to other files are refused."
        accept="image/svg+xml,image/png"
        error={error}
        submit="Upload logo"
        remove={logo ? 'Remove the logo' : undefined}
      />
    </section>
  );
}

export async function logoSubmit(c: StaffContext) {
  const upload = await readUpload(c, 'logo');
  if (!upload) return renderSettings(c, { errors: { logo: 'We could not read what was sent. Please choose the file again.' } }, 400);
  const outcome = await setPracticeLogo(c.var.deps, upload.bytes, auditOf(c));
  if (!outcome.ok) return renderSettings(c, { errors: { logo: outcome.error.detail } }, 422);
  return c.redirect('/staff/admin/settings?done=logo-saved', 303);
}

export async function logoRemove(c: StaffContext) {
  await removePracticeLogo(c.var.deps, auditOf(c));
  return c.redirect('/staff/admin/settings?done=logo-removed', 303);
}
