// Session notes over HTTP, on both databases: the booking's therapist writes and reads the note (each read
// audited); an admin and another therapist are refused and see nothing of it; no note before the session
// starts or for a cancelled one; bad input per field with nothing saved; the 72-hour lock (a change after it
// is a dated addendum, the original unchanged); the note never in plain text in the data folder or the
// database, nor in mail, logs, the calendar feed or a URL; in the client's copy of their data only when the
// practice's setting says so; erasure and retention delete it.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sealedColumnsRepository } from '../../src/db/repositories/sealed-columns.ts';
import { sessionNoteRepository } from '../../src/db/repositories/session-notes.ts';
import { collectClientData, eraseClient } from '../../src/usecases/records/client-data.ts';
import { enforceRetention } from '../../src/usecases/retention.ts';
import { useTestApp } from '../support/app.ts';
import { storedText } from '../support/at-rest.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { decodeHtml } from '../support/html.ts';
import { readOutbox } from '../support/outbox.ts';
import { type Inbox, startInbox } from '../support/smtp.ts';
import { enrolAdmin, formState, getAs, makeStaff, postAs, postBody, type StaffAccount, staffSession, withCookie } from '../support/staff.ts';

const HOUR = 3_600_000;
const MARKERS = ['note-text-3f8a1c', 'note-next-7b2e4d', 'note-addendum-9c5f0e', 'note-erased-1d6b8a'];
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(DIALECTS)('session notes on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  let inbox: Inbox;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let amaraId: string;
  let accounts: Record<'A' | 'B' | 'admin', StaffAccount>;
  /** Every Location header a note's request answered with: none may carry what the note says. */
  const locations: string[] = [];
  const t = useTestApp(dialect, async () => {
    inbox = await startInbox();
    return { clock, env: { SMTP_URL: inbox.url, MAIL_FROM: 'bookings@closer.example' } };
  });
  afterAll(async () => {
    await inbox?.close();
  });
  beforeAll(async () => {
    ids = await demoIds(t);
    amaraId = ids.therapist('amara-okafor');
    accounts = {
      A: await makeStaff(t, { email: 'a@staff.example', therapistId: amaraId }),
      B: await makeStaff(t, { email: 'b@staff.example', therapistId: ids.therapist('tomasz-nowak') }),
      admin: await enrolAdmin(t),
    };
  });
  beforeEach(async () => {
    await t.deps.database.db.deleteFrom('rate_limits').execute();
  });

  /** A fresh, fully signed-in session at the clock's time (the clock moves by days in these tests). */
  const as = (who: 'A' | 'B' | 'admin') => staffSession(t, accounts[who]);
  const get = async (who: 'A' | 'B' | 'admin', path: string) => getAs(t, await as(who), path);
  const post = async (who: 'A' | 'B' | 'admin', path: string, fields: Record<string, string>) => {
    const res = await postAs(t, await as(who), path, fields);
    locations.push(res.headers.get('location') ?? '');
    return res;
  };

  const book = async (date: string, email: string) => {
    const service = ids.service('individual-therapy');
    const to = iso(Date.parse(date) + 21 * 86_400_000).slice(0, 10);
    const slots = await t.request(`/api/v1/therapists/${amaraId}/slots?service=${service}&from=${date}&to=${to}&tz=Europe%2FLondon`);
    const start = ((await slots.json()) as { slots: { start: string }[] }).slots[0]!.start;
    const res = await t.json('/api/v1/bookings', bookingBody(amaraId, service, start, { client: { name: 'Robin Example', email } }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { booking: { id: string }; manageUrl: string };
    const row = await t.deps.database.db.selectFrom('bookings').select(['starts_at', 'ends_at']).where('id', '=', created.booking.id).executeTakeFirstOrThrow();
    return { id: created.booking.id, token: created.manageUrl.split('/manage/')[1]!, start: Number(row.starts_at), end: Number(row.ends_at) };
  };
  const rows = (bookingId: string) =>
    t.deps.database.db.selectFrom('session_notes').selectAll().where('booking_id', '=', bookingId).orderBy('created_at').execute();
  const reads = (bookingId: string) =>
    t.deps.database.db.selectFrom('audit_log').select('actor').where('action', '=', 'booking.session_note.read').where('target', '=', bookingId).execute();
  const note = (text: string, extra: Record<string, string> = {}) => ({ text, risk: 'no', nextSteps: '', ...extra });
  /** Runs with the clock at `at`, and puts it back. */
  const at = async <T>(when: number, run: () => Promise<T>): Promise<T> => {
    const before = clock.t;
    clock.t = when;
    try {
      return await run();
    } finally {
      clock.t = before;
    }
  };

  test('the therapist writes and reads the note (each read audited); an admin and another therapist are refused and see nothing of it', async () => {
    const b = await book('2027-03-02', 'robin@example.com');
    const path = `/staff/bookings/${b.id}/note`;
    await at(b.end + HOUR, async () => {
      // The booking page links to it, for its therapist only.
      expect(await (await get('A', `/staff/bookings/${b.id}`)).text()).toContain(`href="${path}"`);
      expect(await (await get('admin', `/staff/bookings/${b.id}`)).text()).not.toContain(path);
      const empty = decodeHtml(await (await get('A', path)).text());
      expect(empty).toContain('Write the note');
      // Nothing to open yet: nothing audited.
      expect(await reads(b.id)).toEqual([]);

      const body = new URLSearchParams({ text: `First meeting. ${MARKERS[0]}`, risk: 'yes', nextSteps: MARKERS[1]! });
      body.append('themes', 'trust-issues');
      body.append('themes', 'loneliness');
      const saved = await postBody(t, await as('A'), path, body);
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe(`${path}?done=original`);
      locations.push(saved.headers.get('location')!);

      const page = decodeHtml(await (await get('A', `${path}?done=original`)).text());
      expect(page).toContain('The note is saved.');
      expect(page).toContain(MARKERS[0]);
      expect(page).toContain(MARKERS[1]);
      expect(page).toContain('Trust issues, Loneliness and isolation');
      expect(page).toMatch(/<dt>Risk flagged<\/dt>\s*<dd>Yes<\/dd>/);
      expect(await (await get('A', `/staff/bookings/${b.id}`)).text()).toContain('Read the session note');
      expect((await reads(b.id)).map((r) => r.actor)).toEqual([`user:${accounts.A.id}`]);
      await get('A', path);
      expect(await reads(b.id)).toHaveLength(2);

      // Within 72 hours: a change replaces the original, still one note.
      expect((await post('A', path, note(`Changed. ${MARKERS[0]}`))).headers.get('location')).toBe(`${path}?done=edit`);
      const [only, ...none] = await rows(b.id);
      expect(none).toEqual([]);
      expect(JSON.parse(t.deps.encryptor.decrypt(only!.body_sealed))).toEqual({ text: `Changed. ${MARKERS[0]}`, themes: [], risk: false, nextSteps: '' });

      // Refused: an admin (no clients of their own) is forbidden, another therapist finds nothing.
      const before = JSON.stringify(await rows(b.id));
      const refused: Record<string, number> = {};
      for (const who of ['admin', 'B'] as const) {
        const read = await get(who, path);
        refused[`GET ${who}`] = read.status;
        expect(decodeHtml(await read.text())).not.toContain(MARKERS[0]);
        refused[`POST ${who}`] = (await post(who, path, note(`Overwritten by ${who}`))).status;
      }
      expect(refused).toEqual({ 'GET admin': 403, 'POST admin': 403, 'GET B': 404, 'POST B': 404 });
      expect(JSON.stringify(await rows(b.id))).toBe(before);
      expect(new Set((await reads(b.id)).map((r) => r.actor))).toEqual(new Set([`user:${accounts.A.id}`]));
    });
  });

  test('no note before the session starts, nor for a cancelled session', async () => {
    const b = await book('2027-03-03', 'early@example.com');
    const path = `/staff/bookings/${b.id}/note`;
    await at(b.start - 60_000, async () => {
      expect(await (await get('A', `/staff/bookings/${b.id}`)).text()).not.toContain(path);
      expect(decodeHtml(await (await get('A', path)).text())).toContain('A note can be written once the session has started');
      const early = await post('A', path, note('Too early'));
      expect(early.status).toBe(409);
      expect(decodeHtml(await early.text())).toContain('Too early');
    });
    expect(await rows(b.id)).toEqual([]);
    const cancelled = await book('2027-03-04', 'cancelled@example.com');
    expect((await t.form(`/manage/${cancelled.token}/cancel`, {})).status).toBe(303);
    await at(cancelled.end + HOUR, async () => {
      expect((await post('A', `/staff/bookings/${cancelled.id}/note`, note('Not held'))).status).toBe(409);
    });
    expect(await rows(cancelled.id)).toEqual([]);
  });

  test('bad input: a message on each field, what was typed kept, nothing saved', async () => {
    const b = await book('2027-03-05', 'bad@example.com');
    await at(b.end + HOUR, async () => {
      const res = await post('A', `/staff/bookings/${b.id}/note`, {
        text: '   ',
        themes: 'not-a-theme',
        risk: 'maybe',
        nextSteps: `kept-next-words ${'x'.repeat(2001)}`,
      });
      expect(res.status).toBe(422);
      const html = decodeHtml(await res.text());
      expect(html).toContain('<title>Error: Session note');
      expect(['text', 'themes', 'risk', 'nextSteps'].filter((f) => !html.includes(`id="f-${f}-error"`))).toEqual([]);
      expect(html).toContain('Write the note');
      expect(html).toContain('Choose themes from the list');
      expect(html).toContain('Choose yes or no');
      expect(html).toContain('kept-next-words');
      // One field wrong at a time: still nothing saved.
      const long = await post('A', `/staff/bookings/${b.id}/note`, note('x'.repeat(20_001)));
      expect(long.status).toBe(422);
      expect(await long.text()).toContain('id="f-text-error"');
      // A body that cannot be read: 400, nothing saved.
      const broken = await t.request(
        `/staff/bookings/${b.id}/note`,
        withCookie(await as('A'), {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=x', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
          body: 'not multipart',
        }),
      );
      expect(broken.status).toBe(400);
    });
    expect(await rows(b.id)).toEqual([]);
  });

  test('locked 72 hours after the end: a change becomes a dated addendum, the original kept as written and shown first', async () => {
    const b = await book('2027-03-08', 'locked@example.com');
    const path = `/staff/bookings/${b.id}/note`;
    await at(b.end + HOUR, () => post('A', path, note(`Original ${MARKERS[0]}`)));
    const [original] = await rows(b.id);
    // The last moment before the lock still changes the original.
    await at(b.end + 72 * HOUR - 1, async () => {
      expect((await post('A', path, note(`Original, last change ${MARKERS[0]}`))).headers.get('location')).toBe(`${path}?done=edit`);
    });
    const [changed] = await rows(b.id);
    expect(changed!.id).toBe(original!.id);
    await at(b.end + 72 * HOUR, async () => {
      const form = decodeHtml(await (await get('A', path)).text());
      expect(form).toContain('Add an addendum');
      // The addendum form starts empty: the locked text is not offered for editing.
      expect(form).not.toMatch(/<textarea[^>]*name="text"[^>]*>[^<]+</);
      expect((await post('A', path, note(`Addendum ${MARKERS[2]}`, { risk: 'yes' }))).headers.get('location')).toBe(`${path}?done=addendum`);
    });
    await at(b.end + 96 * HOUR, async () => {
      expect((await post('A', path, note('A second addendum'))).headers.get('location')).toBe(`${path}?done=addendum`);
      const all = await rows(b.id);
      expect(all.map((r) => r.kind)).toEqual(['original', 'addendum', 'addendum']);
      // The original: the same row, the same sealed value, the same time as before the lock.
      expect(all[0]!.body_sealed).toBe(changed!.body_sealed);
      expect(Number(all[0]!.updated_at)).toBe(Number(changed!.updated_at));
      expect(Number(all[1]!.created_at)).toBe(b.end + 72 * HOUR);
      const page = decodeHtml(await (await get('A', path)).text());
      const order = [`Original, last change ${MARKERS[0]}`, `Addendum ${MARKERS[2]}`, 'A second addendum'].map((s) => page.indexOf(s));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((x, y) => x - y)).toEqual(order);
      expect(page).toContain('Addendum, ');
    });
    // Even asked directly, the store refuses to change a locked original.
    expect(await sessionNoteRepository(t.deps.database.db).editOriginal(b.id, 'v1.x.y', b.end + 72 * HOUR, b.end + 72 * HOUR)).toBe(false);
    expect((await rows(b.id))[0]!.body_sealed).toBe(changed!.body_sealed);
  });

  test('in the client’s copy of their data only while the practice’s setting says so', async () => {
    const b = await book('2027-03-09', 'copy@example.com');
    await at(b.end + HOUR, () => post('A', `/staff/bookings/${b.id}/note`, note(`For the copy ${MARKERS[0]}`)));
    const copy = async () => (await collectClientData(t.deps, { email: 'copy@example.com' }, { actor: 'test', requestId: 'test' })).bookings;
    // Default: included.
    const included = await copy();
    expect(included[0]!.sessionNotes).toMatchObject([{ kind: 'original', text: `For the copy ${MARKERS[0]}`, themes: [], riskFlagged: false }]);
    // The admin turns it off on the settings page (everything else as it was).
    const settings = async (on: boolean) => {
      const page = await (await get('admin', '/staff/admin/settings')).text();
      const fields = formState(page, '/staff/admin/settings');
      expect(fields.getAll('notesInExport')).toEqual(on ? [] : ['yes']);
      fields.delete('notesInExport');
      if (on) fields.append('notesInExport', 'yes');
      fields.set('save', '1');
      const res = await postBody(t, await as('admin'), '/staff/admin/settings', fields);
      expect(res.headers.get('location')).toBe('/staff/admin/settings?done=saved');
    };
    expect(decodeHtml(await (await t.request('/privacy')).text())).toContain('It includes your therapist’s notes about your sessions.');
    await settings(false);
    expect(decodeHtml(await (await t.request('/privacy')).text())).toContain('It does not include your therapist’s notes about your sessions');
    const left = await copy();
    expect(left[0]).not.toHaveProperty('sessionNotes');
    expect(JSON.stringify(left)).not.toContain(MARKERS[0]);
    const changes = await t.deps.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'admin.settings.update').execute();
    expect(changes.some((r) => String(r.detail).includes('notesInExport'))).toBe(true);
    await settings(true);
    expect(JSON.stringify(await copy())).toContain(MARKERS[0]);
  });

  test('never in plain text in the data folder or the database, nor in mail, logs, the calendar feed or a URL', async () => {
    await t.jobs.tick();
    const delivered = await inbox.waitFor(1);
    expect(delivered.length).toBeGreaterThan(0);
    const cookie = await as('A');
    await t.form('/staff/calendar/revoke', {}, withCookie(cookie));
    const feedPage = await t.form('/staff/calendar/new', { replaces: '' }, withCookie(cookie));
    const feed = await (await t.request(new URL(/id="feed-url">([^<]+)</.exec(await feedPage.text())![1]!).pathname)).text();
    expect(feed).toContain('BEGIN:VCALENDAR');
    const mail = [
      ...(await readOutbox(t)).map((m) => `${m.subject}\n${m.text}\n${m.attachments}`),
      ...inbox.messages.map((m) => `${m.subject}\n${m.text}\n${m.html}\n${m.attachments.map((a) => a.content.toString()).join('\n')}`),
    ].join('\n');
    const logs = JSON.stringify(t.logs);
    expect(locations.length).toBeGreaterThan(5);
    const urls = locations.join('\n');
    for (const marker of MARKERS.slice(0, 3)) {
      expect(mail, marker).not.toContain(marker);
      expect(logs, marker).not.toContain(marker);
      expect(feed, marker).not.toContain(marker);
      expect(urls, marker).not.toContain(marker);
    }
    const raw = await storedText(t, dialect, ['session_notes', 'bookings', 'outbox', 'audit_log', 'kept_forms']);
    expect(raw).toContain('v1.');
    expect((await t.deps.database.db.selectFrom('session_notes').select('id').execute()).length).toBeGreaterThan(3);
    for (const marker of MARKERS.slice(0, 3)) expect(raw, marker).not.toContain(marker);
    // Key rotation knows the column: under another current key, every note counts as one to seal again.
    const notes = await t.deps.database.db.selectFrom('session_notes').select('id').execute();
    expect((await sealedColumnsRepository(t.deps.database.db).countStale('v1.ZZZZZZZZ.')).session_notes).toBe(notes.length);
  });

  test('erasure and retention delete the notes', async () => {
    const erased = await book('2027-03-10', 'erase-me@example.com');
    const kept = await book('2027-03-11', 'keep-me@example.com');
    await at(kept.end + HOUR, async () => {
      await post('A', `/staff/bookings/${erased.id}/note`, note(MARKERS[3]!));
      await post('A', `/staff/bookings/${kept.id}/note`, note('Kept until retention'));
    });
    await at(erased.end + 80 * HOUR, () => post('A', `/staff/bookings/${erased.id}/note`, note('An addendum')));
    expect(await rows(erased.id)).toHaveLength(2);
    await eraseClient(t.deps, { email: 'erase-me@example.com' }, { actor: 'test', requestId: 'test' });
    expect(await rows(erased.id)).toEqual([]);
    expect(await rows(kept.id)).toHaveLength(1);
    // Seven years after the client's last session, the booking goes, and its notes with it.
    await at(Date.parse('2035-01-01T08:00:00Z'), () => enforceRetention(t.deps));
    expect(await rows(kept.id)).toEqual([]);
  });
});
