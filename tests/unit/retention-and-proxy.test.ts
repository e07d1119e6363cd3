import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enqueueMail } from '../../src/usecases/outbox.ts';
import { enforceRetention, SENT_MAIL_RETENTION_DAYS } from '../../src/usecases/retention.ts';
import { forwardedClient } from '../../src/web/client-address.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';

describe('the client address behind proxies', () => {
  test('with no trusted hops the header is ignored; with n hops the entry before the proxies is the client', () => {
    expect(forwardedClient(['1.1.1.1', '2.2.2.2'], 0)).toBeUndefined();
    expect(forwardedClient(['spoofed', '203.0.113.9'], 1)).toBe('203.0.113.9');
    expect(forwardedClient(['spoofed', '203.0.113.9', '10.0.0.2'], 2)).toBe('203.0.113.9');
    expect(forwardedClient([], 1)).toBeUndefined();
  });
});

describe('retention', () => {
  let t: TestApp;
  const clock = fixedClock('2027-06-01T08:00:00Z');
  beforeAll(async () => {
    t = await startTestApp('sqlite', { clock });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('old sent mail, old rate-limit windows and expired sessions go; recent and unsent mail stay', async () => {
    const { db } = t.deps.database;
    const day = 86_400_000;
    const now = clock.now();
    const old = await enqueueMail(db, { kind: 'test', to: 'a@example.com', subject: 's', text: 't' }, now - 40 * day, t.deps.encryptor);
    const recent = await enqueueMail(db, { kind: 'test', to: 'b@example.com', subject: 's', text: 't' }, now - day, t.deps.encryptor);
    const unsent = await enqueueMail(db, { kind: 'test', to: 'c@example.com', subject: 's', text: 't' }, now - 90 * day, t.deps.encryptor);
    await db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: now - (SENT_MAIL_RETENTION_DAYS + 1) * day })
      .where('id', '=', old)
      .execute();
    await db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: now - day })
      .where('id', '=', recent)
      .execute();
    await db
      .insertInto('rate_limits')
      .values([
        { key: 'old', window_start: now - 2 * 3_600_000, count: 3 },
        { key: 'new', window_start: now - 60_000, count: 1 },
      ])
      .execute();
    const removed = await enforceRetention(t.deps);
    expect(removed.sentMail).toBe(1);
    expect(removed.rateLimitWindows).toBe(1);
    const left = (await db.selectFrom('outbox').select('id').execute()).map((r) => r.id).sort();
    expect(left).toEqual([recent, unsent].sort());
    expect((await db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual(['new']);
  });
});

describe.each(DIALECTS)('retention of bookings and the waiting list (%s)', (dialect) => {
  let t: TestApp;
  const clock = fixedClock('2027-06-01T08:00:00Z');
  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('seven years after a client’s last session their bookings go; cancelled ones go after 90 days; old waiting-list entries go', async () => {
    const { db } = t.deps.database;
    const ids = await demoIds(t);
    const couples = ids.service('couples-counselling');
    const helen = ids.therapist('helen-carter');
    const { slots } = (await (
      await t.request(`/api/v1/therapists/${helen}/slots?service=${couples}&from=2027-06-07&to=2027-06-30&tz=Europe/London`)
    ).json()) as { slots: { start: string }[] };
    const book = async (email: string, i: number) =>
      (
        (await (await t.json('/api/v1/bookings', bookingBody(helen, couples, slots[i]!.start, { client: { name: 'R', email } }))).json()) as {
          booking: { id: string };
        }
      ).booking.id;
    const at = async (id: string, iso: string, status: 'confirmed' | 'attended' | 'cancelled') => {
      const end = Date.parse(iso);
      await db
        .updateTable('bookings')
        .set({ starts_at: end - 3_000_000, ends_at: end, blocked_from: end - 3_000_000, blocked_until: end, status })
        .where('id', '=', id)
        .execute();
    };
    const a1 = await book('a@example.com', 0);
    const b1 = await book('b@example.com', 1);
    const b2 = await book('b@example.com', 2);
    const c1 = await book('c@example.com', 3);
    const c2 = await book('c@example.com', 4);
    const d1 = await book('d@example.com', 5);
    const d2 = await book('d@example.com', 6);
    await at(a1, '2027-06-10T10:00:00Z', 'attended'); // last session more than 7 years before now: goes
    await at(b1, '2027-06-10T10:00:00Z', 'attended'); // a later session within 7 years keeps both
    await at(b2, '2029-01-01T10:00:00Z', 'attended');
    await at(c1, '2034-09-01T10:00:00Z', 'cancelled'); // cancelled more than 90 days ago: goes
    await at(c2, '2034-12-15T10:00:00Z', 'cancelled'); // cancelled recently: stays
    await at(d1, '2027-06-10T10:00:00Z', 'attended'); // a later cancelled booking does not keep the record
    await at(d2, '2030-01-01T10:00:00Z', 'cancelled');

    const join = async (email: string) =>
      (
        (await (
          await t.json('/api/v1/waitlist', { serviceId: couples, name: 'W', email, timeZone: 'Europe/London', fromDate: '2027-06-02', toDate: '2027-07-01' })
        ).json()) as { id: string }
      ).id;
    const w1 = await join('w1@example.com');
    const w2 = await join('w2@example.com');
    const w3 = await join('w3@example.com');
    await db.updateTable('waitlist').set({ to_date: '2034-11-01' }).where('id', '=', w1).execute(); // ended more than 30 days ago
    await db.updateTable('waitlist').set({ to_date: '2035-03-01' }).where('id', '=', w2).execute(); // still waiting
    await db
      .updateTable('waitlist')
      .set({ to_date: '2035-03-01', status: 'left', created_at: Date.parse('2034-11-01T00:00:00Z') })
      .where('id', '=', w3)
      .execute();

    clock.set('2035-01-01T08:00:00Z');
    const removed = await enforceRetention(t.deps);
    const left = (await db.selectFrom('bookings').select('id').execute()).map((r) => r.id).sort();
    expect(left).toEqual([b1, b2, c2].sort());
    expect(removed.bookings).toBe(2);
    expect(removed.cancelledBookings).toBe(2);
    expect((await db.selectFrom('waitlist').select('id').execute()).map((r) => r.id)).toEqual([w2]);
    expect(removed.waitlist).toBe(2);
    // Idempotent: a second run (or another process at once) finds nothing more.
    expect(Object.values(await enforceRetention(t.deps)).every((n) => n === 0)).toBe(true);
  });
});
