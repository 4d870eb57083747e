// Drives the studio's page editor (target/studio-dist) in Debian's headless Chromium as a
// person would: opens a zip of the content folder, opens the page よくある質問 from the page
// list, changes a heading and waits for the page beside it (the site's own rendering, in a
// sandboxed frame with the site's stylesheets) to show it, saves (a download of the content
// zip), then types a link whose text says nothing and reads the check's message at the text.
// Writes report.json (the times from a keystroke to the page shown, what the frame loaded,
// the message, axe-core's findings) and the downloads into OUT_DIR. Every request must stay
// on the page's own server.
//
//   node studio/tests/pages.mjs DIST_DIR CONTENT_ZIP OUT_DIR
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, watch, axeViolations } from '../../site/tests/browser/harness.mjs';

const [dist, contentZip, outDir] = process.argv.slice(2).map((p) => resolve(p));
mkdirSync(outDir, { recursive: true });
const { server, base } = await serve(dist);
const browser = await launch();
const report = { errors: [], elsewhere: [], failed: [], axe: [] };
// The frame holds a page of the site, which the site's own tests check; it is left out here.
async function axe(page, step) {
  for (const v of await axeViolations(page, ['iframe.page-frame'])) report.axe.push(`${step}: ${v}`);
}
// The text of the frame's page (its <main>), or null while it has none.
const frameText = () => document.querySelector('iframe.page-frame')?.contentDocument?.querySelector('main')?.textContent ?? null;

// From a key's press in the text to the page beside it showing `expected` (ms, in the page's
// own clock), after `key` is typed at the end of the heading line `line`.
async function keystrokeToPage(page, line, key, expected) {
  await page.evaluate(([line]) => {
    const text = document.getElementById('page-body');
    const at = text.value.indexOf(line) + line.length;
    text.focus();
    text.setSelectionRange(at, at);
    window.pageTiming = {};
    text.addEventListener('keydown', () => { window.pageTiming.key = performance.now(); }, { once: true });
  }, [line]);
  await page.keyboard.type(key);
  const shown = await page.waitForFunction((expected) => {
    const h2 = [...(document.querySelector('iframe.page-frame')?.contentDocument?.querySelectorAll('main h2') ?? [])];
    return h2.some((h) => h.textContent === expected) ? performance.now() : false;
  }, expected, { polling: 'raf', timeout: 30_000 });
  return (await shown.jsonValue()) - (await page.evaluate(() => window.pageTiming.key));
}

try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  watch(page, base, report);
  await page.goto(`${base}/?today=2026-12-02`);
  await page.getByLabel('zip ファイルを開く').setInputFiles(contentZip);
  await page.getByRole('link', { name: 'ページの一覧' }).click();
  await page.getByRole('heading', { name: 'ページ（文章）を選ぶ' }).waitFor();
  await axe(page, 'page list');
  report.listed = await page.locator('ul.page-list li a').allTextContents();
  await page.getByRole('link', { name: 'よくある質問' }).click();

  // The page as the site shows it, beside the text: its heading, its stylesheets loaded.
  const frame = page.frameLocator('iframe[title="ページの表示：よくある質問"]');
  await frame.getByRole('heading', { level: 1, name: 'よくある質問' }).waitFor({ timeout: 120_000 });
  report.first_shown_ms = Number(await page.locator('#page-frame-status').getAttribute('data-ms'));
  report.frame = await page.evaluate(() => {
    const doc = document.querySelector('iframe.page-frame').contentDocument;
    return {
      sandbox: document.querySelector('iframe.page-frame').getAttribute('sandbox'),
      bureau: doc.querySelector('.site-header .bureau')?.textContent,
      stylesheets: [...doc.styleSheets].map((s) => ({ href: s.href.replace(location.origin, ''), rules: s.cssRules.length })),
      // The site's layout is applied: the navigation beside the text on a wide screen.
      layout: getComputedStyle(doc.querySelector('.layout')).display,
      skip_link_hidden: doc.querySelector('.skip-link').getBoundingClientRect().left < 0,
    };
  });
  await axe(page, 'page editor');
  await page.screenshot({ path: join(outDir, 'page-editor.png'), fullPage: true });

  // A heading changed: the page beside it follows, before saving.
  const text = page.getByLabel('本文（Markdown）');
  const body = await text.inputValue();
  report.body_starts = body.slice(0, 40);
  await text.fill(body.replace('## 受付番号は指定ですか', '## 受付番号は指定のことですか'));
  await frame.getByRole('heading', { level: 2, name: '受付番号は指定のことですか' }).waitFor({ timeout: 30_000 });
  report.heading_shown = true;
  // Keystrokes one by one, each to the page shown (the figure the note gives).
  report.keystroke_to_page_ms = [];
  let heading = '受付番号は指定のことですか';
  for (const key of ['A', 'B', 'C', 'D', 'E']) {
    const ms = await keystrokeToPage(page, `## ${heading}`, key, `${heading}${key}`);
    heading += key;
    report.keystroke_to_page_ms.push(Math.round(ms));
  }
  report.app_measured_ms = Number(await page.locator('#page-frame-status').getAttribute('data-ms'));
  report.status = await page.locator('#page-frame-status').textContent();
  report.heading_final = heading;
  // Saved through the usual path: a download of the content zip.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存' }).click()]);
  await saved.saveAs(join(outDir, 'content.zip'));

  // A link whose text says nothing, typed at the end: the check's message at the text, with
  // the file and line the build would print; the page is still shown.
  await text.focus();
  await page.evaluate(() => { const t = document.getElementById('page-body'); t.setSelectionRange(t.value.length, t.value.length); });
  await page.keyboard.type('\n[こちら](https://example.jp/)');
  const check = page.locator('#page-checks li', { hasText: 'リンクの文字が「こちら」だけでは' });
  await check.waitFor({ timeout: 30_000 });
  report.check_message = await check.textContent();
  report.checks = await page.locator('#page-checks li').allTextContents();
  report.frame_after_check = await page.evaluate(frameText) !== null;
  report.save_enabled_with_check = await page.getByRole('button', { name: '保存' }).isEnabled();
  await axe(page, 'page editor with a check');
  await page.screenshot({ path: join(outDir, 'page-check.png'), fullPage: false });
} finally {
  writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
  await browser.close();
  server.close();
}
