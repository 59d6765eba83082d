// The Class view in headless Chromium: a teacher opens three students' progress files, two machines'
// lab results (from the real CLI) and a broken file at once; the summary counts them, explains the
// broken file, exports a CSV with a row per student, and draws both machines in one Labs chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, serve, launch, frames, scrollAndClick, assertNotBlank } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');
const lessonsDir = env('DOJO_LESSONS_DIR');
const cli = env('DOJO_CLI');

let server, browser;

before(async () => {
  mkdirSync(shotDir, { recursive: true });
  server = await serve(webDir, false);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

// The lesson files' ids and their quiz ids, read the way an author writes them.
function lessonQuizzes() {
  const out = {};
  for (const f of readdirSync(lessonsDir).filter((f) => /^\d+-.*\.md$/.test(f))) {
    const text = readFileSync(join(lessonsDir, f), 'utf8');
    const id = text.match(/^id = "([^"]+)"/m)[1];
    out[id] = [...text.matchAll(/```quiz\s*\nid = "([^"]+)"/g)].map((m) => m[1]);
  }
  return out;
}

// A student's export: completed lessons and, per question key, [attempts, wrong attempts].
function progressFile(completed, answers, xp) {
  const lessons = Object.fromEntries(completed.map((id) => [id, { read_to_end: true, completed: true }]));
  const questions = Object.fromEntries(Object.entries(answers).map(([key, [attempts, wrong]]) =>
    [key, { attempts, wrong_attempts: wrong, correct: attempts > wrong }]));
  return JSON.stringify({ format: 'compute-dojo-progress', version: 1, track_xp: { foundations: xp }, lessons, questions });
}

// A real `dojo bench --json` run, as if it came from the machine called `host`.
function resultsFile(host) {
  const doc = JSON.parse(execFileSync(cli, ['bench', '--backend', 'cpu', '--size', '64', '--kernel', 'naive', '--reps', '2', '--json'],
    { encoding: 'utf8' }));
  for (const report of Array.isArray(doc) ? doc : [doc]) report.machine.host = host;
  return JSON.stringify(doc);
}

const classState = (page) => page.evaluate(() => window.dojoTest.state().class);

test('a teacher opens a class\'s files: summary, messages, CSV and one lab chart', async () => {
  const quizzes = lessonQuizzes();
  const [q1, q2] = quizzes['cpu-vs-gpu'].map((q) => `cpu-vs-gpu/${q}`);
  assert.ok(q1 && q2, 'cpu-vs-gpu has two quiz questions');
  const files = [
    ['ana-progress.json', progressFile(['what-ai-computes', 'cpu-vs-gpu'], { [q1]: [1, 0], [q2]: [2, 1] }, 60)],
    ['ben-progress.json', progressFile(['what-ai-computes'], { [q1]: [1, 0], [q2]: [3, 2] }, 30)],
    ['cleo-progress.json', progressFile([], { [q1]: [2, 1], [q2]: [1, 0] }, 10)],
    ['lab-pc-1.json', resultsFile('lab-pc-1')],
    ['cloud-gpu.json', resultsFile('cloud-gpu')],
    ['broken.json', '{"format": "compute-dojo-results", "version": 1, "lab": '],
  ];

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  await page.goto(server.url + '#/');
  await page.evaluate(() => window.dojoTest.ready);
  await frames(page, 3);

  // From the profile menu, as a teacher finds it.
  await scrollAndClick(page, '\uf2bd##Your progress');
  await scrollAndClick(page, '\uf19d  Class results (for teachers)');
  assert.equal(await page.evaluate(() => window.dojoTest.state().view), 'class');
  assert.equal(await page.evaluate(() => window.location.hash), '#/class');

  const chooser = page.waitForEvent('filechooser');
  await scrollAndClick(page, '\uf093  Open students\' files\u2026');
  await (await chooser).setFiles(files.map(([name, text]) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) })));
  await page.waitForFunction(() => window.dojoTest.state().class.files === 6, null, { timeout: 10000 });
  await frames(page, 3);

  const state = await classState(page);
  assert.equal(state.students, 3);
  assert.equal(state.questions, 2);
  assert.equal(state.results, 2);
  assert.equal(state.messages, 1, state.notes.join(' | '));
  assert.match(state.notes[0], /^broken\.json is not valid JSON, so it was skipped: line 1, column \d+/);
  await page.mouse.move(640, 790);  // no tooltip over the table
  await frames(page, 3);
  await page.screenshot({ path: join(shotDir, 'web-class.png') });
  assertNotBlank(join(shotDir, 'web-class.png'));

  // The lessons table as CSV: a header and a row per student, quoted where needed.
  const download = page.waitForEvent('download');
  await scrollAndClick(page, '\uf019  Export CSV##lessons');
  const csv = readFileSync(await (await download).path(), 'utf8');
  const rows = csv.trim().split('\r\n');
  assert.equal(rows.length, 4, csv);
  assert.match(rows[0], /^student,file,xp,lessons completed,/);
  assert.match(rows[1], /^ana,ana-progress\.json,60,2,yes,yes,/);
  assert.match(rows[3], /^cleo,cleo-progress\.json,10,0,/);

  // The questions as CSV: the weakest first (q2: right first time for one student of three).
  const download2 = page.waitForEvent('download');
  await scrollAndClick(page, '\uf019  Export CSV##questions');
  const questions = readFileSync(await (await download2).path(), 'utf8').trim().split('\r\n');
  assert.equal(questions.length, 3);
  assert.match(questions[1], new RegExp(`,${q2.split('/')[1]},.*,3,1,33%$`));
  assert.match(questions[2], new RegExp(`,${q1.split('/')[1]},.*,3,2,67%$`));

  // Both machines in the Labs view's matmul chart.
  await scrollAndClick(page, '\uf0c3  Show in Labs: Matrix multiply: CPU against GPU');
  await page.waitForFunction(() => window.dojoTest.state().view === 'labs', null, { timeout: 5000 });
  assert.equal((await page.evaluate(() => window.dojoTest.state().labs)).comparisons, 2);
  await frames(page, 5);
  assert.ok(await page.evaluate(() => window.dojoTest.widget('chart:matmul')), 'the chart is drawn');
  for (let i = 0; i < 20; i++) {  // bring the chart to the top of the window for the picture
    const chart = await page.evaluate(() => window.dojoTest.widget('chart:matmul'));
    if (chart.y < 200) break;
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, 100);
    await frames(page, 2);
  }
  await page.mouse.move(1270, 790);
  await frames(page, 3);
  await page.screenshot({ path: join(shotDir, 'web-class-labs.png') });
  assertNotBlank(join(shotDir, 'web-class-labs.png'));

  // Back in the Class view, showing the lab again adds no second copy of the class.
  await page.goBack();
  await page.waitForFunction(() => window.dojoTest.state().view === 'class', null, { timeout: 5000 });
  await scrollAndClick(page, '\uf0c3  Show in Labs: Matrix multiply: CPU against GPU');
  await page.waitForFunction(() => window.dojoTest.state().view === 'labs', null, { timeout: 5000 });
  assert.equal((await page.evaluate(() => window.dojoTest.state().labs)).comparisons, 2);
  assert.deepEqual(problems, []);
  await context.close();
});
