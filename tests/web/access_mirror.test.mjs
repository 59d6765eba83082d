// The ARIA mirror (engine/ui/access_tree.h, web/access_mirror.js): what a screen reader finds in the page.
// A lesson reads as headings, paragraphs and a quiz that is a radio group; a quiz can be answered through
// the mirror alone (focus, Space, Enter) and earns its XP; focus goes both ways between the mirror and
// ImGui; the skill tree is a list of lessons with their states; a chart carries a summary and a table; a
// lab run is announced;
// axe-core finds no violation on any view; and a resting app leaves the mirror alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { env, startApp, stopApp, openApp, settled, frames } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');
const axeSource = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
let server, browser;

before(async () => ({ server, browser } = await startApp(webDir, shotDir)));
after(() => stopApp({ server, browser }));

const mirror = (page) => page.locator('#access-mirror');

async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof axe !== 'undefined'))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
  }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')})`);
}

// The mirror's element for the radio or button with this text.
const byRole = (page, role, name) => mirror(page).getByRole(role, { name, exact: true });

test('a lesson reads as its headings, paragraphs and a quiz that is a radio group', async () => {
  const { page, problems } = await openApp(browser, server.url, DESKTOP, 1, '#/lesson/cpu-vs-gpu');
  await settled(page);
  const snapshot = await mirror(page).ariaSnapshot();
  // (ariaSnapshot quotes a line that holds a colon.)
  for (const line of ['- navigation "Compute Dojo":', '- main:', 'heading "CPU and GPU: two ways to spend a chip" [level=1]',
    'heading "The CPU: built to finish one thing fast" [level=2]', '- link "The previous lesson"', '- link "CPU"'])
    assert.ok(snapshot.includes(line), `no ${line} in\n${snapshot.slice(0, 3000)}`);
  assert.match(snapshot, /- paragraph:\n\s+- text: A\n\s+- link "CPU"/);
  assert.match(snapshot, /- text: .*runs your operating system, your browser and your Python interpreter/);
  // The quiz: a group, its prompt, and its choices as radios in a radio group named by the prompt.
  const prompt = 'Why does a GPU finish a large matrix multiplication sooner than a CPU?';
  assert.ok(snapshot.includes(`- radiogroup "${prompt}":`), snapshot.slice(0, 4000));
  for (const choice of ['Each GPU core is faster than a CPU core', 'It runs thousands of identical multiply-adds at the same time',
    'It has better branch prediction', 'It runs at a higher clock speed'])
    assert.ok(snapshot.includes(`- radio "${choice}"`), `no radio "${choice}"`);
  // The text layer over the canvas is for find and selection only: a screen reader hears the mirror once.
  assert.equal(await page.getAttribute('#text-layer', 'aria-hidden'), 'true');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a quiz answered through the mirror alone (focus, Space, Enter) earns its XP', async () => {
  const { page, problems } = await openApp(browser, server.url, DESKTOP, 1, '#/lesson/cpu-vs-gpu');
  await settled(page);
  const before = (await page.evaluate(() => window.dojoTest.state())).xp;
  // A wrong answer first: the verdict is announced, nothing is earned, and axe finds nothing in the view.
  const wrong = byRole(page, 'radio', 'It has better branch prediction');
  await wrong.focus();
  await settled(page);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#access-mirror [role=radio][aria-checked=true]') !== null);
  assert.equal(await wrong.getAttribute('aria-checked'), 'true');
  const check = mirror(page).getByRole('button', { name: /^Check answer$/ }).first();
  await check.focus();
  await settled(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Not quite\./.test(document.getElementById('live').textContent), null, { timeout: 5000 });
  assert.equal((await page.evaluate(() => window.dojoTest.state())).xp, before);
  await settled(page);
  assert.deepEqual(await axeViolations(page), [], 'a quiz answered wrong');
  // Then the right one: the focus starts on the radio, Space picks it, Enter on "Try again" checks it.
  const right = byRole(page, 'radio', 'It runs thousands of identical multiply-adds at the same time');
  await right.focus();
  await settled(page);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => [...document.querySelectorAll('#access-mirror [role=radio]')]
    .some((r) => r.textContent.startsWith('It runs thousands') && r.getAttribute('aria-checked') === 'true'));
  assert.equal(await wrong.getAttribute('aria-checked'), 'false');
  const retry = mirror(page).getByRole('button', { name: /^Try again$/ }).first();
  await retry.focus();
  await settled(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Correct\. \+\d+ XP\./.test(document.getElementById('live').textContent), null, { timeout: 5000 });
  const after = (await page.evaluate(() => window.dojoTest.state())).xp;
  assert.ok(after > before, `no XP: ${before} -> ${after}`);
  await settled(page);
  assert.deepEqual(await axeViolations(page), [], 'a quiz answered right');
  assert.deepEqual(problems, []);
  await page.close();
});

