// The practice's own look over HTTP (issue 11): favicon and app icons, the self-hosted typeface, the
// urgent-help line at the top and in the footer of every page, the API reference page, the directory
// on a phone (results first, filters in a disclosure, languages by name, a Book button on every card, one
// empty state), and forms whose errors sit beside them.
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';

describe.each(DIALECTS)('the look on %s', (dialect) => {
  const t = useTestApp(dialect, { clock: fixedClock('2027-03-01T08:00:00Z') });

  test('favicon.ico, the SVG icon, the apple-touch icon and the web manifest are served with their types', async () => {
    const ico = await t.request('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await ico.arrayBuffer());
    // An ICO header: reserved 0, type 1, three images (16, 32, 48), each a PNG.
    expect([...bytes.slice(0, 6)]).toEqual([0, 0, 1, 0, 3, 0]);
    expect([bytes[6], bytes[22], bytes[38]]).toEqual([16, 32, 48]);
    const firstOffset = new DataView(bytes.buffer).getUint32(18, true);
    expect([...bytes.slice(firstOffset, firstOffset + 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const svg = await t.request('/icon.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const apple = await t.request('/apple-touch-icon.png');
    expect(apple.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(new Uint8Array(await apple.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([180, 180]);
    const manifest = await t.request('/manifest.webmanifest');
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    const m = (await manifest.json()) as { name: string; icons: { src: string }[] };
    expect(m.name).toBe('Closer Relationship Counselling');
    for (const icon of m.icons) expect((await t.request(icon.src)).status).toBe(200);
    const html = await (await t.request('/guide')).text();
    for (const link of [
      '<link rel="icon" href="/favicon.ico" sizes="48x48"/>',
      '<link rel="icon" href="/icon.svg" type="image/svg+xml"/>',
      '<link rel="apple-touch-icon" href="/apple-touch-icon.png"/>',
      '<link rel="manifest" href="/manifest.webmanifest"/>',
    ])
      expect(html).toContain(link);
  });

  test('one typeface, self-hosted as WOFF2: preloaded, swapped in, cached for a year', async () => {
    const html = await (await t.request('/guide')).text();
    const font = html.match(
      /<link rel="preload" href="(\/assets\/source-serif-4\.[0-9a-f]{10}\.woff2)" as="font" type="font\/woff2" crossorigin="anonymous"\/>/,
    )?.[1];
    expect(font).toBeDefined();
    const res = await t.request(font!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(0, 4))).toBe('wOF2');
    const css = await (await t.request(html.match(/href="(\/assets\/styles\.[0-9a-f]+\.css)"/)![1]!)).text();
    expect(css).toContain(`src: url(${font}) format("woff2-variations")`);
    expect(css).toContain('font-display: swap');
    expect(css).toMatch(/--font-read: "Source Serif 4"/);
    expect(html).not.toMatch(/(href|src)="https?:\/\//);
  });

  test.each(['/', '/guide', '/therapists', '/contact', '/privacy', '/api', '/no-such-page'])(
    '%s: the urgent-help line first in the page and every number in the footer line',
    async (path) => {
      const html = await (await t.request(path)).text();
      const top = html.indexOf('<aside class="urgent-line" aria-label="Urgent help">');
      expect(top).toBeGreaterThan(html.indexOf('class="skip-link"'));
      expect(top).toBeLessThan(html.indexOf('<header class="site-header">'));
      expect(html.slice(top, top + 400)).toMatch(/In danger now\? Call <a href="tel:999">999<\/a>.*<a href="#footer-urgent">More urgent help<\/a>/s);
      const footer = html.slice(html.indexOf('<footer'));
      expect(footer).toContain('<h2 id="footer-urgent">Urgent help</h2>');
      for (const n of ['999', '111', '116 123', '85258', '0808 2000 247']) expect(footer).toContain(`>${n}</a>`);
    },
  );

  test('the footer links a human API reference, drawn from the OpenAPI document by self-hosted Swagger UI', async () => {
    const home = await (await t.request('/')).text();
    expect(home).toContain('<a href="/api">API reference</a>');
    expect(home).not.toContain('>Open API<');
    const res = await t.request('/api');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>API reference</h1>');
    expect(html).toContain('data-spec="/api/v1/openapi.json"');
    expect(html).toContain('<a href="/api/v1/openapi.json">OpenAPI document</a>');
    const script = html.match(/src="(\/assets\/api-reference\.[0-9a-f]+\.js)"/)?.[1];
    const style = html.match(/href="(\/assets\/swagger-ui\.[0-9a-f]+\.css)"/)?.[1];
    expect((await t.request(script!)).status).toBe(200);
    expect((await t.request(style!)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    // Read-only: the reference cannot send requests ("Try it out" is off).
    expect(await (await t.request(script!)).text()).toContain('supportedSubmitMethods:[]');
  });

  test('the directory: results first, filters in a closed disclosure landing on the count, languages by name', async () => {
    const html = await (await t.request('/therapists')).text();
    const details = html.indexOf('<details class="filters-disclosure" id="filters" data-open-wide="">');
    expect(details).toBeGreaterThan(0);
    expect(html.indexOf('<h2 id="results-title" tabindex="-1"')).toBeGreaterThan(details);
    expect(html).toContain('<form class="filters" method="get" action="/therapists#results-title"');
    const languages = [
      ...html
        .slice(html.indexOf('id="f-language"'), html.indexOf('</select>', html.indexOf('id="f-language"')))
        .matchAll(/<option value="[a-z]{2}"[^>]*>([^<]+)</g),
    ].map((m) => m[1]!);
    expect(languages.length).toBeGreaterThan(3);
    expect(languages).toEqual([...languages].sort((a, b) => a.localeCompare(b, 'en-GB')));
    // A filter that cannot be read opens the disclosure, so its message and its field are both in view.
    const bad = await (await t.request('/therapists?language=123')).text();
    expect(bad).toContain('<details class="filters-disclosure" id="filters" open="" data-open-wide="">');
  });

  test('every card has its picture, the first free time (marked for the visitor’s zone) and a Book button', async () => {
    const html = await (await t.request('/therapists')).text();
    const cards = html.split('<li class="card therapist-card">').slice(1);
    expect(cards.length).toBe(10);
    for (const card of cards) {
      expect(card).toMatch(/<picture class="portrait portrait--card">/);
      expect(card).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z" data-local-time="">/);
      expect(card).toMatch(
        /<a class="button" href="\/book\?service=[^"]+&amp;therapist=[^"]+" data-zone-link="">Book<span class="visually-hidden"> with [^<]+<\/span><\/a>/,
      );
    }
    // With the visitor's zone known, times are in it already.
    const zoned = await (await t.request('/therapists?tz=America%2FNew_York')).text();
    expect(zoned).not.toContain('data-local-time');
    expect(zoned).toMatch(/\(GMT-5\)/);
  });

  test('an empty result offers a looser search, the waiting list and a call-back', async () => {
    const html = await (await t.request('/therapists?language=he&format=in_person')).text();
    expect(html).toContain('No therapist matches every filter you chose.');
    expect(html).toMatch(/data-loosen="(language|format)"/);
    expect(html).toContain('<h3 id="empty-callback">Talk it through with us</h3>');
    expect(html).toContain('href="/contact?kind=callback#callback-title"');
    expect(html).toContain('<h3 id="empty-waitlist">Join the waiting list</h3>');
    expect(html).toMatch(/<form method="post" action="\/book\/waitlist"[^>]*>/);
  });

  test('the contact page: call-back errors sit beside the call-back form, message errors beside the message form', async () => {
    const res = await t.form('/contact/callback', { name: '', phone: 'call me', consent: '', website: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    const summary = html.indexOf('class="error-summary"');
    expect(summary).toBeGreaterThan(html.indexOf('<h2 id="callback-title">'));
    expect(summary).toBeLessThan(html.indexOf('<form method="post" action="/contact/callback#callback-title"'));
    expect(summary).toBeGreaterThan(html.indexOf('<form method="post" action="/contact/message#message-title"'));
    expect(html.match(/class="error-summary"/g)?.length).toBe(1);
    const msg = await (await t.form('/contact/message', { name: '', email: '', message: '', website: '' })).text();
    const at = msg.indexOf('class="error-summary"');
    expect(at).toBeGreaterThan(msg.indexOf('<h2 id="message-title">'));
    expect(at).toBeLessThan(msg.indexOf('<h2 id="callback-title">'));
  });

  test('every page loads the small script that moves focus to an error summary, and summaries can take focus', async () => {
    const html = await (await t.form('/contact/callback', { name: '' })).text();
    const script = html.match(/src="(\/assets\/forms\.[0-9a-f]+\.js)"/)?.[1];
    expect(await (await t.request(script!)).text()).toContain('.error-summary[tabindex="-1"]');
    expect(html).toMatch(/<div class="error-summary" role="alert" aria-labelledby="[^"]+" tabindex="-1">/);
  });
});
