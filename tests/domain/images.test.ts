// What an upload is, judged by its bytes (never its name or claimed type), and which SVG logos are safe.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkLogoUpload, checkPhotoUpload, PHOTO_MAX_BYTES, sniffImage, unsafeSvgReason } from '../../src/domain/images.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inner}</svg>`;

describe('sniffImage', () => {
  test('reads the signatures of JPEG, PNG, WebP and SVG', () => {
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0, 0))).toBe('jpeg');
    expect(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('png');
    expect(sniffImage(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('webp');
    expect(sniffImage(new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBeUndefined();
    expect(sniffImage(new TextEncoder().encode('<html><svg></svg></html>'))).toBeUndefined();
  });

  test('bytes without a photo signature are never taken for a photo', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (b) => {
        fc.pre(b[0] !== 0xff && b[0] !== 0x89 && b[0] !== 0x52);
        const checked = checkPhotoUpload(b);
        expect(checked.ok).toBe(false);
      }),
    );
  });

  test('a photo over 5 MB is refused whatever it is', () => {
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(checkPhotoUpload(big)).toEqual({ ok: false, message: 'The photo is larger than 5 MB: choose a smaller one' });
  });
});

describe('unsafeSvgReason', () => {
  test('plain shapes, internal references and gradients pass', () => {
    expect(unsafeSvgReason(svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/>'))).toBeUndefined();
    expect(checkLogoUpload(new TextEncoder().encode(svg('<circle r="4"/>')))).toEqual({ ok: true, type: 'svg' });
  });

  const DANGERS = [
    '<script>alert(1)</script>',
    '<SCRIPT src="x.js"/>',
    '<foreignObject><div/></foreignObject>',
    '<rect onclick="alert(1)"/>',
    '<rect\nonload = "x"/>',
    '<a href="javascript:alert(1)"><rect/></a>',
    '<image href="https://example.com/a.png"/>',
    '<image xlink:href="file:///etc/passwd"/>',
    '<rect style="fill:url(https://example.com/x)"/>',
    '<style>@import url(x.css);</style>',
    '<animate attributeName="href" to="javascript:alert(1)"/>',
    '<set attributeName="onmouseover" to="alert(1)"/>',
    '<iframe src="x"/>',
  ];

  test.each(DANGERS)('refuses %s', (inner) => {
    expect(unsafeSvgReason(svg(inner))).toBeDefined();
    expect(checkLogoUpload(new TextEncoder().encode(svg(inner))).ok).toBe(false);
  });

  test('a dangerous fragment anywhere in an otherwise plain SVG is refused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DANGERS),
        fc.array(fc.constantFrom('<rect width="1" height="1"/>', '<circle r="2"/>', '<g></g>'), { maxLength: 5 }),
        fc.nat(5),
        (danger, parts, at) => {
          const inner = [...parts.slice(0, at), danger, ...parts.slice(at)].join('');
          expect(unsafeSvgReason(svg(inner))).toBeDefined();
        },
      ),
    );
  });
});
