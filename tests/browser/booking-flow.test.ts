// Issue 11, booking: the times screen on a phone and a desktop, the summary that stays in view, and a
// time taken meanwhile, with JavaScript on and off (off: none of the page's scripts load): nothing typed is lost.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, fitsWidth, newInspectionContext, useBrowserAndApp } from '../support/browser.ts';

const MODES = [
  { js: true, width: 390 },
  { js: false, width: 390 },
  { js: true, width: 1366 },
  { js: false, width: 1366 },
] as const;

describe('the booking flow, issue 11, in Chromium', () => {
  const running = useBrowserAndApp();
  let couples = '';
  let amara = '';
  beforeAll(async () => {
    const base = running.live.url;
    const services = (await (await fetch(`${base}/api/v1/services`)).json()) as { services: { id: string; slug: string }[] };
    const therapists = (await (await fetch(`${base}/api/v1/therapists`)).json()) as { therapists: { id: string; slug: string }[] };
    couples = services.services.find((s) => s.slug === 'couples-counselling')!.id;
    amara = therapists.therapists.find((x) => x.slug === 'amara-okafor')!.id;
  });
  const timesUrl = () => `${running.live.url}/book?service=${couples}&therapist=${amara}&tz=Europe/London&date=2027-03-01`;
  const visibleDays = (page: Page) => page.locator('.slot-day').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);

  for (const { js, width } of MODES) {
    test(`the times at ${width} px, JavaScript ${js ? 'on' : 'off'}: one day at a time on a phone, the week on a desktop; the summary stays in view`, async () => {
      const context = await newInspectionContext(running.browser, js, width, width === 390 ? 844 : 900);
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      // Steps 1 and 2: a card per choice, each a link.
      for (const path of ['/book', `/book?service=${couples}`]) {
        await page.goto(`${running.live.url}${path}`);
        expect(await axeViolations(page), path).toEqual([]);
        expect(await fitsWidth(page), path).toBe(true);
      }
      await page.getByRole('link', { name: 'See all times with Amara Okafor' }).click();
      await page.waitForURL(/therapist=/);
      await page.goto(timesUrl());
      await page.locator('button.slot-button:visible').first().waitFor();
      expect(await page.locator('.week-nav__range').textContent()).toBe('Mon 1 – Sun 7 March');
      expect(await axeViolations(page)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);
      const summary = page.locator('.booking-summary');
      const heading = page.getByRole('heading', { name: 'Choose a time', level: 1 });
      if (width === 390) {
        // One day's times, not a wall of the week's: the page is short, and the summary is above the step.
        expect(await visibleDays(page)).toBe(1);
        expect(await page.evaluate(() => document.querySelector('main')!.scrollHeight)).toBeLessThan(1400);
        expect((await summary.boundingBox())!.y).toBeLessThan((await heading.boundingBox())!.y);
        // Another day from the strip.
        await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
        await page.locator('a.date-strip__day', { hasText: 'Wed' }).click();
        await page.locator('[data-slot-day="2027-03-03"] button.slot-button').first().waitFor({ state: 'visible' });
        expect(await visibleDays(page)).toBe(1);
        // With JavaScript the day changes in place; without it, the link loads that day.
        expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(js ? 7 : undefined);
        expect(new URL(page.url()).searchParams.get('day')).toBe('2027-03-03');
      } else {
        expect(await page.locator('.date-strip').isVisible()).toBe(false);
        expect(await visibleDays(page)).toBeGreaterThan(1);
        // Sticky: scrolled down, the summary is still on screen beside the times.
        await page.mouse.wheel(0, 600);
        await expect.poll(async () => (await summary.boundingBox())!.y).toBeGreaterThanOrEqual(0);
        expect((await summary.boundingBox())!.x).toBeGreaterThan((await heading.boundingBox())!.x);
      }
      // Tapping a time goes straight to the details: fee, where and the rule before committing.
      await page.locator('button.slot-button:visible').first().click();
      await page.getByRole('heading', { name: 'Your details', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Before you book' }).waitFor();
      expect(await page.locator('.booking-terms').textContent()).toMatch(
        /Fee£90 for this session.*Where.*Online, by video.*Free to change or cancel online until 24 hours before/,
      );
      expect(await page.locator('.booking-steps__done').count()).toBe(3);
      expect(await axeViolations(page)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);
      await context.close();
    }, 60_000);

    test(`a time taken meanwhile at ${width} px, JavaScript ${js ? 'on' : 'off'}: told so, back to the times, and nothing typed is lost`, async () => {
      const context = await newInspectionContext(running.browser, js, width, width === 390 ? 844 : 900);
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      await page.goto(timesUrl());
      await page.locator('button.slot-button:visible').first().click();
      await page.getByRole('heading', { name: 'Your details', level: 1 }).waitFor();
      const typed = {
        name: `Kit ${width}${js}`,
        email: `kit.${width}.${js}@example.com`,
        phone: '07700 900 456',
        notes: 'Words only my therapist should read',
      };
      await page.getByLabel('Your name').fill(typed.name);
      await page.getByLabel('E-mail address').fill(typed.email);
      await page.getByLabel('Phone number (optional)').fill(typed.phone);
      await page.getByLabel(/Anything you would like/).fill(typed.notes);
      await page.getByLabel(/I agree/).check();
      // Someone else books that very time first.
      const start = await page.locator('input[name="start"]').getAttribute('value');
      const other = await fetch(`${running.live.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          therapistId: amara,
          serviceId: couples,
          start,
          client: { name: 'Other', email: `other.${width}.${js}@example.com` },
          consent: true,
        }),
      });
      expect(other.status).toBe(201);
      await page.getByRole('button', { name: 'Book this appointment' }).click();
      await page.getByRole('heading', { name: 'That time is no longer free' }).waitFor();
      expect(page.url()).not.toContain('Kit');
      expect(page.url()).not.toContain('Words');
      expect(await axeViolations(page)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);
      await page.locator('button.slot-button:visible').first().click();
      await page.getByRole('heading', { name: 'Your details', level: 1 }).waitFor();
      expect(await page.getByLabel('Your name').inputValue()).toBe(typed.name);
      expect(await page.getByLabel('E-mail address').inputValue()).toBe(typed.email);
      expect(await page.getByLabel('Phone number (optional)').inputValue()).toBe(typed.phone);
      expect(await page.getByLabel(/Anything you would like/).inputValue()).toBe(typed.notes);
      expect(await page.getByLabel(/I agree/).isChecked()).toBe(true);
      expect(page.url()).not.toContain('Words');
      await page.getByRole('button', { name: 'Book this appointment' }).click();
      await page.waitForURL(/\?booked=1$/);
      await page.getByText('Your appointment is booked').waitFor();
      expect(await page.locator('main').textContent()).toContain('£90 for this session');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
