// The text layer over the canvas (engine/ui/text_layer.h, index.html's dojoTextLayer): the browser's
// find reaches a line of the lesson that is off screen, scrolls the app to it and selects it where the
// canvas draws it; a drag selects a line and Ctrl+C copies it; clicks on text still reach the app; and
// a resting app leaves the layer alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { env, startApp, stopApp, openApp, settled, frames } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');
let server, browser;

before(async () => ({ server, browser } = await startApp(webDir, shotDir)));
after(() => stopApp({ server, browser }));

const selectionRect = (page) => page.evaluate(() => {
  const s = window.getSelection();
  if (!s.rangeCount) return null;
  const r = s.getRangeAt(0).getBoundingClientRect();
  return { x: r.x, y: r.y, w: r.width, h: r.height, text: s.toString() };
});

test('find reaches a line off screen, scrolls the lesson to it and selects it where it is drawn', async () => {
  const { page, problems } = await openApp(browser, server.url, { width: 1280, height: 800 }, 1, '#/lesson/cpu-vs-gpu');
  await settled(page);
  // The phrase is far below the first screen.
  const lines = await page.evaluate(() => [...document.querySelectorAll('#text-layer span')].map((s) => ({
    text: s.textContent, top: parseFloat(s.style.top) })));
  const target = lines.find((l) => l.text.includes('freight train'));
  assert.ok(target, 'the lesson\'s text is not in the layer');
  assert.ok(target.top > 800, `the phrase is already on screen (${target.top})`);
  assert.equal(await page.evaluate(() => window.find('freight train')), true);
  await settled(page);
  const r = await selectionRect(page);
  assert.equal(r.text, 'freight train');
  assert.ok(r.y > 60 && r.y + r.h < 800, `the lesson did not scroll the phrase into view: ${JSON.stringify(r)}`);
  // The selection lies over the words the canvas drew: the phrase's line in the layer has the drawn
  // line's width, and the pixels under the selection are text, not an empty background.
  const shot = join(shotDir, 'web-find-in-lesson.png');
  await page.screenshot({ path: shot });
  const under = join(shotDir, 'web-find-under-selection.png');
  await page.evaluate(() => window.getSelection().removeAllRanges());
  await frames(page, 2);
  await page.screenshot({ path: under, clip: { x: r.x, y: r.y, width: r.w, height: r.h } });
  // png_check calls an image this small blank by its size alone; its measures still say what is there.
  const pixels = JSON.parse(spawnSync(env('DOJO_PNG_CHECK'), [under], { encoding: 'utf8' }).stdout.trim() || '{}');
  assert.ok(pixels.distinct_colors > 8 && pixels.luma_stddev > 20, `no drawn text under the selection: ${JSON.stringify(pixels)}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a drag selects a line and Ctrl+C copies it; a click on a link in the text still reaches the app', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const { page, problems } = await openApp(context, server.url, { width: 1280, height: 800 }, 1, '#/lesson/cpu-vs-gpu');
  await settled(page);
  // The layer's lines on screen, and the app's widgets (links in the text among them) over each.
  const { lines, widgets } = await page.evaluate(() => ({
    lines: [...document.querySelectorAll('#text-layer span')].map((s) => {
      const r = s.getBoundingClientRect();
      return { text: s.textContent.trim(), x: r.x, y: r.y, w: r.width, h: r.height };
    }).filter((l) => l.y > 100 && l.y + l.h < 700),
    widgets: window.dojoTest.widgets(),
  }));
  const over = (l) => widgets.filter((w) => w.x < l.x + l.w && w.x + w.w > l.x && w.y < l.y + l.h && w.y + w.h > l.y);
  const plain = lines.find((l) => l.text.length > 40 && over(l).length === 0);
  assert.ok(plain, 'no line of plain text on screen');
  await page.mouse.move(plain.x + 1, plain.y + plain.h / 2);
  await page.mouse.down();
  await page.mouse.move(plain.x + plain.w / 2, plain.y + plain.h / 2, { steps: 5 });
  await page.mouse.move(plain.x + plain.w - 1, plain.y + plain.h / 2, { steps: 5 });
  await page.mouse.up();
  await frames(page, 2);
  const selected = (await selectionRect(page)).text.trim();
  assert.ok(selected.length > 20 && plain.text.includes(selected), `selected '${selected}' of '${plain.text}'`);
  await page.keyboard.press('Control+c');
  assert.equal((await page.evaluate(() => navigator.clipboard.readText())).trim(), selected);
  // A link drawn in a line of text: the click lands on the layer and goes on to the app, which follows it.
  const line = lines.find((l) => over(l).some((w) => w.label && l.text.includes(w.label)));
  assert.ok(line, 'no link in the text on screen');
  const link = over(line).find((w) => line.text.includes(w.label));
  const before = await page.evaluate(() => window.dojoTest.state().lesson);
  await page.mouse.click(link.x + link.w / 2, link.y + link.h / 2);
  await settled(page);
  const after = await page.evaluate(() => [window.dojoTest.state().view, window.dojoTest.state().lesson, location.hash]);
  assert.notDeepEqual([after[0], after[1]], ['lesson', before], `clicking '${link.label}' did nothing: ${after}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a resting app leaves the layer alone', async () => {
  const { page } = await openApp(browser, server.url, { width: 1280, height: 800 }, 1, '#/lesson/cpu-vs-gpu');
  await settled(page, 3000);
  const changes = await page.evaluate(() => new Promise((resolve) => {
    let n = 0;
    const observer = new MutationObserver((list) => { n += list.length; });
    observer.observe(document.getElementById('text-layer'), { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(() => { observer.disconnect(); resolve(n); }, 1500);
  }));
  assert.equal(changes, 0, 'the layer changed while nothing moved');
  // A scroll moves the lines, and only then.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, 300);
  await settled(page);
  const top = await page.evaluate(() => parseFloat(document.querySelector('#text-layer span').style.top));
  assert.ok(top < 300, `the first line did not move up with the scroll (${top})`);
  await page.close();
});
