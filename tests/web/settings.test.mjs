// Settings in the browser: ?theme= gives that theme for the visit (a light background on screen)
// without changing the saved choice, a UI scale chosen in #/settings survives a reload and really
// enlarges the widgets, and the system's reduced-motion preference turns reduced motion on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { env, serve, launch, openApp, frames, scrollAndClick, assertNotBlank, startApp, stopApp } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');

let server, baseUrl, browser;

before(async () => ({ server, baseUrl, browser } = await startApp(webDir, shotDir)));
after(() => stopApp({ server, browser }));

const state = (page) => page.evaluate(() => window.dojoTest.state());

// The RGB of pixel (x, y) of a PNG screenshot (8-bit RGB or RGBA, not interlaced, as Chromium writes).
function pixel(png, x, y) {
  let at = 8, width = 0, channels = 0;
  const data = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at), type = png.toString('latin1', at + 4, at + 8), body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      assert.equal(body[8], 8, 'an 8-bit PNG');
      channels = { 2: 3, 6: 4 }[body[9]];
      assert.ok(channels, `PNG color type ${body[9]}`);
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data)), stride = width * channels;
  let previous = Buffer.alloc(stride), row = Buffer.alloc(stride);
  for (let r = 0; r <= y; r++) {
    const filter = raw[r * (stride + 1)], line = raw.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1));
    row = Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      row[i] = (line[i] + predictor) & 0xFF;
    }
    previous = row;
  }
  return [row[x * channels], row[x * channels + 1], row[x * channels + 2]];
}

test('?theme=projector shows the projector theme for the visit, light on screen, and keeps the saved choice', async () => {
  const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1, '?theme=projector');
  await frames(page, 3);
  const s = (await state(page)).settings;
  assert.equal(s.theme, 'projector');
  assert.equal(s.theme_override, 'projector');
  assert.equal(s.saved_theme, 'dark', 'a link does not change what the learner chose');
  const shot = join(shotDir, 'settings-projector-home.png');
  const png = await page.screenshot({ path: shot });
  assertNotBlank(shot);
  // The window background below the top bar, at the left margin: white on the projector theme.
  const [r, g, b] = pixel(png, 4, 400);
  assert.ok(r > 230 && g > 230 && b > 230, `expected a light background, got rgb(${r}, ${g}, ${b})`);
  // What the learner saved is still dark: opening the app without the parameter shows it.
  await page.goto(baseUrl + '#/');
  await page.waitForFunction(() => window.dojoTest !== undefined);
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 3);
  assert.equal((await state(page)).settings.theme, 'dark');
  const [r2, g2, b2] = pixel(await page.screenshot(), 4, 400);
  assert.ok(r2 < 60 && g2 < 60 && b2 < 60, `expected the dark background, got rgb(${r2}, ${g2}, ${b2})`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('?theme=light works too, and an unknown theme says which ones exist', async () => {
  const light = await openApp(browser, baseUrl, { width: 1024, height: 700 }, 1, '?theme=light');
  assert.equal((await state(light.page)).settings.theme, 'light');
  const [r, g, b] = pixel(await light.page.screenshot(), 4, 400);
  assert.ok(r > 220 && g > 220 && b > 220, `expected a light background, got rgb(${r}, ${g}, ${b})`);
  await light.page.close();

  const odd = await openApp(browser, baseUrl, { width: 1024, height: 700 }, 1, '?theme=neon');
  const s = await state(odd.page);
  assert.equal(s.settings.theme, 'dark');
  assert.ok(s.notices.some((n) => n.includes("'neon'") && n.includes('projector')), JSON.stringify(s.notices));
  await odd.page.close();
});

test('a UI scale chosen in Settings enlarges the widgets and survives a reload', async () => {
  const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1, '#/settings');
  assert.equal((await state(page)).view, 'settings');
  const before = await page.evaluate(() => window.dojoTest.widget('100%'));
  assert.ok(before, 'the 100% button is on screen');
  await scrollAndClick(page, '150%');
  await frames(page, 4);
  assert.equal((await state(page)).settings.ui_scale, 1.5);
  await page.screenshot({ path: join(shotDir, 'settings-150.png') });

  await page.reload();
  await page.waitForFunction(() => window.dojoTest !== undefined);
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 4);
  const s = await state(page);
  assert.equal(s.view, 'settings');
  assert.equal(s.settings.ui_scale, 1.5);
  const after = await page.evaluate(() => window.dojoTest.widget('100%'));
  assert.ok(after, 'the 100% button is still on screen');
  assert.ok(Math.abs(after.h / before.h - 1.5) < 0.1, `the button grew from ${before.h} to ${after.h} CSS pixels`);
  // The click lands where the widget is drawn at the new scale, too.
  await scrollAndClick(page, '100%');
  assert.equal((await state(page)).settings.ui_scale, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the system asking for reduced motion turns reduced motion on, at start and while open', async () => {
  const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1, '#/settings');
  assert.equal((await state(page)).settings.reduce_motion, false);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await frames(page, 3);
  let s = (await state(page)).settings;
  assert.equal(s.reduce_motion, true);
  assert.equal(s.system_reduce_motion, true);

  await page.reload();  // read again at start
  await page.waitForFunction(() => window.dojoTest !== undefined);
  await page.evaluate(() => window.dojoTest.ready);
  s = (await state(page)).settings;
  assert.equal(s.system_reduce_motion, true);
  assert.equal(s.reduce_motion, true);
  // The Workers race waits for Play.
  await page.evaluate(() => { window.location.hash = '#/labs/explore-workers'; });
  await frames(page, 5);
  const workers = (await state(page)).explorers['explore-workers'];
  assert.equal(workers.playing, false);
  assert.equal(workers.animation_seconds, 0);
  assert.deepEqual(problems, []);
  await page.close();
});
