// Debian's Chromium driven by playwright-core, against a Closer listening on a loopback port, both on a
// fixed clock: the app's Clock and the pages' own Date stand at BROWSER_NOW, whatever today is.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Dialect } from '../../src/db/database.ts';
import { totpCode } from '../../src/security/totp.ts';
import { startTestApp, type TestApp } from './app.ts';
import { fixedClock } from './booking.ts';
import { linkIn, readOutbox } from './outbox.ts';
import type { StaffAccount } from './staff.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The instant browser tests live at: Monday 1 March 2027, 08:00 in London (GMT), a working morning for
 * the demo therapists. The app's clock stands still there, and so does Date in every page.
 */
export const BROWSER_NOW = '2027-03-01T08:00:00Z';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface LiveApp {
  app: TestApp;
  /** http://127.0.0.1:PORT: the test server's address (Vitest owns BASE_URL). */
  url: string;
  /** The app's clock, at BROWSER_NOW until a test moves it. */
  clock: ReturnType<typeof fixedClock>;
  stop(): Promise<void>;
}

type Fetch = TestApp['app']['fetch'];

/** A Closer on a fresh database, on the fixed clock, listening on a loopback port the system chose. */
export async function startLiveApp(dialect: Dialect = 'sqlite', env: Record<string, string> = {}): Promise<LiveApp> {
  // Listen first (port 0: any free port, no probing), so PUBLIC_URL (e-mailed links, origin checks) names
  // the real address; requests are answered by the app once it is up.
  let handle: Fetch | undefined;
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve(
      { fetch: (...args: Parameters<Fetch>) => (handle ? handle(...args) : new Response('Starting', { status: 503 })), port: 0, hostname: '127.0.0.1' },
      () => resolve(s),
    );
  });
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clock = fixedClock(BROWSER_NOW);
  let app: TestApp;
  try {
    app = await startTestApp(dialect, { clock, env: { PUBLIC_URL: url, ...env } });
  } catch (error) {
    await closeServer();
    throw error;
  }
  handle = app.app.fetch;
  return {
    app,
    url,
    clock,
    async stop() {
      await closeServer();
      await app.stop();
    },
  };
}

/** Chromium and a live Closer for the describe block this is called in: started before its tests, stopped after. */
export function useBrowserAndApp(dialect: Dialect = 'sqlite', env: Record<string, string> = {}): { readonly browser: Browser; readonly live: LiveApp } {
  let browser: Browser | undefined;
  let live: LiveApp | undefined;
  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp(dialect, env)]);
  });
  afterAll(async () => {
    await browser?.close();
    await live?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The browser and app start in beforeAll: use them inside tests and hooks');
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get live() {
      return started(live);
    },
  };
}

export const JS_MODES = [
  { name: 'JavaScript on', javaScriptEnabled: true },
  { name: 'JavaScript off', javaScriptEnabled: false },
] as const;

/** Makes Date in every page of the context stand at BROWSER_NOW, as the app's clock does (timers still run). */
export async function atBrowserNow(context: BrowserContext): Promise<BrowserContext> {
  await context.clock.setFixedTime(BROWSER_NOW);
  return context;
}

/** A context as a visitor in London would have it (or as `options` say), its pages' clock at BROWSER_NOW. */
export async function newContext(browser: Browser, javaScriptEnabled: boolean, width = 390, height = 844): Promise<BrowserContext> {
  return atBrowserNow(await browser.newContext({ javaScriptEnabled, viewport: { width, height }, locale: 'en-GB', timezoneId: 'Europe/London' }));
}

/** A context with other settings (another zone, touch), its pages' clock at BROWSER_NOW. */
export async function newContextWith(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  return atBrowserNow(await browser.newContext(options));
}

/**
 * A context for inspecting pages (axe, measurements), which must evaluate in the page. "JavaScript off"
 * here means none of the page's own scripts load (every script request is refused), so the DOM is the
 * one a browser without JavaScript shows; journeys use newContext with JavaScript really disabled.
 */
export async function newInspectionContext(browser: Browser, pageScripts: boolean, width = 390, height = 844): Promise<BrowserContext> {
  const context = await newContext(browser, true, width, height);
  if (!pageScripts) await context.route(/\.m?js(\?|$)/, (route) => route.abort());
  return context;
}

