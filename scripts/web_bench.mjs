// The web build's speed goals, measured in headless Chromium (run by `make bench` after the native
// benchmarks; needs build/web). Prints, for each goal, the measurement and whether it is met:
//   1. the whole bundle a page loads (HTML, JS, WASM, data; fonts are inside the WASM), gzip -9 sizes,
//      and the part of it fetched before the first frame (the labs worker comes later);
//   2. the first lesson frame after navigation: median of 7 fresh page loads after one warm-up;
//   3. idle cost: the page's main-thread task time over 5 s with a lesson open, 2 s after its last
//      input (Chrome's TaskDuration metric), and the ARIA mirror's changes in that time (none is the goal);
//      then the mirror's own cost: the page's work to build a lesson's mirror from the home view's
//      (median of 7 navigations) and the app's work to write the tree as JSON (median of 21);
//   4. a kernel exercise checked in the page (WGSL on WebGPU, SwiftShader here): compile, run on the
//      checked problem, read back and judge, for map-add-ten's model solution through the test hook;
//      the first check of a fresh page (it opens the GPU) and then the median of 7 (each with its own
//      comment line, so every one is a fresh compile);
//   5. simd-128 against the scalar rungs at n = 512 in the same page (the labs worker): warm-up 1,
//      median of 5, every result checked against the reference by the lab harness; and the
//      multithreaded rung against simd-128 on one thread.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawn } from 'node:child_process';
import { chromium } from '../tests/web/node_modules/playwright-core/index.mjs';

const webDir = resolve(process.argv[2] ?? 'build/web');
const here = new URL('.', import.meta.url).pathname;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const verdict = (ok) => (ok ? 'goal met' : 'goal NOT met');

// 1. Bundle: what a cross-origin isolated page loads (the threaded labs module; the other is the same size class).
const files = ['index.html', 'access_mirror.js', 'dojo.js', 'dojo.wasm', 'dojo.data', 'lab_worker.js', 'webgpu_matmul.js', 'webgpu_exercise.js', 'dojo_labs_mt.js',
  'dojo_labs_mt.wasm', 'dojo_labs_mt.worker.js'];
