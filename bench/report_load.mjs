// bench/report_load.mjs: how long headless Chromium takes to open a
// report page (the peer figure of bench/report_bench.sh).
//
//   node bench/report_load.mjs PAGE.html [REPEAT]
//
// Prints one line per page, the fastest of REPEAT (default 3) fresh tabs:
//   load MS paint MS [open MS WS TASKS]
// load: navigation start to the end of the load event (parse, style,
// layout of the whole document); paint: to the first frame drawn after
// it (requestAnimationFrame twice), what a reader waits for; open, on a
// rolled-up page: clicking the first workstream until its task bars are
// drawn (WS: its name, TASKS: bars drawn). Uses Debian's /usr/bin/chromium
// (or $CHROMIUM) through tests/browser's playwright-core; downloads nothing.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

const [file, rep] = process.argv.slice(2);
const repeat = Number(rep || 3);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
let best = null;
for (let i = 0; i < repeat; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load', timeout: 600000 });
  const t = await page.evaluate(() => new Promise((resolve) => {
    const nav = performance.getEntriesByType('navigation')[0];
    requestAnimationFrame(() => requestAnimationFrame(() => resolve({ load: nav.loadEventEnd, paint: performance.now() })));
  }));
  const ws = await page.$('#gantt details.ws');
  if (ws) {
    const name = await ws.getAttribute('data-ws');
    const t0 = await page.evaluate(() => performance.now());
    await ws.$eval('summary', (s) => s.click());
    await page.waitForFunction((d) => d.querySelector('.wstasks rect.bar[data-task]'), ws);
    t.open = await page.evaluate((t0) => new Promise((resolve) =>
      requestAnimationFrame(() => resolve(performance.now() - t0))), t0);
    t.ws = name;
    t.bars = await ws.$$eval('.wstasks rect.bar[data-task]', (b) => b.length);
  }
  if (!best || t.paint < best.paint)
    best = t;
  await ctx.close();
}
await browser.close();
console.log(`load ${best.load.toFixed(0)} paint ${best.paint.toFixed(0)}` +
  (best.open !== undefined ? ` open ${best.open.toFixed(0)} ${JSON.stringify(best.ws)} ${best.bars}` : ''));
