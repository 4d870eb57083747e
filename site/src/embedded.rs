//! The site's own files inside the executable (written by site/build.rs): the templates, the
//! static files and, in a packaged executable, the built wizard and studio. A file of the same name under
//! the content root's site/templates/ or site/static/ is used instead, for a bureau that
//! restyles; the forms' font and the preview's own files are always the built-in ones.

use crate::publish::Source;
use onshi::pdf::FormFont;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

fn find(table: &'static [(&'static str, &'static [u8])], name: &str) -> Option<&'static [u8]> {
    table.iter().find(|(n, _)| *n == name).map(|(_, bytes)| *bytes)
}

/// A template: the content root's own (`<root>/site/templates/<name>`), else the embedded one.
pub fn template(source: &Source, name: &str) -> Option<String> {
    match source.read_text(&format!("site/templates/{name}")) {
        Ok(Some(text)) => Some(text),
        _ => find(TEMPLATES, name).map(|b| String::from_utf8_lossy(b).into_owned()),
    }
}

/// A template of the program itself (the preview's page of mistakes), never the content root's:
/// it must show even when the content root's templates have mistakes.
pub fn builtin_template(name: &str) -> Option<&'static str> {
    find(TEMPLATES, name).and_then(|b| std::str::from_utf8(b).ok())
}

/// The preview's reload script (site/static/js/reload.js): `site serve` serves it and adds
/// it to the pages it builds; a published site never carries it.
pub fn reload_js() -> &'static [u8] {
    RELOAD_JS
}

/// The font the forms are printed in: a Noto Sans JP subset (SIL OFL 1.1, site/static/fonts/),
/// built into the executable.
pub fn form_font() -> FormFont {
    FormFont::from_ttf(FORM_FONT.to_vec()).expect("the bundled font is a TrueType font")
}

/// A static file (`css/site.css`): the content root's own, else the embedded one.
pub fn static_file(source: &Source, name: &str) -> Option<Vec<u8>> {
    source.read(&format!("site/static/{name}")).ok().flatten().or_else(|| find(STATIC, name).map(<[u8]>::to_vec))
}

/// The wizard built into a packaged executable (path → bytes), if any.
pub fn wizard() -> Option<crate::publish::Output> {
    has_wizard().then(|| WIZARD.iter().map(|(n, b)| (n.to_string(), (*b).into())).collect())
}

/// Whether this executable carries the wizard.
pub fn has_wizard() -> bool {
    !WIZARD.is_empty()
}

/// The studio (編集室) built into a packaged executable (path → bytes), if any.
pub fn studio() -> Option<crate::publish::Output> {
    (!STUDIO.is_empty()).then(|| STUDIO.iter().map(|(n, b)| (n.to_string(), (*b).into())).collect())
}

/// One file of the studio built into a packaged executable (`index.html`), if any.
pub fn studio_file(name: &str) -> Option<&'static [u8]> {
    find(STUDIO, name)
}
