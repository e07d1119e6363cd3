// When something fails on the server: a page in the site's shell (or, with the database gone, plain
// HTML that still says where to get urgent help), problem+json on the API, and no details of the
// failure in either.
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';

describe('server errors', () => {
  const t = useTestApp('sqlite');

  test('a failing page is the 500 page in the shell, with urgent help and a reference, and no internals', async () => {
    await sql`drop table therapist_languages`.execute(t.deps.database.db);
    const res = await t.request('/therapists');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('Sorry, something went wrong on our side');
    expect(html).toContain('<nav class="site-nav" aria-label="Main">');
    expect(html).toContain('116 123');
    expect(html).toMatch(/Reference: [\w-]+/);
    expect(html).not.toMatch(/therapist_languages|no such table|SqliteError|at \w+ \(/);

    const api = await t.request('/api/v1/therapists?language=pl');
    expect(api.status).toBe(500);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(await api.text()).not.toMatch(/therapist_languages|no such table|stack/);
  });

  test('with the database gone, plain HTML that still names the urgent-help lines', async () => {
    await t.deps.database.close();
    const res = await t.request('/');
    // The database being unavailable is a 503 (issue 15, B3), not a fault in the code.
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('temporarily unavailable');
    for (const n of ['999', '111', '116 123']) expect(html).toContain(n);
    expect(html).not.toMatch(/SqliteError|closed|at \w+ \(/);
    expect((await t.request('/healthz')).status).toBe(503);
  });
});
