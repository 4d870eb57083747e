//! The site's own templates and static files inside the library, as bytes (written by
//! publish/build.rs from site/templates/ and site/static/). A leaf: which file wins over which
//! (a content root's own over these) is `theme.rs`'s.

use onshi::pdf::FormFont;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// A file of one of the tables, by its path.
pub fn find(table: &'static [(&'static str, &'static [u8])], name: &str) -> Option<&'static [u8]> {
    table.iter().find(|(n, _)| *n == name).map(|(_, bytes)| *bytes)
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
/// built in.
pub fn form_font() -> FormFont {
    FormFont::from_ttf(FORM_FONT.to_vec()).expect("the bundled font is a TrueType font")
}
