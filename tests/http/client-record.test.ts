// A client's record for their therapist, on both databases: every session of the client with that
// therapist (past and coming, with status and whether it has a note), found by the blind index of the
// e-mail address; another client's sessions, and the same client's sessions with another therapist, are not
// in it. Only the booking's own therapist opens it (audited); an admin and another therapist are refused.
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { decodeHtml } from '../support/html.ts';
import { enrolAdmin, getAs, makeStaff, postAs, type StaffAccount, staffSession } from '../support/staff.ts';

describe.each(DIALECTS)('a client’s record on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let accounts: Record<'A' | 'B' | 'admin', StaffAccount>;
  const t = useTestApp(dialect, { clock });
  beforeAll(async () => {
    ids = await demoIds(t);
    accounts = {
      A: await makeStaff(t, { email: 'a@staff.example', therapistId: ids.therapist('amara-okafor') }),
      B: await makeStaff(t, { email: 'b@staff.example', therapistId: ids.therapist('tomasz-nowak') }),
      admin: await enrolAdmin(t),
    };
  });
  beforeEach(async () => {
    await t.deps.database.db.deleteFrom('rate_limits').execute();
  });

  const book = async (therapist: string, date: string, email: string) => {
    const therapistId = ids.therapist(therapist);
    const service = ids.service('individual-therapy');
    const to = new Date(Date.parse(date) + 21 * 86_400_000).toISOString().slice(0, 10);
    const slots = await t.request(`/api/v1/therapists/${therapistId}/slots?service=${service}&from=${date}&to=${to}&tz=UTC`);
    const start = ((await slots.json()) as { slots: { start: string }[] }).slots[0]!.start;
    const res = await t.json('/api/v1/bookings', bookingBody(therapistId, service, start, { client: { name: 'Sam Client', email } }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { booking: { id: string; reference: string }; manageUrl: string };
    const row = await t.deps.database.db.selectFrom('bookings').select('ends_at').where('id', '=', created.booking.id).executeTakeFirstOrThrow();
    return { id: created.booking.id, reference: created.booking.reference, token: created.manageUrl.split('/manage/')[1]!, end: Number(row.ends_at) };
  };

  test('the therapist sees every session of this client with them, and nothing else; admins and other therapists are refused', async () => {
    const first = await book('amara-okafor', '2027-03-02', 'sam@example.com');
    const second = await book('amara-okafor', '2027-03-09', 'SAM@example.com');
    const coming = await book('amara-okafor', '2027-04-06', 'sam@example.com');
    const cancelled = await book('amara-okafor', '2027-04-13', 'sam@example.com');
    expect((await t.form(`/manage/${cancelled.token}/cancel`, {})).status).toBe(303);
    const otherClient = await book('amara-okafor', '2027-03-16', 'someone-else@example.com');
    const otherTherapist = await book('tomasz-nowak', '2027-03-03', 'sam@example.com');
    // Time passes: the first two have taken place, one marked attended, one with a note.
    const start = clock.t;
    try {
      clock.t = second.end + 3_600_000;
      const a = await staffSession(t, accounts.A);
      expect((await postAs(t, a, `/staff/bookings/${first.id}/attended`, { confirmed: 'yes' })).status).toBe(303);
      expect((await postAs(t, a, `/staff/bookings/${second.id}/note`, { text: 'A note' })).status).toBe(303);

      const booking = await (await getAs(t, a, `/staff/bookings/${second.id}`)).text();
      expect(booking).toContain(`href="/staff/bookings/${second.id}/client"`);
      const res = await getAs(t, a, `/staff/bookings/${second.id}/client`);
      expect(res.status).toBe(200);
      const html = decodeHtml(await res.text());
      const shown = [...html.matchAll(/data-session="([^"]+)"/g)].map((m) => m[1]);
      // Coming first (soonest first), then past (latest first).
      expect(shown).toEqual([coming.reference, cancelled.reference, second.reference, first.reference]);
      expect(html).not.toContain(otherClient.reference);
      expect(html).not.toContain(otherTherapist.reference);
      const row = (ref: string) => html.slice(html.indexOf(`data-session="${ref}"`), html.indexOf('</tr>', html.indexOf(`data-session="${ref}"`)));
      expect(row(first.reference)).toContain('Attended');
      expect(row(cancelled.reference)).toContain('Cancelled');
      expect(row(second.reference)).toContain(`/staff/bookings/${second.id}/note`);
      expect(row(first.reference)).not.toContain('/note');
      expect(row(second.reference)).toContain('(this booking)');

      const audit = await t.deps.database.db
        .selectFrom('audit_log')
        .select('actor')
        .where('action', '=', 'client.record.read')
        .where('target', '=', second.id)
        .execute();
      expect(audit.map((r) => r.actor)).toEqual([`user:${accounts.A.id}`]);

      const refused = {
        admin: (await getAs(t, await staffSession(t, accounts.admin), `/staff/bookings/${second.id}/client`)).status,
        B: (await getAs(t, await staffSession(t, accounts.B), `/staff/bookings/${second.id}/client`)).status,
        // B's own booking of the same client shows only B's session with them.
      };
      expect(refused).toEqual({ admin: 403, B: 404 });
      const bHtml = decodeHtml(await (await getAs(t, await staffSession(t, accounts.B), `/staff/bookings/${otherTherapist.id}/client`)).text());
      expect([...bHtml.matchAll(/data-session="([^"]+)"/g)].map((m) => m[1])).toEqual([otherTherapist.reference]);
      const adminBooking = await (await getAs(t, await staffSession(t, accounts.admin), `/staff/bookings/${second.id}`)).text();
      expect(adminBooking).not.toContain('/client"');
    } finally {
      clock.t = start;
    }
  });
});
