// Therapist photos and the practice logo over HTTP: uploads judged by their bytes, metadata stripped,
// resized into AVIF/WebP/JPEG, served with year-long cache headers under content-hashed names, shown in
// <picture> with width, height and alt; a therapist changes only their own photo; every change is audited.
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { signInAdmin, signInTherapist, withCookie } from '../support/staff.ts';

/** A JPEG with EXIF (camera, GPS-ish comment) in it, as a phone would send. */
async function jpegWithExif(width = 600, height = 800): Promise<Uint8Array> {
  const buf = await sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 90 } } })
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Snap 9', ImageDescription: 'taken at home 51.5N 0.1W' } })
    .jpeg()
    .toBuffer();
  expect((await sharp(buf).metadata()).exif).toBeDefined();
  return new Uint8Array(buf);
}

const png = async () =>
  new Uint8Array(
    await sharp({ create: { width: 400, height: 300, channels: 4, background: '#5070a0' } })
      .png()
      .toBuffer(),
  );

describe.each(DIALECTS)('pictures on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, { clock });
  let amaraId: string;
  let tomaszId: string;
  let amara: string;
  let admin: string;

  const upload = (cookie: string, path: string, bytes: Uint8Array, name = 'me.jpg', field = 'photo') => {
    const body = new FormData();
    body.set(field, new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' }));
    return t.request(path, withCookie(cookie, { method: 'POST', body, headers: { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' } }));
  };
  const photoOf = async (id: string) => {
    const row = await t.deps.database.db.selectFrom('therapists').select('photo').where('id', '=', id).executeTakeFirstOrThrow();
    return row.photo ? (JSON.parse(row.photo) as { hash: string; widths: number[]; abstract: boolean }) : null;
  };
  const audit = (action: string) => t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  beforeAll(async () => {
    const ids = await demoIds(t);
    amaraId = ids.therapist('amara-okafor');
    tomaszId = ids.therapist('tomasz-nowak');
    ({ cookie: amara } = await signInTherapist(t, clock, { email: 'amara@staff.example', therapistId: amaraId }));
    ({ cookie: admin } = await signInAdmin(t, clock));
  });

  test('demo therapists start with abstract portraits, served with long cache headers', async () => {
    const photo = await photoOf(tomaszId);
    expect(photo).toMatchObject({ abstract: true, widths: [160, 320, 480] });
    const res = await t.request(`/media/${photo!.hash}-320.avif`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/avif');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([320, 320]);
    expect((await t.request(`/media/${photo!.hash}-320.gif`)).status).toBe(404);
    expect((await t.request('/media/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });

  test('the directory and a profile show <picture> with AVIF, WebP, a JPEG fallback, width, height and alt', async () => {
    const photo = await photoOf(tomaszId);
    for (const path of ['/therapists', '/therapists/tomasz-nowak']) {
      const html = await (await t.request(path)).text();
      const pic = html.slice(html.indexOf('<picture', html.indexOf(photo!.hash) - 400), html.indexOf('</picture>', html.indexOf(photo!.hash)));
      expect(pic).toContain(`<source type="image/avif" srcset="/media/${photo!.hash}-160.avif 160w, /media/${photo!.hash}-320.avif 320w`);
      expect(pic).toContain('<source type="image/webp"');
      expect(pic).toMatch(/<img src="\/media\/[0-9a-f]{20}-\d+\.jpg"/);
      expect(pic).toMatch(/width="\d+" height="\d+"/);
      expect(pic).toContain('alt="An abstract pattern standing in for a photo of Tomasz Nowak"');
    }
  });

  test('a therapist uploads a JPEG: EXIF is gone from every stored size, the old files go, and it is audited', async () => {
    const before = await photoOf(amaraId);
    const res = await upload(amara, '/staff/profile/photo', await jpegWithExif());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/profile?done=photo-saved');
    const photo = await photoOf(amaraId);
    expect(photo).toMatchObject({ abstract: false, widths: [160, 320, 480] });
    expect(photo!.hash).not.toBe(before!.hash);
    for (const w of photo!.widths) {
      for (const [ext, format] of [
        ['avif', 'heif'],
        ['webp', 'webp'],
        ['jpg', 'jpeg'],
      ] as const) {
        const file = await t.request(`/media/${photo!.hash}-${w}.${ext}`);
        expect(file.status).toBe(200);
        const meta = await sharp(new Uint8Array(await file.arrayBuffer())).metadata();
        expect(meta.format).toBe(format);
        expect([meta.width, meta.height]).toEqual([w, w]);
        expect(meta.exif).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
      }
    }
    expect((await t.request(`/media/${before!.hash}-320.avif`)).status).toBe(404);
    const rows = await audit('photo.update');
    expect(rows.at(-1)).toMatchObject({ target: `therapist:${amaraId}` });
    const html = await (await t.request('/therapists/amara-okafor')).text();
    expect(html).toContain(`/media/${photo!.hash}-320.avif 320w`);
    expect(html).toContain('alt="Photo of Amara Okafor"');
  });

  test('a PNG is accepted too (whatever the file is called)', async () => {
    const res = await upload(amara, '/staff/profile/photo', await png(), 'portrait.txt');
    expect(res.status).toBe(303);
  });

  test('a file that is not an image, named .jpg, is refused beside the field and nothing changes', async () => {
    const before = await photoOf(amaraId);
    const fake = new TextEncoder().encode('<html><script>alert(1)</script></html> not a photo at all');
    const res = await upload(amara, '/staff/profile/photo', fake, 'holiday.jpg');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('This file is not a photo we can read: upload a JPEG, PNG or WebP image');
    expect(html).toMatch(/<a href="#f-photo">/);
    expect(html).toMatch(/id="f-photo-error"/);
    expect(await photoOf(amaraId)).toEqual(before);
  });

  test('a photo over 5 MB, or too small, or damaged, is refused with its own message', async () => {
    const before = await photoOf(amaraId);
    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const res = await upload(amara, '/staff/profile/photo', big);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('The photo is larger than 5 MB');
    const small = new Uint8Array(
      await sharp({ create: { width: 80, height: 80, channels: 3, background: '#888' } })
        .jpeg()
        .toBuffer(),
    );
    expect(await (await upload(amara, '/staff/profile/photo', small)).text()).toContain('The photo is too small');
    const broken = (await jpegWithExif()).slice(0, 300);
    const damaged = await upload(amara, '/staff/profile/photo', broken);
    expect(damaged.status).toBe(422);
    expect(await damaged.text()).toContain('We could not read this photo');
    const none = await upload(amara, '/staff/profile/photo', new Uint8Array(0));
    expect(await none.text()).toContain('Choose a photo to upload');
    expect(await photoOf(amaraId)).toEqual(before);
  });

  test('a therapist changes only their own photo; an admin may change anyone’s', async () => {
    const before = await photoOf(tomaszId);
    // The therapist's own route takes no id; the admin route refuses a therapist.
    const res = await upload(amara, `/staff/admin/therapists/${tomaszId}/photo`, await jpegWithExif());
    expect([403, 404]).toContain(res.status);
    expect(await photoOf(tomaszId)).toEqual(before);
    const removed = await t.request(
      `/staff/admin/therapists/${tomaszId}/photo/remove`,
      withCookie(amara, { method: 'POST', headers: { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' } }),
    );
    expect([403, 404]).toContain(removed.status);
    expect(await photoOf(tomaszId)).toEqual(before);
    const byAdmin = await upload(admin, `/staff/admin/therapists/${tomaszId}/photo`, await jpegWithExif());
    expect(byAdmin.status).toBe(303);
    expect((await photoOf(tomaszId))?.abstract).toBe(false);
    const page = await (await t.request(`/staff/admin/therapists/${tomaszId}`, withCookie(admin))).text();
    expect(page).toContain('enctype="multipart/form-data"');
  });

  test('the staff profile page offers the upload with its hint', async () => {
    const html = await (await t.request('/staff/profile', withCookie(amara))).text();
    expect(html).toContain('action="/staff/profile/photo"');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('accept="image/jpeg,image/png,image/webp"');
  });

  describe('the practice logo', () => {
    const svg = (body: string) =>
      new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50" viewBox="0 0 200 50">${body}</svg>`);
    const practiceLogo = async () => (await t.deps.database.db.selectFrom('practice_settings').select('logo').executeTakeFirstOrThrow()).logo as string | null;

    test('the name is set beside the mark until a logo is uploaded', async () => {
      const html = await (await t.request('/')).text();
      expect(html).toMatch(/<a class="brand" href="\/"><span class="brand__mark" aria-hidden="true"><svg/);
      expect(html).toContain('<span class="brand__name">Closer Relationship Counselling</span>');
    });

    test('an SVG with a script, an event handler, embedded HTML or an outside link is refused, and nothing changes', async () => {
      for (const [body, why] of [
        ['<script>alert(1)</script>', 'it contains a script'],
        ['<rect width="10" height="10" onload="alert(1)"/>', 'event handler'],
        ['<foreignObject><p>hi</p></foreignObject>', 'foreignObject'],
        ['<image href="https://example.com/x.png" width="10" height="10"/>', 'links to something outside the file'],
      ] as const) {
        const res = await upload(admin, '/staff/admin/settings/logo', svg(body), 'logo.svg', 'logo');
        expect(res.status, body).toBe(422);
        expect(await res.text()).toContain(why);
      }
      expect(await practiceLogo()).toBeNull();
      const notImage = await upload(admin, '/staff/admin/settings/logo', new TextEncoder().encode('GIF89a not really'), 'logo.png', 'logo');
      expect(await notImage.text()).toContain('Upload the logo as an SVG or PNG file');
    });

    test('a clean SVG is stored and served only as an image, with a CSP that runs nothing; it shows in the header', async () => {
      const res = await upload(admin, '/staff/admin/settings/logo', svg('<rect width="200" height="50" fill="#2f5d62"/>'), 'logo.svg', 'logo');
      expect(res.status).toBe(303);
      const logo = JSON.parse((await practiceLogo())!) as { hash: string; format: string; width: number; height: number };
      expect(logo).toMatchObject({ format: 'svg', width: 200, height: 50 });
      const file = await t.request(`/media/${logo.hash}.svg`);
      expect(file.headers.get('content-type')).toBe('image/svg+xml');
      expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
      expect(file.headers.get('cache-control')).toContain('immutable');
      const html = await (await t.request('/therapists')).text();
      expect(html).toContain(`<img src="/media/${logo.hash}.svg" alt="Closer Relationship Counselling: home" width="160" height="40"/>`);
      expect((await audit('admin.logo.update')).length).toBe(1);
    });

    test('a PNG logo is re-encoded; a therapist cannot change the logo; removing it brings the mark back', async () => {
      const byTherapist = await upload(amara, '/staff/admin/settings/logo', await png(), 'logo.png', 'logo');
      expect([403, 404]).toContain(byTherapist.status);
      const res = await upload(admin, '/staff/admin/settings/logo', await png(), 'logo.png', 'logo');
      expect(res.status).toBe(303);
      const logo = JSON.parse((await practiceLogo())!) as { hash: string; format: string };
      expect(logo.format).toBe('png');
      expect((await t.request(`/media/${logo.hash}.png`)).headers.get('content-type')).toBe('image/png');
      const removed = await t.request(
        '/staff/admin/settings/logo/remove',
        withCookie(admin, { method: 'POST', headers: { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' } }),
      );
      expect(removed.status).toBe(303);
      expect(await practiceLogo()).toBeNull();
      expect((await t.request(`/media/${logo.hash}.png`)).status).toBe(404);
    });
  });
});
