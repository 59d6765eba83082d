// Kernel exercises in the browser: WGSL on WebGPU (SwiftShader in headless Chromium), through the app.
// Every model solution passes and every starter fails; wrong kernels get the right verdict (a compile
// error at the learner's line and column, a write past the output caught in the trailing guard, a
// never-ending loop stopped by the budget and the next run working); and a learner types a kernel
// with real key presses in a lesson, sees the error at its line, fixes it, passes, earns the XP once,
// and finds the code kept after a reload. The traced run names races and reads outside the inputs. Screenshots of the card with a verdict at desktop and phone
// widths land in DOJO_SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { env, serve, launch, openApp, frames, settled, scrollAndClick, assertNotBlank } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');
const lessonsDir = env('DOJO_LESSONS_DIR');
const exercisesDir = join(lessonsDir, 'exercises');
let server, browser;

before(async () => {
  server = await serve(webDir);
  browser = await launch({ webgpu: true });
});
after(async () => {
  await browser?.close();
  server?.stop();
});

// Exercises with a WGSL pair, and their code.
const wgsl = readdirSync(exercisesDir).filter((id) => existsSync(join(exercisesDir, id, 'solution.wgsl'))).sort()
  .map((id) => ({ id, starter: readFileSync(join(exercisesDir, id, 'starter.wgsl'), 'utf8'),
    solution: readFileSync(join(exercisesDir, id, 'solution.wgsl'), 'utf8') }));

const check = (page, id, code, options = {}) => page.evaluate(([i, c, o]) => window.dojoTest.checkExercise(i, c, o), [id, code, options]);

// Chromium also prints a shader's compile errors on the console, with the prepared source: that is the
// browser's log, not the page (the learner sees the verdict), so those lines are not counted.
async function openPage(viewport = { width: 1280, height: 800 }, hash = '') {
  const { page, problems } = await openApp(browser, server.url, viewport, 1, hash);
  const real = () => problems.filter((p) => !/Error while parsing WGSL/.test(p));
  return { page, problems: { real } };
}

test('every exercise has WGSL, and every model solution passes and every starter fails on WebGPU', async () => {
  const all = readdirSync(exercisesDir).filter((id) => existsSync(join(exercisesDir, id, 'exercise.toml')));
  assert.deepEqual(wgsl.map((e) => e.id), all.sort(), 'an exercise has no starter.wgsl and solution.wgsl');
  const { page, problems } = await openPage();
  for (const e of wgsl) {
    const passed = await check(page, e.id, e.solution);
    assert.equal(passed.error, undefined, `${e.id}: ${passed.error}`);
    assert.equal(passed.backend, 'webgpu');
    assert.ok(passed.device, 'the verdict names no device');
    assert.equal(passed.passed, true, `${e.id}'s solution: ${passed.summary}`);
    const starter = await check(page, e.id, e.starter);
    assert.equal(starter.compiled, true, `${e.id}'s starter should compile: ${starter.summary}`);
    assert.equal(starter.passed, false, `${e.id}'s starter passed`);
  }
  // A pass is timed on the larger problem, the learner's kernel and the model solution.
  const timed = await check(page, 'map-add-ten', wgsl.find((e) => e.id === 'map-add-ten').solution, { time: true });
  assert.equal(timed.passed, true, timed.summary);
  assert.ok(timed.time_ms > 0 && timed.reference_time_ms > 0, JSON.stringify(timed));
  // The verdict is the same document as `dojo exercise check --json` (Debian's python3-jsonschema).
  const file = join(shotDir, 'web-exercise-verdict.json');
  writeFileSync(file, JSON.stringify(timed));
  const schema = join(lessonsDir, '..', 'docs', 'exercise-verdict.schema.json');
  execFileSync('python3', ['-c', 'import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))',
    file, schema]);
  assert.deepEqual(problems.real(), []);
  await page.close();
});

