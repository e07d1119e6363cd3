// The private safety question for each partner before joint sessions: a page of its own, linked from
// every booking confirmation, whose answer changes what the page shows and is never kept.
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { readOutbox } from '../support/outbox.ts';

describe('the safety question on its own page', () => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp('sqlite', { clock });

  /** Rows in every table: the answer must leave them all as they were. */
  const rowCounts = async () => {
    const tables = (
      await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(t.deps.database.db)
    ).rows.map((r) => r.name);
    const counts: Record<string, number> = {};
    for (const name of tables)
      counts[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(t.deps.database.db)).rows[0]!.n);
    return counts;
  };

  test('the question, asked privately, with urgent help and a quick exit', async () => {
    const html = await (await t.request('/safety')).text();
    expect(html).toContain('Is there anything that makes you afraid at home');
    expect(html).toContain('<form method="post" action="/safety"');
    expect(html).toContain('class="urgent-help-notice"');
    expect(html).toContain('data-quick-exit');
    expect(html).toContain('never shown to your partner');
  });

  test('yes: domestic-abuse helplines and a first session alone; nothing is kept', async () => {
    const before = await rowCounts();
    const res = await t.form('/safety', { safety: 'yes' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('0808 2000 247');
    expect(html).toContain('we suggest a first session on your own');
    const { ref } = await demoIds(t);
    expect(html).toContain(`href="/book?service=${ref('initial-consultation')}&amp;therapist=any"`);
    expect(await rowCounts()).toEqual(before);
    expect((await t.form('/safety', { safety: 'unsure' })).status).toBe(200);
    expect(await rowCounts()).toEqual(before);
  });

  test('no: thanks, and no helpline block; no answer: a message on the question', async () => {
    const no = await (await t.form('/safety', { safety: 'no' })).text();
    expect(no).toContain('Nothing you answered has been kept');
    expect(no).not.toContain('0808 2000 247</a>, free and open day and night');
    const none = await t.form('/safety', {});
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Choose an answer');
  });

  test('every booking confirmation, on the page and by e-mail, offers each partner the question', async () => {
    const ids = await demoIds(t);
    const res = await t.json('/api/v1/bookings', bookingBody(ids.therapist('amara-okafor'), ids.service('couples-counselling'), '2027-03-03T10:00:00Z'));
    expect(res.status).toBe(201);
    const { manageUrl } = (await res.json()) as { manageUrl: string };
    expect(await (await t.request(`${new URL(manageUrl).pathname}?booked=1`)).text()).toContain('href="/safety"');
    const mail = (await readOutbox(t, 'booking-confirmation')).at(-1)!;
    expect(mail.body_text).toContain(`${new URL(manageUrl).origin}/safety`);
  });
});
