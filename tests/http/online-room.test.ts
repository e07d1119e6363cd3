// The online room (issue 13): each online session's own link from VIDEO_URL_TEMPLATE (or the therapist's own
// link), in the API view, the manage page, the invite, the confirmation and the reminder, the therapist's week,
// booking page and feed; none in person, after a cancellation or after the end; honest words without one.
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queueReminders } from '../../src/usecases/bookings/reminders.ts';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { readOutbox } from '../support/outbox.ts';
import { type Inbox, recipient, startInbox } from '../support/smtp.ts';
import { formState, getAs, postAs, postBody, signInTherapist } from '../support/staff.ts';

const TEMPLATE = 'https://video.example.org/closer-{room}';
const ROOM = /^https:\/\/video\.example\.org\/closer-([0-9a-f]{40})$/;

interface Booked {
  booking: { id: string; roomUrl: string | null; format: string; start: string; end: string };
  manageUrl: string;
}

/** The one VEVENT of a calendar text, read by ical.js. */
function eventOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

/**
 * A second reading, independent of ical.js: RFC 5545 lines unfolded by hand (CRLF then one space or tab
 * continues a line), each split at its first unquoted colon into name with parameters, and value.
 */
function plainProperties(ics: string): { name: string; params: string; value: string }[] {
  expect(ics).not.toMatch(/[^\r]\n/);
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      let quoted = false;
      let at = -1;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '"') quoted = !quoted;
        else if (line[i] === ':' && !quoted) {
          at = i;
          break;
        }
      }
      const head = line.slice(0, at);
      const semi = head.indexOf(';');
      return { name: semi < 0 ? head : head.slice(0, semi), params: semi < 0 ? '' : head.slice(semi + 1), value: line.slice(at + 1) };
    });
}

function inviteOf(mail: ParsedMail): string {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(part, 'a text/calendar part').toBeTruthy();
  return part!.content.toString('utf8');
}

/** The invite attached to an outbox row (as the worker would send it). */
const outboxInvite = (m: { attachments: string }) => (JSON.parse(m.attachments) as { content: string }[])[0]!.content;

