//! Loading the Markdown pages: `content/pages/*.md` are common to every bureau, and
//! `content/<bureau>/*.md` adds pages or replaces a common page of the same name.
//!
//! A page starts with TOML front matter between `+++` lines.

use super::Source;
use onshi::content_file::{line_of, ContentError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

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

/// Templates a page may name: each gets the data it needs from the build.
pub const PAGE_TEMPLATES: [&str; 8] = [
    "page.html",
    "deadlines.html",
    "offices.html",
    "forms.html",
    "steps.html",
    "opendata.html",
    "notice.html",
    "correspondence.html",
];

/// The templates of the notice itself (its text, and its points beside the guidance): their
/// pages are the basis, not guidance that needs one.
pub const NOTICE_TEMPLATES: [&str; 2] = ["notice.html", "correspondence.html"];

fn err(file: &str, line: Option<usize>, message: impl Into<String>) -> ContentError {
    ContentError { file: file.to_string(), line, message: message.into() }
}

/// Parses one page file (a byte-order mark and Windows line endings are accepted).
pub fn parse_page(file: &str, text: &str) -> Result<PageSource, ContentError> {
    let normalised = text.trim_start_matches('\u{FEFF}').replace("\r\n", "\n");
    let text = normalised.as_str();
    let slug = Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    if slug.is_empty() || !slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(err(file, None, "ファイル名は英小文字・数字・- にしてください（ページの URL になります）"));
    }
    let Some(rest) = text.strip_prefix("+++\n") else {
        return Err(err(file, Some(1), "最初の行に +++ を書き、ページの情報（title など）を +++ で囲んでください"));
    };
    let Some(end) = rest.find("\n+++\n").or_else(|| rest.strip_suffix("\n+++").map(|r| r.len())) else {
        return Err(err(file, Some(1), "ページの情報を閉じる +++ の行がありません"));
    };
    let front_text = &rest[..end];
    let front: FrontMatter = toml::from_str(front_text).map_err(|e| {
        let line = e.span().map(|s| line_of(front_text, s.start) + 1);
        err(file, line, format!("ページの情報（front matter）が読めません：{}", e.message().trim()))
    })?;
    if !PAGE_TEMPLATES.contains(&front.template.as_str()) {
        let line = front_text.lines().position(|l| l.trim_start().starts_with("template")).map(|i| i + 2);
        return Err(err(
            file,
            line,
            format!("template「{}」はありません。{} のどれかです", front.template, PAGE_TEMPLATES.join("、")),
        ));
    }
    let body_start = 4 + end + 5;
    let body = text.get(body_start.min(text.len())..).unwrap_or_default().to_string();
    Ok(PageSource { slug, file: file.to_string(), body_line: line_of(text, body_start.min(text.len())), front, body })
}

/// The pages of one bureau: the common ones, with the bureau's own added or replacing them,
/// in navigation order.
pub fn pages_for(common: &BTreeMap<String, PageSource>, own: &BTreeMap<String, PageSource>) -> Vec<PageSource> {
    let mut pages: BTreeMap<String, PageSource> = common.clone();
    for (slug, page) in own {
        pages.insert(slug.clone(), page.clone());
    }
    let mut list: Vec<PageSource> = pages.into_values().collect();
    list.sort_by(|a, b| (a.front.order, &a.slug).cmp(&(b.front.order, &b.slug)));
    list
}

/// Reads every `*.md` of a folder, keyed by slug; a missing folder has none.
pub fn read_pages(source: &Source, relative: &str) -> Result<BTreeMap<String, PageSource>, Vec<ContentError>> {
    let mut pages = BTreeMap::new();
    let mut errors = Vec::new();
    for name in source.entries(relative).0.into_iter().filter(|n| n.ends_with(".md")) {
        let file = format!("{relative}/{name}");
        match source.read_text(&file) {
            Ok(Some(text)) => match parse_page(&file, &text) {
                Ok(page) => {
                    pages.insert(page.slug.clone(), page);
                }
                Err(e) => errors.push(e),
            },
            Ok(None) => {}
            Err(message) => errors.push(err(&file, None, message)),
        }
    }
    if errors.is_empty() {
        Ok(pages)
    } else {
        Err(errors)
    }
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
