// A therapist's picture: AVIF and WebP for browsers that read them, JPEG for the rest, each at every stored
// width so the browser picks what the screen needs; width and height keep the layout still while it loads.
import { type PHOTO_FORMATS, type PhotoRef, photoAlt, photoFile } from '../../domain/images.ts';

const SIZES = { card: 96, profile: 200, staff: 160 } as const;

export function TherapistPicture({ name, photo, size, eager }: { name: string; photo: PhotoRef | null; size: keyof typeof SIZES; eager?: boolean }) {
  const px = SIZES[size];
  if (!photo) {
    const initials = name
      .split(/\s+/)
      .map((w) => w[0] ?? '')
      .join('')
      .slice(0, 2);
    return (
      <span class={`portrait portrait--${size} portrait--initials`} aria-hidden="true">
        {initials}
      </span>
    );
  }
  const srcset = (format: (typeof PHOTO_FORMATS)[number]) => photo.widths.map((w) => `/media/${photoFile(photo, w, format)} ${w}w`).join(', ');
  const fallback = photo.widths.find((w) => w >= px * 2) ?? photo.widths.at(-1) ?? px;
  return (
    <picture class={`portrait portrait--${size}`}>
      <source type="image/avif" srcset={srcset('avif')} sizes={`${px}px`} />
      <source type="image/webp" srcset={srcset('webp')} sizes={`${px}px`} />
      <img
        src={`/media/${photoFile(photo, fallback, 'jpg')}`}
        srcset={srcset('jpg')}
        sizes={`${px}px`}
        width={px}
        height={px}
        alt={photoAlt(name, photo)}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
      />
    </picture>
  );
}
