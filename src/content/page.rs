//! A Markdown page's file format, in one place: TOML front matter between `+++` lines, then
//! the Markdown (`content/pages/*.md`, `content/<bureau>/*.md`). The site build reads pages
//! through [`parse_page`]; the editor (`edit.rs`) and the studio split them with
//! [`split_front_matter`], so that the three read a page the same way.

use crate::content_file::{line_of, ContentError};
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;

/// A file's text as the content is read: without a byte-order mark, with `\n` line endings
/// (a Windows editor's file reads the same).
pub fn normalise(text: &str) -> String {
    text.trim_start_matches('\u{feff}').replace("\r\n", "\n")
}

/// The front matter's place in a page's normalised text (between the first line's `+++` and the
/// closing `+++` line; the Markdown starts after that line), or what is wrong, in Japanese.
pub fn split_front_matter(text: &str) -> Result<Range<usize>, &'static str> {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return Err("最初の行に +++ を書き、ページの情報（title など）を +++ で囲んでください");
    };
    let Some(end) = rest.find("\n+++\n").or_else(|| rest.strip_suffix("\n+++").map(str::len)) else {
        return Err("ページの情報を閉じる +++ の行がありません");
    };
    Ok(4..4 + end)
}

/// A page file: `content/pages/<slug>.md` (every bureau shows it) or `content/<id>/<slug>.md`
/// (one bureau's own).
pub fn is_page_file(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    matches!(parts.as_slice(), ["content", folder, file] if *folder != "bureaus" && file.ends_with(".md"))
}

fn err(file: &str, line: Option<usize>, message: impl Into<String>) -> ContentError {
    ContentError { file: file.to_string(), line, message: message.into() }
}

/// One Markdown page as written by staff.
#[derive(Debug, Clone)]
pub struct PageSource {
    /// `index` for the bureau's top page, otherwise the file stem (`steps`).
    pub slug: String,
    /// The file, relative to the repository (for messages).
    pub file: String,
    pub front: FrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
    /// The line of the file where `body` starts (1-based).
    pub body_line: usize,
}

/// The front matter of a page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    /// A shorter title for the navigation.
    pub nav_title: Option<String>,
    /// Position in the navigation.
    pub order: i32,
    pub description: String,
    /// The template under site/templates/ (default `page.html`); `deadlines.html`,
    /// `offices.html`, `forms.html` and `steps.html` add the computed tables, `notice.html` the
    /// notice's text and `correspondence.html` its points beside the pages that state them.
    #[serde(default = "default_template")]
    pub template: String,
    /// Shows the wizard's call to action (「自分の期限を計算し、書類を作る」) under the heading,
    /// when the site has the wizard.
    #[serde(default)]
    pub wizard_link: bool,
}

impl FrontMatter {
    /// The page's name in the navigation (and wherever a page is named in a list).
    pub fn short_title(&self) -> &str {
        self.nav_title.as_deref().unwrap_or(&self.title)
    }
}

fn default_template() -> String {
    "page.html".into()
}

/// Templates a page may name, each with what it adds to the page's text (the studio offers
/// them in these words); each gets the data it needs from the build.
pub const PAGE_TEMPLATES: [(&str, &str); 8] = [
    ("page.html", "文章だけ"),
    ("deadlines.html", "文章と提出期限の表"),
    ("offices.html", "文章と事務所の一覧"),
    ("forms.html", "文章と様式のダウンロード"),
    ("steps.html", "文章と手続の一覧"),
    ("opendata.html", "文章とオープンデータのファイル"),
    ("notice.html", "文章と通知の本文"),
    ("correspondence.html", "文章と通知との対応の表"),
];

/// Whether `name` is a template a page may name.
pub fn is_page_template(name: &str) -> bool {
    PAGE_TEMPLATES.iter().any(|(file, _)| *file == name)
}

/// The templates' names, as a message lists them (「page.html、deadlines.html、…」).
pub fn page_template_list() -> String {
    PAGE_TEMPLATES.iter().map(|(file, _)| *file).collect::<Vec<_>>().join("、")
}

/// The templates of the notice itself (its text, and its points beside the guidance): their
/// pages are the basis, not guidance that needs one.
pub const NOTICE_TEMPLATES: [&str; 2] = ["notice.html", "correspondence.html"];

/// Parses one page file (a byte-order mark and Windows line endings are accepted).
pub fn parse_page(file: &str, text: &str) -> Result<PageSource, ContentError> {
    let normalised = normalise(text);
    let text = normalised.as_str();
    let slug = Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    if slug.is_empty() || !slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(err(file, None, "ファイル名は英小文字・数字・- にしてください（ページの URL になります）"));
    }
    let front = split_front_matter(text).map_err(|message| err(file, Some(1), message))?;
    let front_text = &text[front.clone()];
    let front: FrontMatter = toml::from_str(front_text).map_err(|e| {
        let line = e.span().map(|s| line_of(front_text, s.start) + 1);
        err(file, line, format!("ページの情報（front matter）が読めません：{}", e.message().trim()))
    })?;
    if !is_page_template(&front.template) {
        let line = front_text.lines().position(|l| l.trim_start().starts_with("template")).map(|i| i + 2);
        return Err(err(
            file,
            line,
            format!("template「{}」はありません。{} のどれかです", front.template, page_template_list()),
        ));
    }
    let body_start = front_text.len() + 4 + 5;
    let body = text.get(body_start.min(text.len())..).unwrap_or_default().to_string();
    Ok(PageSource { slug, file: file.to_string(), body_line: line_of(text, body_start.min(text.len())), front, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter() {
        let p = parse_page(
            "content/pages/steps.md",
            "+++\ntitle = \"手続\"\norder = 2\ndescription = \"d\"\n+++\n\n本文\n",
        )
        .unwrap();
        assert_eq!(
            (p.slug.as_str(), p.front.title.as_str(), p.body.as_str(), p.body_line),
            ("steps", "手続", "\n本文\n", 6)
        );
        let e = parse_page("content/pages/x.md", "+++\ntitle = \"t\"\norder = \"one\"\ndescription = \"d\"\n+++\n")
            .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let p = parse_page(
            "content/pages/x.md",
            "\u{FEFF}+++\r\ntitle = \"t\"\r\norder = 1\r\ndescription = \"d\"\r\n+++\r\n本文\r\n",
        )
        .unwrap();
        assert_eq!(p.body, "本文\n");
        let e = parse_page("content/pages/x.md", "# no front matter\n").unwrap_err();
        assert!(e.message.contains("+++"), "{e}");
        let e = parse_page(
            "content/pages/x.md",
            "+++\ntitle = \"t\"\norder = 1\ndescription = \"d\"\ntemplate = \"nope.html\"\n+++\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        let e = parse_page("content/pages/Steps.md", "+++\n+++\n").unwrap_err();
        assert!(e.message.contains("英小文字"), "{e}");
        let e = parse_page(
            "content/pages/x.md",
            "+++\ntitle = \"t\"\norder = 1\ndescription = \"d\"\nauthor = \"a\"\n+++\n",
        )
        .unwrap_err();
        assert!(e.message.contains("author"), "{e}");
    }
}
