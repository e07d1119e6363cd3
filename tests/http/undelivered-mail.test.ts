// Issue 15, B6: mail given up on is not silently lost. The admin sees it (to whom, what, why) and can
// send it again; it then goes out with its original Message-ID, and both steps are in the audit log.
import { describe, expect, test } from 'vitest';
import { createTransport, drainOutbox, MAX_ATTEMPTS, messageIdOf } from '../../src/jobs/outbox-worker.ts';
import { enqueueMail } from '../../src/usecases/outbox.ts';
import { useTestApp } from '../support/app.ts';
import { fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { type Inbox, startInbox } from '../support/smtp.ts';
import { enrolAdmin, signIn, withCookie } from '../support/staff.ts';

describe.each(DIALECTS)('undelivered e-mail on %s', (dialect) => {
  let inbox: Inbox;
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, async () => {
    inbox = await startInbox();
    return { clock, env: { SMTP_URL: inbox.url } };
  });

  test('given up after every try, listed for the admin, sent again on request', async () => {
    const id = await enqueueMail(
      t.deps.database.db,
      { kind: 'booking-confirmation', to: 'lost@example.test', subject: 'Appointment on Wed 3 Mar at 10:00', text: 'x' },
      clock.now(),
      t.deps.encryptor,
    );
    inbox.failing = true;
    const transport = createTransport(inbox.url);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await drainOutbox(t.deps, transport);
      clock.t += 7 * 3_600_000;
    }
    const row = await t.deps.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');

    const admin = await enrolAdmin(t);
    const cookie = await signIn(t, clock, admin);
    const home = await (await t.request('/staff/admin', withCookie(cookie))).text();
    expect(home).toContain('Undelivered e-mail</a> (1 given up on or held)');
    const page = await (await t.request('/staff/admin/mail', withCookie(cookie))).text();
    expect(page).toContain('lost@example.test');
    expect(page).toContain('Appointment on Wed 3 Mar at 10:00');
    expect(page).toContain(`Given up after ${MAX_ATTEMPTS} tries`);
    expect(page).toContain(`/staff/admin/mail/${id}/send-again`);

    inbox.failing = false;
    const again = await t.form(`/staff/admin/mail/${id}/send-again`, {}, withCookie(cookie));
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/staff/admin/mail?done=queued');
    await drainOutbox(t.deps, transport);
    transport.close();
    expect(inbox.messages.at(-1)?.messageId).toBe(messageIdOf(id, t.deps.config.publicUrl));
    expect((await t.deps.database.db.selectFrom('outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('sent');
    const actions = (await t.deps.database.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['mail.list', 'mail.send-again']));
    // Sent already: sending again changes nothing and says so.
    expect((await t.form(`/staff/admin/mail/${id}/send-again`, {}, withCookie(cookie))).headers.get('location')).toBe('/staff/admin/mail?done=gone');
    expect(await (await t.request('/staff/admin/mail', withCookie(cookie))).text()).toContain('All e-mail has gone out.');
  });

  test('mail not sent within a day of being due (a long stop, a restored backup) is held for the admin, and goes only when sent again', async () => {
    inbox.failing = false;
    const before = inbox.messages.length;
    const id = await enqueueMail(
      t.deps.database.db,
      { kind: 'booking-reminder', to: 'restored@example.test', subject: 'Your session tomorrow', text: 'x' },
      clock.now(),
      t.deps.encryptor,
    );
    // The app was not running (or this row came back with a backup) for a day and a minute.
    clock.t += 24 * 3_600_000 + 60_000;
    const transport = createTransport(inbox.url);
    expect(await drainOutbox(t.deps, transport)).toEqual({ sent: 0, failed: 0 });
    expect(inbox.messages.length).toBe(before);
    const row = await t.deps.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');

    const admin = await enrolAdmin(t);
    const cookie = await signIn(t, clock, admin);
    expect(await (await t.request('/staff/admin', withCookie(cookie))).text()).toContain('Undelivered e-mail</a> (1 given up on or held)');
    const page = await (await t.request('/staff/admin/mail', withCookie(cookie))).text();
    expect(page).toContain('restored@example.test');
    expect(page).toContain('Held: not sent within a day of being due');
    expect((await t.form(`/staff/admin/mail/${id}/send-again`, {}, withCookie(cookie))).headers.get('location')).toBe('/staff/admin/mail?done=queued');
    expect(await drainOutbox(t.deps, transport)).toEqual({ sent: 1, failed: 0 });
    transport.close();
    expect(inbox.messages.at(-1)?.messageId).toBe(messageIdOf(id, t.deps.config.publicUrl));
    expect(await (await t.request('/staff/admin/mail', withCookie(cookie))).text()).toContain('All e-mail has gone out.');
  });

  test('mail due within the day goes out as usual', async () => {
    const before = inbox.messages.length;
    await enqueueMail(t.deps.database.db, { kind: 'booking-reminder', to: 'fresh@example.test', subject: 'Soon', text: 'x' }, clock.now(), t.deps.encryptor);
    clock.t += 23 * 3_600_000;
    const transport = createTransport(inbox.url);
    expect(await drainOutbox(t.deps, transport)).toEqual({ sent: 1, failed: 0 });
    transport.close();
    expect(inbox.messages.length).toBe(before + 1);
  });
});