test('wrong kernels: a compile error at its line and column, a missing guard, a loop that never ends', async () => {
  const { page, problems } = await openPage();
  const head = '@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)\nfn main(@builtin(global_invocation_id) gid: vec3<u32>) {\n';
  // An unknown name on line 4 of the learner's code.
  const line4 = '    result[gid.x] = a[gid.x] + tenn;';
  let v = await check(page, 'map-add-ten', '// comment\n' + head + line4 + '\n}\n');
  assert.equal(v.compiled, false);
  assert.equal(v.compile_errors[0].line, 4, JSON.stringify(v.compile_errors));
  assert.equal(v.compile_errors[0].column, line4.indexOf('tenn') + 1, JSON.stringify(v.compile_errors));
  assert.match(v.compile_errors[0].message, /tenn/);
  assert.match(v.summary, /line 4/);
  // After the budget's text went into the same line, the column is still the learner's.
  const line3 = '    for (var k = 0u; k < 4u; k++) { result[gid.x] = nope; }';
  v = await check(page, 'map-add-ten', head + line3 + '\n}\n');
  assert.equal(v.compile_errors[0].line, 3, JSON.stringify(v.compile_errors));
  assert.equal(v.compile_errors[0].column, line3.indexOf('nope') + 1, JSON.stringify(v.compile_errors));
  // Redeclaring a prelude's name: an error, never a line of the prelude.
  v = await check(page, 'map-add-ten', 'var<private> a: f32;\n' + head + '}\n');
  assert.equal(v.compiled, false);
  for (const e of v.compile_errors) assert.ok(e.line >= 0 && e.line <= 4, JSON.stringify(v.compile_errors));
  // No guard: threads 10 to 15 write past the output, into the trailing guard.
  const guard = wgsl.find((e) => e.id === 'guard');
  v = await check(page, 'guard', guard.starter);
  assert.equal(v.passed, false);
  assert.equal(v.out_of_bounds_count, 6, v.summary);
  assert.equal(v.out_of_bounds[0].index, 10, v.summary);
  assert.equal(v.first_mismatch, null, 'the right answer, but writes outside the output');
  // A write before element 0: WebGPU keeps it inside the binding (Chromium moves it onto the
  // binding's last element, in the trailing guard), so it is caught as a write outside the output.
  v = await check(page, 'map-add-ten', head + '    let i = i32(gid.x) - 1;\n    result[i] = a[gid.x] + 10.0;\n}\n');
  assert.equal(v.passed, false);
  assert.ok(v.out_of_bounds_count >= 1, v.summary);
  console.log(`a write at index -1: ${v.summary}`);
  // A loop {} with no way out is stopped by the step budget; the next run works.
  v = await check(page, 'map-add-ten', head + '    var x = 0.0;\n    loop {\n        x += 1.0;\n    }\n    result[gid.x] = x;\n}\n');
  assert.equal(v.timed_out, true, v.summary);
  assert.match(v.summary, /would never have ended/);
  v = await check(page, 'map-add-ten', wgsl.find((e) => e.id === 'map-add-ten').solution);
  assert.equal(v.passed, true, v.summary);
  // The device lost in the middle of a check: a run error (not the learner's fault), and the next
  // check opens a fresh device and works.
  v = await page.evaluate((code) => {
    const pending = window.dojoTest.checkExercise('map-add-ten', code);
    Module.dojoExercises.loseDeviceForTest();
    return pending;
  }, wgsl.find((e) => e.id === 'map-add-ten').solution);
  assert.equal(v.passed, false, v.summary);
  assert.equal(v.compiled, true, `a lost device blamed on the kernel: ${v.summary}`);
  assert.match(v.run_error, /lost/, v.summary);
  console.log(`device lost during a check: ${v.summary}`);
  v = await check(page, 'map-add-ten', wgsl.find((e) => e.id === 'map-add-ten').solution);
  assert.equal(v.passed, true, v.summary);
  // while without parentheses too.
  v = await check(page, 'map-add-ten', head + '    var i = 0u;\n    while i < 10u {\n        result[gid.x] = a[gid.x] + 10.0;\n    }\n}\n');
  assert.equal(v.timed_out, true, v.summary);
  assert.deepEqual(problems.real(), []);
  await page.close();
});

