// Ongoing sessions over HTTP, on both databases: the preview lists every week the therapist cannot take and
// saves nothing; skip and move resolve them; the series keeps 10:00 across the clock change; its hours are not
// offered to new clients (the slots API) until it ends; the client gets ONE e-mail whose invite two parsers
// read as one recurring event; a new client booking one occurrence's hour while the series is saved: exactly
// one wins, never an overlap. The week view marks occurrences and the therapist's feed carries them.
import ICAL from 'ical.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { extendOpenSeries } from '../../src/usecases/bookings/series-end.ts';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';
import { expandWithIcalJs, expandWithNodeIcal } from '../support/recurring-ics.ts';
import { getAs, makeStaff, postAs, type StaffAccount, signIn, signInTherapist } from '../support/staff.ts';

type Slots = { slots: { start: string }[] };
type Created = { booking: { id: string; reference: string } };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const WEEK = 7 * 86_400_000;

describe.each(DIALECTS)('ongoing sessions on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z'); // a Monday, before the clock change of 28 March
  const t = useTestApp(dialect, { clock });
  let amaraId: string;
  let couples: string;
  let cookie: string;
  let tomasz: StaffAccount;
  let amara: StaffAccount;

  const slots = async (date: string) =>
    ((await (await t.request(`/api/v1/therapists/${amaraId}/slots?service=${couples}&from=${date}&to=${date}&tz=Europe%2FLondon`)).json()) as Slots).slots.map(
      (s) => Date.parse(s.start),
    );
  const book = async (start: string, email = 'alex@example.com', ip = '198.51.100.1') => {
    const res = await t.json('/api/v1/bookings', bookingBody(amaraId, couples, start, { client: { name: 'Alex Example', email } }), {
      headers: { 'x-forwarded-for': ip },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Created;
  };
  const occurrences = (seriesId: string) =>
    t.deps.database.db
      .selectFrom('bookings')
      .select(['id', 'starts_at', 'status', 'series_slot'])
      .where('series_id', '=', seriesId)
      .orderBy('starts_at')
      .execute();
  const seriesRows = (anchorId: string) => t.deps.database.db.selectFrom('booking_series').selectAll().where('first_booking_id', '=', anchorId).execute();

  beforeAll(async () => {
    const ids = await demoIds(t);
    amaraId = ids.therapist('amara-okafor');
    couples = ids.service('couples-counselling');
    ({ cookie, account: amara } = await signInTherapist(t, clock, { email: 'amara@staff.example', therapistId: amaraId }));
    tomasz = await makeStaff(t, { email: 'tomasz@staff.example', therapistId: ids.therapist('tomasz-nowak') });
  });

  test('preview lists the conflicts and saves nothing; skip and move resolve them; one e-mail, one recurring invite; ending frees the hours', async () => {
    const anchor = await book('2027-03-02T10:00:00Z'); // Tuesday 10:00 GMT
    const taken = await book('2027-03-16T10:00:00Z', 'other@example.com', '198.51.100.2');
    await t.deps.database.db
      .insertInto('availability_overrides')
      .values({ therapist_id: amaraId, date: '2027-03-23', start_time: null, end_time: null })
      .execute();

    const detail = await (await getAs(t, cookie, `/staff/bookings/${anchor.booking.id}`)).text();
    expect(detail).toContain(`/staff/bookings/${anchor.booking.id}/series`);
    expect((await getAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`)).status).toBe(200);
    // Another therapist: as if it did not exist.
    const theirs = await signIn(t, clock, tomasz);
    expect((await getAs(t, theirs, `/staff/bookings/${anchor.booking.id}/series`)).status).toBe(404);

    const pattern = { every: '1', length: 'count', count: '6' };
    const bad = await postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, { ...pattern, count: '99' });
    expect(bad.status).toBe(422);
    const preview = await postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, pattern);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    const weeks = [1, 2, 3, 4, 5, 6].map((k) => {
      // 10:00 in London each Tuesday: 10:00Z in March before the 28th, 09:00Z after.
      const gmt = at('2027-03-02T10:00:00Z') + k * WEEK;
      return gmt >= at('2027-03-28T01:00:00Z') ? gmt - 3_600_000 : gmt;
    });
    expect(weeks.map(iso)).toEqual([
      '2027-03-09T10:00:00Z',
      '2027-03-16T10:00:00Z',
      '2027-03-23T10:00:00Z',
      '2027-03-30T09:00:00Z',
      '2027-04-06T09:00:00Z',
      '2027-04-13T09:00:00Z',
    ]);
    expect(html).toContain('Check the dates');
    expect(html).toContain('2 weeks cannot be booked as they are');
    expect(html).toContain(`name="week-${weeks[1]}"`);
    expect(html).toContain(`name="week-${weeks[2]}"`);
    expect(html).not.toContain(`name="week-${weeks[0]}"`);
    expect(html).toContain('Another session is booked then');
    expect(html).toContain('Outside your hours, or a day off');
    expect(await seriesRows(anchor.booking.id)).toHaveLength(0);

    // Confirming without a choice for each conflict saves nothing.
    const unresolved = await postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, { ...pattern, confirmed: 'yes', [`week-${weeks[1]}`]: 'skip' });
    expect(unresolved.status).toBe(409);
    expect(await seriesRows(anchor.booking.id)).toHaveLength(0);
    // A move to a time that is not free saves nothing either.
    const notFree = await postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, {
      ...pattern,
      confirmed: 'yes',
      [`week-${weeks[1]}`]: 'skip',
      [`week-${weeks[2]}`]: 'move',
      [`move-${weeks[2]}`]: '2027-03-23T11:00', // still the day off
    });
    expect(notFree.status).toBe(409);
    const past = await postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, {
      ...pattern,
      confirmed: 'yes',
      [`week-${weeks[1]}`]: 'skip',
      [`week-${weeks[2]}`]: 'move',
      [`move-${weeks[2]}`]: '2027-02-23T11:00', // already passed
    });
    expect(past.status).toBe(409);
    const nonsense = await postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, {
      ...pattern,
      confirmed: 'yes',
      [`week-${weeks[1]}`]: 'skip',
      [`week-${weeks[2]}`]: 'move',
      [`move-${weeks[2]}`]: '2027-02-30T25:00',
    });
    expect(nonsense.status).toBe(422);
    expect(await nonsense.text()).toContain('Enter the new date and time');
    expect(await seriesRows(anchor.booking.id)).toHaveLength(0);
    expect(await readOutbox(t, 'series-booked')).toHaveLength(0);

    const saved = await postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, {
      ...pattern,
      confirmed: 'yes',
      [`week-${weeks[1]}`]: 'skip',
      [`week-${weeks[2]}`]: 'move',
      [`move-${weeks[2]}`]: '2027-03-24T11:00', // Wednesday
    });
    expect(saved.status).toBe(303);
    const location = saved.headers.get('location')!;
    expect(location).toMatch(/^\/staff\/series\/[0-9a-f-]{36}\?done=booked$/);
    const seriesId = location.split('/')[3]!.split('?')[0]!;
    const booked = await occurrences(seriesId);
    expect(booked.map((o) => iso(Number(o.starts_at)))).toEqual([
      '2027-03-09T10:00:00Z',
      '2027-03-24T11:00:00Z',
      '2027-03-30T09:00:00Z',
      '2027-04-06T09:00:00Z',
      '2027-04-13T09:00:00Z',
    ]);
    expect(booked.map((o) => Number(o.series_slot))).toEqual([weeks[0], weeks[2], weeks[3], weeks[4], weeks[5]]);
    expect(booked.every((o) => o.status === 'confirmed')).toBe(true);
    expect(await (await getAs(t, cookie, location)).text()).toContain('moved from');
    // The same form sent again (a double click) books nothing more: it leads to the series.
    const twice = await postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, { ...pattern, confirmed: 'yes' });
    expect(twice.headers.get('location')).toBe(`/staff/series/${seriesId}`);
    expect(await occurrences(seriesId)).toHaveLength(5);
    expect(await seriesRows(anchor.booking.id)).toHaveLength(1);

    // ONE e-mail for the series, no confirmation per session; its invite is one recurring event.
    const mails = await readOutbox(t, 'series-booked');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('alex@example.com');
    expect(
      (await readOutbox(t, 'booking-confirmation')).filter((m) => m.created_at > at('2027-03-01T08:00:00Z') && m.to_address === 'alex@example.com'),
    ).toHaveLength(1);
    const ics = (JSON.parse(mails[0]!.attachments) as { content: string }[])[0]!.content;
    expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=6');
    expect(ics).toContain('DTSTART;TZID=Europe/London:20270309T100000');
    expect(ics).not.toMatch(/Alex Example|Couples|arguing/);
    const expected = booked.map((o) => Number(o.starts_at));
    for (const read of [expandWithIcalJs, expandWithNodeIcal]) {
      const e = read(ics, at('2027-03-01T00:00:00Z'), at('2028-01-01T00:00:00Z'));
      expect(e.uid).toBe(`series-${seriesId}@closer`);
      expect(e.sequence).toBe(0);
      expect(e.starts).toEqual(expected);
    }

    // The series holds its hours: new clients are not offered them.
    expect(await slots('2027-03-09')).not.toContain(at('2027-03-09T10:00:00Z'));
    expect(await slots('2027-03-24')).not.toContain(at('2027-03-24T11:00:00Z'));
    const refused = await t.json(
      '/api/v1/bookings',
      bookingBody(amaraId, couples, '2027-03-09T10:00:00Z', { client: { name: 'Nia New', email: 'nia@example.com' } }),
      {
        headers: { 'x-forwarded-for': '198.51.100.3' },
      },
    );
    expect(refused.status).toBe(409);
    // The week view marks them; the therapist's feed carries them.
    expect(await (await getAs(t, cookie, '/staff/week?from=2027-03-08')).text()).toContain('Ongoing sessions');
    const feedPage = await (await postAs(t, cookie, '/staff/calendar/new', { replaces: '' })).text();
    const feedUrl = /id="feed-url">([^<]+)</.exec(feedPage)![1]!;
    const feed = await (await t.request(new URL(feedUrl).pathname)).text();
    const references = await t.deps.database.db.selectFrom('bookings').select('reference').where('series_id', '=', seriesId).execute();
    for (const r of references) expect(feed).toContain(r.reference);
    // The other client's booking is untouched.
    expect((await t.deps.database.db.selectFrom('bookings').select('status').where('id', '=', taken.booking.id).executeTakeFirstOrThrow()).status).toBe(
      'confirmed',
    );

    // Each session has its own manage link; cancelling one week updates that week of the series in the calendar.
    const links = [...mails[0]!.body_text.matchAll(/\/manage\/([A-Za-z0-9_-]{20,100})/g)].map((m) => m[1]!);
    expect(links).toHaveLength(5);
    expect((await t.json(`/api/v1/manage/${links[4]}/cancel`, {})).status).toBe(200);
    const weekCancelled = (await readOutbox(t, 'booking-cancelled')).at(-1)!;
    const weekIcs = (JSON.parse(weekCancelled.attachments) as { content: string }[])[0]!.content;
    expect(weekIcs).toContain(`UID:series-${seriesId}@closer`);
    expect(weekIcs).toContain('RECURRENCE-ID;TZID=Europe/London:20270413T100000');
    const weekEvent = new ICAL.Component(ICAL.parse(weekIcs)).getFirstSubcomponent('vevent')!;
    expect(weekEvent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(weekEvent.getFirstProperty('recurrence-id')!.getParameter('tzid')).toBe('Europe/London');

    // Ending: asks first, then cancels the sessions still to come, frees their hours and updates the invite.
    const ask = await postAs(t, cookie, `/staff/series/${seriesId}/end`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('Nothing has changed yet');
    expect((await occurrences(seriesId)).map((o) => o.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'cancelled']);
    const end = await postAs(t, cookie, `/staff/series/${seriesId}/end`, { confirmed: 'yes' });
    expect(end.status).toBe(303);
    expect((await occurrences(seriesId)).every((o) => o.status === 'cancelled')).toBe(true);
    expect(await slots('2027-03-09')).toContain(at('2027-03-09T10:00:00Z'));
    const ended = await readOutbox(t, 'series-ended');
    expect(ended).toHaveLength(1);
    const endIcs = (JSON.parse(ended[0]!.attachments) as { content: string }[])[0]!.content;
    expect(endIcs).toContain('METHOD:CANCEL');
    expect(endIcs).toContain(`UID:series-${seriesId}@closer`);
    expect(endIcs).toContain('SEQUENCE:1');
    const again = await postAs(t, cookie, `/staff/series/${seriesId}/end`, { confirmed: 'yes' });
    expect(again.headers.get('location')).toContain('done=not-changed');
  });

  test('race: a new client books one occurrence’s hour while the series is saved: exactly one wins, never an overlap', async () => {
    const hours = ['2027-03-03T09:00:00Z', '2027-03-03T11:00:00Z', '2027-03-03T15:00:00Z']; // Wednesdays
    for (const [i, start] of hours.entries()) {
      const anchor = await book(start, `regular${i}@example.com`, `198.51.100.${20 + i}`);
      const target = Date.parse(start) + 2 * WEEK;
      const [series, single] = await Promise.all([
        postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, { every: '1', length: 'count', count: '4', confirmed: 'yes' }),
        t.json('/api/v1/bookings', bookingBody(amaraId, couples, iso(target), { client: { name: 'Quick Client', email: `quick${i}@example.com` } }), {
          headers: { 'x-forwarded-for': `198.51.100.${40 + i}` },
        }),
      ]);
      const seriesWon = series.status === 303;
      const singleWon = single.status === 201;
      expect(seriesWon !== singleWon).toBe(true);
      if (!seriesWon) expect(series.status).toBe(409);
      if (!singleWon) expect(single.status).toBe(409);
      const active = await t.deps.database.db
        .selectFrom('bookings')
        .select('id')
        .where('therapist_id', '=', amaraId)
        .where('status', '=', 'confirmed')
        .where('starts_at', '=', target)
        .execute();
      expect(active).toHaveLength(1);
      expect(await seriesRows(anchor.booking.id)).toHaveLength(seriesWon ? 1 : 0);
    }
    // No two active bookings of hers overlap, anywhere.
    const all = await t.deps.database.db
      .selectFrom('bookings')
      .select(['blocked_from', 'blocked_until'])
      .where('therapist_id', '=', amaraId)
      .where('status', 'in', ['pending', 'confirmed'])
      .orderBy('blocked_from')
      .execute();
    for (let i = 1; i < all.length; i++) expect(Number(all[i]!.blocked_from)).toBeGreaterThanOrEqual(Number(all[i - 1]!.blocked_until));
  });
  test('until ended: booked 12 weeks ahead (or the longest booking window), kept booked ahead by the job; ending after sessions were held keeps them (UNTIL)', async () => {
    const anchor = await book('2027-03-08T14:00:00Z', 'open@example.com', '198.51.100.10'); // Monday 14:00
    const saved = await postAs(t, cookie, `/staff/bookings/${anchor.booking.id}/series`, { every: '2', length: 'open', confirmed: 'yes' });
    expect(saved.status).toBe(303);
    const seriesId = saved.headers.get('location')!.split('/')[3]!.split('?')[0]!;
    const first = await occurrences(seriesId);
    expect(first.length).toBeGreaterThanOrEqual(6);
    expect(Number(first.at(-1)!.starts_at)).toBeGreaterThan(clock.now() + 80 * 86_400_000 - 14 * 86_400_000);
    const ics = (JSON.parse((await readOutbox(t, 'series-booked')).at(-1)!.attachments) as { content: string }[])[0]!.content;
    expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=2\r\n');
    // Four weeks later (the last test: the clock does not go back), the job books the weeks that came within the horizon.
    clock.set('2027-03-29T08:00:00Z');
    expect(await extendOpenSeries(t.deps)).toBeGreaterThan(0);
    const later = await signIn(t, clock, amara);
    const extended = await occurrences(seriesId);
    expect(extended.length).toBeGreaterThan(first.length);
    expect(new Set(extended.map((o) => Number(o.starts_at))).size).toBe(extended.length);
    // Every one at 14:00 London time, GMT or BST.
    for (const o of extended)
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(Number(o.starts_at))).toBe('14:00');
    const end = await postAs(t, later, `/staff/series/${seriesId}/end`, { confirmed: 'yes' });
    expect(end.headers.get('location')).toBe(`/staff/series/${seriesId}?done=ended`);
    const after = await occurrences(seriesId);
    expect(after.filter((o) => o.status === 'confirmed').map((o) => iso(Number(o.starts_at)))).toEqual(['2027-03-22T14:00:00Z']);
    const endIcs = (JSON.parse((await readOutbox(t, 'series-ended')).at(-1)!.attachments) as { content: string }[])[0]!.content;
    expect(endIcs).toContain('METHOD:REQUEST');
    expect(endIcs).toContain('UNTIL=20270322T140000Z');
    for (const read of [expandWithIcalJs, expandWithNodeIcal]) expect(read(endIcs, 0, at('2028-01-01T00:00:00Z')).starts).toEqual([at('2027-03-22T14:00:00Z')]);
  });
});
