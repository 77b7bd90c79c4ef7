// End-to-end test of the startup portal in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core). Run by scripts/e2e-portal.sh,
// which builds everything, starts `pitchmatch serve` on loopback and passes:
//   PORTAL_LINK_A, PORTAL_LINK_B  private links of two different startups
//   SHOT_DIR                      where screenshots go (optional)
//   FIGURES                       JSON file for the measured figures (optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const linkA = process.env.PORTAL_LINK_A;
const linkB = process.env.PORTAL_LINK_B;
const shots = process.env.SHOT_DIR || '';
const figuresFile = process.env.FIGURES || '';
if (!linkA || !linkB) throw new Error('PORTAL_LINK_A and PORTAL_LINK_B must be set (see scripts/e2e-portal.sh)');
const origin = new URL(linkA).origin;
const tokenOf = (link) => new URLSearchParams(new URL(link).hash.slice(1)).get('t');
const figures = {};

let browser;
before(async () => {
  if (shots) mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  if (figuresFile) writeFileSync(figuresFile, JSON.stringify(figures, null, 2));
});

// api calls the server directly with a token, as another device would.
async function api(link, method, path, body) {
  const res = await fetch(origin + path, {
    method,
    headers: { Authorization: 'Bearer ' + tokenOf(link), 'Content-Type': 'application/json', 'Accept-Language': 'ja' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* calendar */ }
  return { status: res.status, json, text };
}

async function openPortal(link, width) {
  const context = await browser.newContext({ viewport: { width, height: 860 }, locale: 'ja-JP', acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const t0 = Date.now();
  await page.goto(link);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60_000 });
  const wall = Date.now() - t0;
  const inPage = await page.evaluate(() => window.pmReady);
  return { context, page, errors, wall, inPage };
}

// typeJapanese types text into the focused control the way an input method
// does: composition updates (CDP Input.imeSetComposition) for the reading,
// then the committed text (Input.insertText), firing compositionstart,
// compositionupdate, compositionend and input events.
async function typeJapanese(page, reading, committed) {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 1; i <= reading.length; i++) {
    const part = reading.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text: part, selectionStart: part.length, selectionEnd: part.length });
  }
  await cdp.send('Input.insertText', { text: committed });
  await cdp.detach();
}

test('startup A edits its profile in Japanese, applies to a theme and downloads its calendar', async () => {
  const { context, page, errors, wall, inPage } = await openPortal(linkA, 375);
  figures.form_usable_ms_wall = wall;
  figures.form_usable_ms_in_page = Math.round(inPage);
  // What the first visit downloaded (transfer = compressed bytes on the wire).
  const resources = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => ({ path: new URL(e.name).pathname, transfer: e.transferSize, decoded: e.decodedBodySize })));
  figures.first_visit_resources = resources;
  figures.first_visit_transfer_bytes = resources.reduce((n, r) => n + r.transfer, 0);
  figures.font_downloaded = resources.some((r) => r.path === '/font.ttf');
  // The token left the address bar after the page took it.
  assert.ok(!page.url().includes('#t='), 'token still in the URL: ' + page.url());
  const before = (await api(linkA, 'GET', '/api/v1/me')).json;
  assert.equal(await page.textContent('#sid'), before.id);

  // Count composition events on the field to prove the IME path was used.
  const field = '#f-product_name-ja';
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    window.imeEvents = [];
    for (const t of ['compositionstart', 'compositionupdate', 'compositionend']) el.addEventListener(t, () => window.imeEvents.push(t));
  }, field);
  await page.click(field);
  await page.fill(field, '');
  await typeJapanese(page, 'しんでんず', '心電図');
  await page.keyboard.insertText('ＡＩ解析「テスト」');
  const ime = await page.evaluate(() => window.imeEvents);
  assert.ok(ime.includes('compositionstart') && ime.includes('compositionend'), 'composition events: ' + ime.join(','));
  assert.equal(await page.inputValue(field), '心電図ＡＩ解析「テスト」');

  // Inline validation while typing, from the shared event rules.
  await page.fill('#f-contact_email', 'メールではない');
  await page.waitForFunction(() => document.querySelector('#e-contact_email').textContent.length > 0);
  const emailMsg = await page.textContent('#e-contact_email');
  assert.match(emailMsg, /メールアドレス/);
  if (shots) {
    await page.$eval('#w-contact_email', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(shots, 'profile-error-375.png') });
  }
  await page.fill('#f-contact_email', 'info@example.jp');
  await page.waitForFunction(() => document.querySelector('#e-contact_email').textContent === '');

  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('#save-msg').textContent === '保存しました');
  const saved = (await api(linkA, 'GET', '/api/v1/me')).json;
  assert.equal(saved.product_name.ja, '心電図ＡＩ解析「テスト」');
  assert.equal(saved.contact_email, 'info@example.jp');
  assert.equal(saved.version, before.version + 1);

  // Reload: the session keeps the token and the saved text comes back.
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60_000 });
  assert.equal(await page.inputValue(field), '心電図ＡＩ解析「テスト」');
  assert.equal(await page.textContent('#sver'), String(saved.version));
  if (shots) await page.screenshot({ path: join(shots, 'profile-375.png') });

  // Themes: fit preview and an interest toggle.
  await page.click('#tab-themes');
  await page.waitForSelector('.theme');
  const first = await page.$eval('.theme input.interest', (el) => ({ id: el.value, checked: el.checked }));
  const pct = await page.textContent(`#pct-${first.id}`);
  assert.match(pct, /^\d+%$/);
  await page.click(`#int-${first.id}`);
  await page.waitForFunction(() => document.querySelector('#net').textContent === '関心を保存しました');
  const interests = (await api(linkA, 'GET', '/api/v1/me/interests')).json;
  assert.equal(interests.apply.includes(first.id), !first.checked, `interest in ${first.id} not toggled: ${JSON.stringify(interests)}`);
  assert.equal(await page.isChecked(`#int-${first.id}`), !first.checked);
  if (shots) await page.screenshot({ path: join(shots, 'themes-375.png') });

  // Meetings and the .ics download.
  await page.click('#tab-meetings');
  await page.waitForSelector('#ics');
  const nMeetings = await page.locator('.meeting').count();
  assert.ok(nMeetings > 0, 'the demo schedule gives startup A meetings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ics')]);
  const path = await download.path();
  const ics = readFileSync(path, 'utf8');
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n') && ics.trimEnd().endsWith('END:VCALENDAR'), ics.slice(0, 200));
  assert.equal((ics.match(/BEGIN:VEVENT/g) || []).length, nMeetings);
  assert.match(ics, /DTSTART;TZID=Asia\/Tokyo:2026101[456]T\d{6}\r\n/);
  assert.match(download.suggestedFilename(), /\.ics$/);
  figures.meetings_a = nMeetings;
  if (shots) await page.screenshot({ path: join(shots, 'meetings-375.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a draft made offline is kept and sent when the network returns', async () => {
  const { context, page } = await openPortal(linkA, 375);
  await context.setOffline(true);
  await page.fill('#f-headcount', '');
  await page.click('#f-headcount');
  await page.keyboard.insertText('42');
  await page.click('#save');
  await page.waitForFunction(() => /オフライン/.test(document.querySelector('#save-msg').textContent));
  const draft = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('pitchmatch.draft.')).map(([, v]) => JSON.parse(v)));
  assert.equal(draft.length, 1);
  assert.equal(draft[0].pending, true);
  assert.deepEqual(draft[0].values.headcount, ['42']);
  assert.notEqual((await api(linkA, 'GET', '/api/v1/me')).json.headcount, 42);
  await context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('#save-msg').textContent === '保存しました', null, { timeout: 30_000 });
  assert.equal((await api(linkA, 'GET', '/api/v1/me')).json.headcount, 42);
  await context.close();
});

