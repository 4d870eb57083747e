// Drives the studio (target/studio-dist) in Debian's headless Chromium as a person would:
// opens a zip of the content folder, changes 東北's 受付番号 day 5 → 8, reads the dates before
// saving, saves (a download of the content zip), exports the site, shows the 新旧対照表 and saves
// it; writes report.json (the times: a keystroke to the 12 dates shown, the export, the
// 新旧対照表) and the downloads into OUT_DIR.
// Then the same edit twice more: in a folder opened read-write (the File System Access API, on
// the browser's origin-private file system standing in for the picker) and through `site
// serve`'s API (`GET/PUT api/content` with `X-Onshi-Key`, answered here); report.json has
// what each saved. Every request must stay on the page's own server.
//
//   node studio/tests/studio.mjs DIST_DIR CONTENT_ZIP OUT_DIR CONTENT_DIR
import { readFileSync, writeFileSync, mkdirSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, watch, axeViolations } from '../../site/tests/browser/harness.mjs';

const [dist, contentZip, outDir, contentDir] = process.argv.slice(2).map((p) => resolve(p));
// The content folder's files (path under content/ → bytes).
const contentFiles = [];
(function walk(dir, prefix) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
    else contentFiles.push([`${prefix}${name}`, readFileSync(path)]);
  }
})(contentDir, '');
const KEY = 'k3y-for-the-test';
const puts = [];
mkdirSync(outDir, { recursive: true });
// `site serve`'s API, answered here.
const { server, base } = await serve(dist, async (url, req, res) => {
  if (url.pathname !== '/api/content') return false;
  if (req.headers['x-onshi-key'] !== KEY) { res.writeHead(403); res.end('{"error":"鍵が違います"}'); return true; }
  if (req.method === 'GET') {
    const files = contentFiles.filter(([n]) => /\.(toml|md)$/.test(n)).map(([n, b]) => ({ name: `content/${n}`, text: b.toString('utf8') }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ files }));
    return true;
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  puts.push(JSON.parse(body));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"saved":[]}');
  return true;
});
const browser = await launch();
const report = { errors: [], elsewhere: [], axe: [] };
async function axe(page, step) {
  for (const v of await axeViolations(page)) report.axe.push(`${step}: ${v}`);
}
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  watch(page, base, report);
  await page.goto(`${base}/?today=2026-12-02`);
  await page.getByRole('heading', { name: '編集室' }).waitFor();
  await axe(page, 'start');
  await page.getByLabel('zip ファイルを開く').setInputFiles(contentZip);
  await page.getByRole('link', { name: '東北厚生局' }).waitFor();
  await axe(page, 'bureaus');
  report.zip = await editTohoku(page, true);
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存', exact: true }).click()]);
  await saved.saveAs(join(outDir, 'content.zip'));
  report.saved_name = saved.suggestedFilename();
  report.notice = await page.locator('.notice').textContent();
  // 中止 while the export runs: nothing is downloaded, the studio says so, and the next export
  // works (a new worker).
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await page.getByRole('button', { name: 'サイトを書き出す' }).click();
  await page.getByRole('progressbar').waitFor();
  await page.getByRole('button', { name: '中止' }).click();
  await page.getByText('中止しました').waitFor();
  await page.waitForTimeout(3000);
  report.cancel = { downloads, notice: await page.locator('.notice').textContent(), bar: await page.getByRole('progressbar').count() };
  // The export, five times (the first starts the site worker again), each watched: every state
  // of the progress bar and its label as drawn, and axe once while it runs.
  report.export_runs_ms = [];
  report.progress = [];
  for (let run = 0; run < 5; run += 1) {
    await page.evaluate(() => {
      window.seen = [];
      const note = () => {
        const bar = document.querySelector('.work-progress progress');
        const label = document.querySelector('.work-progress label');
        if (bar) window.seen.push([label.textContent, bar.getAttribute('value'), bar.getAttribute('max')]);
      };
      window.watching = new MutationObserver(note);
      window.watching.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const started = Date.now();
    const [site] = await Promise.all([
      page.waitForEvent('download', { timeout: 180_000 }),
      (async () => {
        await page.getByRole('button', { name: 'サイトを書き出す' }).click();
        if (run === 1) {
          await page.getByText('段階目').waitFor();
          await axe(page, 'export under way');
        }
      })(),
    ]);
    report.export_runs_ms.push(Date.now() - started);
    await site.saveAs(join(outDir, 'site.zip'));
    const seen = await page.evaluate(() => { window.watching.disconnect(); return window.seen; });
    if (run === 1) report.progress = seen;
  }
  report.export_ms = [...report.export_runs_ms].sort((a, b) => a - b)[2];
  report.export_notice = await page.locator('.notice').textContent();
  await page.screenshot({ path: join(outDir, 'studio.png'), fullPage: false });
  report.comparison = await comparison(page, context);
  await page.getByRole('link', { name: '局の一覧に戻る' }).click();
  await page.getByRole('link', { name: '東北厚生局', exact: true }).click();
  // A postal code without its source: the loader's error, with file:line, at the field and in
  // the summary, whose link leads to the field.
  const aomori = page.locator('fieldset.office', { hasText: '青森県を受け持つ事務所' });
  await aomori.getByLabel('未確認').nth(1).uncheck();
  await aomori.getByLabel('郵便番号').fill('030-8558');
  report.office_error = await aomori.locator('.error-message').first().textContent();
  report.summary_link = await page.locator('.error-summary a').first().getAttribute('href');
  report.save_disabled = await page.getByRole('button', { name: '保存', exact: true }).isDisabled();
  await axe(page, 'office error');
  await page.locator('.error-summary').screenshot({ path: join(outDir, 'summary.png') });

  // A folder opened read-write: the origin-private file system holds a copy of the content.
  const folderPage = await context.newPage();
  await folderPage.goto(`${base}/?today=2026-12-02`);
  await folderPage.evaluate(async (files) => {
    const root = await navigator.storage.getDirectory();
    const top = await root.getDirectoryHandle('picked', { create: true });
    for (const [path, b64] of files) {
      const parts = path.split('/');
      const name = parts.pop();
      let dir = top;
      for (const p of parts) dir = await dir.getDirectoryHandle(p, { create: true });
      const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await w.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
      await w.close();
    }
    window.showDirectoryPicker = async () => top;
  }, contentFiles.map(([n, b]) => [n, b.toString('base64')]));
  await folderPage.getByRole('button', { name: 'フォルダを選ぶ' }).click();
  report.folder = await editTohoku(folderPage);
  // The 新旧対照表 before saving: the worker's first question here (its code loads now).
  const cold = Date.now();
  await folderPage.getByRole('button', { name: '新旧対照表', exact: true }).click();
  await folderPage.locator('table.comparison.dates').first().waitFor({ timeout: 120_000 });
  report.folder_comparison = await folderPage.evaluate(() => ({
    headings: [...document.querySelectorAll('main h2')].map((h) => h.textContent),
    about: [...document.querySelectorAll('dl.about dd')].map((d) => d.textContent),
  }));
  report.folder_comparison.cold_ms = Date.now() - cold;
  // Meanwhile a text editor adds a line to tohoku.toml in the folder: 保存 writes nothing and
  // says which file changed; the edits stay. Then the line is taken out again, and 保存 saves.
  const editor = async (change) => folderPage.evaluate(async (change) => {
    const top = await (await navigator.storage.getDirectory()).getDirectoryHandle('picked');
    const handle = await (await top.getDirectoryHandle('bureaus')).getFileHandle('tohoku.toml');
    const text = await (await handle.getFile()).text();
    const next = change === 'add' ? `${text}# テキストエディタで追記\n` : text.replace('# テキストエディタで追記\n', '');
    const w = await handle.createWritable();
    await w.write(next);
    await w.close();
    return next;
  }, change);
  const meanwhile = await editor('add');
  await folderPage.getByRole('button', { name: '保存', exact: true }).click();
  await folderPage.locator('.error-message', { hasText: '変更されています' }).waitFor();
  report.folder_conflict = {
    message: await folderPage.locator('.error-message', { hasText: '変更されています' }).textContent(),
    kept: (await folderPage.evaluate(async () => {
      const top = await (await navigator.storage.getDirectory()).getDirectoryHandle('picked');
      return (await (await (await top.getDirectoryHandle('bureaus')).getFileHandle('tohoku.toml')).getFile()).text();
    })) === meanwhile,
    changed: await folderPage.locator('.save-bar').textContent(),
  };
  await editor('remove');
  await folderPage.getByRole('button', { name: '保存', exact: true }).click();
  await folderPage.locator('.notice', { hasText: 'フォルダに保存しました' }).waitFor();
  report.folder_saved = await folderPage.evaluate(async () => {
    const out = {};
    const top = await (await navigator.storage.getDirectory()).getDirectoryHandle('picked');
    for (const name of ['tohoku.toml', 'hokkaido.toml']) {
      const file = await (await (await top.getDirectoryHandle('bureaus')).getFileHandle(name)).getFile();
      out[name] = await file.text();
    }
    return out;
  });

  // Through site serve's API.
  const apiPage = await context.newPage();
  await apiPage.goto(`${base}/?today=2026-12-02#key=${KEY}`);
  report.api = await editTohoku(apiPage);
  // Saved in place, the content can still be handed over as a zip, as it is now.
  const [handed] = await Promise.all([apiPage.waitForEvent('download'), apiPage.getByRole('button', { name: '内容を zip で書き出す' }).click()]);
  await handed.saveAs(join(outDir, 'api-content.zip'));
  await apiPage.getByRole('button', { name: '保存', exact: true }).click();
  await apiPage.locator('.notice', { hasText: '保存しました' }).waitFor();
  report.api_puts = puts;
} finally {
  writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
  await browser.close();
  server.close();
}

// The 新旧対照表 after the save (its 旧 is still the content as opened): the time from the button
// to the tables, what they show, axe-core on the page; 新旧対照表.html saved, opened from the
// disk as the approver opens it (no CSP there: its own styles apply) and printed to PDF.
async function comparison(page, context) {
  const out = {};
  const button = page.getByRole('button', { name: '新旧対照表', exact: true });
  out.enabled_after_save = await button.isEnabled();
  const t0 = Date.now();
  await button.click();
  await page.locator('table.comparison.dates').first().waitFor({ timeout: 120_000 });
  out.ms = Date.now() - t0;
  out.notice = await page.locator('.notice').textContent();
  Object.assign(out, await page.evaluate(() => {
    const cells = (r) => [...r.cells].map((c) => c.textContent);
    return {
      headings: [...document.querySelectorAll('main h1, main h2')].map((h) => h.textContent),
      about: [...document.querySelectorAll('dl.about dd')].map((d) => d.textContent),
      texts: [...document.querySelectorAll('table.comparison:not(.offices):not(.dates) tbody tr')].map(cells),
      summary: [...document.querySelectorAll('table.offices tbody tr')].map(cells),
      offices: [...document.querySelectorAll('table.comparison.dates')].map((t) => ({
        caption: t.querySelector('caption').textContent,
        rows: t.querySelectorAll('tbody tr').length,
        march: [...t.querySelectorAll('tbody tr')].filter((r) => r.cells[0].textContent === '令和9年3月1日').map(cells),
      })),
    };
  }));
  await axe(page, 'comparison');
  await page.screenshot({ path: join(outDir, 'comparison.png'), fullPage: false });
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '新旧対照表を保存（印刷用）' }).click(),
  ]);
  out.document_name = saved.suggestedFilename();
  const file = join(outDir, 'comparison.html');
  await saved.saveAs(file);
  const opened = await context.newPage();
  await opened.goto(`file://${file}`);
  out.document_border = await opened.evaluate(() => getComputedStyle(document.querySelector('td')).borderTopStyle);
  const pdf = await opened.pdf({ path: join(outDir, 'comparison.pdf'), preferCSSPageSize: true });
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  out.pdf_pages = boxes.length;
  out.pdf_page_pt = boxes.length ? [Number(boxes[0][1]), Number(boxes[0][2])] : null;
  await opened.close();
  return out;
}

