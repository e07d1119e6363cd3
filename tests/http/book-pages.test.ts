import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { demoIds, fixedClock, readOutbox } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';

describe.each(DIALECTS)('the booking pages on %s', (dialect) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const clock = fixedClock('2027-03-01T08:00:00Z');
  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    ids = await demoIds(t);
  });
  afterAll(async () => {
    await t?.stop();
  });
  const html = async (path: string) => {
    const res = await t.request(path);
    return { status: res.status, text: await res.text(), res };
  };
  const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1];

  test('service → therapist (with "any available" for the consultation) → times as radio buttons', async () => {
    const step1 = await html('/book');
    for (const s of ids.services) expect(step1.text).toContain(`value="${s.id}"`);
    const consult = ids.service('initial-consultation');
    const step2 = await html(`/book?service=${consult}`);
    expect(step2.text).toContain('Any available therapist');
    const couples = ids.service('couples-counselling');
    const step2b = await html(`/book?service=${couples}`);
    expect(step2b.text).not.toContain('Any available therapist');
    expect(step2b.text).toContain(`value="${ids.therapist('amara-okafor')}"`);
    expect(step2b.text).not.toContain(`value="${ids.therapist('lucia-fernandez')}"`);
    const step3 = await html(`/book?service=${couples}&therapist=${ids.therapist('amara-okafor')}&date=2027-03-02&tz=America/New_York`);
    expect(step3.text).toContain('type="radio" id="f-start" name="start" value="2027-03-02T04:00:00-05:00"');
    expect(step3.text).toContain('Tuesday 2 March');
    expect(step3.text).toContain('<option value="America/New_York" selected="">');
  });

  test('details: bad input gets an error summary and per-field messages, and books nothing', async () => {
    const couples = ids.service('couples-counselling');
    const amara = ids.therapist('amara-okafor');
    const step4 = await html(`/book?service=${couples}&therapist=${amara}&tz=Europe/London&start=2027-03-02T10:00:00%2B00:00`);
    expect(step4.text).toContain('Tuesday 2 March 2027 at 10:00 (GMT)');
    const key = hidden(step4.text, 'idempotencyKey');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const res = await t.form('/book', { service: couples, therapist: amara, tz: 'Europe/London', start: '2027-03-02T10:00:00.000Z', idempotencyKey: key!, name: '', email: 'not-an-email', notes: '' });
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
    const fields = { service: couples, therapist: amara, tz: 'Europe/London', start: '2027-03-02T11:00:00.000Z', idempotencyKey: 'form-key-1234567890', name: 'Robin Vale', email: 'robin@example.com', phone: '', format: 'online', notes: 'Private words', consent: 'yes' };
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
    const res = await t.form('/book', { service: couples, therapist: amara, tz: 'Europe/London', start: '2027-03-02T11:00:00.000Z', idempotencyKey: 'another-key-12345', name: 'Kit', email: 'kit@example.com', consent: 'yes' });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('That time is no longer free');
    expect(page).toContain('name="start"');
  });

  test('manage: reschedule and cancel by plain forms; inside the late window, call instead', async () => {
    const couples = ids.service('couples-counselling');
    const helen = ids.therapist('helen-carter');
    const booked = await t.form('/book', { service: couples, therapist: helen, tz: 'Europe/London', start: '2027-03-03T09:00:00.000Z', idempotencyKey: 'manage-key-123456', name: 'Sky', email: 'sky@example.com', consent: 'yes' });
    const manage = booked.headers.get('location')!.replace('?booked=1', '');
    const picker = await html(`${manage}/reschedule?date=2027-03-03`);
    expect(picker.text).toContain('value="2027-03-03T10:00:00+00:00"');
    // A time someone else has just taken: back to the choices, saying why, and the booking unchanged.
    await t.form('/book', { service: couples, therapist: helen, tz: 'Europe/London', start: '2027-03-03T11:00:00.000Z', idempotencyKey: 'other-key-1234567', name: 'Lee', email: 'lee@example.com', consent: 'yes' });
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

    const soon = await t.form('/book', { service: ids.service('initial-consultation'), therapist: helen, tz: 'Europe/London', start: '2027-03-02T09:00:00.000Z', idempotencyKey: 'soon-key-12345678', name: 'Ash', email: 'ash@example.com', consent: 'yes' });
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
    const good = await t.form('/book/waitlist', { service: couples, therapist: daniel, tz: 'Europe/London', date: '2027-09-01', name: 'Wren', email: 'wren@example.com' });
    expect(good.status).toBe(200);
    expect(await good.text()).toContain('You are on the waiting list');
    const mail = await readOutbox(t, 'waitlist-joined');
    expect(mail.map((m) => m.to_address)).toContain('wren@example.com');
  });
});
