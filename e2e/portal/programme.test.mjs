// End-to-end test of the programme in the portal (issue 19) in headless
// Chromium: a startup applies to a theme with a PDF deck; another startup's
// non-PDF and too-large decks are refused with a clear message and nothing
// stored; a scout screens the application on a 375 px phone viewport
// (downloads the deck, scores it on the rubric, sees the aggregate beside the
// matching score, selects it with a message the startup then reads); a judge
// scores the pitch on a phone and a conflicted judge cannot. Run by
// scripts/e2e-programme.sh, which passes:
//   PM, PM_DB      the pitchmatch binary (the organizer's CLI) and the event file
//   BASE_URL       the server's address
//   THEME          a theme of company C001
//   STARTUP_LINK, OTHER_LINK   private links of startups S00001 and S00002
//   SCOUT_LINK     a private link of a scout of C001
//   JUDGE_LINK     a judge from C002; CONFLICT_LINK a judge from C001
//   SHOT_DIR       where screenshots go (optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

const env = process.env;
for (const k of ['PM', 'PM_DB', 'BASE_URL', 'THEME', 'STARTUP_LINK', 'OTHER_LINK', 'SCOUT_LINK', 'JUDGE_LINK', 'CONFLICT_LINK']) {
  if (!env[k]) throw new Error(k + ' must be set (see scripts/e2e-programme.sh)');
}
const shots = env.SHOT_DIR || '';
const cliJSON = (...args) => JSON.parse(execFileSync(env.PM, [...args, '--db', env.PM_DB, '--json'], { encoding: 'utf8' }));
const applications = () => cliJSON('programme', 'screening');

