// Checks web/labs/webgpu_matmul.js in headless Chromium on SwiftShader's WebGPU: every kernel at awkward
// shapes, in a page and in a Web Worker, against a double-precision reference; limits, a lost device and a
// browser without WebGPU; then prints each kernel's GFLOP/s. Run: node tests/web/webgpu_kernels.test.mjs
// (add --no-perf to skip the timings, which take about half a minute on SwiftShader).
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const baseFlags = ['--no-sandbox', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const webGpuFlags = ['--enable-unsafe-webgpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const shapes = [[1, 1, 1], [7, 7, 7], [33, 33, 33], [127, 129, 65], [128, 128, 128], [64, 32, 200]];

// Code that runs inside the browser, in the page and in the worker alike: deterministic inputs, the
// reference in doubles, and the comparison. Tolerance rule: |c - ref| <= 1e-5 * sqrt(k) * sum_p |a_ip * b_pj|
// per element, i.e. relative to the size of the terms summed, so elements that cancel to near 0 stay fair.
const harness = `
self.dojoCheck = async function (kernel, m, n, k, seed, shared = false) {
  let s = seed >>> 0;
  const next = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2147483648 - 1; };
  // shared: A and B as views into one SharedArrayBuffer, the way a threaded wasm heap hands them over.
  const heap = shared ? new SharedArrayBuffer(4 * (m * k + k * n + 3)) : null;
  const a = shared ? new Float32Array(heap, 4, m * k) : new Float32Array(m * k);
  const b = shared ? new Float32Array(heap, 4 * (m * k + 2), k * n) : new Float32Array(k * n);
  for (let i = 0; i < a.length; i++) a[i] = next();
  for (let i = 0; i < b.length; i++) b[i] = next();
  const r = await self.dojoWebGpu.matmul(kernel, m, n, k, a, b);
  if (!r.ok) return { ok: false, error: r.error, lost: r.lost, oom: r.oom };
  if (!(r.c instanceof Float32Array) || r.c.length !== m * n) return { ok: false, error: 'c has the wrong type or length' };
  let worst = 0, where = '';
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let ref = 0, mag = 0;
    for (let p = 0; p < k; p++) { const t = a[i * k + p] * b[p * n + j]; ref += t; mag += Math.abs(t); }
    const ratio = Math.abs(r.c[i * n + j] - ref) / (1e-5 * Math.sqrt(k) * mag + 1e-30);
    if (!(ratio <= worst)) { worst = ratio; where = '(' + i + ',' + j + '): got ' + r.c[i * n + j] + ', want ' + ref; }
  }
  return { ok: true, worst, where, kernel_ms: r.kernel_ms, wall_ms: r.wall_ms, timed_by: r.timed_by };
};
self.dojoIsolated = async () => self.crossOriginIsolated;
self.dojoSpeed = async function (kernel, size, reps) {
  const a = new Float32Array(size * size).map((_, i) => (i % 17) / 17 - 0.5);
  const b = new Float32Array(size * size).map((_, i) => (i % 13) / 13 - 0.5);
  const times = [];
  for (let rep = 0; rep <= reps; rep++) {
    const r = await self.dojoWebGpu.matmul(kernel, size, size, size, a, b);
    if (!r.ok) return { ok: false, error: r.error };
    if (rep > 0) times.push(r.kernel_ms);  // the first run compiles and warms up
  }
  times.sort((x, y) => x - y);
  return { ok: true, median_ms: times[times.length >> 1] };
};
`;

// The worker answers {id, fn, args} messages by calling one of the functions above or dojoWebGpu's.
const workerScript = `importScripts('/labs/webgpu_matmul.js');
${harness}
onmessage = async (e) => {
  const { id, fn, args } = e.data;
  try {
    const target = fn.startsWith('dojo') ? self[fn] : self.dojoWebGpu[fn].bind(self.dojoWebGpu);
    postMessage({ id, result: await target(...args) });
  } catch (err) { postMessage({ id, result: { ok: false, error: 'threw: ' + err.message } }); }
};`;

let failures = 0;
function check(name, passed, detail = '') {
  console.log(`${passed ? 'ok  ' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
  if (!passed) failures++;
}

async function startServer() {
  const server = spawn(process.execPath, [join(repo, 'scripts/serve.mjs'), join(repo, 'web')], {
    env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/[\d.]+:(\d+)\//);
      if (m) ok(`http://localhost:${m[1]}/`);  // localhost: a secure context, which WebGPU requires
    });
    server.on('exit', (code) => fail(new Error(`the static server exited with ${code}`)));
  });
  return { server, url };
}

