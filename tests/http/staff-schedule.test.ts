// The schedule over HTTP: the therapist's week shades their working time (weekly hours, changed hours, days
// off) and draws each session as long as it lasts, with "now" across today; the admin's practice day and
// week, filtered by therapist, show references, services and therapists, never the client.
import { beforeAll, describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { getAs, postAs, postBody, signInAdmin, signInTherapist } from '../support/staff.ts';

type Created = { booking: { id: string; reference: string } };

/** The HTML of one column of the time grid, found by its heading's id. */
function column(html: string, key: string): string {
  const at = html.indexOf(`id="col-${key}"`);
  expect(at, `no column ${key}`).toBeGreaterThan(0);
  const start = html.lastIndexOf('<section class="tg__col', at);
  const next = html.indexOf('<section class="tg__col', at);
  return html.slice(start, next === -1 ? html.indexOf('</section></div></section>', at) : next);
}

describe.each(DIALECTS)('the schedule on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z'); // a Monday, 08:00 in London
  let amaraId: string;
  let tomaszId: string;
  let couples: string;
  let amara: string;
  let tomasz: string;
  let admin: string;
  let tuesday: Created;
  let theirs: Created;

  const t = useTestApp(dialect, { clock });
  beforeAll(async () => {
    const ids = await demoIds(t);
    amaraId = ids.therapist('amara-okafor');
    tomaszId = ids.therapist('tomasz-nowak');
    couples = ids.service('couples-counselling');
    ({ cookie: amara } = await signInTherapist(t, clock, { email: 'amara@staff.example', therapistId: amaraId }));
    ({ cookie: tomasz } = await signInTherapist(t, clock, { email: 'tomasz@staff.example', therapistId: tomaszId }));
    ({ cookie: admin } = await signInAdmin(t, clock));
    // Amara: Monday to Friday 09:00 to 12:00 and 13:00 to 17:00; Wednesday 3 March changed; Thursday 4 off.
    const weekly = new URLSearchParams({ save: '1' });
    for (let day = 1; day <= 5; day++) {
      for (const [s, e] of [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ]) {
        weekly.append(`start-weekly-day-${day}`, s!);
        weekly.append(`end-weekly-day-${day}`, e!);
      }
    }
    expect((await postBody(t, amara, '/staff/hours/weekly', weekly)).status).toBe(303);
    expect(
      (await postAs(t, amara, '/staff/hours/dates', { date: '2027-03-03', 'start-date-ranges': '12:00', 'end-date-ranges': '16:00', save: '1' })).status,
    ).toBe(303);
    expect((await postAs(t, amara, '/staff/hours/time-off', { from: '2027-03-04', to: '2027-03-04' })).status).toBe(303);
    expect(
      (await postAs(t, amara, '/staff/hours/dates', { date: '2027-03-07', 'start-date-ranges': '20:00', 'end-date-ranges': '24:00', save: '1' })).status,
    ).toBe(303);
    const book = async (therapist: string, start: string, service = couples) => {
      const res = await t.json('/api/v1/bookings', bookingBody(therapist, service, start));
      expect(res.status).toBe(201);
      return (await res.json()) as Created;
    };
    tuesday = await book(amaraId, '2027-03-02T10:00:00Z');
    const individual = ids.service('individual-therapy');
    const slots = (await (await t.request(`/api/v1/therapists/${tomaszId}/slots?service=${individual}&from=2027-03-02&to=2027-03-05&tz=UTC`)).json()) as {
      slots: { start: string }[];
    };
    theirs = await book(tomaszId, slots.slots[0]!.start, individual);
  });

  test('the therapist’s week: working hours shaded, changed hours and a day off named, each session as long as it lasts, now on today', async () => {
    const res = await getAs(t, amara, '/staff/week');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Monday 1 March to Sunday 7 March 2027');
    const monday = column(html, '2027-03-01');
    expect(monday).toContain('tg__col--weekly tg__col--today');
    expect(monday).toContain('Today, Monday 1 March');
    expect(monday).toContain('09:00 to 12:00, 13:00 to 17:00');
    // Shading: 09:00 for three hours, 13:00 for four; now is a line at 08:00.
    expect(monday).toContain('class="tg__work g-a0 g-h3 g-m0"');
    expect(monday).toContain('class="tg__work g-a0 g-h4 g-m0"');
    expect(monday).toMatch(/class="tg__now g-a0"><span>Now, 08:0\d<\/span>/); // the sign-ins moved the clock on a little
    const tuesdayCol = column(html, '2027-03-02');
    expect(tuesdayCol).not.toContain('tg__now');
    // A 50-minute session: ten twelfths of an hour, starting on the hour.
    expect(tuesdayCol).toMatch(
      new RegExp(`class="tg__session tg__session--confirmed g-a0 g-h0 g-m10"><a href="/staff/bookings/${tuesday.booking.id}">10:00–10:50 Alex Example</a>`),
    );
    const wednesday = column(html, '2027-03-03');
    expect(wednesday).toContain('tg__col--changed');
    expect(wednesday).toContain('Changed hours: 12:00 to 16:00');
    expect(wednesday).toContain('class="tg__work g-a0 g-h4 g-m0"');
    const thursday = column(html, '2027-03-04');
    expect(thursday).toContain('tg__col--off');
    expect(thursday).toContain('Day off');
    expect(thursday).not.toContain('tg__work');
    const saturday = column(html, '2027-03-06');
    expect(saturday).toContain('tg__col--none');
    expect(saturday).toContain('Not working');
    expect(saturday).toContain('No sessions');
    expect(saturday).not.toContain('tg__now');
    // Hours to midnight: until 24:00, and the grid runs to the end of the day.
    const sunday = column(html, '2027-03-07');
    expect(sunday).toContain('Changed hours: 20:00 to 24:00');
    expect(sunday).toContain('class="tg__work g-a0 g-h4 g-m0"');
    expect(html).toContain('<div class="tg__hour">23:00</div>');
    // Only Amara's own sessions.
    expect(html).not.toContain(theirs.booking.id);
  });

  test('previous and next weeks: Monday to Sunday, with a way back to this week; now only in this week', async () => {
    const html = await (await getAs(t, amara, '/staff/week?from=2027-03-10')).text();
    expect(html).toContain('Monday 8 March to Sunday 14 March 2027');
    expect(html).toContain('href="/staff/week?from=2027-03-01">Previous week');
    expect(html).toContain('href="/staff/week?from=2027-03-15">Next week');
    expect(html).toContain('>This week</a>');
    expect(html).not.toContain('tg__now');
    expect(html).not.toContain(tuesday.booking.id);
    // Nonsense dates are this week.
    expect(await (await getAs(t, amara, '/staff/week?from=1066-10-14')).text()).toContain('Monday 1 March to Sunday 7 March 2027');
  });

  test('the admin’s /staff/week is the practice’s schedule; a therapist may not see it', async () => {
    const week = await getAs(t, admin, '/staff/week');
    expect(week.status).toBe(303);
    expect(week.headers.get('location')).toBe('/staff/schedule');
    expect((await getAs(t, amara, '/staff/schedule')).status).toBe(403);
  });

  test('the practice’s week: every therapist’s hours and sessions by reference, service and therapist, never the client', async () => {
    const res = await getAs(t, admin, '/staff/schedule');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Practice schedule');
    expect(html).toContain('<table class="practice-week">');
    expect(html).toContain(tuesday.booking.reference);
    expect(html).toContain(theirs.booking.reference);
    expect(html).toContain(`/staff/bookings/${tuesday.booking.id}`);
    expect(html).toContain('Couples counselling');
    expect(html).toContain('Individual therapy');
    expect(html).toContain('Amara Okafor');
    expect(html).toContain('Tomasz Nowak');
    expect(html).not.toContain('Alex Example');
    expect(html).not.toContain('alex@example.com');
    // Amara's row: the day off and the changed hours are named.
    const row = html.slice(html.indexOf('>Amara Okafor</a></th>'), html.indexOf('</tr>', html.indexOf('>Amara Okafor</a></th>')));
    expect(row).toContain('practice-week__cell--off');
    expect(row).toContain('Changed hours: 12:00 to 16:00');
    expect(row).toContain('09:00 to 12:00, 13:00 to 17:00');
  });

  test('filtered to one therapist: their week as a grid, with only their sessions', async () => {
    const html = await (await getAs(t, admin, `/staff/schedule?view=week&date=2027-03-03&therapist=${amaraId}`)).text();
    expect(html).toContain('Monday 1 March to Sunday 7 March 2027, Amara Okafor');
    expect(html).toContain(`<option value="${amaraId}" selected="">Amara Okafor</option>`);
    const tuesdayCol = column(html, '2027-03-02');
    expect(tuesdayCol).toMatch(new RegExp(`g-a0 g-h0 g-m10"><a href="/staff/bookings/${tuesday.booking.id}">10:00–10:50 ${tuesday.booking.reference}</a>`));
    expect(column(html, '2027-03-04')).toContain('tg__col--off');
    expect(html).not.toContain(theirs.booking.reference);
    expect(html).not.toContain('Alex Example');
    expect(html).toContain(`href="/staff/schedule?view=week&amp;date=2027-03-08&amp;therapist=${amaraId}">Next week`);
  });

  test('the practice’s day: a column per therapist, with their hours that day and their sessions', async () => {
    const html = await (await getAs(t, admin, '/staff/schedule?view=day&date=2027-03-02')).text();
    expect(html).toContain('Practice day: Tuesday 2 March');
    const col = column(html, amaraId);
    expect(col).toContain('09:00 to 12:00, 13:00 to 17:00');
    expect(col).toContain(tuesday.booking.reference);
    expect(col).not.toContain(theirs.booking.reference);
    expect(html).toContain(`id="col-${tomaszId}"`);
    expect(html).not.toContain('Alex Example');
    expect(html).toContain('href="/staff/schedule?view=day&amp;date=2027-03-03">Next day');
    // One therapist's day.
    const one = await (await getAs(t, admin, `/staff/schedule?view=day&date=2027-03-04&therapist=${amaraId}`)).text();
    expect(column(one, amaraId)).toContain('Day off');
    expect(one).not.toContain(`id="col-${tomaszId}"`);
    // An unknown therapist is everyone.
    expect(await (await getAs(t, admin, '/staff/schedule?therapist=nobody')).text()).toContain('every therapist');
    expect(tomasz).toBeTruthy();
  });
});
