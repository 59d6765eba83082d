// The web app on a phone and without a network, in headless Chromium: every main view fits a 360 x 640
// touch screen with nothing to scroll sideways, a tap opens a lesson, a one-finger drag pans the skill
// tree, a tap on a number field raises the on-screen keyboard (a focused <input>) whose typing reaches
// the quiz, and after one visit the app reloads offline, still cross-origin isolated, from the service
// worker's cache; a new build's worker replaces the old cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, serve, launch, frames, assertNotBlank } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');
const PHONE = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };

let server, browser;

before(async () => {
  mkdirSync(shotDir, { recursive: true });
  server = await serve(webDir, true);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

// Opens the app in its own context (so service workers and storage never leak between tests).
async function open(options, hash = '', url = server.url) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  await page.goto(url + hash);
  await page.waitForFunction(() => window.dojoTest !== undefined);
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 4);
  return { context, page, problems };
}

const state = (page) => page.evaluate(() => window.dojoTest.state());
const widget = (page, label) => page.evaluate((l) => window.dojoTest.widget(l), label);

// Widgets that stick out of the 360-pixel screen (a pixel of rounding allowed). The skill tree's lessons are
// left out: they lie on a canvas that the learner pans, clipped to it.
async function outside(page) {
  const widgets = await page.evaluate(() => window.dojoTest.widgets());
  return widgets.filter((w) => w.w > 0 && !w.label.startsWith('tree:') && (w.x < -1 || w.x + w.w > 361)).map((w) => `${w.label || '(unlabelled)'} at x ${Math.round(w.x)}..${Math.round(w.x + w.w)}`);
}

// Scrolls the main view down by about one screen: six notches of the wheel, one per frame as SDL counts them.
async function scrollDown(page) {
  await page.mouse.move(180, 400);
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, 100);
    await frames(page, 1);
  }
  await frames(page, 3);
}

test('every main view fits a phone-sized screen with nothing to scroll sideways', async () => {
  const views = [['home', '#/'], ['lesson', '#/lesson/cpu-vs-gpu'], ['tree', '#/tree'], ['labs', '#/labs'],
    ['explorer', '#/labs/explore-vram'], ['glossary', '#/glossary'], ['faq', '#/faq'], ['search', '#/search']];
  const { context, page, problems } = await open(PHONE);
  const failures = [];
  for (const [name, hash] of views) {
    await page.evaluate((h) => { window.location.hash = h; }, hash);
    await frames(page, 6);
    const doc = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, canvas: document.getElementById('canvas').getBoundingClientRect().width,
    }));
    if (doc.scroll > 360 || doc.canvas !== 360) failures.push(`${name}: the page is ${doc.scroll} px wide, the canvas ${doc.canvas}`);
    // The lesson and the long lists: look at several screens, not only the first.
    const screens = name === 'lesson' ? 3 : ['glossary', 'faq', 'labs', 'explorer'].includes(name) ? 2 : 1;
    for (let s = 0; s < screens; s++) {
      const out = await outside(page);
      if (out.length) failures.push(`${name} (screen ${s + 1}): ${out.slice(0, 5).join('; ')}`);
      const file = join(shotDir, `phone-${name}${screens > 1 ? `-${s + 1}` : ''}.png`);
      await page.screenshot({ path: file });
      assertNotBlank(file);
      if (s + 1 < screens) await scrollDown(page);
    }
  }
  // A quiz with long answers, which must wrap within the screen.
  await page.evaluate(() => { window.location.hash = '#/lesson/cpu-vs-gpu'; });
  await frames(page, 4);
  const choice = 'Fitting a decision tree on a 10,000-row spreadsheet';
  for (let i = 0; i < 60; i++) {  // the wheel, a notch at a time, toward the answer
    const w = await widget(page, choice);
    if (w && w.y > 100 && w.y + w.h < 600) break;
    await page.mouse.move(180, 400);
    await page.mouse.wheel(0, w && w.y <= 100 ? -100 : 100);
    await frames(page, 1);
  }
  const shown = await widget(page, choice);
  assert.ok(shown && shown.x >= 0 && shown.x + shown.w <= 360, `the long answer wraps on screen: ${JSON.stringify(shown)}`);
  await page.screenshot({ path: join(shotDir, 'phone-lesson-quiz.png') });
  assert.deepEqual(failures, [], failures.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a tap opens a lesson on a touch screen', async () => {
  const { context, page } = await open(PHONE);
  const card = await widget(page, 'CPU and GPU: two ways to spend a chip');
  assert.ok(card, 'the lesson card is on the home screen');
  let shown = card;
  for (let i = 0; i < 10 && shown.y + shown.h / 2 > 600; i++) {  // scroll it into reach first
    await scrollDown(page);
    shown = await widget(page, 'CPU and GPU: two ways to spend a chip');
  }
  await page.touchscreen.tap(shown.x + Math.min(shown.w / 2, 150), shown.y + Math.min(shown.h / 2, 30));
  await frames(page, 4);
  const s = await state(page);
  assert.equal(s.view, 'lesson');
  assert.equal(s.lesson, 'cpu-vs-gpu');
  await context.close();
});

