import { describe, expect, test } from 'vitest';
import { hashToken } from '../../src/security/encryption.ts';
import { PUBLIC_WRITE_LIMITS } from '../../src/usecases/bookings/throttle.ts';
import { bookingBody, countRows, useBookingApp, withAuditLogBroken } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';

describe.each(DIALECTS)('the booking pages on %s', (dialect) => {
  // One trusted proxy hop, so a test can speak for a client address (X-Forwarded-For).
  const { t, clock, ids } = useBookingApp(dialect, { env: { TRUST_PROXY_HOPS: '1' } });
  const count = (table: 'bookings' | 'waitlist' | 'outbox') => countRows(t, table);
  const html = async (path: string) => {
    const res = await t.request(path);
    return { status: res.status, text: await res.text(), res };
  };
  const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1];

  test('service → therapist (with "any available" for the consultation) → times as buttons that move straight on', async () => {
    const step1 = await html('/book');
    for (const s of ids.services) expect(step1.text).toContain(`href="/book?service=${ids.ref(s.slug)}"`);
    const consult = ids.service('initial-consultation');
    const step2 = await html(`/book?service=${consult}`);
    expect(step2.text).toContain('See every time with any available therapist');
    const couples = ids.service('couples-counselling');
    const step2b = await html(`/book?service=${couples}`);
    expect(step2b.text).not.toContain('any available therapist');
    expect(step2b.text).toContain(`therapist=${ids.therapist('amara-okafor')}`);
    expect(step2b.text).not.toContain(`therapist=${ids.therapist('lucia-fernandez')}`);
    const step3 = await html(`/book?service=${couples}&therapist=${ids.therapist('amara-okafor')}&date=2027-03-02&tz=America/New_York`);
    // A time is a submit button of a GET form: tapping it is the step to the details.
    expect(step3.text).toContain('<form method="get" action="/book"');
    expect(step3.text).toMatch(/<button type="submit" class="slot-button" name="start" value="2027-03-02T04:00:00-05:00" id="f-start">04:00/);
    expect(step3.text).not.toContain('type="radio"');
    expect(step3.text).not.toContain('>Continue<');
    expect(step3.text).toContain('Tue 2 March');
    expect(step3.text).toContain('<option value="America/New_York" selected="">');
  });

  test('details: bad input gets an error summary and per-field messages, and books nothing', async () => {
    const couples = ids.service('couples-counselling');
    const amara = ids.therapist('amara-okafor');
    const step4 = await html(`/book?service=${couples}&therapist=${amara}&tz=Europe/London&start=2027-03-02T10:00:00%2B00:00`);
    expect(step4.text).toContain('Tuesday 2 March 2027 at 10:00 (GMT)');
    const key = hidden(step4.text, 'idempotencyKey');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const res = await t.form('/book', {
      service: couples,
      therapist: amara,
      tz: 'Europe/London',
      start: '2027-03-02T10:00:00.000Z',
      idempotencyKey: key!,
      name: '',
      email: 'not-an-email',
      notes: '',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('There is a problem');
    expect(page).toContain('href="#f-name"');
    expect(page).toContain('href="#f-email"');
    expect(page).toContain('href="#f-consent"');
    expect(page).toContain('Tick the box to agree');
    expect(page).toContain('<title>Error: Your details');
    expect(await t.deps.database.db.selectFrom('bookings').select('id').execute()).toHaveLength(0);
  });

  test('a good submission redirects to the private confirmation; a double submit is one booking', async () => {
    const couples = ids.service('couples-counselling');
    const amara = ids.therapist('amara-okafor');
    const fields = {
      service: couples,
      therapist: amara,
      tz: 'Europe/London',
      start: '2027-03-02T11:00:00.000Z',
      idempotencyKey: 'form-key-1234567890',
      name: 'Robin Vale',
      email: 'robin@example.com',
      phone: '',
      format: 'online',
      notes: 'Private words',
      consent: 'yes',
    };
    const [a, b] = await Promise.all([t.form('/book', fields), t.form('/book', fields)]);
    expect(a.status).toBe(303);
    expect(b.status).toBe(303);
    expect(a.headers.get('location')).toBe(b.headers.get('location'));
    const location = a.headers.get('location')!;
    expect(location).toMatch(/^\/manage\/[A-Za-z0-9_-]{43}\?booked=1$/);
    const rows = await t.deps.database.db.selectFrom('bookings').selectAll().where('therapist_id', '=', amara).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.format).toBe('online');
    const confirmation = await html(location);
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain('Your appointment is booked');
    expect(confirmation.text).toContain('Tuesday 2 March 2027 at 11:00 (GMT)');
    expect(confirmation.text).toContain('Add to my calendar');
    expect(confirmation.text).toContain(`>http://127.0.0.1:3000${location.replace('?booked=1', '')}</a>`);
    expect(confirmation.res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(confirmation.res.headers.get('x-robots-tag')).toContain('noindex');
    expect(confirmation.res.headers.get('cache-control')).toBe('no-store');
    const mail = await readOutbox(t, 'booking-confirmation');
    expect(mail.filter((m) => m.to_address === 'robin@example.com')).toHaveLength(1);
    expect(mail[0]!.body_text).toContain(`http://127.0.0.1:3000${location.replace('?booked=1', '')}`);
    expect(mail[0]!.body_text).not.toContain('Private words');
  });

  test('a time taken meanwhile sends the client back to choose, saying why', async () => {
    const couples = ids.service('couples-counselling');
    const amara = ids.therapist('amara-okafor');
    const res = await t.form('/book', {
      service: couples,
      therapist: amara,
      tz: 'Europe/London',
      start: '2027-03-02T11:00:00.000Z',
      idempotencyKey: 'another-key-12345',
      name: 'Kit',
      email: 'kit@example.com',
      consent: 'yes',
    });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('That time is no longer free');
    expect(page).toContain('name="start"');
  });

  test('manage: reschedule and cancel by plain forms; inside the late window, call instead', async () => {
    const couples = ids.service('couples-counselling');
    const helen = ids.therapist('helen-carter');
    const booked = await t.form('/book', {
      service: couples,
      therapist: helen,
      tz: 'Europe/London',
      start: '2027-03-03T09:00:00.000Z',
      idempotencyKey: 'manage-key-123456',
      name: 'Sky',
      email: 'sky@example.com',
      consent: 'yes',
    });
    const manage = booked.headers.get('location')!.replace('?booked=1', '');
    const picker = await html(`${manage}/reschedule?date=2027-03-03`);
    expect(picker.text).toContain('value="2027-03-03T10:00:00+00:00"');
    // A time someone else has just taken: back to the choices, saying why, and the booking unchanged.
    await t.form('/book', {
      service: couples,
      therapist: helen,
      tz: 'Europe/London',
      start: '2027-03-03T11:00:00.000Z',
      idempotencyKey: 'other-key-1234567',
      name: 'Lee',
      email: 'lee@example.com',
      consent: 'yes',
    });
    const taken = await t.form(`${manage}/reschedule`, { start: '2027-03-03T11:00:00+00:00' });
    expect(taken.status).toBe(409);
    const takenPage = await taken.text();
    expect(takenPage).toContain('That time is no longer free');
    expect(takenPage).toContain('name="start"');
    expect((await html(manage)).text).toContain('Wednesday 3 March 2027 at 09:00 (GMT)');
    const moved = await t.form(`${manage}/reschedule`, { start: '2027-03-03T10:00:00+00:00' });
    expect(moved.status).toBe(303);
    expect((await html(`${manage}?moved=1`)).text).toContain('Wednesday 3 March 2027 at 10:00 (GMT)');
    const confirm = await html(`${manage}/cancel`);
    expect(confirm.text).toContain('Yes, cancel it');
    const cancelled = await t.form(`${manage}/cancel`, {});
    expect(cancelled.status).toBe(303);
    const after = await html(`${manage}?cancelled=1`);
    expect(after.text).toContain('Cancelled appointment');
    expect(after.text).not.toContain('Change the time');

    const soon = await t.form('/book', {
      service: ids.service('initial-consultation'),
      therapist: helen,
      tz: 'Europe/London',
      start: '2027-03-02T09:00:00.000Z',
      idempotencyKey: 'soon-key-12345678',
      name: 'Ash',
      email: 'ash@example.com',
      consent: 'yes',
    });
    const soonManage = soon.headers.get('location')!.replace('?booked=1', '');
    clock.set('2027-03-01T20:00:00Z');
    try {
      const late = await html(soonManage);
      expect(late.text).toContain('can no longer be changed online');
      expect(late.text).toContain('href="tel:02079460321"');
      expect(late.text).not.toContain('Change the time');
      expect((await t.form(`${soonManage}/cancel`, {})).status).toBe(409);
    } finally {
      clock.set('2027-03-01T08:00:00Z');
    }
    expect((await html('/manage/this-is-not-a-valid-token-for-anything')).status).toBe(404);
  });

  test('no free times: the waiting list form', async () => {
    const couples = ids.service('couples-counselling');
    const daniel = ids.therapist('daniel-mensah');
    const page = await html(`/book?service=${couples}&therapist=${daniel}&date=2027-09-01&tz=Europe/London`);
    expect(page.text).toContain('Join the waiting list');
    const bad = await t.form('/book/waitlist', { service: couples, therapist: daniel, tz: 'Europe/London', date: '2027-09-01', name: '', email: 'x' });
    expect(bad.status).toBe(422);
    const good = await t.form('/book/waitlist', {
      service: couples,
      therapist: daniel,
      tz: 'Europe/London',
      date: '2027-09-01',
      name: 'Wren',
      email: 'wren@example.com',
    });
    expect(good.status).toBe(200);
    expect(await good.text()).toContain('You are on the waiting list');
    const mail = await readOutbox(t, 'waitlist-joined');
    expect(mail.map((m) => m.to_address)).toContain('wren@example.com');
  });
  test('step 1: a paid service is priced from the lowest fee of the therapists offering it; step 2 shows each therapist’s own', async () => {
    const step1 = (await html('/book')).text;
    expect(step1).toContain('20 minutes · Free');
    expect(step1).toMatch(/50 minutes · From £60<\/p><p class="choice-card__text">Fifty minutes for the two of you/); // couples: Sam Rivers £60 … Daniel Mensah £120
    expect(step1).toMatch(/50 minutes · From £55<\/p><p class="choice-card__text">Fifty minutes for family members/); // family: Jonah Levi £55
    expect(step1).toMatch(/50 minutes · From £55<\/p><p class="choice-card__text">Fifty minutes on your own/); // individual: Jonah Levi £55
    // Psychosexual therapy costs its therapists £15 more than their other sessions: Marta Kowalska £95 + £15.
    expect(step1).toMatch(/50 minutes · From £110<\/p><p class="choice-card__text">Fifty minutes, alone or as a couple/);
    expect(step1).not.toContain('From £95');
    // A therapist who leaves is no longer the "from" price.
    await t.deps.database.db.updateTable('therapists').set({ active: 0 }).where('id', '=', ids.therapist('sam-rivers')).execute();
    try {
      expect((await html('/book')).text).toMatch(/50 minutes · From £80<\/p><p class="choice-card__text">Fifty minutes for the two of you/); // Yusuf Rahman £80
    } finally {
      await t.deps.database.db.updateTable('therapists').set({ active: 1 }).where('id', '=', ids.therapist('sam-rivers')).execute();
    }
    const step2 = (await html(`/book?service=${ids.service('couples-counselling')}`)).text;
    expect(step2).toContain('Online or in person · £60');
    expect(step2).toContain('In person · £120');
  });

  test('"any available therapist": the details step offers only the formats of someone free then, and preselects one that works', async () => {
    const consult = ids.service('initial-consultation');
    const details = (start: string) => html(`/book?service=${consult}&therapist=any&tz=Europe/London&start=${encodeURIComponent(start)}`);
    // Saturday 15:00: only Daniel Mensah, who sees clients in person only.
    const inPerson = await details('2027-03-06T15:00:00+00:00');
    expect(inPerson.status).toBe(200);
    expect(hidden(inPerson.text, 'format')).toBe('in_person');
    expect(inPerson.text).not.toContain('value="online"');
    expect(inPerson.text).toContain('<dt>Where</dt><dd>In person at 14 Harbour Yard, London N1 7AB</dd>');
    // Friday evening: only online therapists.
    const online = await details('2027-03-05T19:00:00+00:00');
    expect(hidden(online.text, 'format')).toBe('online');
    expect(online.text).not.toContain('value="in_person"');
    // Tuesday morning: both, online preselected.
    const both = await details('2027-03-02T10:00:00+00:00');
    expect(both.text).toContain('How would you like to meet?');
    expect(both.text).toMatch(/name="format" value="online" checked/);
    expect(both.text).toContain('value="in_person"');
    // Sunday: nobody at all, so back to the times, saying why.
    const nobody = await details('2027-03-07T10:00:00+00:00');
    expect(nobody.status).toBe(409);
    expect(nobody.text).toContain('That time is no longer free');
    expect(nobody.text).toContain('name="start"');
  });

  test('a way to meet chosen in Find your match is carried through the steps and preselected where it can be booked', async () => {
    const consult = ids.service('initial-consultation');
    // Tuesday morning: therapists free both online and in person; the client asked for in person.
    const times = await html(`/book?service=${consult}&therapist=any&tz=Europe/London&date=2027-03-02&format=in_person`);
    expect(times.text).toContain('<input type="hidden" name="format" value="in_person"/>');
    const both = await html(
      `/book?service=${consult}&therapist=any&tz=Europe/London&start=${encodeURIComponent('2027-03-02T10:00:00+00:00')}&format=in_person`,
    );
    expect(both.text).toMatch(/name="format" value="in_person" checked/);
    // Friday evening only online therapists are free: the wish cannot be met there, so online it is.
    const online = await html(
      `/book?service=${consult}&therapist=any&tz=Europe/London&start=${encodeURIComponent('2027-03-05T19:00:00+00:00')}&format=in_person`,
    );
    expect(hidden(online.text, 'format')).toBe('online');
    // Anything else in that parameter is ignored.
    const odd = await html(`/book?service=${consult}&therapist=any&tz=Europe/London&start=${encodeURIComponent('2027-03-02T10:00:00+00:00')}&format=telepathy`);
    expect(odd.text).toMatch(/name="format" value="online" checked/);
  });

  test('"any available therapist": a format nobody free then offers is a message on that field, not "just taken"; the right one books', async () => {
    const consult = ids.service('initial-consultation');
    const fields = {
      service: consult,
      therapist: 'any',
      tz: 'Europe/London',
      start: '2027-03-06T15:00:00.000Z',
      idempotencyKey: 'any-format-key-12345',
      name: 'Noor',
      email: 'noor@example.com',
      format: 'online',
      consent: 'yes',
    };
    const before = await count('bookings');
    const refused = await t.form('/book', fields);
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain('There is a problem');
    expect(page).toContain(
      '<a href="#f-format">At that time the therapists who are free see clients only in person. Choose in person, or pick another time.</a>',
    );
    expect(page).not.toContain('just been taken');
    expect(page).toMatch(/id="f-format" type="radio" name="format" value="in_person" checked/);
    expect(page).toContain('value="Noor"');
    expect(await count('bookings')).toBe(before);
    const booked = await t.form('/book', { ...fields, format: 'in_person' });
    expect(booked.status).toBe(303);
    const row = await t.deps.database.db
      .selectFrom('bookings')
      .selectAll()
      .where('manage_token_hash', '=', hashToken(booked.headers.get('location')!.split('/manage/')[1]!.split('?')[0]!))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ therapist_id: ids.therapist('daniel-mensah'), format: 'in_person' });
  });

  test('the waiting-list form refuses an unknown or inactive therapist (never quietly "any"), and writes nothing', async () => {
    const couples = ids.service('couples-counselling');
    const helen = ids.therapist('helen-carter');
    const before = { waitlist: await count('waitlist'), outbox: await count('outbox') };
    const join = (therapist: string) =>
      t.form('/book/waitlist', { service: couples, therapist, tz: 'Europe/London', date: '2027-09-01', name: 'Wren', email: 'wren2@example.com' });
    const unknown = await join('no-such-therapist');
    expect(unknown.status).toBe(422);
    const page = await unknown.text();
    expect(page).toContain('That therapist does not exist.');
    expect(page).toContain('name="therapist" value=""');
    await t.deps.database.db.updateTable('therapists').set({ active: 0 }).where('id', '=', helen).execute();
    try {
      expect((await join(helen)).status).toBe(422);
    } finally {
      await t.deps.database.db.updateTable('therapists').set({ active: 1 }).where('id', '=', helen).execute();
    }
    expect((await join(ids.therapist('lucia-fernandez'))).status).toBe(422); // no couples counselling
    expect({ waitlist: await count('waitlist'), outbox: await count('outbox') }).toEqual(before);
    // As the form offers it, with no therapist: whoever frees up first.
    expect((await join('')).status).toBe(200);
  });

  test('too many booking or waiting-list attempts from one address: the form comes back with status 429 and says so; nothing is written', async () => {
    const couples = ids.service('couples-counselling');
    const amara = ids.therapist('amara-okafor');
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    // The API and the form count together.
    for (let i = 0; i < PUBLIC_WRITE_LIMITS.booking.max; i++)
      await t.json('/api/v1/bookings', bookingBody('no-such-therapist', couples, '2027-03-04T14:00:00Z'), from('192.0.2.50'));
    const fields = {
      service: couples,
      therapist: amara,
      tz: 'Europe/London',
      start: '2027-03-04T14:00:00.000Z',
      idempotencyKey: 'throttled-key-1234',
      name: 'Rowan',
      email: 'rowan@example.com',
      consent: 'yes',
    };
    const before = await count('bookings');
    const limited = await t.form('/book', fields, from('192.0.2.50'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await limited.text();
    expect(page).toContain('<title>Error: Your details');
    expect(page).toContain('so we have not booked this one: nothing has been booked. Please try again in 60 minutes, or call us on 020 7946 0321.');
    expect(page).toContain('value="Rowan"');
    expect(await count('bookings')).toBe(before);
    expect((await t.form('/book', fields, from('192.0.2.51'))).status).toBe(303);

    const wait = { service: couples, therapist: amara, tz: 'Europe/London', date: '2027-09-01', name: 'Ash', email: 'ash.wait@example.com' };
    for (let i = 0; i < PUBLIC_WRITE_LIMITS.waitlist.max; i++) expect((await t.form('/book/waitlist', wait, from('192.0.2.60'))).status).toBe(200);
    const waiting = await count('waitlist');
    const tooMany = await t.form('/book/waitlist', wait, from('192.0.2.60'));
    expect(tooMany.status).toBe(429);
    expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await tooMany.text()).toContain('so we have not added this one');
    expect(await count('waitlist')).toBe(waiting);
  });

  test('a database failure while booking: status 503, a page saying nothing was booked, the form kept to try again', async () => {
    const couples = ids.service('couples-counselling');
    const fields = {
      service: couples,
      therapist: ids.therapist('priya-shah'),
      tz: 'Europe/London',
      start: '2027-03-05T10:00:00.000Z',
      idempotencyKey: 'db-failure-form-12',
      name: 'Indigo',
      email: 'indigo@example.com',
      consent: 'yes',
    };
    const before = { bookings: await count('bookings'), outbox: await count('outbox') };
    const failed = await withAuditLogBroken(t, () => t.form('/book', fields));
    expect(failed.status).toBe(503);
    const page = await failed.text();
    expect(page).toContain('We could not complete your booking just now, so nothing has been booked. Please try again in a moment.');
    expect(page).toContain('value="Indigo"');
    expect(hidden(page, 'idempotencyKey')).toBe(fields.idempotencyKey);
    expect(page).not.toContain('simulated');
    expect({ bookings: await count('bookings'), outbox: await count('outbox') }).toEqual(before);
    expect((await t.form('/book', fields)).status).toBe(303);
  });

  test('a body that cannot be read (a broken multipart body) is a 400 page on every booking form, never a 500, and changes nothing', async () => {
    const booked = await t.form('/book', {
      service: ids.service('couples-counselling'),
      therapist: ids.therapist('amara-okafor'),
      tz: 'Europe/London',
      start: '2027-03-09T10:00:00.000Z',
      idempotencyKey: 'malformed-body-1',
      name: 'Noor',
      email: 'noor@example.com',
      consent: 'yes',
    });
    const manage = booked.headers.get('location')!.replace('?booked=1', '');
    const before = { bookings: await count('bookings'), waitlist: await count('waitlist'), outbox: await count('outbox') };
    const broken = { 'content-type': 'multipart/form-data; boundary=x', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' };
    for (const path of ['/book', '/book/waitlist', `${manage}/reschedule`]) {
      const res = await t.request(path, { method: 'POST', headers: broken, body: 'x' });
      expect(res.status, path).toBe(400);
      expect(await res.text()).toContain('We could not read what was sent');
    }
    expect({ bookings: await count('bookings'), waitlist: await count('waitlist'), outbox: await count('outbox') }).toEqual(before);
  });
});
