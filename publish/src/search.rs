//! Search that works in Japanese, with no server: each bureau's `assets/search-<hash>.json`, the
//! visible text of its pages (what `<main>` shows) cut into records, which the browser
//! (site/static/js/search.js) indexes by overlapping character pairs on first use. A record is
//! a result if and only if its text contains the query (both normalised the same way, in the
//! script): pairs narrow, a substring check confirms, and there is no word segmentation to
//! disagree between the build and the query (Pagefind #1237, mdBook #1081).
//!
//! The records of a page:
//! - its top (anchor `""`, the page's `<h1>`): the text before its first heading with an `id`;
//! - a section: from a heading with an `id` (`<h2 id>`, `<h3 id>`, …) to the next one, or to the
//!   end of the `<section id>` that holds it; the anchor is the heading's `id`;
//! - a row of a deadline table: each `.deadline-card` (the offices whose dates agree, in one
//!   designation month), its text led by its month's heading, its anchor that heading's `id`.
//!
//! A record's text starts with its heading, so that a heading's words find it. A month whose
//! cards are all rows is not also a record of its own.

use html5gum::{Token, Tokenizer};
use serde::Serialize;

/// The line of site/static/js/search.js that names the index; the build writes the index's
/// name into each bureau's copy of the script ([`script_naming`]).
pub const INDEX_LINE: &str = "var INDEX = 'search.json';";

/// The index's file under the bureau's folder, named by a hash of its bytes
/// (`assets/search-<hash>.json`): a new index is a new name, so a server may keep it a year
/// (the script that names it is revalidated, as the pages are).
pub fn file_name(json: &[u8]) -> String {
    format!("assets/search-{:016x}.json", onshi::fnv::fnv1a(onshi::fnv::START, json))
}

/// The search script with the index's name (the file name without `assets/`) in its
/// [`INDEX_LINE`]; `None` when the script has no such line.
pub fn script_naming(script: &str, index: &str) -> Option<String> {
    let name = index.trim_start_matches("assets/");
    script.contains(INDEX_LINE).then(|| script.replacen(INDEX_LINE, &format!("var INDEX = '{name}';"), 1))
}

/// A bureau's index: its pages and their records.
#[derive(Debug, Serialize, PartialEq)]
pub struct Index {
    /// Each page: its title and its address relative to the bureau's folder (`steps/`).
    pub pages: Vec<(String, String)>,
    pub records: Vec<Record>,
}

/// One record, written as `[page, anchor, heading, row, text]` to keep the file small.
#[derive(Debug, Serialize, PartialEq)]
pub struct Record(pub usize, pub String, pub String, pub bool, pub String);

/// Elements after which text does not run on: a space between their text and the next.
const BLOCKS: [&str; 27] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "ol",
    "p",
    "section",
    "summary",
    "td",
];

/// Elements with no end tag.
const VOID: [&str; 9] = ["area", "br", "col", "embed", "hr", "img", "input", "source", "wbr"];

/// The index of a bureau's pages: `pages` holds each page's address relative to the bureau's
/// folder and its HTML as built, in the order results list them.
pub fn index<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> Index {
    let mut index = Index { pages: Vec::new(), records: Vec::new() };
    for (url, html) in pages {
        let (title, records) = page_records(html);
        let page = index.pages.len();
        index.pages.push((title, url.to_string()));
        index.records.extend(records.into_iter().map(|r| Record(page, r.anchor, r.heading, r.row, r.text)));
    }
    index
}

/// A record as the page is read.
#[derive(Default)]
struct Open {
    anchor: String,
    heading: String,
    row: bool,
    text: String,
    /// Whether any text came after the heading.
    body: bool,
    /// Whether rows were cut from it (a month of the deadline table).
    rows: bool,
}

impl Open {
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space();
            } else {
                self.text.push(c);
            }
        }
    }

    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }
}

/// What an open element is, so that its end closes what it opened.
enum Opened {
    Plain,
    /// A `<section id>`: its end closes its record.
    Section,
    /// A `.deadline-card`: its end closes its row.
    Row,
    /// A heading: its end ends the heading's text.
    Heading,
    /// `<script>`, `<style>`, `<template>`: no visible text.
    Hidden,
}