test('a one-finger drag pans the skill tree', async () => {
  const { context, page } = await open(PHONE, '#/tree');
  const cdp = await context.newCDPSession(page);
  const before = (await state(page)).tree.pan;
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  await touch('touchStart', 250, 450);
  await frames(page, 2);
  for (let k = 1; k <= 10; k++) {
    await touch('touchMove', 250 - 12 * k, 450 - 8 * k);
    await frames(page, 1);
  }
  await touch('touchEnd');
  await frames(page, 3);
  const s = await state(page);
  assert.equal(s.view, 'tree', 'the drag did not open anything');
  const moved = [s.tree.pan[0] - before[0], s.tree.pan[1] - before[1]];
  // The finger moved 120 px left and 80 px up; ImGui starts a drag after a few pixels, so allow some slack.
  assert.ok(moved[0] < -80 && moved[0] > -130, `the tree moved ${moved[0]} px sideways for a 120 px drag`);
  assert.ok(moved[1] < -40 && moved[1] > -90, `the tree moved ${moved[1]} px up and down for an 80 px drag`);
  await page.screenshot({ path: join(shotDir, 'phone-tree-dragged.png') });
  await context.close();
});

test('tapping a number field raises the on-screen keyboard and its typing reaches the quiz', async () => {
  const lesson = 'when-the-gpu-is-no-faster';
  const { context, page, problems } = await open(PHONE, `#/lesson/${lesson}`);
  // The lesson's one number question; its field and button must both be on screen.
  let field;
  for (let i = 0; i < 60 && !field; i++) {
    const check = await widget(page, 'Check answer##workers-needed');
    const answer = await widget(page, '##answer');
    if (check && answer && answer.y > 80 && check.y + check.h < 600) field = answer;
    else await scrollDown(page);
  }
  assert.ok(field, 'the numeric question came into view');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'CANVAS');
  await page.touchscreen.tap(field.x + 20, field.y + field.h / 2);
  await frames(page, 4);
  const focused = await page.evaluate(() => ({ tag: document.activeElement.tagName, mode: document.activeElement.getAttribute('inputmode') }));
  assert.equal(focused.tag, 'INPUT', 'a tap on the field focuses an <input>, which is what raises a phone keyboard');
  assert.equal(focused.mode, 'decimal', 'a number field asks for the number keyboard');
  await page.keyboard.type('45');
  await frames(page, 6);
  await page.keyboard.press('Backspace');  // a Backspace reaches ImGui too: 45 becomes 4
  await frames(page, 6);
  const check = await widget(page, 'Check answer##workers-needed');
  await page.touchscreen.tap(check.x + check.w / 2, check.y + check.h / 2);
  await frames(page, 4);
  const s = await state(page);
  assert.equal(s.questions[`${lesson}/workers-needed`]?.correct, true, `the typed answer was checked: ${JSON.stringify(s.questions)}`);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'CANVAS', 'the input lets go when the field is done');
  await page.screenshot({ path: join(shotDir, 'phone-numeric-answered.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the skill tree works with the keyboard alone, with a visible focus ring', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 800 } }, '#/tree');
  let s = await state(page);
  for (let i = 0; i < 30 && s.tree.focus === null; i++) {
    await page.keyboard.press('ArrowDown');
    await frames(page, 2);
    s = await state(page);
  }
  assert.ok(s.tree.focus, 'the arrow keys reached the tree');
  const first = s.tree.focus;
  await page.keyboard.press('ArrowDown');
  await frames(page, 2);
  s = await state(page);
  assert.notEqual(s.tree.focus, first, 'Down moves to a lesson below');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  s = await state(page);
  assert.equal(s.tree.selected, s.tree.focus, 'Enter shows the focused lesson\'s details');
  const file = join(shotDir, 'keyboard-tree.png');
  await page.screenshot({ path: file });
  assertNotBlank(file);
  await page.keyboard.press('Enter');
  await frames(page, 3);
  s = await state(page);
  assert.equal(s.view, 'lesson', 'Enter again opens the lesson');
  assert.deepEqual(problems, []);
  await context.close();
});

