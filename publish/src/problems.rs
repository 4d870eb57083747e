//! The build's problems: each a `ContentError` (file:line and the reason, in Japanese), a
//! broken link at the Markdown line that wrote it, and each problem said once.

use crate::links;
use crate::Output;
use onshi::content_file::ContentError;
use std::collections::{BTreeMap, BTreeSet};

/// Per output page, the links its Markdown wrote: (href, file, line).
pub type MarkdownLinks = BTreeMap<String, Vec<(String, String, usize)>>;

pub fn error(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> ContentError {
    ContentError { file: file.into(), line, message: message.into() }
}

/// The broken links of `html`'s pages (of the one at path `only`, if given) among `output`'s
/// files, each at the Markdown line that wrote it, or at the template.
pub fn link_errors(
    output: &Output,
    html: &BTreeMap<String, String>,
    markdown_links: &MarkdownLinks,
    only: Option<&str>,
) -> Vec<ContentError> {
    let files: BTreeSet<String> = output.keys().cloned().collect();
    let mut errors = Vec::new();
    for broken in links::check(&files, html) {
        if only.is_some_and(|path| path != broken.page) {
            continue;
        }
        let origin =
            markdown_links.get(&broken.page).and_then(|list| list.iter().find(|(href, _, _)| *href == broken.href));
        errors.push(match origin {
            // A common page's link is broken in every bureau's folder: say it once, with the
            // path inside a bureau's folder.
            Some((_, file, line)) if file.starts_with("content/pages/") => {
                let folder = broken.page.split_once('/').map(|(f, _)| format!("{f}/")).unwrap_or_default();
                let reason = broken.reason.replace(&format!(" {folder}"), " ");
                let reason = reason.strip_prefix(&folder).map(str::to_string).unwrap_or(reason);
                error(file.clone(), Some(*line), format!("リンク「{}」：{reason}", broken.href))
            }
            Some((_, file, line)) => {
                error(file.clone(), Some(*line), format!("リンク「{}」：{}", broken.href, broken.reason))
            }
            None => error(
                format!("site/templates（{} を作るとき）", broken.page),
                None,
                format!("リンク「{}」：{}", broken.href, broken.reason),
            ),
        });
    }
    errors
}

/// Each error once: a mistake in a common page (content/pages/) is found once per bureau that
/// shows it, and is reported once, saying that it affects every bureau.
pub fn once_each(errors: Vec<ContentError>) -> Vec<ContentError> {
    let mut out: Vec<ContentError> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    for e in errors {
        match out.iter().position(|o| *o == e) {
            Some(i) => counts[i] += 1,
            None => {
                out.push(e);
                counts.push(1);
            }
        }
    }
    for (e, n) in out.iter_mut().zip(counts) {
        if n > 1 && e.file.starts_with("content/pages/") {
            e.message.push_str("（共通のページなので、すべての局のサイトに影響します）");
        }
    }
    out
}
