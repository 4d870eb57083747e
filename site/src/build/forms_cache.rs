//! The blank forms of a bureau depend only on its name, the font and this program's version:
//! a build keeps them from the previous build in the same folder instead of drawing them again.
//! The previous build's marker file records, per bureau, the key its forms were made with.

use super::error;
use onshi::bureaus::{Bureau, ContentError};
use onshi::pdf::{blank_forms, FormFile, FormFont};
use std::collections::BTreeMap;
use std::path::Path;

/// The marker's line for one bureau's forms: `forms <id> <key>`.
const PREFIX: &str = "forms";

/// What decides the forms' bytes.
pub fn key(bureau: &Bureau, font_fingerprint: u64) -> String {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for b in bureau.name.bytes().chain(env!("CARGO_PKG_VERSION").bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{font_fingerprint:016x}{h:016x}")
}

/// The keys of the previous build in `out` (bureau id → key), from its marker text.
pub fn previous_keys(marker: &str) -> BTreeMap<String, String> {
    marker
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            (parts.next() == Some(PREFIX)).then_some(())?;
            Some((parts.next()?.to_string(), parts.next()?.to_string()))
        })
        .collect()
}

/// The marker lines for this build's forms.
pub fn marker_lines(keys: &BTreeMap<String, String>) -> String {
    keys.iter().map(|(id, key)| format!("{PREFIX} {id} {key}\n")).collect()
}

/// The bureau's blank forms: kept from the previous build when its key matches and its files
/// are there, else drawn.
pub fn blank_forms_kept(
    out: &Path,
    previous: &BTreeMap<String, String>,
    bureau: &Bureau,
    key: &str,
    font: &FormFont,
) -> Result<Vec<FormFile>, Vec<ContentError>> {
    let names = ["request.pdf", "plan.pdf"];
    if previous.get(&bureau.id).is_some_and(|k| k == key) {
        let kept: Option<Vec<FormFile>> = names
            .iter()
            .map(|name| {
                std::fs::read(out.join(&bureau.id).join("forms").join(name))
                    .ok()
                    .map(|bytes| FormFile { name: name.to_string(), bytes })
            })
            .collect();
        if let Some(files) = kept {
            return Ok(files);
        }
    }
    blank_forms(bureau, font).map_err(|p| {
        p.into_iter()
            .map(|p| error(bureau.file.clone(), None, format!("空の様式を作れません：{p}")))
            .collect::<Vec<_>>()
    })
}