describe.each(DIALECTS)('the online room on %s', (dialect) => {
  let inbox: Inbox;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, async () => {
    inbox = await startInbox();
    return { clock, env: { SMTP_URL: inbox.url, MAIL_FROM: 'bookings@closer.example', VIDEO_URL_TEMPLATE: TEMPLATE } };
  });
  beforeAll(async () => {
    ids = await demoIds(t);
  });
  afterAll(async () => {
    await inbox?.close();
  });

  async function book(therapist: string, service: string, start: string, email: string, format?: 'online' | 'in_person'): Promise<Booked> {
    await t.deps.database.db.deleteFrom('rate_limits').execute();
    const res = await t.json(
      '/api/v1/bookings',
      bookingBody(ids.therapist(therapist), ids.service(service), start, { client: { name: 'Robin Example', email }, ...(format ? { format } : {}) }),
    );
    expect(res.status).toBe(201);
    return (await res.json()) as Booked;
  }
  /** The nth free start of a therapist's service in [from, to] (UTC dates), as the slots API gives it. */
  async function freeStart(therapist: string, service: string, from: string, to: string, nth = 0): Promise<string> {
    const res = await t.request(`/api/v1/therapists/${ids.therapist(therapist)}/slots?service=${ids.service(service)}&from=${from}&to=${to}&tz=UTC`);
    const { slots } = (await res.json()) as { slots: { start: string }[] };
    expect(slots.length).toBeGreaterThan(nth);
    return slots[nth]!.start;
  }
  const tokenOf = (b: Booked) => new URL(b.manageUrl).pathname.split('/').pop()!;
  const apiView = async (b: Booked) => {
    const res = await t.request(`/api/v1/manage/${tokenOf(b)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { booking: { roomUrl: string | null; status: string } }).booking;
  };
  const managePage = async (b: Booked) => (await t.request(new URL(b.manageUrl).pathname)).text();

  test('each online session has its own room (160 random-looking bits, nothing about the client), in the API view, the manage page, the confirmation and its invite; in person has none', async () => {
    const start = inbox.messages.length;
    const a = await book('lucia-fernandez', 'initial-consultation', '2027-03-03T12:00:00Z', 'room-a@example.com', 'online');
    const b = await book('priya-shah', 'psychosexual-therapy', '2027-03-03T10:00:00Z', 'room-b@example.com', 'online');
    const inPerson = await book('helen-carter', 'initial-consultation', '2027-03-03T10:00:00Z', 'room-c@example.com');

    const roomA = a.booking.roomUrl!;
    expect(roomA).toMatch(ROOM);
    expect(b.booking.roomUrl).toMatch(ROOM);
    expect(roomA).not.toBe(b.booking.roomUrl);
    expect(inPerson.booking.format).toBe('in_person');
    expect(inPerson.booking.roomUrl).toBeNull();
    // The room id is derived, never stored: no column of any booking holds it, and it says nothing of the client.
    const roomId = ROOM.exec(roomA)![1]!;
    for (const word of ['robin', 'example', 'room', 'lucia', 'consultation', a.booking.id]) expect(roomId).not.toContain(word.toLowerCase());
    const rows = await t.deps.database.db.selectFrom('bookings').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(roomId);

    // The API view and the manage page say the same link; the page keeps it out of any referrer.
    expect((await apiView(a)).roomUrl).toBe(roomA);
    expect((await apiView(inPerson)).roomUrl).toBeNull();
    const page = await t.request(new URL(a.manageUrl).pathname);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain(`href="${roomA}" rel="noreferrer noopener"`);
    expect(html).toContain('Join the video session');
    expect(html).not.toContain('does not send a joining link');
    const personHtml = await managePage(inPerson);
    expect(personHtml).not.toContain('data-room');
    expect(personHtml).not.toContain('joining link');

    // The invite served at the manage link: LOCATION, URL and CONFERENCE carry the room.
    const served = await (await t.request(`${new URL(a.manageUrl).pathname}/calendar.ics`)).text();
    const { vevent, event } = eventOf(served);
    expect(event.location).toBe(roomA);
    expect(vevent.getFirstPropertyValue('url')).toBe(roomA);
    const conference = vevent.getFirstProperty('conference')!;
    expect(conference.getFirstValue()).toBe(roomA);
    expect(conference.type).toBe('uri');
    expect(String(conference.getParameter('feature'))).toContain('VIDEO');
    expect(event.description).toContain(a.manageUrl);

    // The confirmation e-mails, over SMTP.
    await t.jobs.tick();
    const fresh = (await inbox.waitFor(start + 6)).slice(start);
    const mailA = fresh.find((m) => recipient(m) === 'room-a@example.com')!;
    expect(mailA.text).toContain(roomA);
    expect(mailA.text).toContain('To join by video at the time of your appointment, open:');
    const invite = inviteOf(mailA);
    expect(eventOf(invite).event.location).toBe(roomA);
    const plain = plainProperties(invite);
    expect(plain.find((p) => p.name === 'CONFERENCE')).toEqual({
      name: 'CONFERENCE',
      params: 'VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Join the session',
      value: roomA,
    });
    expect(plain.find((p) => p.name === 'LOCATION')?.value).toBe(roomA);
    expect(plain.find((p) => p.name === 'URL')?.value).toBe(roomA);
    const mailC = fresh.find((m) => recipient(m) === 'room-c@example.com')!;
    expect(mailC.text).not.toMatch(/video\.example\.org|joining link/);
    expect(plainProperties(inviteOf(mailC)).some((p) => p.name === 'CONFERENCE')).toBe(false);
    // The therapist's notice says nothing of the room (it is on their pages, behind sign-in).
    const notice = fresh.find((m) => recipient(m) === 'lucia.fernandez@closer.example');
    expect(notice?.text ?? '').not.toContain(roomA);
  });

  test('the reminder the day before carries the room; a cancelled session has none anywhere, and its invite is a CANCEL without one', async () => {
    const a = await book(
      'jonah-levi',
      'individual-therapy',
      await freeStart('jonah-levi', 'individual-therapy', '2027-03-04', '2027-03-05'),
      'room-remind@example.com',
      'online',
    );
    const room = a.booking.roomUrl!;
    expect(room).toMatch(ROOM);
    clock.set(new Date(Date.parse(a.booking.start) - 23 * 3_600_000).toISOString());
    try {
      await queueReminders(t.deps);
      const reminder = (await readOutbox(t, { kind: 'booking-reminder', to: 'room-remind@example.com' }))[0]!;
      expect(reminder.text).toContain(room);
      expect(plainProperties(outboxInvite(reminder)).find((p) => p.name === 'CONFERENCE')?.value).toBe(room);
    } finally {
      clock.set('2027-03-01T08:00:00Z');
    }
    const b = await book(
      'jonah-levi',
      'individual-therapy',
      await freeStart('jonah-levi', 'individual-therapy', '2027-03-04', '2027-03-05', 1),
      'room-cancel@example.com',
      'online',
    );
    const roomB = b.booking.roomUrl!;
    expect(roomB).toMatch(ROOM);
    const cancelled = await t.json(`/api/v1/manage/${tokenOf(b)}/cancel`, {});
    expect(cancelled.status).toBe(200);
    const view = await apiView(b);
    expect(view.status).toBe('cancelled');
    expect(view.roomUrl).toBeNull();
    expect(await managePage(b)).not.toContain(roomB);
    const ics = await (await t.request(`${new URL(b.manageUrl).pathname}/calendar.ics`)).text();
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).not.toContain(roomB);
    const mail = (await readOutbox(t, { kind: 'booking-cancelled', to: 'room-cancel@example.com' }))[0]!;
    expect(mail.text).not.toContain(roomB);
    expect(outboxInvite(mail)).not.toContain(roomB);
  });

  test('once the session has ended the room is gone from the API view and the manage page', async () => {
    const a = await book(
      'tomasz-nowak',
      'individual-therapy',
      await freeStart('tomasz-nowak', 'individual-therapy', '2027-03-03', '2027-03-05'),
      'room-ended@example.com',
      'online',
    );
    const room = a.booking.roomUrl!;
    expect((await apiView(a)).roomUrl).toBe(room);
    clock.set(new Date(Date.parse(a.booking.end) - 60_000).toISOString());
    try {
      expect((await apiView(a)).roomUrl).toBe(room);
      clock.set(new Date(Date.parse(a.booking.end)).toISOString());
      expect((await apiView(a)).roomUrl).toBeNull();
      const html = await managePage(a);
      expect(html).not.toContain(room);
      expect(html).not.toContain('joining link');
    } finally {
      clock.set('2027-03-01T08:00:00Z');
    }
  });

  test('the therapist sees each room in their week, on the booking and in their feed; their own https link, once set, is used instead', async () => {
    const therapistId = ids.therapist('sam-rivers');
    const a = await book(
      'sam-rivers',
      'individual-therapy',
      await freeStart('sam-rivers', 'individual-therapy', '2027-03-02', '2027-03-05'),
      'room-staff@example.com',
      'online',
    );
    const inPerson = await book(
      'sam-rivers',
      'individual-therapy',
      await freeStart('sam-rivers', 'individual-therapy', '2027-03-02', '2027-03-05'),
      'room-staff2@example.com',
      'in_person',
    );
    const room = a.booking.roomUrl!;
    const { cookie } = await signInTherapist(t, clock, { email: 'sam.rivers@test.example', therapistId });

    const week = await (await getAs(t, cookie, '/staff/week?from=2027-03-01')).text();
    expect(week).toContain('Video rooms this week');
    expect(week).toContain(`href="${room}"`);
    expect((week.match(/video\.example\.org/g) ?? []).length).toBe(2); // the link and its text, once: the in-person session has none
    const detail = await (await getAs(t, cookie, `/staff/bookings/${a.booking.id}`)).text();
    expect(detail).toContain('<dt>Video room</dt>');
    expect(detail).toContain(`href="${room}"`);
    expect(await (await getAs(t, cookie, `/staff/bookings/${inPerson.booking.id}`)).text()).not.toContain('Video room');

    const created = await (await postAs(t, cookie, '/staff/calendar/new', { replaces: '' })).text();
    const feedPath = new URL(/id="feed-url">([^<]+)</.exec(created)![1]!).pathname;
    const feed = new ICAL.Component(ICAL.parse(await (await t.request(feedPath)).text()));
    const events = feed.getAllSubcomponents('vevent').map((v) => ({ v, e: new ICAL.Event(v) }));
    const online = events.find((x) => x.e.uid === `${a.booking.id}@closer-staff`)!;
    expect(online.e.location).toBe(room);
    expect(online.v.getFirstPropertyValue('conference')).toBe(room);
    const person = events.find((x) => x.e.uid === `${inPerson.booking.id}@closer-staff`)!;
    expect(person.v.getFirstPropertyValue('conference')).toBeNull();

    // Their own link: checked as https (a per-field message, nothing saved), then used for every online session.
    const form = formState(await (await getAs(t, cookie, '/staff/profile')).text(), '/staff/profile');
    form.set('videoUrl', 'http://meet.example.net/sam');
    const refused = await postBody(t, cookie, '/staff/profile', form);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('The link must start with https://');
    expect((await apiView(a)).roomUrl).toBe(room);
    form.set('videoUrl', 'https://meet.example.net/sam-rivers');
    const saved = await postBody(t, cookie, '/staff/profile', form);
    expect(saved.status).toBe(303);
    expect((await apiView(a)).roomUrl).toBe('https://meet.example.net/sam-rivers');
    const later = await book(
      'sam-rivers',
      'individual-therapy',
      await freeStart('sam-rivers', 'individual-therapy', '2027-03-02', '2027-03-05'),
      'room-staff3@example.com',
      'online',
    );
    expect(later.booking.roomUrl).toBe('https://meet.example.net/sam-rivers');
    expect((await apiView(inPerson)).roomUrl).toBeNull();
    expect(await (await getAs(t, cookie, '/staff/week?from=2027-03-01')).text()).toContain('href="https://meet.example.net/sam-rivers"');
    // Cleared again: back to the practice's room.
    form.set('videoUrl', '');
    expect((await postBody(t, cookie, '/staff/profile', form)).status).toBe(303);
    expect((await apiView(a)).roomUrl).toBe(room);
  });

  test('with neither a template nor a therapist’s link, no link is made up: the pages and e-mails say the practice sends it', async () => {
    const config = t.deps.config as { VIDEO_URL_TEMPLATE?: string | undefined };
    config.VIDEO_URL_TEMPLATE = undefined;
    try {
      const a = await book(
        'marta-kowalska',
        'individual-therapy',
        await freeStart('marta-kowalska', 'individual-therapy', '2027-03-02', '2027-03-05'),
        'room-none@example.com',
        'online',
      );
      expect(a.booking.roomUrl).toBeNull();
      expect((await apiView(a)).roomUrl).toBeNull();
      const html = await managePage(a);
      expect(html).toContain('This site does not send a joining link for this session: the practice sends you one itself.');
      expect(html).not.toContain('data-room');
      const mail = (await readOutbox(t, { kind: 'booking-confirmation', to: 'room-none@example.com' }))[0]!;
      expect(mail.text).toContain('the practice sends you one itself');
      const ics = outboxInvite(mail);
      expect(plainProperties(ics).find((p) => p.name === 'LOCATION')?.value).toBe('Online');
      expect(ics).not.toContain('CONFERENCE');
    } finally {
      config.VIDEO_URL_TEMPLATE = TEMPLATE;
    }
  });
});
