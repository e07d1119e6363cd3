// The companion on a 390 × 844 phone, with JavaScript on and off: the circle's home shows this week's
// check-in on the first screen (the quick exit and urgent help in reach), the check-in is short with large
// targets and keeps what is written, and the charts keep lines apart with their tables beside. axe on each.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations, fitsWidth, JS_MODES, newContext, newInspectionContext, useBrowserAndApp } from '../support/browser.ts';
import { seedCouple, signInContext } from '../support/companion-seed.ts';

const SCREEN = { width: 390, height: 844 };

describe('the companion on a phone', () => {
  const running = useBrowserAndApp();

  const inFirstScreen = async (page: Page, selector: string) => {
    const box = await page.locator(selector).first().boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= SCREEN.height && box.x + box.width <= SCREEN.width;
  };

  describe.each(JS_MODES)('$name', ({ javaScriptEnabled }) => {
    const tag = javaScriptEnabled ? 'phone-on' : 'phone-off';

    test('the circle’s first screen is this week’s check-in, with the quick exit and urgent help in view', { timeout: 120_000 }, async () => {
      const { circleId, rowan } = await seedCouple(running.live, `${tag}-home`, 3);
      const context = await newInspectionContext(running.browser, javaScriptEnabled, SCREEN.width, SCREEN.height);
      await signInContext(running.live, context, rowan);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/companion/circles/${circleId}`);
      expect(await inFirstScreen(page, 'a.button:has-text("Answer this week\'s check-in")')).toBe(true);
      expect(await inFirstScreen(page, 'h2#this-week')).toBe(true);
      expect(await inFirstScreen(page, 'a[data-quick-exit]')).toBe(true);
      expect(await inFirstScreen(page, '.urgent-line a[href^="tel:"]')).toBe(true);
      expect(await inFirstScreen(page, '.urgent-help-folded > summary')).toBe(true);
      // The quick exit stays in view once the page has scrolled.
      await page.evaluate(() => window.scrollTo(0, 1200));
      expect(await inFirstScreen(page, 'a[data-quick-exit]')).toBe(true);
      await page.evaluate(() => window.scrollTo(0, 0));
      // Every urgent number is one tap away, without scrolling.
      await page.locator('.urgent-help-folded > summary').click();
      await expect.poll(() => page.locator('.urgent-help-folded a[href^="tel:"]').count()).toBeGreaterThan(2);
      expect(await fitsWidth(page)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });

    test('the check-in is short, with targets of at least 44 px, and is kept while it is being answered', { timeout: 120_000 }, async () => {
      const { circleId, rowan } = await seedCouple(running.live, `${tag}-check-in`, 1);
      const url = `${running.live.url}/companion/circles/${circleId}/check-in`;

      const inspect = await newInspectionContext(running.browser, javaScriptEnabled, SCREEN.width, SCREEN.height);
      await signInContext(running.live, inspect, rowan);
      const look = await inspect.newPage();
      await look.goto(url);
      const height = await look.evaluate(() => document.documentElement.scrollHeight);
      // 6,379 px before the compact scale and the phone layout; about 4,100 after.
      expect(height).toBeLessThan(4600);
      const targets = await look.evaluate(() =>
        [...document.querySelectorAll('.scale__option label, .share-toggle, form.check-in button')].map((e) => {
          const r = e.getBoundingClientRect();
          return { what: e.className || e.textContent, w: r.width, h: r.height };
        }),
      );
      expect(targets.length).toBeGreaterThan(15);
      for (const t of targets) expect(Math.min(t.w, t.h), String(t.what)).toBeGreaterThanOrEqual(44);
      expect(await fitsWidth(look)).toBe(true);
      expect(await axeViolations(look)).toEqual([]);
      await inspect.close();

      const context = await newContext(running.browser, javaScriptEnabled, SCREEN.width, SCREEN.height);
      await signInContext(running.live, context, rowan);
      const page = await context.newPage();
      await page.goto(url);
      await page.getByRole('group', { name: 'Time and attention together' }).getByLabel('4 · Close', { exact: true }).check();
      await page.getByLabel('Something you appreciated this week').fill(`kept-words-${tag}`);
      if (javaScriptEnabled) {
        // Kept as it goes: the page says so, and the words are there after a reload.
        await page.getByText(/^Kept as you go, at \d\d:\d\d/).waitFor();
      } else {
        await page.getByRole('button', { name: 'Save and finish later' }).click();
        await page.getByText('Kept for later.').waitFor();
      }
      await page.goto(url);
      await page.getByText('Welcome back: here is what you had written').waitFor();
      expect(await page.getByLabel('Something you appreciated this week').inputValue()).toBe(`kept-words-${tag}`);
      expect(await page.getByRole('group', { name: 'Time and attention together' }).getByLabel('4 · Close', { exact: true }).isChecked()).toBe(true);
      await context.close();
    });

    test('charts keep overlapping lines apart, name each line, and have their table beside them', { timeout: 120_000 }, async () => {
      const { circleId, rowan } = await seedCouple(running.live, `${tag}-chart`, 6);
      const context = await newInspectionContext(running.browser, javaScriptEnabled, SCREEN.width, SCREEN.height);
      await signInContext(running.live, context, rowan);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/companion/circles/${circleId}/trends`);
      const pairs = await page.evaluate(() =>
        [...document.querySelectorAll('.chart-pair')].map((p) => ({
          chart: p.querySelector('figure.chart svg[role="img"]') !== null,
          table: p.querySelector('table') !== null,
          labels: [...p.querySelectorAll('.chart__label')].map((l) => l.textContent),
        })),
      );
      expect(pairs.length).toBe(4);
      for (const p of pairs) expect(p).toMatchObject({ chart: true, table: true });
      expect(pairs[1]!.labels).toEqual(['You', 'Jess']);
      // Where both answered the same, their markers are not drawn on top of each other.
      const overlaps = await page.evaluate(() => {
        const svg = document.querySelector('#shared-cognitive-caption')?.closest('figure')?.querySelector('svg');
        const points = [...(svg?.querySelectorAll('g > circle, g > rect, g > polygon') ?? [])].map((m) => {
          const r = m.getBoundingClientRect();
          return `${Math.round(r.x)},${Math.round(r.y)}`;
        });
        return points.length - new Set(points).size;
      });
      expect(overlaps).toBe(0);
      expect(await fitsWidth(page)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  });
});