test('the traced run in the browser: each thread\'s reads, races and reads outside the inputs, even with the right output', async () => {
  const { page, problems } = await openPage();
  // Every model solution traces with no race and no read outside its inputs, beside its own reads.
  for (const e of wgsl) {
    const v = await check(page, e.id, e.solution);
    assert.ok(v.checks.includes('races'), `${e.id}: the verdict was not traced: ${v.summary}`);
    assert.equal(v.race_count, 0, `${e.id}: ${JSON.stringify(v.races)}`);
    assert.equal(v.out_of_bounds_reads.length, 0, `${e.id}: ${JSON.stringify(v.out_of_bounds_reads)}`);
    assert.ok(v.max_reads_per_thread > 0, `${e.id}: ${v.max_reads_per_thread}`);
    assert.equal(v.model_max_reads_per_thread, v.max_reads_per_thread, e.id);
  }
  // The naive multiply's thread reads a row of a and a column of b: 2n values (n = 8), twice the tiled
  // one's here; its verdict for the tiled exercise says so.
  const naive = wgsl.find((e) => e.id === 'matmul-naive').solution;
  let v = await check(page, 'matmul-naive', naive);
  assert.equal(v.max_reads_per_thread, 16);
  v = await check(page, 'matmul-tiled', naive);
  assert.ok(v.max_reads_per_thread > v.model_max_reads_per_thread, JSON.stringify(v));

  // No barrier between the store to the workgroup array and the mirrored read: a race, named with
  // WGSL's barrier, whatever SwiftShader's schedule made of the output.
  const reverse = wgsl.find((e) => e.id === 'block-reverse').solution;
  const noBarrier = reverse.replace(/^\s*workgroupBarrier\(\);.*$/m, '');
  assert.notEqual(noBarrier, reverse);
  v = await check(page, 'block-reverse', noBarrier);
  assert.equal(v.passed, false, v.summary);
  assert.ok(v.race_count > 0, v.summary);
  assert.equal(v.races[0].kind, 'read_write');
  assert.equal(v.races[0].buffer, 'slice');
  assert.match(v.races[0].message, /workgroupBarrier\(\)/);
  // Two threads writing one element of result: the right output, but a race.
  const head = '@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)\nfn main(@builtin(global_invocation_id) gid: vec3<u32>) {\n';
  v = await check(page, 'map-add-ten', head + '    result[gid.x] = a[gid.x] + 10.0;\n    result[0] = a[0] + 10.0;\n}\n');
  assert.equal(v.first_mismatch, null, v.summary);
  assert.equal(v.passed, false, v.summary);
  assert.equal(v.races[0].kind, 'two_writers', JSON.stringify(v.races));
  assert.equal(v.races[0].index, 0);
  assert.match(v.summary, /Race: /);
  // A read one past the end of a, multiplied away: the output is right, the read is named.
  v = await check(page, 'map-add-ten', head + '    let spare = a[gid.x + 1u];\n    result[gid.x] = a[gid.x] + 10.0 + 0.0 * spare;\n}\n');
  assert.equal(v.first_mismatch, null, v.summary);
  assert.equal(v.passed, false, v.summary);
  assert.equal(v.out_of_bounds_reads.length, 1, JSON.stringify(v.out_of_bounds_reads));
  assert.equal(v.out_of_bounds_reads[0].buffer, 'a');
  // An entry point with no global_invocation_id of its own, and a 2D workgroup array indexed with
  // i32: the traced kernel still compiles and the trace is whole.
  const lidOnly = '@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)\nfn main(@builtin(local_invocation_id) lid: vec3<u32>,\n'
    + '        @builtin(workgroup_id) wid: vec3<u32>) {\n    let i = i32(wid.x * WORKGROUP_X + lid.x);\n'
    + '    result[i] = a[i] + 10.0;\n}\n';
  v = await check(page, 'map-add-ten', lidOnly);
  assert.equal(v.passed, true, v.summary);
  assert.equal(v.max_reads_per_thread, 1);
  assert.deepEqual(problems.real(), []);
  await page.close();
});