/// The page's `<h1>` and its records.
fn page_records(html: &str) -> (String, Vec<FoundRecord>) {
    let mut title = String::new();
    let mut in_title = false;
    let mut main = 0usize;
    let mut hidden = 0usize;
    // The records open now, innermost last; the page's top is the first.
    let mut open: Vec<Open> = vec![Open::default()];
    let mut heading: Option<String> = None;
    let mut elements: Vec<(String, Opened)> = Vec::new();
    let mut done: Vec<FoundRecord> = Vec::new();
    let close = |record: Open, done: &mut Vec<FoundRecord>| {
        let keep = !record.text.is_empty() && (record.body || !record.rows);
        if keep {
            let text = record.text.trim_end().to_string();
            done.push(FoundRecord { anchor: record.anchor, heading: record.heading, row: record.row, text });
        }
    };
    // Reading our own built pages (valid HTML, checked by the Nu checker) cannot fail.
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let attribute = |key: &str| {
                    tag.attributes.get(key.as_bytes()).map(|v| String::from_utf8_lossy(&v.value).into_owned())
                };
                if name == "main" {
                    main += 1;
                }
                if main == 0 {
                    continue;
                }
                if BLOCKS.contains(&name.as_str()) {
                    open.last_mut().expect("the page's top").space();
                }
                if VOID.contains(&name.as_str()) || tag.self_closing {
                    continue;
                }
                let kind = match name.as_str() {
                    "script" | "style" | "template" => {
                        hidden += 1;
                        Opened::Hidden
                    }
                    "h1" => {
                        in_title = true;
                        Opened::Heading
                    }
                    "h2" | "h3" | "h4" | "h5" | "h6" => match attribute("id") {
                        Some(id) if hidden == 0 => {
                            let record = open.pop().expect("the page's top");
                            let inside_row = record.row;
                            if inside_row {
                                // A heading with an id inside a row stays the row's text.
                                open.push(record);
                            } else {
                                close(record, &mut done);
                                open.push(Open { anchor: id, ..Open::default() });
                                heading = Some(String::new());
                            }
                            Opened::Heading
                        }
                        _ => Opened::Plain,
                    },
                    "section" => match attribute("id") {
                        Some(id) => {
                            open.push(Open { anchor: id, ..Open::default() });
                            Opened::Section
                        }
                        None => Opened::Plain,
                    },
                    "div" if attribute("class").is_some_and(|c| c.split(' ').any(|c| c == "deadline-card")) => {
                        let month = open.last_mut().expect("the page's top");
                        month.rows = true;
                        let mut row = Open {
                            anchor: month.anchor.clone(),
                            heading: month.heading.clone(),
                            row: true,
                            ..Open::default()
                        };
                        row.push_text(&month.heading);
                        row.space();
                        open.push(row);
                        Opened::Row
                    }
                    _ => Opened::Plain,
                };
                elements.push((name, kind));
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if main == 0 {
                    continue;
                }
                if name == "main" {
                    main -= 1;
                    continue;
                }
                if BLOCKS.contains(&name.as_str()) {
                    open.last_mut().expect("the page's top").space();
                }
                // Close up to the element this tag ends (valid HTML: the last one opened).
                let Some(at) = elements.iter().rposition(|(n, _)| *n == name) else { continue };
                for (_, kind) in elements.drain(at..).rev() {
                    match kind {
                        Opened::Hidden => hidden -= 1,
                        Opened::Heading if in_title => in_title = false,
                        Opened::Heading => {
                            if let (Some(text), Some(record)) = (heading.take(), open.last_mut()) {
                                record.heading = text.split_whitespace().collect::<Vec<_>>().join(" ");
                                record.space();
                            }
                        }
                        Opened::Section | Opened::Row if open.len() > 1 => {
                            let record = open.pop().expect("more than the top");
                            close(record, &mut done);
                        }
                        _ => {}
                    }
                }
            }
            Token::String(text) if main > 0 && hidden == 0 => {
                let text = String::from_utf8_lossy(&text.value).into_owned();
                if in_title {
                    title.push_str(&text);
                }
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
                let record = open.last_mut().expect("the page's top");
                if heading.is_none() && !in_title && !text.trim().is_empty() {
                    record.body = true;
                }
                record.push_text(&text);
            }
            _ => {}
        }
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    while let Some(record) = open.pop() {
        close(record, &mut done);
    }
    // The page's top is headed by the page's title.
    for record in done.iter_mut().filter(|r| r.anchor.is_empty()) {
        record.heading = title.clone();
    }
    // In the page's order: the top first, then as the page goes (rows close before their month).
    done.sort_by_key(|r| if r.anchor.is_empty() { 0 } else { 1 });
    (title, done)
}

/// A record read from a page.
struct FoundRecord {
    anchor: String,
    heading: String,
    row: bool,
    text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEPS: &str = r#"<!DOCTYPE html><html lang="ja"><head><title>手順｜局</title><script src="a.js"></script></head>
<body><header><p>東北厚生局</p></header><nav><a href="x">メニュー</a></nav>
<main id="main">
<h1>手続の流れ</h1>
<p>指定を受ける&amp;医療機関は、<strong>受付番号</strong>を使います。</p>
<h2 id="①-選定">① 機器の選定</h2>
<p>カードリーダーを<a href="../equipment/">選びます</a>。</p>
<h3 id="sub">細目</h3>
<ul><li>一つ目</li><li>二つ目</li></ul>
<h2 id="empty">見出しだけ</h2>
</main>
<footer><p>この案内は通知に基づきます</p></footer></body></html>"#;

