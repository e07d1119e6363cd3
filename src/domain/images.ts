// Pictures people upload (a therapist's photo, the practice's logo): what is accepted, judged by the file's
// own bytes and never by its name or the type the browser claims, and how a stored picture is described.

/** The kinds of file we read. SVG only for the logo, and only when it passes unsafeSvgReason. */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'svg';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const LOGO_MAX_BYTES = 512 * 1024;
/** Larger than this in either direction is refused before decoding (a small file can claim huge sizes). */
export const MAX_IMAGE_SIDE = 8000;
/** Smaller than this is too small to show sharply. */
export const MIN_PHOTO_SIDE = 200;

/** The widths a photo is stored at (square), for 1x and 2x screens at card and profile sizes. */
export const PHOTO_WIDTHS = [160, 320, 480] as const;
/** The formats each width is stored in, best first; the last is the fallback every browser shows. */
export const PHOTO_FORMATS = ['avif', 'webp', 'jpg'] as const;
export type PhotoFormat = (typeof PHOTO_FORMATS)[number];

export const CONTENT_TYPES: Record<PhotoFormat | 'png' | 'svg', string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
};

/** A stored photo: every width in every format, named `${hash}-${width}.${format}`. */
export interface PhotoRef {
  hash: string;
  widths: number[];
  /** An abstract portrait made for a demo therapist, not a photo of a person. */
  abstract: boolean;
}

/** The stored logo: one file, `${hash}.${format}`, shown at its own proportions. */
export interface LogoRef {
  hash: string;
  format: 'png' | 'svg';
  width: number;
  height: number;
}

export const photoFile = (ref: PhotoRef, width: number, format: PhotoFormat) => `${ref.hash}-${width}.${format}`;
export const logoFile = (ref: LogoRef) => `${ref.hash}.${ref.format}`;

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);

/** The image type the bytes themselves say, or undefined when they are not one we read. */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}

/**
 * Why an SVG cannot be shown as our logo, or undefined when it can. We refuse anything that runs or
 * reaches out: scripts, event handlers, embedded HTML (foreignObject), javascript: or outside links,
 * external entities and stylesheets. The file is still only ever served as an image with a CSP that
 * forbids scripts; this check is the second lock.
 */
export function unsafeSvgReason(text: string): string | undefined {
  const t = text.toLowerCase();
  if (/<script[\s>/]/.test(t)) return 'it contains a script';
  if (/<foreignobject[\s>/]/.test(t)) return 'it contains embedded HTML (foreignObject)';
  if (/<(iframe|embed|object|audio|video|animate|set|handler|listener)[\s>/]/.test(t)) return 'it contains an element we do not allow';
  if (/[\s"'/]on[a-z]+\s*=/.test(t)) return 'it contains an event handler (an "on…" attribute)';
  if (/<!entity/.test(t)) return 'it declares XML entities';
  if (/<\?xml-stylesheet|@import/.test(t)) return 'it loads a stylesheet';
  // Links and references must stay inside the file (#id) or be embedded raster data.
  for (const m of t.matchAll(/(?:href|src)\s*=\s*["']\s*([^"']*)/g)) {
    const target = m[1] ?? '';
    if (!(target.startsWith('#') || /^data:image\/(png|jpeg|webp);base64,/.test(target))) return 'it links to something outside the file';
  }
  if (/url\(\s*["']?\s*(?!#)/.test(t)) return 'it links to something outside the file';
  return undefined;
}

export type ImageCheck = { ok: true; type: ImageType } | { ok: false; message: string };

/** Whether an uploaded therapist photo may be processed: a JPEG, PNG or WebP within the size limit. */
export function checkPhotoUpload(bytes: Uint8Array): ImageCheck {
  if (bytes.length === 0) return { ok: false, message: 'Choose a photo to upload' };
  if (bytes.length > PHOTO_MAX_BYTES) return { ok: false, message: 'The photo is larger than 5 MB: choose a smaller one' };
  const type = sniffImage(bytes);
  if (type === 'jpeg' || type === 'png' || type === 'webp') return { ok: true, type };
  return { ok: false, message: 'This file is not a photo we can read: upload a JPEG, PNG or WebP image' };
}

/** Whether an uploaded logo may be stored: a PNG, or an SVG with nothing in it that runs or reaches out. */
export function checkLogoUpload(bytes: Uint8Array): ImageCheck {
  if (bytes.length === 0) return { ok: false, message: 'Choose a logo file to upload' };
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, message: 'The logo is larger than 512 KB: choose a smaller file' };
  const type = sniffImage(bytes);
  if (type === 'png') return { ok: true, type };
  if (type === 'svg') {
    const reason = unsafeSvgReason(new TextDecoder().decode(bytes));
    return reason ? { ok: false, message: `We cannot use this SVG: ${reason}` } : { ok: true, type };
  }
  return { ok: false, message: 'Upload the logo as an SVG or PNG file' };
}

/** Alt text for a therapist's picture. */
export const photoAlt = (name: string, ref: PhotoRef) => (ref.abstract ? `An abstract pattern standing in for a photo of ${name}` : `Photo of ${name}`);
