// Temporary screenshot script for a UI review (delete when done).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
const [,, W, H, outDir, stepPx, ...ids] = process.argv;
const server = spawn(process.execPath, ['/work/main/scripts/serve.mjs', '/work/main/build/web'], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((res) => { let o = ''; server.stdout.on('data', (c) => { o += c; const m = o.match(/http:\/\/[\d.]+:\d+\//); if (m) res(m[0]); }); });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
const settled = (page, timeout = 3000) => page.evaluate((timeout) => new Promise((resolve) => {
  const start = performance.now(); let last = window.dojoTest.frames(), still = 0;
  const step = () => { const now = window.dojoTest.frames(); still = now === last ? still + 1 : 0; last = now;
    if (still >= 5 || performance.now() - start > timeout) resolve(); else requestAnimationFrame(step); };
  requestAnimationFrame(step); }), timeout);
const vw = +W, vh = +H;
for (const id of ids) {
  const page = await browser.newPage({ viewport: { width: vw, height: vh } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  try {
    await page.goto(base + '#/lesson/' + id);
    await page.waitForFunction(() => window.dojoTest !== undefined, null, { timeout: 30000 });
    await Promise.race([page.evaluate(() => window.dojoTest.ready), new Promise((_, rej) => setTimeout(() => rej(new Error('no ready')), 30000))]);
  } catch (e) { console.log(id, 'FAILED to load', e.message, problems.join('; ')); await page.close(); continue; }
  await settled(page);
  const dir = `${outDir}/${id}`; mkdirSync(dir, { recursive: true });
  let prevKey = null;
  for (let k = 0; k < 80; k++) {
    await settled(page);
    const widgets = await page.evaluate(() => window.dojoTest.widgets());
    const key = JSON.stringify(widgets.map((w) => [w.label, w.y]));
    if (key === prevKey) break;
    prevKey = key;
    await page.screenshot({ path: `${dir}/p${k}.png` });
    writeFileSync(`${dir}/s${k}.json`, JSON.stringify({ widgets }));
    await page.mouse.move(vw / 2, vh / 2);
    for (let n = 0; n < +stepPx; n++) { await page.mouse.wheel(0, 100); await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))); }
  }
  writeFileSync(`${dir}/problems.txt`, problems.join('\n'));
  console.log(id, 'done', problems.length, 'problems');
  await page.close();
}
await browser.close(); server.kill();
