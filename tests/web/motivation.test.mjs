// The habit in the browser: the learner picks a daily goal in #/profile, a right answer fills part of
// the ring in the top bar, a lab run in the Web Worker fills the rest and earns an achievement (with
// its celebration), the streak starts, and a reload finds it all in localStorage. Then the profile
// and the top bar are photographed in every theme, and on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { env, openApp, frames, scrollAndClick, assertNotBlank, startApp, stopApp } from './support.mjs';

const webDir = env('DOJO_WEB_DIR');
const shotDir = env('DOJO_SCREENSHOT_DIR');

let server, baseUrl, browser;

before(async () => ({ server, baseUrl, browser } = await startApp(webDir, shotDir)));
after(() => stopApp({ server, browser }));

const state = (page) => page.evaluate(() => window.dojoTest.state());
const RUN = '\uf04b  Run the lab';

test('a goal, a right answer and a lab run fill the ring, start the streak, earn an achievement, and survive a reload',
  { timeout: 240000 }, async () => {
    const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1, '#/profile');
    let s = await state(page);
    assert.equal(s.view, 'profile');
    assert.equal(s.profile.goal, 20, 'a new learner starts with a goal of 20 XP a day');
    assert.equal(s.profile.today_xp, 0);
    assert.ok(await page.evaluate(() => window.dojoTest.widget('##Daily goal and streak')), 'the ring is in the top bar');

    await scrollAndClick(page, '10 XP a day##goal');
    assert.equal((await state(page)).profile.goal, 10);

    // A right answer: 5 XP, half of the goal.
    await page.evaluate(() => { window.location.hash = '#/lesson/what-ai-computes'; });
    await frames(page, 4);
    await scrollAndClick(page, 'Matrix multiplication');
    await scrollAndClick(page, 'Check answer##dominant-op');
    s = await state(page);
    assert.equal(s.profile.today_xp, 5);
    assert.equal(s.profile.goal_fraction, 0.5);
    assert.equal(s.profile.streak, 0, 'half the goal is not a day');

    // A lab run in the worker: 5 XP more, the goal met, and the first-lab achievement.
    await page.evaluate(() => { window.location.hash = '#/labs/matmul?size=64&backend=cpu'; });
    await frames(page, 4);
    await scrollAndClick(page, RUN);
    await page.waitForFunction(() => !window.dojoTest.state().labs.running && window.dojoTest.state().profile.today_xp >= 10,
      null, { timeout: 180000 });
    s = await state(page);
    assert.equal(s.profile.today_xp, 10);
    assert.equal(s.profile.streak, 1);
    assert.ok(s.profile.earned.includes('first-lab'), JSON.stringify(s.profile.earned));
    assert.match(s.celebration, /^Achievement: /);
    await page.screenshot({ path: join(shotDir, 'web-achievement.png') });

    // A reload keeps everything (localStorage).
    await page.reload();
    await page.waitForFunction(() => { const st = window.dojoTest && window.dojoTest.state(); return st && st.view; });
    await page.evaluate(() => { window.location.hash = '#/profile'; });
    await frames(page, 4);
    s = await state(page);
    assert.equal(s.profile.goal, 10);
    assert.equal(s.profile.today_xp, 10);
    assert.equal(s.profile.streak, 1);
    assert.ok(s.profile.earned.includes('first-lab'));
    assert.ok(s.profile.record.some((r) => r.lab === 'matmul' && r.backend === 'cpu' && r.value > 0), JSON.stringify(s.profile.record));
    assert.ok(s.profile.open.length >= 20, 'the achievements not yet earned are listed with how far along');
    const shot = join(shotDir, 'web-profile-dark.png');
    await page.screenshot({ path: shot, fullPage: false });
    assertNotBlank(shot);
    assert.deepEqual(problems, []);
    await page.close();
  });

test('the profile and the top bar in every theme, and on a phone', { timeout: 120000 }, async () => {
  for (const theme of ['light', 'projector']) {
    const { page, problems } = await openApp(browser, baseUrl, { width: 1280, height: 800 }, 1, `?theme=${theme}#/profile`);
    await frames(page, 4);
    assert.equal((await state(page)).view, 'profile');
    const shot = join(shotDir, `web-profile-${theme}.png`);
    await page.screenshot({ path: shot });
    assertNotBlank(shot);
    assert.deepEqual(problems, []);
    await page.close();
  }
  const { page, problems } = await openApp(browser, baseUrl, { width: 390, height: 844 }, 2, '#/profile');
  await frames(page, 4);
  const ring = await page.evaluate(() => window.dojoTest.widget('##Daily goal and streak'));
  assert.ok(ring && ring.x + ring.w <= 390, `the ring stays on a phone's top bar: ${JSON.stringify(ring)}`);
  const calendar = await page.evaluate(() => window.dojoTest.widget('profile:calendar'));
  assert.ok(calendar && calendar.x >= 0 && calendar.x + calendar.w <= 390, `the calendar fits: ${JSON.stringify(calendar)}`);
  const shot = join(shotDir, 'web-profile-phone.png');
  await page.screenshot({ path: shot });
  assertNotBlank(shot);
  assert.deepEqual(problems, []);
  await page.close();
});
