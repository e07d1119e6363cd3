import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const w of [390, 1366]) {
const page = await (await browser.newContext({ viewport: { width: w, height: 900 } })).newPage();
await page.goto('http://127.0.0.1:3111/api');
await page.locator('.swagger-ui .info').waitFor();
await page.locator('.opblock').first().waitFor();
const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
console.log(w, r.violations.map((v) => `${v.id} ${v.impact} ${v.nodes.slice(0,2).map((n) => n.target.join(' ')).join(', ')}`));
}
await browser.close();