// Waits until this page's service worker controls it and has filled its cache; returns the cache's name.
async function waitForOfflineCache(page) {
  await page.evaluate(() => window.dojoOffline.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  return page.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      const names = (await caches.keys()).filter((n) => n.startsWith('compute-dojo-'));
      if (names.length === 1) {
        const keys = (await (await caches.open(names[0])).keys()).map((r) => new URL(r.url).pathname);
        if (['index.html', 'dojo.js', 'dojo.wasm', 'dojo.data'].every((f) => keys.includes('/' + f))) return names[0];
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return null;
  });
}

test('after one visit the app reloads offline, cross-origin isolated, and opens a lesson', async () => {
  const { context, page } = await open({ viewport: { width: 1280, height: 800 } });
  assert.equal(await page.evaluate(() => window.crossOriginIsolated), true, 'online, the page is isolated');
  const cache = await waitForOfflineCache(page);
  assert.ok(cache, 'the service worker cached the bundle');
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.dojoTest !== undefined);
  await page.evaluate(() => window.dojoTest.ready);
  assert.equal(await page.evaluate(() => window.crossOriginIsolated), true,
    'the cached page keeps its COOP/COEP headers, so the threaded lab can still load');
  await page.evaluate(() => { window.location.hash = '#/lesson/cpu-vs-gpu'; });
  await frames(page, 4);
  const s = await state(page);
  assert.equal(s.view, 'lesson');
  assert.equal(s.lesson, 'cpu-vs-gpu');
  // The labs' worker files came from the cache too.
  const worker = await page.evaluate(async () => (await fetch('lab_worker.js')).ok);
  assert.equal(worker, true, 'the labs worker script is served offline');
  await context.close();
});

test('a new build replaces the old offline cache once the learner reloads', async () => {
  // A copy of the bundle, so its sw.js can change like a new deployment's would.
  const dir = mkdtempSync(join(tmpdir(), 'dojo-sw-'));
  for (const f of readdirSync(webDir)) {
    if (/^(index\.html|sw\.js|access_mirror\.js|lab_worker\.js|webgpu_(matmul|exercise)\.js|dojo[\w.]*\.(js|wasm|data))$/.test(f)) cpSync(join(webDir, f), join(dir, f));
  }
  const copy = await serve(dir, true);
  try {
    const { context, page } = await open({ viewport: { width: 1280, height: 800 } }, '', copy.url);
    const first = await waitForOfflineCache(page);
    assert.ok(first, 'the first version cached the bundle');
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    const version = sw.match(/const VERSION = '([^']+)'/)[1];
    writeFileSync(join(dir, 'sw.js'), sw.replace(`const VERSION = '${version}'`, `const VERSION = '${version}-next'`));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('#update.shown', { timeout: 30000 });
    assert.match(await page.textContent('#update'), /new version/);
    await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
    await page.evaluate(() => window.dojoTest.ready);
    const names = await page.evaluate(async () => {
      for (let i = 0; i < 50; i++) {
        const n = (await caches.keys()).filter((k) => k.startsWith('compute-dojo-'));
        if (n.length === 1 && n[0].endsWith('-next')) return n;
        await new Promise((r) => setTimeout(r, 200));
      }
      return caches.keys();
    });
    assert.deepEqual(names, [`compute-dojo-${version}-next`], 'only the new version\'s cache is left');
    await context.close();
  } finally {
    copy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
