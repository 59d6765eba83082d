// Kernel exercises on WebGPU: the page's half of web/web_exercise_host.cpp, a classic script the app
// loads (web_exercise_host.cpp's exercise_status) the first time an exercise card is drawn, so a
// page without exercises never fetches it and it is not in the bytes before the first frame.
// WebGPU is asynchronous and the page keeps drawing while a kernel compiles and runs. The C++ side
// prepares the kernel and its buffers; this file compiles the WGSL, runs it once on the checked
// problem and reads `result` back with its guards and the status word, runs a traced kernel (every
// access logged into a sixth binding) and reads the trace back, or times two kernels on the larger
// problem, and hands the outcome back through the exported functions dojo_exercise_ran,
// dojo_exercise_traced and dojo_exercise_timed (Module.ccall; the numbers through Module._malloc).
//
// Index: opening the device (requestGpu in web/labs/webgpu_matmul.js, shared with the labs; where
// WebGPU is missing, why) · compiling (messages, the pipeline) ·
// one run (buffers, the guard binding, a watchdog) · timing (timestamp queries, else the wall clock).
Module.dojoExercises = (function () {
  'use strict';

  // A run that has not finished after this long gets a run error, and its device is dropped.
  const WATCHDOG_MS = 20000;
  // `result` is bound this many bytes into its buffer: the leading guard (verdict.h's kGuardElements
  // floats), and WebGPU's minStorageBufferOffsetAlignment, so every device takes the offset.
  const GUARD_BYTES = 256;
  // The timed runs of one kernel after its warm-up stay near this long (job.runs at most).
  const TIMING_BUDGET_MS = 2000;

  const state = {
    status: 'idle',  // 'idle', 'opening', 'ready', 'missing'
    why: '',         // when missing
    device: null,
    adapter: '',
    timestamps: false,
    lost: '',        // why the device was lost during a run, once it was
  };

  function wake() {
    if (Module.dojoWake) Module.dojoWake();
  }

  function messageOf(e) {
    return e ? String(e.message || e) : 'unknown error';
  }

  function missing(why) {
    state.why = why;
    state.status = 'missing';
    wake();
  }

  // The labs' WebGPU script (web/labs/webgpu_matmul.js), which opens devices for both.
  function shared() {
    return new Promise((resolve) => {
      if (self.dojoWebGpu) { resolve(self.dojoWebGpu); return; }
      const script = document.createElement('script');
      script.src = 'webgpu_matmul.js';
      script.onload = () => resolve(self.dojoWebGpu || null);
      script.onerror = () => resolve(null);
      document.head.appendChild(script);
    });
  }

  async function openDevice() {
    const webgpu = await shared();
    if (!webgpu) return missing('webgpu_matmul.js did not load, so kernels cannot be checked: reload the page.');
    const got = await webgpu.requestGpu(['maxStorageBufferBindingSize', 'maxBufferSize'],
      'WGSL kernels cannot be checked here (your code is still kept)');
    if (!got.ok) return missing(got.why);
    const device = got.device;
    state.adapter = webgpu.describeAdapter(got.adapter);
    state.timestamps = got.timestamps;
    state.device = device;
    state.lost = '';
    device.dojoLost = false;
    device.lost.then((why) => {
      device.dojoLost = true;
      if (state.device !== device) return;  // dropped on purpose
      state.lost = (why && why.message) || (why && why.reason) || 'no reason given';
      state.device = null;
      state.status = 'idle';  // the next run opens a fresh device
      wake();
    });
    state.status = 'ready';
    wake();
  }

  function open() {
    if (state.status !== 'idle') return;
    state.status = 'opening';
    openDevice().catch((e) => missing('Opening the GPU failed unexpectedly (' + messageOf(e) + ').'));
  }

  // Drops a device that misbehaved (a run that never came back), so the next run opens a fresh one.
  function drop() {
    const device = state.device;
    state.device = null;
    state.status = 'idle';
    if (device) device.destroy();
  }

  // What languages() reports: 0 still opening, 1 ready, 2 missing; and the device's name or why not.
  function status() {
    open();
    if (state.status === 'ready' || (state.status === 'idle' && state.lost !== '')) return 1;
    return state.status === 'missing' ? 2 : 0;
  }
  function text() {
    return state.status === 'missing' ? state.why : state.adapter;
  }

  // Races `promise` against the device's loss and the watchdog: resolves with its value or throws.
  function guarded(device, promise, deadline) {
    const lost = device.lost.then((why) => { throw new Error('LOST:' + ((why && why.message) || 'no reason given')); });
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('LATE')), Math.max(1, deadline - performance.now())));
    return Promise.race([promise, lost, late]);
  }

  // A traced kernel (job.traceWords) also binds the trace at 5 (wgsl_source.h's kWgslTraceBinding).
  async function compile(device, source, traced) {
    const module = device.createShaderModule({ label: 'dojo exercise', code: source });
    const info = await module.getCompilationInfo();
    const messages = info.messages.map((m) => ({ type: m.type, line: m.lineNum, column: m.linePos, message: m.message }));
    if (messages.some((m) => m.type === 'error')) return { messages };
    const storage = (type) => ({ buffer: { type } });
    const entries = [storage('read-only-storage'), storage('read-only-storage'), storage('storage'), storage('storage'),
      { buffer: { type: 'uniform' } }].concat(traced ? [storage('storage')] : [])
      .map((e, binding) => Object.assign({ binding, visibility: GPUShaderStage.COMPUTE }, e));
    const layout = device.createBindGroupLayout({ entries });
    try {
      const pipeline = await device.createComputePipelineAsync({
        layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      });
      return { messages, pipeline, layout };
    } catch (e) {
      messages.push({ type: 'error', line: 0, column: 0, message: 'WebGPU could not make a compute pipeline of the '
        + 'kernel: it needs @compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y) fn main(...) using only a, b, result '
        + 'and size (' + messageOf(e) + ')' });
      return { messages };
    }
  }

  // Buffers for one problem: the inputs, `result` with its guards (bound past the leading guard), the
  // status word, the sizes, and for a traced run the trace (all zero). Returns {group, buffers,
  // result, status, trace}.
  function makeBuffers(device, layout, job) {
    const S = GPUBufferUsage;
    const buffers = [];
    const make = (data, usage) => {
      const buffer = device.createBuffer({ size: Math.max(16, data.byteLength), usage: usage | S.COPY_DST });
      device.queue.writeBuffer(buffer, 0, data);
      buffers.push(buffer);
      return buffer;
    };
    const a = make(job.a, S.STORAGE), b = make(job.b, S.STORAGE);
    const result = make(job.result, S.STORAGE | S.COPY_SRC);
    const status = make(new Uint32Array(4), S.STORAGE | S.COPY_SRC);
    const sizes = make(job.sizes, S.UNIFORM);
    const trace = job.traceWords ? make(new Uint32Array(job.traceWords), S.STORAGE | S.COPY_SRC) : null;
    const group = device.createBindGroup({ layout, entries: [
      { binding: 0, resource: { buffer: a } }, { binding: 1, resource: { buffer: b } },
      { binding: 2, resource: { buffer: result, offset: GUARD_BYTES, size: job.result.byteLength - GUARD_BYTES } },
      { binding: 3, resource: { buffer: status, size: 4 } }, { binding: 4, resource: { buffer: sizes } }]
      .concat(trace ? [{ binding: 5, resource: { buffer: trace } }] : []) });
    return { group, buffers, result, status, trace, resultBytes: job.result.byteLength, traceBytes: trace ? trace.size : 0 };
  }

  function dispatch(device, pipeline, set, blocks, encoder, timestampWrites) {
    const pass = encoder.beginComputePass(timestampWrites ? { timestampWrites } : {});
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, set.group);
    pass.dispatchWorkgroups(blocks[0], blocks[1]);
    pass.end();
  }

  // Compiles and runs one kernel on the checked problem. Resolves with {compiled, messages, ran,
  // error, status, device, result (Float32Array, guards included), trace (Uint32Array, for a traced
  // run)}; never rejects.
  async function check(job) {
    const out = { compiled: false, messages: [], ran: false, error: '', status: 0, result: null, trace: null };
    if (state.status !== 'ready' || !state.device) {
      open();
      for (let i = 0; i < 200 && state.status === 'opening'; i++) await new Promise((r) => setTimeout(r, 25));
      if (!state.device) {
        out.compiled = true;
        out.error = state.why || 'the GPU could not be opened';
        return out;
      }
    }
    const device = state.device;
    out.device = state.adapter;
    const deadline = performance.now() + WATCHDOG_MS;
    let set = null, readback = null;
    try {
      const made = await guarded(device, compile(device, job.source, job.traceWords > 0), deadline);
      if (!made.pipeline) {
        // A pipeline refused because the device went away is not the learner's error.
        await Promise.race([device.lost, new Promise((r) => setTimeout(r, 50))]);
        if (device.dojoLost) throw new Error('LOST:' + (state.lost || 'the device was lost'));
      }
      out.messages = made.messages;
      if (!made.pipeline) return out;
      out.compiled = true;
      device.pushErrorScope('validation');
      set = makeBuffers(device, made.layout, job);
      readback = device.createBuffer({ size: set.resultBytes + 16 + set.traceBytes,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      const encoder = device.createCommandEncoder();
      dispatch(device, made.pipeline, set, job.blocks, encoder, null);
      encoder.copyBufferToBuffer(set.result, 0, readback, 0, set.resultBytes);
      encoder.copyBufferToBuffer(set.status, 0, readback, set.resultBytes, 16);
      if (set.trace) encoder.copyBufferToBuffer(set.trace, 0, readback, set.resultBytes + 16, set.traceBytes);
      device.queue.submit([encoder.finish()]);
      const invalid = await device.popErrorScope();
      if (invalid) throw new Error(invalid.message);
      await guarded(device, readback.mapAsync(GPUMapMode.READ), deadline);
      const bytes = readback.getMappedRange();
      out.result = new Float32Array(bytes.slice(0, set.resultBytes));
      out.status = new Uint32Array(bytes.slice(set.resultBytes, set.resultBytes + 4))[0];
      if (set.trace) out.trace = new Uint32Array(bytes.slice(set.resultBytes + 16, set.resultBytes + 16 + set.traceBytes));
      readback.unmap();
      out.ran = true;
    } catch (e) {
      let text = messageOf(e);
      if (device.dojoLost && !text.startsWith('LOST:')) text = 'LOST:' + (state.lost || text);
      if (text.startsWith('LOST:') || text === 'LATE') {
        out.compiled = true;  // the device failed, not the learner's kernel
        out.messages = [];
      }
      if (text.startsWith('LOST:')) {
        out.error = 'The GPU device was lost during the run (' + text.slice(5) + '): run again, which opens a fresh one.';
        drop();
      } else if (text === 'LATE') {
        out.error = 'The GPU did not finish the kernel in ' + (WATCHDOG_MS / 1000) + ' s, so the run was abandoned and '
          + 'the next run opens a fresh device.';
        drop();
      } else {
        out.error = 'The run failed on WebGPU (' + text + ').';
      }
    } finally {
      if (set) for (const buffer of set.buffers) buffer.destroy();
      if (readback && state.device === device) readback.destroy();
    }
    return out;
  }

  // One timed dispatch in milliseconds: the GPU's timestamps where offered, else the wall clock
  // around the submission and onSubmittedWorkDone.
  async function timeOnce(device, pipeline, set, blocks, deadline) {
    const encoder = device.createCommandEncoder();
    let query = null, resolve = null, read = null;
    if (state.timestamps) {
      query = device.createQuerySet({ type: 'timestamp', count: 2 });
      resolve = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
      read = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    }
    dispatch(device, pipeline, set, blocks, encoder, query ? { querySet: query, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } : null);
    if (query) {
      encoder.resolveQuerySet(query, 0, 2, resolve, 0);
      encoder.copyBufferToBuffer(resolve, 0, read, 0, 16);
    }
    const start = performance.now();
    device.queue.submit([encoder.finish()]);
    await guarded(device, device.queue.onSubmittedWorkDone(), deadline);
    let ms = performance.now() - start;
    if (query) {
      await guarded(device, read.mapAsync(GPUMapMode.READ), deadline);
      const t = new BigInt64Array(read.getMappedRange());
      if (t[1] > t[0]) ms = Number(t[1] - t[0]) / 1e6;
      read.unmap();
      for (const x of [query, resolve, read]) x.destroy();
    }
    return ms;
  }

  // Times each of job.sources on the larger problem: one warm-up, then job.runs runs (fewer where one
  // run is slow), the median.
  // Resolves with {ms: [one per source, 0 where it failed], error}.
  async function time(job) {
    const out = { ms: [], error: '' };
    const device = state.device;
    if (!device) return Object.assign(out, { error: 'the GPU is no longer open' });
    // Each step gets the watchdog's time of its own: a slow device (SwiftShader) may take seconds per run.
    const deadline = () => performance.now() + WATCHDOG_MS;
    for (const source of job.sources) {
      let set = null;
      try {
        const made = await guarded(device, compile(device, source), deadline());
        if (!made.pipeline) throw new Error('the kernel did not compile');
        set = makeBuffers(device, made.layout, job);
        const warm = await timeOnce(device, made.pipeline, set, job.blocks, deadline());
        // On a slow device (a CPU standing in for the GPU) fewer runs, about 2 s of them, at least one.
        const runs = Math.max(1, Math.min(job.runs, Math.floor(TIMING_BUDGET_MS / Math.max(warm, 1e-3))));
        const times = [];
        for (let i = 0; i < runs; i++) times.push(await timeOnce(device, made.pipeline, set, job.blocks, deadline()));
        times.sort((x, y) => x - y);
        out.ms.push(times[Math.floor(times.length / 2)]);
      } catch (e) {
        out.ms.push(0);
        out.error = messageOf(e);
        if (out.error.startsWith('LOST:') || out.error === 'LATE') { drop(); break; }
      } finally {
        if (set) for (const buffer of set.buffers) buffer.destroy();
      }
    }
    return out;
  }

  // Calls the exported C function `name` with `args` and then a 32-bit array copied into the heap (its
  // pointer and length; 0 and 0 for none), frees the copy and wakes the app.
  function callWithArray(name, types, args, array) {
    const count = array ? array.length : 0;
    const ptr = count ? Module._malloc(count * 4) : 0;
    // The heap is read after the malloc: it may have grown.
    if (count) (array instanceof Float32Array ? Module.HEAPF32 : Module.HEAPU32).set(array, ptr >> 2);
    try {
      Module.ccall(name, null, types.concat(['number', 'number']), args.concat([ptr, count]));
    } finally {
      if (ptr) Module._free(ptr);
      wake();
    }
  }

  // Hands a check's outcome to dojo_exercise_ran: the flags, the texts, the compiler's messages one
  // a line ("type<TAB>line<TAB>column<TAB>message"), and `result` (guards included).
  function startCheck(job) {
    check(job).then((out) => {
      const flat = (t) => String(t).replace(/[\t\n\r]+/g, ' ');
      const messages = out.messages.map((m) => [m.type, m.line || 0, m.column || 0, flat(m.message)].join('\t') + '\n').join('');
      callWithArray('dojo_exercise_ran', ['number', 'number', 'number', 'string', 'string', 'string'],
        [out.compiled ? 1 : 0, out.ran ? 1 : 0, out.status >>> 0, out.error, out.device || '', messages], out.result);
    });
  }

  // A traced run's words (only the count and the entries it filled) to dojo_exercise_traced, or
  // ok = 0 where the traced kernel did not run to the end (the verdict then has no picture).
  function startTrace(job) {
    check(job).then((out) => {
      const ok = out.compiled && out.ran && !out.error && out.status === 0 && out.trace;
      const words = ok ? out.trace.subarray(0, Math.min(out.trace.length, 1 + 3 * out.trace[0])) : null;
      callWithArray('dojo_exercise_traced', ['number'], [words ? 1 : 0], words);
    });
  }

  // The learner's and the model's medians (0 where one could not be timed) to dojo_exercise_timed.
  function startTiming(job) {
    time(job).then((out) => {
      Module.ccall('dojo_exercise_timed', null, ['number', 'number'], [out.ms[0] || 0, out.ms[1] || 0]);
      wake();
    });
  }

  // For tests: loses the device now, as a driver reset would (the run in flight gets a run error and
  // the next run opens a fresh device).
  function loseDeviceForTest() {
    if (state.device) state.device.destroy();
  }

  return { status, text, startCheck, startTrace, startTiming, loseDeviceForTest };
})();
// Checks posted while this file was loading (the test hook can start one before any card is drawn).
for (const go of Module.dojoExercisesQueue || []) go();
Module.dojoExercisesQueue = [];
if (Module.dojoWake) Module.dojoWake();
