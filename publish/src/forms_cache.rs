//! The blank forms of a bureau depend only on its name, the font, this program's version and
//! the forms' revision (`onshi::pdf::FORMS_REVISION`),
//! and the forms' room per field (the wizard's length limits) only on the font and the version:
//! a build keeps both from the previous build in the same folder instead of working them out
//! again, and a process that builds again keeps them in memory. The previous build's marker
//! file records, per bureau, the key its forms were made with (`forms <id> <key>`), and the
//! limits with their key (`limits <key> <json>`).

use super::error;
use onshi::bureaus::Bureau;
use onshi::content_file::ContentError;
use onshi::fnv::{fnv1a, START};
use onshi::pdf::{blank_forms, FormFile, FormFont};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

/// What this process already worked out, by key: a process that builds again (the studio's
/// site worker, for every preview of a page) draws and measures the forms once.
static DRAWN: Mutex<BTreeMap<String, Vec<FormFile>>> = Mutex::new(BTreeMap::new());
static MEASURED: Mutex<BTreeMap<String, BTreeMap<String, usize>>> = Mutex::new(BTreeMap::new());

/// The marker's line for one bureau's forms: `forms <id> <key>`.
const PREFIX: &str = "forms";
/// The marker's line for the forms' room per field: `limits <key> <json>`.
const LIMITS_PREFIX: &str = "limits";

/// What decides the forms' bytes.
pub fn key(bureau: &Bureau, font_fingerprint: u64) -> String {
    let h = fnv1a(fnv1a(START, bureau.name.as_bytes()), env!("CARGO_PKG_VERSION").as_bytes());
    // The forms' drawing (tagging included) changes without the version: its own revision.
    let h = fnv1a(h, &onshi::pdf::FORMS_REVISION.to_le_bytes());
    format!("{font_fingerprint:016x}{h:016x}")
}

/// The forms' room per field: the previous build's when it was worked out with the same font
/// and program, else measured on the forms (`onshi::pdf::print_limits`). With the marker line
/// that records them for the next build.
pub fn print_limits(previous_marker: &str, font: &FormFont) -> (BTreeMap<String, usize>, String) {
    let key = format!("{:016x}{}", font.fingerprint(), env!("CARGO_PKG_VERSION"));
    let kept = previous_marker.lines().find_map(|l| {
        let rest = l.strip_prefix(LIMITS_PREFIX)?.strip_prefix(' ')?;
        let (k, json) = rest.split_once(' ')?;
        (k == key).then(|| serde_json::from_str::<BTreeMap<String, usize>>(json).ok()).flatten()
    });
    let limits = kept.unwrap_or_else(|| {
        let mut measured = MEASURED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        measured.entry(key.clone()).or_insert_with(|| onshi::pdf::print_limits(font)).clone()
    });
    let json = serde_json::to_string(&limits).expect("a map of numbers is JSON");
    let line = format!("{LIMITS_PREFIX} {key} {json}\n");
    (limits, line)
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
    let names = onshi::pdf::BLANK_FORM_FILES;
    if previous.get(&bureau.id).is_some_and(|k| k == key) {
        let kept: Option<Vec<FormFile>> = names
            .iter()
            .map(|name| {
                std::fs::read(out.join(&bureau.id).join("forms").join(name)).ok().map(|bytes| FormFile {
                    name: name.to_string(),
                    title: onshi::pdf::blank_form_title(name).into(),
                    bytes,
                })
            })
            .collect();
        if let Some(files) = kept {
            return Ok(files);
        }
    }
    let mut drawn = DRAWN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(files) = drawn.get(key) {
        return Ok(files.clone());
    }
    let files = blank_forms(bureau, font).map_err(|p| {
        p.into_iter()
            .map(|p| error(bureau.file.clone(), None, format!("空の様式を作れません：{p}")))
            .collect::<Vec<_>>()
    })?;
    drawn.insert(key.to_string(), files.clone());
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> FormFont {
        crate::embedded::form_font()
    }

    #[test]
    fn the_limits_are_kept_for_the_same_font_and_program_and_measured_otherwise() {
        let font = font();
        let (measured, line) = print_limits("", &font);
        assert_eq!(measured, onshi::pdf::print_limits(&font));
        assert!(measured.contains_key("facility.name"), "{measured:?}");
        // The previous build's line is taken as it is (the 7 shows it was not measured again).
        let edited = line.replace(&format!("\"facility.name\":{}", measured["facility.name"]), "\"facility.name\":7");
        assert_ne!(edited, line);
        let marker = format!("forms tohoku 0123\n{edited}");
        let (kept, kept_line) = print_limits(&marker, &font);
        assert_eq!(kept["facility.name"], 7);
        assert_eq!(kept_line, edited, "recorded again for the next build");
        // Made with another font or program (another key), or unreadable: measured again.
        let key = line.split(' ').nth(1).unwrap();
        let other = edited.replace(key, "ffffffffffffffff9.9.9");
        assert_eq!(print_limits(&other, &font).0, measured);
        assert_eq!(print_limits(&format!("limits {key} {{not json"), &font).0, measured);
    }
}
