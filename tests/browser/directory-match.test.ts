// The directory filters and Find your match in Chromium, with JavaScript off and on: the journeys, Back,
// the couple's safety path, axe on every step, and a 390 px screen.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations, fitsWidth, JS_MODES, newContext, newContextWith, newInspectionContext, useBrowserAndApp } from '../support/browser.ts';

/** The filter button: “Show therapists”, or with JavaScript “Show 4 therapists” for the filters as they stand. */
const SHOW_THERAPISTS = /^Show (\d+ )?therapists?$/;

const resultHeading = (page: Page) => page.locator('#results-title').textContent();
const matchNames = (page: Page) => page.locator('li.card.match h2 a').allTextContents();

/** Answers the seven steps for one person looking for individual help in Spanish, online, evenings (or the times given). */
async function answerAll(page: Page, check?: (step: number) => Promise<void>, times = 'Evenings (after 6pm)') {
  await page.getByLabel('Just me').check();
  await check?.(1);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 2 of 7').waitFor();
  await page.getByLabel('I feel lonely, even around other people').check();
  await page.getByLabel('I doubt myself or feel I am not good enough').check();
  await check?.(2);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 3 of 7').waitFor();
  await page.getByLabel('Online', { exact: true }).check();
  await check?.(3);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 4 of 7').waitFor();
  await page.getByLabel(times).check();
  await check?.(4);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 5 of 7').waitFor();
  await page.getByLabel('Up to £80').check();
  await check?.(5);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 6 of 7').waitFor();
  await page.getByLabel('Spanish').check();
  await check?.(6);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Step 7 of 7').waitFor();
  await page.getByLabel('Lets you set the pace and direction').check();
  await check?.(7);
  await page.getByRole('button', { name: 'Show my matches' }).click();
  await page.getByRole('heading', { level: 1, name: 'Therapists who may suit you' }).waitFor();
}

