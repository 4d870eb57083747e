//! The font the forms are printed in: loading the TTF, finding the characters it cannot print,
//! measuring text.

use krilla::text::Font;
use std::sync::Arc;

/// The font the forms are printed in (a TrueType font; the project ships a Noto Sans JP subset).
#[derive(Clone)]
pub struct FormFont {
    data: Arc<Vec<u8>>,
    pub(super) font: Font,
    units_per_em: f32,
    /// FNV-1a of the bytes, worked out once when the font is read.
    fingerprint: u64,
}

impl FormFont {
    /// Reads a TrueType/OpenType font.
    pub fn from_ttf(data: Vec<u8>) -> Result<FormFont, String> {
        let data = Arc::new(data);
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| format!("フォントを読めません：{e}"))?;
        let units_per_em = face.units_per_em() as f32;
        let font = Font::new(data.clone().into(), 0).ok_or("フォントを読めません")?;
        let fingerprint = crate::fnv::fnv1a(crate::fnv::START, &data);
        Ok(FormFont { data, font, units_per_em, fingerprint })
    }

    /// A fingerprint of the font's bytes (FNV-1a): forms made with the same font and words are
    /// the same, so a build can keep them.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn face(&self) -> ttf_parser::Face<'_> {
        ttf_parser::Face::parse(&self.data, 0).expect("parsed in from_ttf")
    }

    /// The characters of `text` that the font has no glyph for, each once, in order.
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let face = self.face();
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if face.glyph_index(c).is_none() && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// Advance width of `text` at `size` points.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        let face = self.face();
        let units: f32 =
            text.chars().map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0) as f32).sum();
        units / self.units_per_em * size
    }
}
