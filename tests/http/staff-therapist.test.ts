// The therapist's side over HTTP: the week, a booking's details (audited), marking, cancelling with a
// message, hours (and the public slots changing at once), profile, and the private calendar feed.
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';
import { enrolAdmin, formState, getAs, makeStaff, postAs, postBody, type StaffAccount, signIn, signInTherapist } from '../support/staff.ts';

type Slots = { slots: { start: string }[] };
type Created = { booking: { id: string; reference: string }; manageUrl: string };

describe.each(DIALECTS)('the therapist’s side on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z'); // a Monday
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let amara: StaffAccount;
  let tomasz: StaffAccount;
  let amaraId: string;
  let couples: string;
  let cookie: string;
  const slots = async (therapist: string, date: string) =>
    (
      (await (await t.request(`/api/v1/therapists/${therapist}/slots?service=${couples}&from=${date}&to=${date}&tz=Europe%2FLondon`)).json()) as Slots
    ).slots.map((s) => s.start);
  const book = async (start: string, extra: Record<string, unknown> = {}) => {
    const res = await t.json('/api/v1/bookings', bookingBody(amaraId, couples, start, extra));
    expect(res.status).toBe(201);
    return (await res.json()) as Created;
  };
  const audit = (action: string) => t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  const t = useTestApp(dialect, { clock });
  beforeAll(async () => {
    ids = await demoIds(t);
    amaraId = ids.therapist('amara-okafor');
    couples = ids.service('couples-counselling');
    ({ account: amara, cookie } = await signInTherapist(t, clock, { email: 'amara@staff.example', therapistId: amaraId }));
    tomasz = await makeStaff(t, { email: 'tomasz@staff.example', therapistId: ids.therapist('tomasz-nowak') });
  });

  test('the week: Monday to Sunday, today marked; it shows the therapist’s own sessions only (staff-schedule.test.ts has the rest)', async () => {
    const mine = await book('2027-03-02T10:00:00Z');
    const res = await getAs(t, cookie, '/staff/week');
    expect(res.status).toBe(200);
    const list = await res.text();
    expect(list.indexOf('Today, Monday 1 March')).toBeGreaterThan(0);
    expect(list.indexOf('Today, Monday 1 March')).toBeLessThan(list.indexOf('Tuesday 2 March'));
    expect(list).toContain(`/staff/bookings/${mine.booking.id}`);
    expect(list).toContain('Alex Example');
    expect(list).toMatch(/class="tg__session tg__session--confirmed g-a0 g-h0 g-m10">/);
    const next = await (await getAs(t, cookie, '/staff/week?from=2027-03-08')).text();
    expect(next).not.toContain(mine.booking.id);
    const theirs = await signIn(t, clock, tomasz);
    expect(await (await getAs(t, theirs, '/staff/week')).text()).not.toContain(mine.booking.id);
    expect((await audit('booking.list')).length).toBeGreaterThan(0);
  });

  test('a booking’s details show the client’s contact and notes, and each read is audited', async () => {
    const b = await book('2027-03-02T11:00:00Z');
    const before = (await audit('booking.read')).length;
    const res = await getAs(t, cookie, `/staff/bookings/${b.booking.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('alex@example.com');
    expect(html).toContain('07700 900 982');
    expect(html).toContain('We keep arguing about my mother and I feel unheard');
    expect(html).toContain(b.booking.reference);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const rows = await audit('booking.read');
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({ actor: `user:${amara.id}`, target: b.booking.id });
    expect(rows.at(-1)!.request_id).toBe(res.headers.get('x-request-id'));
    // Another therapist: as if it did not exist, and nothing is audited for them.
    const theirs = await signIn(t, clock, tomasz);
    expect((await getAs(t, theirs, `/staff/bookings/${b.booking.id}`)).status).toBe(404);
    expect((await audit('booking.read')).length).toBe(before + 1);
  });

  test('the notes are for the booking’s therapist only: an admin sees that there are some, not what they say', async () => {
    const free = await slots(amaraId, '2027-03-04');
    const withNotes = await book(free[0]!, { notes: 'Something only my therapist should read' });
    const without = await book(free.at(-1)!, { notes: '' });
    const admin = await enrolAdmin(t);
    const adminCookie = await signIn(t, clock, admin);
    const seen = await getAs(t, adminCookie, `/staff/bookings/${withNotes.booking.id}`);
    expect(seen.status).toBe(200);
    const html = await seen.text();
    expect(html).toContain(withNotes.booking.reference);
    expect(html).toContain('alex@example.com');
    expect(html).not.toContain('Something only my therapist should read');
    expect(html).toContain('The client wrote notes when booking. Only their therapist');
    const none = await (await getAs(t, adminCookie, `/staff/bookings/${without.booking.id}`)).text();
    expect(none).not.toContain('The client wrote notes');
    expect(none).toMatch(/What the client wrote when booking<\/h2><p class="muted">Nothing\./);
    // Their therapist reads them.
    const theirs = await (await getAs(t, cookie, `/staff/bookings/${withNotes.booking.id}`)).text();
    expect(theirs).toContain('Something only my therapist should read');
    expect(theirs).not.toContain('Only their therapist');
    // Only the therapist's reading of the notes is in the audit log as such; the admin's views are not.
    const notesReads = (await audit('booking.notes.read')).filter((r) => r.target === withNotes.booking.id);
    expect(notesReads.map((r) => r.actor)).toEqual([`user:${amara.id}`]);
  });

  test('cancelling with a message: the client is e-mailed a CANCEL invite, the time frees, the waiting list hears', async () => {
    const b = await book('2027-03-03T14:00:00Z');
    expect(await slots(amaraId, '2027-03-03')).not.toContain('2027-03-03T14:00:00+00:00');
    const join = await t.json('/api/v1/waitlist', {
      serviceId: couples,
      therapistId: amaraId,
      name: 'Wren Waiting',
      email: 'wren@example.com',
      timeZone: 'Europe/London',
      fromDate: '2027-03-03',
      toDate: '2027-03-03',
    });
    expect(join.status).toBeLessThan(300);
    const tooLong = await postAs(t, cookie, `/staff/bookings/${b.booking.id}/cancel`, { message: 'x'.repeat(1001) });
    expect(tooLong.status).toBe(422);
    // The first POST shows what will happen and changes nothing; the confirming one cancels.
    const message = 'I am unwell this week; please book another time.';
    const sentBefore = (await readOutbox(t, 'booking-cancelled')).length;
    const check = await postAs(t, cookie, `/staff/bookings/${b.booking.id}/cancel`, { message });
    expect(check.status).toBe(200);
    const checkPage = await check.text();
    expect(checkPage).toContain('Nothing has changed yet');
    expect(checkPage).toContain(message);
    expect(checkPage).toContain('is e-mailed at once');
    expect((await readOutbox(t, 'booking-cancelled')).length).toBe(sentBefore);
    expect(await slots(amaraId, '2027-03-03')).not.toContain('2027-03-03T14:00:00+00:00');
    const res = await postAs(t, cookie, `/staff/bookings/${b.booking.id}/cancel`, { message, confirmed: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/bookings/${b.booking.id}?done=cancelled`);
    const mail = (await readOutbox(t, 'booking-cancelled')).at(-1)!;
    expect(mail.to_address).toBe('alex@example.com');
    expect(mail.body_text).toContain('I am unwell this week; please book another time.');
    const ics = (JSON.parse(mail.attachments) as { content: string }[])[0]!.content;
    expect(ics).toContain('METHOD:CANCEL');
    expect(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(await slots(amaraId, '2027-03-03')).toContain('2027-03-03T14:00:00+00:00');
    expect((await readOutbox(t, 'waitlist-offer')).some((m) => m.to_address === 'wren@example.com')).toBe(true);
    expect((await audit('booking.cancel')).at(-1)).toMatchObject({ actor: `user:${amara.id}`, target: b.booking.id });
    // Again: nothing changes.
    expect((await postAs(t, cookie, `/staff/bookings/${b.booking.id}/cancel`, { confirmed: 'yes' })).headers.get('location')).toContain('done=not-changed');
  });

  describe('hours', () => {
    test('"add another range" comes back to the day with one more row, without saving', async () => {
      const res = await postAs(t, cookie, '/staff/hours/weekly', { 'start-weekly-day-6': '10:00', 'end-weekly-day-6': '12:00', add: '6' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/staff\/hours\?w=1&.*#day-6$/);
      const html = await (await getAs(t, cookie, res.headers.get('location')!)).text();
      expect(html.match(/name="start-weekly-day-6"/g)?.length).toBe(2);
      expect(html).toContain('value="10:00"');
      expect(await slots(amaraId, '2027-03-06')).toEqual([]);
    });

    test('weekly hours with several ranges a day show on the public slots at once; bad ranges are refused', async () => {
      const page = await (await getAs(t, cookie, '/staff/hours')).text();
      // Keep the existing hours, add Saturday morning and afternoon.
      const fields = formState(page, '/staff/hours/weekly');
      fields.delete('add');
      fields.set('save', '1');
      for (const [k, v] of [
        ['start-weekly-day-6', '10:00'],
        ['end-weekly-day-6', '12:00'],
        ['start-weekly-day-6', '14:00'],
        ['end-weekly-day-6', '15:00'],
      ] as const)
        fields.append(k, v);
      const overlap = new URLSearchParams(fields);
      for (const [k, v] of [
        ['start-weekly-day-7', '10:00'],
        ['end-weekly-day-7', '12:00'],
        ['start-weekly-day-7', '11:00'],
        ['end-weekly-day-7', '13:00'],
      ] as const)
        overlap.append(k, v);
      const send = (body: URLSearchParams) => postBody(t, cookie, '/staff/hours/weekly', body);
      const refused = await send(overlap);
      expect(refused.status).toBe(422);
      expect(await refused.text()).toMatch(/Sunday: Two ranges overlap/);
      const before = await slots(amaraId, '2027-03-06');
      expect(before).toEqual([]);
      const waiting = await t.json('/api/v1/waitlist', {
        serviceId: couples,
        therapistId: amaraId,
        name: 'Sat Waiting',
        email: 'saturday@example.com',
        timeZone: 'Europe/London',
        fromDate: '2027-03-06',
        toDate: '2027-03-06',
      });
      expect(waiting.status).toBeLessThan(300);
      const ok = await send(fields);
      expect(ok.status).toBe(303);
      expect(await slots(amaraId, '2027-03-06')).toEqual(['2027-03-06T10:00:00+00:00', '2027-03-06T11:00:00+00:00', '2027-03-06T14:00:00+00:00']);
      expect(await slots(amaraId, '2027-03-02')).not.toEqual([]);
      // Newly opened time goes to the people waiting for it.
      expect((await readOutbox(t, 'waitlist-offer')).some((m) => m.to_address === 'saturday@example.com')).toBe(true);
      expect((await audit('hours.weekly.update')).length).toBe(1);
    });

    test('a day off and different hours on a date; removing the time off restores the weekly hours', async () => {
      expect(await slots(amaraId, '2027-03-09')).not.toEqual([]);
      const off = await postAs(t, cookie, '/staff/hours/time-off', { from: '2027-03-09', to: '' });
      expect(off.status).toBe(303);
      expect(await slots(amaraId, '2027-03-09')).toEqual([]);
      const different = await postAs(t, cookie, '/staff/hours/dates', {
        date: '2027-03-10',
        kind: 'hours',
        'start-date-ranges': '18:00',
        'end-date-ranges': '20:00',
        save: '1',
      });
      expect(different.status).toBe(303);
      expect(await slots(amaraId, '2027-03-10')).toEqual(['2027-03-10T18:00:00+00:00', '2027-03-10T19:00:00+00:00']);
      const page = await (await getAs(t, cookie, '/staff/hours')).text();
      expect(page).toContain('<strong>Tuesday 9 March 2027</strong>');
      expect(page).toMatch(/18:00 to 20:00/);
      const past = await postAs(t, cookie, '/staff/hours/dates', { date: '2027-02-01', kind: 'off', save: '1' });
      expect(past.status).toBe(422);
      const removed = await postAs(t, cookie, '/staff/hours/time-off/remove', { from: '2027-03-09', to: '2027-03-09' });
      expect(removed.status).toBe(303);
      expect(await slots(amaraId, '2027-03-09')).not.toEqual([]);
    });

    test('a preview of the next two weeks’ free times', async () => {
      const html = await (await getAs(t, cookie, `/staff/hours?service=${couples}`)).text();
      expect(html).toMatch(/Free times in the next two weeks/);
      expect(html).toContain('Monday 1 March 2027');
      expect(html).toContain('Sunday 14 March 2027');
      expect(html).not.toContain('Monday 15 March 2027');
      expect(html).toMatch(/Saturday 6 March 2027<\/dt><dd>10:00, 11:00, 14:00/);
    });
  });

  describe('profile', () => {
    // A complete profile (Amara is listed, and a listed profile must stay complete): couples counselling at £88.
    const fill = (fee: string) => ({
      bio: 'I help couples find their way back to each other, gently and practically.',
      approach: 'Emotionally focused, with homework you will actually do.',
      concerns: 'trust-issues',
      languages: 'en',
      formats: 'online',
      relationships: 'couple',
      service: couples,
      [`fee-${couples}`]: fee,
      'accreditation-0': 'BACP Accredited',
      'registration-0': '012345',
      years: '14',
    });

    test('a change shows in the directory at once', async () => {
      const form = fill('88');
      const bad = await postAs(t, cookie, '/staff/profile', fill('lots'));
      expect(bad.status).toBe(422);
      const res = await postAs(t, cookie, '/staff/profile', form);
      expect(res.headers.get('location')).toBe('/staff/profile?done=saved');
      const { therapists } = (await (await t.request('/api/v1/therapists')).json()) as {
        therapists: { id: string; bio: string; concerns: string[]; formats: string[]; feeMinor: number }[];
      };
      const me = therapists.find((x) => x.id === amaraId)!;
      expect(me).toMatchObject({ bio: form.bio, concerns: ['trust-issues'], formats: ['online'], feeMinor: 8800 });
    });

    test('with approval required, a change waits for an admin', async () => {
      const admin = await enrolAdmin(t);
      const adminCookie = await signIn(t, clock, admin);
      const fields = formState(await (await getAs(t, adminCookie, '/staff/admin/settings')).text(), '/staff/admin/settings');
      fields.set('profileApproval', 'yes');
      fields.set('save', '1');
      const saved = await postBody(t, adminCookie, '/staff/admin/settings', fields);
      expect(saved.status, await saved.clone().text()).toBe(303);
      const res = await postAs(t, cookie, '/staff/profile', fill('99'));
      expect(res.headers.get('location')).toBe('/staff/profile?done=submitted');
      const fee = async () =>
        ((await (await t.request('/api/v1/therapists')).json()) as { therapists: { id: string; feeMinor: number }[] }).therapists.find((x) => x.id === amaraId)!
          .feeMinor;
      expect(await fee()).toBe(8800);
      const queue = await (await getAs(t, adminCookie, '/staff/admin/profile-changes')).text();
      const id = /\/staff\/admin\/profile-changes\/([0-9a-f-]{36})\/approve/.exec(queue)![1]!;
      expect((await postAs(t, adminCookie, `/staff/admin/profile-changes/${id}/approve`)).status).toBe(303);
      expect(await fee()).toBe(9900);
      // Twice: nothing more.
      expect((await postAs(t, adminCookie, `/staff/admin/profile-changes/${id}/approve`)).headers.get('location')).toContain('done=gone');
    });
  });

  describe('calendar feed', () => {
    test('a revocable, named private address, never replaced by a form sent twice; entries say "Client session" and the reference, nothing about the client', async () => {
      const b = await book('2027-03-04T10:00:00Z', { client: { name: 'Zed Private', email: 'zed@example.com' } });
      const page = await postAs(t, cookie, '/staff/calendar/new', { replaces: '' });
      expect(page.status).toBe(200);
      const html = await page.text();
      const url = /id="feed-url">([^<]+)</.exec(html)![1]!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/staff\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      expect(html).toContain(`href="${url.replace('http:', 'webcal:')}"`);
      expect(html).toContain('data-copy="feed-url"');
      const token = url.split('/').at(-1)!.replace('.ics', '');
      const stored = await t.deps.database.db.selectFrom('calendar_feeds').selectAll().execute();
      expect(stored.map((s) => s.token_hash)).toContain(createHash('sha256').update(token).digest('base64url'));
      expect(JSON.stringify(stored)).not.toContain(token);
      const feed = await t.request(new URL(url).pathname);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
      expect(feed.headers.get('referrer-policy')).toBe('no-referrer');
      const ics = await feed.text();
      const calendar = new ICAL.Component(ICAL.parse(ics));
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toMatch(/: your sessions$/);
      expect(calendar.getFirstPropertyValue('name')).toMatch(/: your sessions$/);
      const vevents = calendar.getAllSubcomponents('vevent');
      expect(vevents.length).toBeGreaterThan(0);
      expect(vevents.every((v) => v.getFirstPropertyValue('summary') === 'Client session')).toBe(true);
      expect(ics).toContain(b.booking.reference);
      expect(ics).not.toMatch(/Zed|Alex|zed@|alex@|Couples|arguing/);
      // The same form sent again (a refresh) changes nothing: the address in use keeps working.
      const again = await postAs(t, cookie, '/staff/calendar/new', { replaces: '' });
      expect(again.status).toBe(409);
      expect(await again.text()).not.toContain('id="feed-url"');
      expect((await t.request(new URL(url).pathname)).status).toBe(200);
      // Replacing asks for confirmation, and names the feed the page showed.
      const shown = /name="replaces" value="([A-Za-z0-9_-]{16})"/.exec(await (await getAs(t, cookie, '/staff/calendar')).text())![1]!;
      const unconfirmed = await postAs(t, cookie, '/staff/calendar/new', { replaces: shown });
      expect(unconfirmed.status).toBe(422);
      expect(await unconfirmed.text()).toContain('Tick the box to replace the address');
      expect((await t.request(new URL(url).pathname)).status).toBe(200);
      const replaced = await postAs(t, cookie, '/staff/calendar/new', { replaces: shown, confirm: 'yes' });
      const second = /id="feed-url">([^<]+)</.exec(await replaced.text())![1]!;
      expect((await t.request(new URL(url).pathname)).status).toBe(404);
      expect((await t.request(new URL(second).pathname)).status).toBe(200);
      // That replacement sent again does not replace the new address.
      expect((await postAs(t, cookie, '/staff/calendar/new', { replaces: shown, confirm: 'yes' })).status).toBe(409);
      expect((await t.request(new URL(second).pathname)).status).toBe(200);
      expect((await postAs(t, cookie, '/staff/calendar/revoke')).status).toBe(303);
      expect((await t.request(new URL(second).pathname)).status).toBe(404);
      expect((await t.request('/staff/calendar/not-a-token.ics')).status).toBe(404);
    });
  });

  test('(last: it moves the clock on) attended and no-show: confirmed first, only once the session has started, correctable for 7 days', async () => {
    const a = await book('2027-03-02T14:00:00Z');
    const n = await book('2027-03-02T15:00:00Z');
    const mark = (cookie: string, id: string, as: 'attended' | 'no-show') => postAs(t, cookie, `/staff/bookings/${id}/${as}`, { confirmed: 'yes' });
    const status = async (id: string) =>
      (await t.deps.database.db.selectFrom('bookings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    expect((await mark(cookie, a.booking.id, 'attended')).headers.get('location')).toContain('done=not-changed');
    clock.set('2027-03-02T16:30:00Z');
    const again = await signIn(t, clock, amara);
    // Asked first: the confirmation changes nothing.
    const check = await postAs(t, again, `/staff/bookings/${a.booking.id}/attended`);
    expect(check.status).toBe(200);
    expect(await check.text()).toContain('Nobody is e-mailed');
    expect(await status(a.booking.id)).toBe('confirmed');
    expect((await mark(again, a.booking.id, 'attended')).headers.get('location')).toContain('done=attended');
    expect((await mark(again, a.booking.id, 'attended')).headers.get('location')).toContain('done=not-changed');
    expect((await mark(again, n.booking.id, 'no-show')).headers.get('location')).toContain('done=no-show');
    expect({ a: await status(a.booking.id), n: await status(n.booking.id) }).toEqual({ a: 'attended', n: 'no_show' });
    // A wrong mark is corrected within 7 days of the session (the page offers it), and the audit keeps before and after.
    clock.set('2027-03-09T14:00:00Z');
    const week = await signIn(t, clock, amara);
    const page = await (await getAs(t, week, `/staff/bookings/${a.booking.id}`)).text();
    expect(page).toContain('Correct what happened');
    expect(page).toContain(`/staff/bookings/${a.booking.id}/no-show`);
    expect((await mark(week, a.booking.id, 'no-show')).headers.get('location')).toContain('done=no-show');
    expect(await status(a.booking.id)).toBe('no_show');
    const row = (await audit('booking.no-show')).at(-1)!;
    expect(JSON.parse(row.detail!)).toEqual({ before: { status: 'attended' }, after: { status: 'no_show' } });
    // After 7 days it stays as it is, and the page no longer offers it.
    clock.set('2027-03-09T16:00:00Z');
    const late = await signIn(t, clock, amara);
    expect((await mark(late, n.booking.id, 'attended')).headers.get('location')).toContain('done=not-changed');
    expect(await status(n.booking.id)).toBe('no_show');
    expect(await (await getAs(t, late, `/staff/bookings/${n.booking.id}`)).text()).not.toContain(`/staff/bookings/${n.booking.id}/attended`);
  });
});
