import type { BrowserContext, Cookie, Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { axeViolations, fitsWidth, JS_MODES, mailedLink, newContext, newInspectionContext, signInClientPage, useBrowserAndApp } from '../support/browser.ts';

const NEUTRAL = 'https://www.bbc.co.uk/weather';

describe('the companion in Chromium', () => {
  const running = useBrowserAndApp();

  async function answerCheckIn(page: Page, levels: [string, string, string], texts: { appreciation: string; moreOf: string }, share: string[]) {
    const questions = ['Sharing ideas and feeling understood', 'Time and attention together', 'Showing feelings and feeling safe to'];
    for (const [i, q] of questions.entries()) {
      await page.getByRole('group', { name: q }).getByLabel(levels[i]!, { exact: true }).check();
    }
    await page.getByLabel('Something you appreciated this week').fill(texts.appreciation);
    await page.getByLabel('One thing you would like more of').fill(texts.moreOf);
    await page.getByRole('group', { name: 'Did something hurt you this week?' }).getByLabel('No', { exact: true }).check();
    for (const about of share) await page.getByRole('checkbox', { name: `Share this answer with the circle (${about})` }).check();
    await page.getByRole('button', { name: 'Save my answers' }).click();
  }

  /** The JavaScript-on pass's people and circle, looked at again by the JavaScript-off pass's axe check. */
  let firstPass: { rowan: Cookie[]; jess: Cookie[]; circleUrl: string; weekUrl: string } | undefined;

  describe.each(JS_MODES)('$name', ({ name, javaScriptEnabled }) => {
    const tag = javaScriptEnabled ? 'on' : 'off';
    let rowan: BrowserContext;
    let jess: BrowserContext;
    let circleUrl = '';
    let weekUrl = '';

    afterAll(async () => {
      await rowan?.close();
      await jess?.close();
    });

    test('two members, in two browsers, check in and each sees only what was shared', { timeout: 120_000 }, async () => {
      [rowan, jess] = await Promise.all([newContext(running.browser, javaScriptEnabled), newContext(running.browser, javaScriptEnabled)]);
      const a = await rowan.newPage();
      const b = await jess.newPage();
      const rowanEmail = `rowan-${tag}@example.test`;
      const jessEmail = `jess-${tag}@example.test`;

      // Rowan signs up, starts a circle for a couple and invites Jess.
      await a.goto(`${running.live.url}/companion`);
      await signInClientPage(a, running.live, rowanEmail);
      await a.getByRole('heading', { level: 1, name: 'Your circles' }).waitFor();
      await a.getByRole('link', { name: 'Start a circle' }).click();
      await a.getByLabel('A couple').check();
      await a.getByLabel('A name for the circle').fill(`Rowan and Jess (${name})`);
      await a.getByLabel('Your name in this circle').fill('Rowan');
      await a.getByRole('button', { name: 'Start the circle' }).click();
      await a.getByRole('heading', { level: 1, name: `Rowan and Jess (${name})` }).waitFor();
      circleUrl = a.url().replace(/\?.*$/, '');
      await a.getByRole('link', { name: 'Invite and settings' }).click();
      await a.getByLabel('Their e-mail address').fill(jessEmail);
      await a.getByRole('button', { name: 'Send the invitation' }).click();
      await a.getByText('Your invitation is on its way.').waitFor();

      // Jess opens the invitation, signs in from it, and joins.
      await b.goto(await mailedLink(running.live, jessEmail, 'companion-invite', '/companion/invites'));
      await b.getByRole('heading', { level: 1, name: 'Rowan has invited you to a weekly check-in' }).waitFor();
      await signInClientPage(b, running.live, jessEmail);
      await b.getByLabel('Your name in this circle').fill('Jess');
      await b.getByRole('button', { name: 'Join the circle' }).click();
      await b.getByText('Welcome: you have joined the circle.').waitFor();

      // Rowan answers first, sharing only what they would like more of.
      await a.goto(circleUrl);
      await a.getByRole('link', { name: "Answer this week's check-in" }).click();
      await answerCheckIn(a, ['4 · Close', '2 · A bit distant', '3 · In between'], { appreciation: `rowan-private-${tag}`, moreOf: `rowan-shared-${tag}` }, [
        'what you would like more of',
      ]);
      await a.getByText('1 of 2 have answered').waitFor();

      // Jess sees nothing of Rowan's yet.
      await b.goto(`${circleUrl}/check-in`);
      expect(await b.content()).not.toContain(`rowan-shared-${tag}`);

      // Jess answers, sharing how understood they felt; the week is revealed at once.
      await answerCheckIn(b, ['5 · Very close', '4 · Close', '4 · Close'], { appreciation: `jess-private-${tag}`, moreOf: `jess-more-${tag}` }, [
        'Feeling understood',
      ]);
      await b.getByRole('heading', { level: 1, name: /^Week of / }).waitFor();
      weekUrl = b.url();
      const jessSees = (await b.locator('main').textContent()) ?? '';
      expect(jessSees).toContain(`rowan-shared-${tag}`);
      expect(jessSees).not.toContain(`rowan-private-${tag}`);
      expect(jessSees).toContain('Not shared');

      // Rowan sees Jess's shared answer side by side, and nothing else of Jess's.
      await a.goto(circleUrl);
      await a.getByRole('link', { name: 'See what was shared' }).click();
      const rowanSees = (await a.locator('main').textContent()) ?? '';
      expect(rowanSees).toContain('5 of 5 · Very close');
      expect(rowanSees).not.toContain(`jess-private-${tag}`);
      expect(rowanSees).not.toContain(`jess-more-${tag}`);
      expect(rowanSees).toContain(`rowan-private-${tag}`); // their own, marked as private
      expect(rowanSees).toContain('Only you can see this');

      // A promise and a note, for the pages checked below.
      await a.goto(`${circleUrl}/promises`);
      await a.getByLabel('A promise').fill('I will call when I am running late');
      await a.getByLabel('Everyone in this circle').check();
      await a.getByRole('button', { name: 'Add the promise' }).click();
      await a.locator('.promise__text', { hasText: 'I will call when I am running late' }).waitFor();
      await a.goto(`${circleUrl}/jar`);
      await a.getByLabel('Your note').fill('Thank you for the tea this morning');
      await a.getByRole('button', { name: 'Put it in the jar' }).click();
      await a.locator('.jar__note', { hasText: 'Thank you for the tea this morning' }).waitFor();
      await b.goto(`${circleUrl}/promises`);
      await b.locator('.promise__text', { hasText: 'I will call when I am running late' }).waitFor();
    });

    test('the quick exit signs out and leaves for a neutral page; with JavaScript it also replaces the history entry', async () => {
      const context = await newContext(running.browser, javaScriptEnabled);
      await context.route(`${NEUTRAL}**`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>Weather</title><h1>Weather</h1>' }),
      );
      const page = await context.newPage();
      await page.goto(`${running.live.url}/companion`);
      await signInClientPage(page, running.live, `leaving-${javaScriptEnabled ? 'on' : 'off'}@example.test`);
      await page.goto(`${running.live.url}/`);
      await page.goto(`${running.live.url}/companion/account`);
      await page.getByRole('link', { name: 'Leave this site quickly' }).click();
      await page.waitForURL(`${NEUTRAL}**`);
      await page.goBack();
      // With JavaScript, Back skips the companion; without, it finds the page signed out (it asks to sign in).
      if (javaScriptEnabled) expect(page.url()).toBe(`${running.live.url}/`);
      else expect(page.url()).toMatch(/\/companion\/sign-in\?next=%2Fcompanion%2Faccount$/);
      await context.close();
    });

    test('every companion page passes axe and fits a 320 px screen', { timeout: 400_000 }, async () => {
      // The JavaScript-off pass looks at the JavaScript-on pass's people and circle: a page no script changed
      // is then the very same DOM, which axeViolations judges once; a page that differs is judged again.
      const seen = firstPass ?? { rowan: await rowan.cookies(), jess: await jess.cookies(), circleUrl, weekUrl };
      if (javaScriptEnabled) firstPass = seen;
      const circlePath = seen.circleUrl.replace(running.live.url, '');
      const pages: { path: string; signedIn: boolean; act?: (p: Page) => Promise<void> }[] = [
        { path: '/companion', signedIn: false },
        { path: '/companion/sign-in', signedIn: false },
        { path: '/companion/sign-in', signedIn: false, act: (p) => p.getByRole('button', { name: 'Send me a sign-in link' }).click() },
        { path: '/companion/sign-in/not-a-real-token', signedIn: false },
        { path: '/companion', signedIn: true },
        { path: '/companion/start', signedIn: true },
        { path: '/companion/start', signedIn: true, act: (p) => p.getByRole('button', { name: 'Start the circle' }).click() },
        { path: '/companion/account', signedIn: true },
        { path: circlePath, signedIn: true },
        { path: `${circlePath}/check-in`, signedIn: true },
        { path: seen.weekUrl.replace(running.live.url, ''), signedIn: true },
        { path: `${circlePath}/trends`, signedIn: true },
        { path: `${circlePath}/promises`, signedIn: true },
        { path: `${circlePath}/promises`, signedIn: true, act: (p) => p.getByRole('button', { name: 'Add the promise' }).click() },
        { path: `${circlePath}/jar`, signedIn: true },
        { path: `${circlePath}/exercises`, signedIn: true },
        { path: `${circlePath}/exercises/reflective-listening`, signedIn: true },
        { path: `${circlePath}/settings`, signedIn: true },
        { path: `${circlePath}/leave`, signedIn: true },
      ];
      const failures: string[] = [];
      for (const item of pages) {
        const context = await newInspectionContext(running.browser, javaScriptEnabled, 320);
        if (item.signedIn) await context.addCookies(seen.rowan);
        const page = await context.newPage();
        await page.goto(`${running.live.url}${item.path}`);
        if (item.act) {
          await item.act(page);
          await page.waitForLoadState('load');
        }
        const label = `${item.path}${item.act ? ' (after submitting)' : ''}`;
        for (const v of await axeViolations(page)) failures.push(`${label}: ${v}`);
        if (!(await fitsWidth(page))) failures.push(`${label}: wider than 320 px`);
        await context.close();
      }
      // The page a first sign-in link opens, asking for consent, and the same page when the box was not ticked.
      const fresh = await newInspectionContext(running.browser, javaScriptEnabled, 320);
      const first = await fresh.newPage();
      const newcomer = `newcomer-${tag}@example.test`;
      await first.goto(`${running.live.url}/companion/sign-in`);
      await first.getByLabel('Your e-mail address').fill(newcomer);
      await first.getByRole('button', { name: 'Send me a sign-in link' }).click();
      await first.getByRole('heading', { level: 1, name: 'Check your e-mail' }).waitFor();
      await first.goto(await mailedLink(running.live, newcomer, 'companion-sign-in', '/companion/sign-in'));
      for (const v of await axeViolations(first)) failures.push(`consent page: ${v}`);
      if (!(await fitsWidth(first))) failures.push('consent page: wider than 320 px');
      await first.getByRole('button', { name: 'Create my account and sign in' }).click();
      await first.getByRole('heading', { name: 'There is a problem' }).waitFor();
      for (const v of await axeViolations(first)) failures.push(`consent page with errors: ${v}`);
      await fresh.close();
      // A fresh check-in form (with its errors) in a circle of its own.
      const context = await newInspectionContext(running.browser, javaScriptEnabled, 320);
      await context.addCookies(seen.jess);
      const page = await context.newPage();
      await page.goto(`${running.live.url}/companion/start`);
      await page.getByLabel('Friends').check();
      await page.getByLabel('A name for the circle').fill('Jess alone');
      await page.getByLabel('Your name in this circle').fill('Jess');
      await page.getByRole('button', { name: 'Start the circle' }).click();
      await page.getByRole('heading', { level: 1, name: 'Jess alone' }).waitFor();
      await page.getByRole('link', { name: "Answer this week's check-in" }).click();
      await page.getByRole('button', { name: 'Save my answers' }).waitFor();
      for (const v of await axeViolations(page)) failures.push(`check-in form: ${v}`);
      if (!(await fitsWidth(page))) failures.push('check-in form: wider than 320 px');
      await page.getByRole('button', { name: 'Save my answers' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      for (const v of await axeViolations(page)) failures.push(`check-in form with errors: ${v}`);
      await context.close();
      expect(failures).toEqual([]);
    });
  });
});
