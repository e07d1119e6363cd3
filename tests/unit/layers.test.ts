// The layers' import rules, checked over every file in src/: imports run one way only, and SQL lives in
// src/db alone. A file that reaches upwards or sideways fails here with the import that does it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

const files = filesUnder(SRC).filter((f) => !f.includes(`${join('src', 'assets')}`));

/** Every module a file names: static imports, re-exports and dynamic imports. */
function importsOf(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]/g)) found.add(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.add(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(m[1]!);
  return [...found];
}

/** The layer a path under src/ belongs to: its first folder, or the file's own name at the top. */
const layerOf = (path: string) =>
  relative(SRC, path)
    .split(/[\\/]/)[0]!
    .replace(/\.tsx?$/, '');

interface Edge {
  file: string;
  from: string;
  /** The layer imported, or `pkg:name` for a package. */
  to: string;
  target: string;
}

const edges: Edge[] = files.flatMap((file) =>
  importsOf(readFileSync(file, 'utf8')).map((spec) => {
    const from = layerOf(file);
    if (!spec.startsWith('.')) return { file: relative(SRC, file), from, to: `pkg:${spec}`, target: spec };
    const target = resolve(dirname(file), spec);
    return { file: relative(SRC, file), from, to: layerOf(target), target: relative(SRC, target) };
  }),
);

const violations = (rule: (e: Edge) => boolean) => edges.filter(rule).map((e) => `${e.file} → ${e.target}`);

describe('layers', () => {
  it('reads the whole tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from === 'web' && e.to === 'usecases')).toBe(true);
  });

  it('nothing but the server entry and web/ itself imports web/', () => {
    expect(violations((e) => e.to === 'web' && e.from !== 'web' && e.file !== 'server.ts')).toEqual([]);
  });

  it('domain/ imports only domain/ and pure packages (no I/O, no framework, no database)', () => {
    const pure = new Set(['domain', 'pkg:temporal-polyfill', 'pkg:zod']);
    expect(violations((e) => e.from === 'domain' && !pure.has(e.to))).toEqual([]);
  });

  it('db/ reaches no layer above it (mail, web, use cases, jobs, the composition root)', () => {
    const above = new Set(['mail', 'web', 'usecases', 'jobs', 'app', 'server', 'main']);
    expect(violations((e) => e.from === 'db' && above.has(e.to))).toEqual([]);
  });

  it('mail/ writes messages and sends them; it reads no repository and reaches no layer above', () => {
    const above = new Set(['web', 'usecases', 'jobs', 'app', 'server', 'main']);
    expect(violations((e) => e.from === 'mail' && (above.has(e.to) || e.target.startsWith('db/repositories')))).toEqual([]);
  });

  it('use cases reach neither web/ nor jobs/; jobs reach no web/', () => {
    expect(violations((e) => e.from === 'usecases' && (e.to === 'web' || e.to === 'jobs'))).toEqual([]);
    expect(violations((e) => e.from === 'jobs' && e.to === 'web')).toEqual([]);
  });

  it('jobs run use cases: only the outbox worker (the sender itself) reads a repository', () => {
    expect(violations((e) => e.from === 'jobs' && e.target.startsWith('db/repositories') && e.file !== 'jobs/outbox-worker.ts')).toEqual([]);
  });

  it('the composition root builds on the layers below web and jobs', () => {
    const above = new Set(['web', 'jobs', 'server', 'main']);
    expect(violations((e) => e.from === 'app' && above.has(e.to))).toEqual([]);
  });

  it('SQL lives in db/ alone: no query builder, raw SQL or transaction anywhere else', () => {
    const statement = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\.transaction\(\)/;
    const outside = files.filter((f) => layerOf(f) !== 'db' && !['usecases'].includes(layerOf(f)));
    const withSql = outside.filter((f) => statement.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(withSql).toEqual([]);
    // Use cases own transactions, and nothing more: every statement is a repository's.
    const inUseCases = files
      .filter((f) => layerOf(f) === 'usecases')
      .filter((f) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(inUseCases).toEqual([]);
  });
});
