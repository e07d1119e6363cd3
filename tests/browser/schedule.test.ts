// The schedule in Chromium, with JavaScript on and off (off: the page's scripts refused, so the DOM is a
// no-JavaScript browser's and axe and measurements still run): the admin's practice week and day at desktop
// width, the hours editor (add a range and come back to the day, copy a day to others, time off as one
// range), and the therapist's week as a list of days on a 390 px phone and as a grid on a desktop.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { bookingBody, demoIds } from '../support/booking.ts';
import { axeViolations, fitsWidth, JS_MODES, newInspectionContext, signInStaffPage, useBrowserAndApp } from '../support/browser.ts';
import { enrolAdmin, makeStaff, type StaffAccount, staffSession, withCookie } from '../support/staff.ts';

type Therapist = { id: string; slug: string; services: string[] };

/** A box's top and height on the page. */
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe('the schedule in Chromium', () => {
  const running = useBrowserAndApp();
  const accounts: Record<string, StaffAccount> = {};
  let therapists: Therapist[];
  let reference: string;
  let amara: string;
  const id = (slug: string) => therapists.find((x) => x.slug === slug)!.id;

  beforeAll(async () => {
    const t = running.live.app;
    therapists = ((await (await t.request('/api/v1/therapists')).json()) as { therapists: Therapist[] }).therapists;
    const couples = (await demoIds(t)).service('couples-counselling');
    amara = id('amara-okafor');
    accounts['admin-on'] = await enrolAdmin(t);
    accounts['admin-off'] = await makeStaff(t, { email: 'admin2@staff.example', role: 'admin' });
    accounts['hours-on'] = await makeStaff(t, { email: 'priya@staff.example', therapistId: id('priya-shah') });
    accounts['hours-off'] = await makeStaff(t, { email: 'lucia@staff.example', therapistId: id('lucia-fernandez') });
    accounts['week-on'] = await makeStaff(t, { email: 'amara@staff.example', therapistId: amara });
    accounts['week-off'] = await makeStaff(t, { email: 'amara2@staff.example', therapistId: amara });
    // Amara's week: a session on Tuesday at 10:00 (50 minutes), different hours on Wednesday, Thursday off.
    const setup = await staffSession(t, accounts['week-on']);
    await t.form('/staff/hours/dates', { date: '2027-03-03', 'start-date-ranges': '12:00', 'end-date-ranges': '16:00', save: '1' }, withCookie(setup));
    await t.form('/staff/hours/time-off', { from: '2027-03-04', to: '' }, withCookie(setup));
    const made = await t.json('/api/v1/bookings', bookingBody(amara, couples, '2027-03-02T10:00:00Z'));
    expect(made.status).toBe(201);
    reference = ((await made.json()) as { booking: { reference: string } }).booking.reference;
  });

  describe.each(JS_MODES)('$name', ({ name, javaScriptEnabled }) => {
    const mode = javaScriptEnabled ? 'on' : 'off';

    test(`the admin’s practice week and day, filtered by therapist, at desktop width (${name})`, async () => {
      const context = await newInspectionContext(running.browser, javaScriptEnabled, 1366, 900);
      const page = await context.newPage();
      await signInStaffPage(page, running.live, accounts[`admin-${mode}`]!, /\/staff\/admin$/);
      await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Schedule' }).click();
      await page.getByRole('heading', { level: 1, name: 'Practice schedule' }).waitFor();
      const table = page.getByRole('table', { name: /Every therapist’s hours and sessions/ });
      await table.waitFor();
      const row = table.getByRole('row', { name: /Amara Okafor/ });
      expect(await row.textContent()).toContain(reference);
      expect(await row.textContent()).toContain('Day off');
      expect(await row.textContent()).toContain('Changed hours: 12:00 to 16:00');
      expect(await page.locator('main').textContent()).not.toContain('Alex Example');
      expect(await axeViolations(page)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);

      // One therapist: their week as a grid, the session drawn over its 50 minutes.
      await page.getByRole('combobox', { name: 'Therapist' }).selectOption({ label: 'Amara Okafor' });
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(new RegExp(`therapist=${amara}`));
      await page.getByText('Monday 1 March to Sunday 7 March 2027, Amara Okafor').waitFor();
      const session = await box(page, 'section[aria-labelledby="col-2027-03-02"] .tg__session');
      const hour = await box(page, 'section[aria-labelledby="col-2027-03-02"] .tg__hour');
      expect(Math.abs(session.height - (hour.height * 50) / 60)).toBeLessThan(4);
      expect(await page.locator('section[aria-labelledby="col-2027-03-02"] .tg__session a').textContent()).toBe(`10:00–10:50 ${reference}`);
      expect(await page.locator('section[aria-labelledby="col-2027-03-04"]').getAttribute('class')).toContain('tg__col--off');
      expect(await axeViolations(page)).toEqual([]);

      // The practice's day: a column for each therapist.
      await page.getByRole('combobox', { name: 'Therapist' }).selectOption({ label: 'Every therapist' });
      await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'A day' });
      await page.getByLabel('Week of').fill('2027-03-02');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByRole('heading', { level: 2, name: 'Helen Carter' }).waitFor();
      expect(await page.locator(`section[aria-labelledby="col-${amara}"] .tg__session`).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);
      await context.close();
    }, 120_000);

    test(`the hours editor: add a range and stay at the day, copy a day to others, time off as one range (${name})`, async () => {
      const account = accounts[`hours-${mode}`]!;
      const context = await newInspectionContext(running.browser, javaScriptEnabled, 1366, 900);
      const page = await context.newPage();
      await signInStaffPage(page, running.live, account, /\/staff\/week$/);
      await page.goto(`${running.live.url}/staff/hours`);
      await page.getByLabel('Sunday, range 1: From').fill('10:00');
      await page.getByLabel('Sunday, range 1: To').fill('12:00');
      await page.getByRole('button', { name: 'Add another range on Sunday' }).click();
      await page.waitForURL(/#day-7$/);
      await page.getByLabel('Sunday, range 2: From').waitFor();
      // Back where it was: Sunday's hours on screen, not the top of the page.
      const sunday = await page.evaluate(() => ({ y: window.scrollY, top: document.getElementById('day-7')!.getBoundingClientRect().top }));
      expect(sunday.y).toBeGreaterThan(500);
      expect(sunday.top).toBeGreaterThanOrEqual(-1);
      expect(sunday.top).toBeLessThan(200);
      expect(await page.getByLabel('Sunday, range 1: From').inputValue()).toBe('10:00');
      await page.getByLabel('Sunday, range 2: From').fill('14:00');
      await page.getByLabel('Sunday, range 2: To').fill('15:00');

      // Copy Sunday to Saturday: back at the copy, filled in, not saved yet.
      await page.getByLabel('Copy the hours of').selectOption({ label: 'Sunday' });
      await page.locator('#copy-hours').getByRole('checkbox', { name: 'Saturday' }).check();
      await page.getByRole('button', { name: 'Copy the hours' }).click();
      await page.waitForURL(/#copy-hours$/);
      await page.getByText('Sunday’s hours are copied to Saturday.').waitFor();
      expect(await page.getByLabel('Saturday, range 2: From').inputValue()).toBe('14:00');
      const copy = await page.evaluate(() => document.getElementById('copy-hours')!.getBoundingClientRect().top);
      expect(copy).toBeLessThan(900);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save weekly hours' }).last().click();
      await page.waitForURL(/\/staff\/hours\?done=weekly-saved$/);
      const service = therapists.find((x) => x.id === account.therapistId)!.services[0]!;
      const saturday = (await (
        await running.live.app.request(`/api/v1/therapists/${account.therapistId}/slots?service=${service}&from=2027-03-13&to=2027-03-13&tz=Europe%2FLondon`)
      ).json()) as { slots: { start: string }[] };
      expect(saturday.slots.map((s) => s.start.slice(11, 16))).toContain('10:00');

      // Time off: two weeks, one entry, removed as one.
      await page.getByLabel('First day off').fill('2027-04-05');
      await page.getByLabel('Last day off').fill('2027-04-18');
      await page.getByRole('button', { name: 'Save the time off' }).click();
      await page.waitForURL(/#time-off$/);
      const entry = page.locator('#time-off li');
      expect(await entry.count()).toBe(1);
      expect(await entry.textContent()).toContain('Monday 5 April 2027 to Sunday 18 April 2027 (14 days)');
      expect(await axeViolations(page)).toEqual([]);
      await entry.getByRole('button', { name: /Remove/ }).click();
      await page.getByText('That time off is removed').waitFor();
      expect(await page.locator('#time-off li').count()).toBe(0);
      // A last day before the first: said beside the field.
      await page.getByLabel('First day off').fill('2027-04-05');
      await page.getByLabel('Last day off').fill('2027-04-01');
      await page.getByRole('button', { name: 'Save the time off' }).click();
      await page.getByText('Enter a last day off on or after the first').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }, 120_000);

    test(`the therapist’s week: a list of days on a 390 px phone, a grid on a desktop (${name})`, async () => {
      const context = await newInspectionContext(running.browser, javaScriptEnabled, 390, 844);
      const page = await context.newPage();
      await signInStaffPage(page, running.live, accounts[`week-${mode}`]!, /\/staff\/week$/);
      await page.getByRole('heading', { level: 1, name: 'Your week' }).waitFor();
      expect(await fitsWidth(page)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      // Days one under another, each the width of the screen, in order.
      const days = await page.locator('.tg__col').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width })));
      expect(days.length).toBe(7);
      for (let i = 1; i < days.length; i++) {
        expect(days[i]!.y).toBeGreaterThan(days[i - 1]!.y);
        expect(Math.abs(days[i]!.x - days[0]!.x)).toBeLessThan(1);
      }
      expect(days[0]!.w).toBeGreaterThan(330);
      const tuesday = page.getByRole('region', { name: 'Tuesday 2 March' });
      expect(await tuesday.textContent()).toContain('10:00–10:50 Alex Example');
      expect(await tuesday.textContent()).toContain('Couples counselling');
      // The whole session reads: nothing cut off.
      expect(await tuesday.locator('.tg__session').evaluate((e) => e.scrollHeight <= e.clientHeight + 1)).toBe(true);
      expect(await page.getByRole('region', { name: 'Thursday 4 March' }).textContent()).toContain('Day off');
      expect(await page.getByRole('region', { name: 'Wednesday 3 March' }).textContent()).toContain('Changed hours: 12:00 to 16:00');
      expect(await page.getByRole('region', { name: /^Today, Monday 1 March/ }).textContent()).toContain('Now, 08:00');

      // On a desktop: the session is as long as it lasts; now is a line across today.
      await page.setViewportSize({ width: 1366, height: 900 });
      const session = await box(page, 'section[aria-labelledby="col-2027-03-02"] .tg__session');
      const hour = await box(page, 'section[aria-labelledby="col-2027-03-02"] .tg__hour');
      expect(Math.abs(session.height - (hour.height * 50) / 60)).toBeLessThan(4);
      const now = await box(page, '.tg__col--today .tg__now');
      expect(now.width).toBeGreaterThan(100);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }, 120_000);
  });
});
