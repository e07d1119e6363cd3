// The practice's mark and the icons made from it: two overlapping rings (two people, close) on the brand
// colour. Drawn as shapes, not letters, so it renders the same on every machine without fonts. The icons
// are rendered once per process by sharp and kept in memory.
import sharp from 'sharp';

const BRAND = '#1f4347';
const RING_A = '#f5f1ea';
const RING_B = '#f2b48f';

/** The mark as SVG: a rounded square with two overlapping rings. */
export function markSvg(size = 64, rounded = true): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64"><rect width="64" height="64" rx="${rounded ? 14 : 0}" fill="${BRAND}"/><circle cx="25" cy="32" r="13" fill="none" stroke="${RING_A}" stroke-width="5"/><circle cx="39" cy="32" r="13" fill="none" stroke="${RING_B}" stroke-width="5"/></svg>`;
}

export interface Icons {
  svg: string;
  ico: Uint8Array;
  appleTouch: Uint8Array;
  png192: Uint8Array;
  png512: Uint8Array;
}

const png = async (size: number, rounded: boolean) =>
  new Uint8Array(
    await sharp(Buffer.from(markSvg(size, rounded)))
      .png()
      .toBuffer(),
  );

/** An ICO holding PNG images (every browser since 2010 reads PNG inside ICO). */
export function icoOf(images: { size: number; data: Uint8Array }[]): Uint8Array {
  const header = 6 + 16 * images.length;
  const out = new Uint8Array(header + images.reduce((n, i) => n + i.data.length, 0));
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, images.length, true);
  let offset = header;
  images.forEach((img, i) => {
    const at = 6 + 16 * i;
    out[at] = img.size >= 256 ? 0 : img.size;
    out[at + 1] = img.size >= 256 ? 0 : img.size;
    view.setUint16(at + 4, 1, true); // colour planes
    view.setUint16(at + 6, 32, true); // bits per pixel
    view.setUint32(at + 8, img.data.length, true);
    view.setUint32(at + 12, offset, true);
    out.set(img.data, offset);
    offset += img.data.length;
  });
  return out;
}

let made: Promise<Icons> | undefined;

export function icons(): Promise<Icons> {
  made ??= (async () => {
    const [p16, p32, p48, appleTouch, png192, png512] = await Promise.all([
      png(16, true),
      png(32, true),
      png(48, true),
      // Apple rounds the corners itself; Android's maskable icons want the colour to the edge.
      png(180, false),
      png(192, false),
      png(512, false),
    ]);
    return {
      svg: markSvg(64),
      ico: icoOf([
        { size: 16, data: p16 },
        { size: 32, data: p32 },
        { size: 48, data: p48 },
      ]),
      appleTouch,
      png192,
      png512,
    };
  })();
  return made;
}