// The lesson that gives `id` in an exercise block, or null.
function lessonWith(id) {
  for (const name of readdirSync(lessonsDir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(lessonsDir, name), 'utf8');
    if (!new RegExp('```exercise\\s+id\\s*=\\s*"' + id + '"').test(text)) continue;
    const m = text.match(/^id\s*=\s*"([^"]+)"/m);
    if (m) return m[1];
  }
  return null;
}

// Types `code` with real key presses, a line at a time (Enter between lines).
async function typeCode(page, code) {
  const lines = code.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) {
      await page.keyboard.press('Enter');
      await frames(page, 2);
    }
    await page.keyboard.type(lines[i], { delay: 2 });
    await frames(page, 1);
  }
}

// Ctrl plus a key, held the way a person does: ImGui 1.86 reads Ctrl from SDL's current modifier
// state when it handles the key, so a Ctrl released within the same frame would be missed.
async function chord(page, key) {
  await page.keyboard.down('Control');
  await frames(page, 2);
  await page.keyboard.press(key);
  await frames(page, 2);
  await page.keyboard.up('Control');
  await frames(page, 1);
}

async function replaceCode(page, editor, code) {
  await scrollAndClick(page, editor);
  await chord(page, 'KeyA');
  await page.keyboard.press('Delete');
  await frames(page, 2);
  await typeCode(page, code);
}

// Scrolls in large steps until the widget is near the middle of the screen (a phone's lesson is long).
async function scrollNear(page, label) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width / 2, height / 2);
  for (let i = 0; i < 60; i++) {
    await settled(page);
    const w = await page.evaluate((l) => window.dojoTest.widget(l), label);
    if (!w) assert.fail(`no widget labelled '${label}'`);
    const off = w.y + w.h / 2 - height / 2;
    if (Math.abs(off) < height / 4) return;
    await page.mouse.wheel(0, Math.max(-1500, Math.min(1500, off)));
    await frames(page, 2);
  }
}

// Ctrl+Enter (or Run) was pressed: waits for the verdict, which counts one more run.
async function runAndWait(page, id, press) {
  const runs = await page.evaluate((i) => (window.dojoTest.state().exercises[i] || { runs: 0 }).runs, id);
  await press();
  await page.waitForFunction(([i, n]) => {
    const s = window.dojoTest.state();
    return !s.exercise_running && s.exercises[i] && s.exercises[i].runs > n;
  }, [id, runs], { timeout: 60000 });
  await frames(page, 4);
}

