// The browser's labs in headless Chromium: the WebAssembly CPU ladder and the WebGPU kernels (on
// SwiftShader) run in the labs' Web Worker, every result verified against the reference; the page
// keeps drawing during a run; cancel stops a run; a page that is not cross-origin isolated and a
// browser without WebGPU each get a clear reason; a `dojo bench --json` file joins the charts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { env, serve, launch, openApp, frames, scrollAndClick, assertNotBlank } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');
const cli = env('DOJO_CLI');
const RUN = '\uf04b  Run the lab';
const CANCEL = '\uf00d  Cancel';

let isolated, plain, browser, gpuBrowser;

before(async () => {
  mkdirSync(shotDir, { recursive: true });
  isolated = await serve(webDir, true);
  plain = await serve(webDir, false);
  browser = await launch();
  gpuBrowser = await launch({ webgpu: true });
});

after(async () => {
  await browser?.close();
  await gpuBrowser?.close();
  isolated?.stop();
  plain?.stop();
});

const labs = (page) => page.evaluate(() => window.dojoTest.state().labs);

// Waits for the labs worker to list its backends; returns them by name.
async function backends(page) {
  await page.waitForFunction(() => (window.dojoTest.state().labs.backends || []).length > 0, null, { timeout: 30000 });
  return Object.fromEntries((await labs(page)).backends.map((b) => [b.name, b]));
}

// Clicks Run and waits for the run to end; returns the latest report of `lab` for `backend`.
async function runLab(page, lab, backend, timeout = 120000) {
  const before = JSON.stringify((await labs(page)).results);
  await scrollAndClick(page, RUN);
  await page.waitForFunction((before) => {
    const s = window.dojoTest.state().labs;
    return !s.running && JSON.stringify(s.results) !== before;
  }, before, { timeout });
  const state = await labs(page);
  const report = (state.results[lab] || []).find((r) => r.backend === backend);
  assert.ok(report, `no ${lab} report for ${backend}: ${JSON.stringify(state)}`);
  return report;
}

function assertAllVerified(report, kernels, n) {
  assert.equal(report.stopped_by_error, false, report.notes.join(' '));
  assert.deepEqual(report.runs.map((r) => r.kernel).sort(), [...kernels].sort());
  for (const r of report.runs) {
    assert.equal(r.n, n);
    assert.ok(r.passed, `${r.kernel} failed: ${r.error} (error ${r.max_rel_error})`);
    assert.ok(r.gflops > 0, `${r.kernel} reported no speed`);
    assert.ok(r.max_rel_error < 1e-2, `${r.kernel} error ${r.max_rel_error}`);
  }
}

