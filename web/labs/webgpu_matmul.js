// The browser's GPU matmul: three WGSL kernels (naive, shared-memory tiled, register-tiled) and the
// WebGPU calls that run them, as one classic script defining self.dojoWebGpu for a page or a worker.
//
// Index of this file (one backend, read best whole):
// - The three WGSL kernels and their launch shapes (tileM, tileN)
// - Which browsers have WebGPU; opening the adapter and device, replacing a lost one
// - Checks before anything is allocated: inputs, the device's limits, the arrays
// - Buffers, one timed multiply (timestamp queries where offered), reading the result back
(function () {
  'use strict';

  // Each kernel reads the sizes from a uniform, so one compiled pipeline serves every shape; every
  // load and store is bounds-checked, because no size has to be a multiple of a tile.
  const common = /* wgsl */ `
struct Dims { m: u32, n: u32, k: u32, unused: u32 }
@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> dims: Dims;
`;

  const naiveWgsl = common + /* wgsl */ `
@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let row = gid.y;
  let col = gid.x;
  if (row >= dims.m || col >= dims.n) { return; }
  var sum = 0.0;
  for (var i = 0u; i < dims.k; i++) {
    sum += A[row * dims.k + i] * B[i * dims.n + col];
  }
  C[row * dims.n + col] = sum;
}
`;

  // 16x16 tiles: each value loaded from A or B into workgroup memory is used by 16 invocations.
  const tiledWgsl = common + /* wgsl */ `
const T = 16u;
var<workgroup> tileA: array<f32, 256>;
var<workgroup> tileB: array<f32, 256>;

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * T + lid.y;
  let col = wid.x * T + lid.x;
  var sum = 0.0;
  for (var t = 0u; t < dims.k; t += T) {
    let ak = t + lid.x;
    var a = 0.0;
    if (row < dims.m && ak < dims.k) { a = A[row * dims.k + ak]; }
    tileA[lid.y * T + lid.x] = a;
    let bk = t + lid.y;
    var b = 0.0;
    if (bk < dims.k && col < dims.n) { b = B[bk * dims.n + col]; }
    tileB[lid.y * T + lid.x] = b;
    workgroupBarrier();
    for (var i = 0u; i < T; i++) {
      sum += tileA[lid.y * T + i] * tileB[i * T + lid.x];
    }
    workgroupBarrier();
  }
  if (row < dims.m && col < dims.n) { C[row * dims.n + col] = sum; }
}
`;

  // A 64x64 tile of C per workgroup of 8x8 invocations, each keeping an 8x8 block of C in 16 vec4
  // registers. Per step of k an invocation reads 8 values of A and 8 of B from shared memory and does
  // 64 multiply-adds with them, where the 16x16 tiled kernel reads 2 values per multiply-add. The
  // accumulators are separate variables, not an array, so no compiler is tempted to keep them in memory.
  const registerWgsl = common + /* wgsl */ `
const TM = 64u;  // rows and columns of C per workgroup
const TK = 16u;  // steps of k per pair of shared tiles
var<workgroup> tileA: array<f32, 1024>;        // TK x TM, k-major, so 8 rows at one k sit side by side
var<workgroup> tileB: array<vec4<f32>, 256>;  // TK x TM, as vec4s of 4 neighbouring columns

@compute @workgroup_size(8, 8)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let tid = lid.y * 8u + lid.x;
  let row0 = wid.y * TM;
  let col0 = wid.x * TM;
  var left0 = vec4<f32>(0.0);
  var right0 = vec4<f32>(0.0);
  var left1 = vec4<f32>(0.0);
  var right1 = vec4<f32>(0.0);
  var left2 = vec4<f32>(0.0);
  var right2 = vec4<f32>(0.0);
  var left3 = vec4<f32>(0.0);
  var right3 = vec4<f32>(0.0);
  var left4 = vec4<f32>(0.0);
  var right4 = vec4<f32>(0.0);
  var left5 = vec4<f32>(0.0);
  var right5 = vec4<f32>(0.0);
  var left6 = vec4<f32>(0.0);
  var right6 = vec4<f32>(0.0);
  var left7 = vec4<f32>(0.0);
  var right7 = vec4<f32>(0.0);
  for (var t = 0u; t < dims.k; t += TK) {
    // 64 invocations load 1024 values of A and 256 vec4s of B; neighbouring invocations read
    // neighbouring addresses, which a GPU merges into few memory transactions.
    for (var h = 0u; h < 16u; h++) {
      let idx = tid + h * 64u;
      let row = idx / TK;
      let kk = idx % TK;
      let r = row0 + row;
      let gk = t + kk;
      var a = 0.0;
      if (r < dims.m && gk < dims.k) { a = A[r * dims.k + gk]; }
      tileA[kk * TM + row] = a;
    }
    for (var h = 0u; h < 4u; h++) {
      let idx = tid + h * 64u;
      let bk = t + idx / 16u;
      let c = col0 + idx % 16u * 4u;
      var b = vec4<f32>(0.0);
      if (bk < dims.k) {
        let base = bk * dims.n + c;
        if (c < dims.n) { b.x = B[base]; }
        if (c + 1u < dims.n) { b.y = B[base + 1u]; }
        if (c + 2u < dims.n) { b.z = B[base + 2u]; }
        if (c + 3u < dims.n) { b.w = B[base + 3u]; }
      }
      tileB[idx] = b;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < TK; kk++) {
      let ar = kk * TM + lid.y * 8u;
      let bLeft = tileB[kk * 16u + lid.x * 2u];
      let bRight = tileB[kk * 16u + lid.x * 2u + 1u];
      let a0 = vec4<f32>(tileA[ar + 0u]);
      left0 = fma(a0, bLeft, left0);
      right0 = fma(a0, bRight, right0);
      let a1 = vec4<f32>(tileA[ar + 1u]);
      left1 = fma(a1, bLeft, left1);
      right1 = fma(a1, bRight, right1);
      let a2 = vec4<f32>(tileA[ar + 2u]);
      left2 = fma(a2, bLeft, left2);
      right2 = fma(a2, bRight, right2);
      let a3 = vec4<f32>(tileA[ar + 3u]);
      left3 = fma(a3, bLeft, left3);
      right3 = fma(a3, bRight, right3);
      let a4 = vec4<f32>(tileA[ar + 4u]);
      left4 = fma(a4, bLeft, left4);
      right4 = fma(a4, bRight, right4);
      let a5 = vec4<f32>(tileA[ar + 5u]);
      left5 = fma(a5, bLeft, left5);
      right5 = fma(a5, bRight, right5);
      let a6 = vec4<f32>(tileA[ar + 6u]);
      left6 = fma(a6, bLeft, left6);
      right6 = fma(a6, bRight, right6);
      let a7 = vec4<f32>(tileA[ar + 7u]);
      left7 = fma(a7, bLeft, left7);
      right7 = fma(a7, bRight, right7);
    }
    workgroupBarrier();
  }
  let r = row0 + lid.y * 8u;
  let c = col0 + lid.x * 8u;
  store(r + 0u, c, left0, right0);
  store(r + 1u, c, left1, right1);
  store(r + 2u, c, left2, right2);
  store(r + 3u, c, left3, right3);
  store(r + 4u, c, left4, right4);
  store(r + 5u, c, left5, right5);
  store(r + 6u, c, left6, right6);
  store(r + 7u, c, left7, right7);
}

// Writes 8 neighbouring values of one row of C, leaving out those past its edges.
fn store(r: u32, c: u32, left: vec4<f32>, right: vec4<f32>) {
  if (r >= dims.m) { return; }
  let base = r * dims.n + c;
  for (var j = 0u; j < 4u; j++) {
    if (c + j < dims.n) { C[base + j] = left[j]; }
    if (c + 4u + j < dims.n) { C[base + 4u + j] = right[j]; }
  }
}
`;

  // tileM/tileN: how much of C one workgroup covers, which sets the dispatch size.
  const kernelList = [
    {
      name: 'naive', tileM: 16, tileN: 16, wgsl: naiveWgsl,
      teaches: 'One invocation per element of C reads a whole row of A and column of B from GPU memory, so '
        + 'memory traffic, not arithmetic, sets the speed.',
    },
    {
      name: 'tiled-shared', tileM: 16, tileN: 16, wgsl: tiledWgsl,
      teaches: 'A workgroup copies 16x16 tiles of A and B into fast on-chip shared memory once and all 256 '
        + 'invocations reuse them, cutting reads from GPU memory sixteenfold.',
    },
    {
      name: 'register-tiled', tileM: 64, tileN: 64, wgsl: registerWgsl,
      teaches: 'Each invocation keeps an 8x8 block of C in registers, so every value it reads from shared '
        + 'memory feeds eight multiply-adds instead of one.',
    },
  ];

  // Checked against the gpuweb implementation-status page (late 2025 to spring 2026).
  const browsersThatWork = 'WebGPU ships in Chrome and Edge 113 or newer on Windows, macOS and ChromeOS, Chrome 121 '
    + 'or newer on Android 12 and later, Safari 26 on macOS Tahoe 26, iOS 26 and iPadOS 26, and Firefox 141 or '
    + 'newer on Windows (145 on Apple-silicon Macs with macOS 26); on Linux, Chrome has it for recent Intel and '
    + 'NVIDIA GPUs and otherwise behind the enable-unsafe-webgpu flag.';

  const state = {
    opening: null,     // the Promise of the current open(), so concurrent calls share one device
    generation: 0,     // counts open() and close() calls, so a device that arrives after close() is dropped
    device: null,
    lostMessage: '',   // why the device was lost, once it was
    lastUncaptured: '', // the latest error that no error scope caught
    pipelines: new Map(),
  };

  function describeAdapter(adapter) {
    const info = adapter.info || {};
    const parts = [info.vendor, info.architecture, info.device, info.description].filter((s) => s);
    const unique = parts.filter((s, i) => parts.indexOf(s) === i);
    return unique.length ? unique.join(' / ') : 'an unnamed GPU';
  }

  // Asks the browser for a GPU: the adapter (the fallback adapter where there is no other) and a device
  // with timestamp queries where offered and the adapter's own values of the limits named in
  // `limitNames`. Resolves with {ok: true, adapter, device, timestamps}, or {ok: false, why} where this
  // page gets no WebGPU, with what then `cannot` happen here. The labs and the kernel exercises
  // (web/exercises/webgpu_exercise.js) both open their devices through it.
  async function requestGpu(limitNames, cannot) {
    const scope = typeof self !== 'undefined' ? self : globalThis;
    if (scope.isSecureContext === false) {
      return { ok: false, why: 'This page was not loaded over https or from localhost, and browsers only offer WebGPU '
        + 'to secure pages, so ' + cannot + ': open it through https:// or http://localhost. ' + browsersThatWork };
    }
    const gpu = scope.navigator && scope.navigator.gpu;
    if (!gpu) return { ok: false, why: 'This browser does not offer WebGPU, so ' + cannot + '. ' + browsersThatWork };
    let adapter = null;
    try {
      adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter) adapter = await gpu.requestAdapter({ forceFallbackAdapter: true });
    } catch (e) {
      adapter = null;
    }
    if (!adapter) {
      return { ok: false, why: 'This browser knows WebGPU but found no usable GPU: it may be switched off in the '
        + 'browser settings, the GPU driver may be blocklisted, or hardware acceleration may be disabled. Check '
        + 'chrome://gpu (or about:support in Firefox), update the graphics driver, or try another browser. '
        + browsersThatWork };
    }
    const timestamps = adapter.features.has('timestamp-query');
    const requiredLimits = {};
    for (const name of limitNames) requiredLimits[name] = adapter.limits[name];
    try {
      const device = await adapter.requestDevice({ requiredFeatures: timestamps ? ['timestamp-query'] : [], requiredLimits });
      return { ok: true, adapter, device, timestamps };
    } catch (e) {
      return { ok: false, why: 'The GPU was found but refused to open (' + messageOf(e) + '). Close other tabs that '
        + 'use the GPU and reload the page; if it keeps failing, update the graphics driver.' };
    }
  }

  async function openDevice(generation) {
    const wanted = ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupStorageSize'];
    const got = await requestGpu(wanted, 'the GPU labs cannot run here (the CPU labs still can)');
    if (!got.ok) return got;
    const { adapter, device, timestamps } = got;
    if (generation !== state.generation) {
      device.destroy();
      return { ok: false, why: 'The GPU was closed while it was being opened; open it again to run the lab.' };
    }
    state.device = device;
    state.lostMessage = '';
    state.lastUncaptured = '';
    state.pipelines = new Map();
    device.lost.then((info) => {
      if (state.device !== device) return;  // close() destroyed it on purpose
      state.lostMessage = (info && info.message) || (info && info.reason) || 'no reason given';
    });
    device.addEventListener('uncapturederror', (event) => {
      state.lastUncaptured = messageOf(event.error);
    });
    const limits = {};
    for (const name of wanted.concat(['maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupsPerDimension'])) {
      limits[name] = device.limits[name];
    }
    return { ok: true, adapter: describeAdapter(adapter), fallback: !!(adapter.isFallbackAdapter || (adapter.info && adapter.info.isFallbackAdapter)),
      timestamps, limits };
  }

  // Opens once; a device that was lost since is replaced, so a learner can retry without a reload.
  // matmul() opens on first use but never replaces a lost device itself: it says lost until open().
  function open() {
    if (state.opening && !state.lostMessage) return state.opening;
    if (state.device) forget();
    const generation = ++state.generation;
    state.opening = openDevice(generation).then((result) => {
      if (!result.ok && generation === state.generation) state.opening = null;  // a later call may find WebGPU (a flag switched on, a driver back)
      return result;
    }, (e) => {
      if (generation === state.generation) state.opening = null;
      return { ok: false, why: 'Opening the GPU failed unexpectedly (' + messageOf(e) + '); reload the page to try again.' };
    });
    return state.opening;
  }

  function forget() {
    const device = state.device;
    state.device = null;
    state.opening = null;
    state.lostMessage = '';
    state.pipelines = new Map();
    if (device) device.destroy();
  }

  function close() {
    state.generation++;
    forget();
    return Promise.resolve();
  }

  function messageOf(e) {
    if (!e) return 'unknown error';
    return String(e.message || e);
  }

  function megabytes(bytes) {
    return bytes >= 1e9 ? (bytes / 1e9).toFixed(1) + ' GB' : (bytes / 1e6).toFixed(1) + ' MB';
  }

  function pipelineFor(kernel) {
    let entry = state.pipelines.get(kernel.name);
    if (!entry) {
      const device = state.device;
      const module = device.createShaderModule({ label: 'dojo ' + kernel.name, code: kernel.wgsl });
      entry = device.createComputePipelineAsync({ label: 'dojo ' + kernel.name, layout: 'auto',
        compute: { module, entryPoint: 'main' } });
      state.pipelines.set(kernel.name, entry);
      entry.catch(() => state.pipelines.delete(kernel.name));  // let a later call try again
    }
    return entry;
  }

  // Resolves with a value when `promise` settles, or with LOST if the device is lost first, so a
  // lost device can never leave a call waiting forever.
  const LOST = { lost: true };
  function unlessLost(device, promise) {
    return Promise.race([promise, device.lost.then(() => LOST)]);
  }

  function failure(error, extra) {
    return Object.assign({ ok: false, error, lost: false, oom: false }, extra || {});
  }

  function checkInputs(kernelName, m, n, k) {
    const kernel = kernelList.find((kk) => kk.name === kernelName);
    if (!kernel) {
      return { error: 'There is no WebGPU kernel called "' + kernelName + '"; the kernels are '
        + kernelList.map((kk) => kk.name).join(', ') + '.' };
    }
    for (const [label, v] of [['m', m], ['n', n], ['k', k]]) {
      if (!Number.isInteger(v) || v < 1) return { error: 'The size ' + label + ' must be a whole number of at least 1, not ' + v + '.' };
    }
    return { kernel };
  }

  // Checked after the device's limits, so sizes too big to hold in memory at all get the more useful answer.
  function checkArrays(m, n, k, a, b) {
    if (!(a instanceof Float32Array) || !(b instanceof Float32Array)) {
      return 'A and B must be Float32Arrays (row-major), not ' + typeof a + ' and ' + typeof b + '.';
    }
    if (a.length !== m * k) return 'A should hold m*k = ' + m * k + ' floats for a ' + m + 'x' + k + ' matrix, but holds ' + a.length + '.';
    if (b.length !== k * n) return 'B should hold k*n = ' + k * n + ' floats for a ' + k + 'x' + n + ' matrix, but holds ' + b.length + '.';
    return '';
  }

  // The sizes this device cannot take at all, found before anything is allocated.
  function checkLimits(kernel, m, n, k) {
    const limits = state.device.limits;
    const perBinding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    for (const [label, rows, cols] of [['A', m, k], ['B', k, n], ['C', m, n]]) {
      const bytes = rows * cols * 4;
      if (bytes > perBinding) {
        return label + ' (' + rows + 'x' + cols + ') would need ' + megabytes(bytes) + ', but this GPU lets a shader '
          + 'see at most ' + megabytes(perBinding) + ' in one buffer: choose smaller sizes (m, n and k of a few '
          + 'thousand fit almost everywhere).';
      }
    }
    const groupsX = Math.ceil(n / kernel.tileN);
    const groupsY = Math.ceil(m / kernel.tileM);
    const maxGroups = limits.maxComputeWorkgroupsPerDimension;
    if (groupsX > maxGroups || groupsY > maxGroups) {
      return 'The ' + kernel.name + ' kernel would need ' + Math.max(groupsX, groupsY) + ' workgroups along one side, '
        + 'but this GPU allows ' + maxGroups + ': choose smaller m or n.';
    }
    return '';
  }

  // A view the GPU copy functions accept: a shared (threaded wasm) heap is copied out first.
  function uploadable(array) {
    if (typeof SharedArrayBuffer !== 'undefined' && array.buffer instanceof SharedArrayBuffer) return array.slice();
    return array;
  }

  // One run at a time: error scopes belong to the whole device, so overlapping runs would catch
  // each other's errors.
  let queue = Promise.resolve();
  function matmul(kernelName, m, n, k, a, b) {
    const run = queue.then(() => matmulNow(kernelName, m, n, k, a, b));
    queue = run.catch(() => {});
    return run;
  }

  async function matmulNow(kernelName, m, n, k, a, b) {
    const checked = checkInputs(kernelName, m, n, k);
    if (checked.error) return failure(checked.error);
    if (state.lostMessage) return lostFailure();
    const opened = await open();
    if (!opened.ok) return failure(opened.why);
    const device = state.device;
    const kernel = checked.kernel;
    const tooBig = checkLimits(kernel, m, n, k);
    if (tooBig) return failure(tooBig);
    const badArrays = checkArrays(m, n, k, a, b);
    if (badArrays) return failure(badArrays);

    const buffers = [];
    const make = (label, size, usage) => {
      const buffer = device.createBuffer({ label: 'dojo ' + label, size, usage });
      buffers.push(buffer);
      return buffer;
    };
    // Compiled before the clock starts: the first run of a kernel would otherwise count the compiler.
    let pipeline;
    try {
      pipeline = await unlessLost(device, pipelineFor(kernel));
    } catch (e) {
      return failure('The ' + kernel.name + ' shader did not compile on this GPU (' + messageOf(e) + '); the other '
        + 'kernels may still work.');
    }
    if (pipeline === LOST) return lostFailure();

    let querySet = null;
    let openScopes = 0;  // error scopes still pushed, popped in `finally` on an early return
    try {
      const wallStart = performance.now();
      device.pushErrorScope('out-of-memory');
      device.pushErrorScope('validation');
      openScopes = 2;
      const S = GPUBufferUsage;
      const bufA = make('A', m * k * 4, S.STORAGE | S.COPY_DST);
      const bufB = make('B', k * n * 4, S.STORAGE | S.COPY_DST);
      const bufC = make('C', m * n * 4, S.STORAGE | S.COPY_SRC);
      const bufDims = make('sizes', 16, S.UNIFORM | S.COPY_DST);
      const staging = make('C readback', m * n * 4, S.MAP_READ | S.COPY_DST);
      device.queue.writeBuffer(bufA, 0, uploadable(a));
      device.queue.writeBuffer(bufB, 0, uploadable(b));
      device.queue.writeBuffer(bufDims, 0, new Uint32Array([m, n, k, 0]));

      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [bufA, bufB, bufC, bufDims].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });

      const timestamps = device.features.has('timestamp-query');
      let resolve = null, times = null;
      const pass = { label: 'dojo ' + kernel.name };
      if (timestamps) {
        querySet = device.createQuerySet({ type: 'timestamp', count: 2 });
        resolve = make('timestamps', 16, S.QUERY_RESOLVE | S.COPY_SRC);
        times = make('timestamps readback', 16, S.MAP_READ | S.COPY_DST);
        pass.timestampWrites = { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 };
      }
      // Uploads first, so the dispatch's wall time below holds the multiply and nothing else.
      if ((await unlessLost(device, device.queue.onSubmittedWorkDone())) === LOST) return lostFailure();

      const encoder = device.createCommandEncoder();
      const compute = encoder.beginComputePass(pass);
      compute.setPipeline(pipeline);
      compute.setBindGroup(0, bindGroup);
      compute.dispatchWorkgroups(Math.ceil(n / kernel.tileN), Math.ceil(m / kernel.tileM));
      compute.end();
      if (timestamps) encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
      const dispatchStart = performance.now();
      device.queue.submit([encoder.finish()]);
      if ((await unlessLost(device, device.queue.onSubmittedWorkDone())) === LOST) return lostFailure();
      const dispatchMs = performance.now() - dispatchStart;

      const copy = device.createCommandEncoder();
      copy.copyBufferToBuffer(bufC, 0, staging, 0, m * n * 4);
      if (timestamps) copy.copyBufferToBuffer(resolve, 0, times, 0, 16);
      device.queue.submit([copy.finish()]);

      openScopes = 0;
      const validation = await device.popErrorScope();
      const oom = await device.popErrorScope();
      if (oom) {
        return failure('The GPU ran out of memory for ' + m + 'x' + k + ' times ' + k + 'x' + n + ' (' + messageOf(oom)
          + '): choose smaller sizes or close other tabs that use the GPU.', { oom: true });
      }
      if (validation) {
        return failure('WebGPU rejected the ' + kernel.name + ' run (' + messageOf(validation) + '); this is a bug in '
          + 'the lab, so please report it with the sizes you used.');
      }

      const maps = [staging.mapAsync(GPUMapMode.READ)];
      if (timestamps) maps.push(times.mapAsync(GPUMapMode.READ));
      try {
        if ((await unlessLost(device, Promise.all(maps))) === LOST) return lostFailure();
      } catch (e) {
        if (state.lostMessage) return lostFailure();
        throw e;
      }
      const c = new Float32Array(staging.getMappedRange().slice(0));
      const wallMs = performance.now() - wallStart;
      let kernelMs = dispatchMs;
      let timedBy = 'wall';
      if (timestamps) {
        const stamps = new BigInt64Array(times.getMappedRange());
        const delta = stamps[1] - stamps[0];
        // Quantized or reset counters can give 0 or less; such a reading says nothing.
        if (delta > 0n) {
          kernelMs = Number(delta) / 1e6;
          timedBy = 'timestamps';
        }
      }
      if (!(kernelMs > 0)) kernelMs = Math.max(dispatchMs, 1e-6);
      return { ok: true, c, kernel_ms: kernelMs, wall_ms: wallMs, timed_by: timedBy };
    } catch (e) {
      if (state.lostMessage) return lostFailure();
      const uncaught = state.lastUncaptured ? ' The GPU also said: ' + state.lastUncaptured : '';
      return failure('The ' + kernel.name + ' run failed (' + messageOf(e) + ').' + uncaught);
    } finally {
      for (; openScopes > 0; openScopes--) device.popErrorScope().catch(() => {});
      for (const buffer of buffers) buffer.destroy();
      if (querySet) querySet.destroy();
    }
  }

  function lostFailure() {
    return failure('The GPU device was lost (' + (state.lostMessage || 'no reason given') + '), which happens when '
      + 'the graphics driver restarts, the GPU runs out of memory or the tab sits in the background too long: run '
      + 'the lab again, which reopens the GPU.', { lost: true });
  }

  function kernels() {
    return kernelList.map((kk) => ({ name: kk.name, teaches: kk.teaches }));
  }

  // The kernel exercises open their own device with requestGpu and name it with describeAdapter.
  self.dojoWebGpu = { open, kernels, matmul, close, requestGpu, describeAdapter };
})();
