//! Markdown to HTML with the build's checks: raw HTML only from a short allow-list, links
//! recorded with their line for the link checker. Two link forms name things rather than
//! paths, so that the same Markdown works on every page and every bureau: `page:<slug>`
//! (`page:steps`, `page:index`, with an optional `#anchor`) and `office:<id>`.

use onshi::bureaus::{line_of, Bureau, ContentError};
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

/// The rendered HTML of a page and its links.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub links: Vec<SourceLink>,
}

/// Renders `text` (which starts at `first_line` of `file`) for a page whose way back to the
/// bureau's folder is `root` (`""` or `"../"`); `pages` are the slugs `page:` may name.
pub fn render(
    file: &str,
    first_line: usize,
    text: &str,
    bureau: &Bureau,
    pages: &[&str],
    root: &str,
) -> Result<Rendered, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut links = Vec::new();
    let line = |offset: usize| first_line + line_of(text, offset) - 1;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<(HeadingLevel, String, usize)> = None;
    // A line break inside a Japanese paragraph is not a space.
    let mut last_char: Option<char> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if let Event::Text(t) | Event::Code(t) = &event {
            last_char = t.chars().last();
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
                        dest_url
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
                        dest_url
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
                    let open = format!("<{} id=\"{}\">", heading_tag(level), onshi::markup::escape(&id));
                    events.insert(start, Event::Html(open.into()));
                    events.push(Event::Html(format!("</{}>\n", heading_tag(level)).into()));
                }
            }
            other => events.push(other),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = String::with_capacity(text.len() * 2);
    html::push_html(&mut out, events.into_iter());
    Ok(Rendered { html: out, links })
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

/// Accepts a raw HTML fragment when every tag in it is on the allow-list and has no attribute
/// but one `title` (on `abbr`). Quoted attribute values are read as values, so a `>` inside
/// one does not end the tag.
fn check_html(raw: &str) -> Result<(), String> {
    let mut chars = raw.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '<' {
            continue;
        }
        if raw[chars.peek().map(|(i, _)| *i).unwrap_or(raw.len())..].starts_with("!--") {
            // A comment: skip to its end.
            let start = chars.peek().map(|(i, _)| *i).unwrap_or(raw.len());
            let Some(end) = raw[start..].find("-->") else {
                return Err("HTML のコメントが閉じていません".into());
            };
            while chars.peek().is_some_and(|(i, _)| *i < start + end + 3) {
                chars.next();
            }
            continue;
        }
        if chars.peek().is_some_and(|(_, c)| *c == '/') {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&(_, c)) = chars.peek().filter(|(_, c)| c.is_ascii_alphanumeric()) {
            name.push(c.to_ascii_lowercase());
            chars.next();
        }
        if !ALLOWED_HTML.contains(&name.as_str()) {
            return Err(format!(
                "Markdown の中の HTML <{name}> は使えません。使えるのは {} だけです",
                ALLOWED_HTML.map(|t| format!("<{t}>")).join(" ")
            ));
        }
        // Attributes up to the closing '>', values in quotes read whole.
        let mut attributes: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut quote: Option<char> = None;
        let mut closed = false;
        for (_, c) in chars.by_ref() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => current.push(c),
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    closed = true;
                    break;
                }
                (None, c) if c.is_whitespace() || c == '/' => {
                    if !current.is_empty() {
                        attributes.push(std::mem::take(&mut current));
                    }
                }
                (None, c) => current.push(c),
            }
        }
        if !current.is_empty() {
            attributes.push(current);
        }
        if !closed {
            return Err(format!("HTML の「{}」が閉じていません", raw.trim()));
        }
        let allowed =
            attributes.is_empty() || (name == "abbr" && attributes.len() == 1 && attributes[0].starts_with("title="));
        if !allowed {
            return Err(format!(
                "HTML <{name}> に属性（{}）は付けられません（<abbr> の title 一つだけ使えます）",
                attributes.join(" ")
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGES: &[&str] = &["index", "deadlines", "steps"];

    fn tohoku() -> &'static Bureau {
        onshi::content::repository().bureaus.get("tohoku").unwrap()
    }

    #[test]
    fn headings_links_and_allowed_html() {
        let text = "## 受付番号 とは\n\n[一覧](page:deadlines)<br>[青森](office:aomori)\n[上](page:index#x)";
        let r = render("content/pages/x.md", 5, text, tohoku(), PAGES, "../").unwrap();
        assert!(r.html.contains("<h2 id=\"受付番号-とは\">受付番号 とは</h2>"), "{}", r.html);
        assert!(r.html.contains("href=\"../offices/#office-aomori\""), "{}", r.html);
        let hrefs: Vec<(&str, usize)> = r.links.iter().map(|l| (l.href.as_str(), l.line)).collect();
        assert_eq!(hrefs, [("../deadlines/", 7), ("../offices/#office-aomori", 7), ("../#x", 8)]);
        // The same Markdown on the bureau's top page.
        let r = render("content/pages/x.md", 5, text, tohoku(), PAGES, "").unwrap();
        let hrefs: Vec<&str> = r.links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["deadlines/", "offices/#office-aomori", "./#x"]);
        assert!(
            render("f", 1, "<abbr title=\"医療保険情報提供等実施機関\">実施機関</abbr>", tohoku(), PAGES, "").is_ok()
        );
        // Line breaks join Japanese lines without a space, English ones with one.
        let r = render("f", 1, "日本語の\n文です。\nEnglish\nwords", tohoku(), PAGES, "").unwrap();
        assert_eq!(r.html, "<p>日本語の文です。English\nwords</p>\n");
    }

    #[test]
    fn refuses_script_attributes_and_unknown_offices() {
        let e =
            render("content/tohoku/x.md", 10, "本文\n\n<script>alert(1)</script>\n", tohoku(), PAGES, "").unwrap_err();
        assert_eq!((e[0].file.as_str(), e[0].line), ("content/tohoku/x.md", Some(12)));
        assert!(e[0].message.contains("<script> は使えません"), "{}", e[0]);
        let e = render("f", 1, "文中の <small style=\"color:red\">注</small>", tohoku(), PAGES, "").unwrap_err();
        assert!(e[0].message.contains("属性"), "{}", e[0]);
        let e = render("f", 1, "<img src=x onerror=alert(1)>", tohoku(), PAGES, "").unwrap_err();
        assert!(e[0].message.contains("<img>"), "{}", e[0]);
        // A '>' inside a quoted value does not end the tag.
        let e =
            render("f", 1, "<abbr title=\"<br>\" onmouseover=\"alert(1)\">x</abbr>", tohoku(), PAGES, "").unwrap_err();
        assert!(e[0].message.contains("onmouseover"), "{}", e[0]);
        assert!(render("f", 1, "<abbr title='a > b'>x</abbr> <!-- <script> -->", tohoku(), PAGES, "").is_ok());
        let e = render("f", 1, "| a | b |\n|:--|--:|\n| 1 | 2 |\n", tohoku(), PAGES, "").unwrap_err();
        assert!(e[0].message.contains("寄せ"), "{}", e[0]);
        let e = render("f", 3, "[富山](office:toyama)", tohoku(), PAGES, "").unwrap_err();
        assert_eq!(e[0].line, Some(3));
        assert!(e[0].message.contains("office:toyama は東北厚生局の事務所にありません"), "{}", e[0]);
        let e = render("f", 3, "\n[流れ](page:flow)", tohoku(), PAGES, "").unwrap_err();
        assert_eq!(e[0].line, Some(4));
        assert!(e[0].message.contains("page:flow というページはありません"), "{}", e[0]);
    }
}
