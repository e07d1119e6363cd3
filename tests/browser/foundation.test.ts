import { describe, expect, test } from 'vitest';
import { axeViolations, fitsWidth, JS_MODES, newContext, newInspectionContext, useBrowserAndApp } from '../support/browser.ts';

/** The filter button: “Show therapists”, or with JavaScript “Show 4 therapists” for the filters as they stand. */
const SHOW_THERAPISTS = /^Show (\d+ )?therapists?$/;

const PAGES = [
  '/',
  '/therapists',
  '/therapists?language=pl&format=online',
  '/therapists?language=he&format=in_person',
  '/therapists/amara-okafor',
  '/no-such-page',
];

describe('foundation pages in Chromium', () => {
  const running = useBrowserAndApp();

  describe.each(JS_MODES)('$name', ({ javaScriptEnabled }) => {
    test.each(PAGES)('%s passes axe and fits a 320 px and a 390 px screen', async (path) => {
      const context = await newInspectionContext(running.browser, javaScriptEnabled, 320);
      const page = await context.newPage();
      await page.goto(`${running.live.url}${path}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await fitsWidth(page)).toBe(true);
      await context.close();
    });

    test('a visitor filters the directory with the plain form and opens a profile', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/therapists`);
      // Issue 11: on a phone the filters wait in a disclosure below the first results.
      await page.locator('#filters > summary').click();
      await page.getByLabel('Language').selectOption({ label: 'Polish' });
      await page.getByLabel('Online or in person').selectOption({ label: 'Online' });
      await page.getByRole('button', { name: SHOW_THERAPISTS }).click();
      await page.waitForURL(/language=pl/);
      expect(new URL(page.url()).searchParams.get('format')).toBe('online');
      await page.getByRole('heading', { level: 2, name: '2 therapists', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Marta Kowalska', exact: true }).first().click();
      await page.waitForURL(/\/therapists\/marta-kowalska$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Marta Kowalska');
      await context.close();
    });

    test('the skip link moves focus to the main content, and focus is visible', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/therapists`);
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to main content' });
      await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(outline).toBe('solid');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#main$/);
      await context.close();
    });
  });
});
