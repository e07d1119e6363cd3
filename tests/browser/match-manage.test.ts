// Issue 11 in Chromium, JavaScript on and off, at 390 px and 1366 px: match results that respect the times
// of day asked for, with fit labels and "Talk to us"; "Not the right fit?" from the results and from a
// booking's manage page; the manage page (confirmed and cancelled) and the waiting-list pages. Every page
// passes axe and fits the width. After each click that loads a page, the test waits for the next page.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { bookingBody, demoIds } from '../support/booking.ts';
import { axeViolations, fitsWidth, JS_MODES, newContext, newInspectionContext, useBrowserAndApp } from '../support/browser.ts';

const matchNames = (page: Page) => page.locator('li.card.match h2 a').allTextContents();
const WIDTHS = [390, 1366] as const;

/** A couple who can come in the evenings, talking past each other, either format: to the results. */
async function coupleEvenings(page: Page, url: string) {
  await page.goto(`${url}/match`);
  await page.getByLabel('My partner and me').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 2 of 7').waitFor();
  await page.getByLabel('We talk past each other, or have stopped talking').check();
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 3 of 7').waitFor();
  await page.getByLabel('Either is fine').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 4 of 7').waitFor();
  await page.getByLabel('Evenings (after 6pm)').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 5 of 7').waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 6 of 7').waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 7 of 7').waitFor();
  await page.getByRole('button', { name: 'Show my matches' }).click();
  await page.getByRole('heading', { level: 1, name: 'Therapists who may suit you' }).waitFor();
}