// A blank page on the server's origin with the glue and harness loaded, and a worker beside it.
async function openPage(browser, url, { withWorker = true } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Cross-origin isolated like the app's own page (scripts/serve.mjs), so the heap may be a SharedArrayBuffer.
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  await page.route(url + 'webgpu-test.html', (route) => route.fulfill({ headers, contentType: 'text/html', body: '<!doctype html><title>webgpu test</title>' }));
  await page.route(url + 'webgpu-test-worker.js', (route) => route.fulfill({ headers, contentType: 'text/javascript', body: workerScript }));
  await page.goto(url + 'webgpu-test.html');
  await page.addScriptTag({ url: '/labs/webgpu_matmul.js' });
  await page.addScriptTag({ content: harness });
  if (withWorker) {
    await page.evaluate(() => {
      const worker = new Worker('/webgpu-test-worker.js');
      const waiting = new Map();
      let nextId = 0;
      worker.onmessage = (e) => { waiting.get(e.data.id)(e.data.result); waiting.delete(e.data.id); };
      worker.onerror = (e) => { for (const done of waiting.values()) done({ ok: false, error: 'worker error: ' + e.message }); };
      self.inWorker = (fn, ...args) => new Promise((done) => { const id = nextId++; waiting.set(id, done); worker.postMessage({ id, fn, args }); });
    });
  }
  return { page, problems };
}

// Calls fn(...args) in the page or, with where = 'worker', inside the worker.
const call = (page, where, fn, ...args) => page.evaluate(([where, fn, args]) => (where === 'worker'
  ? self.inWorker(fn, ...args)
  : (fn.startsWith('dojo') ? self[fn](...args) : self.dojoWebGpu[fn](...args))), [where, fn, args]);

async function correctness(page) {
  const opened = await call(page, 'page', 'open');
  check('page: open() finds an adapter', opened.ok, opened.ok ? `${opened.adapter}, fallback ${opened.fallback}, timestamps ${opened.timestamps}, limits ${JSON.stringify(opened.limits)}` : opened.why);
  if (!opened.ok) return false;
  const again = await call(page, 'page', 'open');
  check('page: open() again answers the same', again.ok && again.adapter === opened.adapter);
  const kernels = await call(page, 'page', 'kernels');
  check('kernels(): naive, tiled-shared, register-tiled, each with a sentence',
    kernels.map((k) => k.name).join(',') === 'naive,tiled-shared,register-tiled' && kernels.every((k) => /^[A-Z].{30,}\.$/.test(k.teaches)));
  const workerOpened = await call(page, 'worker', 'open');
  check('worker: open() finds an adapter', workerOpened.ok, workerOpened.ok ? workerOpened.adapter : workerOpened.why);

  let seed = 1;
  for (const where of workerOpened.ok ? ['page', 'worker'] : ['page']) {
    for (const { name } of kernels) {
      for (const [m, n, k] of shapes) {
        const r = await call(page, where, 'dojoCheck', name, m, n, k, seed++);
        check(`${where}: ${name} ${m}x${n}x${k} matches the reference`, r.ok && r.worst <= 1 && r.kernel_ms > 0 && r.wall_ms > 0,
          r.ok ? `worst error ${r.worst.toFixed(3)} of the tolerance, kernel ${r.kernel_ms.toFixed(3)} ms by ${r.timed_by}${r.worst > 1 ? ' at ' + r.where : ''}`
            : r.error);
      }
    }
  }
  return true;
}

