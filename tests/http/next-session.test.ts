// "Book my next session" (issue 13): the manage page of a session that took place offers another with the same
// therapist and service, at a time from that therapist's hours, with the details from the booking (server-side:
// none of them in a link or a form), no questions again. Plain forms, so it works with JavaScript off.
import { describe, expect, test } from 'vitest';
import { extendManageLinks } from '../../src/db/migrations/020-online-room.ts';
import { bookingBody, useBookingApp } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';

describe.each(DIALECTS)('book my next session on %s', (dialect) => {
  const { t, clock, ids } = useBookingApp(dialect);

  async function book(email: string, start: string, format: 'online' | 'in_person' = 'online') {
    const res = await t.json(
      '/api/v1/bookings',
      bookingBody(ids.therapist('priya-shah'), ids.service('psychosexual-therapy'), start, {
        client: { name: 'Jordan Private', email, phone: '07700 900 123' },
        format,
      }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { booking: { id: string; end: string }; manageUrl: string };
    return { id: body.booking.id, end: body.booking.end, path: new URL(body.manageUrl).pathname };
  }
  const html = async (path: string) => (await t.request(path)).text();
  /** The times offered on the next-session page, as the radio buttons send them. */
  const startsOn = (page: string) => [...page.matchAll(/name="start" value="([^"]+)"/g)].map((m) => m[1]!);
  const keyOn = (page: string) => /name="idempotencyKey" value="([^"]+)"/.exec(page)![1]!;

  test('offered only once the session took place; then the same therapist’s times, booked with the details from last time, no questions', async () => {
    const first = await book('jordan-next@example.com', '2027-03-03T10:00:00Z');
    expect(await html(first.path)).not.toContain('Book my next session');
    expect((await t.request(`${first.path}/next`)).status).toBe(404);

    clock.set('2027-03-03T12:00:00Z');
    try {
      const page = await html(first.path);
      expect(page).toContain('Book my next session');
      expect(page).toContain(`href="${first.path}/next"`);
      // The session is over: nothing to change or cancel, nothing to join.
      expect(page).not.toContain('Change the time');
      expect(page).not.toContain('Add to my calendar');

      const next = await t.request(`${first.path}/next`);
      expect(next.status).toBe(200);
      expect(next.headers.get('referrer-policy')).toBe('no-referrer');
      const nextPage = await next.text();
      expect(nextPage).toContain('Book your next session');
      expect(nextPage).toContain('Priya Shah');
      expect(nextPage).toContain('We will use the name, e-mail address and phone number you gave last time');
      // No questionnaire, no details form, and nothing about the client in the page's links or fields.
      for (const field of ['name="name"', 'name="email"', 'name="phone"', 'name="notes"', 'name="consent"']) expect(nextPage).not.toContain(field);
      for (const secret of ['Jordan', 'jordan-next', '900 123']) expect(nextPage).not.toContain(secret);
      const starts = startsOn(nextPage);
      expect(starts.length).toBeGreaterThan(0);
      // The times are that therapist's for that service: the slots API says the same.
      const api = (await (
        await t.request(
          `/api/v1/therapists/${ids.therapist('priya-shah')}/slots?service=${ids.service('psychosexual-therapy')}&from=2027-03-03&to=2027-03-09&tz=Europe/London`,
        )
      ).json()) as { slots: { start: string }[] };
      expect(starts.map((s) => Date.parse(s))).toEqual(api.slots.map((s) => Date.parse(s.start)));

      const key = keyOn(nextPage);
      const booked = await t.form(`${first.path}/next`, { start: starts[0]!, idempotencyKey: key });
      expect(booked.status).toBe(303);
      const location = booked.headers.get('location')!;
      expect(location).toMatch(/^\/manage\/[A-Za-z0-9_-]{43}\?booked=1$/);
      // A second click of the same form books nothing more.
      const again = await t.form(`${first.path}/next`, { start: starts[0]!, idempotencyKey: key });
      expect(again.headers.get('location')).toBe(location);

      const rows = await t.deps.database.db
        .selectFrom('bookings')
        .selectAll()
        .where('client_email_hash', '=', t.deps.encryptor.blindIndex('jordan-next@example.com'))
        .execute();
      expect(rows).toHaveLength(2);
      const made = rows.find((r) => r.id !== first.id)!;
      expect(made.therapist_id).toBe(ids.therapist('priya-shah'));
      expect(made.service_id).toBe(ids.service('psychosexual-therapy'));
      expect(made.format).toBe('online');
      expect(made.status).toBe('confirmed');
      expect(Number(made.starts_at)).toBe(Date.parse(starts[0]!));
      expect(t.deps.encryptor.decrypt(made.client_name)).toBe('Jordan Private');
      expect(made.client_phone && t.deps.encryptor.decrypt(made.client_phone)).toBe('07700 900 123');
      expect(made.notes).toBeNull();
      const confirmation = await readOutbox(t, { kind: 'booking-confirmation', to: 'jordan-next@example.com' });
      expect(confirmation).toHaveLength(2);
      expect(await html(location.replace('?booked=1', ''))).toContain('Your appointment');

      // That time is now taken: choosing it again from a fresh page says so, and books nothing.
      const stale = await t.form(`${first.path}/next`, { start: starts[0]!, idempotencyKey: 'another-key-12345' });
      expect(stale.status).toBe(409);
      expect(await stale.text()).toContain('That time is no longer free');
      // A form without a time: a message, nothing booked.
      const empty = await t.form(`${first.path}/next`, { idempotencyKey: 'another-key-67890' });
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain('Choose a time from the list.');
      const after = await t.deps.database.db
        .selectFrom('bookings')
        .select('id')
        .where('client_email_hash', '=', t.deps.encryptor.blindIndex('jordan-next@example.com'))
        .execute();
      expect(after).toHaveLength(2);
    } finally {
      clock.set('2027-03-01T08:00:00Z');
    }
  });

  test('a session marked attended offers it; a cancelled or missed one does not; the link lasts 30 days after the session', async () => {
    const free = (await (
      await t.request(
        `/api/v1/therapists/${ids.therapist('priya-shah')}/slots?service=${ids.service('psychosexual-therapy')}&from=2027-03-04&to=2027-03-05&tz=UTC`,
      )
    ).json()) as { slots: { start: string; end: string }[] };
    // Three times that do not overlap (slots may start every half hour).
    const apart = free.slots.filter((s, i, all) =>
      all.slice(0, i).every((o) => Date.parse(o.end) <= Date.parse(s.start) || Date.parse(s.end) <= Date.parse(o.start)),
    );
    expect(apart.length).toBeGreaterThanOrEqual(3);
    const attended = await book('jordan-attended@example.com', apart[0]!.start);
    const missed = await book('jordan-missed@example.com', apart[1]!.start);
    const cancelled = await book('jordan-cancelled@example.com', apart[2]!.start);
    expect((await t.form(`${cancelled.path}/cancel`, {})).status).toBe(303);
    clock.set('2027-03-06T12:00:00Z');
    try {
      const db = t.deps.database.db;
      await db.updateTable('bookings').set({ status: 'attended' }).where('id', '=', attended.id).execute();
      await db.updateTable('bookings').set({ status: 'no_show' }).where('id', '=', missed.id).execute();
      expect(await html(attended.path)).toContain('Book my next session');
      expect((await t.request(`${attended.path}/next`)).status).toBe(200);
      for (const b of [missed, cancelled]) {
        expect(await html(b.path)).not.toContain('Book my next session');
        expect((await t.request(`${b.path}/next`)).status).toBe(404);
        expect((await t.form(`${b.path}/next`, { start: '2027-03-10T10:00:00Z', idempotencyKey: 'never-booked-123' })).status).toBe(404);
      }
      clock.set(new Date(Date.parse(attended.end) + 29 * 86_400_000).toISOString());
      expect((await t.request(attended.path)).status).toBe(200);
      clock.set(new Date(Date.parse(attended.end) + 31 * 86_400_000).toISOString());
      expect((await t.request(attended.path)).status).toBe(404);
      expect((await t.request(`${attended.path}/next`)).status).toBe(404);
    } finally {
      clock.set('2027-03-01T08:00:00Z');
    }
  });

  test('migration 020: links made before, which expired at the session’s end, last 30 days after it; others are left alone', async () => {
    const free = (await (
      await t.request(
        `/api/v1/therapists/${ids.therapist('priya-shah')}/slots?service=${ids.service('psychosexual-therapy')}&from=2027-03-10&to=2027-03-12&tz=UTC`,
      )
    ).json()) as { slots: { start: string }[] };
    const before = await book('jordan-migrated@example.com', free.slots[0]!.start);
    const erased = await book('jordan-erased@example.com', free.slots.at(-1)!.start);
    const db = t.deps.database.db;
    await db
      .updateTable('bookings')
      .set({ manage_expires_at: Date.parse(before.end) })
      .where('id', '=', before.id)
      .execute();
    await db.updateTable('bookings').set({ manage_expires_at: 0 }).where('id', '=', erased.id).execute();
    await extendManageLinks(db);
    const rows = await db.selectFrom('bookings').select(['id', 'manage_expires_at']).where('id', 'in', [before.id, erased.id]).execute();
    const expiry = Object.fromEntries(rows.map((r) => [r.id, Number(r.manage_expires_at)]));
    expect(expiry[before.id]).toBe(Date.parse(before.end) + 30 * 86_400_000);
    expect(expiry[erased.id]).toBe(0);
  });
});
