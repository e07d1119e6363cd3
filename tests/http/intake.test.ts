// The intake before a first session over HTTP, on both databases: the link from the confirmation (page and
// e-mail), bad input per field with nothing saved, each person answering once, a couple's two private links
// (neither sees the other's answers), the safety policy's "yes" path, the booking's therapist the only reader
// (audited; an admin and another therapist refused), and the answers never in plain text in the data folder,
// in mail, logs or the calendar feed, nor in any copy of data but the client's own; retention and erasure
// delete them.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { collectClientData, eraseClient } from '../../src/usecases/records/client-data.ts';
import { enforceRetention } from '../../src/usecases/retention.ts';
import { useTestApp } from '../support/app.ts';
import { storedText } from '../support/at-rest.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { decodeHtml } from '../support/html.ts';
import { readOutbox } from '../support/outbox.ts';
import { type Inbox, startInbox } from '../support/smtp.ts';
import { enrolAdmin, getAs, makeStaff, signIn, signInTherapist, withCookie } from '../support/staff.ts';

type Created = { booking: { id: string; reference: string }; manageUrl: string };

/** A complete, valid set of answers; `marker` goes into every free-text answer. */
const answers = (marker: string, extra: Record<string, string> = {}) => ({
  reason: `reason-${marker}`,
  hopes: `hopes-${marker}`,
  safety: 'no',
  support: 'gp',
  supportDetails: `support-${marker}`,
  gpName: `gp-${marker}`,
  gpPhone: '01632 960 001',
  gpConsent: 'yes',
  contactName: `contact-${marker}`,
  contactPhone: '01632 960 002',
  ...extra,
});
const CSI = { csi1: '4', csi2: '3', csi3: '3', csi4: '2' };
const MARKERS = ['intake-client-7c1d', 'intake-partner-9e4b', 'intake-worried-2f6a', 'intake-solo-5a8e'];

