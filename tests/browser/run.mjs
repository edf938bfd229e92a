// tests/browser/run.mjs: the report and the live page in headless Chromium
// (Debian's /usr/bin/chromium driven by playwright-core; no browser is
// ever downloaded). Run by tests/browser.sh, which passes:
//   node run.mjs BATON PLAN OUTDIR SCREENDIR TAG
// and reads one line per check from standard output: "ok: what" or
// "bad: what". Checks:
//  (a) the static report (file://) loads with no console errors and holds
//      a bar per task, a marker per milestone, a node per task and
//      milestone and an edge per dependency;
//  (b) the live page from `baton serve` loads with no console errors and
//      shows an edit of the plan (a longer estimate) within 2 s; a plan
//      that stops parsing shows its diagnostics within 2 s, and a fix
//      brings the report back;
//  (c) screenshots of each state in SCREENDIR;
//  (d) the report of the widest example map (search-launch) at 1280x800:
//      the dependency map fits the width, every milestone's node in view
//      without scrolling sideways; + zooms in (data-scale and the node's
//      drawn size grow), a drag and an arrow key move it, Fit brings all
//      of it back;
//  (e) with BATON_BIG_PLAN (a 10,000-task plan from bench/gen_plan.c, in
//      BATON_BIG_GROUPS workstreams): the rolled-up report opens within
//      5 s with no console errors, says so at the top, draws one bar per
//      workstream and no task bar; clicking a workstream draws its tasks
//      (as many bars as it has tasks, each with its tooltip, inside the
//      chart's width), and clicking it again folds them away.
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [baton, planSrc, outDir, screenDir, tag] = process.argv.slice(2);
const expect = JSON.parse(process.env.BATON_EXPECT || '{}');
const ok = (m) => console.log(`ok: ${m}`);
const bad = (m) => console.log(`bad: ${m}`);
const check = (cond, m) => (cond ? ok(m) : bad(m));

fs.mkdirSync(outDir, { recursive: true });
fs.mkdirSync(screenDir, { recursive: true });
const shot = (name) => path.join(screenDir, `${tag}-${name}.png`);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-chromium-'));
let server = null;
let context = null;

function watchConsole(page, errors) {
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
}

async function counts(page) {
  return page.evaluate(() => ({
    bars: document.querySelectorAll('rect.bar[data-task]').length,
    milestones: new Set([...document.querySelectorAll('[data-milestone]')].map((e) => e.getAttribute('data-milestone'))).size,
    markers: document.querySelectorAll('g.milestone[data-milestone]').length,
    nodes: document.querySelectorAll('.node[data-id]').length,
    edges: document.querySelectorAll('.edge[data-from]').length,
  }));
}

function checkCounts(c, what) {
  check(c.bars === expect.tasks, `${what}: ${c.bars} Gantt bars for ${expect.tasks} tasks`);
  check(c.markers >= expect.milestones && c.milestones === expect.milestones,
    `${what}: markers for ${c.milestones} milestones of ${expect.milestones}`);
  check(c.nodes === expect.tasks + expect.milestones,
    `${what}: ${c.nodes} map nodes for ${expect.tasks + expect.milestones} tasks and milestones`);
  check(c.edges === expect.deps, `${what}: ${c.edges} map edges for ${expect.deps} dependencies`);
}

