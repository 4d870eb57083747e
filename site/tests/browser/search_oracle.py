"""What a plain substring search over the built pages' visible text finds, section by section:
the oracle the site's search (site/static/js/search.js over assets/search-<hash>.json) is held to.

Written apart from the build's reader (publish/src/search.rs): Python's own HTML parser
(html.parser) and Unicode tables (unicodedata), the rules read from search.rs's and search.js's
documentation, not from their code:
- the visible text is what <main> holds, outside <script>, <style> and <template>; white space
  runs are one space, and block elements end a run of text;
- a record starts at a heading (h2 to h6) with an id, at a <section> with an id (ending with
  it), and at each .deadline-card (a row, led by its month's heading text); the page's top is
  the text before its first such heading; a record's text starts with its heading; a month
  whose cards are rows is not a record of its own;
- the text and the query are normalised alike: NFKC, lower case, white space one space;
- a year or month query (令和9年, 2027, 令和9年4月, R9.4, 2027年4月, 2027/4, 2027-04) also
  finds its other spelling (令和 and 西暦), and 「N月指定」 finds 「N月1日に指定」 and
  「N月に指定」.

    python3 site/tests/browser/search_oracle.py SITE_DIR QUERIES_JSON
prints {"results": {bureau: {query: [[page, anchor, n], ...]}}} with the records in page order.
"""

import glob
import html.parser
import json
import os
import re
import sys
import unicodedata

BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "ol", "p",
    "section", "summary", "td",
}
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "wbr", "meta", "link"}


def normalise(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).lower()).strip()


class Record:
    def __init__(self, anchor, row=False):
        self.anchor, self.row, self.parts, self.heading = anchor, row, [], ""
        self.body = False
        self.rows = False

    def text(self):
        return re.sub(r"\s+", " ", "".join(self.parts)).strip()


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.main = 0
        self.hidden = 0
        self.stack = []  # (tag, kind)
        self.open = [Record("")]
        self.done = []
        self.heading = None  # the text of an id'd heading being read
        self.title = None

    def close(self, record):
        text = record.text()
        if text and not (record.rows and not record.body):
            self.done.append((record.anchor, text))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.main += 1
            return
        if not self.main:
            return
        if tag in BLOCKS:
            self.open[-1].parts.append(" ")
        if tag in VOID:
            return
        kind = "plain"
        if tag in ("script", "style", "template"):
            self.hidden += 1
            kind = "hidden"
        elif tag == "h1":
            self.title = []
            kind = "title"
        elif re.fullmatch(r"h[2-6]", tag) and "id" in attrs and not self.hidden:
            if self.open[-1].row:
                kind = "plain"
            else:
                self.close(self.open.pop())
                self.open.append(Record(attrs["id"]))
                self.heading = []
                kind = "heading"
        elif tag == "section" and "id" in attrs:
            self.open.append(Record(attrs["id"]))
            kind = "section"
        elif tag == "div" and "deadline-card" in (attrs.get("class") or "").split():
            month = self.open[-1]
            month.rows = True
            row = Record(month.anchor, row=True)
            row.parts.append(month.heading + " ")
            self.open.append(row)
            kind = "row"
        self.stack.append((tag, kind))

    def handle_endtag(self, tag):
        if tag == "main":
            self.main -= 1
            return
        if not self.main:
            return
        if tag in BLOCKS:
            self.open[-1].parts.append(" ")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                closing = self.stack[i:]
                del self.stack[i:]
                for _, kind in reversed(closing):
                    if kind == "hidden":
                        self.hidden -= 1
                    elif kind == "title":
                        self.title = "".join(self.title) if isinstance(self.title, list) else self.title
                    elif kind == "heading" and self.heading is not None:
                        self.open[-1].heading = " ".join("".join(self.heading).split())
                        self.heading = None
                    elif kind in ("section", "row") and len(self.open) > 1:
                        self.close(self.open.pop())
                break

    def handle_data(self, data):
        if not self.main or self.hidden:
            return
        if isinstance(self.title, list):
            self.title.append(data)
        if self.heading is not None:
            self.heading.append(data)
        elif not isinstance(self.title, list) and data.strip():
            self.open[-1].body = True
        self.open[-1].parts.append(data)

    def records(self):
        while len(self.open) > 1:
            self.close(self.open.pop())
        top = self.open.pop()
        top.body = True
        self.close(top)
        # The page's top first, then in the order they ended.
        return [r for r in self.done if r[0] == ""] + [r for r in self.done if r[0] != ""]


def forms(query):
    found = [query]
    year = month = None
    if m := re.fullmatch(r"(?:令和|r)\s*(元|\d{1,2})\s*(?:[年./-]\s*(\d{1,2})\s*月?|年)?", query):
        year = 2018 + (1 if m.group(1) == "元" else int(m.group(1)))
        month = int(m.group(2)) if m.group(2) else None
    elif m := re.fullmatch(r"(\d{4})\s*(?:[年./-]\s*(\d{1,2})\s*月?|年)?", query):
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
    elif m := re.fullmatch(r"(\d{1,2})月指定", query):
        found += [f"{int(m.group(1))}月1日に指定", f"{int(m.group(1))}月に指定"]
    if year is not None and 2019 <= year <= 2100 and (month is None or 1 <= month <= 12):
        reiwa = year - 2018
        era = f"令和{'元' if reiwa == 1 else reiwa}年"
        found.append(era if month is None else f"{era}{month}月")
        found.append(f"{year}年" if month is None else f"{year}年{month}月")
    return [normalise(f) for f in dict.fromkeys(found) if normalise(f)]


def main():
    site, queries_file = sys.argv[1:3]
    queries = json.load(open(queries_file, encoding="utf-8"))
    results = {}
    for bureau in sorted(os.listdir(site)):
        if not glob.glob(os.path.join(site, bureau, "assets/search-*.json")):
            continue
        records = []
        for folder, dirs, files in os.walk(os.path.join(site, bureau)):
            # The wizard's pages are its own; assets/ holds no page.
            dirs[:] = [d for d in dirs if d not in ("wizard", "assets")]
            if "index.html" in files:
                url = os.path.relpath(folder, os.path.join(site, bureau)).replace(os.sep, "/")
                url = "" if url == "." else url + "/"
                page = Page()
                page.feed(open(os.path.join(folder, "index.html"), encoding="utf-8").read())
                seen = {}
                for anchor, text in page.records():
                    n = seen.get(anchor, 0)
                    seen[anchor] = n + 1
                    records.append(((url, anchor, n), normalise(text)))
        results[bureau] = {
            q: sorted([list(name) for name, text in records if any(f in text for f in forms(normalise(q)))])
            for q in queries
        }
    print(json.dumps({"results": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
