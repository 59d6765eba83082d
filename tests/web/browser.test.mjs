// The web app in headless Chromium (playwright-core, Debian's /usr/bin/chromium): it loads with
// no errors, draws a non-blank start screen listing every lesson, follows resizes and HiDPI,
// and opens a lesson on a real mouse click. Screenshots land in $DOJO_SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through ctest (make test)`);
  return value;
};
const webDir = env('DOJO_WEB_DIR');
const pngCheck = env('DOJO_PNG_CHECK');
const lessonsDir = env('DOJO_LESSONS_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');
const serveScript = env('DOJO_SERVE');

// The lesson ids and titles, read from the front matter the way an author writes it.
const lessons = readdirSync(lessonsDir)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort()
  .map((f) => {
    const text = readFileSync(join(lessonsDir, f), 'utf8');
    return { id: text.match(/^id\s*=\s*"([^"]+)"/m)[1], title: text.match(/^title\s*=\s*"([^"]+)"/m)[1] };
  });

let server, baseUrl, browser;

before(async () => {
  assert.ok(existsSync(join(webDir, 'index.html')), `${webDir}/index.html is missing: build the web app first (make build)`);
  mkdirSync(shotDir, { recursive: true });
  server = spawn(process.execPath, [serveScript, webDir], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/[\d.]+:\d+\//);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

// Opens the app and waits for its first full frame; collects everything the page complains about.
async function open(viewport, deviceScaleFactor = 1) {
  const page = await browser.newPage({ viewport, deviceScaleFactor });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.dojoTest !== undefined);
  await Promise.race([
    page.evaluate(() => window.dojoTest.ready),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no first frame in 30 s; page said: ${problems.join('; ')}`)), 30000)),
  ]);
  return { page, problems };
}

// Waits until the app has drawn a few more frames, so a change (a click, a resize) is on screen.
const frames = (page, n = 3) => page.evaluate((n) => new Promise((resolve) => {
  const step = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
  step(n);
}), n);

function assertNotBlank(path) {
  try {
    execFileSync(pngCheck, [path], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`${path} looks blank: ${e.stdout}`);
  }
}

test('the server sends wasm with its MIME type and the cross-origin isolation headers', async () => {
  const res = await fetch(new URL('dojo.wasm', baseUrl));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(res.headers.get('cross-origin-embedder-policy'), 'require-corp');
  assert.equal((await fetch(new URL('no-such-file', baseUrl))).status, 404);
});

test('the start screen loads without errors and lists every lesson', async () => {
  const { page, problems } = await open({ width: 1280, height: 800 });
  await frames(page);
  assert.deepEqual(problems, []);
  const state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.view, 'home');
  assert.equal(state.xp, 0);
  assert.deepEqual(state.lessons, lessons.map((l) => l.id));
  assert.deepEqual(state.broken, []);
  for (const { title } of lessons) {
    const w = await page.evaluate((t) => window.dojoTest.widget(t), title);
    assert.ok(w, `no widget shows the lesson '${title}'`);
    assert.ok(w.x >= 0 && w.x + w.w <= 1280 && w.y >= 0 && w.y + w.h <= 800, `'${title}' is drawn off screen: ${JSON.stringify(w)}`);
  }
  const shot = join(shotDir, 'web-start.png');
  await page.screenshot({ path: shot });
  assertNotBlank(shot);
  assert.equal(await page.evaluate(() => document.getElementById('status').classList.contains('hidden')), true, 'the loading message is still shown');
  await page.close();
});

test('the canvas follows window resizes and renders at devicePixelRatio', async () => {
  const { page, problems } = await open({ width: 1000, height: 700 }, 2);
  await frames(page);
  let size = await page.evaluate(() => ({ w: Module.canvas.width, h: Module.canvas.height, cw: Module.canvas.clientWidth }));
  assert.deepEqual(size, { w: 2000, h: 1400, cw: 1000 });

  await page.setViewportSize({ width: 360, height: 740 });  // a phone
  await frames(page, 5);
  size = await page.evaluate(() => ({ w: Module.canvas.width, h: Module.canvas.height }));
  assert.deepEqual(size, { w: 720, h: 1480 });
  const card = await page.evaluate((t) => window.dojoTest.widget(t), lessons[0].title);
  assert.ok(card && card.x >= 0 && card.x + card.w <= 360, `the first card does not fit a 360 px screen: ${JSON.stringify(card)}`);
  const shot = join(shotDir, 'web-phone.png');
  await page.screenshot({ path: shot });
  assertNotBlank(shot);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a real mouse click on a lesson card opens the lesson', async () => {
  const { page, problems } = await open({ width: 1280, height: 800 });
  await frames(page);
  const target = lessons[lessons.length - 1];
  const w = await page.evaluate((t) => window.dojoTest.widget(t), target.title);
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  await frames(page);
  const state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.view, 'lesson');
  assert.equal(state.lesson, target.id);
  const shot = join(shotDir, 'web-lesson.png');
  await page.screenshot({ path: shot });
  assertNotBlank(shot);
  assert.deepEqual(problems, []);
  await page.close();
});
