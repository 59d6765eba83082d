// The web app in headless Chromium (playwright-core, Debian's /usr/bin/chromium): it loads with
// no errors, draws a non-blank start screen listing every lesson, follows resizes and HiDPI,
// and opens a lesson on a real mouse click. Screenshots land in $DOJO_SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, serve, launch, openApp, frames, scrollAndClick, assertNotBlank, startApp, stopApp } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const lessonsDir = env('DOJO_LESSONS_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');

const lessonsTrack = (file) => readFileSync(join(lessonsDir, file), 'utf8').match(/^track\s*=\s*"([^"]+)"/m)[1];

// The lesson ids and titles, read from the front matter the way an author writes it.
const lessons = readdirSync(lessonsDir)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort()
  .map((f) => {
    const text = readFileSync(join(lessonsDir, f), 'utf8');
    return { id: text.match(/^id\s*=\s*"([^"]+)"/m)[1], title: text.match(/^title\s*=\s*"([^"]+)"/m)[1] };
  });

let server, baseUrl, browser;

before(async () => ({ server, baseUrl, browser } = await startApp(webDir, shotDir)));
after(() => stopApp({ server, browser }));

const open = (viewport, deviceScaleFactor = 1) => openApp(browser, baseUrl, viewport, deviceScaleFactor);

// The first single-choice question of a lesson file: its id, XP, one right and one wrong choice.
function firstSingleChoice(lessonFile) {
  const text = readFileSync(join(lessonsDir, lessonFile), 'utf8');
  for (const [, body] of text.matchAll(/```quiz\n([\s\S]*?)```/g)) {
    if (!/^type\s*=\s*"single"/m.test(body)) continue;
    const choices = [...body.matchAll(/\{\s*text\s*=\s*"([^"]+)"([^}]*)\}/g)].map(([, t, rest]) => ({ text: t, correct: /correct\s*=\s*true/.test(rest) }));
    const xp = body.match(/^xp\s*=\s*(\d+)/m);
    return { id: body.match(/^id\s*=\s*"([^"]+)"/m)[1], xp: xp ? Number(xp[1]) : 5,
      right: choices.find((c) => c.correct).text, wrong: choices.find((c) => !c.correct).text };
  }
  throw new Error(`${lessonFile} has no single-choice question`);
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
  assert.deepEqual([...state.lessons].sort(), lessons.map((l) => l.id).sort());
  assert.deepEqual(state.broken, []);
  const first = await page.evaluate((t) => window.dojoTest.widget(t), lessons[0].title);
  assert.ok(first && first.x >= 0 && first.x + first.w <= 1280 && first.y + first.h <= 800, `the first lesson is not on screen: ${JSON.stringify(first)}`);
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
  await scrollAndClick(page, target.title);
  const state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.view, 'lesson');
  assert.equal(state.lesson, target.id);
  const shot = join(shotDir, 'web-lesson.png');
  await page.screenshot({ path: shot });
  assertNotBlank(shot);
  assert.deepEqual(problems, []);
  await page.close();
});

