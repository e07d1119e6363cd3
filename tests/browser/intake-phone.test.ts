// The intake before a first session, filled in on a 390 × 844 phone with JavaScript off: from the booking's
// confirmation page to the form, a mistake answered on its field with nothing lost, then sent; and the partner
// of a couple answering on their own link. axe on the form, the form with errors and the page after.
import { describe, expect, test } from 'vitest';
import { axeViolations, fitsWidth, newContext, newInspectionContext, useBrowserAndApp } from '../support/browser.ts';

const SCREEN = { width: 390, height: 844 };

describe('the intake on a phone, JavaScript off', () => {
  const running = useBrowserAndApp();

  test('the client fills it in from the confirmation page; a mistake keeps every answer; axe clean', { timeout: 120_000 }, async () => {
    const { url, app } = running.live;
    const get = async <T>(path: string) => (await (await fetch(`${url}${path}`)).json()) as T;
    const { services } = await get<{ services: { id: string; slug: string }[] }>('/api/v1/services');
    const { therapists } = await get<{ therapists: { id: string; slug: string }[] }>('/api/v1/therapists');
    const couples = services.find((s) => s.slug === 'couples-counselling')!.id;
    const amara = therapists.find((x) => x.slug === 'amara-okafor')!.id;
    const day = (n: number) => new Date(app.deps.clock.now() + n * 86_400_000).toISOString().slice(0, 10);
    const { slots } = await get<{ slots: { start: string }[] }>(
      `/api/v1/therapists/${amara}/slots?service=${couples}&from=${day(2)}&to=${day(16)}&tz=Europe/London`,
    );
    const booked = (await (
      await fetch(`${url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          therapistId: amara,
          serviceId: couples,
          start: slots[0]!.start,
          client: { name: 'Robin Phone', email: 'robin@example.com' },
          consent: true,
          timeZone: 'Europe/London',
        }),
      })
    ).json()) as { manageUrl: string };
    const manage = new URL(booked.manageUrl).pathname;

    // axe and the width on the form, as a browser without JavaScript has it.
    const inspect = await newInspectionContext(running.browser, false, SCREEN.width, SCREEN.height);
    const look = await inspect.newPage();
    await look.goto(`${url}${manage}/intake`);
    expect(await fitsWidth(look)).toBe(true);
    expect(await axeViolations(look)).toEqual([]);

    const context = await newContext(running.browser, false, SCREEN.width, SCREEN.height);
    const page = await context.newPage();
    await page.goto(`${url}${manage}?booked=1`);
    await page.getByRole('link', { name: 'Answer the questions before your first session' }).click();
    await page.getByLabel('What brings you to counselling?').fill('We keep missing each other');
    await page.getByLabel('What would you like to be different? (optional)').fill('More evenings that feel like ours');
    await page
      .getByRole('group', { name: /Do you feel afraid of, or harmed by/ })
      .getByLabel('No', { exact: true })
      .check();
    await page
      .getByRole('group', { name: /degree of happiness/ })
      .getByLabel('Happy', { exact: true })
      .check();
    await page
      .getByRole('group', { name: /warm and comfortable/ })
      .getByLabel('Mostly true', { exact: true })
      .check();
    await page
      .getByRole('group', { name: /How rewarding/ })
      .getByLabel('Mostly', { exact: true })
      .check();
    // The fourth CSI item and the GP question left out, and a phone number that is not one.
    await page.getByLabel('GP practice phone number').fill('ring the surgery');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByLabel('What brings you to counselling?').inputValue()).toBe('We keep missing each other');
    expect(await page.getByLabel('GP practice phone number').inputValue()).toBe('ring the surgery');
    expect(
      await page
        .getByRole('group', { name: /warm and comfortable/ })
        .getByLabel('Mostly true', { exact: true })
        .isChecked(),
    ).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    // Axe on the page with errors: render it in the inspection context by sending the same form there.
    await look.goto(`${url}${manage}/intake`);
    await look.getByLabel('What brings you to counselling?').fill('x');
    await look.getByRole('button', { name: 'Send my answers' }).click();
    await look.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await axeViolations(look)).toEqual([]);

    // Each error links to its field; put them right and send.
    await page.getByRole('link', { name: /Enter a phone number/ }).click();
    await page.getByLabel('GP practice phone number').fill('01632 960 001');
    await page
      .getByRole('group', { name: /In general, how satisfied/ })
      .getByLabel('Mostly', { exact: true })
      .check();
    await page
      .getByRole('group', { name: /contact your GP/ })
      .getByLabel('No', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Your answers have been sent').waitFor();
    // The partner's own link, to copy by hand (no JavaScript: the copy button stays hidden).
    const partner = (await page.locator('#partner-link').textContent())!.trim();
    expect(partner).toMatch(/\/intake\/[A-Za-z0-9_-]{43}$/);
    expect(await page.getByRole('button', { name: 'Copy the link' }).isVisible()).toBe(false);
    expect(await page.content()).not.toContain('We keep missing each other');
    expect(await fitsWidth(page)).toBe(true);
    await look.goto(page.url());
    expect(await axeViolations(look)).toEqual([]);

    // The partner, on their own phone: the same questions, none of the client's answers.
    const theirs = await context.newPage();
    await theirs.goto(partner);
    expect(await theirs.content()).not.toContain('We keep missing each other');
    await theirs.getByText('These questions are for you alone').waitFor();
    await theirs.close();
    await context.close();
    await inspect.close();
  });
});