async function limits(page) {
  for (const where of ['page', 'worker']) {
    const huge = await page.evaluate(([where]) => {
      const a = new Float32Array(1), b = new Float32Array(1);
      const go = (fn, ...args) => (where === 'worker' ? self.inWorker(fn, ...args) : self.dojoWebGpu[fn](...args));
      return go('matmul', 'register-tiled', 100000, 100000, 100000, a, b);
    }, [where]);
    check(`${where}: 100000^3 is refused with a clear error`, !huge.ok && /would need .* at most/.test(huge.error) && !huge.lost, huge.error);
    const after = await call(page, where, 'dojoCheck', 'tiled-shared', 33, 17, 9, 99);
    check(`${where}: a normal matmul still works after it`, after.ok && after.worst <= 1, after.error ?? '');
    const isolated = await page.evaluate(([where]) => (where === 'worker' ? self.inWorker('dojoIsolated') : self.crossOriginIsolated), [where]);
    const shared = await call(page, where, 'dojoCheck', 'register-tiled', 65, 66, 67, 98, true);
    check(`${where}: inputs viewing a SharedArrayBuffer work`, isolated === true && shared.ok && shared.worst <= 1, shared.error ?? `crossOriginIsolated ${isolated}`);
    const wrong = await call(page, where, 'dojoCheck', 'no-such-kernel', 4, 4, 4, 1);
    check(`${where}: an unknown kernel is refused by name`, !wrong.ok && /no WebGPU kernel called "no-such-kernel"/.test(wrong.error), wrong.error);
  }
}

// Destroys the device behind the glue's back, the way a driver reset would, then expects lost: true and a recovery.
async function lostDevice(browser, url) {
  const { page } = await openPage(browser, url, { withWorker: false });
  await page.evaluate(() => {
    const original = GPUAdapter.prototype.requestDevice;
    GPUAdapter.prototype.requestDevice = async function (...args) { self.capturedDevice = await original.apply(this, args); return self.capturedDevice; };
  });
  await call(page, 'page', 'open');
  const lost = await page.evaluate(async () => {
    self.capturedDevice.destroy();
    return self.dojoWebGpu.matmul('naive', 2, 2, 2, new Float32Array(4), new Float32Array(4));
  });
  check('a lost device gives lost: true', !lost.ok && lost.lost === true && /device was lost/.test(lost.error), lost.error);
  const still = await call(page, 'page', 'dojoCheck', 'naive', 2, 2, 2, 4);
  check('matmul keeps saying lost until open() is called', !still.ok && still.lost === true, still.error);
  const reopened = await call(page, 'page', 'open');
  const after = await call(page, 'page', 'dojoCheck', 'naive', 9, 9, 9, 5);
  check('open() after a loss gives a working device again', reopened.ok && after.ok && after.worst <= 1, after.error ?? '');
  const raced = await page.evaluate(async () => {
    await self.dojoWebGpu.close();
    const opening = self.dojoWebGpu.open();
    await self.dojoWebGpu.close();
    return opening;
  });
  check('close() while open() is under way drops the device it was opening', raced.ok === false && /closed while/.test(raced.why), raced.why ?? JSON.stringify(raced));
  const afterClose = await call(page, 'page', 'dojoCheck', 'naive', 3, 3, 3, 6);
  check('matmul after close() reopens the device', afterClose.ok && afterClose.worst <= 1, afterClose.error ?? '');
  await page.close();
}

