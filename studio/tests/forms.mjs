// Drives the studio's forms (target/studio-dist) in Debian's headless Chromium, by label: opens
// a zip of the content folder; on 東北's page adds a published date (令和9年3月 → 2027-01-07)
// to the 受付番号 deadline and reads the 12 dates; types a date that is not one; on 点検 follows
// the link of 青森's phone and reads which control has the focus; on 暦 adds a 2028 row with a
// 春分日 outside the allowed days, then within; reads 通知の手順. axe-core (WCAG 2.2 AA) on
// 暦, 通知の手順 and 点検. Writes report.json into OUT_DIR.
//
//   node studio/tests/forms.mjs DIST_DIR CONTENT_ZIP OUT_DIR
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, watch, axeViolations } from '../../site/tests/browser/harness.mjs';

const [dist, contentZip, outDir] = process.argv.slice(2).map((p) => resolve(p));
mkdirSync(outDir, { recursive: true });
const { server, base } = await serve(dist);
const browser = await launch();
const report = { errors: [], elsewhere: [], axe: {} };
async function axe(page, step) {
  report.axe[step] = await axeViolations(page);
}
const text = async (locator) => (await locator.textContent())?.trim();
try {
  const page = await browser.newPage();
  watch(page, base, report);
  await page.goto(`${base}/?today=2026-12-02`);
  await page.getByRole('heading', { name: '編集室' }).waitFor();
  await page.getByLabel('zip ファイルを開く').setInputFiles(contentZip);
  await page.getByRole('link', { name: '東北厚生局' }).waitFor();

  // A published date for 令和9年3月 on 東北's 受付番号: the 12 dates show it.
  await page.getByRole('link', { name: '東北厚生局' }).click();
  const deadline = page.locator('fieldset.deadline', { hasText: '局（各事務所に共通）：受付番号の依頼（別紙1）の期限' });
  const march = deadline.locator('table.dates tr', { has: page.locator('th', { hasText: /^令和9年3月$/ }) });
  report.march_before = await text(march.locator('td').first());
  const published = page.locator('fieldset.published', { hasText: '局（各事務所に共通）：受付番号の依頼期限として局が公表した日' });
  report.published_before = await text(published.locator('p').nth(1));
  await published.getByRole('button', { name: '公表された期限を加える' }).click();
  const first = published.locator('fieldset.published-row').first();
  await first.getByLabel('指定を受ける月').fill('2027-03');
  await first.getByLabel('期限の日').fill('2027-01-07');
  await march.locator('td', { hasText: '令和9年1月7日' }).waitFor();
  report.march_after = await text(march.locator('td').first());
  report.march_note = await text(march.locator('td').nth(1));
  report.month_hint = await text(first.locator('.hint').first());
  // A second row with a date that is not one: the mistake at its field, nothing written.
  await published.getByRole('button', { name: '公表された期限を加える' }).click();
  const second = published.locator('fieldset.published-row').nth(1);
  await second.getByLabel('指定を受ける月').fill('2027-04');
  await second.getByLabel('期限の日').fill('2027-02-30');
  report.row_error = await text(second.locator('.error-message'));
  report.row_error_described = await second.getByLabel('期限の日').getAttribute('aria-describedby');
  await axe(page, 'bureau with published dates');
  await second.getByRole('button', { name: '2 件目を消す' }).click();
  report.rows_after_remove = await published.locator('fieldset.published-row').count();
  report.changed = await text(page.locator('.save-bar p').nth(1));

  // 点検: the list, a link to 青森's phone, the control focused.
  await page.getByRole('link', { name: /^点検/ }).click();
  await page.getByRole('heading', { name: '点検', level: 1 }).waitFor();
  report.checks_nav = await text(page.getByRole('link', { name: /^点検/ }));
  report.checks_count = await page.locator('ol.checks li').count();
  report.checks_linked = await page.locator('ol.checks li a').count();
  await axe(page, 'checks');
  // Every item's control is on the page its link opens: one link per file followed, then
  // every id of that file's links looked up.
  const links = await page.locator('ol.checks a').evaluateAll((as) => as.map((a) => ({ id: a.getAttribute('href').slice(1), file: a.textContent.split(':')[0] })));
  report.missing_targets = [];
  for (const file of [...new Set(links.map((l) => l.file))]) {
    await page.locator('ol.checks a', { hasText: `${file}:` }).first().click();
    await page.waitForFunction(() => document.activeElement && document.activeElement.id !== '');
    const ids = links.filter((l) => l.file === file).map((l) => l.id);
    report.missing_targets.push(...await page.evaluate((ids) => ids.filter((id) => !document.getElementById(id)), ids));
    await page.getByRole('link', { name: /^点検/ }).click();
    await page.getByRole('heading', { name: '点検', level: 1 }).waitFor();
  }
  report.files_followed = new Set(links.map((l) => l.file)).size;
  const phone = page.locator('ol.checks a', { hasText: 'office.aomori.phone が' });
  report.phone_item = await text(phone);
  await phone.click();
  await page.getByRole('heading', { name: '東北厚生局', level: 1 }).waitFor();
  await page.waitForFunction(() => document.activeElement && document.activeElement.id !== '');
  report.focused = await page.evaluate(() => document.activeElement.id);
  report.focused_label = await page.evaluate(() => document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent);

  // 暦: a 春分日 outside the allowed days is refused with the loader's words; within, added.
  await page.getByRole('link', { name: '暦' }).click();
  await page.getByRole('heading', { name: '暦（春分日・秋分日）' }).waitFor();
  await axe(page, 'calendar');
  const equinoxSource = page.locator('fieldset', { has: page.locator('legend', { hasText: /^春分日・秋分日の出典$/ }) });
  report.equinox_source_title = await equinoxSource.getByLabel('文書名').inputValue();
  report.equinox_source_url = await equinoxSource.getByLabel('ページのアドレス').inputValue();
  const add = page.locator('fieldset#calendar-new');
  report.calendar_legend = await text(add.locator('legend'));
  report.vernal_hint = await text(add.locator('#calendar-new-vernal-hint'));
  report.autumnal_hint = await text(add.locator('#calendar-new-autumnal-hint'));
  await add.getByLabel('春分日').fill('2028-03-25');
  await add.getByLabel('秋分日').fill('2028-09-22');
  await add.getByRole('button', { name: '2028 年の行を加える' }).click();
  report.calendar_error = await text(add.locator('.error-message').first());
  await add.getByLabel('春分日').fill('2028-03-20');
  await add.getByRole('button', { name: '2028 年の行を加える' }).click();
  await page.locator('fieldset#calendar-2028').waitFor();
  report.calendar_added = await page.locator('#calendar-2028-vernal').inputValue();
  report.calendar_next = await text(page.locator('fieldset#calendar-new legend'));
  report.checks_nav_after = await text(page.getByRole('link', { name: /^点検/ }));
  await axe(page, 'calendar, a year added');

  // 通知の手順, read-only, the site's words.
  await page.getByRole('link', { name: '通知の手順' }).click();
  await page.getByRole('heading', { name: '通知の手順' }).waitFor();
  report.steps_rows = await page.locator('table tbody tr').count();
  report.steps_inputs = await page.locator('main input, main select, main textarea').count();
  report.steps_first = [await text(page.locator('table tbody tr th').first()), await text(page.locator('table tbody tr td').first())];
  await axe(page, 'steps');
  await page.screenshot({ path: join(outDir, 'steps.png'), fullPage: false });
} finally {
  writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
  await browser.close();
  server.close();
}
