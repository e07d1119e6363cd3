import { chromium } from 'playwright-core';
const base = process.env.BASE ?? 'http://127.0.0.1:3111';
const pages = (process.env.PAGES ?? '/,/therapists,/therapists/amara-okafor,/api,/guide').split(',');
const widths = (process.env.WIDTHS ?? '390,1366').split(',').map(Number);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const w of widths) {
  const ctx = await browser.newContext({ viewport: { width: w, height: w < 500 ? 844 : 900 } });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log('console', w, m.text()); });
  page.on('pageerror', (e) => console.log('pageerror', w, e.message));
  for (const p of pages) {
    await page.goto(base + p, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    const name = (p === '/' ? 'home' : p.slice(1).replace(/[/?=&#]+/g, '_')) + `-${w}`;
    const full = process.env.FULL === '1';
    await page.screenshot({ path: `/work/shots/look/${name}.png`, fullPage: full });
    const m = await page.evaluate(() => ({ main: document.querySelector('main')?.getBoundingClientRect().top, sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    console.log(name, JSON.stringify(m));
  }
  await ctx.close();
}
await browser.close();
