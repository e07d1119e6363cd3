// The self-check's answer page in Chromium, as a worried person on a phone or a desktop sees it, with
// JavaScript on and off: after a "yes" (the other statements skipped) help and the quick exit are on the
// first screen and nothing is to be done together; after a "no" a therapist is offered near the top.
// SHOTS_DIR, when set, keeps a screenshot of each.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test, vi } from 'vitest';
import { STATEMENT_IDS } from '../../src/domain/self-check.ts';
import { QUICK_EXIT_URL } from '../../src/web/components/safety-help.tsx';
import { axeViolations, fitsWidth, JS_MODES, newContext, newInspectionContext, signInClientPage, useBrowserAndApp } from '../support/browser.ts';

vi.setConfig({ testTimeout: 90_000 });

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
] as const;

/** The first screen, and the whole page, when SHOTS_DIR names a folder. */
const shot = async (page: Page, name: string) => {
  if (!process.env.SHOTS_DIR) return;
  await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png` });
  await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}-full.png`, fullPage: true });
};

async function riskAnswer(page: Page, label: 'Yes' | 'No') {
  await page
    .getByRole('group', { name: /afraid of, or harmed by/ })
    .getByRole('radio', { name: label, exact: true })
    .check();
}

/** Where an element's box starts and ends, in CSS pixels from the top of the page. */
const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return { top: b.y, bottom: b.y + b.height };
};

