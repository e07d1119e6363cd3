// Find your match over HTTP, on both databases: the seven steps as plain POSTed forms (answers never in a
// URL, but for online / in person carried into booking), Back, the couple's private safety question, the results and their reasons, How we match, and
// POST /api/v1/match with its 422s. Nothing is stored.
import { beforeAll, describe, expect, test } from 'vitest';
import { DEMO_THERAPISTS } from '../../src/db/demo-data.ts';
import { HARD_REQUIREMENTS, MATCH_WEIGHTS, RELAXATION_ORDER } from '../../src/domain/matching.ts';
import { concernName, languageName } from '../../src/domain/types.ts';
import { ORIGIN, useTestApp } from '../support/app.ts';
import { demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { decodeHtml as decode } from '../support/html.ts';

type Demo = (typeof DEMO_THERAPISTS)[number];
type Fields = [string, string][];
type ApiMatch = { therapistId: string; score: number; reasons: string[]; unmet: string[]; nextFreeStart: string | null };
type ApiResult = { matches: ApiMatch[]; relaxed?: { requirement: string; explanation: string }; suggestIndividualFirst: boolean };

/** The hidden fields of the first form posting to /match (the answers carried so far). */
function hiddenFields(html: string): Fields {
  const form = html.slice(html.indexOf('action="/match"'));
  const body = form.slice(0, form.indexOf('</form>'));
  return [...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]);
}
const stepOf = (html: string) => Number(/name="step" value="(\d)"/.exec(html)?.[1]);
/** Slugs of the therapists in the results, in order. */
const resultSlugs = (html: string) => [...html.matchAll(/<li class="card match"><h2 id="match-\d+"><a href="\/therapists\/([a-z-]+)"/g)].map((m) => m[1]!);