describe('directory and matching in Chromium', () => {
  const running = useBrowserAndApp();

  describe.each(JS_MODES)('$name', ({ javaScriptEnabled }) => {
    test('directory: gender, fee and times filter by a plain GET form; an empty result links to a looser one', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/therapists`);
      // Issue 11: on a phone the filters wait in a disclosure below the first results.
      await page.locator('#filters > summary').click();
      await page.getByLabel('Therapist’s gender').selectOption({ label: 'A woman' });
      await page.getByLabel('Fee for a 50-minute session').selectOption({ label: 'Up to £100' });
      await page.getByLabel('Evenings (after 6pm)').check();
      await page.getByRole('button', { name: SHOW_THERAPISTS }).click();
      await page.waitForURL(/gender=woman/);
      const url = new URL(page.url());
      expect(url.searchParams.get('fee')).toBe('100');
      expect(url.searchParams.getAll('time')).toEqual(['evenings']);
      // With JavaScript the browser's zone travels along; without it, times show in the practice's zone.
      expect(url.searchParams.get('tz')).toBe(javaScriptEnabled ? 'Europe/London' : '');
      expect(await resultHeading(page)).toBe('2 therapists');
      expect(await page.locator('.cards h3 a').allTextContents()).toEqual(['Lucía Fernández', 'Marta Kowalska']);
      await expect.poll(() => page.locator('.cards dd a[href^="/book?"]').count()).toBe(2);

      await page.goto(`${running.live.url}/therapists?language=he&format=in_person`);
      expect(await resultHeading(page)).toBe('0 therapists');
      await page.locator('[data-loosen] a').click();
      await page.waitForURL((u) => !u.search.includes('format=') || !u.search.includes('language='));
      expect(await resultHeading(page)).not.toBe('0 therapists');
      await context.close();
    });

    test('match: seven steps, Back keeps the answers, results with reasons; answers never in the URL', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/match`);
      await answerAll(page, async () => {
        expect(new URL(page.url()).search).toBe('');
      });
      expect(new URL(page.url()).pathname).toBe('/match');
      expect(new URL(page.url()).search).toBe('');
      expect(await matchNames(page)).toEqual(['Lucía Fernández']);
      const card = page.locator('li.card.match').first();
      for (const reason of ['Speaks Spanish', 'Evenings, online', 'Fee within your budget (£65)', 'Lets you set the pace and direction']) {
        expect(await card.getByText(reason, { exact: true }).count()).toBe(1);
      }
      // Back goes to the last question with its answer still chosen, and on again.
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByText('Step 7 of 7').waitFor();
      expect(await page.getByLabel('Lets you set the pace and direction').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByText('Step 6 of 7').waitFor();
      expect(await page.getByLabel('Spanish').isChecked()).toBe(true);
      await page.getByLabel('Spanish').uncheck();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Show my matches' }).click();
      await page.getByRole('heading', { level: 1, name: 'Therapists who may suit you' }).waitFor();
      // Without the language, more people fit: the best three, then Show more.
      expect(await matchNames(page)).toHaveLength(3);
      await page.getByRole('button', { name: /^Show \d+ more$/ }).click();
      await expect.poll(async () => (await matchNames(page)).length).toBeGreaterThan(3);
      // Book carries the therapist, the service and the way to meet the client chose (online), nothing else.
      const book = new URL((await page.locator('li.card.match a.button').first().getAttribute('href'))!, running.live.url);
      expect([...book.searchParams.keys()].filter((k) => k !== 'tz')).toEqual(['service', 'therapist', 'format']);
      expect(book.searchParams.get('format')).toBe('online');
      await context.close();
    });

    test('match: on a 390 px phone the urgent-help numbers and the first question both show on the first screen', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/match`);
      const bottom = async (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((el) => el.getBoundingClientRect().bottom);
      expect(await bottom('.urgent-help-notice')).toBeLessThan(844);
      expect(await bottom('form input[name="relationship"]')).toBeLessThan(844);
      expect(await page.locator('.urgent-help-notice a[href^="tel:"]').count()).toBeGreaterThanOrEqual(4);
      await context.close();
    });

    test('match: a couple gets the private safety question; yes shows helplines and suggests a session alone', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/match`);
      await page.getByLabel('My partner and me').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Trust has worn thin').check();
      const question = page.getByRole('group', { name: 'Is there anything that makes you afraid at home: fear, control or harm from your partner?' });
      await question.getByLabel('Yes').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'You do not have to deal with this alone' }).waitFor();
      const help = page.locator('aside.safety-help');
      for (const n of ['0808 2000 247', '0808 8010 327', '999']) expect(await help.getByRole('link', { name: n }).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Leave this site quickly' }).count()).toBe(1);
      await page.getByLabel('Either is fine').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Show my matches' }).click();
      await page.getByRole('heading', { name: 'We suggest a first session on your own' }).waitFor();
      expect(await page.getByRole('heading', { name: 'You do not have to deal with this alone' }).count()).toBe(1);
      expect(await matchNames(page)).not.toContain('Daniel Mensah');
      expect(page.url()).toBe(`${running.live.url}/match`);
      await context.close();
    });
  });

  test('with JavaScript, free times show in the visitor’s own zone; the zone travels into booking', async () => {
    const context = await newContextWith(running.browser, {
      javaScriptEnabled: true,
      viewport: { width: 390, height: 844 },
      locale: 'en-GB',
      timezoneId: 'America/New_York',
    });
    const page = await context.newPage();
    await page.goto(`${running.live.url}/therapists`);
    await page.locator('#filters > summary').click();
    await page.getByRole('button', { name: SHOW_THERAPISTS }).click();
    await page.waitForURL(/tz=America%2FNew_York/);
    expect(await page.locator('.cards dd a[href^="/book?"]').first().textContent()).toMatch(/\(GMT-[45]\)/);
    await page.goto(`${running.live.url}/match`);
    // Times of day are read in the visitor's zone: Lucía's hours (12:00 to 20:00 in London) are daytimes in New York.
    await answerAll(page, undefined, 'Weekday daytimes (Monday to Friday, before 5pm)');
    expect(await page.getByText('your time zone (America/New York)').count()).toBe(1);
    const time = page.locator('li.card.match .free-times a').first();
    expect(await time.textContent()).toMatch(/\(GMT-[45]\)/);
    for (const text of await page.locator('li.card.match .free-times a').allTextContents()) expect(Number(/at (\d\d):/.exec(text)?.[1])).toBeLessThan(17);
    expect(new URL((await time.getAttribute('href'))!, running.live.url).searchParams.get('tz')).toBe('America/New_York');
    await context.close();
  });

  describe.each(JS_MODES)('axe and 390 px, $name', ({ javaScriptEnabled }) => {
    const check = async (page: Page, what: string) => {
      expect(await axeViolations(page), what).toEqual([]);
      expect(await fitsWidth(page), what).toBe(true);
    };

    test('every step of the match, its errors, the results, and How we match', async () => {
      const context = await newInspectionContext(running.browser, javaScriptEnabled, 390);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/match`);
      await page.getByRole('button', { name: 'Continue' }).click(); // nothing chosen: the error state
      await page.locator('.error-summary').waitFor();
      await check(page, 'step 1 with an error');
      await answerAll(page, (step) => check(page, `step ${step}`));
      await check(page, 'results');
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByText('Step 7 of 7').waitFor();
      await check(page, 'back at step 7');
      // The couple's safety step and what a yes shows.
      await page.goto(`${running.live.url}/match`);
      await page.getByLabel('My partner and me').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText(/Step 2 of 7/).waitFor();
      await check(page, 'couple step 2 with the safety question');
      await page.getByLabel('Trust has worn thin').check();
      await page.getByLabel('Yes', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText(/Step 3 of 7/).waitFor();
      await check(page, 'after a yes');
      await page.getByLabel('Either is fine').check();
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Show my matches' }).click();
      await page.getByRole('heading', { name: 'We suggest a first session on your own' }).waitFor();
      await check(page, 'results after a yes');
      await page.goto(`${running.live.url}/match/how`);
      await check(page, 'How we match');
      await context.close();
    }, 300_000);

    test.each([
      '/therapists?gender=woman&fee=100&time=evenings&time=saturdays&soon=1',
      '/therapists?language=he&format=in_person',
      '/therapists?gender=robot',
      '/therapists/marta-kowalska',
      '/therapists/daniel-mensah?tz=America%2FNew_York',
    ])(
      '%s',
      async (path) => {
        const context = await newInspectionContext(running.browser, javaScriptEnabled, 390);
        const page = await context.newPage();
        await page.goto(`${running.live.url}${path}`);
        await check(page, path);
        await context.close();
      },
      120_000,
    );
  });
});
