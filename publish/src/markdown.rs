//! Markdown to HTML with the build's checks: raw HTML only from a short allow-list, links
//! recorded with their line for the link checker. Three link forms name things rather than
//! paths, so that the same Markdown works on every page and every bureau: `page:<slug>`
//! (`page:steps`, `page:index`, with an optional `#anchor`), `office:<id>` and
//! `notice:<point>`, a statement's basis: a point of the notice (`notice_text.rs`), linked to
//! its section on the notice page, whose link text names the section
//! (`[根拠：第1 1(2)](notice:reply-by-10th)`). The writer's accessibility checks (`writing.rs`)
//! are made on the same events.

use super::notice_text::NoticeText;
use super::writing::WriterChecks;
use onshi::bureaus::Bureau;
use onshi::content_file::{ContentError, LineIndex};
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Raw HTML tags staff may write in Markdown. Anything else (a stray `<script>`, `<iframe>`,
/// inline styles or event handlers) stops the build.
pub const ALLOWED_HTML: [&str; 9] = ["br", "abbr", "ruby", "rt", "rp", "small", "sub", "sup", "kbd"];

/// A link written in Markdown, for the link checker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    pub href: String,
    pub line: usize,
}

/// A statement's basis written in Markdown: the point of the notice and the heading the
/// link is under (its id and words), for the 「通知との対応」 page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    pub point: String,
    pub heading: Option<(String, String)>,
    pub line: usize,
}

/// The rendered HTML of a page, its links and the bases it cites.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub links: Vec<SourceLink>,
    pub bases: Vec<Basis>,
}

/// What a page's links may name besides paths: the bureau (its offices), the pages, the notice.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    pub bureau: &'a Bureau,
    /// The slugs `page:` may name.
    pub pages: &'a [&'a str],
    pub notice: &'a NoticeText,
}

/// Renders `text` (which starts at `first_line` of `file`) for a page whose way back to the
/// bureau's folder is `root` (`""` or `"../"`); `names` are what its links may name.
pub fn render(
    file: &str,
    first_line: usize,
    text: &str,
    names: Names,
    root: &str,
) -> Result<Rendered, Vec<ContentError>> {
    let (rendered, errors) = render_checked(file, first_line, text, names, root);
    if errors.is_empty() {
        Ok(rendered)
    } else {
        Err(errors)
    }
}

