// Static files built by scripts/build.mjs into dist/public with content-hashed names.
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Assets } from '../app/deps.ts';

export type { Assets };

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export function loadAssets(dir = 'dist/public'): Assets {
  const root = resolve(dir);
  const manifestFile = join(root, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`No built assets in ${dir}: run "npm run build" first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>;
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const built of Object.values(manifest)) {
    files.set(built, { body: readFileSync(join(root, built)), type: TYPES[extname(built)] ?? 'application/octet-stream' });
  }
  return {
    url(name) {
      const built = manifest[name];
      if (!built) throw new Error(`Unknown asset ${name}`);
      return `/assets/${built}`;
    },
    read: (file) => files.get(file),
  };
}