let raw = 0, gz = 0;
for (const f of files) {
  const bytes = readFileSync(join(webDir, f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const mb = (b) => (b / 1e6).toFixed(2) + ' MB';
console.log(`bundle: ${mb(gz)} gzip (${mb(raw)} uncompressed), ${files.length} files; goal under 2.5 MB: ${verdict(gz < 2.5e6)}`);
const firstFiles = ['index.html', 'access_mirror.js', 'dojo.js', 'dojo.wasm', 'dojo.data'];
const firstGz = firstFiles.reduce((sum, f) => sum + gzipSync(readFileSync(join(webDir, f)), { level: 9 }).length, 0);
console.log(`before the first frame: ${mb(firstGz)} gzip (${firstFiles.join(', ')}); goal at most 1.2 MB: ${verdict(firstGz <= 1.2e6)}`);

const server = spawn(process.execPath, [join(here, 'serve.mjs'), webDir], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((res, rej) => {
  let out = '';
  server.stdout.on('data', (c) => { out += c; const m = out.match(/http:\/\/[\d.]+:\d+\//); if (m) res(m[0]); });
  server.on('exit', (code) => rej(new Error(`the server exited with ${code}`)));
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
try {
  // 2. First lesson frame: navigation start to the app's first complete frame of a lesson.
  const lesson = readFileSync(join(here, '..', 'lessons', '01-what-ai-computes.md'), 'utf8').match(/^id\s*=\s*"([^"]+)"/m)[1];
  // One warm-up load first (the browser's GPU process and SwiftShader start with it), then 7 measured.
  const times = [];
  for (let i = -1; i < 7; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}#/lesson/${lesson}`);
    await page.waitForFunction(() => window.dojoTest !== undefined);
    const t = await page.evaluate(() => window.dojoTest.ready.then(() => performance.now()));
    if (i >= 0) times.push(t);
    if ((await page.evaluate(() => window.dojoTest.state().view)) !== 'lesson') throw new Error('the lesson did not open');
    await context.close();
  }
  const first = median(times);
  console.log(`first lesson frame: median ${first.toFixed(0)} ms of ${times.length} loads (${times.map((t) => t.toFixed(0)).join(', ')}); ` +
    `goal within 1000 ms: ${verdict(first <= 1000)}`);

  // 3. Idle: a lesson open and no input. The app stops its frame loop; what is left is the browser's.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}#/lesson/${lesson}`);
    await page.waitForFunction(() => window.dojoTest !== undefined);
    await page.evaluate(() => window.dojoTest.ready);
    await page.mouse.move(640, 400);  // the last input
    await page.waitForTimeout(2000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
    const f0 = await page.evaluate(() => window.dojoTest.frames()), b0 = await busy(), t0 = performance.now();
    await page.waitForTimeout(5000);
    const seconds = (await busy()) - b0, wall = (performance.now() - t0) / 1000;
    const drawn = (await page.evaluate(() => window.dojoTest.frames())) - f0;
    const share = (100 * seconds) / wall;
    console.log(`idle with a lesson open: main thread busy ${(seconds * 1000).toFixed(0)} ms of ${wall.toFixed(1)} s = ${share.toFixed(2)} % ` +
      `of a core, ${drawn} frames drawn; goal at most 2 %: ${verdict(share <= 2)}`);
    const mutations = await page.evaluate(() => new Promise((resolve) => {
      let n = 0;
      const observer = new MutationObserver((records) => { n += records.length; });
      observer.observe(document.getElementById('access-mirror'), { subtree: true, childList: true, attributes: true, characterData: true });
      setTimeout(() => { observer.disconnect(); resolve(n); }, 3000);
    }));
    console.log(`ARIA mirror while resting: ${mutations} changes in 3 s; goal none: ${verdict(mutations === 0)}`);
    // The mirror's cost: the page's DOM work for a whole new view (home to the lesson), and the app's JSON.
    const cost = await page.evaluate(async (lesson) => {
      const settle = () => new Promise((r) => setTimeout(r, 400));
      const publish = Module.dojoAccessMirror;
      let ms = 0, bytes = 0;
      Module.dojoAccessMirror = (json) => { const t = performance.now(); publish(json); ms += performance.now() - t; bytes = json.length; };
      const builds = [];
      for (let i = 0; i < 7; ++i) {
        location.hash = '#/';
        await settle();
        ms = 0;
        location.hash = `#/lesson/${lesson}`;
        await settle();
        builds.push(ms);
      }
      const json = [];
      for (let i = 0; i < 21; ++i) { const t = performance.now(); window.dojoTest.access(); json.push(performance.now() - t); }
      const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      return { build: med(builds), builds, json: med(json), bytes, elements: document.querySelectorAll('#access-mirror *').length };
    }, lesson);
    console.log(`ARIA mirror of the lesson: ${cost.elements} elements from ${(cost.bytes / 1000).toFixed(0)} kB of JSON; page's DOM work for the ` +
      `whole new view median ${cost.build.toFixed(1)} ms of 7 (${cost.builds.map((t) => t.toFixed(1)).join(', ')}); the app's JSON ` +
      `(tree to text, through the test hook) median ${cost.json.toFixed(2)} ms of 21`);
    await context.close();
  }

  // 4. A kernel exercise's check in the browser, in its own Chromium with WebGPU on.
  const gpuBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu'] });
  try {
    const solution = readFileSync(join(here, '..', 'lessons', 'exercises', 'map-add-ten', 'solution.wgsl'), 'utf8');
    const gpuPage = await gpuBrowser.newPage();
    await gpuPage.goto(base);
    await gpuPage.waitForFunction(() => window.dojoTest !== undefined);
    await gpuPage.evaluate(() => window.dojoTest.ready);
    const checkOnce = (code) => gpuPage.evaluate(async (c) => {
      const t = performance.now();
      const v = await window.dojoTest.checkExercise('map-add-ten', c);
      return { ms: performance.now() - t, passed: v.passed, summary: v.summary || v.error, device: v.device };
    }, code);
    const firstCheck = await checkOnce(solution);
    if (!firstCheck.passed) throw new Error(`the model solution did not pass: ${firstCheck.summary}`);
    const checks = [];
    for (let i = 0; i < 7; i++) {
      const r = await checkOnce(`${solution}// run ${i}\n`);
      if (!r.passed) throw new Error(`the model solution did not pass: ${r.summary}`);
      checks.push(r.ms);
    }
    const m = median(checks);
    console.log(`kernel exercise checked in the browser (map-add-ten, WGSL compile + run + judge): first of a fresh page ` +
      `${firstCheck.ms.toFixed(0)} ms (opens the GPU), then median ${m.toFixed(0)} ms of 7 (${checks.map((t) => t.toFixed(0)).join(', ')}); ` +
      `goal under 1000 ms: ${verdict(m < 1000 && firstCheck.ms < 1000)} (${firstCheck.device})`);
  } finally {
    await gpuBrowser.close();
  }

  // 5. SIMD against scalar in one page, through the labs worker; the app in the page rests meanwhile.
  const page = await browser.newPage();
  await page.goto(base);
  const request = JSON.stringify({ lab: 'matmul', backend: 'cpu',
    options: { sizes: [512], kernels: ['naive', 'loop-reorder', 'cache-blocked', 'simd-128', 'multithreaded'], warmup: 1, repetitions: 5 } });
  const report = await page.evaluate((request) => new Promise((resolve, reject) => {
    const w = new Worker('lab_worker.js');
    w.onmessage = (e) => {
      if (e.data.type === 'ready') w.postMessage({ type: 'start', json: request });
      if (e.data.type === 'report') resolve(JSON.parse(e.data.json));
      if (e.data.type === 'failed') reject(new Error(e.data.message));
    };
  }), request);
  const gflops = {};
  for (const r of report.matmul) {
    if (!r.passed) throw new Error(`${r.kernel} failed verification: ${r.error}`);
    gflops[r.kernel] = r.gflops;
    console.log(`  ${r.kernel.padEnd(14)} n=512  median ${r.median_ms.toFixed(2).padStart(8)} ms  ${r.gflops.toFixed(2).padStart(7)} GFLOP/s  ` +
      `(min ${r.min_ms.toFixed(2)}, max ${r.max_ms.toFixed(2)} ms; error ${r.max_rel_error.toExponential(1)})`);
  }
  const best_scalar = Math.max(gflops['naive'], gflops['loop-reorder'], gflops['cache-blocked']);
  console.log(`simd-128 / naive at 512: ${(gflops['simd-128'] / gflops['naive']).toFixed(1)}x; / best scalar rung: ` +
    `${(gflops['simd-128'] / best_scalar).toFixed(1)}x; goal at least 3x the scalar kernel: ${verdict(gflops['simd-128'] >= 3 * gflops['naive'])}`);
  const threads = gflops['multithreaded'] / gflops['simd-128'];
  console.log(`multithreaded / simd-128 at 512, in the same page: ${threads.toFixed(2)}x; goal at least 1.7x: ${verdict(threads >= 1.7)}`);
  console.log(`(${report.device}; ${report.machine.cpu})`);

} finally {
  await browser.close();
  server.kill();
}
