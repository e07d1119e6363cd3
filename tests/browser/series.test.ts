// Ongoing sessions in Chromium, without the page's scripts: a therapist opens a client's first booking, books
// weekly sessions (checks the dates, then books), and the client's series e-mail carries a calendar file that
// ical.js and node-ical both read as ONE recurring event at 10:00 London time across the clock change. axe
// passes on each page.
import { beforeAll, describe, expect, test } from 'vitest';
import { bookingBody, demoIds } from '../support/booking.ts';
import { axeViolations, newInspectionContext, signInStaffPage, useBrowserAndApp } from '../support/browser.ts';
import { readOutbox } from '../support/outbox.ts';
import { expandWithIcalJs, expandWithNodeIcal } from '../support/recurring-ics.ts';
import { makeStaff, type StaffAccount } from '../support/staff.ts';

describe('ongoing sessions in Chromium', () => {
  const running = useBrowserAndApp();
  let account: StaffAccount;
  let bookingId: string;

  beforeAll(async () => {
    const t = running.live.app;
    const ids = await demoIds(t);
    const amara = ids.therapist('amara-okafor');
    account = await makeStaff(t, { email: 'amara@staff.example', therapistId: amara });
    const res = await t.json('/api/v1/bookings', bookingBody(amara, ids.service('couples-counselling'), '2027-03-23T10:00:00Z'));
    bookingId = ((await res.json()) as { booking: { id: string } }).booking.id;
  });

  test('a therapist books a weekly series from a booking; the series invite is one recurring event', async () => {
    const context = await newInspectionContext(running.browser, false);
    const page = await context.newPage();
    await signInStaffPage(page, running.live, account, /\/staff\/week$/);
    await page.goto(`${running.live.url}/staff/bookings/${bookingId}`);
    await page.getByRole('link', { name: 'Book ongoing sessions' }).click();
    await page.waitForURL(/\/series$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Every week').check();
    await page.getByLabel('A number of sessions').check();
    await page.getByLabel('Number of sessions', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Check the dates' }).click();
    await page.getByRole('heading', { name: 'Check the dates' }).waitFor();
    expect(await page.textContent('main')).toContain('Every week is free');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Book these sessions' }).click();
    await page.waitForURL(/\/staff\/series\/[0-9a-f-]{36}\?done=booked$/);
    expect(await page.textContent('main')).toContain('The sessions are booked');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();

    const mail = (await readOutbox(running.live.app, { kind: 'series-booked', to: 'alex@example.com' })).at(-1)!;
    const ics = (JSON.parse(mail.attachments) as { content: string }[])[0]!.content;
    // 30 March is the first Tuesday after the clock change: 10:00 BST is 09:00 UTC.
    const expected = ['2027-03-30T09:00:00.000Z', '2027-04-06T09:00:00.000Z', '2027-04-13T09:00:00.000Z', '2027-04-20T09:00:00.000Z'];
    for (const read of [expandWithIcalJs, expandWithNodeIcal]) {
      const event = read(ics, Date.parse('2027-03-01T00:00:00Z'), Date.parse('2028-03-01T00:00:00Z'));
      expect(event.rrule).toContain('FREQ=WEEKLY');
      expect(event.starts.map((s) => new Date(s).toISOString())).toEqual(expected);
    }
  });
});
