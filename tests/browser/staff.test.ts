// The staff side in Chromium, with JavaScript on and off: a therapist signs in (the code worked out from
// their enrolled secret), changes their hours with plain forms, and the public slots change; axe passes on
// every staff page.
import { randomUUID } from 'node:crypto';
import jsQRModule from 'jsqr';
import type { BrowserContext, Cookie, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { staffUserRepository } from '../../src/db/repositories/staff-users.ts';
import { totpCode } from '../../src/security/totp.ts';
import { enqueueMail } from '../../src/usecases/outbox.ts';
import { bookingBody, demoIds } from '../support/booking.ts';
import { axeViolations, fitsWidth, JS_MODES, newContext, newInspectionContext, signInStaffPage, useBrowserAndApp } from '../support/browser.ts';
import { enrolAdmin, makeStaff, type StaffAccount } from '../support/staff.ts';

// jsqr is CommonJS whose types declare a default export: the function is that default.
const jsQR = jsQRModule.default;

type Therapist = { id: string; slug: string; services: string[] };

/** A calendar date at least `minDays` after `now` that falls on a Sunday (no demo therapist works Sundays). */
function sundayAhead(now: number, minDays: number): string {
  const d = new Date(now + minDays * 86_400_000);
  while (d.getUTCDay() !== 0) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('the staff side in Chromium', () => {
  const running = useBrowserAndApp();
  let therapists: Therapist[];
  let couples: string;
  const accounts: Record<string, StaffAccount> = {};
  let bookingId: string;
  let contactId: string;
  let resetToken: string;
  let inviteToken: string;

  beforeAll(async () => {
    const t = running.live.app;
    therapists = ((await (await t.request('/api/v1/therapists')).json()) as { therapists: Therapist[] }).therapists;
    couples = (await demoIds(t)).service('couples-counselling');
    const id = (slug: string) => therapists.find((x) => x.slug === slug)!.id;
    // One account per journey, so no two sign-ins share a one-time code; the inspection passes share theirs
    // (see signedIn below).
    accounts['journey-on'] = await makeStaff(t, { email: 'amara@staff.example', therapistId: id('amara-okafor') });
    accounts['journey-off'] = await makeStaff(t, { email: 'priya@staff.example', therapistId: id('priya-shah') });
    accounts.inspect = await makeStaff(t, { email: 'helen@staff.example', therapistId: id('helen-carter') });
    accounts.admin = await enrolAdmin(t);
    accounts['feed-on'] = await makeStaff(t, { email: 'feed-on@staff.example', therapistId: id('lucia-fernandez') });
    accounts['feed-off'] = await makeStaff(t, { email: 'feed-off@staff.example', therapistId: id('tomasz-nowak') });
    accounts.unenrolled = await makeStaff(t, { email: 'new@staff.example', therapistId: id('yusuf-rahman'), enrolled: false });
    // Each pass finishes a set-up, so each has its own account still without a second factor.
    accounts['unenrolled-off'] = await makeStaff(t, { email: 'new2@staff.example', therapistId: id('tomasz-nowak'), enrolled: false });

    // Something on every page: a booking for Helen, a message in the inbox, a profile change to approve.
    const helen = id('helen-carter');
    const now = t.deps.clock.now();
    const from = new Date(now + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(now + 12 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = (await (await t.request(`/api/v1/therapists/${helen}/slots?service=${couples}&from=${from}&to=${to}&tz=Europe%2FLondon`)).json()) as {
      slots: { start: string }[];
    };
    bookingId = ((await (await t.json('/api/v1/bookings', bookingBody(helen, couples, slots[0]!.start))).json()) as { booking: { id: string } }).booking.id;
    await t.form('/contact/message', { name: 'Casey Contact', email: 'casey@example.com', message: 'Could we talk on Saturdays?', consent: 'yes' });
    contactId = (await t.deps.database.db.selectFrom('contact_requests').select('id').executeTakeFirstOrThrow()).id;
    await t.deps.database.db
      .insertInto('profile_changes')
      .values({
        id: randomUUID(),
        therapist_id: helen,
        submitted_by: `user:${accounts.inspect.id}`,
        changes: JSON.stringify({
          bio: 'A new bio that is long enough.',
          approach: 'Warm and direct.',
          concerns: ['trust-issues'],
          languages: ['en'],
          formats: ['online'],
          feeMinor: 9000,
        }),
        status: 'pending',
        created_at: now,
        decided_at: null,
        decided_by: null,
      })
      .execute();
    const users = staffUserRepository(t.deps.database.db);
    resetToken = await users.issueToken(accounts['journey-off'].id, 'reset', now, 30 * 60_000);
    inviteToken = await users.issueToken(accounts.unenrolled.id, 'invite', now, 86_400_000);
  });

  /**
   * The inspection passes (JavaScript on, then off) look at the same pages as the same people: the first
   * signs in, the second takes over its session (a one-time code works once). So a page that no script
   * changed is the very same DOM in both passes, and axeViolations judges it once; any page that differs
   * (a script changed it, or the data moved on) is judged again.
   */
  const sessions: Record<string, Cookie[]> = {};
  async function signedIn(context: BrowserContext, page: Page, key: string, landing: RegExp) {
    const kept = sessions[key];
    if (kept) {
      await context.addCookies(kept);
      await page.goto(`${running.live.url}/staff`);
      await page.waitForURL(landing);
      return;
    }
    await signInStaffPage(page, running.live, accounts[key]!, landing);
    sessions[key] = await context.cookies();
  }

  describe.each(JS_MODES)('$name', ({ name, javaScriptEnabled }) => {
    const mode = javaScriptEnabled ? 'on' : 'off';

    test('a therapist signs in with password and code, changes their hours, and the public slots change', async () => {
      const account = accounts[`journey-${mode}`]!;
      const therapistId = account.therapistId!;
      const sunday = sundayAhead(running.live.clock.now(), 8);
      const publicSlots = async () =>
        (
          (await (
            await running.live.app.request(`/api/v1/therapists/${therapistId}/slots?service=${couples}&from=${sunday}&to=${sunday}&tz=Europe%2FLondon`)
          ).json()) as { slots: { start: string }[] }
        ).slots.map((s) => s.start.slice(11, 16));
      expect(await publicSlots()).toEqual([]);
      // What a visitor's browser offers on the public booking page for that Sunday.
      const visitor = await newContext(running.browser, javaScriptEnabled);
      const offeredToVisitor = async () => {
        const vp = await visitor.newPage();
        await vp.goto(`${running.live.url}/book?service=${couples}&therapist=${therapistId}&tz=Europe%2FLondon&date=${sunday}`);
        await vp.getByRole('heading', { level: 1, name: 'Choose a time' }).waitFor();
        const values = await vp.locator('[name="start"]').evaluateAll((els) => els.map((e) => (e as HTMLButtonElement).value));
        await vp.close();
        return values.filter((v) => v.startsWith(sunday)).map((v) => v.slice(11, 16));
      };
      expect(await offeredToVisitor()).toEqual([]);

      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await signInStaffPage(page, running.live, account, /\/staff\/week$/);
      await page.getByRole('heading', { level: 1, name: 'Your week' }).waitFor();
      await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Hours' }).click();
      await page.waitForURL(/\/staff\/hours$/);

      await page.getByLabel('Sunday, range 1: From').fill('10:00');
      await page.getByLabel('Sunday, range 1: To').fill('12:00');
      await page.getByRole('button', { name: 'Add another range on Sunday' }).click();
      await page.getByLabel('Sunday, range 2: From').waitFor();
      // The first range survived the round trip.
      expect(await page.getByLabel('Sunday, range 1: From').inputValue()).toBe('10:00');
      await page.getByLabel('Sunday, range 2: From').fill('14:00');
      await page.getByLabel('Sunday, range 2: To').fill('15:00');
      await page.getByRole('button', { name: 'Save weekly hours' }).first().click();
      await page.waitForURL(/\/staff\/hours\?done=weekly-saved$/);
      await page.getByText('Your weekly hours are saved.').waitFor();

      expect(await publicSlots()).toEqual(['10:00', '11:00', '14:00']);
      expect(await offeredToVisitor()).toEqual(['10:00', '11:00', '14:00']);
      await visitor.close();
      // The preview on the same page shows them too.
      expect(await page.locator('dl.preview').textContent()).toMatch(/Sunday/);

      // Sign out: the staff pages are closed again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/staff\/login\?done=signed-out$/);
      await page.goto(`${running.live.url}/staff/hours`);
      await page.waitForURL(/\/staff\/login$/);
      await context.close();
    }, 60_000);

    test('a calendar feed: created, shown once with a webcal link and (with JavaScript) a copy button; replacing asks first', async () => {
      // Without JavaScript: the page's scripts refused, so the DOM is a no-JavaScript browser's and axe can still run.
      const context = javaScriptEnabled ? await newContext(running.browser, true, 1366, 900) : await newInspectionContext(running.browser, false, 1366, 900);
      if (javaScriptEnabled) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running.live.url });
      const page = await context.newPage();
      await signInStaffPage(page, running.live, accounts[`feed-${mode}`]!, /\/staff\/week$/);
      await page.goto(`${running.live.url}/staff/calendar`);
      await page.getByRole('button', { name: 'Create a feed address' }).click();
      await page.getByRole('heading', { name: 'Your new feed address' }).waitFor();
      const url = (await page.locator('#feed-url').textContent())!.trim();
      expect(await page.getByRole('link', { name: 'Open in my calendar app' }).getAttribute('href')).toBe(url.replace(/^http:/, 'webcal:'));
      const copy = page.getByRole('button', { name: 'Copy the address' });
      if (javaScriptEnabled) {
        await copy.click();
        await page.getByText('Copied.').waitFor();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
      } else {
        expect(await copy.count()).toBe(0); // hidden: nothing to press that would not work
      }
      expect(await axeViolations(page)).toEqual([]);
      // (A refresh of that page sends the form again and replaces nothing: staff-therapist.test.ts.)
      await page.goto(`${running.live.url}/staff/calendar`);
      await page.getByRole('button', { name: 'Replace the address' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary').textContent()).toContain('Tick the box to replace the address');
      expect((await running.live.app.request(new URL(url).pathname)).status).toBe(200);
      await context.close();
    }, 120_000);

    test(`axe passes on every staff page, and each fits a 390 px screen (${name})`, async () => {
      const failures: string[] = [];
      const check = async (page: Page, label: string) => {
        const v = await axeViolations(page);
        if (v.length) failures.push(`${label}: ${v.join('; ')}`);
        if (!(await fitsWidth(page))) failures.push(`${label}: wider than a 390 px screen`);
      };

      // Signed out: sign-in, reset, links, and a refused sign-in.
      const open = await newInspectionContext(running.browser, javaScriptEnabled);
      const p = await open.newPage();
      for (const path of [
        '/staff/login',
        '/staff/password-reset',
        `/staff/password-reset/${resetToken}`,
        `/staff/invitation/${inviteToken}`,
        '/staff/password-reset/expired-link-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      ]) {
        await p.goto(`${running.live.url}${path}`);
        await check(p, path);
      }
      await p.goto(`${running.live.url}/staff/login`);
      await p.getByLabel('E-mail address').fill('nobody@staff.example');
      await p.getByLabel('Password').fill('not the password');
      await p.getByRole('button', { name: 'Continue' }).click();
      await p.getByText('The e-mail address or password is not right').first().waitFor();
      await check(p, 'login with an error');
      // Password only: the code step; without a second factor, its set-up.
      await p.goto(`${running.live.url}/staff/login`);
      await p.getByLabel('E-mail address').fill(accounts['journey-on']!.email);
      await p.getByLabel('Password').fill(accounts['journey-on']!.password);
      await p.getByRole('button', { name: 'Continue' }).click();
      await p.waitForURL(/\/staff\/login\/code$/);
      await check(p, '/staff/login/code');
      await p.getByLabel('6-digit code').fill('000000');
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByText('That code is not right').first().waitFor();
      await check(p, 'code with an error');
      await open.close();

      const fresh = await newInspectionContext(running.browser, javaScriptEnabled);
      const f = await fresh.newPage();
      await f.goto(`${running.live.url}/staff/login`);
      const newcomer = accounts[mode === 'on' ? 'unenrolled' : 'unenrolled-off']!;
      await f.getByLabel('E-mail address').fill(newcomer.email);
      await f.getByLabel('Password').fill(newcomer.password);
      await f.getByRole('button', { name: 'Continue' }).click();
      await f.waitForURL(/\/staff\/two-factor$/);
      await check(f, '/staff/two-factor');
      // The QR code, photographed and decoded as a phone camera would, carries the key shown beside it.
      const shot = PNG.sync.read(await f.locator('.qr').screenshot());
      const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
      expect(decoded?.data).toMatch(/^otpauth:\/\/totp\//);
      const key = (await f.locator('#totp-secret').textContent())!.replace(/\s/g, '');
      expect(new URL(decoded!.data).searchParams.get('secret')).toBe(key);
      expect(decoded!.data).toBe(await f.getByRole('link', { name: 'open the key in your authenticator app' }).getAttribute('href'));
      // Finishing the set-up shows the recovery codes once, and goes on from there.
      await f.getByLabel('6-digit code').fill(totpCode(key, running.live.app.deps.clock.now()));
      await f.getByRole('button', { name: 'Finish setting up' }).click();
      await f.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
      await check(f, 'recovery codes');
      expect(await f.locator('.recovery-codes code').count()).toBe(10);
      await f.getByRole('link', { name: 'I have saved them: continue' }).click();
      await f.waitForURL(/\/staff\/(week|admin)/);
      await fresh.close();

      // A therapist's pages.
      const therapist = await newInspectionContext(running.browser, javaScriptEnabled);
      const tp = await therapist.newPage();
      await signedIn(therapist, tp, 'inspect', /\/staff\/week$/);
      for (const path of [
        '/staff/week',
        '/staff/hours',
        '/staff/profile',
        '/staff/calendar',
        '/staff/account',
        '/staff/admin',
        `/staff/bookings/${bookingId}`,
      ]) {
        await tp.goto(`${running.live.url}${path}`);
        await check(tp, path);
      }
      await tp.goto(`${running.live.url}/staff/hours`);
      await tp.getByLabel('Monday, range 1: From').fill('12:00');
      await tp.getByLabel('Monday, range 1: To').fill('09:00');
      await tp.getByRole('button', { name: 'Save weekly hours' }).first().click();
      await tp.getByText('the end must be after the start').first().waitFor();
      await check(tp, 'hours with an error');
      await tp.goto(`${running.live.url}/staff/calendar`);
      const create = tp.getByRole('button', { name: 'Create a feed address' });
      if ((await create.count()) > 0) {
        await create.click();
        await tp.locator('#feed-url').waitFor();
        await check(tp, 'calendar with a new address');
      } else {
        // The first pass made the address: replacing it asks for the box to be ticked first.
        await tp.getByRole('button', { name: 'Replace the address' }).click();
        await tp.getByText('There is a problem').first().waitFor();
        await check(tp, 'calendar: replacing without ticking the box');
        await tp.getByLabel('I understand: the current address stops working').check();
        await tp.getByRole('button', { name: 'Replace the address' }).click();
        await tp.locator('#feed-url').waitFor();
        await check(tp, 'calendar with a new address');
      }
      await therapist.close();

      // An admin's pages.
      const admin = await newInspectionContext(running.browser, javaScriptEnabled);
      const ap = await admin.newPage();
      await signedIn(admin, ap, 'admin', /\/staff\/admin$/);
      const helen = therapists.find((x) => x.slug === 'helen-carter')!.id;
      // A message given up on, so that the undelivered-mail table is drawn.
      const { app } = running.live;
      const lost = await enqueueMail(
        app.deps.database.db,
        { kind: 'booking-confirmation', to: `lost-${mode}@example.test`, subject: 'Appointment', text: 'x' },
        running.live.clock.now(),
        app.deps.encryptor,
      );
      await app.deps.database.db
        .updateTable('outbox')
        .set({ status: 'failed', attempts: 8, last_error: 'Mailbox unavailable' })
        .where('id', '=', lost)
        .execute();
      for (const path of [
        '/staff/admin',
        '/staff/admin/therapists',
        `/staff/admin/therapists/${helen}`,
        '/staff/admin/services',
        `/staff/admin/services/${couples}`,
        '/staff/admin/settings',
        '/staff/admin/profile-changes',
        '/staff/admin/inbox',
        `/staff/admin/inbox/${contactId}`,
        '/staff/admin/waitlist',
        '/staff/admin/mail',
        '/staff/admin/audit',
        '/staff/admin/clients',
        `/staff/bookings/${bookingId}`,
        '/staff/account',
        '/staff/week',
        '/staff/no-such-page',
      ]) {
        await ap.goto(`${running.live.url}${path}`);
        await check(ap, path);
      }
      await ap.goto(`${running.live.url}/staff/admin/clients`);
      await ap.getByRole('button', { name: 'Erase this client' }).click();
      await ap.getByText('Enter the client’s e-mail address').first().waitFor();
      await check(ap, 'clients with an error');
      await admin.close();

      expect(failures).toEqual([]);
    }, 400_000);
  });
});