describe.each(DIALECTS)('the intake before a first session on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  let inbox: Inbox;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let amaraId: string;
  let therapistCookie: string;
  let therapistUser: string;
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
    const signed = await signInTherapist(t, clock, { email: 'amara@staff.example', therapistId: amaraId });
    therapistCookie = signed.cookie;
    therapistUser = signed.account.id;
  });
  beforeEach(async () => {
    await t.deps.database.db.deleteFrom('rate_limits').execute();
  });

  /** The first free time of the therapist on or after the date (within three weeks). */
  const freeSlot = async (service: string, date: string) => {
    const to = new Date(Date.parse(date) + 21 * 86_400_000).toISOString().slice(0, 10);
    const res = await t.request(`/api/v1/therapists/${amaraId}/slots?service=${service}&from=${date}&to=${to}&tz=Europe%2FLondon`);
    return ((await res.json()) as { slots: { start: string }[] }).slots[0]!.start;
  };
  const book = async (slug: 'couples-counselling' | 'individual-therapy', date: string, email = 'alex@example.com') => {
    const service = ids.service(slug);
    const res = await t.json('/api/v1/bookings', bookingBody(amaraId, service, await freeSlot(service, date), { client: { name: 'Alex Example', email } }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    return { ...created, token: created.manageUrl.split('/manage/')[1]!, id: created.booking.id };
  };
  const rows = (bookingId: string) => t.deps.database.db.selectFrom('intakes').selectAll().where('booking_id', '=', bookingId).execute();
  const audit = (action: string, target: string) =>
    t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target', '=', target).execute();

  test('the confirmation page and e-mail link to the intake; the e-mail carries a link and no answers', async () => {
    const b = await book('individual-therapy', '2027-03-02');
    const page = await (await t.request(`/manage/${b.token}?booked=1`)).text();
    expect(page).toContain(`href="/manage/${b.token}/intake"`);
    const mail = (await readOutbox(t, 'booking-confirmation')).find((m) => m.text.includes(b.token))!;
    expect(mail.text).toContain(`${b.manageUrl}/intake`);
    // A later session with the same therapist is not a first session: its page does not ask again.
    const next = await book('individual-therapy', '2027-03-22', 'first@example.com');
    const earlier = await book('individual-therapy', '2027-03-02', 'first@example.com');
    expect(await (await t.request(`/manage/${earlier.token}`)).text()).toContain(`/manage/${earlier.token}/intake`);
    expect(await (await t.request(`/manage/${next.token}`)).text()).not.toContain('/intake');
    // Nor does the therapist's week: a status only for first sessions.
    const row = await t.deps.database.db.selectFrom('bookings').select('starts_at').where('id', '=', next.id).executeTakeFirstOrThrow();
    const week = await (await getAs(t, therapistCookie, `/staff/week?from=${new Date(Number(row.starts_at)).toISOString().slice(0, 10)}`)).text();
    expect(week).toContain(`/staff/bookings/${next.id}`);
    expect(week).not.toContain('Intake');
  });

  test('bad input: a message on each field, everything typed kept, nothing saved', async () => {
    const b = await book('individual-therapy', '2027-03-02', 'bad@example.com');
    const res = await t.form(`/manage/${b.token}/intake`, {
      reason: '   ',
      hopes: `kept-words ${'x'.repeat(2001)}`,
      safety: 'maybe',
      support: 'none',
      supportDetails: 'kept-support-words',
      gpName: 'kept-gp-name',
      gpPhone: 'call me',
      gpConsent: '',
      contactName: 'kept-contact-name',
      contactPhone: '',
    });
    expect(res.status).toBe(422);
    const html = decodeHtml(await res.text());
    expect(html).toContain('<title>Error: Before your first session');
    expect(html).toContain('There is a problem');
    const missing = ['reason', 'hopes', 'safety', 'gpPhone', 'gpConsent', 'contactPhone'].filter((f) => !html.includes(`id="f-${f}-error"`));
    expect(missing).toEqual([]);
    expect(html).toContain('Tell us a little about what brings you');
    expect(html).toContain('Enter a phone number, like 01632 960 001');
    expect(html).toContain('Enter a phone number for the person you named');
    for (const kept of ['kept-words', 'kept-support-words', 'value="kept-gp-name"', 'value="call me"', 'value="kept-contact-name"'])
      expect(html).toContain(kept);
    expect(html).toMatch(/value="none" checked/);
    expect(await rows(b.id)).toEqual([]);
    // A body that cannot be read: 400, nothing saved, never a 5xx.
    const broken = await t.request(`/manage/${b.token}/intake`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
      body: 'garbage',
    });
    expect(broken.status).toBe(400);
    expect(await rows(b.id)).toEqual([]);
    // "None" with another kind of support, and a kind not on the list: refused too.
    const body = new URLSearchParams({ ...answers('mixed'), support: 'none' });
    body.append('support', 'gp');
    const mixed = await t.request(`/manage/${b.token}/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
      body: body.toString(),
    });
    expect(mixed.status).toBe(422);
    expect(await mixed.text()).toContain('id="f-support-error"');
    const unknown = await t.form(`/manage/${b.token}/intake`, { ...answers('unknown'), support: 'wizard' });
    expect(unknown.status).toBe(422);
    expect(await rows(b.id)).toEqual([]);
  });

  test('an individual client answers once; the answers are sealed, never shown back through the link', async () => {
    const b = await book('individual-therapy', '2027-03-03');
    const form = await (await t.request(`/manage/${b.token}/intake`)).text();
    expect(form).toContain('What brings you to counselling?');
    expect(form).not.toContain('csi1');
    expect(form).toContain('Leave this site quickly');
    const sent = await t.form(`/manage/${b.token}/intake`, answers(MARKERS[3]!));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/manage/${b.token}/intake?sent=1`);
    const after = await (await t.request(`/manage/${b.token}/intake?sent=1`)).text();
    expect(after).toContain('Your answers have been sent');
    expect(after).not.toContain(MARKERS[3]);
    const [row] = await rows(b.id);
    expect(row).toMatchObject({ role: 'client' });
    expect(row!.answers_sealed).toMatch(/^v1\./);
    expect(row!.answers_sealed).not.toContain(MARKERS[3]);
    // A second submission never replaces the first.
    const again = await t.form(`/manage/${b.token}/intake`, answers('replaced'));
    expect(again.status).toBe(200);
    // What was typed the second time is not sent, and not lost either: it is shown back.
    const againHtml = decodeHtml(await again.text());
    expect(againHtml).toContain('It was not sent');
    expect(againHtml).toContain('reason-replaced');
    expect(againHtml).not.toContain(MARKERS[3]);
    expect(JSON.parse(t.deps.encryptor.decrypt((await rows(b.id))[0]!.answers_sealed!)).reason).toBe(`reason-${MARKERS[3]}`);
    // The manage page says it arrived; the therapist's week says so per session.
    expect(await (await t.request(`/manage/${b.token}`)).text()).toContain('has your answers');
    const week = await (await getAs(t, therapistCookie, '/staff/week?from=2027-03-01')).text();
    expect(week).toContain('Intake received');
    expect(week).toContain('Intake not yet');
  });

  test('only the booking’s therapist reads the answers, each read audited; an admin and another therapist are refused', async () => {
    const b = await book('individual-therapy', '2027-03-04');
    await t.form(`/manage/${b.token}/intake`, answers('only-therapist-3b7c'));
    const before = (await audit('booking.intake.read', b.id)).length;
    const res = await getAs(t, therapistCookie, `/staff/bookings/${b.id}`);
    const html = decodeHtml(await res.text());
    expect(html).toContain('reason-only-therapist-3b7c');
    expect(html).toContain('gp-only-therapist-3b7c');
    const reads = await audit('booking.intake.read', b.id);
    expect(reads.length).toBe(before + 1);
    expect(reads.at(-1)).toMatchObject({ actor: `user:${therapistUser}` });
    expect(reads.at(-1)!.request_id).toBe(res.headers.get('x-request-id'));
    // An admin opens the booking and learns only that answers arrived.
    const admin = await signIn(t, clock, await enrolAdmin(t));
    const seen = decodeHtml(await (await getAs(t, admin, `/staff/bookings/${b.id}`)).text());
    expect(seen).toContain(b.booking.reference);
    expect(seen).toContain('The client answered the questions before the first session. Only their therapist');
    expect(seen).not.toContain('only-therapist-3b7c');
    // Another therapist: as if the booking did not exist.
    const other = await signIn(t, clock, await makeStaff(t, { email: `tomasz-${dialect}@staff.example`, therapistId: ids.therapist('tomasz-nowak') }));
    const theirs = await getAs(t, other, `/staff/bookings/${b.id}`);
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain('only-therapist-3b7c');
    expect((await audit('booking.intake.read', b.id)).map((r) => r.actor)).toEqual(reads.map((r) => r.actor));
  });

  test('a couple: each partner answers on a private link of their own; neither sees the other’s answers; the therapist sees both', async () => {
    const b = await book('couples-counselling', '2027-03-05', 'couple@example.com');
    const form = await (await t.request(`/manage/${b.token}/intake`)).text();
    expect(form).toContain('name="csi1"');
    // A CSI item left out is a field error like any other.
    const missing = await t.form(`/manage/${b.token}/intake`, { ...answers(MARKERS[0]!), ...CSI, csi4: '' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('id="f-csi4-error"');
    expect(await rows(b.id)).toEqual([]);
    expect((await t.form(`/manage/${b.token}/intake`, { ...answers(MARKERS[0]!), ...CSI })).status).toBe(303);
    const done = decodeHtml(await (await t.request(`/manage/${b.token}/intake?sent=1`)).text());
    const partnerUrl = /id="partner-link">\s*([^<\s]+)/.exec(done)![1]!;
    const partnerPath = new URL(partnerUrl).pathname;
    expect(partnerPath).toMatch(/^\/intake\/[A-Za-z0-9_-]{43}$/);
    expect(partnerPath).not.toContain(b.token);
    expect(done).not.toContain(MARKERS[0]);
    // The partner's page: the same questions, nothing of the client's answers.
    const partnerForm = decodeHtml(await (await t.request(partnerPath)).text());
    expect(partnerForm).toContain('These questions are for you alone');
    expect(partnerForm).toContain('name="csi1"');
    expect(partnerForm).not.toContain(MARKERS[0]);
    expect((await t.form(partnerPath, { ...answers(MARKERS[1]!), csi1: '1', csi2: '1', csi3: '1', csi4: '1' })).status).toBe(303);
    const partnerDone = decodeHtml(await (await t.request(`${partnerPath}?sent=1`)).text());
    expect(partnerDone).not.toContain(MARKERS[0]);
    expect(partnerDone).not.toContain(MARKERS[1]);
    expect(partnerDone).not.toContain('partner-link');
    const clientAgain = decodeHtml(await (await t.request(`/manage/${b.token}/intake`)).text());
    expect(clientAgain).not.toContain(MARKERS[1]);
    expect((await rows(b.id)).map((r) => r.role).sort()).toEqual(['client', 'partner']);
    // The therapist reads both, each as its own person's.
    const staff = decodeHtml(await (await getAs(t, therapistCookie, `/staff/bookings/${b.id}`)).text());
    expect(staff).toContain(`reason-${MARKERS[0]}`);
    expect(staff).toContain(`reason-${MARKERS[1]}`);
    expect(staff).toContain('12 of 21');
    expect(staff).toContain('4 of 21 (below 13.5)');
    // A partner's link for a booking that is not a couple's, or a made-up one: not found.
    expect((await t.request(`/intake/${'A'.repeat(43)}`)).status).toBe(404);
    const solo = await book('individual-therapy', '2027-03-05', 'solo@example.com');
    expect((await t.request(`/intake/${t.deps.encryptor.capability(`intake-partner:${solo.id}`)}`)).status).toBe(404);
  });

  test('the safety policy: a “yes” leads with help and a quick exit, keeps the answers for the therapist, and never offers the partner’s link', async () => {
    const b = await book('couples-counselling', '2027-03-08', 'worried@example.com');
    // Everything else left out: a worry gets help, not a list of errors.
    const res = await t.form(`/manage/${b.token}/intake`, { safety: 'yes', reason: `reason-${MARKERS[2]}`, gpPhone: 'not a number' });
    expect(res.status).toBe(200);
    const html = decodeHtml(await res.text());
    expect(html).toContain('You do not have to deal with this alone');
    expect(html).toContain('0808 2000 247');
    expect(html).toContain('Leave this site quickly');
    expect(html).toContain('data-alone=""');
    expect(html).not.toContain('class="error-summary"');
    expect(html).not.toContain('error-message');
    expect(html).not.toMatch(/>[^<]*\btogether\b[^<]*</i);
    expect(html.indexOf('id="urgent-help"')).toBeGreaterThan(-1);
    expect(html.indexOf('id="urgent-help"')).toBeLessThan(html.indexOf('<h1'));
    expect(html).not.toContain('partner-link');
    expect(html).not.toContain('/intake/');
    const [row] = await rows(b.id);
    const kept = JSON.parse(t.deps.encryptor.decrypt(row!.answers_sealed!));
    expect(kept).toMatchObject({ safety: 'yes', reason: `reason-${MARKERS[2]}`, gpPhone: '', csi: null });
    // Coming back later: no partner's link, and no partner's row; the derived link opens nothing.
    const later = decodeHtml(await (await t.request(`/manage/${b.token}/intake`)).text());
    expect(later).not.toContain('partner-link');
    expect((await rows(b.id)).map((r) => r.role)).toEqual(['client']);
    expect((await t.request(`/intake/${t.deps.encryptor.capability(`intake-partner:${b.id}`)}`)).status).toBe(404);
    // A valid form with a "not sure" is a worry too; the therapist is told.
    const unsure = await book('couples-counselling', '2027-03-09', 'unsure@example.com');
    const second = await t.form(`/manage/${unsure.token}/intake`, { ...answers('unsure-1d3e'), ...CSI, safety: 'unsure' });
    expect(second.status).toBe(200);
    expect(await second.text()).not.toContain('partner-link');
    const staff = decodeHtml(await (await getAs(t, therapistCookie, `/staff/bookings/${b.id}`)).text());
    expect(staff).toContain('Answered yes to feeling afraid of, or harmed by, someone close.');
  });

  test('words that suggest risk (the safety question answered no): urgent help first, and no partner’s link', async () => {
    const b = await book('couples-counselling', '2027-03-16', 'words@example.com');
    const res = await t.form(`/manage/${b.token}/intake`, { ...answers('words-3c9d'), ...CSI, hopes: 'Some days I want to end my life' });
    expect(res.status).toBe(200);
    const html = decodeHtml(await res.text());
    expect(html.indexOf('id="urgent-help"')).toBeGreaterThan(-1);
    expect(html.indexOf('id="urgent-help"')).toBeLessThan(html.indexOf('<h1'));
    expect(html).toContain('Leave this site quickly');
    expect(html).not.toContain('partner-link');
    // Help for fear of someone is for that worry; this one is about the person themselves.
    expect(html).not.toContain('You do not have to deal with this alone');
    expect((await rows(b.id)).map((r) => r.role)).toEqual(['client']);
    expect(decodeHtml(await (await t.request(`/manage/${b.token}/intake`)).text())).not.toContain('partner-link');
  });

  test('never in plain text in the data folder, mail, logs or the calendar feed; only in the client’s own copy', async () => {
    await t.jobs.tick();
    // Mail really went out over SMTP (the confirmations with their intake link), so the check below reads something.
    const delivered = await inbox.waitFor(4);
    expect(delivered.some((m) => (m.text ?? '').includes('/intake'))).toBe(true);
    // The therapist's calendar feed.
    await t.form('/staff/calendar/revoke', {}, withCookie(therapistCookie));
    const page = await t.form('/staff/calendar/new', { replaces: '' }, withCookie(therapistCookie));
    const feedUrl = /id="feed-url">([^<]+)</.exec(await page.text())![1]!;
    const feed = await (await t.request(new URL(feedUrl).pathname)).text();
    expect(feed).toContain('BEGIN:VCALENDAR');
    const mail = [
      ...(await readOutbox(t)).map((m) => `${m.subject}\n${m.text}\n${m.attachments}`),
      ...inbox.messages.map((m) => `${m.subject}\n${m.text}\n${m.html}\n${m.attachments.map((a) => a.content.toString()).join('\n')}`),
    ].join('\n');
    const logs = JSON.stringify(t.logs);
    for (const marker of MARKERS) {
      expect(mail, marker).not.toContain(marker);
      expect(logs, marker).not.toContain(marker);
      expect(feed, marker).not.toContain(marker);
    }
    // The raw database.
    const raw = await storedText(t, dialect, ['intakes', 'bookings', 'outbox', 'audit_log', 'kept_forms']);
    expect(raw.length).toBeGreaterThan(1000);
    for (const marker of MARKERS) expect(raw, marker).not.toContain(marker);
    // The couple's copy of their data: the client's own answers, not their partner's.
    const copy = JSON.stringify(await collectClientData(t.deps, { email: 'couple@example.com' }, { actor: 'test', requestId: 'test' }));
    expect(copy).toContain(`reason-${MARKERS[0]}`);
    expect(copy).not.toContain(MARKERS[1]);
    // Someone else's copy holds none of it.
    const other = JSON.stringify(await collectClientData(t.deps, { email: 'alex@example.com' }, { actor: 'test', requestId: 'test' }));
    for (const marker of MARKERS.slice(0, 3)) expect(other).not.toContain(marker);
  });

  test('erasure and retention delete the answers with the booking', async () => {
    const erased = await book('individual-therapy', '2027-03-10', 'erase-me@example.com');
    await t.form(`/manage/${erased.token}/intake`, answers('erase-6b2d'));
    expect(await rows(erased.id)).toHaveLength(1);
    await eraseClient(t.deps, { email: 'erase-me@example.com' }, { actor: 'test', requestId: 'test' });
    expect(await rows(erased.id)).toEqual([]);
    // A cancelled booking goes after 90 days, its intake with it.
    const cancelled = await book('individual-therapy', '2027-03-11', 'cancel-me@example.com');
    await t.form(`/manage/${cancelled.token}/intake`, answers('cancel-4c1a'));
    expect((await t.form(`/manage/${cancelled.token}/cancel`, {})).status).toBe(303);
    const kept = await book('individual-therapy', '2027-03-12', 'keep-me@example.com');
    await t.form(`/manage/${kept.token}/intake`, answers('keep-8d2b'));
    const start = clock.t;
    try {
      clock.set('2027-06-15T08:00:00Z');
      await enforceRetention(t.deps);
      expect(await rows(cancelled.id)).toEqual([]);
      expect(await rows(kept.id)).toHaveLength(1);
      // Seven years after the client's last session: everything of theirs.
      clock.set('2035-01-01T08:00:00Z');
      await enforceRetention(t.deps);
      expect(await rows(kept.id)).toEqual([]);
    } finally {
      clock.t = start;
    }
  });

  test('a link that no longer works: what was typed is shown back, not lost', async () => {
    const b = await book('individual-therapy', '2027-03-15', 'late@example.com');
    expect((await t.form(`/manage/${b.token}/cancel`, {})).status).toBe(303);
    const closed = await t.form(`/manage/${b.token}/intake`, answers('typed-1f9c'));
    expect(closed.status).toBe(409);
    const html = decodeHtml(await closed.text());
    expect(html).toContain('reason-typed-1f9c');
    expect(await rows(b.id)).toEqual([]);
    const dead = await t.form(`/manage/${'B'.repeat(43)}/intake`, answers('typed-dead-2a7e'));
    expect(dead.status).toBe(404);
    expect(decodeHtml(await dead.text())).toContain('reason-typed-dead-2a7e');
  });
});