test('focus goes both ways: the mirror moves ImGui\'s focus, and ImGui\'s keyboard moves the mirror\'s', async () => {
  const { page, problems } = await openApp(browser, server.url, DESKTOP, 1, '#/');
  await settled(page);
  // The mirror's Labs button takes the DOM's focus: ImGui's keyboard focus follows to the same widget.
  const labs = byRole(page, 'button', 'Labs');
  const labsId = Number(await labs.getAttribute('data-id'));
  await labs.focus();
  await settled(page);
  assert.equal((await page.evaluate(() => window.dojoTest.access())).focus, labsId);
  // ImGui's own keyboard (an arrow) moves its focus to the next widget: the DOM's focus follows.
  await page.keyboard.press('ArrowRight');
  await settled(page);
  const imgui = (await page.evaluate(() => window.dojoTest.access())).focus;
  assert.ok(imgui && imgui !== labsId, `ImGui's focus did not move: ${imgui}`);
  assert.equal(await page.evaluate(() => Number(document.activeElement.dataset.id)), imgui);
  // Tab is the browser's: the DOM's focus goes to the next element of the mirror, and ImGui's follows.
  await page.keyboard.press('Tab');
  await settled(page);
  const next = await page.evaluate(() => Number(document.activeElement.dataset.id));
  assert.ok(next && next !== imgui, 'Tab did not move the DOM\'s focus within the mirror');
  assert.equal((await page.evaluate(() => window.dojoTest.access())).focus, next);
  // Activating the focused element (what a screen reader's click does) presses the widget: the view changes.
  await labs.focus();
  await settled(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.dojoTest.state().view === 'labs', null, { timeout: 5000 });
  await byRole(page, 'button', 'Home').evaluate((el) => el.click());
  await page.waitForFunction(() => window.dojoTest.state().view === 'home', null, { timeout: 5000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the skill tree is a list of lessons with their state and what each builds on', async () => {
  const { page, problems } = await openApp(browser, server.url, DESKTOP, 1, '#/tree');
  await settled(page);
  const list = mirror(page).getByRole('list', { name: 'Lessons of the skill tree' });
  const items = await list.getByRole('listitem').allTextContents();
  const state = await page.evaluate(() => window.dojoTest.state());
  assert.equal(items.length, state.lessons.length);
  assert.ok(items.some((t) => /^CPU and GPU: two ways to spend a chip: (Available|Locked)\. Builds on .+\.$/.test(t)), items.join('\n'));
  assert.ok(items.some((t) => t.endsWith(': Available.')), 'no lesson is open to start with');
  assert.ok(items.some((t) => /: Locked\. Builds on/.test(t)), 'no locked lesson');
  assert.equal(await list.getByRole('link', { name: 'CPU and GPU: two ways to spend a chip' }).getAttribute('href'), '#/lesson/cpu-vs-gpu');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a chart is a figure with a sentence that says what it plots and its data as a table', async () => {
  const { page, problems } = await openApp(browser, server.url, DESKTOP, 1, '#/lesson/roofline-and-arithmetic-intensity');
  await settled(page);
  const figure = mirror(page).locator('figure[aria-description^="A line chart of"]').first();
  assert.ok(await figure.count(), 'no chart in the mirror');
  const table = figure.getByRole('table');
  const rows = await table.getByRole('row').count();
  assert.ok(rows >= 2, `the chart's table has ${rows} rows`);
  assert.ok((await table.getByRole('columnheader').count()) >= 2);
  // A slider reads as one, with its range and its value as shown.
  const slider = mirror(page).getByRole('slider').first();
  assert.ok(Number(await slider.getAttribute('aria-valuemax')) > Number(await slider.getAttribute('aria-valuemin')));
  assert.ok((await slider.getAttribute('aria-valuetext')).length > 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lab run from the mirror is announced as it starts and ends, and its results read as a chart with a table', async () => {
  const { page, problems } = await openApp(browser, server.url, DESKTOP, 1, '#/labs/matmul?size=64&backend=cpu&kernel=naive');
  await page.waitForFunction(() => (window.dojoTest.state().labs.backends || []).length > 0, null, { timeout: 30000 });
  await settled(page);
  await page.evaluate(() => {
    window.heard = [];
    new MutationObserver(() => window.heard.push(document.getElementById('live').textContent))
      .observe(document.getElementById('live'), { childList: true, characterData: true, subtree: true });
  });
  // A screen reader's click on the mirror's button presses the app's.
  await mirror(page).getByRole('button', { name: 'Run the lab' }).evaluate((el) => el.click());
  // (A first lab run also earns an achievement, announced in the same breath after the lab's end.)
  await page.waitForFunction(() => window.dojoTest.state().labs.running === false && window.heard.some((t) => /finished\./.test(t)),
    null, { timeout: 60000 });
  const heard = await page.evaluate(() => window.heard.filter((t) => t));
  assert.ok(heard.some((t) => /^Running .+\.$/.test(t)), `not announced as it started: ${JSON.stringify(heard)}`);
  await settled(page);
  const figure = mirror(page).locator('figure[aria-description^="A bar chart of"]').first();
  assert.ok(await figure.count(), 'the results have no chart in the mirror');
  assert.ok((await figure.getByRole('row').count()) >= 2, 'the chart has no table of its values');
  assert.deepEqual(await axeViolations(page), [], 'the labs with results');
  assert.deepEqual(problems, []);
  await page.close();
});

test('axe-core finds no violation on home, lessons with every block, the tree, the labs, settings and the references', async () => {
  // vram-and-bandwidth has text, lists, a table, an image, code, callouts, a diagram, quizzes and a lab;
  // threads-blocks-and-indexing has kernel exercises; cloud-vs-on-premise quotes; roofline an explorer's chart.
  const views = ['#/', '#/lesson/vram-and-bandwidth', '#/lesson/threads-blocks-and-indexing', '#/lesson/cloud-vs-on-premise',
    '#/lesson/roofline-and-arithmetic-intensity', '#/tree', '#/labs', '#/settings', '#/glossary', '#/faq', '#/review', '#/search'];
  for (const hash of views) {
    const { page, problems } = await openApp(browser, server.url, DESKTOP, 1, hash);
    await settled(page);
    assert.equal(await mirror(page).locator('main h1').count(), 1, `${hash}: the view has no title in the mirror`);
    assert.deepEqual(await axeViolations(page), [], hash);
    assert.deepEqual(problems, [], hash);
    await page.close();
  }
  // The lesson's blocks are all there.
  const { page } = await openApp(browser, server.url, DESKTOP, 1, '#/lesson/vram-and-bandwidth');
  await settled(page);
  // An image is read once: its alt text is its name, and its visible caption is not read again.
  const alt = await mirror(page).locator('main [role=img]').first().getAttribute('aria-label');
  assert.equal(await mirror(page).locator('main p').filter({ hasText: alt }).count(), 0, 'the caption repeats the alt text');
  for (const selector of ['main h2', 'main p', 'main ul li', 'main table th', 'main pre', 'main [role=note]', 'main [role=img][aria-label]',
    'main figure ul li', 'main [role=radiogroup] [role=radio]'])
    assert.ok(await mirror(page).locator(selector).count(), `no ${selector} in the lesson's mirror`);
  await page.close();
});

test('a resting app leaves the mirror alone; a change updates only what changed', async () => {
  // (A lesson with no animation: the race in cpu-vs-gpu keeps drawing while it runs.)
  const { page, problems } = await openApp(browser, server.url, DESKTOP, 1, '#/lesson/what-ai-computes');
  await settled(page);
  const count = () => page.evaluate(() => new Promise((resolve) => {
    let n = 0;
    const observer = new MutationObserver((records) => { n += records.length; });
    observer.observe(document.getElementById('access-mirror'), { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(() => { observer.disconnect(); resolve(n); }, 1500);
  }));
  const framesBefore = await page.evaluate(() => window.dojoTest.frames());
  assert.equal(await count(), 0, 'the mirror changed while nothing moved');
  assert.equal(await page.evaluate(() => window.dojoTest.frames()), framesBefore, 'the app drew while resting');
  // Scrolling moves the lesson but says nothing new: the paragraph elements stay the same elements.
  const heading = await mirror(page).getByRole('heading', { level: 1 }).elementHandle();
  await page.mouse.move(640, 500);
  await page.mouse.wheel(0, 300);
  await frames(page, 4);
  await settled(page);
  assert.equal(await heading.evaluate((el) => el.isConnected), true);
  assert.deepEqual(problems, []);
  await page.close();
});
