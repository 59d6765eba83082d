// Presenter mode in headless Chromium: ?present=1 opens a lesson one screen at a time; the arrow keys,
// Space and Page keys move, B blanks the screen, Esc goes back to the lesson, and ?theme=projector
// draws it for a projector. Screenshots land in $DOJO_SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, serve, launch, openApp, frames, assertNotBlank, startApp, stopApp } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const lessonsDir = env('DOJO_LESSONS_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');

// The first lesson in file order, as the author wrote it, and how many level 1 or 2 headings it has.
const firstFile = readdirSync(lessonsDir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()[0];
const firstText = readFileSync(join(lessonsDir, firstFile), 'utf8');
const lessonId = firstText.match(/^id\s*=\s*"([^"]+)"/m)[1];
let inFence = false;
const headings = firstText.split('\n').filter((line) => {
  if (line.startsWith('```')) inFence = !inFence;
  return !inFence && /^#{1,2} /.test(line);
}).length;

let server, baseUrl, browser;

before(async () => ({ server, baseUrl, browser } = await startApp(webDir, shotDir)));
after(() => stopApp({ server, browser }));

const state = (page) => page.evaluate(() => window.dojoTest.state());
const key = async (page, name) => {
  await page.keyboard.press(name);
  await frames(page, 4);
};

test('?present=1 opens the lesson in presenter mode and the keyboard moves between screens', async () => {
  const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1, `?present=1#/lesson/${lessonId}`);
  await frames(page, 4);
  let s = await state(page);
  assert.equal(s.view, 'present');
  assert.equal(s.present.lesson, lessonId);
  assert.equal(s.present.screen, 1);
  assert.ok(s.present.screens >= headings, `${s.present.screens} screens for ${headings} headings`);
  assert.equal(await page.evaluate(() => window.location.hash), `#/present/${lessonId}/1`);
  assert.equal(await page.evaluate(() => window.location.search), '', 'present=1 is taken off the address once read');
  const shot = join(shotDir, 'web-present-title.png');
  await page.screenshot({ path: shot });
  assertNotBlank(shot);

  await key(page, 'ArrowRight');
  assert.equal((await state(page)).present.screen, 2);
  await key(page, 'Space');
  assert.equal((await state(page)).present.screen, 3);
  await key(page, 'PageDown');
  assert.equal((await state(page)).present.screen, 4);
  await key(page, 'ArrowLeft');
  assert.equal((await state(page)).present.screen, 3);
  assert.equal(await page.evaluate(() => window.location.hash), `#/present/${lessonId}/3`, 'the address follows the screen');
  await page.screenshot({ path: join(shotDir, 'web-present-screen.png') });

  await key(page, 'b');
  s = await state(page);
  assert.equal(s.present.blank, true, 'B blanks the screen');
  await key(page, 'b');
  assert.equal((await state(page)).present.blank, false, 'B again shows it');

  // A reload keeps the place.
  await page.reload();
  await page.waitForFunction(() => window.dojoTest !== undefined);
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 4);
  s = await state(page);
  assert.equal(s.view, 'present');
  assert.equal(s.present.screen, 3);

  await key(page, 'Escape');
  s = await state(page);
  assert.equal(s.view, 'lesson');
  assert.equal(s.lesson, lessonId);
  assert.equal(s.present, undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a quiz screen reveals its answer and earns the teacher no XP', async () => {
  const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1, `#/present/${lessonId}`);
  await frames(page, 4);
  await key(page, 'End');
  let s = await state(page);
  for (let i = 0; i < s.present.screens && s.present.kind !== 'quiz'; ++i) {  // back to the last quiz
    await key(page, 'ArrowLeft');
    s = await state(page);
  }
  assert.equal(s.present.kind, 'quiz', 'the first lesson has a quiz screen');
  await key(page, 'r');
  s = await state(page);
  assert.equal(s.present.revealed.length, 1);
  assert.equal(s.xp, 0);
  assert.deepEqual(s.questions, {});
  await page.screenshot({ path: join(shotDir, 'web-present-quiz.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('?theme=projector with ?present=1 draws presenter mode on the projector theme', async () => {
  const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1,
    `?present=1&theme=projector#/lesson/${lessonId}`);
  await frames(page, 4);
  const s = await state(page);
  assert.equal(s.view, 'present');
  await key(page, 'ArrowRight');
  await key(page, 'ArrowRight');
  assert.equal((await state(page)).present.screen, 3);
  const shot = join(shotDir, 'web-present-projector.png');
  await page.screenshot({ path: shot });
  assertNotBlank(shot);
  // The projector theme is light: the screenshot is mostly bright (decoded by the page's own 2D canvas).
  const png = (await page.screenshot()).toString('base64');
  const bright = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += (d[i] + d[i + 1] + d[i + 2]) / 3;
    return sum / (d.length / 4);
  }, png);
  assert.ok(bright > 150, `the projector theme should be light, mean brightness ${bright}`);
  assert.equal(await page.evaluate(() => new URL(window.location.href).searchParams.get('theme')), 'projector', 'the theme stays in the address');
  assert.deepEqual(problems, []);
  await page.close();
});

test('presenter mode fits a phone: every button on screen, nothing wider than the screen', async () => {
  const { page, problems } = await openApp(browser, baseUrl, { width: 360, height: 640 }, 2, `#/present/${lessonId}/2`);
  await frames(page, 6);
  const s = await state(page);
  assert.equal(s.present.screen, 2);
  const widgets = await page.evaluate(() => window.dojoTest.widgets());
  assert.ok(widgets.length >= 4, `the footer's buttons are drawn: ${JSON.stringify(widgets)}`);
  for (const w of widgets) assert.ok(w.x >= 0 && w.x + w.w <= 361 && w.y + w.h <= 641, `off screen: ${JSON.stringify(w)}`);
  const shot = join(shotDir, 'web-present-phone.png');
  await page.screenshot({ path: shot });
  assertNotBlank(shot);
  assert.deepEqual(problems, []);
  await page.close();
});