/// [`render`]'s HTML even when the text has problems (for the studio's preview: what was
/// refused is left out, a link that cannot be made goes nowhere), and the problems.
pub fn render_checked(
    file: &str,
    first_line: usize,
    text: &str,
    names: Names,
    root: &str,
) -> (Rendered, Vec<ContentError>) {
    let Names { bureau, pages, notice } = names;
    let mut errors = Vec::new();
    let mut bases = Vec::new();
    // The heading the text is under, and a `notice:` link being read: its point, section
    // label, line and text so far.
    let mut under: Option<(String, String)> = None;
    let mut basis_link: Option<(String, String, usize, String)> = None;
    let mut writing = WriterChecks::new(file);
    let mut links = Vec::new();
    let lines = LineIndex::new(text);
    let line = |offset: usize| first_line + lines.line(offset) - 1;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<(HeadingLevel, String, usize)> = None;
    // A line break inside a Japanese paragraph is not a space.
    let mut last_char: Option<char> = None;
    let mut in_image = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        writing.see(&event, line(range.start));
        // A refused image is left out with its alt text.
        if in_image {
            in_image = !matches!(event, Event::End(TagEnd::Image));
            continue;
        }
        if let Event::Text(t) | Event::Code(t) = &event {
            last_char = t.chars().last();
            if let Some((_, _, _, words)) = basis_link.as_mut() {
                words.push_str(t);
            }
        }
        if matches!(event, Event::End(TagEnd::Link)) {
            if let Some((point, label, at, words)) = basis_link.take() {
                if !words.contains(label.as_str()) {
                    errors.push(ContentError {
                        file: file.into(),
                        line: Some(at),
                        message: format!(
                            "根拠のリンク notice:{point} の文字「{words}」に、その箇所「{label}」を書いてください（例：[根拠：{label}](notice:{point})）"
                        ),
                    });
                }
                bases.push(Basis { point, heading: under.clone(), line: at });
            }
        }
        match event {
            Event::SoftBreak if last_char.is_some_and(|c| !c.is_ascii()) => {}
            Event::Html(raw) | Event::InlineHtml(raw) => {
                if let Err(message) = check_html(&raw) {
                    errors.push(ContentError { file: file.into(), line: Some(line(range.start)), message });
                } else {
                    events.push(Event::Html(raw));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                if let Err(message) = check_link(&dest_url) {
                    errors.push(ContentError { file: file.into(), line: Some(line(range.start)), message });
                    events.push(Event::Start(Tag::Link { link_type, dest_url: CowStr::from(""), title, id }));
                    continue;
                }
                if let Some(point) = dest_url.strip_prefix("notice:") {
                    let dest = match notice.point(point) {
                        Some((section, _)) => {
                            basis_link =
                                Some((point.to_string(), section.label.clone(), line(range.start), String::new()));
                            CowStr::from(format!("{root}notice/#{}", section.id))
                        }
                        None => {
                            errors.push(ContentError {
                                file: file.into(),
                                line: Some(line(range.start)),
                                message: format!(
                                    "根拠のリンク先 notice:{point} という要点は通知の表（{}）にありません。表の要点の id を書いてください",
                                    super::notice_text::FILE
                                ),
                            });
                            CowStr::from("")
                        }
                    };
                    links.push(SourceLink { href: dest.to_string(), line: line(range.start) });
                    events.push(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
                    continue;
                }
                let page_link = dest_url.strip_prefix("page:").map(|p| p.split_once('#').unwrap_or((p, "")));
                let dest = match (page_link, dest_url.strip_prefix("office:")) {
                    (Some((slug, anchor)), _) if pages.contains(&slug) => {
                        let path = if slug == "index" { root.to_string() } else { format!("{root}{slug}/") };
                        let path = if path.is_empty() { "./".to_string() } else { path };
                        let anchor = if anchor.is_empty() { String::new() } else { format!("#{anchor}") };
                        CowStr::from(format!("{path}{anchor}"))
                    }
                    (Some((slug, _)), _) => {
                        errors.push(ContentError {
                            file: file.into(),
                            line: Some(line(range.start)),
                            message: format!(
                                "リンク先 page:{slug} というページはありません。{} のどれかにしてください",
                                pages.join("、")
                            ),
                        });
                        CowStr::from("")
                    }
                    (None, Some(office)) if bureau.office(office).is_some() => {
                        CowStr::from(format!("{root}offices/#office-{office}"))
                    }
                    (None, Some(office)) => {
                        let ids: Vec<&str> = bureau.offices.iter().map(|o| o.id.as_str()).collect();
                        errors.push(ContentError {
                            file: file.into(),
                            line: Some(line(range.start)),
                            message: format!(
                                "リンク先 office:{office} は{}の事務所にありません。{} のどれかにしてください",
                                bureau.name,
                                ids.join("、")
                            ),
                        });
                        CowStr::from("")
                    }
                    (None, None) => dest_url,
                };
                links.push(SourceLink { href: dest.to_string(), line: line(range.start) });
                events.push(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
            }
            Event::Start(Tag::Table(alignments)) => {
                if alignments.iter().any(|a| *a != pulldown_cmark::Alignment::None) {
                    errors.push(ContentError {
                        file: file.into(),
                        line: Some(line(range.start)),
                        message: "表の列の寄せ（:--- や ---:）は使えません（ページの安全設定で無効になるため）。|---| だけで書いてください".into(),
                    });
                }
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                in_image = true;
                links.push(SourceLink { href: dest_url.to_string(), line: line(range.start) });
                errors.push(ContentError {
                    file: file.into(),
                    line: Some(line(range.start)),
                    message: "画像はまだ使えません（代替テキストと大きさの確認ができないため）。文章で説明してください"
                        .into(),
                });
            }
            // Headings get an id from their text so that they can be linked to.
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new(), events.len())),
            Event::Text(t) if heading.is_some() => {
                if let Some((_, title, _)) = heading.as_mut() {
                    title.push_str(&t);
                }
                events.push(Event::Text(t));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((_, title, start)) = heading.take() {
                    let id = heading_id(&title);
                    under = Some((id.clone(), title.clone()));
                    let open = format!("<{} id=\"{}\">", heading_tag(level), onshi::markup::escape(&id));
                    events.insert(start, Event::Html(open.into()));
                    events.push(Event::Html(format!("</{}>\n", heading_tag(level)).into()));
                }
            }
            other => events.push(other),
        }
    }
    errors.extend(writing.finish());
    errors.sort_by_key(|e| e.line);
    let mut out = String::with_capacity(text.len() * 2);
    html::push_html(&mut out, events.into_iter());
    (Rendered { html: out, links, bases }, errors)
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

/// The id of a heading: its text with spaces and punctuation that URLs dislike replaced by `-`.
pub fn heading_id(text: &str) -> String {
    let id: String =
        text.trim().chars().map(|c| if c.is_whitespace() || "\"'<>&?#%/".contains(c) { '-' } else { c }).collect();
    if id.is_empty() {
        "section".into()
    } else {
        id
    }
}

/// Accepts a raw HTML fragment when the WHATWG tokenizer (html5gum, the same rules a browser
/// uses) reads in it only tags of the allow-list, no attribute but one `title` on `abbr`, no
/// doctype and no parse error (a missing space between attributes, an unclosed tag, …).
/// Accepted fragments are published as written, so what was checked is what browsers read.
fn check_html(raw: &str) -> Result<(), String> {
    use html5gum::{Token, Tokenizer};
    let allowed_list = || ALLOWED_HTML.map(|t| format!("<{t}>")).join(" ");
    // Reading from a string cannot fail.
    for token in Tokenizer::new(raw).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if !ALLOWED_HTML.contains(&name.as_str()) {
                    return Err(format!(
                        "Markdown の中の HTML <{name}> は使えません。使えるのは {} だけです",
                        allowed_list()
                    ));
                }
                let attributes: Vec<String> =
                    tag.attributes.keys().map(|k| String::from_utf8_lossy(k).into_owned()).collect();
                let allowed = attributes.is_empty() || (name == "abbr" && attributes == ["title"]);
                if !allowed {
                    return Err(format!(
                        "HTML <{name}> に属性（{}）は付けられません（<abbr> の title 一つだけ使えます）",
                        attributes.join(" ")
                    ));
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if !ALLOWED_HTML.contains(&name.as_str()) {
                    return Err(format!(
                        "Markdown の中の HTML </{name}> は使えません。使えるのは {} だけです",
                        allowed_list()
                    ));
                }
            }
            Token::Doctype(_) => return Err("Markdown の中に <!DOCTYPE> は書けません".into()),
            Token::Error(e) => {
                return Err(format!(
                    "HTML の書き方に誤りがあります（{}）。属性の間の空白、引用符、タグの閉じ忘れを確かめてください：{}",
                    e.value,
                    raw.trim()
                ))
            }
            Token::String(_) | Token::Comment(_) => {}
        }
    }
    Ok(())
}

