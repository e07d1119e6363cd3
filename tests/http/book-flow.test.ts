// Issue 11, booking: one fee everywhere, the terms before committing, nothing typed lost, the times screen.
import { describe, expect, test } from 'vitest';
import { bookingBody, countRows, useBookingApp } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';

describe.each(DIALECTS)('booking, issue 11, on %s', (dialect) => {
  const { t, clock, ids } = useBookingApp(dialect);
  const html = async (path: string) => (await t.request(path)).text();
  const couples = () => ids.service('couples-counselling');
  const amara = () => ids.therapist('amara-okafor');
  const detailsPath = (start: string) => `/book?service=${couples()}&therapist=${amara()}&tz=Europe/London&start=${encodeURIComponent(start)}`;
  const hrefs = (page: string) => [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);

  test('one fee, from one function: /services, a service page, /book, the directory card, the profile and the API agree, and follow a change', async () => {
    const check = async (from: string) => {
      expect(await html('/services')).toContain(`<dt>Fee</dt><dd>From ${from} a session</dd>`);
      expect(await html('/services/couples-counselling')).toContain(`From ${from} a session`);
      expect(await html('/book')).toContain(`50 minutes · From ${from}</p><p class="choice-card__text">Fifty minutes for the two of you`);
      const api = (await (await t.request('/api/v1/services')).json()) as {
        services: { slug: string; fee: { fromMinor: number; varies: boolean; text: string } }[];
      };
      expect(api.services.find((s) => s.slug === 'couples-counselling')!.fee.text).toBe(`from ${from}`);
    };
    await check('£60');
    expect(await html('/services')).not.toContain('<dd>£95 a session');
    expect(await html('/therapists')).toContain('<dd>£90 a session</dd>');
    expect(await html('/therapists/amara-okafor')).toContain('£90 a session');
    const sam = ids.therapist('sam-rivers');
    // Sam Rivers lowers every fee of theirs (per service, as the profile editor writes them).
    const db = t.deps.database.db;
    const before = await db.selectFrom('therapist_services').selectAll().where('therapist_id', '=', sam).execute();
    await db.updateTable('therapist_services').set({ fee_minor: 5000 }).where('therapist_id', '=', sam).where('fee_minor', 'is not', null).execute();
    try {
      await check('£50');
      expect(await html('/therapists/sam-rivers')).toContain('£50 a session');
      expect(await html(`/book?service=${couples()}`)).toContain('Online or in person · £50');
    } finally {
      for (const row of before)
        await db
          .updateTable('therapist_services')
          .set({ fee_minor: row.fee_minor })
          .where('therapist_id', '=', sam)
          .where('service_id', '=', row.service_id)
          .execute();
    }
    // The free consultation is free everywhere.
    expect(await html('/services')).toContain('<dt>Fee</dt><dd>Free of charge</dd>');
  });

  test('a booking name that carries a link or an address is not repeated in the confirmation (L5); a plain one is, and the mail says who booked', async () => {
    const spam = await t.json(
      '/api/v1/bookings',
      bookingBody(ids.therapist('amara-okafor'), couples(), '2027-03-09T09:00:00Z', {
        client: { name: 'Win cash at www.prize-now.example', email: 'target@example.com' },
      }),
    );
    expect(spam.status).toBe(201);
    const mail = (await readOutbox(t, 'booking-confirmation')).find((m) => m.to_address === 'target@example.com')!;
    expect(mail.text).not.toContain('prize-now');
    expect(mail.text.startsWith('Hello,\n')).toBe(true);
    expect(mail.text).toContain('This booking was made on our website with this e-mail address. If it was not you');
    await t.json(
      '/api/v1/bookings',
      bookingBody(ids.therapist('amara-okafor'), couples(), '2027-03-09T11:00:00Z', { client: { name: 'Robin Plain', email: 'plain@example.com' } }),
    );
    expect((await readOutbox(t, 'booking-confirmation')).find((m) => m.to_address === 'plain@example.com')!.text.startsWith('Dear Robin Plain,')).toBe(true);
  });

  test('the details step shows the fee, where and the change rule before committing; no joining link is promised', async () => {
    const page = await html(detailsPath('2027-03-03T10:00:00+00:00'));
    expect(page).toContain('<dt>Fee</dt><dd>£90 for this session</dd>');
    expect(page).toContain('<dt>Where</dt><dd>Online, by video, or in person at 14 Harbour Yard, London N1 7AB (you choose below)</dd>');
    expect(page).toContain('Free to change or cancel online until 24 hours before (Tue 2 Mar at 10:00). After that, please call us on 020 7946 0321.');
    expect(page).not.toContain('Please note');
    expect(page).not.toMatch(/joining link/i);
  });

  test('a time already inside the change window says so on the details step, with the practice’s own number of hours', async () => {
    const practice = await t.deps.repos.practice.get();
    await t.deps.database.db.updateTable('practice_settings').set({ late_cancellation_hours: 48 }).execute();
    try {
      const inside = await html(detailsPath('2027-03-02T10:00:00+00:00'));
      expect(inside).toContain('until 48 hours before. After that');
      expect(inside).toContain('This time is less than 48 hours away, so once it is booked it cannot be changed or cancelled online');
      const outside = await html(detailsPath('2027-03-04T10:00:00+00:00'));
      expect(outside).not.toContain('less than 48 hours away');
    } finally {
      await t.deps.database.db.updateTable('practice_settings').set({ late_cancellation_hours: practice.lateCancellationHours }).execute();
    }
  });

  test('the confirmation page and the confirmation e-mail show the fee, where and the rule, and promise no joining link', async () => {
    const res = await t.form('/book', {
      service: couples(),
      therapist: amara(),
      tz: 'Europe/London',
      start: '2027-03-02T11:00:00.000Z',
      idempotencyKey: 'confirm-terms-12345',
      name: 'Robin Vale',
      email: 'robin.terms@example.com',
      format: 'in_person',
      consent: 'yes',
    });
    expect(res.status).toBe(303);
    const page = await html(res.headers.get('location')!);
    expect(page).toContain('<dt>Fee</dt><dd>£90 for this session</dd>');
    expect(page).toContain('<dt>Where</dt><dd>In person at 14 Harbour Yard, London N1 7AB</dd>');
    expect(page).toContain('Free to change or cancel online until 24 hours before (Mon 1 Mar at 11:00)');
    expect(page).not.toMatch(/joining link/i);
    const mail = (await readOutbox(t, 'booking-confirmation')).find((m) => m.to_address === 'robin.terms@example.com')!;
    expect(mail.body_text).toContain('Fee: £90 for this session');
    expect(mail.body_text).toContain('Where: In person at 14 Harbour Yard, London N1 7AB');
    expect(mail.body_text).toContain('Changing or cancelling: Free to change or cancel online until 24 hours before (Mon 1 Mar at 11:00)');
    expect(mail.body_text).not.toMatch(/joining link/i);
    expect(mail.body_text).toContain('Coming with a partner?');
    // Individual therapy is never a joint session: its e-mail does not ask about coming with a partner.
    const individual = ids.service('individual-therapy');
    const who = ids.therapists.find((x) => x.services.includes(individual))!.id;
    const free = (await (await t.request(`/api/v1/therapists/${who}/slots?service=${individual}&from=2027-03-08&to=2027-03-14&tz=Europe/London`)).json()) as {
      slots: { start: string }[];
    };
    const alone = await t.json('/api/v1/bookings', bookingBody(who, individual, free.slots[0]!.start, { client: { name: 'Solo', email: 'solo@example.com' } }));
    expect(alone.status).toBe(201);
    const soloMail = (await readOutbox(t, 'booking-confirmation')).find((m) => m.to_address === 'solo@example.com')!;
    expect(soloMail.body_text).not.toContain('Coming with a partner?');
    const api = (await (await t.json('/api/v1/bookings', bookingBody(amara(), couples(), '2027-03-04T10:00:00+00:00', { format: 'online' }))).json()) as {
      booking: { feeMinor: number; currency: string };
    };
    expect(api.booking).toMatchObject({ feeMinor: 9000, currency: 'GBP' });
  });

  test('a time taken meanwhile: told plainly, back to the times with name, e-mail, phone, notes and consent kept in the POST body, never in a link', async () => {
    const start = '2027-03-02T12:00:00.000Z';
    expect((await t.json('/api/v1/bookings', bookingBody(amara(), couples(), start))).status).toBe(201);
    const typed = { name: 'Kit Marlow', email: 'kit.kept@example.com', phone: '07700 900 123', notes: 'Private words about us', consent: 'yes' };
    const res = await t.form('/book', {
      service: couples(),
      therapist: amara(),
      tz: 'Europe/London',
      start,
      idempotencyKey: 'taken-key-123456',
      format: 'online',
      ...typed,
    });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('That time is no longer free');
    expect(page).toContain('What you typed is kept: please choose another time.');
    expect(page).toContain('<form method="post" action="/book"');
    for (const [k, v] of Object.entries(typed)) expect(page).toContain(`<input type="hidden" name="${k}" value="${v}"/>`);
    for (const href of hrefs(page)) {
      expect(href).not.toContain('Kit');
      expect(href).not.toContain('kit.kept');
      expect(href).not.toContain('Private');
    }
    // Another day of the strip (a button, not a link): still carrying everything.
    const carried = {
      service: couples(),
      therapist: amara(),
      tz: 'Europe/London',
      date: '2027-03-01',
      carry: '1',
      idempotencyKey: 'taken-key-123456',
      format: 'online',
      ...typed,
    };
    const otherDay = await (await t.form('/book', { ...carried, goto: '2027-03-01|2027-03-03' })).text();
    expect(otherDay).toContain('class="slot-day slot-day--selected" data-slot-day="2027-03-03"');
    expect(otherDay).toContain('<input type="hidden" name="notes" value="Private words about us"/>');
    // A time chosen: the details again, filled in as they were left.
    const again = await t.form('/book', { ...carried, start: '2027-03-02T14:00:00+00:00' });
    expect(again.status).toBe(200);
    const details = await again.text();
    expect(details).toContain('<h1>Your details</h1>');
    expect(details).toContain('Tuesday 2 March 2027 at 14:00 (GMT)');
    expect(details).toContain('value="Kit Marlow"');
    expect(details).toContain('value="07700 900 123"');
    expect(details).toContain('>Private words about us</textarea>');
    expect(details).toMatch(/id="f-consent" name="consent" value="yes" checked/);
    expect(details).toContain('name="idempotencyKey" value="taken-key-123456"');
    expect(await countRows(t, 'bookings')).toBeGreaterThan(0);
    const before = await countRows(t, 'bookings');
    const booked = await t.form('/book', {
      service: couples(),
      therapist: amara(),
      tz: 'Europe/London',
      start: '2027-03-02T14:00:00.000Z',
      idempotencyKey: 'taken-key-123456',
      format: 'online',
      ...typed,
    });
    expect(booked.status).toBe(303);
    expect(await countRows(t, 'bookings')).toBe(before + 1);
  });

  test('"Choose a different time" on the details step keeps what was typed (a POST, JavaScript or not)', async () => {
    const res = await t.form('/book', {
      service: couples(),
      therapist: amara(),
      tz: 'Europe/London',
      date: '2027-03-01',
      start: '2027-03-03T10:00:00.000Z',
      intent: 'times',
      name: 'Sol',
      email: 'not-yet-valid',
      notes: 'Half a thought',
    });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1>Choose a time</h1>');
    expect(page).toContain('What you typed is kept');
    expect(page).toContain('<input type="hidden" name="notes" value="Half a thought"/>');
    expect(page).toContain('<input type="hidden" name="email" value="not-yet-valid"/>');
    expect(await countRows(t, 'bookings')).toBeGreaterThanOrEqual(0);
  });

  test('an altered or cut-short form key never traps the form: a new one is made, and the booking goes through', async () => {
    const free = (await (
      await t.request(`/api/v1/therapists/${amara()}/slots?service=${couples()}&from=2027-03-08&to=2027-03-12&tz=Europe/London`)
    ).json()) as {
      slots: { start: string }[];
    };
    const fields = {
      service: couples(),
      therapist: amara(),
      tz: 'Europe/London',
      start: free.slots[0]!.start,
      format: 'online',
      name: 'Ash',
      email: 'ash.key@example.com',
    };
    const refused = await (await t.form('/book', { ...fields, idempotencyKey: 'x' })).text();
    expect(refused).not.toContain('name="idempotencyKey" value="x"');
    expect(refused).toMatch(/name="idempotencyKey" value="[A-Za-z0-9_-]{43}"/);
    expect(refused).toContain('value="Ash"');
    const ok = await t.form('/book', { ...fields, idempotencyKey: 'x', consent: 'yes' });
    expect(ok.status).toBe(303);
  });

  test('the times screen: human dates, a strip of days that are links, completed steps as done, and the horizon offers the waiting list', async () => {
    const base = `/book?service=${couples()}&therapist=${amara()}&tz=Europe/London`;
    const week = await html(`${base}&date=2027-03-01`);
    expect(week).toContain('Mon 1 – Sun 7 March');
    expect(week).not.toMatch(/2027-03-01 to 2027-03-07/);
    expect(week).toMatch(/<a href="\/book\?[^"]*day=2027-03-03[^"]*" class="date-strip__day"/);
    expect(week).toContain('class="slot-day slot-day--selected" data-slot-day="2027-03-02"');
    expect(week.match(/booking-steps__done/g)).toHaveLength(2);
    expect(week).toContain('Change<span class="visually-hidden"> service</span>');
    expect(week).toContain('Later week');
    const chosenDay = await html(`${base}&date=2027-03-01&day=2027-03-04`);
    expect(chosenDay).toContain('class="slot-day slot-day--selected" data-slot-day="2027-03-04"');
    // 180 days ahead is as far as bookings go: no later week, the waiting list instead.
    const last = await html(`${base}&date=2027-08-25`);
    expect(last).not.toContain('Later week');
    expect(last).toContain('We take bookings up to 26 weeks ahead');
    expect(last).toContain('href="#waitlist-title"');
    expect(last).toContain('id="waitlist-title"');
    const before = await html(`${base}&date=2027-08-14`);
    expect(before).toContain('Later week');
    // Asking for a week past the horizon shows the last one that can be booked.
    expect(await html(`${base}&date=2028-01-03`)).toContain('Sat 28 August – Fri 3 September');
  });

  test('step 2: "First available with anyone" beside each therapist’s own first free time, each a link straight to the details', async () => {
    const page = await html(`/book?service=${couples()}`);
    expect(page).toContain('First available with anyone');
    const first = /<li class="choice-card choice-card--first">.*?<a href="([^"]+)"/s.exec(page)![1]!.replace(/&amp;/g, '&');
    expect(first).toContain('start=');
    const details = await html(first);
    expect(details).toContain('<h1>Your details</h1>');
    expect(page.match(/First available: <a href="[^"]*start=/g)!.length).toBeGreaterThanOrEqual(5);
  });

  test('a form refused as cross-site books nothing, echoes nothing back, and tells the person their typing is still on the page they came from', async () => {
    const before = await countRows(t, 'bookings');
    const res = await t.form(
      '/book',
      {
        service: couples(),
        therapist: amara(),
        tz: 'Europe/London',
        start: '2027-03-03T10:00:00.000Z',
        name: 'Echo Test',
        email: 'echo@example.com',
        notes: 'Not echoed',
        consent: 'yes',
      },
      { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('nothing has been sent or booked');
    expect(page).toContain('What you typed is still there');
    expect(page).not.toContain('Echo Test');
    expect(page).not.toContain('Not echoed');
    expect(await countRows(t, 'bookings')).toBe(before);
  });
});
