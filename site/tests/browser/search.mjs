// Runs each bureau's search (its assets/search.js, as built) on the index it names for every
// query of a list, outside a browser: the results as [page, anchor, n] (n counting the records
// of one page and anchor in the site's order), in ranked order, and how long each query took.
//
//   node site/tests/browser/search.mjs SITE_DIR QUERIES_JSON
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const [site, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesFile, 'utf8'));
const out = { results: {}, ms: [], build_ms: {}, index: {} };
for (const bureau of readdirSync(site).sort()) {
  const script = join(site, bureau, 'assets/search.js');
  if (!existsSync(script)) continue;
  const sandbox = { module: { exports: {} } };
  vm.runInNewContext(readFileSync(script, 'utf8'), sandbox);
  const api = sandbox.module.exports;
  const started = performance.now();
  const name = /var INDEX = '([^']+)';/.exec(readFileSync(script, 'utf8'))[1];
  out.index[bureau] = name;
  const index = api.build(JSON.parse(readFileSync(join(site, bureau, 'assets', name), 'utf8')));
  out.build_ms[bureau] = performance.now() - started;
  // Each record's name: its page, its anchor, and which of that page and anchor it is.
  const seen = new Map();
  const names = index.records.map((r) => {
    const key = r.page[1] + '#' + r.anchor;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return [r.page[1], r.anchor, n];
  });
  const results = (out.results[bureau] = {});
  for (const query of queries) {
    const t = performance.now();
    const hits = api.search(index, query);
    out.ms.push(performance.now() - t);
    results[query] = hits.map((h) => names[h.record.id]);
  }
}
console.log(JSON.stringify(out));