/// The schemes a Markdown link may use; anything else (`javascript:`, `data:`, `vbscript:`,
/// `file:` …) stops the build. Links without a scheme are relative, `page:`, `office:` and
/// `notice:` name a page, an office or a point of the notice.
pub const ALLOWED_SCHEMES: [&str; 7] = ["http", "https", "mailto", "tel", "page", "office", "notice"];

/// The scheme of a link as a browser reads it (tabs and newlines removed, leading and trailing
/// control characters and spaces trimmed, case ignored), or `None` for a relative link.
fn link_scheme(href: &str) -> Option<String> {
    let cleaned: String = href.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let is_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A ':' after a path, query or fragment character is not a scheme (`a/b:c`, `#x:y`).
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

/// Refuses a link whose scheme is not allowed.
fn check_link(href: &str) -> Result<(), String> {
    match link_scheme(href) {
        Some(scheme) if !ALLOWED_SCHEMES.contains(&scheme.as_str()) => Err(format!(
            "リンク先「{}」の「{scheme}:」は使えません。使えるのは {} と、相対リンクだけです",
            href.trim(),
            ALLOWED_SCHEMES.map(|s| format!("{s}:")).join(" ")
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGES: &[&str] = &["index", "deadlines", "steps"];

    fn tohoku() -> &'static Bureau {
        onshi::content::repository().bureaus.get("tohoku").unwrap()
    }

    fn names() -> Names<'static> {
        Names { bureau: tohoku(), pages: PAGES, notice: NoticeText::repository() }
    }

    #[test]
    fn headings_links_and_allowed_html() {
        let text = "## 受付番号 とは\n\n[一覧](page:deadlines)<br>[青森](office:aomori)\n[上](page:index#x)";
        let r = render("content/pages/x.md", 5, text, names(), "../").unwrap();
        assert!(r.html.contains("<h2 id=\"受付番号-とは\">受付番号 とは</h2>"), "{}", r.html);
        assert!(r.html.contains("href=\"../offices/#office-aomori\""), "{}", r.html);
        let hrefs: Vec<(&str, usize)> = r.links.iter().map(|l| (l.href.as_str(), l.line)).collect();
        assert_eq!(hrefs, [("../deadlines/", 7), ("../offices/#office-aomori", 7), ("../#x", 8)]);
        // The same Markdown on the bureau's top page.
        let r = render("content/pages/x.md", 5, text, names(), "").unwrap();
        let hrefs: Vec<&str> = r.links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["deadlines/", "offices/#office-aomori", "./#x"]);
        assert!(render("f", 1, "<abbr title=\"医療保険情報提供等実施機関\">実施機関</abbr>", names(), "").is_ok());
        // Line breaks join Japanese lines without a space, English ones with one.
        let r = render("f", 1, "日本語の\n文です。\nEnglish\nwords", names(), "").unwrap();
        assert_eq!(r.html, "<p>日本語の文です。English\nwords</p>\n");
    }

    #[test]
    fn refuses_script_attributes_and_unknown_offices() {
        let e = render("content/tohoku/x.md", 10, "本文\n\n<script>alert(1)</script>\n", names(), "").unwrap_err();
        assert_eq!((e[0].file.as_str(), e[0].line), ("content/tohoku/x.md", Some(12)));
        assert!(e[0].message.contains("<script> は使えません"), "{}", e[0]);
        let e = render("f", 1, "文中の <small style=\"color:red\">注</small>", names(), "").unwrap_err();
        assert!(e[0].message.contains("属性"), "{}", e[0]);
        let e = render("f", 1, "<img src=x onerror=alert(1)>", names(), "").unwrap_err();
        assert!(e[0].message.contains("<img>"), "{}", e[0]);
        // A '>' inside a quoted value does not end the tag.
        let e = render("f", 1, "<abbr title=\"<br>\" onmouseover=\"alert(1)\">x</abbr>", names(), "").unwrap_err();
        assert!(e[0].message.contains("onmouseover"), "{}", e[0]);
        assert!(render("f", 1, "<abbr title='a > b'>x</abbr> <!-- <script> -->", names(), "").is_ok());
        let e = render("f", 1, "| a | b |\n|:--|--:|\n| 1 | 2 |\n", names(), "").unwrap_err();
        assert!(e[0].message.contains("寄せ"), "{}", e[0]);
        let e = render("f", 3, "[富山](office:toyama)", names(), "").unwrap_err();
        assert_eq!(e[0].line, Some(3));
        assert!(e[0].message.contains("office:toyama は東北厚生局の事務所にありません"), "{}", e[0]);
        let e = render("f", 3, "\n[流れ](page:flow)", names(), "").unwrap_err();
        assert_eq!(e[0].line, Some(4));
        assert!(e[0].message.contains("page:flow というページはありません"), "{}", e[0]);
    }

    #[test]
    fn the_sanitiser_refuses_every_payload_with_its_line() {
        // The two payloads that passed the hand-written checker, then a dozen more, from line 3.
        let payloads = [
            "<br>\n<abbr title=\"x\"onclick=\"alert(1)\">y</abbr>",
            "[x](javascript://%0aalert(1))",
            "<abbr title=\"x\" onclick=\"alert(1)\">y</abbr>",
            "<small onmouseover=alert(1)>z</small>",
            "<sub style=\"position:fixed\">z</sub>",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<iframe src=\"https://example.org\"></iframe>",
            "<abbr title=\"a\" title=\"b\">dup</abbr>",
            "<rt onclick=alert(1)>r</rt>",
            "[x](JaVaScRiPt:alert(1))",
            "[x](\tjavascript:alert(1))",
            "[x](java&#x09;script:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](vbscript:msgbox(1))",
            "<javascript:alert(1)>",
            "<!DOCTYPE html>",
            "<a href=\"https://example.org\">x</a>",
        ];
        for payload in payloads {
            let text = format!("\n\n{payload}\n");
            let e = render("content/pages/x.md", 1, &text, names(), "")
                .err()
                .unwrap_or_else(|| panic!("accepted: {payload}"));
            // The line of the offending part: the payload's last line.
            let expected = 3 + payload.lines().count() - 1;
            assert_eq!((e[0].file.as_str(), e[0].line), ("content/pages/x.md", Some(expected)), "{payload}: {}", e[0]);
            assert!(!e[0].message.is_ascii(), "Japanese: {}", e[0]);
        }
        // What CommonMark does not read as HTML is text, escaped: no tag reaches the page.
        let html = render("f", 1, "<kbd/onclick=alert(1)>k</kbd> <abbr title=\"unclosed>", names(), "").unwrap().html;
        assert!(
            html.contains("&lt;kbd/onclick=alert(1)&gt;") && html.contains("&lt;abbr title=\"unclosed&gt;"),
            "{html}"
        );
        // What staff may write still passes.
        for fine in [
            "<abbr title=\"オンライン資格確認\">オン資</abbr>",
            "<ruby>厚生<rp>(</rp><rt>こうせい</rt><rp>)</rp></ruby>",
            "行<br>改行 <small>注</small> H<sub>2</sub>O x<sup>2</sup> <kbd>Ctrl</kbd>",
            "[局](https://kouseikyoku.mhlw.go.jp/tohoku/) [電話](tel:022-000-0000) [mail](mailto:a@example.org)",
            "[流れ](page:steps) [表](page:deadlines#2027-03) [相対](../forms/) [節](#section)",
        ] {
            assert!(render("f", 1, fine, names(), "").is_ok(), "{fine}");
        }
    }

    #[test]
    fn a_basis_links_to_its_section_and_names_it() {
        let text = "## ⑥ 提出\n\n期限は15日です（[根拠：第3(2)](notice:submit-by-15th)）。\n";
        let r = render("content/pages/x.md", 5, text, names(), "../").unwrap();
        assert!(r.html.contains("href=\"../notice/#d3-2\""), "{}", r.html);
        assert_eq!(
            r.bases,
            [Basis {
                point: "submit-by-15th".into(), heading: Some(("⑥-提出".into(), "⑥ 提出".into())), line: 7
            }]
        );
        // On the top page, and before any heading.
        let r = render("f", 1, "[根拠：第3(2)](notice:submit-by-15th)", names(), "").unwrap();
        assert!(r.html.contains("href=\"notice/#d3-2\""), "{}", r.html);
        assert_eq!(r.bases[0].heading, None);
        // The link's words must name the section it points to.
        let e = render("content/pages/x.md", 5, "\n[根拠：第3(1)](notice:submit-by-15th)", names(), "").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "content/pages/x.md:6: 根拠のリンク notice:submit-by-15th の文字「根拠：第3(1)」に、その箇所「第3(2)」を書いてください（例：[根拠：第3(2)](notice:submit-by-15th)）"
        );
        // A point the notice's table does not have.
        let e = render("content/pages/x.md", 5, "[根拠：第3(2)](notice:by-the-15th)", names(), "").unwrap_err();
        assert_eq!(e[0].line, Some(5));
        assert!(e[0].message.contains("notice:by-the-15th という要点は通知の表"), "{}", e[0]);
    }
}
