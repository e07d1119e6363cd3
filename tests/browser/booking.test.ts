import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations, fitsWidth, newContext, newContextWith, newInspectionContext, useBrowserAndApp } from '../support/browser.ts';

describe('Book now in Chromium on a 390 px phone', () => {
  const running = useBrowserAndApp();

  /** Taps the first time the screen shows (a submit button: the next page is the details step). */
  async function pickFirstTime(page: Page) {
    const first = page.locator('button.slot-button:visible').first();
    await first.waitFor();
    const value = await first.getAttribute('value');
    await first.click();
    await page.getByRole('heading', { name: 'Your details', level: 1 }).waitFor();
    return value!;
  }

  test('JavaScript off: a person books the free consultation from /book, step by step, and can cancel', async () => {
    const context = await newContext(running.browser, false);
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${running.live.url}/book`);
    await page.getByRole('link', { name: 'Free initial consultation' }).click();
    await page.getByRole('heading', { name: 'Who would you like to see?' }).waitFor();
    await page.getByRole('link', { name: 'See all times with Sam Rivers' }).click();
    await page.waitForURL(/therapist=/);
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('Europe/London');
    // A week with nothing free moves on with a plain link until there is something.
    for (let i = 0; i < 3 && (await page.locator('button.slot-button:visible').count()) === 0; i++) {
      const url = page.url();
      await page.getByRole('link', { name: 'Later week' }).click();
      await page.waitForURL((u) => u.toString() !== url);
    }
    const chosen = await pickFirstTime(page);
    expect(new URL(page.url()).searchParams.get('start')).toBe(chosen);
    // Submitting empty shows the error summary.
    await page.getByRole('button', { name: 'Book this appointment' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByLabel('Your name').fill('Morgan Example');
    await page.getByLabel('E-mail address').fill('morgan@example.com');
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Book this appointment' }).click();
    await page.waitForURL(/\/manage\/[^/?]+\?booked=1$/);
    await page.getByText('Your appointment is booked').waitFor();
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByText('Your appointment is cancelled').waitFor();
    await context.close();
  });

  test('JavaScript on: the zone is detected, weeks change without a reload, and the booking completes', async () => {
    const context = await newContextWith(running.browser, { viewport: { width: 390, height: 844 }, timezoneId: 'America/New_York', locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const consult = (await (await fetch(`${running.live.url}/api/v1/services`)).json()) as { services: { id: string; slug: string }[] };
    const service = consult.services.find((s) => s.slug === 'initial-consultation')!.id;
    await page.goto(`${running.live.url}/book?service=${service}&therapist=any`);
    await expect.poll(() => page.getByLabel('Your time zone').inputValue()).toBe('America/New_York');
    await expect.poll(() => page.locator('button[name="start"]').first().getAttribute('value')).toMatch(/-0[45]:00$/);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.getByRole('link', { name: 'Later week' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('date')).not.toBeNull();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    const chosen = await pickFirstTime(page);
    await page.getByLabel('Your name').fill('Casey Example');
    await page.getByLabel('E-mail address').fill('casey@example.com');
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Book this appointment' }).click();
    await page.waitForURL(/\?booked=1$/);
    const when = await page.locator('dd').first().textContent();
    expect(when).toMatch(/\((EST|EDT|GMT-5|GMT-4)\)$/);
    expect(chosen).toMatch(/-0[45]:00$/);
    await context.close();
  });

  test('every booking step passes axe and fits 390 px, with JavaScript on and off', async () => {
    const services = (await (await fetch(`${running.live.url}/api/v1/services`)).json()) as { services: { id: string; slug: string }[] };
    const therapists = (await (await fetch(`${running.live.url}/api/v1/therapists`)).json()) as { therapists: { id: string; slug: string }[] };
    const couples = services.services.find((s) => s.slug === 'couples-counselling')!.id;
    const amara = therapists.therapists.find((x) => x.slug === 'amara-okafor')!.id;
    const slots = (await (
      await fetch(
        `${running.live.url}/api/v1/therapists/${amara}/slots?service=${couples}&from=${new Date(running.live.clock.now() + 2 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(running.live.clock.now() + 16 * 86_400_000).toISOString().slice(0, 10)}&tz=Europe/London`,
      )
    ).json()) as { slots: { start: string }[] };
    const start = slots.slots[0]!.start;
    // A booking to look at: its confirmation, cancel and reschedule pages.
    const booked = (await (
      await fetch(`${running.live.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          therapistId: amara,
          serviceId: couples,
          start: slots.slots[1]!.start,
          client: { name: 'Axe Check', email: 'axe@example.com' },
          consent: true,
          timeZone: 'Europe/London',
        }),
      })
    ).json()) as { manageUrl: string };
    const manage = new URL(booked.manageUrl).pathname;
    const paths = [
      '/book',
      `/book?service=${couples}`,
      `/book?service=${couples}&therapist=${amara}&tz=Europe/London`,
      `/book?service=${couples}&therapist=${amara}&tz=Europe/London&start=${encodeURIComponent(start)}`,
      `${manage}?booked=1`,
      `${manage}/cancel`,
      `${manage}/reschedule`,
    ];
    for (const scripts of [true, false]) {
      const context = await newInspectionContext(running.browser, scripts);
      const page = await context.newPage();
      for (const path of paths) {
        await page.goto(`${running.live.url}${path}`);
        expect(await axeViolations(page), `${path} scripts=${scripts}`).toEqual([]);
        expect(await fitsWidth(page), path).toBe(true);
      }
      // The details step with errors.
      await page.goto(`${running.live.url}${paths[3]}`);
      await page.getByRole('button', { name: 'Book this appointment' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  }, 180_000);
});
