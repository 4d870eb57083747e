//! The content model: everything the product says that is not code, loaded once and checked
//! with file:line and Japanese messages.
//!
//! - `content/calendar.toml`: the calendar's published facts ([`CalendarFacts`]);
//! - `content/notice.toml`: the notice's steps and the rule that dates each ([`Notice`]);
//! - `content/bureaus/<id>.toml`: the bureaus, their offices and deadlines ([`Bureaus`]).
//!
//! The site build reads these files; the wizard gets the same [`Content`] from the file the
//! build wrote beside its page (postcard, `content-<hash>.bin`), so every surface computes
//! with the same facts. [`values`] holds what the files are made of.

mod calendar_file;
#[cfg(feature = "edit")]
pub mod edit;
mod health;
pub mod page;
pub mod values;

use crate::bureaus::Bureaus;
use crate::calendar::Calendar;
use crate::content_file::ContentError;
use crate::notice::Notice;
use serde::{Deserialize, Serialize};

pub use calendar_file::{parse_calendar, AUTUMNAL_DAYS, VERNAL_DAYS};
pub use health::{health, Concern, HealthItem, TABLE_MONTHS};

/// The file names under the content root.
pub const CALENDAR_FILE: &str = "content/calendar.toml";
pub const NOTICE_FILE: &str = "content/notice.toml";
pub const BUREAUS_DIR: &str = "content/bureaus";

/// All the content, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub calendar: Calendar,
    pub notice: Notice,
    pub bureaus: Bureaus,
    /// The line of the last published year in content/calendar.toml (not in the wizard's copy).
    #[serde(skip)]
    pub calendar_last_year_line: Option<usize>,
    /// Not content, but carried with it to the wizard: each printed field's room on the forms
    /// in full-width characters (`onshi::pdf::print_limits`, written by the site build), so
    /// that a too-long value is refused on the page that asks for it.
    #[serde(default)]
    pub print_limits: std::collections::BTreeMap<String, usize>,
}

/// A content file as read: its name for messages (`content/notice.toml`) and its text.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub name: String,
    pub text: String,
}

impl Content {
    /// Parses and checks the content files (names relative to the content root's parent, as
    /// [`CALENDAR_FILE`], [`NOTICE_FILE`] and `content/bureaus/<id>.toml`). Every file is
    /// checked; every problem is returned.
    pub fn from_files(files: &[ContentFile]) -> Result<Content, Vec<ContentError>> {
        let mut errors = Vec::new();
        let find = |name: &str| files.iter().find(|f| f.name == name);
        let missing = |name: &str| ContentError {
            file: name.to_string(),
            line: None,
            message: "このファイルがありません。リポジトリの同じ名前のファイルを置いてください".into(),
        };
        let calendar = match find(CALENDAR_FILE) {
            Some(f) => calendar_file::parse_calendar_with_lines(&f.name, &f.text).map_err(|e| errors.push(e)).ok(),
            None => {
                errors.push(missing(CALENDAR_FILE));
                None
            }
        };
        let notice = match find(NOTICE_FILE) {
            Some(f) => Notice::parse(&f.name, &f.text).map_err(|e| errors.push(e)).ok(),
            None => {
                errors.push(missing(NOTICE_FILE));
                None
            }
        };
        let prefix = format!("{BUREAUS_DIR}/");
        let bureau_files: Vec<(String, String)> = files
            .iter()
            .filter(|f| f.name.starts_with(&prefix) && f.name.ends_with(".toml"))
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect();
        let bureaus = Bureaus::from_files(bureau_files).map_err(|e| errors.extend(e)).ok();
        match (calendar, notice, bureaus) {
            (Some((facts, last_line)), Some(notice), Some(bureaus)) if errors.is_empty() => Ok(Content {
                calendar: Calendar::new(facts),
                notice,
                bureaus,
                calendar_last_year_line: last_line,
                print_limits: Default::default(),
            }),
            _ => Err(errors),
        }
    }

    /// The content for the wizard's page and its PDF worker: postcard, a compact binary
    /// form of the same serde model (dates as day numbers, `"unknown"` as an absent value).
    /// Decoding it takes a fraction of the code JSON would in the browser's first download.
    pub fn to_wire(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("content serialises")
    }

    /// The content from [`Content::to_wire`].
    pub fn from_wire(bytes: &[u8]) -> Result<Content, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("内容のデータを読めません（{e}）"))
    }
}

