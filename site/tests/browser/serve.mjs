// `site serve` as staff meet it, in Debian's headless Chromium: an open page, a link broken
// in a common page and saved, the page showing the mistake with its file and line, the file
// fixed and the page back. Writes a report.
//
//   node site/tests/browser/serve.mjs BASE_URL CONTENT_ROOT REPORT_FILE
import { launch } from './harness.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, root, reportFile] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage();
const report = { errors: [] };
const heading = async () => (await page.locator('h1').textContent()).trim();
const faq = join(root, 'content/pages/faq.md');
const original = readFileSync(faq, 'utf8');
try {
  await page.goto(`${base}/tohoku/faq/`);
  report.before = await heading();
  // Break a link in a common page and save: the open page reloads itself and shows why.
  writeFileSync(faq, `${original}\n[切れたリンク](../nothing/)\n`);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('誤り'), null, { timeout: 20000 });
  report.broken = { heading: await heading(), errors: await page.locator('.preview-errors li').allTextContents() };
  // Fix it: the page comes back by itself.
  writeFileSync(faq, original);
  await page.waitForFunction(() => !document.querySelector('h1')?.textContent.includes('誤り'), null, { timeout: 20000 });
  report.fixed = await heading();
} catch (e) {
  report.errors.push(String(e.stack ?? e));
  writeFileSync(faq, original);
}
await browser.close();
writeFileSync(reportFile, JSON.stringify(report, null, 2));
process.exit(report.errors.length === 0 ? 0 : 1);
