// The web app rests: with nothing moving it stops its requestAnimationFrame loop (the frame counter of
// the test hook stops and the main thread idles), the canvas keeps the same picture, and input, a
// resize or a navigation wakes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, openApp, frames, assertNotBlank, startApp, stopApp } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');
const lessonsDir = env('DOJO_LESSONS_DIR');
const firstLesson = readFileSync(join(lessonsDir, '01-what-ai-computes.md'), 'utf8').match(/^id\s*=\s*"([^"]+)"/m)[1];

let server, baseUrl, browser;
before(async () => ({ server, baseUrl, browser } = await startApp(webDir, shotDir)));
after(() => stopApp({ server, browser }));

const count = (page) => page.evaluate(() => window.dojoTest.frames());
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits until the app has drawn no frame for half a second (it settles a few frames after input).
async function settled(page) {
  let last = await count(page);
  for (let i = 0; i < 40; i++) {
    await sleep(500);
    const now = await count(page);
    if (now === last) return now;
    last = now;
  }
  assert.fail(`the app never stopped drawing: ${last} frames`);
}

test('a lesson left alone draws no frames, keeps its picture, and wakes on input', async () => {
  const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1, `#/lesson/${firstLesson}`);
  const rested = await settled(page);
  const before = await page.screenshot();
  await sleep(1500);
  assert.equal(await count(page), rested, 'frames were drawn while nothing moved');
  const later = await page.screenshot({ path: join(shotDir, 'web-rest-lesson.png') });
  assertNotBlank(join(shotDir, 'web-rest-lesson.png'));
  assert.ok(before.equals(later), 'the canvas changed while the app rested');

  // The main thread is idle too: almost no task time over two seconds.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const t0 = await busy();
  await sleep(2000);
  const idle = (await busy()) - t0;
  assert.ok(idle < 0.2, `the main thread was busy ${idle.toFixed(3)} s of 2 s while resting`);

  // The mouse wakes it; then it rests again.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, 200);
  await frames(page, 3);
  assert.ok(await count(page) > rested, 'input did not wake the app');
  const scrolled = await settled(page);
  await sleep(500);
  assert.equal(await count(page), scrolled);

  // So do a resize and a navigation (the hash, as a shared link or the back button changes it).
  await page.setViewportSize({ width: 900, height: 700 });
  await page.waitForFunction((n) => window.dojoTest.frames() > n, scrolled, { timeout: 5000 });
  const resized = await settled(page);
  await page.evaluate(() => { window.location.hash = '#/tree'; });
  await page.waitForFunction(() => window.dojoTest.state().view === 'tree', null, { timeout: 5000 });
  assert.ok(await count(page) > resized);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an animation draws until it ends: the Workers race', async () => {
  const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1, '#/labs/explore-workers');
  const f0 = await count(page);
  await sleep(1000);
  const drawn = (await count(page)) - f0;
  assert.ok(drawn >= 10, `only ${drawn} frames in the race's first second`);
  await page.waitForFunction(() => Object.values(window.dojoTest.state().explorers).every((e) => !e.playing), null, { timeout: 30000 });
  await settled(page);
  assert.deepEqual(problems, []);
  await page.close();
});
