// Where the web app's start-up time goes: loads a lesson in headless Chromium with the CPU profiler
// on, from navigation to the first complete frame, and prints the functions with the most self time
// (JavaScript and WebAssembly; WebGL calls show as the JavaScript glue that makes them).
//   node scripts/startup_profile.mjs build/web [lesson-id]
// Also prints the bytes fetched before the first frame (gzip -9 of each file, as a server would send).
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawn } from 'node:child_process';
import { chromium } from '../tests/web/node_modules/playwright-core/index.mjs';

const webDir = resolve(process.argv[2] ?? 'build/web');
const here = new URL('.', import.meta.url).pathname;
const lesson = process.argv[3] ??
  readFileSync(join(here, '..', 'lessons', '01-what-ai-computes.md'), 'utf8').match(/^id\s*=\s*"([^"]+)"/m)[1];

const server = spawn(process.execPath, [join(here, 'serve.mjs'), webDir], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((res, rej) => {
  let out = '';
  server.stdout.on('data', (c) => { out += c; const m = out.match(/http:\/\/[\d.]+:\d+\//); if (m) res(m[0]); });
  server.on('exit', (code) => rej(new Error(`the server exited with ${code}`)));
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-quic', '--disable-background-networking', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const fetched = [];
  page.on('requestfinished', (r) => fetched.push({ url: r.url(), at: Date.now() }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(`${base}#/lesson/${lesson}`);
  await page.waitForFunction(() => window.dojoTest !== undefined);
  const first = await page.evaluate(() => window.dojoTest.ready.then(() => performance.now()));
  const readyAt = Date.now();
  const { profile } = await cdp.send('Profiler.stop');

  // Self time per function from the samples.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'}  ${f.url ? basename(f.url) : ''}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`first lesson frame at ${first.toFixed(0)} ms; ${total.toFixed(0)} ms sampled`);
  for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);

  // Who calls the hottest JavaScript glue (GL calls are JavaScript in the WebAssembly build).
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callers = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    if (!/^(emscriptenWebGLGet|_gl\w+)$/.test(n.callFrame.functionName)) continue;
    const chain = [];
    for (let p = parent.get(n.id); p && chain.length < 4; p = parent.get(p)) {
      const name = byId.get(p).callFrame.functionName;
      if (name && !/^(_gl|wasm-to-js|js-to-wasm)/.test(name)) chain.push(name);
    }
    const key = `${n.callFrame.functionName} <- ${chain.join(' <- ')}`;
    callers.set(key, (callers.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  if (callers.size) console.log('GL calls by caller:');
  for (const [k, ms] of [...callers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);

  let gz = 0;
  const seen = new Set();
  for (const f of fetched) {
    if (f.at > readyAt) continue;
    const name = new URL(f.url).pathname.slice(1) || 'index.html';
    if (seen.has(name) || !existsSync(join(webDir, name))) continue;
    seen.add(name);
    const bytes = gzipSync(readFileSync(join(webDir, name)), { level: 9 }).length;
    gz += bytes;
    console.log(`  fetched before the first frame: ${name.padEnd(22)} ${(bytes / 1e6).toFixed(3)} MB gzip`);
  }
  console.log(`bytes before the first frame: ${(gz / 1e6).toFixed(2)} MB gzip`);
  await context.close();
} finally {
  await browser.close();
  server.kill();
}
