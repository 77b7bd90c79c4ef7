// End-to-end test of both sides online (issue 15) in headless Chromium with
// two browser contexts: a company scout and a startup. Run by
// scripts/e2e-online.sh, which builds the portal and the CLI, creates a demo
// event, starts `pitchmatch serve` and passes:
//   PM       the pitchmatch binary (the organizer's CLI)
//   PM_DB    the event file
//   SCOUT_LINK  a private link of a scout of company C001
//   BASE_URL    the server's address
//   SHOT_DIR    where screenshots go (optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const pm = process.env.PM;
const db = process.env.PM_DB;
const scoutLink = process.env.SCOUT_LINK;
const base = process.env.BASE_URL;
const shots = process.env.SHOT_DIR || '';
if (!pm || !db || !scoutLink || !base) throw new Error('PM, PM_DB, SCOUT_LINK and BASE_URL must be set (see scripts/e2e-online.sh)');

const cli = (...args) => execFileSync(pm, [...args, '--db', db], { encoding: 'utf8' });
const deals = () => JSON.parse(execFileSync(pm, ['kpi', '--db', db, '--json'], { encoding: 'utf8' })).totals.deals;

let browser;
before(async () => {
  if (shots) mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });

async function open(link) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'ja-JP', acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(link);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60_000 });
  return { context, page, errors };
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
}

// The meeting row of id on a page's schedule tab, after a reload of the tab.
async function meetingOn(page, id) {
  await page.click('#tab-schedule');
  const row = page.locator('#om-' + id);
  await row.waitFor({ timeout: 20_000 });
  return {
    when: (await page.textContent('#om-when-' + id)).trim(),
    table: (await page.textContent('#om-table-' + id)).trim(),
    status: await row.getAttribute('data-status'),
  };
}

test('a scout requests, the startup accepts, both confirm the scheduled meeting, a move is asked, the outcome counts as a deal', async () => {
  const scout = await open(scoutLink);
  const sp = scout.page;
  await sp.waitForSelector('body[data-role="scout"]');
  // The event header and the ranking with every feature's contribution.
  assert.match(await sp.textContent('#ev-name'), /ジャパン|Japan|JHVS|サミット/);
  await sp.waitForSelector('ol.ranking li.rk');
  const pager = await sp.textContent('#rk-pager');
  assert.match(pager, /1 \/ \d+ ページ/);
  const first = sp.locator('ol.ranking li.rk').first();
  const startupID = await first.getAttribute('data-id');
  assert.ok(startupID, 'first ranked startup');
  assert.ok(await first.locator('ul.reasons li').count() > 0, 'feature contributions shown');
  // Type-ahead search narrows the list to the startup's own ID.
  await sp.fill('#rk-q', startupID);
  await sp.waitForFunction((id) => {
    const rows = document.querySelectorAll('ol.ranking li.rk');
    return rows.length === 1 && rows[0].dataset.id === id;
  }, startupID, { timeout: 20_000 });
  await shot(sp, 'online-1-scout-ranking');
  // Request a meeting.
  await sp.check('#req-' + startupID);
  await sp.waitForFunction((id) => document.getElementById('net').textContent.includes(id), startupID);

  // The startup sees the request and accepts it.
  const startupLink = execFileSync(pm, ['invite', '--db', db, '--startup', startupID, '--base-url', base + '/', '--expires', '1h'], { encoding: 'utf8' }).trim();
  const st = await open(startupLink);
  const tp = st.page;
  await tp.waitForSelector('body[data-online="1"]', { state: 'attached' });
  assert.match(await tp.textContent('#ev-name'), /\S/);
  await tp.click('#tab-requests');
  const req = tp.locator('li.request').first();
  await req.waitFor();
  await req.locator('button[data-answer="accept"]').click();
  await tp.waitForSelector('li.request[data-answer="accept"]');
  await shot(tp, 'online-2-startup-request-accepted');

  // The organizer runs the scheduler; the accepted request is a must-meet.
  cli('schedule', '--save');
  const ms = JSON.parse(execFileSync(pm, ['kpi', '--db', db, '--json'], { encoding: 'utf8' }));
  assert.ok(ms.totals.scheduled > 0);
  // Both sides accept the proposed meeting: confirmed.
  await tp.click('#tab-schedule');
  const tRow = tp.locator('ul.meetings li.meeting').filter({ hasText: '' }).first();
  await tRow.waitFor();
  // The startup's meeting with the scout's company.
  const company = (await sp.textContent('#ev-who')).split(' · ')[0].trim();
  const mine = tp.locator('ul.meetings li.meeting', { hasText: company });
  await mine.waitFor();
  const mid = (await mine.getAttribute('id')).slice(3);
  await mine.locator('button[data-step="accept"]').click();
  await tp.waitForSelector(`#om-${mid} .resp`);
  let s = await meetingOn(sp, mid);
  assert.equal(s.status, 'proposed');
  await sp.locator(`#om-${mid} button[data-step="accept"]`).click();
  await sp.waitForSelector(`#om-${mid}[data-status="confirmed"]`);
  // Both see the same confirmed meeting at the same time and table.
  await tp.click('#tab-requests');
  const t1 = await meetingOn(tp, mid);
  s = await meetingOn(sp, mid);
  assert.equal(t1.status, 'confirmed');
  assert.equal(s.status, 'confirmed');
  assert.equal(t1.when, s.when);
  assert.equal(t1.table, s.table);
  await shot(tp, 'online-3-startup-confirmed');
  await shot(sp, 'online-3-scout-confirmed');

  // The startup asks to move it; the scout sees the request.
  await tp.locator(`#om-${mid} button[data-step="ask_move"]`).click();
  await tp.waitForSelector(`#om-${mid}[data-status="proposed"]`);
  await sp.click('#tab-ranking');
  await meetingOn(sp, mid);
  await sp.waitForSelector(`#om-move-${mid}`);

  // The organizer confirms it again; the scout records a deal.
  cli('meeting', '--id', mid, '--confirm');
  await sp.click('#tab-ranking');
  await meetingOn(sp, mid);
  const before = deals();
  await sp.selectOption(`#oc-${mid}`, 'deal_progressed');
  await sp.fill(`#on-${mid}`, '共同開発を社内提案する');
  await sp.locator(`#om-${mid} button[data-act="outcome"]`).click();
  await sp.waitForSelector(`#om-${mid}[data-status="held"] .deal`);
  assert.equal(deals(), before + 1, 'the KPI count of deals rises by one');
  await shot(sp, 'online-4-scout-outcome');

  // The startup sees the held meeting but never the scout's note.
  await tp.click('#tab-requests');
  const t2 = await meetingOn(tp, mid);
  assert.equal(t2.status, 'held');
  assert.ok(!(await tp.content()).includes('共同開発を社内提案する'), "the scout's note is private");

  assert.deepEqual(scout.errors, []);
  assert.deepEqual(st.errors, []);
  await scout.context.close();
  await st.context.close();
});
