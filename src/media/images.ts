// Image processing with sharp (libvips): a photo is decoded, turned upright, cropped square, resized to
// each stored width and encoded as AVIF, WebP and JPEG. Nothing of the original file is kept: sharp writes
// no metadata unless asked, so EXIF (camera, time, GPS), ICC and XMP are gone from every stored file.
import { createHash } from 'node:crypto';
import sharp, { type Metadata, type Sharp } from 'sharp';
import {
  CONTENT_TYPES,
  type LogoRef,
  MAX_IMAGE_SIDE,
  MIN_PHOTO_SIDE,
  PHOTO_FORMATS,
  PHOTO_WIDTHS,
  type PhotoFormat,
  type PhotoRef,
  photoFile,
} from '../domain/images.ts';

/** One stored file. */
export interface ImageFile {
  file: string;
  contentType: string;
  width: number;
  height: number;
  data: Uint8Array;
}

export type Processed<R> = { ok: true; ref: R; files: ImageFile[] } | { ok: false; message: string };

// Decoding limits: refuse pictures that claim absurd sizes before any pixel is decoded.
const INPUT = { limitInputPixels: MAX_IMAGE_SIDE * MAX_IMAGE_SIDE, failOn: 'error' as const };

// The owner is part of the hash: the same picture uploaded for two people is two files, so replacing one
// never removes the other's.
const hashOf = (owner: string, data: Uint8Array) => createHash('sha256').update(owner).update('\0').update(data).digest('hex').slice(0, 20);

function encode(image: Sharp, format: PhotoFormat): Sharp {
  if (format === 'avif') return image.avif({ quality: 55, effort: 2 });
  if (format === 'webp') return image.webp({ quality: 75 });
  return image.jpeg({ quality: 80, mozjpeg: true });
}

/** Every width and format of a square picture, from an upright source. */
async function variants(
  source: Uint8Array,
  owner: string,
  abstract: boolean,
  widths: readonly number[] = PHOTO_WIDTHS,
): Promise<{ ref: PhotoRef; files: ImageFile[] }> {
  const base = await sharp(source, INPUT).rotate().resize(widths.at(-1), widths.at(-1), { fit: 'cover', position: 'attention' }).png().toBuffer();
  const hash = hashOf(owner, base);
  const ref: PhotoRef = { hash, widths: [...widths], abstract };
  const jobs = widths.flatMap((width) =>
    PHOTO_FORMATS.map(async (format) => {
      const data = await encode(sharp(base).resize(width, width), format).toBuffer();
      return { file: photoFile(ref, width, format), contentType: CONTENT_TYPES[format], width, height: width, data: new Uint8Array(data) };
    }),
  );
  return { ref, files: await Promise.all(jobs) };
}

/** An uploaded photo, already checked by checkPhotoUpload (type by content, size). */
export async function processPhoto(bytes: Uint8Array, owner: string): Promise<Processed<PhotoRef>> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, INPUT).metadata();
  } catch {
    return { ok: false, message: 'We could not read this photo: it may be damaged. Try saving it again or choose another' };
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (Math.min(width, height) < MIN_PHOTO_SIDE)
    return { ok: false, message: `The photo is too small: use one at least ${MIN_PHOTO_SIDE} pixels wide and high` };
  try {
    return { ok: true, ...(await variants(bytes, owner, false)) };
  } catch {
    return { ok: false, message: 'We could not read this photo: it may be damaged. Try saving it again or choose another' };
  }
}

// ------------------------------------------------------------------ abstract portraits for demo therapists

/** A number from a name, stable across runs. */
function seedOf(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0);
}

/**
 * An abstract portrait: soft overlapping shapes in colours taken from the name, with no face and
 * nothing that could be mistaken for one. Deterministic: the same name always gives the same picture.
 */
export function portraitSvg(name: string): string {
  let s = seedOf(name);
  const next = () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
  const hue = Math.floor(next() * 360);
  const bg = `hsl(${hue} 45% 90%)`;
  const shapes: string[] = [];
  for (let i = 0; i < 4; i++) {
    const h = (hue + 40 + i * 70 + Math.floor(next() * 30)) % 360;
    const fill = `hsl(${h} ${45 + Math.floor(next() * 25)}% ${45 + Math.floor(next() * 25)}%)`;
    const cx = Math.round(60 + next() * 360);
    const cy = Math.round(60 + next() * 360);
    const r = Math.round(90 + next() * 120);
    if (i % 2 === 0) shapes.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" fill-opacity="0.7"/>`);
    else {
      const w = Math.round(r * 1.6);
      const angle = Math.round(next() * 90);
      shapes.push(
        `<rect x="${cx - w / 2}" y="${cy - w / 2}" width="${w}" height="${w}" rx="${Math.round(w / 4)}" fill="${fill}" fill-opacity="0.6" transform="rotate(${angle} ${cx} ${cy})"/>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480"><rect width="480" height="480" fill="${bg}"/>${shapes.join('')}</svg>`;
}

const portraits = new Map<string, Promise<{ ref: PhotoRef; files: ImageFile[] }>>();

/** A demo therapist's abstract portrait, rendered from portraitSvg (kept per process: seeding repeats it). */
export function abstractPortrait(name: string, owner: string): Promise<{ ref: PhotoRef; files: ImageFile[] }> {
  const key = `${owner}\0${name}`;
  let found = portraits.get(key);
  if (!found) {
    found = variants(Buffer.from(portraitSvg(name)), owner, true);
    portraits.set(key, found);
  }
  return found;
}

// ------------------------------------------------------------------ the practice's logo

/** An uploaded logo, already checked by checkLogoUpload. A PNG is re-encoded (no metadata); an SVG is kept as it is. */
export async function processLogo(bytes: Uint8Array, type: 'png' | 'svg', owner: string): Promise<Processed<LogoRef>> {
  try {
    const meta = await sharp(bytes, INPUT).metadata();
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    if (width === 0 || height === 0) return { ok: false, message: 'We could not read the size of this logo' };
    if (type === 'svg') {
      const hash = hashOf(owner, bytes);
      const ref: LogoRef = { hash, format: 'svg', width, height };
      return { ok: true, ref, files: [{ file: `${hash}.svg`, contentType: CONTENT_TYPES.svg, width, height, data: bytes }] };
    }
    // At most 600 pixels wide: the header shows it at up to 200.
    const data = new Uint8Array(await sharp(bytes, INPUT).resize({ width: 600, withoutEnlargement: true }).png({ compressionLevel: 9 }).toBuffer());
    const out = await sharp(data).metadata();
    const hash = hashOf(owner, data);
    const ref: LogoRef = { hash, format: 'png', width: out.width ?? width, height: out.height ?? height };
    return { ok: true, ref, files: [{ file: `${hash}.png`, contentType: CONTENT_TYPES.png, width: ref.width, height: ref.height, data }] };
  } catch {
    return { ok: false, message: 'We could not read this logo: it may be damaged. Try saving it again or choose another' };
  }
}