function startServer(plan) {
  return new Promise((resolve, reject) => {
    const p = spawn(baton, ['serve', '--listen', '127.0.0.1:0', plan], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no port from baton serve: ${err}`)), 15000);
    p.stderr.on('data', (d) => {
      err += d;
      const m = /serving .* on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) { clearTimeout(timer); resolve({ proc: p, url: m[1], log: () => err }); }
    });
    p.on('exit', (code) => { clearTimeout(timer); reject(new Error(`baton serve exited ${code}: ${err}`)); });
  });
}

// A planned task's estimate in its own block ("estimate Nd" or three
// points); the edit makes every point longer (2n+5, so their order holds).
function editEstimate(text, ids) {
  for (const id of ids) {
    const re = new RegExp(`(^task ${id}\\b[^\\n]*\\n(?:[ \\t]+[^\\n]*\\n)*?[ \\t]+(?:[^\\n]*\\s)?estimate )(\\d+d(?:[ \\t]+\\d+d)*)(?=\\s)`, 'm');
    const m = re.exec(text);
    if (m) {
      return { id, text: text.replace(re, (_, pre, pts) => pre + pts.replace(/\d+/g, (n) => String(Number(n) * 2 + 5))) };
    }
  }
  return null;
}

async function main() {
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    viewport: { width: 1400, height: 1000 },
  });
  context = browser;

  // (a) the static report.
  const reportPath = path.join(outDir, 'report.html');
  execFileSync(baton, ['report', '--runs', '500', '-o', reportPath, planSrc]);
  {
    const page = await context.newPage();
    const errors = [];
    watchConsole(page, errors);
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
    check(errors.length === 0, `report: no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
    check(requests.length === 0, `report: fetches nothing${requests.length ? ': ' + requests.join(' ') : ''}`);
    checkCounts(await counts(page), 'report');
    await page.screenshot({ path: shot('report'), fullPage: true });
    await page.close();
  }

  await zoomChecks();
  if (process.env.BATON_BIG_PLAN) await rollupChecks(process.env.BATON_BIG_PLAN, Number(process.env.BATON_BIG_GROUPS));

  // (b) the live page.
  const plan = path.join(outDir, 'live.baton');
  fs.copyFileSync(planSrc, plan);
  server = await startServer(plan);
  const page = await context.newPage();
  const errors = [];
  watchConsole(page, errors);
  await page.goto(server.url + '/', { waitUntil: 'load' });
  checkCounts(await counts(page), 'live page');
  await page.screenshot({ path: shot('live'), fullPage: true });

  const original = fs.readFileSync(plan, 'utf8');
  const edit = editEstimate(original, expect.planned || []);
  if (!edit) {
    bad('live page: no planned task with a single-point estimate to edit');
  } else {
    const sel = `rect.bar[data-task="${edit.id}"]`;
    const before = await page.getAttribute(sel, 'width');
    const t0 = Date.now();
    fs.writeFileSync(plan, edit.text);
    try {
      await page.waitForFunction(([s, w]) => {
        const e = document.querySelector(s);
        return e && e.getAttribute('width') !== w;
      }, [sel, before], { timeout: 2000, polling: 50 });
      ok(`live page: the edit of ${edit.id}'s estimate shows in ${Date.now() - t0} ms`);
    } catch {
      bad(`live page: the edit of ${edit.id}'s estimate did not show within 2 s`);
    }
    await page.waitForLoadState('load');
    await page.screenshot({ path: shot('live-edited'), fullPage: true });

    // A plan that stops parsing: the diagnostics, then the fix.
    fs.writeFileSync(plan, edit.text + 'task broken "unterminated\n');
    try {
      await page.waitForSelector('pre.diagnostics', { timeout: 2000 });
      const txt = await page.textContent('pre.diagnostics');
      check(/unterminated string/.test(txt), 'live page: a broken plan shows its diagnostics');
    } catch {
      bad('live page: a broken plan\'s diagnostics did not show within 2 s');
    }
    await page.screenshot({ path: shot('live-broken'), fullPage: true });
    fs.writeFileSync(plan, original);
    try {
      await page.waitForSelector(sel, { timeout: 2000 });
      ok('live page: fixing the plan brings the report back');
    } catch {
      bad('live page: the report did not come back within 2 s of the fix');
    }
  }
  await page.waitForLoadState('load');
  check(errors.length === 0, `live page: no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
  await page.close();
}

async function zoomChecks() {
  const wide = path.join(path.dirname(planSrc), 'search-launch.baton');
  if (!fs.existsSync(wide)) { bad(`zoom: ${wide} is missing`); return; }
  const file = path.join(outDir, 'wide.html');
  execFileSync(baton, ['report', '--runs', '200', '-o', file, wide]);
  const page = await context.newPage();
  const errors = [];
  watchConsole(page, errors);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const view = '[data-zoom="depmap"] .zview';
  await page.locator(view).scrollIntoViewIfNeeded();
  const boxes = () => page.evaluate((sel) => {
    const v = document.querySelector(sel).getBoundingClientRect();
    const ms = [...document.querySelectorAll('#map .node.ms')].map((n) => {
      const r = n.getBoundingClientRect();
      return { id: n.getAttribute('data-id'), l: r.left, r: r.right, t: r.top, b: r.bottom, w: r.width };
    });
    return { v: { l: v.left, r: v.right, t: v.top, b: v.bottom }, ms, iw: innerWidth, ih: innerHeight,
      scale: Number(document.querySelector('[data-zoom="depmap"]').getAttribute('data-scale')),
      sw: document.documentElement.scrollWidth };
  }, view);
  const inside = (m, b) => m.l >= b.v.l - 0.5 && m.r <= b.v.r + 0.5 && m.t >= b.v.t - 0.5 && m.b <= b.v.b + 0.5 &&
    m.l >= 0 && m.r <= b.iw && m.t >= 0 && m.b <= b.ih;
  const b0 = await boxes();
  const last = b0.ms.reduce((a, m) => (!a || m.r > a.r ? m : a), null);
  check(b0.sw <= b0.iw, `zoom: the page does not scroll sideways at 1280 px (${b0.sw})`);
  check(last && b0.ms.every((m) => inside(m, b0)),
    `zoom: every milestone of the map is in view at 1280x800, the last (${last && last.id}) at x ${last && Math.round(last.r)}`);
  await page.screenshot({ path: shot('zoom-fit') });
  await page.click('[data-zoom="depmap"] button[data-z="in"]');
  const b1 = await boxes();
  const l1 = b1.ms.find((m) => m.id === last.id);
  check(b1.scale > b0.scale && l1.w > last.w * 1.2, `zoom: + zooms in (scale ${b0.scale} to ${b1.scale}, node ${Math.round(last.w)} to ${Math.round(l1.w)} px)`);
  const c = b1.v;
  await page.mouse.move((c.l + c.r) / 2, (c.t + c.b) / 2);
  await page.mouse.down();
  await page.mouse.move((c.l + c.r) / 2 + 150, (c.t + c.b) / 2 + 20, { steps: 5 });
  await page.mouse.up();
  const l2 = (await boxes()).ms.find((m) => m.id === last.id);
  check(Math.abs(l2.l - l1.l - 150) < 2, `zoom: a drag moves the map (${Math.round(l1.l)} to ${Math.round(l2.l)})`);
  await page.focus(view);
  await page.keyboard.press('ArrowLeft');
  const l3 = (await boxes()).ms.find((m) => m.id === last.id);
  check(l3.l > l2.l + 5, `zoom: the arrow key moves the map (${Math.round(l2.l)} to ${Math.round(l3.l)})`);
  await page.screenshot({ path: shot('zoom-in') });
  await page.click('[data-zoom="depmap"] button[data-z="fit"]');
  const b4 = await boxes();
  check(b4.scale === 1 && b4.ms.every((m) => inside(m, b4)), 'zoom: Fit shows the whole map again');
  check(errors.length === 0, `zoom: no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
  await page.close();
}

async function rollupChecks(plan, groups) {
  const file = path.join(outDir, 'big.html');
  execFileSync(baton, ['report', '--runs', '200', '-o', file, plan]);
  const page = await context.newPage();
  const errors = [];
  watchConsole(page, errors);
  const t0 = Date.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const ms = Date.now() - t0;
  check(ms < 5000, `rolled up: the ${Math.round(fs.statSync(file).size / 1024)} KB page of 10,000 tasks loads in ${ms} ms`);
  const c = await page.evaluate(() => ({
    note: (document.getElementById('rollup') || {}).textContent || '',
    ws: document.querySelectorAll('#gantt details.ws').length,
    wsbars: document.querySelectorAll('#gantt rect.wsbar[data-ws]').length,
    bars: document.querySelectorAll('rect.bar[data-task]').length,
  }));
  check(/This plan has 10,000 tasks: the Gantt shows \d+ workstreams; click one to see its tasks/.test(c.note),
    `rolled up: the page says so (${c.note.slice(0, 80)})`);
  check(c.ws === groups && c.wsbars === groups && c.bars === 0,
    `rolled up: ${c.wsbars} workstream bars for ${groups} workstreams, ${c.bars} task bars at load`);
  const ws = page.locator('#gantt details.ws').nth(2);
  const name = await ws.getAttribute('data-ws');
  const want = Number(await ws.getAttribute('data-tasks'));
  await ws.locator('summary').click();
  try {
    await page.waitForFunction((n) => document.querySelectorAll('#gantt details.ws[open] .wstasks rect.bar[data-task]').length === n,
      want, { timeout: 5000 });
    const d = await ws.evaluate((el) => {
      const bars = [...el.querySelectorAll('.wstasks rect.bar[data-task]')];
      const svg = el.querySelector('.wstasks svg').getBoundingClientRect();
      return {
        open: el.open,
        titled: bars.filter((b) => b.querySelector('title') && b.querySelector('title').textContent.startsWith(b.getAttribute('data-task'))).length,
        inside: bars.filter((b) => { const r = b.getBoundingClientRect(); return r.left >= svg.left - 0.5 && r.right <= svg.right + 0.5 && r.width > 0; }).length,
        dated: bars.filter((b) => /^\d{4}-\d\d-\d\d$/.test(b.getAttribute('data-start')) && b.getAttribute('data-finish') >= b.getAttribute('data-start')).length,
        n: bars.length,
      };
    });
    check(d.open && d.titled === want && d.inside === want && d.dated === want,
      `rolled up: clicking ${name} draws its ${want} tasks (${d.titled} with tooltips, ${d.inside} in the chart, ${d.dated} dated)`);
  } catch {
    bad(`rolled up: clicking ${name} did not draw its ${want} tasks within 5 s`);
  }
  await page.screenshot({ path: shot('rollup-open'), fullPage: false });
  await ws.locator('summary').click();
  const closed = await ws.evaluate((el) => !el.open &&
    el.getBoundingClientRect().height <= el.querySelector('summary').getBoundingClientRect().height + 1);
  check(closed, `rolled up: a second click on ${name} folds its tasks away`);
  check(errors.length === 0, `rolled up: no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
  await page.close();
}

let rc = 0;
try {
  await main();
} catch (e) {
  bad(`browser run: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e}`);
  rc = 1;
} finally {
  if (context) await context.close().catch(() => {});
  if (server) {
    const exited = new Promise((r) => server.proc.once('exit', (code) => r(code)));
    server.proc.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10000))]);
    if (code === 'timeout') server.proc.kill('SIGKILL');
    check(code === 0, `baton serve: exit ${code} after SIGTERM`);
    if (code !== 0) console.error(server.log());
  }
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(rc);
