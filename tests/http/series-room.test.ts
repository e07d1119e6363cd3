// Ongoing sessions online, on both databases: every session of a series meets in the series' one room (the
// same private link every week, unlike a single session's own room), and the series' one e-mail and its
// recurring invite carry it (LOCATION, URL and CONFERENCE, read with ical.js); each session's API view says
// the same link; a cancelled week shows none, and the rest keep theirs.
import ICAL from 'ical.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { manageToken } from '../../src/usecases/bookings/view.ts';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';
import { postAs, signInTherapist } from '../support/staff.ts';

const ROOM = /^https:\/\/video\.example\.org\/closer-([0-9a-f]{40})$/;

describe.each(DIALECTS)('the room of ongoing sessions on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, { clock, env: { VIDEO_URL_TEMPLATE: 'https://video.example.org/closer-{room}' } });
  let therapistId: string;
  let serviceId: string;
  let cookie: string;

  beforeAll(async () => {
    const ids = await demoIds(t);
    therapistId = ids.therapist('amara-okafor');
    serviceId = ids.service('couples-counselling');
    ({ cookie } = await signInTherapist(t, clock, { email: 'amara-room@staff.example', therapistId }));
  });

  const roomOf = async (bookingId: string) => {
    const res = await t.request(`/api/v1/manage/${manageToken(t.deps, bookingId)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { booking: { roomUrl: string | null } }).booking.roomUrl;
  };

  test('one room for the whole series, in every session, the series e-mail and its recurring invite', async () => {
    const res = await t.json('/api/v1/bookings', bookingBody(therapistId, serviceId, '2027-03-02T11:00:00Z', { format: 'online' }));
    expect(res.status).toBe(201);
    const anchor = ((await res.json()) as { booking: { id: string } }).booking;
    const saved = await postAs(t, cookie, `/staff/bookings/${anchor.id}/series`, { every: '1', length: 'count', count: '3', confirmed: 'yes' });
    expect(saved.status).toBe(303);

    const sessions = await t.deps.database.db
      .selectFrom('bookings')
      .select(['id', 'series_id'])
      .where('series_id', 'is not', null)
      .where('therapist_id', '=', therapistId)
      .orderBy('starts_at')
      .execute();
    expect(sessions).toHaveLength(3);
    const rooms = await Promise.all(sessions.map((s) => roomOf(s.id)));
    expect(rooms[0]).toMatch(ROOM);
    expect(new Set(rooms)).toEqual(new Set([rooms[0]]));
    // The first session was booked on its own: its own room, not the series'.
    expect(await roomOf(anchor.id)).toMatch(ROOM);
    expect(await roomOf(anchor.id)).not.toBe(rooms[0]);

    const mail = (await readOutbox(t, 'series-booked')).at(-1)!;
    expect(mail.text).toContain(rooms[0]);
    const ics = (JSON.parse(mail.attachments) as { content: string }[])[0]!.content;
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('rrule')).toBeTruthy();
    expect(event.getFirstPropertyValue('location')).toBe(rooms[0]);
    expect(event.getFirstPropertyValue('url')).toBe(rooms[0]);
    expect(event.getFirstPropertyValue('conference')).toBe(rooms[0]);

    // A week cancelled by the client shows no link; the other weeks keep the series' room.
    const cancelled = await t.request(`/api/v1/manage/${manageToken(t.deps, sessions[1]!.id)}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(await roomOf(sessions[1]!.id)).toBeNull();
    expect(await roomOf(sessions[2]!.id)).toBe(rooms[0]);
  });
});