test('a stale save shows both versions and the chosen merge loses neither', async () => {
  const { context, page } = await openPortal(linkA, 1280);
  // Someone else (the organizer, another tab) saves first.
  const cur = (await api(linkA, 'GET', '/api/v1/me')).json;
  const other = { ...cur, name: { ja: '別の端末で変更した社名', en: cur.name.en } };
  delete other.updated_at;
  const put = await api(linkA, 'PUT', '/api/v1/me', other);
  assert.equal(put.status, 200, put.text);
  // This page still holds the old version.
  await page.fill('#f-product_name-en', 'ECG AI analysis');
  await page.click('#save');
  await page.waitForSelector('#conflict');
  const rows = await page.$$eval('#conflict tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.some((r) => r.includes('ECG AI analysis')), 'mine missing: ' + rows);
  assert.ok(rows.some((r) => r.includes('別の端末で変更した社名')), 'theirs missing: ' + rows);
  if (shots) await page.screenshot({ path: join(shots, 'conflict-1280.png'), fullPage: false });
  // Keep their name, keep my product name.
  await page.check('input[name="keep-name"][value="theirs"]');
  await page.click('#resolve');
  await page.waitForFunction(() => document.querySelector('#save-msg').textContent === '保存しました');
  const after = (await api(linkA, 'GET', '/api/v1/me')).json;
  assert.equal(after.name.ja, '別の端末で変更した社名');
  assert.equal(after.product_name.en, 'ECG AI analysis');
  assert.equal(after.version, put.json.version + 1);
  // English switch.
  await page.selectOption('#lang', 'en');
  assert.equal(await page.textContent('#tab-profile'), 'Profile');
  await page.selectOption('#lang', 'ja');
  if (shots) {
    await page.screenshot({ path: join(shots, 'profile-1280.png') });
    await page.click('#tab-themes');
    await page.waitForSelector('.theme');
    await page.screenshot({ path: join(shots, 'themes-1280.png') });
  }
  await context.close();
});

test("startup B's link sees only B", async () => {
  const a = (await api(linkA, 'GET', '/api/v1/me')).json;
  const { context, page } = await openPortal(linkB, 375);
  const bID = await page.textContent('#sid');
  assert.notEqual(bID, a.id);
  const html = await page.content();
  assert.ok(!html.includes(a.name.ja), "B's page shows A's name");
  assert.ok(!html.includes('心電図ＡＩ解析「テスト」'), "B's page shows A's product");
  // Even asking for A by ID from B's page is refused.
  const res = await page.evaluate(async (id) => {
    const tok = sessionStorage.getItem('pitchmatch.token');
    const r = await fetch('/api/v1/startups/' + id, { headers: { Authorization: 'Bearer ' + tok } });
    return { status: r.status, body: await r.text() };
  }, a.id);
  assert.equal(res.status, 403, res.body);
  assert.ok(!res.body.includes(a.name.ja));
  // And B's meetings hold none of A's meeting UIDs.
  const ma = (await api(linkA, 'GET', '/api/v1/me/meetings')).json.meetings.map((m) => m.uid);
  const mb = (await api(linkB, 'GET', '/api/v1/me/meetings')).json.meetings.map((m) => m.uid);
  assert.equal(ma.filter((u) => mb.includes(u)).length, 0);
  await context.close();
});

test('time until the profile form is usable (cold context, loopback)', async () => {
  const samples = [];
  for (let i = 0; i < 3; i++) {
    const { context, wall, inPage } = await openPortal(linkB, 375);
    samples.push({ wall, inPage: Math.round(inPage) });
    await context.close();
  }
  figures.form_usable_samples = samples;
});