// Opens 東北, changes its 受付番号 day 5 → 8 and reads the page as it goes.
async function editTohoku(page, check = false) {
  const report = {};
  await page.getByRole('link', { name: '東北厚生局' }).click();
  const form = page.locator('fieldset.deadline', { hasText: '局（各事務所に共通）：受付番号の依頼（別紙1）の期限' });
  const day = form.getByLabel('何日');
  report.day_before = await day.inputValue();
  const march = form.locator('table.dates tr', { has: page.locator('th', { hasText: /^令和9年3月$/ }) });
  report.march_before = await march.locator('td').first().textContent();
  await day.press('End');
  await day.press('Backspace');
  report.error_when_empty = await form.locator('.error-message').textContent();
  if (check) {
    await axe(page, 'bureau, a day missing');
    await page.screenshot({ path: join(outDir, 'error.png'), fullPage: false });
  }
  // From the key's press to the 12 dates of the new rule in the page.
  await page.evaluate(() => {
    const input = document.activeElement;
    window.studioTiming = {};
    input.addEventListener('keydown', () => { window.studioTiming.key = performance.now(); }, { once: true });
    const observer = new MutationObserver(() => {
      const rows = [...input.closest('fieldset.deadline').querySelectorAll('table.dates tbody tr')];
      const row = rows.find((r) => r.querySelector('th').textContent === '令和9年3月');
      if (rows.length === 12 && row && row.textContent.includes('令和9年1月8日')) {
        window.studioTiming.shown = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await day.press('8');
  await page.waitForFunction(() => window.studioTiming.shown !== undefined);
  const timing = await page.evaluate(() => window.studioTiming);
  report.keystroke_to_dates_ms = timing.shown - timing.key;
  report.march_after = await march.locator('td').first().textContent();
  report.rows = await form.locator('table.dates tbody tr').count();
  report.sentence = await form.locator('.rule-sentence').textContent();
  // Keystrokes again, for a steadier figure: 8 → 9 → 8, each to its dates.
  report.keystrokes_ms = [];
  for (const [key, date] of [['Backspace', null], ['9', '令和9年1月12日'], ['Backspace', null], ['8', '令和9年1月8日']]) {
    const t0 = Date.now();
    await day.press(key);
    if (date) {
      await page.waitForFunction(([d]) => [...document.querySelectorAll('table.dates tr')].some((r) => r.querySelector('th')?.textContent === '令和9年3月' && r.textContent.includes(d)), [date]);
      report.keystrokes_ms.push(Date.now() - t0);
    }
  }
  return report;
}
