// Scratch (not committed): screenshots of every booking step at 390 and 1366 px.
import { describe, test } from 'vitest';
import { newContext, useBrowserAndApp } from '../support/browser.ts';

const OUT = '/work/shots/booking';
describe('booking screenshots', () => {
  const running = useBrowserAndApp();
  test('shots', async () => {
    const base = running.live.url;
    const api = async (p: string) => (await fetch(`${base}${p}`)).json();
    const services = (await api('/api/v1/services')) as { services: { id: string; slug: string }[] };
    const therapists = (await api('/api/v1/therapists')) as { therapists: { id: string; slug: string }[] };
    const couples = services.services.find((s) => s.slug === 'couples-counselling')!.id;
    const amara = therapists.therapists.find((x) => x.slug === 'amara-okafor')!.id;
    for (const width of [390, 1366]) {
      for (const js of [true, false]) {
        const context = await newContext(running.browser, js, width, width === 390 ? 844 : 900);
        const page = await context.newPage();
        const shot = async (name: string) => page.screenshot({ path: `${OUT}/${width}-${js ? 'js' : 'nojs'}-${name}.png`, fullPage: true });
        await page.goto(`${base}/book`);
        await shot('1-service');
        await page.goto(`${base}/book?service=${couples}`);
        await shot('2-therapist');
        await page.goto(`${base}/book?service=${couples}&therapist=${amara}`);
        await page.locator('.slot-button').first().waitFor();
        await shot('3-time');
        await page.locator('.slot-button:visible').first().click();
        await page.getByRole('heading', { name: 'Your details' }).waitFor();
        await shot('4-details');
        await page.getByLabel('Your name').fill('Robin Example');
        await page.getByLabel('E-mail address').fill('robin@example.com');
        await page.getByLabel(/Anything you would like/).fill('Private words');
        await page.getByLabel(/I agree/).check();
        // Someone else takes the time first.
        const start = await page.locator('input[name="start"]').getAttribute('value');
        await fetch(`${base}/api/v1/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            therapistId: amara,
            serviceId: couples,
            start,
            client: { name: 'Other', email: `other${width}${js}@example.com` },
            consent: true,
          }),
        });
        await page.getByRole('button', { name: 'Book this appointment' }).click();
        await page.getByRole('heading', { name: 'That time is no longer free' }).waitFor();
        await shot('5-taken');
        await page.locator('.slot-button:visible').first().click();
        await page.getByRole('heading', { name: 'Your details' }).waitFor();
        await shot('6-details-kept');
        await page.getByRole('button', { name: 'Book this appointment' }).click();
        await page.waitForURL(/booked=1/);
        await shot('7-confirmation');
        // A time inside the change window.
        await page.goto(`${base}/book?service=${couples}&therapist=${amara}&tz=Europe/London&start=${encodeURIComponent('2027-03-01T17:00:00+00:00')}`);
        await shot('8-details-late');
        await context.close();
      }
    }
  }, 240_000);
});