test('every WebAssembly rung runs in the worker and is verified, while the page keeps drawing', async () => {
  const { page, problems } = await openApp(browser, isolated.url, { width: 1280, height: 800 }, 1, '#/labs/matmul?size=256&backend=cpu');
  const b = await backends(page);
  assert.ok(b.cpu.available);
  assert.match(b.cpu.device, /WebAssembly/);
  assert.equal(b.cpu.note, '', 'an isolated page has the threaded rung');
  for (const k of ['naive', 'loop-reorder', 'cache-blocked', 'simd-128', 'multithreaded']) assert.ok(b.cpu.kernels.includes(k), k);

  await scrollAndClick(page, RUN);
  // The run happens in the worker: the page keeps drawing its progress meanwhile (at least a few
  // frames a second; an idle page draws none), and the main thread stays free for the input.
  const drawn = await page.evaluate(() => new Promise((resolve) => {
    const f0 = window.dojoTest.frames(), t0 = performance.now();
    const poll = () => {
      const seconds = (performance.now() - t0) / 1000;
      if (!window.dojoTest.state().labs.running || seconds >= 1) resolve({ frames: window.dojoTest.frames() - f0, seconds });
      else setTimeout(poll, 50);
    };
    poll();
  }));
  assert.ok(drawn.seconds >= 0.25, `the run ended after ${drawn.seconds} s, too soon to see the page draw during it`);
  assert.ok(drawn.frames >= 5 * drawn.seconds, `only ${drawn.frames} frames in ${drawn.seconds.toFixed(2)} s during a run`);
  await page.waitForFunction(() => !window.dojoTest.state().labs.running, null, { timeout: 120000 });
  const report = (await labs(page)).results.matmul.find((r) => r.backend === 'cpu');
  assertAllVerified(report, b.cpu.kernels, 256);
  await frames(page, 3);
  await page.screenshot({ path: join(shotDir, 'web-labs-matmul-cpu.png') });
  assertNotBlank(join(shotDir, 'web-labs-matmul-cpu.png'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a page that is not cross-origin isolated the threaded rung says why it cannot run', async () => {
  const { page } = await openApp(browser, plain.url, { width: 1280, height: 800 }, 1, '#/labs/matmul?size=64&backend=cpu');
  const b = await backends(page);
  assert.ok(b.cpu.available);
  assert.ok(!b.cpu.kernels.includes('multithreaded'));
  assert.ok(b.cpu.kernels.includes('simd-128'));
  assert.match(b.cpu.note, /cross-origin isolated/);
  const report = await runLab(page, 'matmul', 'cpu');
  assertAllVerified(report, b.cpu.kernels, 64);
  assert.ok(report.notes.some((n) => /cross-origin isolated/.test(n)), 'the report says why there are no threads');
  await page.close();
});

test('without WebGPU the labs say so and name the browsers that have it', async () => {
  const { page } = await openApp(browser, isolated.url, { width: 1280, height: 800 }, 1, '#/labs/crossover');
  const b = await backends(page);
  assert.equal(b.webgpu.available, false);
  assert.match(b.webgpu.why_not, /WebGPU/);
  assert.match(b.webgpu.why_not, /Chrome/);
  await frames(page, 3);
  assert.ok(await page.evaluate(() => window.dojoTest.widget('labs:no-backend')), 'the no-device card is on screen');
  await page.screenshot({ path: join(shotDir, 'web-labs-no-webgpu.png') });
  await page.close();
});

test('WebGPU kernels and the crossover run on SwiftShader, verified against the CPU', async () => {
  const { page } = await openApp(gpuBrowser, isolated.url, { width: 1280, height: 800 }, 1, '#/labs/matmul?size=96&backend=webgpu');
  const b = await backends(page);
  assert.ok(b.webgpu.available, b.webgpu.why_not);
  assert.deepEqual(b.webgpu.kernels, ['naive', 'tiled-shared', 'register-tiled']);
  assertAllVerified(await runLab(page, 'matmul', 'webgpu'), b.webgpu.kernels, 96);
  await page.screenshot({ path: join(shotDir, 'web-labs-matmul-webgpu.png') });

  await page.evaluate(() => { window.location.hash = '#/labs/crossover?size=64'; });
  await frames(page, 5);
  const crossover = await runLab(page, 'crossover', 'webgpu');
  assert.equal(crossover.stopped_by_error, false, crossover.notes.join(' '));
  assert.equal(crossover.crossover, 1, 'one size measured');
  await page.screenshot({ path: join(shotDir, 'web-labs-crossover.png') });
  await page.close();
});

test('cancel stops a long run, and the worker runs the next one', async () => {
  const { page } = await openApp(browser, isolated.url, { width: 1280, height: 800 }, 1, '#/labs/matmul?size=1024&backend=cpu');
  await backends(page);
  await scrollAndClick(page, RUN);
  await page.waitForFunction(() => window.dojoTest.state().labs.running, null, { timeout: 10000 });
  await scrollAndClick(page, CANCEL);
  await page.waitForFunction(() => !window.dojoTest.state().labs.running, null, { timeout: 15000 });
  const cancelled = (await labs(page)).results.matmul.find((r) => r.backend === 'cpu');
  assert.equal(cancelled.cancelled, true);

  await page.evaluate(() => { window.location.hash = '#/labs/matmul?size=32&backend=cpu&kernel=naive'; });
  await frames(page, 5);
  const next = await runLab(page, 'matmul', 'cpu');
  assert.equal(next.cancelled, false);
  assert.ok(next.runs.length >= 1 && next.runs.every((r) => r.passed));
  await page.close();
});

test('a results file from dojo bench is drawn beside the browser\'s own results', async () => {
  const results = execFileSync(cli, ['bench', '--backend', 'cpu', '--size', '64', '--kernel', 'naive,cache-blocked', '--reps', '2', '--json'],
    { encoding: 'utf8' });
  const { page, problems } = await openApp(browser, isolated.url, { width: 1280, height: 800 }, 1, '#/labs/matmul?size=64&backend=cpu&kernel=naive');
  await backends(page);
  await runLab(page, 'matmul', 'cpu');
  const chooser = page.waitForEvent('filechooser');
  await scrollAndClick(page, '\uf0ec  Compare with a results file\u2026');
  await (await chooser).setFiles({ name: 'server-bench.json', mimeType: 'application/json', buffer: Buffer.from(results) });
  await page.waitForFunction(() => window.dojoTest.state().labs.comparisons === 1, null, { timeout: 10000 });
  await frames(page, 3);
  assert.ok(await page.evaluate(() => window.dojoTest.widget('chart:matmul')), 'the chart is drawn');
  await page.screenshot({ path: join(shotDir, 'web-labs-compare.png') });

  // A file that is not a results file gets a clear message, and the comparison stays as it was.
  const chooser2 = page.waitForEvent('filechooser');
  await scrollAndClick(page, '\uf0ec  Compare with a results file\u2026');
  await (await chooser2).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await frames(page, 5);
  assert.equal((await labs(page)).comparisons, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a size the browser cannot hold is refused with a message, and the worker runs the next lab', async () => {
  // 60000 x 60000 FP32 matrices are 14 GB each: more than a WebAssembly heap can ever hold. The lab
  // must say so before allocating; an allocation that failed would abort the worker.
  const { page, problems } = await openApp(browser, isolated.url, { width: 1280, height: 800 }, 1,
    '#/labs/matmul?size=60000&backend=cpu&kernel=naive');
  await backends(page);
  const refused = await runLab(page, 'matmul', 'cpu');
  assert.ok(refused.runs.length >= 1);
  for (const run of refused.runs) {
    assert.equal(run.passed, false);
    assert.match(run.error, /size refused before allocating: a 60000 x 60000 multiply needs about .* sizes up to \d+ fit/);
  }
  await frames(page, 3);
  await page.screenshot({ path: join(shotDir, 'web-labs-size-refused.png') });
  await page.evaluate(() => { window.location.hash = '#/labs/matmul?size=64&backend=cpu&kernel=naive'; });
  await frames(page, 3);
  const next = await runLab(page, 'matmul', 'cpu');
  assert.ok(next.runs.every((r) => r.passed), JSON.stringify(next.runs));
  assert.deepEqual(problems, []);
  await page.close();
});

test('every explorer computes in the browser, from its route and from its lesson parameters', async () => {
  const { page, problems } = await openApp(browser, plain.url, { width: 1280, height: 800 }, 1, '#/labs/explore-workers');
  const expected = {
    'explore-workers': (s) => s.cpu.ok && s.gpu.ok && s.gpu_speedup > 1,
    'explore-vram': (s) => /GB/.test(s.answer) && s.devices.length >= 10,
    'explore-roofline': (s) => s.ok && s.intensity > 0 && ['memory', 'compute'].includes(s.bound),
    'explore-training': (s) => s.devices.length > 0 && s.devices.every((d) => d.ok && d.seconds > 0),
    'explore-cloud': (s) => s.ok && /utilization/.test(s.answer),
    'explore-inference': (s) => s.ok && s.fits && s.tokens_per_second_user > 0 && /tokens\/s/.test(s.answer),
    'explore-collective': (s) => s.ok && s.seconds > 0 && s.busbw > 0 && /steps/.test(s.answer),
    // Every format on the same tensor, in the order rounding theory predicts (as the native unit tests
    // check): FP16 < BF16 < FP8 E4M3 < E5M2 < NVFP4 < MXFP4.
    'explore-formats': (s) => {
      const e = Object.fromEntries(s.formats.map((f) => [f.id, f.rel_rms]));
      return s.ok && s.formats.length === 11 && e.fp32 === 0 && e.fp16 < e.bf16 && e.bf16 < e['fp8-e4m3']
        && e['fp8-e4m3'] < e['fp8-e5m2'] && e['fp8-e5m2'] < e.nvfp4 && e.nvfp4 < e.mxfp4;
    },
  };
  for (const id of Object.keys(expected)) {
    await page.evaluate((id) => { window.location.hash = `#/labs/${id}`; }, id);
    await frames(page, 5);
    const state = (await page.evaluate(() => window.dojoTest.state().explorers))[id];
    assert.ok(state && expected[id](state), `${id}: ${JSON.stringify(state).slice(0, 400)}`);
    await page.screenshot({ path: join(shotDir, `web-${id}.png`) });
  }
  // A lesson block's parameters reach the explorer: the roofline of an elementwise add is memory-bound.
  await page.evaluate(() => { window.location.hash = '#/labs/explore-roofline?op=add&device=h100-sxm'; });
  await frames(page, 5);
  const roofline = (await page.evaluate(() => window.dojoTest.state().explorers))['explore-roofline'];
  assert.equal(roofline.op, 'add');
  assert.equal(roofline.bound, 'memory');
  // The 2026 explorers too: past NVLink's domain of 8, eight NDR NICs (400 GB/s) set the pace.
  await page.evaluate(() => { window.location.hash = '#/labs/explore-collective?gpus=64&link=nvlink4&network=ib-ndr'; });
  await frames(page, 5);
  const collective = (await page.evaluate(() => window.dojoTest.state().explorers))['explore-collective'];
  assert.equal(collective.bottleneck, 'ib-ndr');
  assert.equal(collective.left_domain, true);
  assert.deepEqual(problems, []);
  await page.close();
});