    #[test]
    fn a_page_is_cut_at_its_headings_with_ids_and_only_main_is_read() {
        let (title, records) = page_records(STEPS);
        assert_eq!(title, "手続の流れ");
        let found: Vec<(&str, &str, &str)> =
            records.iter().map(|r| (r.anchor.as_str(), r.heading.as_str(), r.text.as_str())).collect();
        assert_eq!(
            found,
            [
                ("", "手続の流れ", "手続の流れ 指定を受ける&医療機関は、受付番号を使います。"),
                ("①-選定", "① 機器の選定", "① 機器の選定 カードリーダーを選びます。"),
                ("sub", "細目", "細目 一つ目 二つ目"),
                ("empty", "見出しだけ", "見出しだけ"),
            ]
        );
    }

    const DEADLINES: &str = r#"<main id="main"><h1>提出期限の一覧</h1>
<p class="computed">この一覧は令和8年11月1日に計算しました。</p>
<details class="months-over"><summary>間に合わない指定日（1か月分）</summary>
<section class="month" id="2026-12" aria-labelledby="h-2026-12">
<h2 id="h-2026-12"><time datetime="2026-12-01">令和8年12月</time>に指定を受ける場合</h2>
<div class="month-groups">
<div class="deadline-card"><dl><div class="deadline-row"><dt>⑤ 受付番号の依頼</dt><dd><time>令和8年9月7日（月）</time><span class="flag">過ぎています</span></dd></div></dl></div>
</div></section></details>
<section class="month" id="2027-04" aria-labelledby="h-2027-04">
<h2 id="h-2027-04"><time>令和9年4月</time>に指定を受ける場合</h2>
<div class="month-groups">
<div class="deadline-card"><h3>仙台・青森</h3><dl><div class="deadline-row"><dt>⑤ 受付番号の依頼</dt><dd>令和9年1月5日（火）</dd></div></dl></div>
<div class="deadline-card"><h3>盛岡</h3><dl><div class="deadline-row"><dt>⑤ 受付番号の依頼</dt><dd>令和9年1月6日（水）</dd></div></dl></div>
</div></section>
<p class="notice">「暫定」の日付は…</p>
</main>"#;

    #[test]
    fn each_deadline_card_is_a_row_led_by_its_month_and_the_month_is_not_a_record_again() {
        let (_, records) = page_records(DEADLINES);
        let found: Vec<(&str, bool, &str)> =
            records.iter().map(|r| (r.anchor.as_str(), r.row, r.text.as_str())).collect();
        assert_eq!(
            found,
            [
                (
                    "",
                    false,
                    "提出期限の一覧 この一覧は令和8年11月1日に計算しました。 間に合わない指定日（1か月分） 「暫定」の日付は…"
                ),
                ("h-2026-12", true, "令和8年12月に指定を受ける場合 ⑤ 受付番号の依頼 令和8年9月7日（月）過ぎています"),
                ("h-2027-04", true, "令和9年4月に指定を受ける場合 仙台・青森 ⑤ 受付番号の依頼 令和9年1月5日（火）"),
                ("h-2027-04", true, "令和9年4月に指定を受ける場合 盛岡 ⑤ 受付番号の依頼 令和9年1月6日（水）"),
            ]
        );
        assert!(records.iter().all(|r| !r.row || r.heading.ends_with("に指定を受ける場合")));
    }

    #[test]
    fn the_script_names_the_index_by_its_hash() {
        let name = file_name(b"{}");
        assert!(name.starts_with("assets/search-") && name.ends_with(".json") && name.len() == 35, "{name}");
        assert_ne!(file_name(b"[]"), name);
        let script = format!("(function () {{\n  {INDEX_LINE}\n}})();\n");
        let named = script_naming(&script, &name).unwrap();
        assert!(named.contains(&format!("var INDEX = '{}';", &name["assets/".len()..])), "{named}");
        assert_eq!(script_naming("no line here", &name), None);
    }

    #[test]
    fn the_index_names_each_page_once_and_keeps_their_order() {
        let index = index([("steps/", STEPS), ("deadlines/", DEADLINES)]);
        assert_eq!(
            index.pages,
            [
                ("手続の流れ".to_string(), "steps/".to_string()),
                ("提出期限の一覧".to_string(), "deadlines/".to_string())
            ]
        );
        assert_eq!(index.records.iter().filter(|r| r.0 == 1 && r.3).count(), 3);
        let json = serde_json::to_string(&index.records[0]).unwrap();
        assert!(json.starts_with(r#"[0,"","手続の流れ",false,"#), "{json}");
    }
}
