// The static lesson pages the web build ships in lessons/ (engine/site/, written at build time by
// dojo_site_export): every page is HTML with no parse error (parse5, the WHATWG parser), the pages
// pass axe-core in Chromium, the app's page without JavaScript links them, and a lesson prints as a
// handout (the site's links and the button to the app left off). Screenshots of a lesson page at
// desktop and phone widths and in print land in DOJO_SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'parse5';
import { env, startApp, stopApp, assertNotBlank } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');
const pagesDir = join(webDir, 'lessons');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server, browser;

before(async () => ({ server, browser } = await startApp(webDir, shotDir)));
after(() => stopApp({ server, browser }));

const pages = () => readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort();

test('every page is HTML with no parse error', () => {
  const all = pages();
  assert.ok(all.length > 30, `only ${all.length} pages in ${pagesDir}`);
  for (const name of ['index.html', 'glossary.html', 'faq.html']) assert.ok(all.includes(name), `no ${name}`);
  for (const name of all) {
    const errors = [];
    parse(readFileSync(join(pagesDir, name), 'utf8'), { onParseError: (e) => errors.push(`${e.code} at line ${e.startLine}`) });
    assert.deepEqual(errors, [], `${name} is not valid HTML`);
  }
});

// axe-core's WCAG 2.1 A and AA rules (and its best practices) on a page; violations as readable lines.
async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes[0].target.join(' ')})`);
}

test('the pages pass axe-core, in light and dark', async () => {
  // The lessons with the most kinds of block: quizzes, labs, diagrams, exercises, callouts, tables.
  const lessons = ['index.html', 'glossary.html', 'faq.html', 'shared-memory-and-barriers.html', 'roofline-and-arithmetic-intensity.html',
    'cpu-vs-gpu.html'];
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    for (const name of lessons) {
      await page.goto(`${server.url}lessons/${name}`);
      assert.deepEqual(await axe(page), [], `${name} (${scheme})`);
    }
    await page.close();
  }
});

test('without JavaScript the app links the pages, and a lesson reads and prints', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.click('noscript a[href="lessons/index.html"], a[href="lessons/index.html"]');
  await page.waitForURL(/lessons\/index\.html$/);
  assert.match(await page.title(), /Compute Dojo/);
  await page.click('a[href="cpu-vs-gpu.html"]');
  await page.waitForURL(/cpu-vs-gpu\.html$/);
  const h1 = await page.textContent('h1');
  assert.ok(h1.length > 3, 'the lesson page has no title');
  // A quiz's answer is folded until asked for.
  const details = page.locator('section.quiz details').first();
  assert.equal(await details.getAttribute('open'), null);
  await details.locator('summary').click();
  assert.notEqual(await details.getAttribute('open'), null);
  await page.screenshot({ path: join(shotDir, 'site-lesson.png') });
  assertNotBlank(join(shotDir, 'site-lesson.png'));
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['header', 'footer', '.open-in-app'])
    assert.equal(await page.locator(hidden).first().evaluate((e) => getComputedStyle(e).display), 'none', `${hidden} prints`);
  await page.screenshot({ path: join(shotDir, 'site-lesson-print.png'), fullPage: false });
  await context.close();
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.goto(`${server.url}lessons/shared-memory-and-barriers.html`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than a phone`);
  await phone.screenshot({ path: join(shotDir, 'site-lesson-phone.png') });
  await phone.close();
});
