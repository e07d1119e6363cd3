// The hours editor over HTTP: time off as one date range (a two-week holiday is one entry, removed as one),
// a day's hours copied to chosen days, and "add another range" coming back to the day's anchor with what
// was typed, all without JavaScript; the validation and the preview keep working.
import { beforeAll, describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { formState, getAs, postAs, postBody, signInTherapist } from '../support/staff.ts';

describe.each(DIALECTS)('the hours editor on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z'); // a Monday
  let therapistId: string;
  let couples: string;
  let cookie: string;
  const slots = async (from: string, to = from) =>
    (
      (await (await t.request(`/api/v1/therapists/${therapistId}/slots?service=${couples}&from=${from}&to=${to}&tz=Europe%2FLondon`)).json()) as {
        slots: { start: string }[];
      }
    ).slots.map((s) => s.start);
  const timeOffSection = (html: string) => html.slice(html.indexOf('id="time-off"'), html.indexOf('id="changed-hours"'));

  const t = useTestApp(dialect, { clock });
  beforeAll(async () => {
    const ids = await demoIds(t);
    therapistId = ids.therapist('amara-okafor');
    couples = ids.service('couples-counselling');
    ({ cookie } = await signInTherapist(t, clock, { email: 'amara@staff.example', therapistId }));
  });

  test('a two-week holiday is one entry: no free times in it, sessions already booked are said to stay, and it is removed as one', async () => {
    expect(await slots('2027-03-15')).not.toEqual([]);
    const booked = await t.json('/api/v1/bookings', bookingBody(therapistId, couples, (await slots('2027-03-16'))[0]!));
    expect(booked.status).toBe(201);
    const res = await postAs(t, cookie, '/staff/hours/time-off', { from: '2027-03-15', to: '2027-03-28' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/hours?done=time-off-saved&booked=1#time-off');
    expect(await slots('2027-03-15', '2027-03-28')).toEqual([]);
    expect(await slots('2027-03-29')).not.toEqual([]);
    const page = await (await getAs(t, cookie, res.headers.get('location')!)).text();
    const section = timeOffSection(page);
    expect(section).toContain('Your time off is saved');
    expect(section).toContain('One session is already booked in that time, and still booked');
    expect(section.match(/<li>/g)?.length).toBe(1);
    expect(section).toContain('<strong>Monday 15 March 2027 to Sunday 28 March 2027 (14 days)</strong>');
    expect(section).toContain('name="from" value="2027-03-15"');
    expect(section).toContain('name="to" value="2027-03-28"');
    // Fourteen day-off rows, one entry; another day off next to it joins it.
    expect((await postAs(t, cookie, '/staff/hours/time-off', { from: '2027-03-29', to: '' })).status).toBe(303);
    expect(timeOffSection(await (await getAs(t, cookie, '/staff/hours')).text())).toContain('Monday 15 March 2027 to Monday 29 March 2027 (15 days)');
    const removed = await postAs(t, cookie, '/staff/hours/time-off/remove', { from: '2027-03-15', to: '2027-03-29' });
    expect(removed.headers.get('location')).toBe('/staff/hours?done=time-off-removed#time-off');
    expect(await slots('2027-03-15')).not.toEqual([]);
    expect(timeOffSection(await (await getAs(t, cookie, '/staff/hours')).text())).toContain('No time off to come.');
    const audit = await t.deps.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'hours.time-off.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['hours.time-off.add', 'hours.time-off.add', 'hours.time-off.remove']);
  });

  test('time off replaces changed hours on its days; removing it leaves changed hours outside it', async () => {
    expect(
      (await postAs(t, cookie, '/staff/hours/dates', { date: '2027-04-05', 'start-date-ranges': '18:00', 'end-date-ranges': '20:00', save: '1' })).status,
    ).toBe(303);
    expect(
      (await postAs(t, cookie, '/staff/hours/dates', { date: '2027-04-09', 'start-date-ranges': '18:00', 'end-date-ranges': '20:00', save: '1' })).status,
    ).toBe(303);
    expect((await postAs(t, cookie, '/staff/hours/time-off', { from: '2027-04-05', to: '2027-04-07' })).status).toBe(303);
    expect(await slots('2027-04-05')).toEqual([]);
    expect((await postAs(t, cookie, '/staff/hours/time-off/remove', { from: '2027-04-05', to: '2027-04-07' })).status).toBe(303);
    const page = await (await getAs(t, cookie, '/staff/hours')).text();
    expect(page).toContain('<strong>Friday 9 April 2027</strong>: 18:00 to 20:00');
    expect(page).not.toContain('<strong>Monday 5 April 2027</strong>');
    expect(await slots('2027-04-09')).toEqual(['2027-04-09T18:00:00+01:00', '2027-04-09T19:00:00+01:00']);
  });

  test('time off is checked: a first day, in order, to come, at most a year; errors sit beside the fields and nothing is saved', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ from: '', to: '' }, /Enter the first day off/],
      [{ from: '2027-02-01', to: '' }, /Enter today or a date to come/],
      [{ from: '2027-03-10', to: '2027-03-09' }, /Enter a last day off on or after the first/],
      [{ from: '2027-03-10', to: '2028-03-20' }, /Enter at most a year of time off at once/],
      [{ from: '2027-02-30', to: '' }, /Enter a real date/],
    ];
    for (const [body, message] of cases) {
      const res = await postAs(t, cookie, '/staff/hours/time-off', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      const html = await res.text();
      expect(html).toMatch(message);
      expect(html).toContain('class="error-summary"');
      expect(html).toContain(`value="${body.from}"`);
    }
    expect(timeOffSection(await (await getAs(t, cookie, '/staff/hours')).text())).toContain('No time off to come.');
  });

  test('copy a day’s hours to chosen days: the page comes back at the copy, filled in and not saved; saving keeps them', async () => {
    const page = await (await getAs(t, cookie, '/staff/hours')).text();
    const fields = formState(page, '/staff/hours/weekly');
    fields.delete('add');
    fields.delete('save');
    for (const [k, v] of [
      ['start-weekly-day-1', '07:00'],
      ['end-weekly-day-1', '08:00'],
    ] as const)
      fields.append(k, v); // Monday gets an extra early range before copying
    fields.set('from', '1');
    fields.append('to', '6');
    fields.append('to', '7');
    fields.set('copy', '1');
    const res = await postBody(t, cookie, '/staff/hours/weekly', fields);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/#copy-hours$/);
    expect(await slots('2027-03-06')).toEqual([]); // nothing saved yet
    const drawn = await (await getAs(t, cookie, location)).text();
    expect(drawn).toContain('Monday’s hours are copied to Saturday and Sunday. They are not saved yet');
    const saturday = formState(drawn, '/staff/hours/weekly').getAll('start-weekly-day-6');
    expect(saturday).toEqual(formState(drawn, '/staff/hours/weekly').getAll('start-weekly-day-1'));
    expect(saturday).toContain('07:00');
    // Save what the page now shows.
    const again = formState(drawn, '/staff/hours/weekly');
    again.delete('add');
    again.delete('copy');
    again.delete('to');
    again.set('save', '1');
    const saved = await postBody(t, cookie, '/staff/hours/weekly', again);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/staff/hours?done=weekly-saved');
    expect((await slots('2027-03-06'))[0]).toBe('2027-03-06T07:00:00+00:00');
    expect((await slots('2027-03-07'))[0]).toBe('2027-03-07T07:00:00+00:00');
    // No day ticked: said beside the field, nothing copied.
    const none = new URLSearchParams({ from: '2', copy: '1' });
    const refused = await postBody(t, cookie, '/staff/hours/weekly', none);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Choose at least one other day to copy the hours to');
  });

  test('"add another range" comes back to the day’s anchor with what was typed (and for a date, to its hours)', async () => {
    const res = await postAs(t, cookie, '/staff/hours/weekly', {
      'start-weekly-day-3': '09:00',
      'end-weekly-day-3': '10:00',
      'start-weekly-day-4': '11:00',
      'end-weekly-day-4': '',
      add: '3',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/#day-3$/);
    const html = await (await getAs(t, cookie, location)).text();
    expect(html).toContain('<fieldset class="weekday" id="day-3">');
    const state = formState(html, '/staff/hours/weekly');
    expect(state.getAll('start-weekly-day-3')).toEqual(['09:00', '']);
    expect(state.getAll('start-weekly-day-4')).toEqual(['11:00']);
    expect(html).toContain('Not saved yet');
    // Only times come back from the address: anything else is dropped.
    const odd = await (await getAs(t, cookie, '/staff/hours?w=1&s1=%3Cscript%3E&e1=10:00')).text();
    expect(odd).not.toContain('<script>');
    expect(formState(odd, '/staff/hours/weekly').getAll('end-weekly-day-1')).toEqual(['10:00']);

    const date = await postAs(t, cookie, '/staff/hours/dates', { date: '2027-05-03', 'start-date-ranges': '12:00', 'end-date-ranges': '13:00', add: '1' });
    expect(date.status).toBe(303);
    expect(date.headers.get('location')).toMatch(/#date-hours$/);
    const drawn = await (await getAs(t, cookie, date.headers.get('location')!)).text();
    const dateState = formState(drawn, '/staff/hours/dates');
    expect(dateState.get('date')).toBe('2027-05-03');
    expect(dateState.getAll('start-date-ranges')).toEqual(['12:00', '']);
  });

  test('different hours on a date still need hours; the free-times preview still shows', async () => {
    const res = await postAs(t, cookie, '/staff/hours/dates', { date: '2027-05-04', save: '1' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Enter the hours for that day (for a day off, use Time off)');
    const html = await (await getAs(t, cookie, `/staff/hours?service=${couples}`)).text();
    expect(html).toMatch(/Free times in the next two weeks/);
    expect(html).toMatch(/Monday 1 March 2027<\/dt><dd>/);
  });
});
