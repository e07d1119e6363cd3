// The directory (/therapists) and profiles (/therapists/{slug}) over HTTP, on both databases: every filter
// against an oracle built from the demo data, next free times, the empty-result advice, pagination.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEMO_THERAPISTS } from '../../src/db/demo-data.ts';
import { CONCERNS, GENDERS } from '../../src/domain/types.ts';
import { useTestApp } from '../support/app.ts';
import { demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { decodeHtml as decode } from '../support/html.ts';

type Demo = (typeof DEMO_THERAPISTS)[number];
const NOW = '2027-03-01T08:00:00Z'; // a Monday, 08:00 in London

/** The therapists a directory page lists, by the profile links of its result cards. */
function listed(html: string): string[] {
  const results = html.split('id="results-title"')[1] ?? '';
  return [...results.matchAll(/<h3><a href="\/therapists\/([a-z0-9-]+)">/g)].map((m) => m[1]!);
}
const heading = (html: string) => /id="results-title"[^>]*>([^<]+)</.exec(html)?.[1];

// Oracles for the time windows, written from the rule in the issue, apart from the code.
const ORACLE_WINDOWS = {
  weekday_daytime: (d: Demo) => d.hours.some(([day, start]) => day >= 1 && day <= 5 && start < '17:00'),
  evenings: (d: Demo) => d.hours.some(([, , end]) => end > '18:00'),
  saturdays: (d: Demo) => d.hours.some(([day]) => day === 6),
};

describe.each(DIALECTS)('directory on %s', (dialect) => {
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const clock = fixedClock(NOW);
  const page = async (query: string) => {
    const res = await t.request(`/therapists${query}`);
    expect(res.status).toBe(200);
    return res.text();
  };
  const expectListed = async (query: string, predicate: (d: Demo) => boolean) => {
    const html = await page(query);
    const expected = DEMO_THERAPISTS.filter(predicate)
      .map((d) => d.slug)
      .sort();
    expect(listed(html).sort(), query).toEqual(expected);
    expect(heading(html), query).toBe(expected.length === 1 ? '1 therapist' : `${expected.length} therapists`);
    return html;
  };

  const t = useTestApp(dialect, { clock });
  beforeAll(async () => {
    ids = await demoIds(t);
  });

  test('every filter lists exactly the therapists that meet it', async () => {
    for (const c of CONCERNS) await expectListed(`?concern=${c.id}`, (d) => d.concerns.includes(c.id));
    await expectListed('?who=family', (d) => d.relationships.includes('family'));
    await expectListed('?language=pl', (d) => d.languages.includes('pl'));
    await expectListed('?format=in_person', (d) => d.inPerson);
    await expectListed(`?service=${ids.service('psychosexual-therapy')}`, (d) => d.services.includes('psychosexual-therapy'));
    for (const g of GENDERS) await expectListed(`?gender=${g}`, (d) => d.gender === g);
    for (const fee of ['60', '80', '100', '120']) await expectListed(`?fee=${fee}`, (d) => d.feeMinor <= Number(fee) * 100);
    for (const [w, holds] of Object.entries(ORACLE_WINDOWS)) await expectListed(`?time=${w}`, holds);
    // Several times: hours at one or more of them.
    await expectListed('?time=evenings&time=saturdays', (d) => ORACLE_WINDOWS.evenings(d) || ORACLE_WINDOWS.saturdays(d));
    // Filters combine.
    await expectListed(
      '?gender=woman&fee=100&time=evenings&format=online',
      (d) => d.gender === 'woman' && d.feeMinor <= 10000 && ORACLE_WINDOWS.evenings(d) && d.online,
    );
  });

  test('"free in the next 7 days" comes from real slots: a therapist away all week drops out', async () => {
    const all = await expectListed('?soon=1', () => true);
    expect(all).toContain('checked');
    const helen = ids.therapist('helen-carter');
    const days = Array.from({ length: 9 }, (_, i) => new Date(Date.parse(NOW) + i * 86_400_000).toISOString().slice(0, 10));
    await t.deps.database.db
      .insertInto('availability_overrides')
      .values(days.map((date) => ({ therapist_id: helen, date, start_time: null, end_time: null })))
      .execute();
    try {
      await expectListed('?soon=1', (d) => d.slug !== 'helen-carter');
      await expectListed('?soon=1&format=in_person', (d) => d.inPerson && d.slug !== 'helen-carter');
      // Without the filter she is still listed, with her next free time after the week away.
      const html = await page('?concern=emotional-availability');
      expect(listed(html)).toContain('helen-carter');
    } finally {
      await t.deps.database.db.deleteFrom('availability_overrides').where('therapist_id', '=', helen).execute();
    }
  });

  test('each result shows concerns in words, languages, formats, fee and the next free time, linked into booking', async () => {
    const html = await page('?language=pl&format=online');
    const card = html.slice(html.indexOf('href="/therapists/tomasz-nowak"'));
    const tomasz = card.slice(0, card.indexOf('</li>'));
    expect(tomasz).toContain('Communication barriers, Family conflict and Strained friendships');
    expect(tomasz).toContain('English and Polish');
    expect(tomasz).toContain('<dd>Online</dd>');
    expect(tomasz).toContain('£70 a session');
    // Tomasz works weekday evenings from 17:30; the consultation needs 12 hours' notice, so 20:00 today.
    expect(tomasz).toContain('Mon 1 Mar at 20:00 (GMT)');
    // Issue 11: the time is a <time> the visitor's browser may show in their own zone.
    const href = decode(/<a href="(\/book\?[^"]+)" data-zone-link=""><time[^>]*>Mon 1 Mar/.exec(tomasz)?.[1] ?? '');
    const params = new URL(href, 'http://x').searchParams;
    expect(params.get('service')).toBe(ids.ref('initial-consultation'));
    expect(params.get('therapist')).toBe(ids.therapist('tomasz-nowak'));
    expect(params.get('start')).toBe('2027-03-01T20:00:00+00:00');
    // In the viewer's zone when tz is given; the zone travels into booking.
    const ny = await page('?language=pl&format=online&tz=America%2FNew_York');
    expect(ny).toContain('Mon 1 Mar at 15:00 (GMT-5)');
    expect(ny).toContain('start=2027-03-01T15%3A00%3A00-05%3A00');
    expect(ny).toContain('tz=America%2FNew_York');
    expect(ny).toContain('name="tz" value="America/New_York"');
  });

  test('an empty result names a filter that, removed, gives results, and links to them', async () => {
    for (const query of [
      '?language=he&format=in_person',
      '?gender=non_binary&fee=60&time=saturdays',
      '?concern=sexual-intimacy&who=family&soon=1',
      '?language=pl&fee=60',
    ]) {
      const html = await page(query);
      expect(heading(html), query).toBe('0 therapists');
      expect(html).toContain('Try removing one of them');
      const loosen = /<p data-loosen="([a-z]+)">[\s\S]*?(\d+) therapists? match[\s\S]*?<a href="([^"]+)"/.exec(html);
      expect(loosen, query).not.toBeNull();
      const [, key, count, href] = loosen!;
      expect(new URLSearchParams(query).has(key!), query).toBe(true);
      const without = new URL(decode(href!), 'http://x');
      expect(without.searchParams.has(key!)).toBe(false);
      const after = await page(without.search);
      expect(heading(after)).toBe(count === '1' ? '1 therapist' : `${count} therapists`);
      expect(Number(count)).toBeGreaterThan(0);
    }
  });

  test('more than 20 results are paged, 20 at a time, by name, with working links', async () => {
    const { db } = t.deps.database;
    const now = Date.parse(NOW);
    const extra = Array.from({ length: 25 }, (_, i) => ({
      id: randomUUID(),
      slug: `extra-${String(i).padStart(2, '0')}`,
      name: `Zz Extra ${String(i).padStart(2, '0')}`,
      pronouns: 'they/them',
      gender: 'non_binary',
      bio: 'A test therapist.',
      approach: 'Testing.',
      accreditations: '[]',
      fee_minor: 5000,
      currency: 'GBP',
      time_zone: 'Europe/London',
      years_practising: 1,
      lgbtq_affirming: 1,
      cultural_experience: '[]',
      offers_online: 1,
      offers_in_person: 0,
      psychosexual_trained: 0,
      style: '{"directive":0,"pastFocus":0,"challenging":0}',
      active: 1,
      created_at: now,
      updated_at: now,
      email: '',
    }));
    await db.insertInto('therapists').values(extra).execute();
    await db
      .insertInto('therapist_concerns')
      .values(extra.map((x) => ({ therapist_id: x.id, concern_id: 'loneliness' })))
      .execute();
    await db
      .insertInto('therapist_languages')
      .values(extra.map((x) => ({ therapist_id: x.id, language: 'en' })))
      .execute();
    await db
      .insertInto('therapist_relationships')
      .values(extra.map((x) => ({ therapist_id: x.id, relationship: 'individual' })))
      .execute();
    try {
      const lonely = DEMO_THERAPISTS.filter((d) => d.concerns.includes('loneliness')).length + extra.length;
      const first = await page('?concern=loneliness');
      expect(heading(first)).toBe(`${lonely} therapists`);
      expect(listed(first)).toHaveLength(20);
      expect(first).toContain(`Page 1 of ${Math.ceil(lonely / 20)}`);
      const next = decode(/<a href="([^"]+)" rel="next">Next page<\/a>/.exec(first)?.[1] ?? '');
      expect(next).toContain('page=2');
      expect(next).toContain('concern=loneliness');
      const second = await page(next.replace('/therapists', ''));
      expect(listed(second)).toHaveLength(lonely - 20);
      expect(second).toContain('rel="prev"');
      const both = [...listed(first), ...listed(second)];
      expect(new Set(both).size).toBe(lonely);
      // By name: the demo therapists first, the "Zz" ones after.
      expect(listed(second).every((s) => s.startsWith('extra-'))).toBe(true);
      // A page past the end shows the last page.
      expect(listed(await page('?concern=loneliness&page=99'))).toEqual(listed(second));
    } finally {
      const ids = extra.map((x) => x.id);
      for (const table of ['therapist_concerns', 'therapist_languages', 'therapist_relationships'] as const) {
        await db.deleteFrom(table).where('therapist_id', 'in', ids).execute();
      }
      await db.deleteFrom('therapists').where('id', 'in', ids).execute();
    }
  });

  test('the filters follow every change to concerns, relationships and hours (the masks are kept in step)', async () => {
    const { db } = t.deps.database;
    const jonah = ids.therapist('jonah-levi');
    const has = async (query: string) => listed(await page(query)).includes('jonah-levi');
    expect(await has('?concern=trust-issues')).toBe(false);
    await db.insertInto('therapist_concerns').values({ therapist_id: jonah, concern_id: 'trust-issues' }).execute();
    expect(await has('?concern=trust-issues')).toBe(true);
    await db
      .updateTable('therapist_concerns')
      .set({ concern_id: 'sexual-intimacy' })
      .where('therapist_id', '=', jonah)
      .where('concern_id', '=', 'trust-issues')
      .execute();
    expect(await has('?concern=trust-issues')).toBe(false);
    expect(await has('?concern=sexual-intimacy')).toBe(true);
    await db.deleteFrom('therapist_concerns').where('therapist_id', '=', jonah).where('concern_id', '=', 'sexual-intimacy').execute();
    expect(await has('?concern=sexual-intimacy')).toBe(false);
    expect(await has('?who=couple')).toBe(false);
    await db.insertInto('therapist_relationships').values({ therapist_id: jonah, relationship: 'couple' }).execute();
    expect(await has('?who=couple')).toBe(true);
    await db.deleteFrom('therapist_relationships').where('therapist_id', '=', jonah).where('relationship', '=', 'couple').execute();
    expect(await has('?who=couple')).toBe(false);
    // Jonah works early mornings and evenings, never on Saturdays.
    expect(await has('?time=saturdays')).toBe(false);
    await db
      .updateTable('weekly_hours')
      .set({ weekday: 6 })
      .where('therapist_id', '=', jonah)
      .where('weekday', '=', 1)
      .where('start_time', '=', '07:30')
      .execute();
    expect(await has('?time=saturdays')).toBe(true);
    await db.updateTable('weekly_hours').set({ weekday: 1 }).where('therapist_id', '=', jonah).where('weekday', '=', 6).execute();
    expect(await has('?time=saturdays')).toBe(false);
    await db.deleteFrom('weekly_hours').where('therapist_id', '=', jonah).where('start_time', '=', '19:00').execute();
    expect(await has('?time=evenings')).toBe(false);
    await db
      .insertInto('weekly_hours')
      .values([1, 2, 3, 4].map((weekday) => ({ therapist_id: jonah, weekday, start_time: '19:00', end_time: '21:00' })))
      .execute();
    expect(await has('?time=evenings')).toBe(true);
  });

  test('bad filter values are reported and left out; the good ones still apply', async () => {
    const html = await page('?gender=robot&fee=7&time=midnight&time=evenings&tz=Mars%2FBase&page=-3&language=pl');
    expect(html).toContain('Some filters could not be used');
    for (const field of ['gender', 'fee', 'time', 'tz', 'page']) expect(html).toContain(`href="#f-${field}"`);
    expect(listed(html).sort()).toEqual(
      DEMO_THERAPISTS.filter((d) => d.languages.includes('pl') && ORACLE_WINDOWS.evenings(d))
        .map((d) => d.slug)
        .sort(),
    );
  });

  test('the filter form is a plain GET form with every filter, and the API keeps its contract', async () => {
    const html = await page('');
    // Issue 11: filtering lands on the results' count.
    expect(html).toContain('<form class="filters" method="get" action="/therapists#results-title"');
    for (const name of ['concern', 'who', 'service', 'language', 'format', 'gender', 'fee']) expect(html).toContain(`<select id="f-${name}" name="${name}">`);
    for (const w of Object.keys(ORACLE_WINDOWS)) expect(html).toContain(`name="time" value="${w}"`);
    expect(html).toContain('name="soon" value="1"');
    // The language list is every language an active therapist speaks, and only those.
    const options = (page: string) =>
      [...(/<select id="f-language"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '').matchAll(/value="([a-z]{2})"/g)].map((m) => m[1]).sort();
    expect(options(html)).toEqual([...new Set(DEMO_THERAPISTS.flatMap((d) => d.languages))].sort());
    const jonah = ids.therapist('jonah-levi'); // the only one who speaks Hebrew
    await t.deps.database.db.updateTable('therapists').set({ active: 0 }).where('id', '=', jonah).execute();
    try {
      expect(options(await page(''))).not.toContain('he');
    } finally {
      await t.deps.database.db.updateTable('therapists').set({ active: 1 }).where('id', '=', jonah).execute();
    }
    // The API filters by concern, language, format and service only: other parameters change nothing.
    const all = ((await (await t.request('/api/v1/therapists')).json()) as { therapists: unknown[] }).therapists;
    const withExtras = ((await (await t.request('/api/v1/therapists?gender=man&fee=60&time=saturdays')).json()) as { therapists: unknown[] }).therapists;
    expect(withExtras).toEqual(all);
  });

  test('a profile shows what they help with, the next free times linked into booking, and schema.org data; nothing third-party', async () => {
    const res = await t.request('/therapists/marta-kowalska');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('What Marta helps with');
    expect(html).toContain('Sexual intimacy');
    expect(html).toContain('trained in psychosexual therapy');
    // Marta works Wednesday to Friday 16:00–21:00: the first free consultation is Wednesday 3 March at 16:00.
    const times = [...html.matchAll(/<a href="(\/book\?[^"]+)">([^<]+)</g)].filter(([, href]) => href!.includes('start='));
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times[0]![2]).toBe('Wed 3 Mar at 16:00 (GMT)');
    const first = new URL(decode(times[0]![1]!), 'http://x').searchParams;
    expect(first.get('start')).toBe('2027-03-03T16:00:00+00:00');
    expect(first.get('therapist')).toBe(ids.therapist('marta-kowalska'));
    expect(first.get('service')).toBe(ids.ref('initial-consultation'));
    const ld = JSON.parse(/<script type="application\/ld\+json"[^>]*>([^<]+)<\/script>/.exec(html)![1]!) as Record<string, unknown>;
    expect(ld).toMatchObject({ '@type': 'Person', name: 'Marta Kowalska', knowsLanguage: ['en', 'pl'] });
    expect(ld.knowsAbout).toContain('Sexual intimacy');
    expect((ld.makesOffer as { price: string }[]).map((o) => o.price)).toContain('95.00');
    expect(html).not.toMatch(/<(iframe|embed|object)\b/);
    expect(html).not.toMatch(/<(script|img|link)[^>]+(src|href)="(https?:)?\/\//);
    const ny = await (await t.request('/therapists/marta-kowalska?tz=America%2FNew_York')).text();
    expect(ny).toContain('Wed 3 Mar at 11:00 (GMT-5)');
  });
});
