import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { queueReminders } from '../../src/usecases/bookings/reminders.ts';
import { PUBLIC_WRITE_LIMITS } from '../../src/usecases/bookings/throttle.ts';
import { bookingBody, countRows, useBookingApp, withAuditLogBroken } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';

type Slots = { slots: { start: string; end: string }[] };
type Created = {
  booking: { id: string; status: string; start: string; end: string; therapistId: string; reference: string; format: string };
  manageUrl: string;
};
type Problem = { code: string; status: number; detail: string; errors?: { pointer: string; detail: string }[] };

describe.each(DIALECTS)('booking on %s', (dialect) => {
  // One trusted proxy hop: a request may say which client address it stands for (X-Forwarded-For), as
  // many clients behind a proxy would. Requests that say nothing all share one address.
  const { t, clock, ids } = useBookingApp(dialect, { env: { TRUST_PROXY_HOPS: '1' } });
  const tokenOf = (url: string) => url.split('/manage/')[1]!;
  const slots = async (therapist: string, service: string, from: string, to = from, tz = 'Europe/London') =>
    ((await (await t.request(`/api/v1/therapists/${therapist}/slots?service=${service}&from=${from}&to=${to}&tz=${encodeURIComponent(tz)}`)).json()) as Slots)
      .slots;

  test('slots follow the weekly hours, with the viewer’s offset, across both UK and US clock changes', async () => {
    const amara = ids.therapist('amara-okafor');
    const couples = ids.service('couples-counselling');
    const tue = await slots(amara, couples, '2027-03-02');
    expect(tue.map((s) => s.start)).toEqual(['09', '10', '11', '12', '14', '15', '16'].map((h) => `2027-03-02T${h}:00:00+00:00`));
    expect(tue[0]!.end).toBe('2027-03-02T09:50:00+00:00');
    // US clocks moved on 14 March, the UK's on 28 March: a four-hour gap in between.
    expect((await slots(amara, couples, '2027-03-16', '2027-03-16', 'America/New_York'))[0]!.start).toBe('2027-03-16T05:00:00-04:00');
    expect((await slots(amara, couples, '2027-03-30', '2027-03-30', 'America/New_York'))[0]!.start).toBe('2027-03-30T04:00:00-04:00');
    expect((await slots(amara, couples, '2027-03-30'))[0]!.start).toBe('2027-03-30T09:00:00+01:00');
    // Weekend: no hours.
    expect(await slots(amara, couples, '2027-03-06', '2027-03-07')).toEqual([]);
    // Minimum notice: nothing today for a service that needs 24 hours.
    expect(await slots(amara, couples, '2027-03-01')).toEqual([]);
  });

  test('bad slot queries are 422 problem+json; an unknown therapist is 404', async () => {
    const couples = ids.service('couples-counselling');
    const bad = await t.request(`/api/v1/therapists/${ids.therapist('amara-okafor')}/slots?service=${couples}&from=2027-13-01&to=2027-03-01&tz=Mars/Base`);
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { errors: { pointer: string }[] };
    expect(body.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/from', '/tz']));
    const unknown = await t.request(`/api/v1/therapists/nobody/slots?service=${couples}&from=2027-03-02&to=2027-03-02&tz=UTC`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
  });

  test('a booking takes the time; the same time again is a 409 with the next free times', async () => {
    const amara = ids.therapist('amara-okafor');
    const couples = ids.service('couples-counselling');
    const res = await t.json('/api/v1/bookings', bookingBody(amara, couples, '2027-03-03T10:00:00Z'));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created.booking).toMatchObject({ status: 'confirmed', start: '2027-03-03T10:00:00+00:00', end: '2027-03-03T10:50:00+00:00', therapistId: amara });
    expect(created.manageUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/manage\/[A-Za-z0-9_-]{43}$/);
    expect((await slots(amara, couples, '2027-03-03')).map((s) => s.start)).not.toContain('2027-03-03T10:00:00+00:00');
    const again = await t.json(
      '/api/v1/bookings',
      bookingBody(amara, couples, '2027-03-03T10:00:00+00:00', { client: { name: 'Sam', email: 'sam@example.com' } }),
    );
    expect(again.status).toBe(409);
    const problem = (await again.json()) as { code: string; alternatives: { start: string }[] };
    expect(problem.code).toBe('SLOT_TAKEN');
    expect(problem.alternatives.length).toBeGreaterThan(0);
    expect(problem.alternatives.map((a) => a.start)).not.toContain('2027-03-03T10:00:00+00:00');
  });

  test('an Idempotency-Key makes a retry the same booking; reusing it for another booking is refused', async () => {
    const amara = ids.therapist('amara-okafor');
    const couples = ids.service('couples-counselling');
    const body = bookingBody(amara, couples, '2027-03-03T14:00:00Z');
    const headers = { 'idempotency-key': 'retry-key-0001' };
    const [a, b] = await Promise.all([t.json('/api/v1/bookings', body, { headers }), t.json('/api/v1/bookings', body, { headers })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as [Created, Created];
    expect(ja.booking.id).toBe(jb.booking.id);
    expect(ja.manageUrl).toBe(jb.manageUrl);
    const rows = await t.deps.database.db
      .selectFrom('bookings')
      .select(['id', 'idempotency_key'])
      .where('starts_at', '=', Date.parse('2027-03-03T14:00:00Z'))
      .execute();
    expect(rows).toHaveLength(1);
    // The key is kept only as a keyed digest bound to the requester, never as sent.
    expect(rows[0]!.idempotency_key).not.toContain('retry-key-0001');
    const other = await t.json('/api/v1/bookings', bookingBody(amara, couples, '2027-03-03T15:00:00Z'), { headers });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  test('an idempotency key is bound to the whole request and its requester (L2), and no manage token is kept reversibly', async () => {
    const amara = ids.therapist('amara-okafor');
    const couples = ids.service('couples-counselling');
    const headers = { 'idempotency-key': 'bound-key-0001' };
    const [at, later] = (await slots(amara, couples, '2027-03-08', '2027-03-12')).map((x) => x.start);
    const first = await t.json('/api/v1/bookings', bookingBody(amara, couples, at!), { headers });
    expect(first.status).toBe(201);
    const made = (await first.json()) as Created;
    const token = tokenOf(made.manageUrl);
    // Same key and address, another name: refused as reused, and the answer holds no manage link.
    const renamed = await t.json(
      '/api/v1/bookings',
      bookingBody(amara, couples, at!, { client: { name: 'Mallory', email: 'alex@example.com', phone: '07700 900 982' } }),
      { headers },
    );
    expect(renamed.status).toBe(422);
    const renamedText = await renamed.text();
    expect(JSON.parse(renamedText)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(renamedText).not.toContain(token);
    expect(renamedText).not.toContain(made.booking.id);
    // Same key, another address, same time: the key is another key; the time is simply taken (nothing of the first).
    const stranger = { client: { name: 'Mallory', email: 'mallory@example.com' } };
    const sameTime = await t.json('/api/v1/bookings', bookingBody(amara, couples, at!, stranger), { headers });
    expect(sameTime.status).toBe(409);
    const sameTimeText = await sameTime.text();
    expect(JSON.parse(sameTimeText)).toMatchObject({ code: 'SLOT_TAKEN' });
    expect(sameTimeText).not.toContain(token);
    expect(sameTimeText).not.toContain(made.booking.id);
    // …and at a free time it makes a booking of its own.
    const own = await t.json('/api/v1/bookings', bookingBody(amara, couples, later!, stranger), { headers });
    expect(own.status).toBe(201);
    const ownMade = (await own.json()) as Created;
    expect(ownMade.booking.id).not.toBe(made.booking.id);
    expect(tokenOf(ownMade.manageUrl)).not.toBe(token);
    // The database keeps the token's hash and nothing it could be read back from.
    const row = await t.deps.database.db.selectFrom('bookings').selectAll().where('id', '=', made.booking.id).executeTakeFirstOrThrow();
    expect(t.deps.encryptor.decrypt(row.manage_token_sealed)).toBe('');
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await t.request(`/manage/${token}`)).status).toBe(200);
    // A true retry (every field the same) still answers with the same booking and link.
    const retry = await t.json('/api/v1/bookings', bookingBody(amara, couples, at!), { headers });
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as Created).manageUrl).toBe(made.manageUrl);
  });

  test('bad input is a 422 with field errors and writes nothing', async () => {
    const before = await t.deps.database.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const amara = ids.therapist('amara-okafor');
    const couples = ids.service('couples-counselling');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...bookingBody(amara, couples, '2027-03-04T10:00:00Z'), consent: false }, '/consent'],
      [{ ...bookingBody(amara, couples, '2027-03-04T10:00:00Z'), status: 'cancelled' }, ''],
      [bookingBody(amara, couples, '2027-03-04 10:00'), '/start'],
      [{ ...bookingBody(amara, couples, '2027-03-04T10:00:00Z'), client: { name: '', email: 'nope' } }, '/client/email'],
      [bookingBody('no-such-therapist', couples, '2027-03-04T10:00:00Z'), '/therapistId'],
      [bookingBody(ids.therapist('tomasz-nowak'), couples, '2027-03-04T18:00:00Z'), '/serviceId'],
    ];
    for (const [body, pointer] of cases) {
      const res = await t.json('/api/v1/bookings', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await res.json()) as { errors?: { pointer: string }[] };
      if (pointer) expect(problem.errors?.map((e) => e.pointer)).toContain(pointer);
    }
    const after = await t.deps.database.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  test('a manage link shows, reschedules (old time freed, new taken) and cancels; its invite is valid iCalendar', async () => {
    const amara = ids.therapist('amara-okafor');
    const couples = ids.service('couples-counselling');
    const created = (await (await t.json('/api/v1/bookings', bookingBody(amara, couples, '2027-03-04T09:00:00Z'))).json()) as Created;
    const token = tokenOf(created.manageUrl);
    const shown = await t.request(`/api/v1/manage/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
    expect(shown.headers.get('x-robots-tag')).toContain('noindex');
    expect(((await shown.json()) as { canChange: boolean }).canChange).toBe(true);

    const ics = await t.request(`/api/v1/manage/${token}/calendar.ics`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Appointment at Closer Relationship Counselling');
    expect(event.uid).toBe(`${created.booking.id}@closer`);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-04T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-03-04T09:50:00.000Z');

    const moved = await t.json(`/api/v1/manage/${token}/reschedule`, { start: '2027-03-04T16:00:00+00:00' });
    expect(moved.status).toBe(200);
    const free = (await slots(amara, couples, '2027-03-04')).map((s) => s.start);
    expect(free).toContain('2027-03-04T09:00:00+00:00');
    expect(free).not.toContain('2027-03-04T16:00:00+00:00');
    const ics2 = new ICAL.Component(ICAL.parse(await (await t.request(`/api/v1/manage/${token}/calendar.ics`)).text())).getFirstSubcomponent('vevent')!;
    expect(ics2.getFirstPropertyValue('sequence')).toBe(1);

    const cancelled = await t.json(`/api/v1/manage/${token}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as Created).booking.status).toBe('cancelled');
    expect((await slots(amara, couples, '2027-03-04')).map((s) => s.start)).toContain('2027-03-04T16:00:00+00:00');
    const twice = await t.json(`/api/v1/manage/${token}/cancel`, {});
    expect(twice.status).toBe(409);
    expect((await t.request('/api/v1/manage/not-a-real-token-at-all-123456')).status).toBe(404);
  });

  test('inside the late-cancellation window the client is told to call instead', async () => {
    const amara = ids.therapist('amara-okafor');
    const consult = ids.service('initial-consultation');
    const created = (await (await t.json('/api/v1/bookings', bookingBody(amara, consult, '2027-03-02T09:00:00Z'))).json()) as Created;
    const token = tokenOf(created.manageUrl);
    clock.set('2027-03-01T12:00:00Z');
    try {
      expect(((await (await t.request(`/api/v1/manage/${token}`)).json()) as { canChange: boolean }).canChange).toBe(false);
      const late = await t.json(`/api/v1/manage/${token}/cancel`, {});
      expect(late.status).toBe(409);
      expect(((await late.json()) as { code: string }).code).toBe('LATE_CANCELLATION');
    } finally {
      clock.set('2027-03-01T08:00:00Z');
    }
  });

  test('notes and client details are encrypted at rest and never reach e-mail', async () => {
    const amara = ids.therapist('amara-okafor');
    const couples = ids.service('couples-counselling');
    const secret = 'My partner read my diary and I cannot forgive it';
    await t.json(
      '/api/v1/bookings',
      bookingBody(amara, couples, '2027-03-08T11:00:00Z', { notes: secret, client: { name: 'Jordan Quill', email: 'jordan.quill@example.com' } }),
    );
    const outbox = await readOutbox(t);
    expect(outbox.length).toBeGreaterThan(0);
    for (const m of outbox) {
      expect(m.body_text).not.toContain('diary');
      expect(m.subject).not.toMatch(/couples|psychosexual|therapy|counselling/i);
      expect(m.attachments).not.toContain('diary');
    }
    if (dialect === 'sqlite') {
      await sql`pragma wal_checkpoint(truncate)`.execute(t.deps.database.db);
      const raw = readFileSync(join(t.testDb.dataDir, 'closer.sqlite'));
      expect(raw.includes(Buffer.from('diary'))).toBe(false);
      expect(raw.includes(Buffer.from('Jordan Quill'))).toBe(false);
    } else {
      const rows = await t.deps.database.db.selectFrom('bookings').select(['notes', 'client_name', 'client_email']).execute();
      expect(JSON.stringify(rows)).not.toMatch(/diary|Jordan|jordan\.quill/);
    }
  });

  test('"any available therapist" books someone free who offers the consultation, spreading the load', async () => {
    const consult = ids.service('initial-consultation');
    const start = '2027-03-09T10:00:00Z'; // Tuesday: several therapists work then
    const anySlots = await slots('any', consult, '2027-03-09');
    expect(anySlots.map((s) => s.start)).toContain('2027-03-09T10:00:00+00:00');
    const chosen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.json('/api/v1/bookings', bookingBody('any', consult, start, { client: { name: `Client ${i}`, email: `c${i}@example.com` } }));
      expect(res.status).toBe(201);
      chosen.push(((await res.json()) as Created).booking.therapistId);
    }
    expect(new Set(chosen).size).toBe(3);
    for (const id of chosen) expect(ids.therapists.find((x) => x.id === id)!.services).toContain(consult);
    const couples = ids.service('couples-counselling');
    const refused = await t.json('/api/v1/bookings', bookingBody('any', couples, '2027-03-09T11:00:00Z'));
    expect(refused.status).toBe(422);
  });

  test('50 simultaneous bookings of one slot: exactly one succeeds, the rest are 409', async () => {
    const helen = ids.therapist('helen-carter');
    const couples = ids.service('couples-counselling');
    const results = await Promise.all(
      // Fifty people, each from their own address, so the rate limit never answers for the database.
      Array.from({ length: 50 }, (_, i) =>
        t.json('/api/v1/bookings', bookingBody(helen, couples, '2027-03-10T10:00:00Z', { client: { name: `Racer ${i}`, email: `racer${i}@example.com` } }), {
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const active = await t.deps.database.db
      .selectFrom('bookings')
      .select('id')
      .where('therapist_id', '=', helen)
      .where('status', '=', 'confirmed')
      .where('starts_at', '=', Date.parse('2027-03-10T10:00:00Z'))
      .execute();
    expect(active).toHaveLength(1);
  });

  test('a cancellation offers the freed time to the waiting list, oldest first', async () => {
    const daniel = ids.therapist('daniel-mensah');
    const couples = ids.service('couples-counselling');
    const created = (await (await t.json('/api/v1/bookings', bookingBody(daniel, couples, '2027-03-13T09:00:00Z'))).json()) as Created;
    for (const who of ['first', 'second']) {
      const res = await t.json('/api/v1/waitlist', {
        serviceId: couples,
        therapistId: daniel,
        name: `Waiting ${who}`,
        email: `${who}@wait.example`,
        timeZone: 'Europe/London',
        fromDate: '2027-03-10',
        toDate: '2027-03-20',
      });
      expect(res.status).toBe(201);
    }
    const other = await t.json('/api/v1/waitlist', {
      serviceId: couples,
      name: 'Elsewhen',
      email: 'later@wait.example',
      timeZone: 'Europe/London',
      fromDate: '2027-04-01',
      toDate: '2027-04-30',
    });
    expect(other.status).toBe(201);
    await t.json(`/api/v1/manage/${tokenOf(created.manageUrl)}/cancel`, {});
    const offers = await readOutbox(t, 'waitlist-offer');
    expect(offers.map((o) => o.to_address)).toEqual(['first@wait.example', 'second@wait.example']);
    // The link names the service by its reference, never its id (an e-mailed link ends up in a browser's history).
    const couplesRef = (await t.deps.repos.services.findById(couples))!.ref!;
    expect(offers[0]!.body_text).toContain(`/book?service=${couplesRef}&therapist=${daniel}&date=2027-03-13`);
    expect(offers[0]!.body_text).not.toContain(couples);
    const bad = await t.json('/api/v1/waitlist', {
      serviceId: couples,
      name: '',
      email: 'x',
      timeZone: 'Nowhere',
      fromDate: '2027-04-02',
      toDate: '2027-04-01',
    });
    expect(bad.status).toBe(422);
  });

  test('a reminder is queued once, 24 hours before', async () => {
    const amara = ids.therapist('amara-okafor');
    const couples = ids.service('couples-counselling');
    const created = (await (await t.json('/api/v1/bookings', bookingBody(amara, couples, '2027-03-11T12:00:00Z'))).json()) as Created;
    const reminders = () => readOutbox(t, 'booking-reminder');
    const before = (await reminders()).length;
    clock.set('2027-03-10T11:00:00Z');
    try {
      expect(await queueReminders(t.deps)).toBeGreaterThanOrEqual(0);
      expect((await reminders()).length).toBe(before);
      clock.set('2027-03-10T12:30:00Z');
      await Promise.all([queueReminders(t.deps), queueReminders(t.deps)]);
      await queueReminders(t.deps);
      const after = await reminders();
      const mine = after.filter((m) => m.body_text.includes(tokenOf(created.manageUrl)));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.subject).toMatch(/^Reminder: appointment on Thu 11 Mar at 12:00$/);
    } finally {
      clock.set('2027-03-01T08:00:00Z');
    }
  });
  test('the waiting list refuses an unknown or inactive therapist, or one without the service: 422 problem+json, nothing written', async () => {
    const couples = ids.service('couples-counselling');
    const jonah = ids.therapist('jonah-levi'); // offers no couples counselling
    const amara = ids.therapist('amara-okafor');
    const join = (therapistId?: string) =>
      t.json('/api/v1/waitlist', {
        serviceId: couples,
        ...(therapistId ? { therapistId } : {}),
        name: 'Wait',
        email: 'wait@example.com',
        timeZone: 'Europe/London',
        fromDate: '2027-03-10',
        toDate: '2027-03-20',
      });
    const before = { waitlist: await countRows(t, 'waitlist'), outbox: await countRows(t, 'outbox') };
    await t.deps.database.db.updateTable('therapists').set({ active: 0 }).where('id', '=', amara).execute();
    try {
      for (const [therapistId, code] of [
        ['no-such-therapist', 'THERAPIST_NOT_FOUND'],
        [amara, 'THERAPIST_NOT_FOUND'],
        [jonah, 'SERVICE_NOT_OFFERED'],
      ] as const) {
        const res = await join(therapistId);
        expect(res.status, therapistId).toBe(422);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        const problem = (await res.json()) as Problem;
        expect(problem.code).toBe(code);
        expect(problem.errors?.map((e) => e.pointer)).toEqual([code === 'THERAPIST_NOT_FOUND' ? '/therapistId' : '/serviceId']);
      }
      const gone = await t.json('/api/v1/waitlist', {
        serviceId: 'no-such-service',
        name: 'Wait',
        email: 'wait@example.com',
        timeZone: 'Europe/London',
        fromDate: '2027-03-10',
        toDate: '2027-03-20',
      });
      expect(gone.status).toBe(422);
      expect(((await gone.json()) as Problem).code).toBe('SERVICE_NOT_FOUND');
    } finally {
      await t.deps.database.db.updateTable('therapists').set({ active: 1 }).where('id', '=', amara).execute();
    }
    expect({ waitlist: await countRows(t, 'waitlist'), outbox: await countRows(t, 'outbox') }).toEqual(before);
    // "any" or none: whoever frees up first.
    expect((await join('any')).status).toBe(201);
    expect((await join(amara)).status).toBe(201);
  });

  test('"any available therapist": a time only an in-person therapist has is refused online as a format (not "just taken"), and books in person', async () => {
    const consult = ids.service('initial-consultation');
    const daniel = ids.therapist('daniel-mensah'); // in person only, the one consultation therapist working Saturday afternoon
    const start = '2027-03-06T15:00:00+00:00';
    expect((await slots('any', consult, '2027-03-06')).map((s) => s.start)).toContain(start);
    // Asked for online times, "any" does not offer it at all.
    const online = (await (
      await t.request(`/api/v1/therapists/any/slots?service=${consult}&from=2027-03-06&to=2027-03-06&tz=Europe/London&format=online`)
    ).json()) as Slots;
    expect(online.slots.map((s) => s.start)).not.toContain(start);
    const before = { bookings: await countRows(t, 'bookings'), outbox: await countRows(t, 'outbox') };
    const refused = await t.json('/api/v1/bookings', bookingBody('any', consult, start, { format: 'online' }));
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as Problem;
    expect(problem.code).toBe('FORMAT_NOT_OFFERED');
    expect(problem.errors).toEqual([
      {
        pointer: '/format',
        in: 'body',
        detail: 'At that time the therapists who are free see clients only in person. Choose in person, or pick another time.',
      },
    ]);
    expect({ bookings: await countRows(t, 'bookings'), outbox: await countRows(t, 'outbox') }).toEqual(before);
    const booked = await t.json('/api/v1/bookings', bookingBody('any', consult, start, { format: 'in_person' }));
    expect(booked.status).toBe(201);
    expect(((await booked.json()) as Created).booking).toMatchObject({ therapistId: daniel, format: 'in_person', start });
    // Now nobody is free then: that is a taken time, whatever the format.
    const taken = await t.json(
      '/api/v1/bookings',
      bookingBody('any', consult, start, { format: 'online', client: { name: 'Late', email: 'late@example.com' } }),
    );
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as Problem).code).toBe('SLOT_TAKEN');
  });

  test('"any available therapist" without a format, at a time only online therapists have, books online', async () => {
    const consult = ids.service('initial-consultation');
    const start = '2027-03-05T19:00:00+00:00'; // Friday evening: only online-only therapists work
    const inPerson = await t.json('/api/v1/bookings', bookingBody('any', consult, start, { format: 'in_person' }));
    expect(inPerson.status).toBe(422);
    expect(((await inPerson.json()) as Problem).errors?.[0]?.detail).toContain('only online');
    const res = await t.json('/api/v1/bookings', bookingBody('any', consult, start));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created.booking.format).toBe('online');
    expect(ids.therapists.find((x) => x.id === created.booking.therapistId)!.slug).toMatch(/^(tomasz-nowak|lucia-fernandez|marta-kowalska)$/);
  });

  test('booking and waiting-list writes are limited per client address: 429 problem+json with Retry-After, nothing written', async () => {
    const couples = ids.service('couples-counselling');
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    // The limit counts valid attempts, refused ones too (this therapist does not exist).
    for (let i = 0; i < PUBLIC_WRITE_LIMITS.booking.max; i++) {
      expect((await t.json('/api/v1/bookings', bookingBody('no-such-therapist', couples, '2027-03-15T10:00:00Z'), from('198.51.100.7'))).status).toBe(422);
    }
    const before = { bookings: await countRows(t, 'bookings'), outbox: await countRows(t, 'outbox') };
    const limited = await t.json('/api/v1/bookings', bookingBody(ids.therapist('amara-okafor'), couples, '2027-03-15T10:00:00Z'), from('198.51.100.7'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const problem = (await limited.json()) as Problem;
    expect(problem).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(problem.detail).toContain('Nothing was saved');
    expect({ bookings: await countRows(t, 'bookings'), outbox: await countRows(t, 'outbox') }).toEqual(before);
    // Another address is not held back by it.
    expect((await t.json('/api/v1/bookings', bookingBody(ids.therapist('amara-okafor'), couples, '2027-03-15T10:00:00Z'), from('198.51.100.8'))).status).toBe(
      201,
    );

    const join = (address: string) =>
      t.json(
        '/api/v1/waitlist',
        { serviceId: couples, name: 'Wait', email: 'someone@example.com', timeZone: 'Europe/London', fromDate: '2027-04-01', toDate: '2027-04-20' },
        from(address),
      );
    const waiting = await countRows(t, 'waitlist');
    for (let i = 0; i < PUBLIC_WRITE_LIMITS.waitlist.max; i++) expect((await join('198.51.100.9')).status).toBe(201);
    const mails = await countRows(t, 'outbox');
    const tooMany = await join('198.51.100.9');
    expect(tooMany.status).toBe(429);
    expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await tooMany.json()) as Problem).code).toBe('RATE_LIMITED');
    expect(await countRows(t, 'waitlist')).toBe(waiting + PUBLIC_WRITE_LIMITS.waitlist.max);
    expect(await countRows(t, 'outbox')).toBe(mails);
    expect((await join('198.51.100.10')).status).toBe(201);
  });

  test('a database failure part-way through a booking is a 503 problem+json, and nothing is booked or sent', async () => {
    const amara = ids.therapist('amara-okafor');
    const couples = ids.service('couples-counselling');
    const body = bookingBody(amara, couples, '2027-03-16T10:00:00Z', { idempotencyKey: 'db-failure-key-1' });
    const before = { bookings: await countRows(t, 'bookings'), outbox: await countRows(t, 'outbox') };
    const failed = await withAuditLogBroken(t, () => t.json('/api/v1/bookings', body));
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await failed.json()) as Problem;
    expect(problem.code).toBe('UNAVAILABLE');
    expect(problem.detail).toContain('nothing has been booked');
    expect(JSON.stringify(problem)).not.toContain('simulated');
    expect({ bookings: await countRows(t, 'bookings'), outbox: await countRows(t, 'outbox') }).toEqual(before);
    // Trying again, with the same key, books it once.
    const again = await t.json('/api/v1/bookings', body);
    expect(again.status).toBe(201);
    expect(await countRows(t, 'bookings')).toBe(before.bookings + 1);
  });
});