test('a learner types a kernel in a lesson: the error at its line, then a pass, XP once, the code kept', async (t) => {
  const id = 'map-add-ten';
  const lesson = lessonWith(id);
  if (!lesson) {
    t.skip(`no lesson gives the exercise ${id} yet`);
    return;
  }
  const { page, problems } = await openPage({ width: 1280, height: 800 }, `#/lesson/${lesson}`);
  await page.waitForFunction(() => window.dojoTest.widget('Kernel code##map-add-ten') !== null, null, { timeout: 20000 });
  const editor = `Kernel code##${id}`;
  const wrong = '@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)\nfn main(@builtin(global_invocation_id) gid: vec3<u32>) {\n'
    + '    let i = gid.x;\n    result[i] = a[i] + tenn;\n}';
  await replaceCode(page, editor, wrong);
  await runAndWait(page, id, () => chord(page, 'Enter'));
  let state = await page.evaluate(() => window.dojoTest.state());
  assert.match(state.exercises[id].summary, /did not compile: line 4: .*tenn/, JSON.stringify(state.exercises[id]));
  assert.equal(state.exercises[id].passed, false);
  const xpBefore = state.xp;
  await scrollNear(page, `verdict:${id}`);
  await settled(page);
  const errorShot = join(shotDir, 'web-exercise-error.png');
  await page.screenshot({ path: errorShot });
  assertNotBlank(errorShot);

  // Fix the line: select it all again and type the solution.
  await replaceCode(page, editor, wrong.replace('tenn', '10.0'));
  await runAndWait(page, id, () => chord(page, 'Enter'));
  state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.exercises[id].passed, true, JSON.stringify(state.exercises[id]));
  assert.match(state.exercises[id].summary, /^Passed/);
  const xpAfter = state.xp;
  assert.ok(xpAfter > xpBefore, `no XP for the pass (${xpBefore} -> ${xpAfter})`);
  await scrollNear(page, `verdict:${id}`);
  await settled(page, 8000);  // the celebration of the pass has faded
  const desktopShot = join(shotDir, 'web-exercise-passed.png');
  await page.screenshot({ path: desktopShot });
  assertNotBlank(desktopShot);

  // A second pass earns nothing more.
  await scrollAndClick(page, editor);
  await runAndWait(page, id, () => chord(page, 'Enter'));
  state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.exercises[id].runs, 3);
  assert.equal(state.xp, xpAfter, 'a second pass earned XP again');

  // After a reload the code is still there, kept with the progress.
  await page.reload();
  await page.waitForFunction(() => window.dojoTest !== undefined);
  await page.evaluate(() => window.dojoTest.ready);
  const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('compute-dojo/progress.json') || 'null'));
  assert.ok(progress, 'no progress in localStorage');
  assert.equal(progress.exercises[id].code.wgsl, wrong.replace('tenn', '10.0'));
  state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(state.exercises[id].passed, true);
  assert.equal(state.xp, xpAfter);
  assert.deepEqual(problems.real(), []);
  await page.close();

  // The card with a verdict on a phone (390 px wide): the starter run, its cells never written.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.goto(server.url + `#/lesson/${lesson}`);
  await phone.waitForFunction(() => window.dojoTest !== undefined);
  await phone.evaluate(() => window.dojoTest.ready);
  await phone.waitForFunction((l) => window.dojoTest.widget(l) !== null, editor, { timeout: 20000 });
  const run = `\uf04b  Run##${id}`;
  await scrollNear(phone, editor);  // the editor is always in the widget list; a button only when on screen
  await runAndWait(phone, id, () => scrollAndClick(phone, run));
  await scrollNear(phone, `verdict:${id}`);
  await settled(phone);
  const phoneShot = join(shotDir, 'web-exercise-phone.png');
  await phone.screenshot({ path: phoneShot });
  assertNotBlank(phoneShot);
  await phone.close();
});

test('without WebGPU the exercise says why and names the browsers that have it', async (t) => {
  const lesson = lessonWith('map-add-ten');
  if (!lesson) {
    t.skip('no lesson gives the exercise map-add-ten yet');
    return;
  }
  const plain = await launch();  // no --enable-unsafe-webgpu: navigator.gpu is missing
  try {
    const { page, problems } = await openApp(plain, server.url, { width: 1280, height: 800 }, 1, `#/lesson/${lesson}`);
    const v = await check(page, 'map-add-ten', wgsl.find((e) => e.id === 'map-add-ten').solution);
    assert.equal(v.passed, false);
    assert.match(v.run_error, /WebGPU/, v.summary);  // here: navigator.gpu without an adapter
    assert.match(v.run_error, /Chrome/, v.summary);
    await scrollNear(page, 'Kernel code##map-add-ten');
    await settled(page);
    await page.screenshot({ path: join(shotDir, 'web-exercise-no-webgpu.png') });
    assert.deepEqual(problems.filter((p) => !/WebGPU|No available adapters/.test(p)), []);  // Chromium's own notes
    await page.close();
  } finally {
    await plain.close();
  }
});
