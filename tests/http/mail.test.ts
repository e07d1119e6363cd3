import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { type Inbox, recipient, startInbox } from '../support/smtp.ts';

function invite(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(part, 'a text/calendar part').toBeTruthy();
  const calendar = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')));
  return { method: calendar.getFirstPropertyValue('method'), event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!) };
}

describe.each(DIALECTS)('e-mail over real SMTP on %s', (dialect) => {
  let inbox: Inbox;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, async () => {
    inbox = await startInbox();
    return { clock, env: { SMTP_URL: inbox.url, MAIL_FROM: 'bookings@closer.example' } };
  });
  beforeAll(async () => {
    ids = await demoIds(t);
  });
  afterAll(async () => {
    await inbox?.close();
  });

  test('confirmation with an invite, then a moved invite (SEQUENCE up), then a CANCEL; subjects say nothing sensitive', async () => {
    const start = inbox.messages.length;
    const res = await t.json(
      '/api/v1/bookings',
      bookingBody(ids.therapist('priya-shah'), ids.service('psychosexual-therapy'), '2027-03-03T10:00:00Z', {
        client: { name: 'Dana Example', email: 'dana@example.com' },
        timeZone: 'America/New_York',
      }),
    );
    expect(res.status).toBe(201);
    const { manageUrl, booking } = (await res.json()) as { manageUrl: string; booking: { id: string } };
    await t.jobs.tick();
    const fresh = (await inbox.waitFor(start + 2)).slice(start);
    const client = fresh.find((x) => recipient(x) === 'dana@example.com')!;
    const therapist = fresh.find((x) => recipient(x) === 'priya.shah@closer.example')!;
    expect(client.subject).toBe('Appointment on Wed 3 Mar at 05:00');
    expect(client.from?.text).toBe('bookings@closer.example');
    expect(client.text).toContain('Wednesday 3 March 2027 at 05:00');
    expect(client.text).toContain(manageUrl);
    expect(client.text).not.toContain('We keep arguing');
    for (const m of [client, therapist]) expect(m.subject).not.toMatch(/psychosexual|sex|therapy|counselling|Dana/i);
    const first = invite(client);
    expect(first.method).toBe('REQUEST');
    expect(first.event.uid).toBe(`${booking.id}@closer`);
    expect(first.event.summary).toBe('Appointment at Closer Relationship Counselling');
    expect(first.event.startDate.toJSDate().toISOString()).toBe('2027-03-03T10:00:00.000Z');
    expect(first.event.sequence).toBe(0);
    expect(therapist.text).toContain('Wednesday 3 March 2027 at 10:00 (GMT)');
    expect(therapist.text).not.toContain('Dana');

    const token = manageUrl.split('/manage/')[1]!;
    expect((await t.json(`/api/v1/manage/${token}/reschedule`, { start: '2027-03-03T13:00:00Z' })).status).toBe(200);
    await t.jobs.tick();
    const moved = (await inbox.waitFor(start + 4)).slice(start + 2).find((x) => recipient(x) === 'dana@example.com')!;
    const second = invite(moved);
    expect(second.event.uid).toBe(`${booking.id}@closer`);
    expect(second.event.sequence).toBe(1);
    expect(second.event.startDate.toJSDate().toISOString()).toBe('2027-03-03T13:00:00.000Z');

    expect((await t.json(`/api/v1/manage/${token}/cancel`, {})).status).toBe(200);
    await t.jobs.tick();
    const cancelled = (await inbox.waitFor(start + 6)).slice(start + 4).find((x) => recipient(x) === 'dana@example.com')!;
    const third = invite(cancelled);
    expect(third.method).toBe('CANCEL');
    expect(third.event.sequence).toBe(2);
  });

  test('a failing mail server delays the mail and loses nothing: the booking stands and the message goes later', async () => {
    inbox.failing = true;
    const before = inbox.messages.length;
    const res = await t.json(
      '/api/v1/bookings',
      bookingBody(ids.therapist('amara-okafor'), ids.service('couples-counselling'), '2027-03-04T10:00:00Z', {
        client: { name: 'Lee', email: 'lee@example.com' },
      }),
    );
    expect(res.status).toBe(201);
    await t.jobs.tick();
    const pending = await t.deps.database.db.selectFrom('outbox').selectAll().where('status', '=', 'pending').execute();
    expect(pending.length).toBeGreaterThanOrEqual(2);
    expect(pending.every((m) => m.attempts === 1 && m.next_attempt_at > clock.now())).toBe(true);
    expect(pending[0]!.last_error).toBeTruthy();
    expect(inbox.messages.length).toBe(before);
    inbox.failing = false;
    await t.jobs.tick(); // not due yet: backoff
    expect(inbox.messages.length).toBe(before);
    clock.set('2027-03-01T08:01:00Z');
    try {
      await t.jobs.tick();
      const arrived = await inbox.waitFor(before + 2);
      expect(arrived.slice(before).map((m) => recipient(m))).toContain('lee@example.com');
      const left = await t.deps.database.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
      expect(left).toHaveLength(0);
    } finally {
      clock.set('2027-03-01T08:00:00Z');
    }
  });

  test('two workers draining at once send each message once', async () => {
    const before = inbox.messages.length;
    for (let i = 0; i < 3; i++) {
      await t.json(
        '/api/v1/bookings',
        bookingBody(ids.therapist('yusuf-rahman'), ids.service('couples-counselling'), `2027-03-08T1${i}:00:00Z`, {
          client: { name: `Pat ${i}`, email: `pat${i}@example.com` },
        }),
      );
    }
    const { drainOutbox, createTransport } = await import('../../src/jobs/outbox-worker.ts');
    const a = createTransport(inbox.url);
    const b = createTransport(inbox.url);
    await Promise.all([drainOutbox(t.deps, a), drainOutbox(t.deps, b)]);
    await inbox.waitFor(before + 6);
    await new Promise((r) => setTimeout(r, 200));
    const recipients = inbox.messages.slice(before).map((m) => recipient(m));
    expect(recipients.filter((r) => r?.startsWith('pat'))).toHaveLength(3);
    expect(new Set(recipients).size).toBe(recipients.filter((r) => r?.startsWith('pat')).length + 1);
    a.close();
    b.close();
  });
});

describe('without SMTP_URL', () => {
  test('mail stays in the outbox and the log says so by id and kind, without personal data', async () => {
    const t = await startTestApp('sqlite', { clock: fixedClock('2027-03-01T08:00:00Z') });
    try {
      const ids = await demoIds(t);
      await t.json(
        '/api/v1/bookings',
        bookingBody(ids.therapist('amara-okafor'), ids.service('couples-counselling'), '2027-03-04T10:00:00Z', {
          client: { name: 'Quinn Private', email: 'quinn@example.com' },
        }),
      );
      await t.jobs.tick();
      const kept = t.logs.filter((l) => l.msg === 'mail kept in the outbox (SMTP_URL is not set)');
      expect(kept.map((l) => l.kind).sort()).toEqual(['booking-confirmation', 'therapist-booked']);
      expect(JSON.stringify(t.logs)).not.toMatch(/quinn|Quinn/);
      const rows = await t.deps.database.db.selectFrom('outbox').selectAll().execute();
      expect(rows.every((r) => r.status === 'pending')).toBe(true);
    } finally {
      await t.stop();
    }
  });
});
