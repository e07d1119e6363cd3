// Issue 11, over HTTP on both databases: match results that respect the times of day asked for, fit labels
// with ties explained and "Talk to us" beside them; "Not the right fit?" from the results and from a
// booking's manage page (leaves out who was seen, keeps the answers in POST bodies, what did not fit changes
// the ranking, nothing stored); the manage page saying the truth (fee, where, the change rule, cancelled);
// the waiting-list pages in words, with a way back on error.
import { describe, expect, test } from 'vitest';
import { DEMO_THERAPISTS } from '../../src/db/demo-data.ts';
import { FIT_BANDS } from '../../src/domain/match-fit.ts';
import { REMATCH_WEIGHTS } from '../../src/domain/rematch.ts';
import { ORIGIN } from '../support/app.ts';
import { countRows, useBookingApp } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { decodeHtml as decode } from '../support/html.ts';
import { readOutbox } from '../support/outbox.ts';

type Fields = [string, string][];
const resultSlugs = (html: string) => [...html.matchAll(/<li class="card match"><h2 id="match-\d+"><a href="\/therapists\/([a-z-]+)"/g)].map((m) => m[1]!);
const feeOf = (slug: string) => DEMO_THERAPISTS.find((d) => d.slug === slug)!.feeMinor;
/** The hidden fields of the form posting to /match that holds `marker`. */
function formFields(html: string, marker: string): Fields {
  const at = html.indexOf(marker);
  const start = html.lastIndexOf('<form', at);
  const body = html.slice(start, html.indexOf('</form>', at));
  return [...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]);
}
/** The hour and weekday a start shows in London. */
const london = (iso: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(
    Date.parse(iso),
  );
  return { hour: Number(parts.find((p) => p.type === 'hour')!.value), weekday: parts.find((p) => p.type === 'weekday')!.value };
};
const offeredStarts = (html: string) =>
  [...html.matchAll(/href="(\/book\?[^"]+)"/g)].map((m) => new URL(decode(m[1]!), ORIGIN).searchParams.get('start')).filter((s): s is string => s !== null);