// A small real PDF (one page of Helvetica text) with a correct xref table.
function makePDF(text) {
  const content = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((n) => String(n).padStart(10, '0') + ' 00000 n \n').join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

let browser;
before(async () => {
  if (shots) mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });

const phone = { width: 375, height: 812 };

async function open(link, ready, viewport = { width: 1100, height: 900 }, locale = 'ja-JP') {
  const context = await browser.newContext({ viewport, locale, acceptDownloads: true, hasTouch: viewport.width < 500 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(link);
  await page.waitForSelector(ready, { state: 'attached', timeout: 60_000 });
  return { context, page, errors };
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
}

// The page fits the viewport: nothing wider than the phone's screen.
async function fits(page, width) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `page is ${w}px wide on a ${width}px screen`);
}

const deck = makePDF('PitchMatch deck S001');

test('a startup applies with a PDF; bad decks are refused; a scout screens it at 375 px; judges score the pitch', async () => {
  // ---- the startup applies ----
  const st = await open(env.STARTUP_LINK, 'body[data-online="1"]');
  const tp = st.page;
  // The banner says what is open now, on every page.
  await tp.waitForSelector('#pg-banner');
  const banner = await tp.textContent('#pg-banner');
  assert.match(banner, /受付中/);
  assert.match(banner, /応募受付/);
  assert.match(banner, /書類選考/);
  await tp.click('#tab-apply');
  await tp.waitForSelector('#apply-slot[data-loaded="1"] #ap-theme');
  await tp.selectOption('#ap-theme', env.THEME);
  await tp.fill('#ap-ja', '術後合併症をAIで早期に検知する提案です。');
  await tp.fill('#ap-en', 'We detect surgical complications early with AI.');
  await tp.setInputFiles('#ap-deck', { name: 'ピッチ資料.pdf', mimeType: 'application/pdf', buffer: deck });
  await tp.click('#ap-submit');
  await tp.waitForSelector('ul.progapps li.progapp');
  assert.match(await tp.textContent('#ap-msg'), /受け付けました/);
  assert.match(await tp.textContent('ul.progapps'), /ピッチ資料\.pdf/);
  assert.equal(await tp.inputValue('#ap-ja'), '術後合併症をAIで早期に検知する提案です。', 'the form shows the stored proposal');
  await shot(tp, 'programme-1-startup-applied');
  let apps = applications();
  assert.equal(apps.length, 1);
  const app = apps[0];
  assert.equal(app.startup_id, 'S00001');
  assert.equal(app.theme_id, env.THEME);

  // ---- another startup: a non-PDF and a too-large deck are refused ----
  const other = await open(env.OTHER_LINK, 'body[data-online="1"]', phone, 'en-US');
  const op = other.page;
  await op.click('#tab-apply');
  await op.waitForSelector('#apply-slot[data-loaded="1"] #ap-theme');
  await op.selectOption('#ap-theme', env.THEME);
  await op.fill('#ap-en', 'Our proposal.');
  // A PNG renamed to .pdf: the server checks the bytes.
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  await op.setInputFiles('#ap-deck', { name: 'deck.pdf', mimeType: 'application/pdf', buffer: png });
  await op.click('#ap-submit');
  await op.waitForFunction(() => document.getElementById('ap-msg').classList.contains('error'));
  assert.match(await op.textContent('#ap-msg'), /must be a PDF file.*nothing was stored/);
  assert.equal(await op.inputValue('#ap-en'), 'Our proposal.', 'the form keeps what was typed');
  await shot(op, 'programme-2-not-a-pdf');
  // 300 KB against the 200 KB limit: refused before the upload …
  const big = Buffer.concat([deck.subarray(0, deck.length - 6), Buffer.alloc(300 << 10, 0x20), Buffer.from('\n%%EOF\n')]);
  await op.setInputFiles('#ap-deck', { name: 'big.pdf', mimeType: 'application/pdf', buffer: big });
  await op.click('#ap-submit');
  await op.waitForFunction(() => /at most/.test(document.getElementById('ap-msg').textContent));
  assert.match(await op.textContent('#ap-msg'), /at most 200 KB \(this file is 30\d KB\); nothing was stored/);
  // … and by the server when a client sends it anyway.
  const direct = await op.evaluate(async ({ theme, size }) => {
    const fd = new FormData();
    fd.append('theme', theme);
    fd.append('proposal_en', 'x');
    const pdf = '%PDF-1.4\n' + ' '.repeat(size) + '\n%%EOF\n';
    fd.append('deck', new Blob([pdf], { type: 'application/pdf' }), 'big.pdf');
    const token = sessionStorage.getItem('pitchmatch.token');
    const r = await fetch('/api/v1/me/applications?lang=en', { method: 'POST', body: fd, headers: { Authorization: 'Bearer ' + token } });
    return { status: r.status, body: await r.json() };
  }, { theme: env.THEME, size: 300 << 10 });
  assert.equal(direct.status, 413);
  assert.match(direct.body.message, /at most 200 KB.*nothing was stored/);
  await fits(op, phone.width);
  assert.equal(applications().length, 1, 'nothing stored for the refused decks');
  assert.deepEqual(other.errors, []);

  // ---- the scout screens it on a phone ----
  const sc = await open(env.SCOUT_LINK, 'body[data-role="scout"]', phone);
  const sp = sc.page;
  await sp.waitForSelector('#pg-banner');
  await sp.click('#tab-screening');
  const card = sp.locator('#sa-' + app.application);
  await card.waitFor();
  assert.match(await card.textContent(), /術後合併症/);
  assert.match(await sp.textContent('#sa-match-' + app.application), /^\d+%$/);
  assert.equal((await sp.textContent('#sa-agg-' + app.application)).trim(), '—');
  // The deck downloads as the same PDF, which opens.
  const [download] = await Promise.all([sp.waitForEvent('download'), sp.click('#sa-deck-' + app.application)]);
  const dir = mkdtempSync(join(tmpdir(), 'pm-deck-'));
  const saved = join(dir, 'deck.pdf');
  await download.saveAs(saved);
  assert.equal(download.suggestedFilename(), 'ピッチ資料.pdf');
  assert.ok(readFileSync(saved).equals(deck), 'downloaded deck = uploaded deck');
  assert.match(execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' }), /PitchMatch deck S001/);
  // Score on the rubric.
  await sp.selectOption(`#sc-${app.application}-fit`, '5');
  await sp.selectOption(`#sc-${app.application}-team`, '2');
  await sp.fill('#sc-comment-' + app.application, '臨床ニーズが明確');
  await fits(sp, phone.width);
  await shot(sp, 'programme-3-scout-screening-375');
  await sp.click('#sa-save-' + app.application);
  await sp.waitForFunction((id) => document.getElementById('sa-agg-' + id).textContent.trim() === '4.00', app.application);
  apps = applications();
  assert.equal(apps[0].screening.reviewers, 1);
  assert.ok(Math.abs(apps[0].screening.score - 4) < 1e-9, 'weighted (2·5 + 1·2) / 3 = 4');
  // Select it with a message.
  await sp.selectOption('#dc-' + app.application, 'selected');
  await sp.fill('#dm-ja-' + app.application, '採択です。最初のセッションでお会いしましょう。');
  await sp.fill('#dm-en-' + app.application, 'Selected: see you at the first session.');
  await sp.click('#sa-decide-' + app.application);
  await sp.waitForFunction((id) => /採択/.test(document.getElementById('sa-dec-' + id).textContent), app.application);
  assert.equal(applications()[0].decision, 'selected');
  await fits(sp, phone.width);
  await shot(sp, 'programme-4-scout-selected-375');

  // The startup reads the decision and the message.
  await tp.click('#tab-requests');
  await tp.click('#tab-apply');
  await tp.waitForSelector(`#myapp-${app.application}[data-decision="selected"]`);
  assert.match(await tp.textContent('#myapp-' + app.application), /最初のセッションでお会いしましょう/);
  await tp.selectOption('#ap-theme', '');
  await tp.selectOption('#ap-theme', env.THEME);
  await tp.waitForFunction(() => /変更できません/.test(document.getElementById('ap-msg').textContent));
  await shot(tp, 'programme-5-startup-decision');

  // ---- the organizer schedules the acceleration sessions; both sides see them ----
  execFileSync(env.PM, ['programme', 'schedule-sessions', '--db', env.PM_DB], { encoding: 'utf8' });
  const sessions = cliJSON('programme', 'sessions');
  assert.equal(sessions.length, 6, 'six sessions for the selected pair');
  for (const p of [tp, sp]) {
    await p.click('#tab-sessions');
    await p.waitForSelector('#sessions-slot[data-loaded="1"]');
    assert.equal(await p.locator('#sessions-slot li.meeting').count(), 6);
  }
  assert.match(await sp.textContent('#sessions-slot'), /第1回/);
  const [ics] = await Promise.all([tp.waitForEvent('download'), tp.click('#ss-ics')]);
  const icsPath = join(dir, 'sessions.ics');
  await ics.saveAs(icsPath);
  const cal = readFileSync(icsPath, 'utf8');
  assert.equal(cal.split('BEGIN:VEVENT').length - 1, 6);
  for (const x of sessions) assert.ok(cal.includes('UID:' + x.uid), 'the calendar keeps the session UIDs');
  await fits(sp, phone.width);
  await shot(sp, 'programme-5-scout-sessions-375');

  // ---- the judges ----
  const jd = await open(env.JUDGE_LINK, 'body[data-role="judge"]', phone, 'en-US');
  const jp = jd.page;
  assert.match(await jp.textContent('#pg-banner'), /Final pitch/);
  const pitch = jp.locator('#jp-' + app.application);
  await pitch.waitFor();
  assert.equal(await pitch.getAttribute('data-scored'), 'false');
  await jp.selectOption(`#jd-${app.application}-impact`, '4');
  await jp.selectOption(`#jd-${app.application}-feasibility`, '5');
  await jp.fill('#jd-comment-' + app.application, 'Clear clinical need.');
  await fits(jp, phone.width);
  await jp.click('#jp-save-' + app.application);
  await jp.waitForSelector(`#jp-${app.application}[data-scored="true"]`);
  await shot(jp, 'programme-6-judge-scored-375');
  const results = cliJSON('programme', 'results');
  const mine = results.pitch.find((r) => r.slot.application_id === app.application);
  assert.ok(mine, 'the pitch is in the results');
  assert.equal(mine.judges, 1);
  assert.ok(Math.abs(mine.total - (2 * 4 + 5) / 3) < 1e-9, `pitch total ${mine.total}`);

  // The judge from the sponsoring company cannot score it.
  const cj = await open(env.CONFLICT_LINK, 'body[data-role="judge"]', phone);
  const cp = cj.page;
  await cp.waitForSelector('#jp-conflict-' + app.application);
  assert.equal(await cp.locator('#jp-save-' + app.application).count(), 0);
  assert.match(await cp.textContent('#jp-conflict-' + app.application), /利益相反/);
  const refused = await cp.evaluate(async (id) => {
    const token = sessionStorage.getItem('pitchmatch.token');
    const r = await fetch(`/api/v1/judge/pitches/${id}/score?lang=en`, { method: 'PUT', headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ scores: { impact: 5, feasibility: 5 }, comment: '' }) });
    return { status: r.status, body: await r.json() };
  }, app.application);
  assert.equal(refused.status, 403);
  assert.match(refused.body.message, /conflict of interest/);
  await shot(cp, 'programme-7-judge-conflict-375');
  const after = cliJSON('programme', 'results').pitch.find((r) => r.slot.application_id === app.application);
  assert.equal(after.judges, 1, 'the conflicted judge stored nothing');
  assert.deepEqual(after.excluded, ['J2']);

  for (const p of [st, sc, jd, cj]) assert.deepEqual(p.errors, []);
});
