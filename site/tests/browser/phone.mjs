// Every page of a built site on a 390 px phone (Debian's headless Chromium): nothing scrolls
// sideways, no table cell or date is narrower than two characters, the page's heading is in
// the first screen; the deadline and steps pages printed on A4 without the navigation; and on
// a 1280 px screen the navigation open beside the page, or, in a browser without
// ::details-content (simulated: the stylesheet's @supports condition made false), one press
// away. Writes a report.
//
//   node site/tests/browser/phone.mjs SITE_DIR REPORT_FILE
import { launch } from './harness.mjs';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [siteDir, reportFile] = process.argv.slice(2).map((p) => resolve(p));
const pages = (function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'wizard') return [];
    if (statSync(path).isDirectory()) return walk(path);
    return name.endsWith('.html') ? [path] : [];
  });
})(siteDir).sort();

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
const page = await context.newPage();
const report = { pages: pages.length, problems: [], printed: {} };
for (const file of pages) {
  const name = file.slice(siteDir.length + 1);
  await page.goto(pathToFileURL(file).href);
  const found = await page.evaluate(() => {
    const problems = [];
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth) problems.push(`scrolls sideways: ${width} px > ${window.innerWidth} px`);
    const h1 = document.querySelector('h1');
    if (h1 && h1.getBoundingClientRect().bottom > window.innerHeight) {
      problems.push(`heading below the first screen: ${Math.round(h1.getBoundingClientRect().bottom)} px`);
    }
    for (const cell of document.querySelectorAll('td, th, dd')) {
      const rect = cell.getBoundingClientRect();
      const em = parseFloat(getComputedStyle(cell).fontSize);
      if (rect.width > 0 && rect.width < 2 * em) problems.push(`a cell ${Math.round(rect.width)} px wide: ${cell.textContent.trim().slice(0, 20)}`);
    }
    return problems;
  });
  for (const p of found) report.problems.push(`${name}: ${p}`);
}
// Print: A4, no navigation.
for (const name of ['tohoku/deadlines/index.html', 'tohoku/steps/index.html']) {
  await page.goto(pathToFileURL(join(siteDir, name)).href);
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() => ['.site-nav', '.month-index'].every((s) => {
    const el = document.querySelector(s);
    return !el || getComputedStyle(el).display === 'none';
  }));
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const pdfFile = join(resolve(reportFile, '..'), name.replace(/\//g, '-') + '.pdf');
  writeFileSync(pdfFile, pdf);
  report.printed[name] = { navigation_hidden: hidden, pdf: pdfFile };
  await page.emulateMedia({ media: 'screen' });
}
// The deadline page's script on the build's day (nothing moves) and on a later day: dates past
// for that day are marked, the months no office can keep any more are folded, the sentence
// names the earliest month left, and a link to a folded month opens the fold.
async function deadlinePage(clock, hash = '') {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p = await context.newPage();
  await p.clock.setFixedTime(new Date(clock));
  await p.goto(pathToFileURL(join(siteDir, 'tohoku/deadlines/index.html')).href + hash);
  const seen = await p.evaluate(() => ({
    computed: document.querySelector('[data-computed]').getAttribute('data-computed'),
    note: document.querySelector('.computed-today')?.textContent ?? null,
    folded: [...document.querySelectorAll('details.months-over section.month')].map((s) => s.id),
    first_unfolded: document.querySelector('section.month:not(details.months-over section)')?.id ?? null,
    summary: document.querySelector('details.months-over > summary')?.textContent ?? null,
    open: document.querySelector('details.months-over')?.open ?? null,
    earliest: document.querySelector('.earliest').textContent,
    past_flags: document.querySelectorAll('.flag-past').length,
  }));
  await context.close();
  return seen;
}
report.build_day = await deadlinePage('2026-11-01T09:00:00+09:00');
report.later = await deadlinePage('2027-02-10T09:00:00+09:00');
report.later_link = await deadlinePage('2027-02-10T09:00:00+09:00', '#2027-01');

// A wide screen: the navigation's links show without pressing anything. Where the browser
// lacks ::details-content (iOS 17, an older Firefox ESR), the same page with the stylesheet's
// @supports condition made false: the 「メニュー」 summary shows, and pressing it shows the links.
async function wideNavigation(file) {
  const wide = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const widePage = await wide.newPage();
  await widePage.goto(pathToFileURL(file).href);
  const state = async () => widePage.evaluate(() => {
    // checkVisibility: a closed <details>'s content still has boxes, but is not rendered.
    const visible = (el) => !!el && el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().width > 0;
    return { summary: visible(document.querySelector('.site-nav > summary')), links: visible(document.querySelector('.site-nav nav a')) };
  });
  const before = await state();
  let afterPress = null;
  if (before.summary) {
    await widePage.click('.site-nav > summary');
    afterPress = await state();
  }
  await wide.close();
  return { before, after_press: afterPress };
}
const steps = join(siteDir, 'tohoku/steps/index.html');
report.wide = await wideNavigation(steps);
const old = mkdtempSync(join(tmpdir(), 'onshi-old-browser-'));
mkdirSync(join(old, 'tohoku/steps'), { recursive: true });
cpSync(join(siteDir, 'tohoku/assets'), join(old, 'tohoku/assets'), { recursive: true });
cpSync(steps, join(old, 'tohoku/steps/index.html'));
const css = readFileSync(join(old, 'tohoku/assets/site.css'), 'utf8');
report.fallback_condition_found = css.includes('@supports selector(::details-content)');
writeFileSync(join(old, 'tohoku/assets/site.css'), css.replaceAll('@supports selector(::details-content)', '@supports selector(::onshi-not-supported)'));
report.wide_without_details_content = await wideNavigation(join(old, 'tohoku/steps/index.html'));
await browser.close();
writeFileSync(reportFile, JSON.stringify(report, null, 2));
