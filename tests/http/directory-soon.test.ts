// "Free in the next 7 days" in a directory bigger than a page: it stops looking once it has the page
// asked for and one more therapist, says "more than", and still gives exact figures when it reaches the end.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { searchDirectory } from '../../src/usecases/matching/match.ts';
import { useTestApp } from '../support/app.ts';
import { fixedClock } from '../support/booking.ts';

describe('the "free in the next 7 days" filter over many therapists', () => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  // More than one batch of the filter's walk (200), so that page 1 stops early.
  const COPIES = 230;
  const t = useTestApp('sqlite', { clock });
  beforeAll(async () => {
    const { db } = t.deps.database;
    // 230 more therapists with Amara Okafor's hours, services and languages (so all free this week).
    const amara = await db.selectFrom('therapists').selectAll().where('slug', '=', 'amara-okafor').executeTakeFirstOrThrow();
    const links = {
      hours: await db.selectFrom('weekly_hours').selectAll().where('therapist_id', '=', amara.id).execute(),
      services: await db.selectFrom('therapist_services').selectAll().where('therapist_id', '=', amara.id).execute(),
      languages: await db.selectFrom('therapist_languages').selectAll().where('therapist_id', '=', amara.id).execute(),
    };
    for (let i = 0; i < COPIES; i++) {
      const id = randomUUID();
      await db
        .insertInto('therapists')
        .values({ ...amara, id, slug: `copy-${String(i).padStart(3, '0')}`, name: `Copy ${String(i).padStart(3, '0')}` })
        .execute();
      for (const { id: _rowId, ...h } of links.hours)
        await db
          .insertInto('weekly_hours')
          .values({ ...h, therapist_id: id })
          .execute();
      for (const s of links.services)
        await db
          .insertInto('therapist_services')
          .values({ ...s, therapist_id: id })
          .execute();
      for (const l of links.languages)
        await db
          .insertInto('therapist_languages')
          .values({ ...l, therapist_id: id })
          .execute();
    }
  });

  test('page 1: twenty shown, "more than", and a next page, without looking through everyone', async () => {
    const first = await searchDirectory(t.deps, { soon: true }, 1);
    expect(first.therapists).toHaveLength(20);
    expect(first.totalIsAtLeast).toBe(true);
    expect(first.total).toBeGreaterThan(20);
    expect(first.total).toBeLessThan(COPIES);
    expect(first.pages).toBeGreaterThan(1);
    const html = await (await t.request('/therapists?soon=1')).text();
    expect(html).toContain(`More than ${first.total - 1} therapists`);
    expect(html).toContain('rel="next"');
    expect(html).not.toMatch(/Page 1 of/);
  });

  test('a page past the end: the whole list was looked through, so the figures are exact', async () => {
    const all = await searchDirectory(t.deps, {}, 1);
    const last = await searchDirectory(t.deps, { soon: true }, 30);
    expect(last.totalIsAtLeast).toBe(false);
    expect(last.total).toBeGreaterThanOrEqual(COPIES);
    expect(last.total).toBeLessThanOrEqual(all.total);
    expect(last.page).toBe(last.pages);
    // Page 2 asked directly: the same therapists as walking from page 1.
    const second = await searchDirectory(t.deps, { soon: true }, 2);
    const firstPage = await searchDirectory(t.deps, { soon: true }, 1);
    expect(second.therapists.map((x) => x.id)).not.toContain(firstPage.therapists[0]!.id);
    expect(second.therapists).toHaveLength(20);
  });
});