describe('the self-check result follows the safety policy in Chromium', () => {
  const running = useBrowserAndApp();
  /** Measurements and axe evaluate in the page: "off" refuses every page script (the DOM a browser without JavaScript shows). */
  const open = (javaScriptEnabled: boolean, width: number, height: number) =>
    javaScriptEnabled ? newContext(running.browser, true, width, height) : newInspectionContext(running.browser, false, width, height);

  /** The self-check answered "yes" to the safety question and nothing else, on the help page it leads to. */
  const yesWithEverythingSkipped = async (context: BrowserContext) => {
    const page = await context.newPage();
    // The quick exit's weather page, answered here (the tests reach no other host).
    await page.route(`${QUICK_EXIT_URL}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }));
    await page.goto(`${running.live.url}/self-check`);
    await riskAnswer(page, 'Yes');
    await page.getByRole('button', { name: 'See my reflection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your safety comes first' }).waitFor();
    return page;
  };

  describe.each(JS_MODES)('$name', ({ javaScriptEnabled }) => {
    describe.each(WIDTHS)('at $width px', ({ width, height }) => {
      test('a "yes" with every other statement skipped: help and the quick exit on the first screen, no errors, nothing together', async () => {
        const context = await open(javaScriptEnabled, width, height);
        const page = await yesWithEverythingSkipped(context);

        expect(await page.getByRole('alert').filter({ hasText: 'There is a problem' }).count()).toBe(0);
        expect(await page.locator('.error-message').count()).toBe(0);
        // First screen: the quick exit, then every urgent number; all before the heading.
        const exit = await box(page, 'a[data-quick-exit]');
        const help = await box(page, '.urgent-help');
        const h1 = await box(page, 'h1');
        expect(exit.bottom, 'quick exit on the first screen').toBeLessThanOrEqual(height);
        expect(exit.top).toBeLessThan(help.top);
        expect(help.top, 'urgent help starts on the first screen').toBeLessThan(height * 0.6);
        expect(help.bottom).toBeLessThanOrEqual(h1.top);
        expect(await page.getByRole('link', { name: '999' }).first().isVisible()).toBe(true);
        expect(await page.getByRole('link', { name: 'Book a first conversation on your own' }).isVisible()).toBe(true);
        expect(await page.locator('.safety-help').getByText('0808 2000 247').isVisible()).toBe(true);
        // Nothing to do together, no praise, no reflection.
        const text = await page.locator('main').innerText();
        expect(text).not.toMatch(/\btogether\b/i);
        expect(text).not.toMatch(/real strengths|What you could try next|Three kinds of closeness/);
        expect(await page.locator('.exercise').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        expect(await fitsWidth(page)).toBe(true);
        await shot(page, `self-check-yes-${width}-js-${javaScriptEnabled ? 'on' : 'off'}`);

        // The quick exit leaves; with JavaScript, Back does not return to this page.
        await page.getByRole('link', { name: 'Leave this site quickly' }).click();
        await page.waitForURL(`${QUICK_EXIT_URL}**`);
        await page.getByRole('heading', { name: 'Weather' }).waitFor();
        if (javaScriptEnabled) {
          await page.goBack();
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          expect(await page.getByRole('heading', { level: 1, name: 'Your safety comes first' }).count()).toBe(0);
        }
        await context.close();
      });

      test('a "no": "talking to a therapist could help" and the ways to one come before the reflection and the exercises', async () => {
        const context = await open(javaScriptEnabled, width, height);
        const page = await context.newPage();
        await page.goto(`${running.live.url}/self-check`);
        await page.getByRole('radio', { name: 'My partner' }).check();
        // "Disagree" with most statements: a strained result, so support is suggested.
        for (const [i, id] of STATEMENT_IDS.entries()) await page.locator(`input[name="${id}"][value="${i % 3 === 0 ? '4' : '2'}"]`).check();
        await page.locator('label[for="f-ios-1"]').click();
        await riskAnswer(page, 'No');
        await page.getByRole('button', { name: 'See my reflection' }).click();
        await page.getByRole('heading', { level: 1, name: 'Your reflection' }).waitFor();

        const support = await box(page, '#support-title');
        const find = await box(page, 'button:has-text("Find a therapist who fits")');
        expect(await page.getByRole('heading', { level: 2, name: 'Talking to a therapist could help' }).isVisible()).toBe(true);
        expect(await page.getByRole('link', { name: 'Book a free first consultation' }).isVisible()).toBe(true);
        expect(support.top).toBeLessThan((await box(page, '#by-dimension')).top);
        expect(support.top).toBeLessThan((await box(page, '#try-next')).top);
        expect(find.bottom, 'the way to a therapist within two screens').toBeLessThan(height * 2);
        // No worry: help keeps its usual place, and there is no quick exit.
        expect(await page.locator('a[data-quick-exit]').count()).toBe(0);
        expect((await box(page, '.urgent-help')).top).toBeGreaterThan(support.top);
        expect(await axeViolations(page)).toEqual([]);
        expect(await fitsWidth(page)).toBe(true);
        await shot(page, `self-check-no-${width}-js-${javaScriptEnabled ? 'on' : 'off'}`);
        await context.close();
      });
    });
  });

  test('with JavaScript, pressing Shift three times leaves the help page too', async () => {
    const context = await newContext(running.browser, true);
    const page = await yesWithEverythingSkipped(context);
    // The quick exit's script has run once it rewrites the hint (a loaded machine may be slow to get there).
    await page.getByText('Or press Shift three times.').first().waitFor();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.waitForURL(`${QUICK_EXIT_URL}**`);
    await context.close();
  });

  test.each(JS_MODES)(
    'the companion, $name: words that suggest risk in a check-in bring help first, on the first screen, and nothing together (sharing: tests/http/safety-policy.test.ts)',
    async ({ javaScriptEnabled }) => {
      const context = await open(javaScriptEnabled, 390, 844);
      const page = await context.newPage();
      const tag = javaScriptEnabled ? 'on' : 'off';
      await page.goto(`${running.live.url}/companion`);
      await signInClientPage(page, running.live, `worried-${tag}@example.test`);
      await page.getByRole('heading', { level: 1, name: 'Your circles' }).waitFor();
      await page.getByRole('link', { name: 'Start a circle' }).click();
      await page.getByLabel('A couple').check();
      await page.getByLabel('A name for the circle').fill(`Us (${tag})`);
      await page.getByLabel('Your name in this circle').fill('Sam');
      await page.getByRole('button', { name: 'Start the circle' }).click();
      await page.getByRole('heading', { level: 1, name: `Us (${tag})` }).waitFor();
      await page.getByRole('link', { name: "Answer this week's check-in" }).click();
      await page.getByRole('heading', { level: 1, name: "This week's check-in" }).waitFor();
      for (const q of ['Sharing ideas and feeling understood', 'Time and attention together', 'Showing feelings and feeling safe to'])
        await page.getByRole('group', { name: q }).getByLabel('2 · A bit distant', { exact: true }).check();
      await page.getByRole('group', { name: 'Did something hurt you this week?' }).getByLabel('Yes', { exact: true }).check();
      await page.getByLabel('If you want to, say a little about it').fill('He hits me when he drinks');
      await page.getByRole('checkbox', { name: 'Share this answer with the circle (whether something hurt, and your words about it)' }).check();
      await page.getByRole('button', { name: 'Save my answers' }).click();
      // Alone in the circle, everyone has answered: the week's page, which follows the policy too.
      await page.getByRole('heading', { level: 1, name: /^Week of / }).waitFor();

      const exit = await box(page, 'a[data-quick-exit]');
      const help = await box(page, '.urgent-help');
      const own = await box(page, '.own-safety');
      expect(exit.bottom).toBeLessThanOrEqual(844);
      expect(help.top).toBeLessThan(844 * 0.6);
      expect(help.top).toBeLessThan(own.top);
      expect(own.top).toBeLessThan((await box(page, 'h1')).top);
      expect(await page.getByRole('button', { name: 'Find a therapist who sees people on their own' }).isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);
      await shot(page, `companion-check-in-risk-390-js-${tag}`);
      await page.getByRole('link', { name: 'Exercises' }).click();
      await page.getByRole('heading', { level: 1, name: 'Exercises' }).waitFor();
      const suggested = await page.locator('.cards').first().innerText();
      expect(suggested).toContain('Self-compassion after hurt');
      expect(suggested).not.toMatch(/Open conversations|Sharing ladder|Promise tracker|Appreciation jar/);
      await context.close();
    },
  );
});
