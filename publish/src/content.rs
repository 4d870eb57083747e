//! Loading the Markdown pages: `content/pages/*.md` are common to every bureau, and
//! `content/<bureau>/*.md` adds pages or replaces a common page of the same name.
//!
//! A page's format is `onshi::content::page`'s.

use super::Source;
use onshi::content::page::{parse_page, PageSource};
use onshi::content_file::ContentError;
use std::collections::BTreeMap;

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
            Err(message) => errors.push(ContentError { file: file.clone(), line: None, message }),
        }
    }
    if errors.is_empty() {
        Ok(pages)
    } else {
        Err(errors)
    }
}
