// Drives the wizard in Debian's headless Chromium as a person would (by label), from a built
// site served on 127.0.0.1, and writes a report: the timeline as shown, the downloaded files,
// axe-core violations on every step, time to interactive and time to make the PDFs.
// With ONSHI_BASE_URL (a web server already serving SITE_DIR, site/tests/servers.rs) it runs
// through that server instead of its own, less the part that needs its own (a missing content
// file), and reports the bytes the first load took on the wire.
//
//   node site/tests/browser/wizard.mjs SITE_DIR OUT_DIR
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, axeViolations } from './harness.mjs';

const [siteDir, outDir] = process.argv.slice(2).map((p) => resolve(p));
mkdirSync(outDir, { recursive: true });

const requests = [];
let contentMissing = false; // for the page whose content file is missing
const external = process.env.ONSHI_BASE_URL;
const own = external ? null : await serve(siteDir, async (url, req, res) => {
  requests.push(url.pathname);
  if (contentMissing && /\/content-[0-9a-f]+\.bin$/.test(url.pathname)) { res.writeHead(404); res.end(); return true; }
  return false;
});
const base = external ?? own.base;

const browser = await launch();
const context = await browser.newContext({ acceptDownloads: true, bypassCSP: false });
const page = await context.newPage();
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('response', (r) => { if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));
// What the first load took on the wire: each response's encoded body and headers.
const wire = [];
page.on('requestfinished', async (r) => {
  const sizes = await r.sizes().catch(() => null);
  if (sizes) wire.push(sizes.responseBodySize + sizes.responseHeadersSize);
});
if (external) page.on('request', (r) => { if (r.url().startsWith(base)) requests.push(new URL(r.url()).pathname); });
const otherHosts = [];
page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) otherHosts.push(r.url()); });

const report = { steps: [], axe: [], downloads: {}, errors: [] };

async function axe(step) {
  for (const v of await axeViolations(page)) report.axe.push(`${step}: ${v}`);
}

async function heading() {
  return (await page.locator('h1').textContent()).trim();
}

async function next() {
  await page.getByRole('button', { name: '次へ' }).click();
}

async function focusedSummary() {
  await page.waitForSelector('.error-summary');
  return page.evaluate(() => document.activeElement?.classList.contains('error-summary') ? document.activeElement.textContent : null);
}

async function fillDate(group, y, m, d) {
  const g = page.getByRole('group', { name: group });
  await g.getByLabel('年', { exact: true }).fill(y);
  await g.getByLabel('月', { exact: true }).fill(m);
  await g.getByLabel('日', { exact: true }).fill(d);
}