// Without timestamp queries, with faked out-of-memory and validation errors, counting buffers made and destroyed.
async function otherPaths(browser, url) {
  const { page } = await openPage(browser, url, { withWorker: false });
  await page.evaluate(() => {
    const has = GPUSupportedFeatures.prototype.has;
    GPUSupportedFeatures.prototype.has = function (name) { return name === 'timestamp-query' ? false : has.call(this, name); };
    self.buffers = { made: 0, destroyed: 0 };
    const create = GPUDevice.prototype.createBuffer;
    GPUDevice.prototype.createBuffer = function (...args) { self.buffers.made++; return create.apply(this, args); };
    const destroy = GPUBuffer.prototype.destroy;
    GPUBuffer.prototype.destroy = function () { self.buffers.destroyed++; return destroy.call(this); };
    // A faked error replaces what the scope of that filter really caught, once.
    const filters = [];
    const push = GPUDevice.prototype.pushErrorScope, pop = GPUDevice.prototype.popErrorScope;
    GPUDevice.prototype.pushErrorScope = function (filter) { filters.push(filter); return push.call(this, filter); };
    GPUDevice.prototype.popErrorScope = async function () {
      const filter = filters.pop();
      const real = await pop.call(this);
      if (self.fakeError !== filter) return real;
      self.fakeError = null;
      return filter === 'out-of-memory' ? new GPUOutOfMemoryError('fake: no memory left') : new GPUValidationError('fake: bad binding');
    };
  });
  const opened = await call(page, 'page', 'open');
  check('without timestamp queries open() says timestamps: false', opened.ok && opened.timestamps === false, opened.why ?? '');
  const r = await call(page, 'page', 'dojoCheck', 'register-tiled', 70, 90, 50, 11);
  check('without timestamp queries the run is timed by wall clock', r.ok && r.worst <= 1 && r.timed_by === 'wall' && r.kernel_ms > 0 && r.kernel_ms <= r.wall_ms,
    r.ok ? `kernel ${r.kernel_ms.toFixed(3)} ms of ${r.wall_ms.toFixed(3)} ms wall` : r.error);
  await page.evaluate(() => { self.fakeError = 'out-of-memory'; });
  const oom = await call(page, 'page', 'dojoCheck', 'naive', 8, 8, 8, 12);
  check('an out-of-memory error gives oom: true', !oom.ok && oom.oom === true && !oom.lost && /ran out of memory/.test(oom.error), oom.error);
  await page.evaluate(() => { self.fakeError = 'validation'; });
  const invalid = await call(page, 'page', 'dojoCheck', 'tiled-shared', 8, 8, 8, 13);
  check('a validation error gives ok: false with its message', !invalid.ok && !invalid.oom && /rejected .*fake: bad binding/.test(invalid.error), invalid.error);
  const after = await call(page, 'page', 'dojoCheck', 'tiled-shared', 8, 8, 8, 14);
  check('a run after those errors works', after.ok && after.worst <= 1, after.error ?? '');
  const counts = await page.evaluate(() => self.buffers);
  check('every buffer made is destroyed, failures included', counts.made > 0 && counts.made === counts.destroyed, `${counts.made} made, ${counts.destroyed} destroyed`);
  await page.close();
}

async function speed(page) {
  for (const size of [256, 512]) {
    for (const name of ['naive', 'tiled-shared', 'register-tiled']) {
      const r = await call(page, 'page', 'dojoSpeed', name, size, 5);
      if (!r.ok) { check(`speed ${name} ${size}`, false, r.error); continue; }
      const gflops = (2 * size ** 3) / (r.median_ms * 1e6);
      console.log(`perf ${name} n=${size}: ${gflops.toFixed(2)} GFLOP/s (median ${r.median_ms.toFixed(2)} ms of 5 after 1 warm-up)`);
    }
  }
}

async function withoutWebGpu(url) {
  // Without the flags, Chromium on Linux keeps WebGPU off, as a browser without it would.
  const plain = await chromium.launch({ executablePath: '/usr/bin/chromium', args: baseFlags });
  try {
    const { page } = await openPage(plain, url, { withWorker: false });
    const r = await call(page, 'page', 'open');
    check('a browser without WebGPU gets ok: false and a why naming browsers that work',
      !r.ok && /Chrome and Edge 113/.test(r.why) && /Safari 26/.test(r.why) && /Firefox 141/.test(r.why), r.why);
    const m = await call(page, 'page', 'matmul', 'naive', 1, 1, 1, [1], [1]);
    check('matmul there fails with the same sentence, not a crash', !m.ok && m.error === r.why);
  } finally {
    await plain.close();
  }
}

async function missingNavigatorGpu(browser, url) {
  const { page } = await openPage(browser, url, { withWorker: false });
  const r = await page.evaluate(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
    return self.dojoWebGpu.open();
  });
  check('a page whose navigator.gpu is missing gets the why sentence', !r.ok && /does not offer WebGPU/.test(r.why), r.why);
  await page.close();
}

const { server, url } = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...baseFlags, ...webGpuFlags] });
try {
  const { page, problems } = await openPage(browser, url);
  if (await correctness(page)) {
    await limits(page);
    await lostDevice(browser, url);
    await otherPaths(browser, url);
    await missingNavigatorGpu(browser, url);
    if (!process.argv.includes('--no-perf')) await speed(page);
  }
  check('the page threw no uncaught errors', problems.length === 0, problems.join('; '));
  await withoutWebGpu(url);
} catch (e) {
  check('the test ran to its end', false, e.stack);
} finally {
  await browser.close();
  server.kill();
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
