//! The site's look: its templates and static files, a content root's own
//! (`<root>/site/templates/`, `<root>/site/static/`: a bureau that restyles) over the ones built
//! into the program (`crate::embedded`), as mdBook's `Theme` layers a theme folder over its
//! defaults. The forms' font and the preview's own files are always the built-in ones.

use super::Source;
use crate::embedded::{find, STATIC, TEMPLATES};

/// A template: the content root's own (`<root>/site/templates/<name>`), else the built-in one.
pub fn template(source: &Source, name: &str) -> Option<String> {
    match source.read_text(&format!("site/templates/{name}")) {
        Ok(Some(text)) => Some(text),
        _ => find(TEMPLATES, name).map(|b| String::from_utf8_lossy(b).into_owned()),
    }
}

/// A static file (`css/site.css`): the content root's own, else the built-in one.
pub fn static_file(source: &Source, name: &str) -> Option<Vec<u8>> {
    source.read(&format!("site/static/{name}")).ok().flatten().or_else(|| find(STATIC, name).map(<[u8]>::to_vec))
}
