// What the browser tests share: the environment ctest passes, a server for the web build (with or
// without cross-origin isolation), Chromium, and helpers that open the app, wait for frames, and
// click widgets found through the test hook (window.dojoTest).
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through ctest (make test)`);
  return value;
};

// Serves `dir` on a free port; `isolated` false leaves out the COOP/COEP headers. Returns {url, stop}.
export async function serve(dir, isolated = true) {
  const server = spawn(process.execPath, [env('DOJO_SERVE'), dir],
    { env: { ...process.env, PORT: '0', ISOLATE: isolated ? '1' : '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/[\d.]+:\d+\//);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { url, stop: () => server.kill() };
}

// The usual set-up of a test file: checks the web build is there, makes the screenshot folder,
// serves the build (isolated) and starts Chromium. Returns {server, baseUrl, browser}.
export async function startApp(webDir, shotDir) {
  assert.ok(existsSync(join(webDir, 'index.html')), `${webDir}/index.html is missing: build the web app first (make build)`);
  mkdirSync(shotDir, { recursive: true });
  const server = await serve(webDir);
  return { server, baseUrl: server.url, browser: await launch() };
}

export async function stopApp({ server, browser }) {
  await browser?.close();
  server?.stop();
}

// Headless Chromium with the flags that work here; `webgpu` adds WebGPU on SwiftShader.
export function launch({ webgpu = false } = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader', ...(webgpu ? ['--enable-unsafe-webgpu'] : [])],
  });
}

// Opens the app and waits for its first full frame; collects everything the page complains about.
export async function openApp(browser, baseUrl, viewport, deviceScaleFactor = 1, hash = '') {
  const page = await browser.newPage({ viewport, deviceScaleFactor });
  const problems = [];
  // Chromium itself warns "No available adapters." when a page asks for a WebGPU adapter on a machine
  // without one (an exercise card asks which languages can run): the browser's note, not the app's.
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && m.text() !== 'No available adapters.') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(baseUrl + hash);
  await page.waitForFunction(() => window.dojoTest !== undefined);
  await Promise.race([
    page.evaluate(() => window.dojoTest.ready),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no first frame in 30 s; page said: ${problems.join('; ')}`)), 30000)),
  ]);
  return { page, problems };
}

// Waits until the app has drawn a few more frames, so a change (a click, a resize) is on screen.
export const frames = (page, n = 3) => page.evaluate((n) => new Promise((resolve) => {
  const step = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
  step(n);
}), n);

// Waits until the app has stopped drawing, so the widgets' places in its last frame are final (it
// rests a few frames after input or a navigation), or `timeout` ms where something keeps moving.
export const settled = (page, timeout = 1000) => page.evaluate((timeout) => new Promise((resolve) => {
  const start = performance.now();
  let last = window.dojoTest.frames(), still = 0;
  const step = () => {
    const now = window.dojoTest.frames();
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 3 || performance.now() - start > timeout) resolve();
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}), timeout);

// Scrolls the view with the mouse wheel until the widget is fully on screen, then clicks it. Reads
// the widget's place only once the app has settled, so a view still laying out is never clicked.
export async function scrollAndClick(page, label) {
  const { width, height } = page.viewportSize();
  for (let i = 0; i < 80; i++) {
    await settled(page);
    const w = await page.evaluate((l) => window.dojoTest.widget(l), label);
    // Clickable: on screen, with its center on the top bar's widgets or below the bar (content
    // scrolled partly under the bar would receive the click on the bar instead).
    const onScreen = w && w.y >= 0 && w.y + w.h <= height - 4;
    if (onScreen && (w.y + w.h <= 62 || w.y + w.h / 2 > 62)) {
      await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
      await frames(page, 3);
      return;
    }
    await page.mouse.move(width / 2, height / 2);
    await page.mouse.wheel(0, w && w.y < 62 ? -100 : 100);
    await frames(page, 2);
  }
  assert.fail(`no widget labelled '${label}' came into view`);
}


export function assertNotBlank(path) {
  try {
    execFileSync(env('DOJO_PNG_CHECK'), [path], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`${path} looks blank: ${e.stdout}`);
  }
}
