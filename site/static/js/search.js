// このサイト内を検索: a search box in the header of every page of a bureau's site, behind a
// button shown only where script runs (the page reads the same without it). On first use it fetches the
// bureau's own index (publish/src/search.rs: the visible text of each page,
// section by section, and each row of the deadline tables) and indexes it by overlapping
// character pairs. A section or row is a result if and only if its text contains the query,
// both normalised the same way (normalise below); a pair lookup narrows, a substring check
// confirms. Nothing typed leaves the browser: the index is a file of the site, read here.
// The search itself (normalise, forms, build, search) takes no part of the page, so that
// site/tests/browser/search.mjs runs the same code outside a browser.
(function () {
  'use strict';

  // The text as a visitor types it: NFKC (full-width letters and digits, half-width katakana),
  // lower case, every run of white space one space. Applied to the query and to the text.
  function normalise(text) {
    return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  }

  // A year or a month as people write it (令和9年, 2027, 令和9年4月, R9.4, 2027年4月, 2027/4,
  // 2027-04) also finds the other way of writing it: the deadline tables write 令和, the
  // notice both. 「4月指定」 finds 「4月1日に指定」 (designations are on the 1st) and 「4月に指定」.
  // The query as typed is always one of the forms. Applied to a normalised query.
  function forms(query) {
    var found = [query];
    var m;
    var year = null;
    var month = null;
    if ((m = /^(?:令和|r)\s*(元|\d{1,2})\s*(?:[年.\/-]\s*(\d{1,2})\s*月?|年)?$/.exec(query))) {
      year = 2018 + (m[1] === '元' ? 1 : parseInt(m[1], 10));
      month = m[2] ? parseInt(m[2], 10) : null;
    } else if ((m = /^(\d{4})\s*(?:[年.\/-]\s*(\d{1,2})\s*月?|年)?$/.exec(query))) {
      year = parseInt(m[1], 10);
      month = m[2] ? parseInt(m[2], 10) : null;
    } else if ((m = /^(\d{1,2})月指定$/.exec(query))) {
      found.push(parseInt(m[1], 10) + '月1日に指定', parseInt(m[1], 10) + '月に指定');
    }
    if (year !== null && year >= 2019 && year <= 2100 && (month === null || (month >= 1 && month <= 12))) {
      var reiwa = year - 2018;
      var era = '令和' + (reiwa === 1 ? '元' : reiwa) + '年';
      found.push(month === null ? era : era + month + '月');
      found.push(month === null ? year + '年' : year + '年' + month + '月');
    }
    return found.filter(function (f, i) { return found.indexOf(f) === i; });
  }

  var api = { normalise: normalise, forms: forms, build: build, search: search };
  if (typeof document === 'undefined') {
    if (typeof module === 'object') module.exports = api;
    return;
  }
  var script = document.currentScript;
  var header = document.querySelector('.site-header');
  if (!script || !header || !window.fetch || !''.normalize) return;
  // The index's name: the build writes it here (search-<hash>.json, kept a year by servers).
  var INDEX = 'search.json';
  var indexUrl = new URL(INDEX, script.src);
  var siteRoot = new URL('../', script.src);

  var loading = null;
  function load() {
    if (!loading) {
      loading = fetch(indexUrl.href, { credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        })
        .then(build);
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // Each record normalised once, and the pairs of characters in it.
  function build(index) {
    var records = index.records.map(function (r, i) {
      return { id: i, page: index.pages[r[0]], anchor: r[1], heading: r[2], row: r[3], text: r[4],
        norm: normalise(r[4]), headingNorm: normalise(r[2]) };
    });
    var pairs = new Map();
    // Pairs of UTF-16 code units, the same for the query: a pair never decides a result,
    // the substring check does.
    records.forEach(function (r) {
      for (var i = 0; i + 1 < r.norm.length; i++) {
        var pair = r.norm.substr(i, 2);
        var list = pairs.get(pair);
        if (!list) pairs.set(pair, (list = []));
        if (list[list.length - 1] !== r.id) list.push(r.id);
      }
    });
    return { records: records, pairs: pairs };
  }

  // The records that hold `form`: those holding each of its pairs, confirmed by a substring
  // check (one character: every record is checked).
  function holding(index, form) {
    var candidates = null;
    for (var i = 0; i + 1 < form.length; i++) {
      var list = index.pairs.get(form.substr(i, 2)) || [];
      if (candidates === null || list.length < candidates.length) candidates = list;
    }
    var pool = candidates === null ? index.records : candidates.map(function (id) { return index.records[id]; });
    return pool.filter(function (r) { return r.norm.indexOf(form) !== -1; });
  }

  // Heading hits first, then rows of the deadline tables, then the rest; in the site's order.
  function search(index, query) {
    var wanted = forms(normalise(query)).map(normalise).filter(function (f) { return f.length > 0; });
    var hits = new Map();
    wanted.forEach(function (form) {
      holding(index, form).forEach(function (r) { if (!hits.has(r.id)) hits.set(r.id, form); });
    });
    var rank = function (r) {
      if (wanted.some(function (f) { return r.headingNorm.indexOf(f) !== -1; })) return 0;
      return r.row ? 1 : 2;
    };
    return Array.from(hits.keys())
      .map(function (id) { return { record: index.records[id], form: hits.get(id) }; })
      .sort(function (a, b) { return rank(a.record) - rank(b.record) || a.record.id - b.record.id; });
  }

  // About 30 characters either side of the match, the match marked (text nodes only: what
  // the site wrote stays text).
  function snippet(hit) {
    var r = hit.record;
    // Where the normalised text is as long as the text (almost always), the match is shown
    // in the text as written; otherwise in the normalised text.
    var text = r.norm.length === r.text.length ? r.text : r.norm;
    var at = r.norm.indexOf(hit.form);
    var from = Math.max(0, at - 30);
    var to = Math.min(text.length, at + hit.form.length + 30);
    var p = document.createElement('p');
    p.className = 'search-snippet';
    p.appendChild(document.createTextNode((from > 0 ? '…' : '') + text.slice(from, at)));
    var mark = document.createElement('mark');
    mark.textContent = text.slice(at, at + hit.form.length);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(at + hit.form.length, to) + (to < text.length ? '…' : '')));
    return p;
  }

  // A button at the header's corner opens the box below the bureau's name: nothing moves when
  // the script adds the button (the corner is kept free for it), and the box takes its room
  // only when asked for.
  var toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'search-toggle';
  toggle.textContent = 'サイト内検索';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'site-search');
  var box = document.createElement('div');
  box.className = 'site-search';
  box.id = 'site-search';
  box.hidden = true;
  box.setAttribute('role', 'search');
  box.innerHTML =
    '<form class="site-search-form">' +
    '<label for="site-search-q">このサイト内を検索</label>' +
    '<span class="site-search-row"><input id="site-search-q" type="search" autocomplete="off" spellcheck="false" aria-describedby="site-search-hint">' +
    '<button type="submit">検索</button></span>' +
    '<span class="site-search-hint" id="site-search-hint">言葉、番号、月（例：受付番号、令和9年4月）</span>' +
    '</form>' +
    '<p class="search-count" role="status"></p>' +
    '<ol class="search-results"></ol>';
  header.appendChild(toggle);
  header.appendChild(box);
  var input = box.querySelector('input');
  toggle.addEventListener('click', function () {
    box.hidden = !box.hidden;
    toggle.setAttribute('aria-expanded', String(!box.hidden));
    if (!box.hidden) input.focus();
  });
  var count = box.querySelector('.search-count');
  var list = box.querySelector('.search-results');
  var pending = null;

  function show(query) {
    var q = normalise(query);
    list.textContent = '';
    var more = box.querySelector('.search-more');
    if (more) more.remove();
    if (!q) {
      count.textContent = '';
      return;
    }
    load().then(function (index) {
      if (normalise(input.value) !== q) return;
      var hits = search(index, query);
      count.textContent = hits.length === 0
        ? '「' + query.trim() + '」を含むところは見つかりませんでした。'
        : '「' + query.trim() + '」を含むところが ' + hits.length + ' 件あります。';
      showFrom(hits, 0);
    }, function () {
      count.textContent = '検索の準備ができませんでした。ページを読み込み直してください。';
    });
  }

  // The results PAGE at a time (a page of a thousand links helps no one, and drawing them
  // would slow the answer), then a button for the next ones, which takes the focus to the
  // first of them.
  var PAGE = 30;
  function showFrom(hits, from) {
    var more = box.querySelector('.search-more');
    if (more) more.remove();
    var first = null;
    hits.slice(from, from + PAGE).forEach(function (hit) {
      var r = hit.record;
      var li = document.createElement('li');
      if (r.row) li.className = 'search-row';
      var a = document.createElement('a');
      a.href = new URL(r.page[1] + (r.anchor ? '#' + encodeURIComponent(r.anchor) : ''), siteRoot).href;
      a.textContent = r.page[0] + (r.anchor ? '：' + r.heading : '');
      li.appendChild(a);
      li.appendChild(snippet(hit));
      list.appendChild(li);
      if (!first) first = a;
    });
    if (from > 0 && first) first.focus();
    var left = hits.length - from - PAGE;
    if (left > 0) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'search-more';
      button.textContent = '次の ' + Math.min(left, PAGE) + ' 件を表示（残り ' + left + ' 件）';
      button.addEventListener('click', function () { showFrom(hits, from + PAGE); });
      list.after(button);
    }
  }

  box.querySelector('form').addEventListener('submit', function (e) {
    e.preventDefault();
    show(input.value);
  });
  input.addEventListener('input', function () {
    clearTimeout(pending);
    pending = setTimeout(function () { show(input.value); }, 200);
  });
  // The index is fetched when the box is first used, not with the page.
  input.addEventListener('focus', function () { load().catch(function () {}); }, { once: true });
})();
