// Safe actions and readable records in Chromium at desktop width, JavaScript on and off: cancelling a
// session asks first (nothing changes on "No, go back"), and the audit log reads in words and filters with
// a plain GET form. axe passes on the confirmation and the log. Screenshots go to SHOTS_DIR when it is set.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { bookingBody, demoIds } from '../support/booking.ts';
import { axeViolations, JS_MODES, newContext, newInspectionContext, signInStaffPage, useBrowserAndApp } from '../support/browser.ts';
import { enrolAdmin, makeStaff, type StaffAccount } from '../support/staff.ts';

const SHOTS = process.env.SHOTS_DIR;

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('safe actions and the audit log in Chromium (desktop)', () => {
  const running = useBrowserAndApp();
  const accounts: Record<string, StaffAccount> = {};
  const bookings: Record<string, { id: string; reference: string }> = {};

  beforeAll(async () => {
    const t = running.live.app;
    const demo = await demoIds(t);
    const couples = demo.service('couples-counselling');
    const id = demo.therapist;
    accounts.on = await makeStaff(t, { email: 'amara@staff.example', therapistId: id('amara-okafor') });
    accounts.off = await makeStaff(t, { email: 'priya@staff.example', therapistId: id('priya-shah') });
    accounts['admin-on'] = await enrolAdmin(t);
    accounts['admin-off'] = await makeStaff(t, { email: 'admin2@staff.example', role: 'admin' });
    const now = t.deps.clock.now();
    const from = new Date(now + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(now + 12 * 86_400_000).toISOString().slice(0, 10);
    for (const [mode, slug] of [
      ['on', 'amara-okafor'],
      ['off', 'priya-shah'],
    ] as const) {
      const { slots } = (await (
        await t.request(`/api/v1/therapists/${id(slug)}/slots?service=${couples}&from=${from}&to=${to}&tz=Europe%2FLondon`)
      ).json()) as { slots: { start: string }[] };
      bookings[mode] = (
        (await (await t.json('/api/v1/bookings', bookingBody(id(slug), couples, slots[0]!.start))).json()) as {
          booking: { id: string; reference: string };
        }
      ).booking;
    }
  });

  const status = async (bookingId: string) =>
    (await running.live.app.deps.database.db.selectFrom('bookings').select('status').where('id', '=', bookingId).executeTakeFirstOrThrow()).status;

  describe.each(JS_MODES)('$name', ({ name, javaScriptEnabled }) => {
    const mode = javaScriptEnabled ? 'on' : 'off';
    // Without JavaScript: the page's scripts are refused, so the DOM is a no-JavaScript browser's and axe can run.
    const context = () => (javaScriptEnabled ? newContext(running.browser, true, 1366, 900) : newInspectionContext(running.browser, false, 1366, 900));

    test(`cancelling a session shows what will happen and asks first; going back changes nothing (${name})`, async () => {
      const b = bookings[mode]!;
      const ctx = await context();
      const page = await ctx.newPage();
      await signInStaffPage(page, running.live, accounts[mode]!, /\/staff\/week$/);
      await page.goto(`${running.live.url}/staff/bookings/${b.id}`);
      await page.getByLabel('Message to the client (optional)').fill('I am unwell this week; please book another time.');
      await page.getByRole('button', { name: 'Cancel the session…' }).click();
      await page.getByRole('heading', { level: 1, name: `Cancel ${b.reference} and e-mail the client?` }).waitFor();
      expect(await page.getByText('Nothing has changed yet').count()).toBe(1);
      expect(await page.locator('.client-notes').textContent()).toContain('I am unwell this week');
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `confirm-cancel-js-${mode}`);
      expect(await status(b.id)).toBe('confirmed');
      await page.getByRole('link', { name: 'No, go back' }).click();
      await page.getByRole('heading', { level: 1, name: `Booking ${b.reference}` }).waitFor();
      expect(await status(b.id)).toBe('confirmed');
      await page.getByRole('button', { name: 'Cancel the session…' }).click();
      await page.getByRole('button', { name: 'Yes, cancel and e-mail the client' }).click();
      await page.getByText('The session is cancelled.').waitFor();
      expect(await status(b.id)).toBe('cancelled');
      await ctx.close();
    }, 90_000);

    test(`the audit log reads in words and filters with a GET form (${name})`, async () => {
      const ctx = await context();
      const page = await ctx.newPage();
      await signInStaffPage(page, running.live, accounts[`admin-${mode}`]!, /\/staff\/admin$/);
      await page.goto(`${running.live.url}/staff/admin/audit`);
      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      await page.getByLabel('What').selectOption({ label: 'Cancelled a session' });
      await page.getByRole('button', { name: 'Show entries' }).click();
      await page.waitForURL(/\/staff\/admin\/audit\?.*action=booking\.cancel/);
      const table = page.locator('#audit-caption').locator('xpath=..');
      await table.waitFor();
      const text = (await table.textContent()) ?? '';
      expect(text).toContain('Cancelled a session');
      expect(text).toContain(`Booking ${bookings.on!.reference}`);
      expect(text).not.toContain('booking.cancel');
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${running.live.url}/staff/admin/audit`);
      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `audit-log-js-${mode}`);
      await ctx.close();
    }, 90_000);
  });
});
