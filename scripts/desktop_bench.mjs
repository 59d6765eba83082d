// The desktop app's speed goals under Xvfb (run by `make bench`; needs build/native):
//   1. start-up to the first lesson frame: wall time of `dojo-desktop --frames 1` from launch to exit,
//      median of 7 after one warm-up (a second binary, e.g. an older build, is measured in the same run
//      for a before/after ratio);
//   2. idle cost: CPU time the app takes with a lesson open and no input, over 5 s starting 2 s after
//      its start-up ended (utime + stime from /proc); goal at most 2 % of a core.
//   node scripts/desktop_bench.mjs build/native/dojo-desktop [other/dojo-desktop]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const binaries = process.argv.slice(2).map((b) => resolve(b));
if (binaries.length === 0) binaries.push(resolve('build/native/dojo-desktop'));
const here = new URL('.', import.meta.url).pathname;
const lesson = readFileSync(join(here, '..', 'lessons', '01-what-ai-computes.md'), 'utf8').match(/^id\s*=\s*"([^"]+)"/m)[1];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const verdict = (ok) => (ok ? 'goal met' : 'goal NOT met');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One X server for every run, so its start-up is not counted.
const display = `:${90 + (process.pid % 50)}`;
const xvfb = spawn('Xvfb', [display, '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
await sleep(1000);
const env = { ...process.env, DISPLAY: display };
const data = mkdtempSync(join(tmpdir(), 'dojo-desktop-bench-'));
try {
  // 1. Start-up, the binaries interleaved so that both see the same machine.
  const times = binaries.map(() => []);
  for (let run = 0; run < 8; run++)
    binaries.forEach((bin, i) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(bin, ['--size', '1280x800', '--route', `#/lesson/${lesson}`, '--frames', '1', '--data-dir', join(data, String(i))],
        { env, stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`${bin} exited with ${r.status}`);
      if (run > 0) times[i].push(Number(process.hrtime.bigint() - t0) / 1e6);  // run 0 warms the file cache
    });
  binaries.forEach((bin, i) => console.log(`desktop start-up to the first lesson frame (${bin}): median ${median(times[i]).toFixed(0)} ms ` +
    `of ${times[i].length} (${times[i].map((t) => t.toFixed(0)).join(', ')})`));
  if (binaries.length > 1)
    console.log(`start-up, first binary / second: ${(median(times[0]) / median(times[1])).toFixed(2)}x; ` +
      `goal no slower than before: ${verdict(median(times[0]) <= median(times[1]) * 1.05)}`);

  // 2. Idle: a lesson open, nothing moving, no input.
  const app = spawn(binaries[0], ['--size', '1280x800', '--route', `#/lesson/${lesson}`, '--data-dir', join(data, 'idle')], { env, stdio: 'ignore' });
  const ticks = () => { const f = readFileSync(`/proc/${app.pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
  const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  await sleep(3000);  // start-up, then 2 s after it
  const t0 = ticks(), w0 = process.hrtime.bigint();
  await sleep(5000);
  const cpu = (ticks() - t0) / hz, wall = Number(process.hrtime.bigint() - w0) / 1e9;
  app.kill();
  const share = (100 * cpu) / wall;
  console.log(`desktop idle with a lesson open: ${cpu.toFixed(2)} s of CPU in ${wall.toFixed(1)} s = ${share.toFixed(1)} % of a core; ` +
    `goal at most 2 %: ${verdict(share <= 2)}`);
} finally {
  xvfb.kill();
  rmSync(data, { recursive: true, force: true });
}