describe.each(DIALECTS)('match on %s', (dialect) => {
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const slugOf = (id: string) => ids.therapists.find((x) => x.id === id)!.slug;
  const demo = (slug: string): Demo => DEMO_THERAPISTS.find((d) => d.slug === slug)!;

  const post = async (fields: Fields, path = '/match') => {
    const res = await t.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return res.text();
  };
  /** Answers the step shown in `html` with `answers` and presses `go`. */
  const answer = (html: string, answers: Fields, go: 'next' | 'back' | 'more' = 'next') => post([...hiddenFields(html), ...answers, ['go', go]]);
  const api = async (body: unknown) => {
    const res = await t.json('/api/v1/match', body);
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as ApiResult & { errors?: { pointer: string; detail: string }[] },
    };
  };
  const tableCounts = async () => {
    const tables = await t.deps.database.db.introspection.getTables();
    const counts: Record<string, number> = {};
    for (const table of tables) {
      if (table.name.startsWith('kysely_')) continue;
      const row = await t.deps.database.db
        .selectFrom(table.name as 'therapists')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirst();
      counts[table.name] = Number(row?.n);
    }
    return counts;
  };

  const t = useTestApp(dialect, { clock });
  beforeAll(async () => {
    ids = await demoIds(t);
  });

  test('seven POSTed steps, answers kept in hidden fields, then the best three with reasons, times and Book; nothing stored', async () => {
    const before = await tableCounts();
    const start = await t.request('/match');
    expect(start.status).toBe(200);
    let html = await start.text();
    expect(html).toContain('class="urgent-help"');
    expect(html).toContain('Step 1 of 7');
    expect(html).toMatch(/<form method="post" action="\/match"/);
    html = await answer(html, [['relationship', 'individual']]);
    expect(stepOf(html)).toBe(2);
    expect(html).toContain('class="urgent-help"');
    expect(html).not.toContain('afraid at home'); // the safety question is for couples
    html = await answer(html, [
      ['concerns', 'loneliness'],
      ['concerns', 'self-esteem'],
    ]);
    expect(stepOf(html)).toBe(3);
    expect(hiddenFields(html)).toEqual(
      expect.arrayContaining([
        ['relationship', 'individual'],
        ['concerns', 'loneliness'],
        ['concerns', 'self-esteem'],
      ]),
    );
    html = await answer(html, [['format', 'online']]);
    html = await answer(html, [['times', 'evenings']]);
    html = await answer(html, [['budget', '80']]);
    expect(stepOf(html)).toBe(6);
    html = await answer(html, [['languages', 'es']]);
    expect(stepOf(html)).toBe(7);
    expect(html).toContain('Show my matches');
    html = await answer(html, [
      ['gender', 'any'],
      ['culture', ''],
      ['style_directive', 'non_directive'],
    ]);
    expect(html).toContain('Therapists who may suit you');
    expect(html).toContain('class="urgent-help"');
    const slugs = resultSlugs(html);
    // Only Lucía speaks Spanish: language is a requirement when asked.
    expect(slugs).toEqual(['lucia-fernandez']);
    expect(html).toContain('Works with loneliness and isolation and self-esteem and self-worth');
    expect(html).toContain('Speaks Spanish');
    expect(html).toContain('Evenings, online');
    expect(html).toContain('Fee within your budget (£65)');
    expect(html).toContain('Lets you set the pace and direction');
    // Next free times and Book carry ids, a time, a zone and the way to meet (online) only: no concern,
    // budget or preference ever goes in a URL.
    const links = [...html.matchAll(/href="(\/book\?[^"]+)"/g)].map((m) => decode(m[1]!));
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) {
      const params = new URL(link, ORIGIN).searchParams;
      expect(
        [...params.keys()].every((k) => ['service', 'therapist', 'start', 'tz', 'date', 'format'].includes(k)),
        link,
      ).toBe(true);
      expect(params.get('format'), link).toBe('online');
      expect(params.get('service')).toBe(ids.ref('initial-consultation'));
      expect(params.get('therapist')).toBe(ids.therapist('lucia-fernandez'));
    }
    expect(links.some((l) => l.includes('start='))).toBe(true);
    expect(await tableCounts()).toEqual(before);
  });

  test('the best three first; Show more posts the answers again and shows the rest', async () => {
    const answers: Fields = [
      ['relationship', 'couple'],
      ['concerns', 'communication-barriers'],
      ['format', 'either'],
      ['safety', 'no'],
    ];
    const results = await post([...answers, ['step', '8'], ['go', 'next']]);
    const first = resultSlugs(results);
    expect(first).toHaveLength(3);
    expect(results).toMatch(/<button class="button" type="submit" name="go" value="more">Show (\d+) more<\/button>/);
    const couples = DEMO_THERAPISTS.filter((d) => d.relationships.includes('couple'));
    const all = await answer(results, [], 'more');
    const everyone = resultSlugs(all);
    expect(everyone.slice(0, 3)).toEqual(first);
    expect(everyone.sort()).toEqual(couples.map((d) => d.slug).sort());
    expect(all).not.toContain('value="more"');
    // Best first, by points (shown as a fit label; the points are in data-score).
    const points = [...all.matchAll(/data-score="(\d+)"/g)].map((m) => Number(m[1]));
    expect(points.length).toBe(everyone.length);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    expect(all).not.toMatch(/\d+ points/);
  });

  test('Back posts one step back with every answer kept, including the step being left', async () => {
    let html = await post([
      ['relationship', 'family'],
      ['step', '1'],
      ['go', 'next'],
    ]);
    html = await answer(html, [['concerns', 'family-conflict']]);
    expect(stepOf(html)).toBe(3);
    const back = await answer(html, [['format', 'in_person']], 'back');
    expect(stepOf(back)).toBe(2);
    expect(back).toMatch(/name="concerns" value="family-conflict" checked=""/);
    expect(hiddenFields(back)).toEqual(
      expect.arrayContaining([
        ['relationship', 'family'],
        ['format', 'in_person'],
      ]),
    );
    const back1 = await answer(back, [['concerns', 'family-conflict']], 'back');
    expect(stepOf(back1)).toBe(1);
    expect(back1).toMatch(/name="relationship" value="family" checked=""/);
    // From the results, Back is the last question, answers intact.
    const results = await post([
      ['relationship', 'family'],
      ['concerns', 'family-conflict'],
      ['format', 'online'],
      ['step', '8'],
      ['go', 'back'],
    ]);
    expect(stepOf(results)).toBe(7);
    expect(hiddenFields(results)).toEqual(expect.arrayContaining([['format', 'online']]));
  });

  test('a required answer left empty is an error on that step, linked from a summary', async () => {
    const html = await post([
      ['step', '1'],
      ['go', 'next'],
    ]);
    expect(stepOf(html)).toBe(1);
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#f-relationship">Choose who is coming to the sessions</a>');
    const two = await post([
      ['relationship', 'couple'],
      ['step', '2'],
      ['go', 'next'],
    ]);
    expect(stepOf(two)).toBe(2);
    expect(two).toContain('Choose at least one thing that is happening');
    // Tampered hidden values are dropped, not trusted.
    const odd = await post([
      ['relationship', 'spaceship'],
      ['concerns', 'nope'],
      ['step', '8'],
      ['go', 'next'],
    ]);
    expect(stepOf(odd)).toBe(1);
  });

  test('a couple is asked the private safety question; a yes shows helplines and suggests an individual first session', async () => {
    let html = await post([
      ['relationship', 'couple'],
      ['step', '1'],
      ['go', 'next'],
    ]);
    expect(html).toContain('Is there anything that makes you afraid at home: fear, control or harm from your partner?');
    expect(html).toContain('not shown to your partner');
    expect(html).toContain('data-quick-exit');
    html = await answer(html, [
      ['concerns', 'trust-issues'],
      ['safety', 'yes'],
    ]);
    expect(stepOf(html)).toBe(3);
    for (const n of ['0808 2000 247', '0808 8010 327', 'tel:999', 'National Domestic Abuse Helpline', 'Men’s Advice Line']) expect(html).toContain(n);
    // The yes travels only in this person's own POST bodies.
    expect(hiddenFields(html)).toEqual(expect.arrayContaining([['safety', 'yes']]));
    html = await answer(html, [['format', 'either']]);
    for (let i = 0; i < 4; i++) html = await answer(html, []);
    expect(html).toContain('We suggest a first session on your own');
    expect(html).toContain('0808 2000 247');
    const slugs = resultSlugs(await answer(html, [], 'more'));
    expect(slugs.length).toBeGreaterThan(0);
    // Daniel sees couples only: never suggested here. Everyone suggested sees people individually.
    expect(slugs).not.toContain('daniel-mensah');
    for (const s of slugs) expect(demo(s).relationships).toContain('individual');
    // No reason or link gives the answer away.
    expect(html).not.toMatch(/Works with couples/);
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) expect(decode(href!)).not.toMatch(/safety|concern|trust/i);
    // A "no" changes nothing: Daniel is back, no helplines box.
    const no = await post([
      ['relationship', 'couple'],
      ['concerns', 'trust-issues'],
      ['safety', 'no'],
      ['format', 'either'],
      ['step', '8'],
      ['go', 'more'],
    ]);
    expect(resultSlugs(no)).toContain('daniel-mensah');
    expect(no).not.toContain('0808 8010 327');
    expect(no).not.toContain('We suggest a first session on your own');
  });

  test('the self-check can start a match with its answers prefilled', async () => {
    const html = await post([
      ['relationship', 'couple'],
      ['concerns', 'trust-issues'],
      ['concerns', 'communication-barriers'],
    ]);
    expect(stepOf(html)).toBe(1);
    expect(html).toMatch(/name="relationship" value="couple" checked=""/);
    expect(hiddenFields(html)).toEqual(
      expect.arrayContaining([
        ['concerns', 'trust-issues'],
        ['concerns', 'communication-barriers'],
      ]),
    );
    const two = await answer(html, [['relationship', 'couple']]);
    expect(two).toMatch(/name="concerns" value="trust-issues" checked=""/);
  });

  test('when nobody meets every requirement, the least important one is relaxed and the page says so', async () => {
    // Nobody sees people in person in Polish: the format is relaxed first.
    const html = await post([
      ['relationship', 'individual'],
      ['concerns', 'self-esteem'],
      ['format', 'in_person'],
      ['languages', 'pl'],
      ['step', '8'],
      ['go', 'more'],
    ]);
    expect(html).toContain('Nobody meets everything you asked for');
    expect(html).toContain('data-relaxed="format"');
    expect(html).toContain('do not work in person');
    const slugs = resultSlugs(html);
    expect(slugs.length).toBeGreaterThan(0);
    for (const s of slugs) expect(demo(s).languages).toContain('pl');
    expect(html).toContain('Does not work in person');
  });

  test('psychosexual concerns go only to therapists trained for them', async () => {
    const html = await post([
      ['relationship', 'couple'],
      ['concerns', 'sexual-intimacy'],
      ['format', 'either'],
      ['step', '8'],
      ['go', 'more'],
    ]);
    const slugs = resultSlugs(html);
    expect(slugs.sort()).toEqual(
      DEMO_THERAPISTS.filter((d) => d.psychosexualTrained && d.relationships.includes('couple'))
        .map((d) => d.slug)
        .sort(),
    );
    expect(html).toContain('Trained in psychosexual therapy');
  });

  test('How we match prints the weights, the hard requirements and the relaxation order from the code', async () => {
    const res = await t.request('/match/how');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const [key, w] of Object.entries(MATCH_WEIGHTS)) {
      expect(html).toContain(`<tr data-weight="${key}"><th scope="row">${w.label}</th><td>${w.points}</td>`);
    }
    for (const h of HARD_REQUIREMENTS) expect(decode(html)).toContain(h.description);
    const order = [...html.matchAll(/data-relaxation="([a-z]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([...RELAXATION_ORDER]);
  });

  test('POST /api/v1/match ranks best first with reasons that are true of each therapist', async () => {
    const res = await api({
      relationship: 'couple',
      concerns: ['trust-issues', 'communication-barriers'],
      format: 'in_person',
      languages: ['fr', 'en'],
      times: ['saturdays'],
      budgetMaxMinor: 10000,
      therapistGender: 'woman',
      lgbtqAffirming: true,
      faithOrCulture: 'catholic',
    });
    expect(res.status).toBe(200);
    const { matches } = res.body;
    expect(matches.length).toBeGreaterThan(0);
    expect(res.body.suggestIndividualFirst).toBe(false);
    expect(res.body.relaxed).toBeUndefined();
    for (let i = 1; i < matches.length; i++) expect(matches[i - 1]!.score).toBeGreaterThanOrEqual(matches[i]!.score);
    for (const m of matches) {
      const d = demo(slugOf(m.therapistId));
      expect(d.inPerson).toBe(true);
      expect(d.relationships).toContain('couple');
      for (const r of m.reasons) {
        const concerns = /^Works with (.+)$/.exec(r);
        if (r === 'Works with couples') continue;
        if (concerns) {
          const named = ['trust-issues', 'communication-barriers'].filter((c) => concerns[1]!.includes(concernName(c).toLowerCase()));
          expect(named.length).toBeGreaterThan(0);
          for (const c of named) expect(d.concerns).toContain(c);
        } else if (r.startsWith('Speaks ')) {
          for (const code of ['fr', 'en']) if (r.includes(languageName(code))) expect(d.languages).toContain(code);
        } else if (r === 'Saturdays, in person') expect(d.hours.some(([day]) => day === 6)).toBe(true);
        else if (r.startsWith('Fee within your budget')) expect(d.feeMinor).toBeLessThanOrEqual(10000);
        else if (r === 'A woman therapist, as you preferred') expect(d.gender).toBe('woman');
        else if (r === 'LGBTQ+ affirming') expect(d.lgbtqAffirming).toBe(true);
        else if (r.startsWith('Experience with ')) expect(d.culturalExperience.map((x) => x.toLowerCase())).toContain('catholic');
        else if (r !== 'Works in person') throw new Error(`unexpected reason "${r}"`);
      }
      expect(m.nextFreeStart === null || /^\d{4}-\d\d-\d\dT\d\d:\d\d:00[+-]\d\d:\d\d$/.test(m.nextFreeStart)).toBe(true);
    }
    // Daniel (Saturdays, French, Catholic, in person) and Helen both qualify; Daniel meets more wishes.
    expect(matches.map((m) => slugOf(m.therapistId))).toEqual(expect.arrayContaining(['daniel-mensah', 'helen-carter']));
  });

  test('POST /api/v1/match: relaxation, the safety flag and the psychosexual route', async () => {
    const relaxed = await api({ relationship: 'individual', concerns: ['self-esteem'], format: 'in_person', languages: ['pl'] });
    expect(relaxed.body.relaxed).toMatchObject({ requirement: 'format' });
    expect(relaxed.body.relaxed!.explanation).toMatch(/in person/);
    const safe = await api({ relationship: 'couple', concerns: ['trust-issues'], format: 'either', safetyConcern: true, timeZone: 'America/New_York' });
    expect(safe.body.suggestIndividualFirst).toBe(true);
    expect(safe.body.matches.map((m) => slugOf(m.therapistId))).not.toContain('daniel-mensah');
    expect(safe.body.matches.every((m) => m.nextFreeStart === null || m.nextFreeStart.endsWith('-05:00'))).toBe(true);
    const sex = await api({ relationship: 'individual', concerns: ['sexual-intimacy'], format: 'either' });
    expect(sex.body.matches.map((m) => slugOf(m.therapistId)).sort()).toEqual(['marta-kowalska', 'priya-shah']);
  });

  test('POST /api/v1/match: bad input is a 422 problem+json with field errors', async () => {
    const cases: [unknown, string[]][] = [
      [{}, ['/relationship', '/concerns', '/format']],
      [{ relationship: 'situationship', concerns: [], format: 'telepathy' }, ['/relationship', '/concerns', '/format']],
      [{ relationship: 'couple', concerns: ['nope'], format: 'online', languages: ['English'] }, ['/concerns/0', '/languages/0']],
      [
        { relationship: 'couple', concerns: ['trust-issues'], format: 'online', budgetMaxMinor: -5, style: { directive: 'bossy' } },
        ['/budgetMaxMinor', '/style/directive'],
      ],
      [{ relationship: 'couple', concerns: ['trust-issues'], format: 'online', therapistId: 'x' }, ['']],
      [{ relationship: 'couple', concerns: ['trust-issues'], format: 'online', timeZone: 'Mars/Base' }, ['/timeZone']],
    ];
    for (const [body, pointers] of cases) {
      const res = await api(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
      const got = res.body.errors!.map((e) => e.pointer);
      for (const p of pointers)
        expect(
          got.some((g) => (p === '' ? true : g === p)),
          `${JSON.stringify(body)}: ${got}`,
        ).toBe(true);
    }
    const broken = await t.request('/api/v1/match', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: '{"relationship":',
    });
    expect(broken.status).toBeLessThan(500);
    expect(broken.headers.get('content-type')).toBe('application/problem+json');
    const doc = (await (await t.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/match');
  });
});
