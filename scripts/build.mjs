// Compiles the server (TypeScript + JSX) into dist/ and the client modules into dist/public/.
// Safe to run from several processes at once: every file is written to a temporary name and renamed.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const writeAtomic = (file, data) => {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
};

mkdirSync('dist/public', { recursive: true });

// Static assets: content-hashed names, listed in a manifest the server reads.
const manifest = {};
const hashed = (base, ext, out) => `${base}.${createHash('sha256').update(out).digest('hex').slice(0, 10)}${ext}`;

// Files taken from packages: the typeface (Source Serif 4, SIL Open Font License 1.1, Latin, variable
// weight) and Swagger UI for the API reference at /api (Apache-2.0), self-hosted, no CDN.
const VENDOR = {
  'source-serif-4.woff2': 'node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2',
  'swagger-ui.css': 'node_modules/swagger-ui-dist/swagger-ui.css',
};
for (const [name, src] of Object.entries(VENDOR)) {
  const out = readFileSync(src);
  const ext = name.slice(name.lastIndexOf('.'));
  const built = hashed(name.slice(0, name.lastIndexOf('.')), ext, out);
  writeAtomic(join('dist/public', built), out);
  manifest[name] = built;
}

const assets = 'src/assets';
for (const file of readdirSync(assets).sort()) {
  const src = join(assets, file);
  let out;
  if (file.endsWith('.css')) {
    // url(/assets/NAME) in a stylesheet points at the built, hashed file.
    out = Buffer.from(
      readFileSync(src, 'utf8').replace(/url\(\/assets\/([\w.-]+)\)/g, (m, name) => {
        if (!manifest[name]) throw new Error(`${file}: ${m} names no built asset`);
        return `url(/assets/${manifest[name]})`;
      }),
    );
  } else if (file.endsWith('.ts')) {
    const result = await build({ entryPoints: [src], bundle: true, minify: true, format: 'esm', write: false, target: 'es2022' });
    out = result.outputFiles[0].contents;
  } else {
    out = readFileSync(src);
  }
  const ext = file.endsWith('.ts') ? '.js' : file.slice(file.lastIndexOf('.'));
  const base = file.slice(0, file.lastIndexOf('.'));
  const hash = createHash('sha256').update(out).digest('hex').slice(0, 10);
  const name = `${base}.${hash}${ext}`;
  writeAtomic(join('dist/public', name), out);
  manifest[`${base}${ext}`] = name;
}
writeAtomic('dist/public/manifest.json', JSON.stringify(manifest, null, 2));
// Old hashed files from earlier builds.
const keep = new Set([...Object.values(manifest), 'manifest.json']);
for (const file of readdirSync('dist/public')) if (!keep.has(file) && !file.endsWith('.tmp')) rmSync(join('dist/public', file), { force: true });

const server = await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  outfile: 'dist/main.js',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  sourcemap: 'inline',
  write: false,
  logLevel: 'warning',
});
for (const out of server.outputFiles) writeAtomic(out.path, out.contents);