describe('match results, rematch, manage and waiting list in Chromium', () => {
  const running = useBrowserAndApp();
  let confirmed = '';
  let cancelled = '';
  let couples = '';
  let daniel = '';

  beforeAll(async () => {
    const { live } = running;
    const ids = await demoIds(live.app);
    couples = ids.service('couples-counselling');
    daniel = ids.therapist('daniel-mensah');
    const book = async (therapist: string, service: string, start: string, email: string) => {
      const res = await live.app.json(
        '/api/v1/bookings',
        bookingBody(ids.therapist(therapist), ids.service(service), start, { client: { name: 'Alex', email } }),
      );
      expect(res.status).toBe(201);
      return ((await res.json()) as { manageUrl: string }).manageUrl.replace(/^https?:\/\/[^/]+/, live.url);
    };
    confirmed = await book('daniel-mensah', 'couples-counselling', '2027-03-04T18:00:00+00:00', 'browser1@example.com');
    cancelled = await book('priya-shah', 'initial-consultation', '2027-03-04T10:00:00+00:00', 'browser2@example.com');
    expect((await live.app.json(`/api/v1/manage/${cancelled.split('/manage/')[1]}/cancel`, {})).status).toBe(200);
  });

  describe.each(JS_MODES)('$name', ({ javaScriptEnabled }) => {
    test('an evenings couple: times from 18:00 only, fit labels, talk to us, "Book with"; not the right fit leaves them out', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await coupleEvenings(page, running.live.url);
      for (const text of await page.locator('li.card.match .free-times a').allTextContents())
        expect(Number(/at (\d\d):/.exec(text)?.[1]), text).toBeGreaterThanOrEqual(18);
      expect(await page.locator('li.card.match .fit').first().textContent()).toMatch(/^(Strong|Good|Partial) fit$/);
      expect(await page.getByText(/\d+ points/).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Talk to us before choosing' }).count()).toBe(1);
      const button = page.locator('li.card.match a.button').first();
      expect(await button.evaluate((el) => el.firstChild?.textContent)).toMatch(/^Book with [A-Z][a-z]+$/);
      const shown = await matchNames(page);
      expect(shown).toHaveLength(3);
      await page.getByLabel('Their free times').check();
      await page.getByRole('button', { name: 'Match me again' }).click();
      await page.getByRole('heading', { name: 'A second match' }).waitFor();
      const second = await matchNames(page);
      expect(second.length).toBeGreaterThan(0);
      for (const name of shown) expect(second).not.toContain(name);
      expect(new URL(page.url()).search).toBe('');
      // The answers came along: still a couple in the evenings.
      expect(await page.getByText('Only times in evenings are shown, as you asked.').count()).toBe(1);
      await context.close();
    });

    test('the manage page: the truth about a booked joint session, then not the right fit leads to a second match without the therapist', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto(confirmed);
      await page.getByRole('heading', { level: 1, name: 'Your appointment' }).waitFor();
      expect(await page.getByText('£120 for this session').count()).toBe(1);
      expect(await page.getByText(/until Wednesday 3 March 2027 at 18:00 \(GMT\): 24 hours before it starts/).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Coming with a partner?' }).count()).toBe(1);
      expect(await page.getByText(/joining link comes/).count()).toBe(0);
      await page.getByRole('link', { name: 'Find someone other than Daniel Mensah' }).click();
      await page.getByRole('heading', { level: 1, name: 'Not the right fit?' }).waitFor();
      await page.getByLabel('Their fee').check();
      await page.getByRole('button', { name: 'Find someone else' }).click();
      await page.getByText('Step 2 of 7').waitFor();
      await page.getByLabel('Trust has worn thin').check();
      await page.getByLabel('No', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'A second match' }).waitFor();
      expect(await page.getByText('We have left out Daniel Mensah').count()).toBe(1);
      expect(await matchNames(page)).not.toContain('Daniel Mensah');
      expect(new URL(page.url()).pathname).toBe('/match');
      await page.goto(cancelled);
      await page.getByRole('heading', { level: 1, name: 'Cancelled appointment' }).waitFor();
      for (const gone of ['Change the time', 'Add to my calendar']) expect(await page.getByRole('link', { name: gone }).count()).toBe(0);
      expect(await page.getByText('Where').count()).toBe(0);
      await context.close();
    });

    test('the waiting list: an error keeps the way back and says what is waited for; joining says what happens next', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/book?service=${couples}&therapist=${daniel}&date=2027-12-01`);
      const form = page.locator('form[action="/book/waitlist"]');
      await form.getByLabel('Your e-mail address').fill(`wl-${javaScriptEnabled}@example.com`);
      await form.getByRole('button').click();
      await page.getByRole('heading', { level: 1, name: 'Join the waiting list' }).waitFor();
      expect(await page.getByRole('link', { name: 'Enter your name' }).count()).toBe(1);
      expect(await page.getByText('with Daniel Mensah, Wed 1 – Tue 28 December.').count()).toBe(1);
      const back = new URL((await page.getByRole('link', { name: 'Back to choosing a time' }).getAttribute('href'))!, running.live.url);
      expect(back.searchParams.get('date')).toBe('2027-12-01');
      expect(back.searchParams.get('therapist')).toBe(daniel);
      await page.getByLabel('Your name').fill('Wren');
      await page.getByRole('button', { name: 'Tell me when a time is free' }).click();
      await page.getByRole('heading', { level: 1, name: 'You are on the waiting list' }).waitFor();
      expect(await page.getByText('You stay on the list until Tue 28 December').count()).toBe(1);
      await context.close();
    });
  });

  describe.each(JS_MODES)('axe and width, $name', ({ javaScriptEnabled }) => {
    test.each(WIDTHS)(
      'every page at %i px',
      async (width) => {
        const context = await newInspectionContext(running.browser, javaScriptEnabled, width, 900);
        const page = await context.newPage();
        const check = async (what: string) => {
          expect(await axeViolations(page), what).toEqual([]);
          expect(await fitsWidth(page), what).toBe(true);
        };
        await page.goto(confirmed);
        await check('manage, confirmed');
        await page.goto(cancelled);
        await check('manage, cancelled');
        await page.goto(`${confirmed}/rematch`);
        await check('manage, not the right fit');
        await coupleEvenings(page, running.live.url);
        await check('match results');
        // Nobody left out: the error beside the field.
        for (const box of await page.locator('input[name="exclude"]').all()) await box.uncheck();
        await page.getByRole('button', { name: 'Match me again' }).click();
        await page.locator('#f-rm-error-summary').waitFor();
        await check('match results, nobody left out');
        await page.locator('input[name="exclude"]').first().check();
        await page.getByRole('button', { name: 'Match me again' }).click();
        await page.getByRole('heading', { name: 'A second match' }).waitFor();
        await check('second match');
        await page.goto(`${running.live.url}/book?service=${couples}&therapist=${daniel}&date=2027-12-01`);
        await page.locator('form[action="/book/waitlist"]').getByRole('button').click();
        await page.getByRole('heading', { level: 1, name: 'Join the waiting list' }).waitFor();
        await check('waiting list with errors');
        await page.getByLabel('Your name').fill('Wren');
        await page.getByLabel('Your e-mail address').fill(`axe-${width}-${javaScriptEnabled}@example.com`);
        await page.getByRole('button', { name: 'Tell me when a time is free' }).click();
        await page.getByRole('heading', { level: 1, name: 'You are on the waiting list' }).waitFor();
        await check('waiting list joined');
        await context.close();
      },
      300_000,
    );
  });
});