describe.each(DIALECTS)('match results, rematch, manage and waiting list on %s', (dialect) => {
  const { t, clock, ids } = useBookingApp(dialect, { env: { TRUST_PROXY_HOPS: '1' } });
  const post = async (fields: Fields, path = '/match') => {
    const res = await t.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, text: await res.text() };
  };
  const page = async (path: string) => {
    const res = await t.request(path);
    return { status: res.status, text: await res.text() };
  };
  const couple: Fields = [
    ['relationship', 'couple'],
    ['concerns', 'communication-barriers'],
    ['safety', 'no'],
    ['format', 'either'],
  ];
  const results = (answers: Fields, go = 'more') => post([...answers, ['step', '8'], ['go', go]]);
  const book = async (therapist: string, service: string, start: string, email: string) => {
    const res = await t.form('/book', {
      service: ids.service(service),
      therapist: ids.therapist(therapist),
      tz: 'Europe/London',
      start,
      idempotencyKey: `key-${email}-123456`,
      name: 'Sky',
      email,
      consent: 'yes',
    });
    expect(res.status).toBe(303);
    return res.headers.get('location')!.replace('?booked=1', '');
  };

  test('an "evenings" couple is offered only times from 18:00; weekday daytimes only Monday to Friday before 17:00', async () => {
    const evenings = await results([...couple, ['times', 'evenings']]);
    expect(evenings.status).toBe(200);
    const starts = offeredStarts(evenings.text);
    expect(starts.length).toBeGreaterThan(5);
    for (const s of starts) expect(london(s).hour, s).toBeGreaterThanOrEqual(18);
    // Sam Rivers has mornings from 08:00 and Tuesday evenings: only the evenings are offered.
    expect(resultSlugs(evenings.text)).toContain('sam-rivers');
    expect(evenings.text).toContain('Only times in evenings are shown, as you asked.');
    const daytime = await results([...couple, ['times', 'weekday_daytime']]);
    const dayStarts = offeredStarts(daytime.text);
    expect(dayStarts.length).toBeGreaterThan(5);
    for (const s of dayStarts) {
      expect(london(s).hour, s).toBeLessThan(17);
      expect(['Sat', 'Sun']).not.toContain(london(s).weekday);
    }
    const saturdays = await results([...couple, ['times', 'saturdays']]);
    for (const s of offeredStarts(saturdays.text)) expect(london(s).weekday, s).toBe('Sat');
    // The API's next free time follows the same rule.
    const api = await t.json('/api/v1/match', { relationship: 'couple', concerns: ['communication-barriers'], format: 'either', times: ['evenings'] });
    const body = (await api.json()) as { matches: { nextFreeStart: string | null }[] };
    for (const m of body.matches) if (m.nextFreeStart) expect(london(m.nextFreeStart).hour).toBeGreaterThanOrEqual(18);
  });

  test('fit labels instead of points, ties explained, talk to us beside the results, "Book with" keeps its space', async () => {
    const { text } = await results(couple);
    expect(text).not.toMatch(/\d+ points/);
    const labels = [...text.matchAll(/<p class="fit fit--[a-z]+" data-score="(\d+)"><strong>([^<]+)<\/strong>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(labels.length).toBe(resultSlugs(text).length);
    // One concern asked: who works with it has every point there is (a strong fit), who does not has none.
    for (const [score, label] of labels) expect(label).toBe(score === 30 ? 'Strong fit' : 'Partial fit');
    expect(labels.filter(([, l]) => l === 'Strong fit').length).toBeGreaterThan(1);
    expect(text).toMatch(/As good a fit as [A-Z][a-z]+ [A-Z][a-z]+, who comes first only because their next free time is sooner\./);
    // How we match prints the bands and the second match's points from the same constants.
    const how = await page('/match/how');
    for (const band of FIT_BANDS) expect(decode(how.text)).toContain(`<strong>${band.label}</strong>: ${band.description}.`);
    for (const [key, w] of Object.entries(REMATCH_WEIGHTS)) {
      expect(decode(how.text)).toContain(`${w.points} points ${w.description}.`);
      expect(how.text).toContain(`data-rematch="${key}"`);
    }
    expect(text).toContain('Talk to us before choosing');
    expect(text).toContain('href="/contact?kind=callback#callback-title"');
    const first = DEMO_THERAPISTS.find((d) => d.slug === resultSlugs(text)[0])!.name.split(' ')[0];
    expect(text).toContain(`Book with ${first}<span class="visually-hidden"> (a free consultation)</span>`);
    expect(text).not.toMatch(/Book<span[^>]*>[^<]*<\/span>with/);
  });

  test('not the right fit, from the results: who was shown is left out, answers kept in the POST body, what did not fit reorders, nothing stored', async () => {
    const before = { bookings: await countRows(t, 'bookings'), waitlist: await countRows(t, 'waitlist'), outbox: await countRows(t, 'outbox') };
    const first = await results(couple, 'next');
    const shown = resultSlugs(first.text);
    expect(shown).toHaveLength(3);
    expect(first.text).toContain('Not the right fit?');
    // The rematch form carries every answer as hidden fields and offers each shown therapist, ticked.
    const carried = formFields(first.text, 'name="misfit"');
    expect(carried).toEqual(expect.arrayContaining(couple));
    for (const slug of shown) expect(first.text).toMatch(new RegExp(`name="exclude" value="${ids.therapist(slug)}" checked=""`));
    const rematch = await post([...carried, ...shown.map((s): [string, string] => ['exclude', ids.therapist(s)]), ['misfit', 'other'], ['go', 'rematch']]);
    expect(rematch.status).toBe(200);
    expect(rematch.text).toContain('A second match');
    for (const slug of shown) expect(rematch.text).toContain(DEMO_THERAPISTS.find((d) => d.slug === slug)!.name);
    const second = resultSlugs(rematch.text);
    expect(second.length).toBeGreaterThan(0);
    for (const slug of shown) expect(second).not.toContain(slug);
    // Show more keeps who was left out.
    const more = await post([...formFields(rematch.text, 'value="more"'), ['go', 'more']]);
    for (const slug of shown) expect(resultSlugs(more.text)).not.toContain(slug);
    // No link on the page carries an answer.
    for (const [, href] of rematch.text.matchAll(/href="([^"]+)"/g)) expect(decode(href!)).not.toMatch(/concern|communication|safety|misfit|exclude/);
    expect({ bookings: await countRows(t, 'bookings'), waitlist: await countRows(t, 'waitlist'), outbox: await countRows(t, 'outbox') }).toEqual(before);

    // "Their fee": leaving out Helen Carter (£100), everyone cheaper comes before everyone who is not.
    const helen = ids.therapist('helen-carter');
    const byFee = resultSlugs((await post([...couple, ['exclude', helen], ['misfit', 'fee'], ['step', '8'], ['go', 'rematch']])).text);
    const byOther = resultSlugs((await post([...couple, ['exclude', helen], ['misfit', 'other'], ['step', '8'], ['go', 'rematch']])).text);
    expect(byFee).not.toContain('helen-carter');
    const cheaper = byFee.map((s) => feeOf(s) < feeOf('helen-carter'));
    expect(cheaper.indexOf(false) === -1 || cheaper.slice(cheaper.indexOf(false)).every((c) => !c)).toBe(true);
    expect(byFee.slice(0, 3)).not.toEqual(byOther.slice(0, 3));
    const feeText = (await post([...couple, ['exclude', helen], ['misfit', 'fee'], ['step', '8'], ['go', 'more']])).text;
    expect(feeText).toMatch(/A lower fee: £\d+ a session, against £100/);

    // Nobody ticked: the form comes back with a message beside the field.
    const none = await post([...couple, ['misfit', 'fee'], ['step', '8'], ['go', 'rematch']]);
    expect(none.text).toContain('<title>Error: ');
    expect(none.text).toContain('href="#f-rm-exclude">Choose at least one therapist to leave out</a>');
    // A tampered id is dropped, not trusted.
    const odd = await post([...couple, ['exclude', '<script>'], ['misfit', 'nonsense'], ['step', '8'], ['go', 'rematch']]);
    expect(odd.status).toBe(200);
    expect(odd.text).not.toContain('&lt;script&gt;');
  });

  test('the manage page of a confirmed joint session: fee, where, the change rule in words, no joining-link promise, the partner question, rematch', async () => {
    const manage = await book('daniel-mensah', 'couples-counselling', '2027-03-04T18:00:00.000Z', 'sky1@example.com');
    const { text } = await page(manage);
    expect(text).toContain('£120 for this session');
    expect(text).toMatch(/<dt>Where<\/dt><dd>(Online, by video|In person at 14 Harbour Yard, London N1 7AB)<\/dd>/);
    expect(text).not.toContain('joining link comes');
    expect(text).not.toContain('the day before)');
    expect(text).toContain('Free to change or cancel online until 24 hours before (Wed 3 Mar at 18:00). After that, please call us on 020 7946 0321.');
    expect(text).toContain('Coming with a partner?');
    expect(text).toContain('href="/safety"');
    expect(text).toContain('Change the time');
    expect(text).toContain(`href="${new URL(manage, ORIGIN).pathname}/rematch"`);

    // Not the right fit: the booking gives who is coming, how they meet and the zone; Daniel is left out.
    const rematchPage = await page(`${manage}/rematch`);
    expect(rematchPage.status).toBe(200);
    expect(rematchPage.text).toContain('stays booked until you cancel it');
    const fields = formFields(rematchPage.text, 'name="misfit"');
    expect(fields).toEqual(
      expect.arrayContaining([
        ['relationship', 'couple'],
        ['exclude', ids.therapist('daniel-mensah')],
        ['tz', 'Europe/London'],
      ]),
    );
    const step = await post([...fields, ['misfit', 'availability'], ['go', 'rematch']]);
    expect(step.text).toContain('Step 2 of 7'); // what is happening is asked again: match answers are never stored
    expect(step.text).toContain('A second match, leaving out who you saw');
    const answered = await post([...formFields(step.text, 'name="step" value="2"'), ['concerns', 'trust-issues'], ['safety', 'no'], ['go', 'next']]);
    expect(answered.text).toContain('A second match');
    expect(answered.text).toContain('We have left out Daniel Mensah');
    expect(resultSlugs(answered.text)).not.toContain('daniel-mensah');
    expect(resultSlugs(answered.text).length).toBeGreaterThan(0);
  });

  test('an online session without VIDEO_URL_TEMPLATE: no joining link is promised, and the page says who sends it and what to do', async () => {
    const res = await t.form('/book', {
      service: ids.service('initial-consultation'),
      therapist: ids.therapist('lucia-fernandez'),
      tz: 'Europe/London',
      start: '2027-03-03T12:00:00.000Z',
      idempotencyKey: 'key-online-1234567',
      name: 'Sky',
      email: 'online@example.com',
      format: 'online',
      consent: 'yes',
    });
    expect(res.status).toBe(303);
    const text = (await page(res.headers.get('location')!.replace('?booked=1', ''))).text;
    expect(text).toContain('<dt>Where</dt><dd>Online, by video</dd>');
    expect(text).toContain(
      'This site does not send a joining link for this session: the practice sends you one itself. If nobody has told you how to join by the day before, please call us on',
    );
    expect(text).not.toMatch(/joining link (comes|is sent)/);
  });

  test('the manage page of a one-to-one session has no partner question; a free one says so; a cancelled one promises nothing', async () => {
    const manage = await book('helen-carter', 'initial-consultation', '2027-03-03T10:00:00.000Z', 'sky2@example.com');
    const open = (await page(manage)).text;
    expect(open).toContain('Free of charge');
    expect(open).not.toContain('Coming with a partner?');
    expect(open).not.toContain('Coming with family?');
    const family = await book('jonah-levi', 'family-counselling', '2027-03-02T19:00:00.000Z', 'sky3@example.com');
    expect((await page(family)).text).toContain('Coming with family?');

    expect((await t.form(`${manage}/cancel`, {})).status).toBe(303);
    const cancelled = (await page(manage)).text;
    expect(cancelled).toContain('Cancelled appointment');
    expect(cancelled).toContain('nothing to pay or to join');
    for (const gone of [
      'Change the time',
      '>Cancel<',
      'Where',
      'joining link',
      'Add to my calendar',
      'Coming with',
      'can change or cancel',
      'Your private link',
    ])
      expect(cancelled).not.toContain(gone);
    expect(cancelled).toContain('Book another time');
    expect(cancelled).toContain('Not the right fit?');
    expect((await page(`${manage}/rematch`)).text).not.toContain('stays booked');
    expect((await page('/manage/this-is-not-a-valid-token-for-anything/rematch')).status).toBe(404);
  });

  test('the waiting list in words: service, therapist, dates, what happens next and for how long; errors keep the way back; leaving says what is left', async () => {
    const couples = ids.service('couples-counselling');
    const daniel = ids.therapist('daniel-mensah');
    const base = { service: couples, therapist: daniel, tz: 'Europe/London', date: '2027-09-01' };
    const bad = await t.form('/book/waitlist', { ...base, name: '', email: 'x' });
    expect(bad.status).toBe(422);
    const badText = await bad.text();
    expect(badText).toContain('href="#f-wl-name">Enter your name</a>');
    expect(badText).toContain('href="#f-wl-email">Enter an e-mail address like name@example.com</a>');
    expect(badText).toContain('<strong>Couples counselling</strong> with Daniel Mensah, Wed 1 – Tue 28 September.');
    expect(badText).not.toMatch(/>[^<]*\d{4}-\d{2}-\d{2}/);
    expect(decode(badText)).toContain(`href="/book?service=${ids.ref('couples-counselling')}&therapist=${daniel}&tz=Europe%2FLondon&date=2027-09-01">`);
    expect(badText).toContain('Back to choosing a time');
    expect(await countRows(t, 'waitlist')).toBe(0);

    const good = await t.form('/book/waitlist', { ...base, name: 'Wren', email: 'wren@example.com' });
    expect(good.status).toBe(200);
    const goodText = await good.text();
    expect(goodText).toContain('<strong>Couples counselling</strong> with Daniel Mensah, Wed 1 – Tue 28 September.');
    expect(goodText).toContain('You stay on the list until Tue 28 September');
    expect(goodText).toContain('within 30 days');
    expect(goodText).not.toMatch(/>[^<]*2027-09-01/);
    const mail = (await readOutbox(t, 'waitlist-joined')).find((m) => m.to_address === 'wren@example.com')!;
    const leave = new URL(/https?:\/\/\S+\/waitlist\/leave\/\S+/.exec(mail.text)![0]).pathname;
    const ask = await page(leave);
    expect(ask.text).toContain('You are waiting for Couples counselling with Daniel Mensah, Wed 1 – Tue 28 September.');
    const left = await t.form(leave, {});
    expect(await left.text()).toContain('You have left the waiting list');
    const again = await page(leave);
    expect(again.text).not.toContain('Yes, take me off the list');

    // "Any therapist" for the consultation: named as such.
    const any = await t.form('/book/waitlist', {
      ...base,
      service: ids.service('initial-consultation'),
      therapist: 'any',
      name: 'Ro',
      email: 'ro@example.com',
    });
    expect(await any.text()).toContain('with whichever therapist has a time first');
  });
});
