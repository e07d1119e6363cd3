// The admin's side over HTTP: inviting therapists, deactivating, moving bookings, services, settings, the
// inbox, the waiting list, the audit log, and clients' data requests (export, erasure).
import { beforeAll, describe, expect, test } from 'vitest';
import { contactRepository } from '../../src/db/repositories/contact.ts';
import { COMPANION_CONSENT_VERSION } from '../../src/domain/companion.ts';
import { totpCode } from '../../src/security/totp.ts';
import { issueSignInToken, signInWithLink } from '../../src/usecases/companion/sign-in.ts';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { linkIn, readOutbox } from '../support/outbox.ts';
import {
  formState,
  getAs,
  makeStaff,
  nextStep,
  postAs,
  postBody,
  postPassword,
  type StaffAccount,
  signIn,
  signInAdmin,
  staffCookie,
} from '../support/staff.ts';

type Created = { booking: { id: string; reference: string }; manageUrl: string };
type Therapists = { therapists: { id: string; slug: string; name: string }[] };

describe.each(DIALECTS)('the admin’s side on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: StaffAccount;
  let cookie: string;
  const audit = (action: string) => t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  const listed = async () => ((await (await t.request('/api/v1/therapists')).json()) as Therapists).therapists;

  const t = useTestApp(dialect, { clock });
  beforeAll(async () => {
    ids = await demoIds(t);
    ({ account: admin, cookie } = await signInAdmin(t, clock));
  });

  describe('therapists', () => {
    test('invite by e-mail: a single-use link, a password, then a second factor; the account is linked to the therapist', async () => {
      const priya = ids.therapist('priya-shah');
      const res = await postAs(t, cookie, '/staff/admin/therapists/invite', { therapistId: priya, email: 'Priya@Staff.Example', name: '' });
      expect(res.status).toBe(303);
      const mail = (await readOutbox(t, 'staff-invitation')).at(-1)!;
      expect(mail.to_address).toBe('priya@staff.example');
      const link = /http:\/\/127\.0\.0\.1:3000(\/staff\/invitation\/[A-Za-z0-9_-]{43})/.exec(mail.body_text)![1]!;
      expect((await t.request(link)).status).toBe(200);
      expect((await t.form(link, { password: 'short', confirm: 'short' })).status).toBe(422);
      const accepted = await t.form(link, { password: 'a long and lovely passphrase', confirm: 'a long and lovely passphrase' });
      expect(accepted.status).toBe(303);
      expect(accepted.headers.get('location')).toBe('/staff/two-factor');
      const pending = staffCookie(accepted)!;
      const setup = await (await getAs(t, pending, '/staff/two-factor')).text();
      const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(setup)![1]!.replace(/ /g, '');
      nextStep(clock);
      const done = await postAs(t, pending, '/staff/two-factor', { code: totpCode(secret, clock.now()) });
      const full = staffCookie(done)!;
      expect((await getAs(t, full, '/staff')).headers.get('location')).toBe('/staff/week');
      expect((await getAs(t, full, '/staff/profile')).status).toBe(200);
      expect(await (await getAs(t, full, '/staff/profile')).text()).toContain('Priya Shah');
      // Used up; and one account per address and per therapist.
      expect((await t.request(link)).status).toBe(404);
      const again = await postAs(t, cookie, '/staff/admin/therapists/invite', {
        therapistId: ids.therapist('sam-rivers'),
        email: 'priya@staff.example',
        name: '',
      });
      expect(again.status).toBe(422);
      expect(await again.text()).toContain('already has a staff account');
      expect((await audit('admin.therapist.invite')).length).toBe(1);
    });

    test('a new therapist stays out of the directory until listed; their gender is asked, never assumed', async () => {
      const form = await (
        await postAs(t, cookie, '/staff/admin/therapists/invite', { therapistId: 'new', email: 'noor@staff.example', name: 'Noor Example' })
      ).text();
      expect(form).toContain('Choose how the new therapist describes their gender');
      expect(form).not.toMatch(/name="gender"[^>]*checked/);
      expect(await (await getAs(t, cookie, '/staff/admin/therapists')).text()).not.toMatch(/name="gender"[^>]*checked/);
      const res = await postAs(t, cookie, '/staff/admin/therapists/invite', {
        therapistId: 'new',
        email: 'noor@staff.example',
        name: 'Noor Example',
        gender: 'woman',
      });
      expect(res.status).toBe(303);
      const row = await t.deps.database.db
        .selectFrom('therapists')
        .select(['id', 'active', 'slug'])
        .where('name', '=', 'Noor Example')
        .executeTakeFirstOrThrow();
      expect(row.active).toBe(0);
      expect((await listed()).map((x) => x.id)).not.toContain(row.id);
      // They start with no services and an empty profile, so listing is refused with the checklist
      // (tests/http/staff-profile.test.ts completes a profile and lists it).
      expect(await t.deps.database.db.selectFrom('therapist_services').select('service_id').where('therapist_id', '=', row.id).execute()).toEqual([]);
      const refused = await postAs(t, cookie, `/staff/admin/therapists/${row.id}/activate`, { confirm: 'yes' });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain('Choose at least one paid service to offer');
      expect((await listed()).map((x) => x.id)).not.toContain(row.id);
    });

    test('deactivating: out of the directory, every session ended, no sign-in; upcoming bookings can be moved to someone free', async () => {
      const lucia = ids.therapist('lucia-fernandez');
      const account = await makeStaff(t, { email: 'lucia@staff.example', therapistId: lucia });
      const herCookie = await signIn(t, clock, account);
      const individual = ids.service('individual-therapy');
      // Find a time Lucía has, and book it.
      const { slots } = (await (
        await t.request(`/api/v1/therapists/${lucia}/slots?service=${individual}&from=2027-03-03&to=2027-03-05&tz=Europe%2FLondon`)
      ).json()) as { slots: { start: string }[] };
      const created = (await (await t.json('/api/v1/bookings', bookingBody(lucia, individual, slots[0]!.start))).json()) as Created;

      const asked = await (await getAs(t, cookie, `/staff/admin/therapists/${lucia}/deactivate`)).text();
      expect(asked).toMatch(/Their (1 upcoming session stays|\d+ upcoming sessions stay) booked/);
      expect(asked).toContain('nothing is cancelled and no client is e-mailed');
      // Without the confirmation, the same question again; nothing changes.
      expect((await postAs(t, cookie, `/staff/admin/therapists/${lucia}/deactivate`)).status).toBe(200);
      expect((await listed()).map((x) => x.id)).toContain(lucia);
      const off = await postAs(t, cookie, `/staff/admin/therapists/${lucia}/deactivate`, { confirm: 'yes' });
      expect(off.headers.get('location')).toContain('done=deactivated');
      expect((await listed()).map((x) => x.id)).not.toContain(lucia);
      expect((await getAs(t, herCookie, '/staff/week')).status).toBe(303);
      expect((await postPassword(t, account.email, account.password)).status).toBe(401);

      const page = await (await getAs(t, cookie, `/staff/admin/therapists/${lucia}`)).text();
      expect(page).toContain(created.booking.reference);
      expect(page).toContain(`/staff/admin/bookings/${created.booking.id}/move`);
      // The move form preselects nobody, and asks why and what to tell the client.
      const form = await (await getAs(t, cookie, `/staff/admin/bookings/${created.booking.id}/move`)).text();
      const options = [...form.matchAll(/<option value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
      expect(options.length).toBeGreaterThan(0);
      expect(options).not.toContain(lucia);
      expect(form).not.toMatch(/<option[^>]*selected/);
      const to = options[0]!;
      const move = { to, reason: 'therapist-leaving', message: 'Lucia has left the practice; Amara will see you at the same time.', confirmed: 'yes' };
      const missing = await postAs(t, cookie, `/staff/admin/bookings/${created.booking.id}/reassign`, { to });
      expect(missing.status).toBe(422);
      const missingPage = await missing.text();
      expect(missingPage).toContain('Choose why the session moves');
      expect(missingPage).toContain('Write a short message to the client');
      // The first complete POST shows who is e-mailed and changes nothing.
      const { confirmed: _, ...unconfirmed } = move;
      const check = await postAs(t, cookie, `/staff/admin/bookings/${created.booking.id}/reassign`, unconfirmed);
      expect(check.status).toBe(200);
      const checkPage = await check.text();
      expect(checkPage).toContain('Nothing has changed yet');
      expect(checkPage).toContain('Lucia has left the practice');
      expect(checkPage).toContain('name="confirmed" value="yes"');
      expect(
        (await t.deps.database.db.selectFrom('bookings').select('therapist_id').where('id', '=', created.booking.id).executeTakeFirstOrThrow()).therapist_id,
      ).toBe(lucia);
      expect((await readOutbox(t, 'booking-reassigned')).length).toBe(0);
      const moved = await postAs(t, cookie, `/staff/admin/bookings/${created.booking.id}/reassign`, move);
      expect(moved.headers.get('location')).toBe(`/staff/bookings/${created.booking.id}?done=moved`);
      const row = await t.deps.database.db
        .selectFrom('bookings')
        .select(['therapist_id', 'status'])
        .where('id', '=', created.booking.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ therapist_id: to, status: 'confirmed' });
      const mail = (await readOutbox(t, 'booking-reassigned')).at(-1)!;
      expect(mail.to_address).toBe('alex@example.com');
      expect(mail.subject).not.toMatch(/couples|counselling/i);
      expect(mail.body_text).toContain('Lucia has left the practice');
      // The same move again (to someone who now has it): refused.
      expect((await postAs(t, cookie, `/staff/admin/bookings/${created.booking.id}/reassign`, move)).status).toBe(409);
      const moveRow = (await audit('booking.reassign'))[0]!;
      expect(JSON.parse(moveRow.detail!)).toMatchObject({ after: { therapist: expect.any(String) }, reason: 'therapist-leaving' });
      expect((await audit('booking.reassign')).length).toBe(1);
    });

    test('resetting a lost second factor ends the sessions; the next sign-in sets one up again', async () => {
      const tomasz = ids.therapist('tomasz-nowak');
      const account = await makeStaff(t, { email: 'tomasz@staff.example', therapistId: tomasz });
      const his = await signIn(t, clock, account);
      expect((await postAs(t, cookie, `/staff/admin/therapists/${tomasz}/reset-second-factor`)).status).toBe(303);
      expect((await getAs(t, his, '/staff/week')).status).toBe(303);
      expect((await postPassword(t, account.email, account.password)).headers.get('location')).toBe('/staff/two-factor');
    });
  });

  test('services: duration, price, buffers, notice, window and interval; the public slots follow at once', async () => {
    const couples = ids.service('couples-counselling');
    const amara = ids.therapist('amara-okafor');
    const page = await (await getAs(t, cookie, `/staff/admin/services/${couples}`)).text();
    const fields = formState(page, `/staff/admin/services/${couples}`);
    fields.set('durationMinutes', '80');
    fields.set('slotIntervalMinutes', '90');
    fields.set('price', '120');
    const bad = new URLSearchParams(fields);
    bad.set('durationMinutes', 'long');
    expect((await postBody(t, cookie, `/staff/admin/services/${couples}`, bad)).status).toBe(422);
    const saved = await postBody(t, cookie, `/staff/admin/services/${couples}`, fields);
    expect(saved.status).toBe(303);
    // The message says what the new price reaches: those who charge the service's price, not those with a fee of their own.
    const said = await (await getAs(t, cookie, saved.headers.get('location')!)).text();
    expect(said).toContain('Couples counselling now costs £120 (it was £95)');
    // Every demo therapist offering couples counselling has a fee of their own for it (staff-profile.test.ts has one who does not).
    expect(said).toContain('No listed therapist charges the service’s own price, so no fee a client sees has changed.');
    expect(said).toMatch(/\d+ listed therapists set their own fee for it; theirs has not changed/);
    const { slots } = (await (
      await t.request(`/api/v1/therapists/${amara}/slots?service=${couples}&from=2027-03-03&to=2027-03-03&tz=Europe%2FLondon`)
    ).json()) as { slots: { start: string; end: string }[] };
    expect(slots[0]).toEqual({ start: '2027-03-03T09:00:00+00:00', end: '2027-03-03T10:20:00+00:00' });
    expect(slots[1]!.start).toBe('2027-03-03T10:30:00+00:00');
    const { services } = (await (await t.request('/api/v1/services')).json()) as { services: { id: string; priceMinor: number }[] };
    expect(services.find((s) => s.id === couples)!.priceMinor).toBe(12000);
    expect((await audit('admin.service.update')).length).toBe(1);
  });

  test('practice settings, with urgent-help lines added by a plain submit button', async () => {
    const page = await (await getAs(t, cookie, '/staff/admin/settings')).text();
    const fields = formState(page, '/staff/admin/settings');
    fields.set('name', 'Closer North');
    fields.set('add', '1');
    const more = await postBody(t, cookie, '/staff/admin/settings', fields);
    expect(more.status).toBe(200);
    const again = await more.text();
    expect(again.match(/name="help-name"/g)?.length).toBe((page.match(/name="help-name"/g)?.length ?? 0) + 1);
    const next = formState(again, '/staff/admin/settings');
    next.set('save', '1');
    const names = next.getAll('help-name');
    const numbers = next.getAll('help-number');
    const details = next.getAll('help-detail');
    const kinds = next.getAll('help-kind');
    names[names.length - 1] = 'Local crisis line';
    numbers[numbers.length - 1] = '0800 123 456';
    for (const [k, list] of [
      ['help-name', names],
      ['help-number', numbers],
      ['help-detail', details],
      ['help-kind', kinds],
    ] as const) {
      next.delete(k);
      for (const v of list) next.append(k, v);
    }
    next.set('lateCancellationHours', '48');
    const saved = await postBody(t, cookie, '/staff/admin/settings', next);
    expect(saved.status).toBe(303);
    const home = await (await t.request('/')).text();
    expect(home).toContain('Closer North');
    expect(home).toContain('Local crisis line');
    const practice = await t.deps.repos.practice.get();
    expect(practice.lateCancellationHours).toBe(48);
    const none = formState(await (await getAs(t, cookie, '/staff/admin/settings')).text(), '/staff/admin/settings');
    none.delete('help-name');
    none.delete('help-number');
    none.delete('help-detail');
    none.set('save', '1');
    expect((await postBody(t, cookie, '/staff/admin/settings', none)).status).toBe(422);
  });

  test('the inbox: each message read is audited; marking handled', async () => {
    const sent = await t.form('/contact/message', {
      name: 'Casey Contact',
      email: 'casey@example.com',
      message: 'Could we talk about couples sessions on Saturdays?',
      consent: 'yes',
    });
    expect(sent.status).toBe(303);
    const list = await (await getAs(t, cookie, '/staff/admin/inbox')).text();
    const id = /\/staff\/admin\/inbox\/([0-9a-f-]{36})/.exec(list)![1]!;
    expect(list).toContain('Casey Contact');
    const item = await getAs(t, cookie, `/staff/admin/inbox/${id}`);
    expect(await item.text()).toContain('Could we talk about couples sessions on Saturdays?');
    expect((await audit('contact.read')).at(-1)).toMatchObject({ actor: `user:${admin.id}`, target: `contact:${id}` });
    expect((await postAs(t, cookie, `/staff/admin/inbox/${id}/handled`)).status).toBe(303);
    expect(await (await getAs(t, cookie, '/staff/admin/inbox')).text()).not.toContain(id);
    expect(await (await getAs(t, cookie, '/staff/admin/inbox?show=handled')).text()).toContain(id);
  });

  test('the waiting list', async () => {
    const res = await t.json('/api/v1/waitlist', {
      serviceId: ids.service('individual-therapy'),
      name: 'Willa Waits',
      email: 'willa@example.com',
      timeZone: 'Europe/London',
      fromDate: '2027-04-01',
      toDate: '2027-04-30',
    });
    expect(res.status).toBeLessThan(300);
    const page = await (await getAs(t, cookie, '/staff/admin/waitlist')).text();
    expect(page).toContain('Willa Waits');
    expect(page).toContain('2027-04-01 to 2027-04-30');
    expect((await audit('waitlist.list')).length).toBeGreaterThan(0);
  });

  test('the audit log: names, words, before and after; filtered by actor, action and date, a page at a time', async () => {
    const all = await (await getAs(t, cookie, '/staff/admin/audit')).text();
    expect(all).toContain('Signed in');
    expect(all).not.toContain('>staff.sign-in<');
    expect(all).toContain('<td>Practice admin</td>');
    expect(all).not.toContain(`>user:${admin.id}<`);
    // Bookings by reference, never the client's name or what they wrote.
    expect(all).toMatch(/>Booking CL-[A-Z0-9]{4}-[A-Z0-9]{4}</);
    expect(all).not.toContain('Alex Example');
    expect(all).not.toContain('alex@example.com');
    // A changed fee and a changed setting show what they were and what they became.
    const byAction = await (await getAs(t, cookie, '/staff/admin/audit?action=admin.service.update')).text();
    expect(byAction).toContain('Entries 1 to 1');
    expect(byAction).toContain('Changed a service');
    expect(byAction).toContain('Couples counselling');
    expect(byAction).toMatch(/Price: <del>£\d+<\/del> → <ins>£120<\/ins>/);
    expect(byAction).toMatch(/Length \(minutes\): <del>\d+<\/del> → <ins>80<\/ins>/);
    const settings = await (await getAs(t, cookie, '/staff/admin/audit?action=admin.settings.update')).text();
    expect(settings).toMatch(/Name: <del>[^<]+<\/del> → <ins>Closer North<\/ins>/);
    const byActor = await (await getAs(t, cookie, `/staff/admin/audit?actor=${encodeURIComponent(`user:${admin.id}`)}&action=contact.read`)).text();
    expect(byActor).toContain('Entries 1 to 1');
    expect(byActor).toContain('Read a message');
    expect(await (await getAs(t, cookie, '/staff/admin/audit?from=2027-03-02')).text()).toContain('No entries match these filters.');
    expect(await (await getAs(t, cookie, '/staff/admin/audit?from=2027-03-01&to=2027-03-01')).text()).not.toContain('No entries match');
    expect((await getAs(t, cookie, '/staff/admin/audit?from=yesterday')).status).toBe(422);
    expect((await getAs(t, cookie, '/staff/admin/audit?from=2027-03-02&to=2027-03-01')).status).toBe(422);
    // Pages of 50, keeping the filters.
    for (let i = 0; i < 60; i++) await getAs(t, cookie, '/staff/admin/waitlist');
    const first = await (await getAs(t, cookie, '/staff/admin/audit?action=waitlist.list')).text();
    expect(first).toContain('Entries 1 to 50');
    expect(first).toContain('href="/staff/admin/audit?action=waitlist.list&amp;page=2"');
    expect(first).not.toContain('Newer entries');
    const second = await (await getAs(t, cookie, '/staff/admin/audit?action=waitlist.list&page=2')).text();
    expect(second).toMatch(/Entries 51 to 6\d/);
    expect(second).toContain('Newer entries');
    expect(second).not.toContain('Older entries');
  });

  describe('clients’ data requests', () => {
    const email = 'dana@example.com';
    /** The number Dana gave when asking to be called back, as the admin types it: UK 0 form, other spacing. */
    const phone = '07700 900111';
    let booking: Created;
    let later: Created;
    /** Opens the newest copy link mailed to the address and downloads with its button; the link then no longer works. */
    const downloadFromMail = async (to: string) => {
      const mail = (await readOutbox(t, { kind: 'data-export-link', to })).at(-1)!;
      expect(mail.subject).toMatch(/^Your data from /);
      const path = linkIn(mail.text, '/your-data');
      const page = await t.request(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Download my data');
      const res = await t.form(path, {});
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/attachment/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect((await t.form(path, {})).status).toBe(404);
      return res;
    };
    const callback = (name: string, number: string, note: string) =>
      t.form('/contact/callback', { name, phone: number, times: 'weekday-evening', voicemail: 'no', note, consent: 'yes', website: '' });

    test('export: the admin never sees the copy; it is mailed to the client as a single-use link, holds everything about them, and is audited under a pseudonym', async () => {
      const amara = ids.therapist('amara-okafor');
      const couples = ids.service('couples-counselling');
      booking = (await (
        await t.json(
          '/api/v1/bookings',
          bookingBody(amara, couples, '2027-03-04T09:00:00Z', { client: { name: 'Dana Data', email, phone: '07700 900 111' }, notes: 'Private worries' }),
        )
      ).json()) as Created;
      later = (await (
        await t.json('/api/v1/bookings', bookingBody(amara, couples, '2027-03-08T09:00:00Z', { client: { name: 'Dana Data', email: 'DANA@example.com' } }))
      ).json()) as Created;
      await t.json('/api/v1/waitlist', {
        serviceId: couples,
        name: 'Dana Data',
        email,
        timeZone: 'Europe/London',
        fromDate: '2027-05-01',
        toDate: '2027-05-02',
      });
      await t.form('/contact/message', { name: 'Dana Data', email, message: 'A question from Dana', consent: 'yes' });
      // A call-back request has a name and a phone number, no e-mail address; another caller's must not be caught.
      expect((await callback('Dana', '+44 (0)7700 900 111', 'Evenings are best for Dana')).status).toBe(303);
      expect((await callback('Morgan Other', '07700 900 999', 'Morgan would like a call')).status).toBe(303);
      // Dana also keeps a companion account (signed in with consent).
      const token = await issueSignInToken(t.deps, { email, next: null, now: t.deps.clock.now() });
      expect(await signInWithLink(t.deps, { token, consent: true, requestId: null })).toMatchObject({ ok: true });
      type Export = {
        phone: string | null;
        companion: unknown;
        bookings: { reference: string; notes: string | null; phone: string | null }[];
        waitlist: unknown[];
        contactRequests: { kind: string; message: string; phone: string | null; email: string | null }[];
      };
      // The admin asks on Dana's behalf: the page says a link went to Dana, and shows none of Dana's data.
      // First the admin sees what matched and what will be sent, and confirms: nothing goes before that.
      const exportsBefore = (await readOutbox(t)).filter((m) => m.to_address === email).length;
      const check = await postAs(t, cookie, '/staff/admin/clients/export', { email, phone });
      expect(check.status).toBe(200);
      const checkPage = await check.text();
      expect(checkPage).toContain('Nothing has changed yet');
      expect(checkPage).toContain('2 bookings');
      expect((await readOutbox(t)).filter((m) => m.to_address === email).length).toBe(exportsBefore);
      const asked = await postAs(t, cookie, '/staff/admin/clients/export', { email, phone, confirmed: 'yes' });
      expect(asked.status).toBe(200);
      const page = await asked.text();
      expect(page).toContain(`We have e-mailed a download link to ${email}`);
      expect(asked.headers.get('content-type')).toMatch(/text\/html/);
      for (const secret of ['Private worries', 'Evenings are best for Dana', 'A question from Dana']) expect(page).not.toContain(secret);
      expect((await postAs(t, cookie, '/staff/admin/clients/export', { email, phone: '12' })).status).toBe(422);
      // Only whoever reads Dana's mail can download the copy, once.
      const data = (await (await downloadFromMail(email)).json()) as Export;
      expect(data.phone).toBe('+447700900111');
      expect(data.bookings.map((b) => b.reference).sort()).toEqual([booking.booking.reference, later.booking.reference].sort());
      // The booking's notes are in the client's own copy (their right of access), and only there.
      expect(data.bookings.find((b) => b.reference === booking.booking.reference)).toMatchObject({ notes: 'Private worries', phone: '07700 900 111' });
      expect(data.waitlist).toHaveLength(1);
      // Both were sent in the same millisecond of the test clock: their order is not the point.
      expect(data.contactRequests.map((m) => m.message).sort()).toEqual(['A question from Dana', 'Evenings are best for Dana']);
      expect(data.contactRequests.find((m) => m.kind === 'callback')).toMatchObject({
        kind: 'callback',
        email: null,
        phone: '+44 (0)7700 900 111',
        message: 'Evenings are best for Dana',
      });
      expect(JSON.stringify(data)).not.toContain('Morgan');
      expect(data.companion).toMatchObject({ account: { email, consent: { version: COMPANION_CONSENT_VERSION } } });
      // Without a phone number, the call-back request (which has no address) is not in the copy.
      await postAs(t, cookie, '/staff/admin/clients/export', { email, confirmed: 'yes' });
      const byEmail = (await (await downloadFromMail(email)).json()) as Export;
      expect(byEmail.contactRequests.map((m) => m.message)).toEqual(['A question from Dana']);
      expect(byEmail.phone).toBeNull();
      // The same number written the other ways finds the same request.
      for (const written of ['+447700900111', '0044 7700 900 111', '(07700) 900-111']) {
        await postAs(t, cookie, '/staff/admin/clients/export', { email, phone: written, confirmed: 'yes' });
        const again = (await (await downloadFromMail(email)).json()) as Export;
        expect(
          again.contactRequests.map((m) => m.message),
          written,
        ).toContain('Evenings are best for Dana');
      }
      expect((await audit('client.export.sent')).at(-1)!.actor).toMatch(/^user:/);
      const row = (await audit('client.export')).at(-1)!;
      expect(row.target).toMatch(/^client:/);
      expect(row.target).not.toContain('dana');
    });

    test('find: what is held about a client, in counts, before anything is sent or erased; an unknown address is told plainly and erases nothing', async () => {
      const res = await postAs(t, cookie, '/staff/admin/clients/find', { email, phone });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`Under ${email} or ${phone} we hold:`);
      for (const line of ['2 bookings (2 still to come)', '1 waiting-list entry', '2 messages or call-back requests', 'a companion account'])
        expect(html).toContain(line);
      for (const secret of ['Private worries', 'Evenings are best for Dana', 'A question from Dana']) expect(html).not.toContain(secret);
      // The copy and erasure forms are filled in for the client found.
      expect(html.match(new RegExp(`value="${email}"`, 'g'))!.length).toBeGreaterThanOrEqual(3);
      const nobody = await (await postAs(t, cookie, '/staff/admin/clients/find', { email: 'nobody@example.com' })).text();
      expect(nobody).toContain('We hold nothing under nobody@example.com');
      const erasures = (await audit('client.erase')).length;
      const refused = await postAs(t, cookie, '/staff/admin/clients/erase', { email: 'nobody@example.com', confirmed: 'yes' });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain('We hold nothing under that address');
      expect((await audit('client.erase')).length).toBe(erasures);
      expect((await postAs(t, cookie, '/staff/admin/clients/find', { email: 'not an address' })).status).toBe(422);
    });

    test('erase: bookings stay as pseudonymous rows, upcoming ones are cancelled, the rest goes; audit rows stay', async () => {
      const auditBefore = await t.deps.database.db.selectFrom('audit_log').select('id').execute();
      // The first POST shows what matched and asks to confirm: nothing is erased yet.
      const asked = await postAs(t, cookie, '/staff/admin/clients/erase', { email, phone });
      expect(asked.status).toBe(200);
      const confirm = await asked.text();
      expect(confirm).toContain('Nothing has changed yet');
      expect(confirm).toContain('2 bookings');
      expect(confirm).toContain('name="confirmed" value="yes"');
      expect((await audit('client.erase')).length).toBe(0);
      const res = await postAs(t, cookie, '/staff/admin/clients/erase', { email, phone, confirmed: 'yes' });
      expect(res.status).toBe(200);
      const report = await res.text();
      expect(report).toMatch(/Erased\. 2 bookings kept/);
      expect(report).toMatch(/2 contact messages/);
      expect(report).toContain('their companion account erased');
      expect(
        await t.deps.database.db.selectFrom('companion_clients').select('id').where('email_index', '=', t.deps.encryptor.blindIndex(email)).execute(),
      ).toHaveLength(0);
      const rows = await t.deps.database.db.selectFrom('bookings').selectAll().where('id', 'in', [booking.booking.id, later.booking.id]).execute();
      expect(rows).toHaveLength(2);
      for (const r of rows) {
        expect(t.deps.encryptor.decrypt(r.client_name)).toBe('Erased client');
        expect(t.deps.encryptor.decrypt(r.client_email)).toBe('');
        expect(r.client_phone).toBeNull();
        expect(r.notes).toBeNull();
        expect(r.status).toBe('cancelled');
        expect(r.cancelled_by).toBe('erasure');
      }
      expect((await t.request(new URL(booking.manageUrl).pathname)).status).toBe(404);
      // The other caller's request is untouched.
      const left = await contactRepository(t.deps.database.db, t.deps.encryptor).list({ limit: 1000 });
      expect(left.some((m) => m.body === 'Evenings are best for Dana' || m.name === 'Dana' || m.name === 'Dana Data')).toBe(false);
      expect(left.filter((m) => m.name === 'Morgan Other')).toMatchObject([{ kind: 'callback', phone: '07700 900 999', body: 'Morgan would like a call' }]);
      const outbox = await readOutbox(t);
      expect(outbox.some((m) => m.to_address.toLowerCase() === email)).toBe(false);
      // After the erasure nothing is held: Find says so, and neither a copy nor an erasure is offered as done.
      const found = await (await postAs(t, cookie, '/staff/admin/clients/find', { email, phone })).text();
      expect(found).toContain(`We hold nothing under ${email} or ${phone}`);
      const noCopy = await postAs(t, cookie, '/staff/admin/clients/export', { email, phone, confirmed: 'yes' });
      expect(noCopy.status).toBe(422);
      expect(await noCopy.text()).toContain('We hold nothing under that address');
      const auditAfter = await t.deps.database.db.selectFrom('audit_log').select('id').execute();
      expect(auditAfter.length).toBeGreaterThan(auditBefore.length);
      expect((await t.deps.database.db.selectFrom('audit_log').selectAll().where('target', '=', booking.booking.id).execute()).length).toBeGreaterThan(0);
      expect((await audit('client.erase')).at(-1)!.target).toBe((await audit('client.export.sent')).at(-1)!.target);
    });
  });
});