test('learning flow: tree, lesson, a wrong then a right answer, XP, and progress kept across a reload', async () => {
  const lesson = lessons[0];
  const file = readdirSync(lessonsDir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()[0];
  const quiz = firstSingleChoice(file);
  const key = `${lesson.id}/${quiz.id}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(baseUrl + '#/tree');
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 4);
  assert.equal((await page.evaluate(() => window.dojoTest.state())).view, 'tree');
  await page.screenshot({ path: join(shotDir, 'web-tree.png') });

  await scrollAndClick(page, `tree:${lesson.id}`);
  await scrollAndClick(page, '\uf04b  Start lesson');
  let state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.view, 'lesson');
  assert.equal(state.lesson, lesson.id);
  assert.equal(await page.evaluate(() => window.location.hash), `#/lesson/${lesson.id}`);
  await page.screenshot({ path: join(shotDir, 'web-reader.png') });
  assertNotBlank(join(shotDir, 'web-reader.png'));

  await scrollAndClick(page, quiz.wrong);
  await scrollAndClick(page, `Check answer##${quiz.id}`);
  state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.xp, 0, 'a wrong answer earns nothing');
  assert.deepEqual({ attempts: state.questions[key].attempts, correct: state.questions[key].correct }, { attempts: 1, correct: false });
  await page.screenshot({ path: join(shotDir, 'web-quiz-wrong.png') });
  // A screen reader hears the verdict through the live region, without moving there.
  await page.waitForFunction(() => /^Not quite\./.test(document.getElementById('live').textContent), null, { timeout: 5000 });

  await scrollAndClick(page, quiz.right);
  await scrollAndClick(page, `Try again##${quiz.id}`);
  state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.xp, quiz.xp, 'the first correct answer earns the question\'s XP');
  assert.equal(state.questions[key].correct, true);
  assert.equal(state.track_xp[lessonsTrack(file)], quiz.xp);
  await page.screenshot({ path: join(shotDir, 'web-quiz-right.png') });
  await page.waitForFunction((xp) => document.getElementById('live').textContent.startsWith(`Correct. +${xp} XP.`), quiz.xp,
    { timeout: 5000 });
  assert.equal(await page.getAttribute('#live', 'aria-live'), 'polite');

  // Answering again earns nothing more.
  await scrollAndClick(page, `Check answer##${quiz.id}`);
  assert.equal((await page.evaluate(() => window.dojoTest.state())).xp, quiz.xp);

  await page.reload();
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 3);
  state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.xp, quiz.xp, 'progress survives a reload');
  assert.equal(state.questions[key].correct, true);
  assert.equal(state.view, 'lesson');
  assert.deepEqual(problems, []);
  await context.close();
});

test('deep links open their view, and back and forward move between views', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const page = await context.newPage();
  await page.goto(baseUrl + '#/glossary/vram');
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 4);
  assert.equal((await page.evaluate(() => window.dojoTest.state())).view, 'glossary');
  await page.screenshot({ path: join(shotDir, 'web-glossary.png') });
  assertNotBlank(join(shotDir, 'web-glossary.png'));

  await scrollAndClick(page, '\uf0e8  Skill tree');
  assert.equal(await page.evaluate(() => window.location.hash), '#/tree');
  await page.goBack();
  await frames(page, 4);
  assert.equal((await page.evaluate(() => window.dojoTest.state())).view, 'glossary');
  await page.goForward();
  await frames(page, 4);
  assert.equal((await page.evaluate(() => window.dojoTest.state())).view, 'tree');

  await page.goto(baseUrl + '#/lesson/no-such-lesson');
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 3);
  const state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.view, 'home');
  assert.ok(state.notices.some((n) => n.includes('no-such-lesson')), 'an unknown lesson says so');
  await context.close();
});

test('with browser storage disabled the app still runs and says progress will not be kept', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  await context.addInitScript(() => {
    const deny = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    Storage.prototype.setItem = deny;
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseUrl + '#/lesson/' + lessons[0].id);
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 4);
  const state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.view, 'lesson');
  assert.ok(state.notices.some((n) => n.includes('will not be kept')), `notices: ${JSON.stringify(state.notices)}`);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(shotDir, 'web-storage-full.png') });
  await context.close();
});

test('progress exports as a download and imports through the file picker', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(baseUrl + '#/');
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 3);

  // Import a progress file with 42 XP through the browser's file picker.
  const file = { format: 'compute-dojo-progress', version: 1, track_xp: { [lessonsTrack(readdirSync(lessonsDir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()[0])]: 42 } };
  await scrollAndClick(page, '\uf2bd##Your progress');
  const chooser = page.waitForEvent('filechooser');
  await scrollAndClick(page, '\uf093  Import progress');
  await (await chooser).setFiles({ name: 'compute-dojo-progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForFunction(() => window.dojoTest.state().xp === 42, null, { timeout: 10000 });

  // Export it again: a download of the same progress.
  await scrollAndClick(page, '\uf2bd##Your progress');
  const download = page.waitForEvent('download');
  await scrollAndClick(page, '\uf019  Export progress');
  const saved = await (await download).path();
  const exported = JSON.parse(readFileSync(saved, 'utf8'));
  assert.equal(exported.format, 'compute-dojo-progress');
  assert.equal(Object.values(exported.track_xp).reduce((a, b) => a + b, 0), 42);
  await context.close();
});
