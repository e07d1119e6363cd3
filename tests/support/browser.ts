// Debian's Chromium driven by playwright-core, against a Closer listening on a loopback port.
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { ServerType } from '@hono/node-server';
import { listen } from '../../src/server.ts';
import { startTestApp, type TestApp } from './app.ts';
import type { Dialect } from '../../src/db/database.ts';
import { loadConfig } from '../../src/config/config.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface LiveApp {
  app: TestApp;
  /** http://127.0.0.1:PORT: the test server's address (Vitest owns BASE_URL). */
  url: string;
  stop(): Promise<void>;
}

/** A Closer on a fresh database, listening on a free loopback port. */
export async function startLiveApp(dialect: Dialect = 'sqlite', env: Record<string, string> = {}): Promise<LiveApp> {
  // Find a free port first, so PUBLIC_URL (e-mailed links, origin checks) names the real address.
  const probe = await import('node:net').then(
    (net) =>
      new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const port = (s.address() as { port: number }).port;
          s.close(() => resolve(port));
        });
      }),
  );
  const url = `http://127.0.0.1:${probe}`;
  const app = await startTestApp(dialect, { env: { PUBLIC_URL: url, ...env } });
  const server: ServerType = await listen(app, loadConfig({ PORT: String(probe), HOST: '127.0.0.1' }));
  return {
    app,
    url,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
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

export function newContext(browser: Browser, javaScriptEnabled: boolean, width = 390, height = 844): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled, viewport: { width, height }, locale: 'en-GB', timezoneId: 'Europe/London' });
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
 * on and off is often the very same DOM (no script changed it), so a verdict is kept per viewport and
 * normalised DOM (nonces and per-render hidden values removed) and not computed twice in one file.
 */
const axeCache = new Map<string, string[]>();

/** axe-core on the page as it stands: every violation, any impact, with the rule and the nodes. */
export async function axeViolations(page: Page): Promise<string[]> {
  const key = await page.evaluate(() => {
    const html = document.documentElement.outerHTML
      .replace(/ nonce="[^"]*"/g, '')
      .replace(/(<input[^>]*type="hidden"[^>]*value=")[^"]*"/g, '$1"');
    return `${window.innerWidth}x${window.innerHeight}|${location.pathname}|${html}`;
  });
  const cached = axeCache.get(key);
  if (cached) return cached;
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  axeCache.set(key, violations);
  return violations;
}

/** True when nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
