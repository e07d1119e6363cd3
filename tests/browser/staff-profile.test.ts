// The profile editor in Chromium at desktop width, with JavaScript on and off: a therapist changes a fee
// (a wrong one first: the message beside the field and in the summary), saves, and the public page and the
// booking charge follow; the preview; the admin's editor, listing refused for an incomplete profile and the
// deactivation question; axe on every one of those pages. Screenshots of the editor and the preview at
// 1366 px go to SHOTS_DIR when it is set.

import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { therapistRepository } from '../../src/db/repositories/therapists.ts';
import { demoIds } from '../support/booking.ts';
import { axeViolations, fitsWidth, JS_MODES, newContext, newInspectionContext, signInStaffPage, useBrowserAndApp } from '../support/browser.ts';
import { enrolAdmin, makeStaff, type StaffAccount } from '../support/staff.ts';

const WIDTH = 1366;
const HEIGHT = 900;
const SHOTS = process.env.SHOTS_DIR;

type Therapist = { id: string; slug: string; name: string; fees: { serviceId: string; feeMinor: number }[] };

describe('the profile editor in Chromium', () => {
  const running = useBrowserAndApp();
  const accounts: Record<string, StaffAccount> = {};
  let therapists: Therapist[];
  let couples: string;
  let newcomer: string;

  beforeAll(async () => {
    const t = running.live.app;
    therapists = ((await (await t.request('/api/v1/therapists')).json()) as { therapists: Therapist[] }).therapists;
    couples = (await demoIds(t)).service('couples-counselling');
    const id = (slug: string) => therapists.find((x) => x.slug === slug)!.id;
    accounts['therapist-on'] = await makeStaff(t, { email: 'amara@staff.example', therapistId: id('amara-okafor') });
    accounts['therapist-off'] = await makeStaff(t, { email: 'sam@staff.example', therapistId: id('sam-rivers') });
    // One account per journey and per inspection pass, so no two sign-ins share a one-time code.
    accounts['inspect-on'] = await makeStaff(t, { email: 'helen@staff.example', therapistId: id('helen-carter') });
    accounts['inspect-off'] = await makeStaff(t, { email: 'priya@staff.example', therapistId: id('priya-shah') });
    accounts['admin-on'] = await enrolAdmin(t);
    accounts['admin-off'] = await makeStaff(t, { email: 'admin2@staff.example', role: 'admin' });
    // Someone invited and not yet written up: an empty, unlisted profile.
    newcomer = randomUUID();
    await therapistRepository(t.deps.database.db).create(
      { id: newcomer, slug: 'noor-haddad', name: 'Noor Haddad', pronouns: 'she/her', gender: 'woman', email: 'noor@staff.example', timeZone: 'Europe/London' },
      t.deps.clock.now(),
    );
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  const feeOf = async (therapistId: string) =>
    ((await (await running.live.app.request('/api/v1/therapists')).json()) as { therapists: Therapist[] }).therapists
      .find((x) => x.id === therapistId)!
      .fees.find((f) => f.serviceId === couples)!.feeMinor;

  describe.each(JS_MODES)('$name', ({ javaScriptEnabled }) => {
    const mode = javaScriptEnabled ? 'on' : 'off';

    test('a therapist changes a fee: a wrong one is explained beside the field, a right one is what the public page and the API say', async () => {
      const account = accounts[`therapist-${mode}`]!;
      const therapist = therapists.find((x) => x.id === account.therapistId)!;
      const context = await newContext(running.browser, javaScriptEnabled, WIDTH, HEIGHT);
      const page = await context.newPage();
      await signInStaffPage(page, running.live, account, /\/staff\/week$/);
      await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Profile' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
      await page.getByRole('heading', { name: 'Your listed profile' }).waitFor();

      const fee = page.getByLabel('Fee for couples counselling, in pounds');
      await fee.fill('lots');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary').textContent()).toContain('Enter the fee in pounds, like 75 or 72.50');
      expect(await fee.getAttribute('aria-invalid')).toBe('true');
      // What was typed elsewhere survives the round trip.
      expect(await page.getByLabel('About you').inputValue()).not.toBe('');
      if (SHOTS && mode === 'on') await page.screenshot({ path: `${SHOTS}/editor-error-${WIDTH}.png`, fullPage: false });

      await fee.fill('97.50');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.waitForURL(/\/staff\/profile\?done=saved$/);
      await page.getByText('Your profile is updated.').waitFor();
      expect(await feeOf(therapist.id)).toBe(9750);
      if (SHOTS && mode === 'on') await page.screenshot({ path: `${SHOTS}/editor-${WIDTH}.png`, fullPage: true });

      await page.getByRole('link', { name: 'Preview your public page' }).click();
      await page.waitForURL(/\/staff\/profile\/preview$/);
      await page.getByRole('heading', { level: 1, name: new RegExp(therapist.name) }).waitFor();
      expect(await page.locator('.profile-preview').textContent()).toContain('Couples counselling (50 minutes, £97.50)');
      if (SHOTS && mode === 'on') await page.screenshot({ path: `${SHOTS}/preview-${WIDTH}.png`, fullPage: true });

      const visitor = await context.newPage();
      await visitor.goto(`${running.live.url}/therapists/${therapist.slug}`);
      expect(await visitor.locator('main').textContent()).toContain('£97.50');
      await context.close();
    }, 120_000);

    test('axe on the editors, the preview and the questions before listing and deactivating, at desktop width', async () => {
      const failures: string[] = [];
      const check = async (page: Page, label: string) => {
        const v = await axeViolations(page);
        if (v.length) failures.push(`${label}: ${v.join('; ')}`);
        if (!(await fitsWidth(page))) failures.push(`${label}: wider than the window`);
      };
      const context = await newInspectionContext(running.browser, javaScriptEnabled, WIDTH, HEIGHT);
      const tp = await context.newPage();
      await signInStaffPage(tp, running.live, accounts[`inspect-${mode}`]!, /\/staff\/week$/);
      for (const path of ['/staff/profile', '/staff/profile/preview']) {
        await tp.goto(`${running.live.url}${path}`);
        await check(tp, path);
      }
      await context.close();

      const admin = await newInspectionContext(running.browser, javaScriptEnabled, WIDTH, HEIGHT);
      const ap = await admin.newPage();
      await signInStaffPage(ap, running.live, accounts[`admin-${mode}`]!, /\/staff\/admin$/);
      const amara = therapists.find((x) => x.slug === 'amara-okafor')!.id;
      for (const path of [
        `/staff/admin/therapists/${newcomer}`,
        `/staff/admin/therapists/${newcomer}/profile`,
        `/staff/admin/therapists/${newcomer}/preview`,
        `/staff/admin/therapists/${newcomer}/activate`,
        `/staff/admin/therapists/${amara}/deactivate`,
      ]) {
        await ap.goto(`${running.live.url}${path}`);
        await check(ap, path);
      }
      // The admin's editor for someone new: nothing ticked, the checklist says what is left; listing is refused.
      await ap.goto(`${running.live.url}/staff/admin/therapists/${newcomer}/profile`);
      expect(await ap.locator('.checklist').textContent()).toContain('8 things still to do before listing');
      if (SHOTS && mode === 'on') await ap.screenshot({ path: `${SHOTS}/admin-editor-new-${WIDTH}.png`, fullPage: false });
      await ap.getByLabel('Years in practice').fill('many');
      await ap.getByRole('button', { name: 'Save profile' }).click();
      await ap.locator('.error-summary').waitFor();
      await check(ap, 'admin editor with an error');
      await ap.goto(`${running.live.url}/staff/admin/therapists/${newcomer}/activate`);
      expect(await ap.locator('main').textContent()).toContain('Noor Haddad’s profile is not complete yet');
      expect(await ap.getByRole('button', { name: /Yes, list/ }).count()).toBe(0);
      if (SHOTS && mode === 'on') await ap.screenshot({ path: `${SHOTS}/activate-refused-${WIDTH}.png`, fullPage: false });
      await ap.goto(`${running.live.url}/staff/admin/therapists/${amara}/deactivate`);
      expect(await ap.locator('main').textContent()).toContain('leaves the directory and matching straight away');
      if (SHOTS && mode === 'on') await ap.screenshot({ path: `${SHOTS}/deactivate-question-${WIDTH}.png`, fullPage: false });
      await admin.close();
      expect(failures).toEqual([]);
    }, 180_000);
  });
});