/**
 * axe's verdict depends only on the DOM, the stylesheet and the viewport. The same page with JavaScript
 * on and off is often the very same DOM (no script changed it), and the same page is checked by more than
 * one file, so a verdict is kept for the whole run per viewport and normalised DOM (nonces, per-render
 * hidden values and the test server's port removed; stylesheets have content-hashed names, so the DOM
 * names the CSS too): in memory for this file, and in the run's folder (made by global-setup.ts) for
 * the others. A page that differs in any other character is checked again.
 */
const axeCache = new Map<string, string[]>();
const AXE_VERDICTS = process.env.CLOSER_AXE_VERDICTS;

function storedVerdict(digest: string): string[] | undefined {
  if (!AXE_VERDICTS) return undefined;
  try {
    return JSON.parse(readFileSync(join(AXE_VERDICTS, `${digest}.json`), 'utf8')) as string[];
  } catch {
    return undefined;
  }
}

function storeVerdict(digest: string, violations: string[]) {
  if (!AXE_VERDICTS) return;
  // Written whole under a temporary name, then renamed: another worker never reads half a verdict.
  const temporary = join(AXE_VERDICTS, `${digest}.${process.pid}.tmp`);
  writeFileSync(temporary, JSON.stringify(violations));
  renameSync(temporary, join(AXE_VERDICTS, `${digest}.json`));
}

/** axe-core on the page as it stands: every violation, any impact, with the rule and the nodes. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('load');
  const key = await page.evaluate(() => {
    const html = document.documentElement.outerHTML
      .replace(/ nonce="[^"]*"/g, '')
      .replace(/(<input[^>]*type="hidden"[^>]*value=")[^"]*"/g, '$1"')
      .replaceAll(location.origin, 'ORIGIN');
    return `${window.innerWidth}x${window.innerHeight}|${html}`;
  });
  const digest = createHash('sha256').update(key).digest('hex');
  const cached = axeCache.get(digest) ?? storedVerdict(digest);
  if (cached) return cached;
  // Legacy mode: axe.run in the page itself. The default runs each frame apart, then opens a blank page to
  // merge the parts, which took twice as long (measured: 16.6 s against 32.8 s over ten pages, and 24.8 s
  // against 42.9 s in the other order) for the same verdicts; these pages have no frames from elsewhere.
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .setLegacyMode(true)
    .analyze();
  const violations = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  axeCache.set(digest, violations);
  storeVerdict(digest, violations);
  return violations;
}

/** True when nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Signs a staff member in on the page: password, then the code their enrolled secret gives at the app's time. */
export async function signInStaffPage(page: Page, live: LiveApp, account: StaffAccount, landing: RegExp) {
  await page.goto(`${live.url}/staff`);
  await page.waitForURL(/\/staff\/login$/);
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/staff\/login\/code$/);
  await page.getByLabel('6-digit code').fill(totpCode(account.secret!, live.app.deps.clock.now()));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(landing);
}

/** The newest link under `path` in the mail of a kind to an address, as a full URL; waits a little for the mail. */
export async function mailedLink(live: LiveApp, to: string, kind: string, path: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const mail = (await readOutbox(live.app, { kind, to })).at(-1);
    if (mail) return `${live.url}${linkIn(mail.text, path, live.url)}`;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${kind} mail to ${to}`);
}

/**
 * Signs a companion client in from the sign-in form on the page: asks for a link, follows the e-mailed
 * link, ticks the consent box (a first sign-in creates the account) and presses the button.
 */
export async function signInClientPage(page: Page, live: LiveApp, email: string) {
  const sent = async () => (await readOutbox(live.app, { kind: 'companion-sign-in', to: email })).length;
  const before = await sent();
  await page.getByLabel('Your e-mail address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your e-mail' }).waitFor();
  expect(await sent()).toBe(before + 1);
  await page.goto(await mailedLink(live, email, 'companion-sign-in', '/companion/sign-in'));
  await page.getByRole('heading', { level: 1, name: 'Create your companion account' }).waitFor();
  await page.getByRole('checkbox', { name: /^I agree that/ }).check();
  await page.getByRole('button', { name: 'Create my account and sign in' }).click();
}