/// Collects content/'s files through `read` (a file's text, `None` when there is none, or why it
/// can't be read), given the names of the files in content/bureaus/. The one way the content's
/// files are gathered, from a folder or from files held in memory (the studio).
pub fn collect_files(
    bureau_file_names: &[String],
    mut read: impl FnMut(&str) -> Result<Option<String>, String>,
) -> Result<Vec<ContentFile>, Vec<ContentError>> {
    let mut names = vec![CALENDAR_FILE.to_string(), NOTICE_FILE.to_string()];
    let mut bureau_names: Vec<String> =
        bureau_file_names.iter().filter(|n| n.ends_with(".toml")).map(|n| format!("{BUREAUS_DIR}/{n}")).collect();
    bureau_names.sort();
    names.extend(bureau_names);
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for name in names {
        match read(&name) {
            // A file saved with a BOM or CRLF by a Windows editor reads the same.
            Ok(Some(text)) => files.push(ContentFile { text: page::normalise(&text), name }),
            Ok(None) => {}
            Err(message) => errors.push(ContentError { file: name, line: None, message }),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Reads `<root>/content/`: calendar.toml, notice.toml and bureaus/*.toml.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_files(root: &std::path::Path) -> Result<Vec<ContentFile>, Vec<ContentError>> {
    let bureau_names: Vec<String> = std::fs::read_dir(root.join(BUREAUS_DIR))
        .map_err(|e| {
            vec![ContentError { file: BUREAUS_DIR.into(), line: None, message: format!("読めません：{e}") }]
        })?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    collect_files(&bureau_names, |name| match std::fs::read_to_string(root.join(name)) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("読めません：{e}")),
    })
}

/// Whether a file of content/ is one staff edit (and the studio opens and saves): TOML data
/// and Markdown pages.
pub fn is_editable(name: &str) -> bool {
    name.ends_with(".toml") || name.ends_with(".md")
}

/// Every file staff edit under `<root>/content/` (`.toml` files and `.md` pages, in every
/// folder; hidden files and links left out), sorted by name, each text as it is on disk (byte-order mark and line endings kept):
/// what [`edit::EditedFile`] opens.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_editable_files(root: &std::path::Path) -> Result<Vec<ContentFile>, ContentError> {
    fn walk(root: &std::path::Path, dir: &str, files: &mut Vec<ContentFile>) -> Result<(), ContentError> {
        let error = |name: &str, e: std::io::Error| ContentError {
            file: name.to_string(),
            line: None,
            message: format!("読めません：{e}"),
        };
        for entry in std::fs::read_dir(root.join(dir)).map_err(|e| error(dir, e))? {
            let entry = entry.map_err(|e| error(dir, e))?;
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let name = format!("{dir}/{file_name}");
            // Hidden files (an editor's or a save's temporaries) are not content; links are
            // not followed out of the folder.
            let kind = entry.file_type().map_err(|e| error(&name, e))?;
            if file_name.starts_with('.') {
                continue;
            }
            if kind.is_dir() {
                walk(root, &name, files)?;
            } else if kind.is_file() && is_editable(&name) {
                let text = std::fs::read_to_string(root.join(&name)).map_err(|e| match e.kind() {
                    std::io::ErrorKind::InvalidData => ContentError {
                        file: name.clone(),
                        line: None,
                        message: "UTF-8 ではありません。UTF-8 で保存し直してください。".into(),
                    },
                    _ => error(&name, e),
                })?;
                files.push(ContentFile { name, text });
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(root, "content", &mut files)?;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Reads and checks `<root>/content/`.
#[cfg(not(target_arch = "wasm32"))]
pub fn load(root: &std::path::Path) -> Result<Content, Vec<ContentError>> {
    Content::from_files(&read_files(root)?)
}

/// The repository's own content, for tests and benchmarks (read from the source tree).
#[cfg(not(target_arch = "wasm32"))]
pub fn repository() -> &'static Content {
    static CONTENT: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    CONTENT.get_or_init(|| {
        load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|errors| {
            panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::DaySpec;
    use values::Confirmed;

    #[test]
    fn the_wizard_reads_back_what_the_build_wrote() {
        let mut content = repository().clone();
        content.print_limits.insert("facility.name".into(), 51);
        let wire = content.to_wire();
        let back = Content::from_wire(&wire).unwrap();
        assert_eq!(back.calendar, content.calendar);
        assert_eq!(back.notice, content.notice);
        assert_eq!(back.print_limits, content.print_limits);
        for (b, original) in back.bureaus.iter().zip(content.bureaus.iter()) {
            assert_eq!(
                (&b.id, &b.name, &b.prefectures, &b.official_site),
                (&original.id, &original.name, &original.prefectures, &original.official_site)
            );
            assert_eq!(b.offices, original.offices, "{}", b.id);
        }
        assert_eq!(back.bureaus.iter().count(), 8);
        // What the files leave unconfirmed stays unconfirmed, and 四国's 「最初の開庁日」 stays so.
        let offices = || back.bureaus.iter().flat_map(|b| b.offices.iter());
        assert!(offices().any(|o| o.phone == Confirmed::Unconfirmed));
        assert!(offices()
            .any(|o| matches!(o.reception_request.rule, Confirmed::Value(r) if r.day == DaySpec::FirstOpenDay)));
        // Compact: a fraction of the JSON a person would read. Text (names, addresses, notes,
        // addresses of sources) is the same bytes in both, so the fraction grows with the
        // content (0.502 with the office facts of December 2026: 28,249 bytes against 56,233).
        let json = serde_json::to_string(&content).unwrap();
        assert!(wire.len() * 5 < json.len() * 3, "{} bytes against {} of JSON", wire.len(), json.len());
        // A page with broken data says so instead of computing with half of it.
        let e = Content::from_wire(&wire[..wire.len() / 2]).unwrap_err();
        assert!(e.starts_with("内容のデータを読めません"), "{e}");
    }
}