async function download(action) {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  const target = join(outDir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

try {
  const started = Date.now();
  await page.goto(`${base}/tokaihokuriku/wizard/?today=2026-11-01`);
  // The start page is in the HTML: it shows before the program has loaded.
  await page.waitForSelector('h1');
  report.start_page = {
    heading: await heading(),
    text: await page.locator('#start').textContent(),
    ms: Date.now() - started,
    // Whose wizard it is, in the HTML before any script, and the way back to the guidance.
    title: await page.title(),
    bureau: await page.locator('#start .site-header .bureau').textContent(),
    guidance: await page.getByRole('link', { name: /の案内（手続の流れ・提出期限）に戻る/ }).getAttribute('href'),
  };
  await axe('start');
  await page.getByRole('link', { name: '始める' }).click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('種類'));
  report.time_to_interactive_ms = Date.now() - started;
  report.first_load_requests = [...requests];
  report.first_load_bytes = wire.reduce((a, b) => a + b, 0);
  report.progress = await page.locator('.progress').textContent();
  report.steps.push(await heading());
  await axe('kind');

  // Bad input: no choice. The summary takes the focus.
  await next();
  report.kind_error = await focusedSummary();
  await axe('kind-error');
  await page.getByLabel('医科と歯科の併設（別紙1を2通作ります）').check();
  await next();

  report.steps.push(await heading());
  await axe('prefecture');
  await page.getByLabel('富山県').check();
  await next();
  report.steps.push(await heading());
  await axe('retroactive');
  // 遡及指定 is out of scope: the wizard says so and stops there.
  await page.getByLabel('はい').check();
  await next();
  report.out_of_scope = await heading();
  await axe('out-of-scope');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('遡及'));
  await page.getByLabel('いいえ').check();
  await next();
  report.steps.push(await heading());
  await axe('transitional');
  await page.getByLabel('いいえ').check();
  await next();

  report.steps.push(await heading());
  await axe('dates');
  await fillDate(/指定を受ける日/, '２０２７', '2', '30');
  await next();
  report.date_error = await focusedSummary();
  await axe('dates-error');
  await fillDate(/指定を受ける日/, '2027', '3', '1');
  await fillDate(/機器設定作業の日/, '2027', '2', '15');
  await next();

  report.steps.push(await heading());
  await page.waitForSelector('table');
  report.timeline = await page.$$eval('main table tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
  report.timeline_svg_circles = await page.locator('figure.timeline svg circle').count();
  report.timeline_svg_today = await page.locator('figure.timeline svg').textContent();
  report.next_action = await page.locator('.next-action').textContent();
  // ⑥'s short window (the reply by Tue 2027-01-12, ⑥ by Fri 2027-01-15) as a banner, with the
  // 実施機関's page on how to submit as a link.
  const windowBanner = page.locator('.notice-warning', { hasText: '回答書が届く前に' });
  report.reply_window = {
    text: await windowBanner.textContent(),
    link: await windowBanner.getByRole('link', { name: '受付番号の提出方法（実施機関の案内）' }).getAttribute('href'),
  };
  await axe('timeline');
  report.downloads.ics = await download(() => page.getByRole('button', { name: /カレンダー/ }).click());
  // The browser's back button returns to the previous question, with the answers kept.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('指定を受ける日'));
  report.back_button = { heading: await heading(), year: await page.locator('#designation_date-year').inputValue() };
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('あなたの手続と期限'));
  await next();

  report.steps.push(await heading());
  // A reload keeps what was typed (the tab's sessionStorage).
  await page.reload();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('別紙1'));
  report.after_reload_year = await page.locator('#request_date-year').inputValue().catch(() => null);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('あなたの手続と期限'));
  report.after_reload_timeline = await page.locator('main table tbody tr').count();
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('別紙1'));
  await fillDate(/依頼する日/, '2026', '12', '10');
  // A label's accessible name is its text, plus 「※必須」 on required fields.
  const exact = (label) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(※必須)?$`);
  const fill = async (label, value) => page.getByLabel(exact(label)).fill(value);
  await fill('回答書の送付先 郵便番号', '９３０－０００８');
  await fill('回答書の送付先 住所', '富山県富山市新桜町1-1');
  await fill('回答書の送付先 氏名', '資格 太郎');
  await fill('医療機関・薬局の名称', '<script>alert(1)</script>クリニック');
  // Half-width katakana and kana pasted from a Mac (NFD: ハ + U+309A) are accepted.
  await fill('医療機関・薬局の名称 フリガナ', 'ｵﾝｼ ｸﾘﾆｯｸ ハ\u309Aーク');
  await fill('医療機関・薬局の所在地 郵便番号', '9300008');
  await fill('医療機関・薬局の所在地', '富山県富山市新桜町1-1');
  await fill('開設者 法人の名称', '医療法人社団さくら会');
  await fill('開設者 代表者の職名', '理事長');
  await fill('開設者（法人の場合は代表者）氏名', '髙﨑 花子');
  await fill('開設者（法人の場合は代表者）氏名 フリガナ', 'たかさき はなこ');
  await fill('開設者 住所 郵便番号', '930-0008');
  await fill('開設者 住所', '富山県富山市新桜町2-2');
  await fill('開設者 電話番号', '076-123-4567');
  await fill('担当者の連絡先（電話番号）', '０７６（１２３）４５６７');
  await axe('request');
  // Too long for its box on the forms: refused here, on the page that asks for it.
  await fill('医療機関・薬局の名称', '長'.repeat(200));
  await next();
  report.too_long = await focusedSummary();
  await fill('医療機関・薬局の名称', '<script>alert(1)</script>クリニック');
  await next();

  report.steps.push(await heading());
  const choose = async (group, label) => page.getByRole('group', { name: group }).getByLabel(label, { exact: true }).check();
  await choose(/③/, '未実施');
  await choose(/④/, '未実施');
  await choose(/⑤/, 'イ 契約済み');
  await fill('⑤ カードリーダーの整備予定月', '1');
  await fill('⑥ メーカー名', 'キヤノンマーケティングジャパン株式会社');
  await choose(/⑦/, 'ウ 見積もり中');
  await choose(/⑨/, 'IP-VPN');
  await fillDate(/⑩/, '2027', '2', '15');
  await fill('⑪ システム導入事業者名', '株式会社オン資システム');
  await fillDate(/⑫/, '2027', '2', '25');
  await axe('plan');
  await next();

  report.steps.push(await heading());
  await axe('check');
  // The check page shows what the forms will print; each 変更 lands on its field.
  report.check_text = await page.locator('main').textContent();
  await page.getByRole('link', { name: '変更 担当者の連絡先（電話番号）' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'contact_phone');
  report.change_link_focus = await page.evaluate(() => document.activeElement.id);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('入力内容の確認'));
  report.downloads.application = await download(() => page.getByRole('button', { name: /入力内容を保存する/ }).click());
  await page.getByRole('button', { name: '書類を作る' }).click();

  report.steps.push(await heading());
  const pdfStart = Date.now();
  await page.getByRole('button', { name: 'PDF を作る' }).click();
  await page.getByRole('button', { name: '別紙2 導入計画書をダウンロード' }).waitFor({ timeout: 60000 });
  report.pdf_ms = Date.now() - pdfStart;
  report.checklist = await page.locator('.checklist').textContent();
  await axe('download');
  for (const [key, name] of [['medical', '別紙1（医科）をダウンロード'], ['dental', '別紙1（歯科）をダウンロード'], ['plan', '別紙2 導入計画書をダウンロード']]) {
    report.downloads[key] = await download(() => page.getByRole('button', { name }).click());
  }

  // A clinic coming back with its file: on the start page of a fresh tab, 「保存したファイルから
  // 続ける」 opens the check page with the answers, without pressing 始める first.
  const back = await browser.newContext();
  const backPage = await back.newPage();
  await backPage.goto(`${base}/tokaihokuriku/wizard/?today=2026-11-01`);
  await backPage.getByLabel('保存したファイルを選ぶ').setInputFiles(report.downloads.application);
  await backPage.waitForSelector('text=申請ファイルを読み込みました');
  report.start_file = {
    heading: (await backPage.locator('h1').textContent()).trim(),
    text: await backPage.locator('main').textContent(),
    start_page_gone: (await backPage.locator('#start').count()) === 0,
  };
  await back.close();

  // A clinic that kept only the printed PDF: the wizard reads the application file attached to
  // it (in the PDF worker) from the start page; a PDF without one is refused, naming the file.
  const fromPdf = await browser.newContext();
  const pdfPage = await fromPdf.newPage();
  await pdfPage.goto(`${base}/tokaihokuriku/wizard/?today=2026-11-01`);
  await pdfPage.getByLabel('保存したファイルを選ぶ').setInputFiles(report.downloads.plan);
  await pdfPage.waitForSelector('text=申請ファイルを読み込みました', { timeout: 60000 });
  report.from_pdf = { heading: (await pdfPage.locator('h1').textContent()).trim(), text: await pdfPage.locator('main').textContent() };
  await pdfPage.getByLabel('保存したファイルを読み込む').setInputFiles(join(siteDir, 'tokaihokuriku/forms/request.pdf'));
  await pdfPage.waitForSelector('text=request.pdf', { timeout: 60000 });
  report.blank_pdf = await pdfPage.locator('.notice').first().textContent();
  await fromPdf.close();

  // Load the saved file into a fresh wizard; then a file of another version and a broken one.
  await page.goto(`${base}/tokaihokuriku/wizard/?today=2026-11-01`);
  await page.waitForSelector('h1');
  await page.getByLabel('保存したファイルを読み込む').setInputFiles(report.downloads.application);
  await page.waitForSelector('text=申請ファイルを読み込みました');
  report.after_load = { heading: await heading(), text: await page.locator('main').textContent() };
  const other = join(outDir, 'version3.json');
  writeFileSync(other, JSON.stringify({ version: 3, bureau: 'tokaihokuriku' }));
  await page.getByLabel('保存したファイルを読み込む').setInputFiles(other);
  await page.waitForSelector('text=読める版は 1');
  report.version_message = await page.locator('.notice').first().textContent();
  report.still_loaded = (await page.locator('main').textContent()).includes('株式会社オン資システム');

  // Offline once loaded: without a network the wizard opens, reads the saved file and makes
  // the PDFs (its service worker kept the files it had loaded).
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await context.setOffline(true);
  await page.goto(`${base}/tokaihokuriku/wizard/?today=2026-11-01`);
  await page.waitForSelector('h1');
  await page.getByLabel('保存したファイルを読み込む').setInputFiles(report.downloads.application);
  await page.waitForSelector('text=申請ファイルを読み込みました');
  await page.getByRole('button', { name: '書類を作る' }).click();
  await page.getByRole('button', { name: 'PDF を作る' }).click();
  await page.getByRole('button', { name: '別紙2 導入計画書をダウンロード' }).waitFor({ timeout: 60000 });
  report.offline_pdfs = true;
  await context.setOffline(false);

  // A file with a key the format does not have: refused before it enters the answers.
  const unknownKey = join(outDir, 'unknown-key.json');
  const saved = JSON.parse(readFileSync(report.downloads.application, 'utf8'));
  saved.facility.nmae = 'x';
  writeFileSync(unknownKey, JSON.stringify(saved));
  await page.goto(`${base}/tokaihokuriku/wizard/?today=2026-11-01#check`);
  await page.waitForSelector('h1');
  await page.getByLabel('保存したファイルを読み込む').setInputFiles(unknownKey);
  await page.waitForSelector('text=申請ファイルにない項目があります');
  report.unknown_key = await page.locator('.notice').first().textContent();

  // Two bureaus in one tab: what was typed in 東海北陸's wizard does not follow to 北海道's.
  await page.goto(`${base}/hokkaido/wizard/?today=2026-11-01#request`);
  await page.waitForSelector('h1');
  report.other_bureau = {
    facility_name: await page.locator('#facility-name').inputValue().catch(() => null),
    heading: await heading(),
  };

  // 経過措置 changes the schedule: the 指定申請 carries the 猶予届出書 instead of 別紙2.
  await page.goto(`${base}/tokaihokuriku/wizard/?today=2026-11-01#transitional`);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('経過措置'));
  await page.getByLabel('はい').check();
  await next();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('指定を受ける日'));
  await next();
  await page.waitForSelector('main table');
  report.transitional_timeline = await page.$$eval('main table tbody tr', (rows) => rows.map((r) => r.textContent.trim()));
  await axe('timeline-transitional');
  // Offline before the first PDF: a fresh browser that loaded the questions but never the PDF
  // code or the font says so, and makes the PDFs once the network is back.
  const fresh = await browser.newContext({ acceptDownloads: true });
  const freshPage = await fresh.newPage();
  freshPage.on('pageerror', (e) => consoleErrors.push(String(e)));
  await freshPage.goto(`${base}/tokaihokuriku/wizard/?today=2026-11-01#kind`);
  await freshPage.waitForFunction(() => document.querySelector('h1')?.textContent.includes('種類'));
  await freshPage.evaluate(async () => { await navigator.serviceWorker.ready; });
  await freshPage.getByLabel('保存したファイルを読み込む').setInputFiles(report.downloads.application);
  await freshPage.waitForSelector('text=申請ファイルを読み込みました');
  await freshPage.getByRole('button', { name: '書類を作る' }).click();
  await fresh.setOffline(true);
  await freshPage.getByRole('button', { name: 'PDF を作る' }).click();
  await freshPage.waitForSelector('.error-summary', { timeout: 60000 });
  report.offline_first_pdf = await freshPage.locator('.error-summary').textContent();
  await fresh.setOffline(false);
  await freshPage.getByRole('button', { name: 'もう一度 PDF を作る' }).click();
  await freshPage.getByRole('button', { name: '別紙2 導入計画書をダウンロード' }).waitFor({ timeout: 60000 });
  report.after_network_back = true;
  await fresh.close();
  // A page whose content file does not arrive says so in the page instead of staying blank
  // (this needs the test's own server).
  if (!external) {
    contentMissing = true;
    const broken = await browser.newContext();
    const brokenPage = await broken.newPage();
    await brokenPage.goto(`${base}/kinki/wizard/?today=2026-11-01#kind`);
    await brokenPage.waitForSelector('#app[role=alert]', { timeout: 30000 });
    report.content_missing = await brokenPage.locator('#app').textContent();
    await broken.close();
    contentMissing = false;
  }
} catch (e) {
  report.errors.push(String(e.stack ?? e));
  await page.screenshot({ path: join(outDir, 'failure.png'), fullPage: true }).catch(() => {});
}
report.console_errors = consoleErrors;
report.other_hosts = otherHosts;
await browser.close();
if (own) own.server.close();
writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
console.log(JSON.stringify({ errors: report.errors, axe: report.axe.length, tti: report.time_to_interactive_ms, pdf: report.pdf_ms }));
process.exit(report.errors.length === 0 ? 0 : 1);
