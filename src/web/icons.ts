// The favicon, app icons and web manifest, made from the practice's mark (src/media/icons.ts). Their
// URLs are fixed (browsers ask for /favicon.ico by name), so they are cached for a day, not a year.
import type { Hono } from 'hono';
import { icons } from '../media/icons.ts';
import type { AppEnv } from './env.ts';

const DAY = 'public, max-age=86400';

export const ICON_ROUTES = ['/favicon.ico', '/icon.svg', '/apple-touch-icon.png', '/icon-192.png', '/icon-512.png', '/manifest.webmanifest'] as const;

export function registerIcons(app: Hono<AppEnv>): void {
  const file = (path: string, type: string, pick: (i: Awaited<ReturnType<typeof icons>>) => Uint8Array | string) =>
    app.get(path, async (c) => {
      const body = pick(await icons());
      return c.body(typeof body === 'string' ? body : body.slice(), 200, { 'Content-Type': type, 'Cache-Control': DAY });
    });
  file('/favicon.ico', 'image/x-icon', (i) => i.ico);
  file('/icon.svg', 'image/svg+xml', (i) => i.svg);
  file('/apple-touch-icon.png', 'image/png', (i) => i.appleTouch);
  file('/icon-192.png', 'image/png', (i) => i.png192);
  file('/icon-512.png', 'image/png', (i) => i.png512);
  app.get('/manifest.webmanifest', async (c) => {
    const practice = await c.var.deps.repos.practice.get();
    const manifest = {
      name: practice.name,
      short_name: practice.name.split(/\s+/)[0],
      start_url: '/',
      display: 'browser',
      background_color: '#fffdf9',
      theme_color: '#1f4347',
      icons: [
        { src: '/icon.svg', type: 'image/svg+xml', sizes: 'any' },
        { src: '/icon-192.png', type: 'image/png', sizes: '192x192', purpose: 'any maskable' },
        { src: '/icon-512.png', type: 'image/png', sizes: '512x512', purpose: 'any maskable' },
      ],
    };
    return c.body(JSON.stringify(manifest), 200, { 'Content-Type': 'application/manifest+json', 'Cache-Control': DAY });
  });
}
