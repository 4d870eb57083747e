// Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every HTML page under a folder, in
// Debian's headless Chromium driven by playwright-core. Prints each violation and exits 1
// if there is any.
//
//   node site/tests/browser/axe.mjs DIR
import { chromium } from 'playwright-core';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const root = resolve(process.argv[2] ?? '');

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // The wizard needs a web server (its wasm cannot load from file://): site/tests/browser/wizard.mjs.
    if (name === 'wizard') return [];
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

const files = htmlFiles(root).sort();
if (files.length === 0) {
  console.error(`no HTML pages under ${root}`);
  process.exit(2);
}
const browser = await launch();
// The pages' CSP allows no inline script: let the checker's own script in.
const context = await browser.newContext({ bypassCSP: true });
const page = await context.newPage();
let violations = 0;
for (const file of files) {
  await page.goto(pathToFileURL(file).href);
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
  for (const v of result.violations) {
    violations += 1;
    console.log(`${file.slice(root.length + 1)}: ${v.id} (${v.impact}): ${v.help}`);
    for (const node of v.nodes.slice(0, 3)) console.log(`    ${node.target.join(' ')}`);
  }
}
await browser.close();
console.log(`axe: ${files.length} pages checked, ${violations} violations`);
process.exit(violations === 0 ? 0 : 1);
