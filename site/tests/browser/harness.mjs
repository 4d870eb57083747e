// What every Chromium scenario shares (the wizard's wizard.mjs, the phone's phone.mjs, the
// preview's serve.mjs, the studio's studio/tests/{studio,forms,pages}.mjs): a built folder
// served on 127.0.0.1 (with a scenario's own answers first, e.g. `site serve`'s API), Debian's
// headless Chromium launched one way, what a page must never do (a console error, a request to
// another host, an answer of 400 or more), and axe-core's WCAG 2.2 AA checks injected through
// DevTools (the page's CSP does not govern them). engines.py is the same for Firefox ESR and
// WebKit over WebDriver, with the same axe tags (AXE_TAGS).
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.ttf': 'font/ttf', '.pdf': 'application/pdf', '.txt': 'text/plain; charset=utf-8' };

/// The WCAG rules axe-core runs: 2.0, 2.1 and 2.2, A and AA.
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/// Serves `dist`; `answer(url, req, res)` may answer a request first (it returns true then).
export async function serve(dist, answer = async () => false) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (await answer(url, req, res)) return;
    let path = join(dist, decodeURIComponent(url.pathname));
    if (!path.startsWith(dist)) { res.writeHead(403); res.end(); return; }
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      const body = readFileSync(path);
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404); res.end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/// Records into `report` (errors, elsewhere, and failed when it has that list) what `page`
/// must never do.
export function watch(page, base, report) {
  const own = (url) => url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:') || url === 'about:srcdoc';
  page.on('console', (m) => { if (m.type() === 'error') report.errors.push(m.text()); });
  page.on('pageerror', (e) => report.errors.push(String(e)));
  page.on('request', (r) => { if (!own(r.url())) report.elsewhere.push(r.url()); });
  if (report.failed) page.on('response', (r) => { if (r.status() >= 400) report.failed.push(`${r.status()} ${r.url()}`); });
}

/// axe-core's WCAG 2.2 AA violations on `page`, one line each; `exclude` lists selectors left
/// out (a frame holding a page of the site, which the site's own tests check).
export async function axeViolations(page, exclude = []) {
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const result = await page.evaluate(async ({ exclude, tags }) => axe.run(
    exclude.length ? { exclude: exclude.map((s) => [s]) } : document,
    { iframes: exclude.length === 0, runOnly: { type: 'tag', values: tags } },
  ), { exclude, tags: AXE_TAGS });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
