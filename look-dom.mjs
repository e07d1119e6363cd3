import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
await page.goto('http://127.0.0.1:3111/api');
await page.locator('.swagger-ui .info').waitFor();
console.log(await page.evaluate(() => {
  const out = [];
  for (const e of document.querySelectorAll('#api-reference-root main, #api-reference-root [role], #api-reference-root h1, #api-reference-root h2, #api-reference-root h3, #api-reference-root h4')) out.push(e.tagName + ' role=' + e.getAttribute('role') + ' id=' + e.id + ' class=' + e.className);
  const s = document.querySelector('.opblock-summary');
  return out.slice(0, 30).join('\n') + '\n\n' + s.outerHTML.slice(0, 1500);
}));
await browser.close();
