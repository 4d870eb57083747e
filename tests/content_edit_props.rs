//! Property tests of the studio's editor (`onshi::content::edit`): a save without an edit gives
//! back the file's bytes, whatever its line endings, byte-order mark, comments and blank lines;
//! a deadline's day set and set back gives back the bytes; what is set is what the model reads.

use chrono::NaiveDate;
use onshi::content::edit::EditedFile;
use onshi::content::values::{Confirmed, YearMonth};
use onshi::content::{read_editable_files, read_files, Content, ContentFile};
use onshi::rule::{ClosedDayPolicy, DaySpec, DeadlineKind, DeadlineRule};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file the studio edits, as on disk.
fn editable() -> &'static [ContentFile] {
    static FILES: OnceLock<Vec<ContentFile>> = OnceLock::new();
    FILES.get_or_init(|| read_editable_files(root()).unwrap())
}

/// The files the loader reads.
fn loaded() -> &'static [ContentFile] {
    static FILES: OnceLock<Vec<ContentFile>> = OnceLock::new();
    FILES.get_or_init(|| read_files(root()).unwrap())
}

/// A deadline table of a bureau file: the bureau's (`None`) or an office's, and its rule.
#[derive(Debug, Clone)]
struct Target {
    file: &'static ContentFile,
    office: Option<String>,
    kind: DeadlineKind,
    rule: Confirmed<DeadlineRule>,
}

/// Every deadline table written in the bureau files, read with the `toml` crate.
fn targets() -> &'static [Target] {
    static TARGETS: OnceLock<Vec<Target>> = OnceLock::new();
    TARGETS.get_or_init(|| {
        let mut targets = Vec::new();
        for file in loaded().iter().filter(|f| f.name.starts_with("content/bureaus/")) {
            let table: toml::Table = toml::from_str(&file.text).unwrap();
            let rule_of = |t: &toml::Table, kind: DeadlineKind| -> Option<Confirmed<DeadlineRule>> {
                let rule = t.get(kind.key())?.get("rule")?;
                Some(match rule.as_str() {
                    Some("unknown") => Confirmed::Unconfirmed,
                    _ => Confirmed::Value(rule.clone().try_into().unwrap()),
                })
            };
            for kind in DeadlineKind::ALL {
                if let Some(rule) = rule_of(&table, kind) {
                    targets.push(Target { file, office: None, kind, rule });
                }
                for office in table["office"].as_array().unwrap() {
                    let office = office.as_table().unwrap();
                    if let Some(rule) = rule_of(office, kind) {
                        let id = office["id"].as_str().unwrap().to_string();
                        targets.push(Target { file, office: Some(id), kind, rule });
                    }
                }
            }
        }
        assert!(targets.len() > 20, "{} deadline tables", targets.len());
        targets
    })
}

/// The file with each line's end chosen (`\r\n` or `\n`), extra lines (comments, blank lines)
/// inserted before chosen lines, and a byte-order mark or not.
fn disguised(file: &ContentFile, crlf: &[bool], extra: &[(usize, String)], bom: bool) -> String {
    let lines: Vec<&str> = file.text.split_inclusive('\n').collect();
    // A page's extra lines go inside its front matter or its body, never before the first +++.
    let first = usize::from(file.name.ends_with(".md"));
    let mut text = String::from(if bom { "\u{feff}" } else { "" });
    let mut end = 0;
    let mut line_end = |text: &mut String, line: &str| {
        let ends = line.ends_with('\n');
        text.push_str(line.trim_end_matches('\n'));
        if ends {
            text.push_str(if crlf[end % crlf.len()] { "\r\n" } else { "\n" });
        }
        end += 1;
    };
    for (i, line) in lines.iter().enumerate() {
        for (at, extra) in extra {
            if i >= first && at % (lines.len() + 1 - first) + first == i {
                line_end(&mut text, &format!("{extra}\n"));
            }
        }
        line_end(&mut text, line);
    }
    text
}

fn extra_line() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[ \t]{1,4}", "[ \t]{0,2}#[ a-zA-Z0-9_=\"'\\[\\]{}.,あ-ん漢字受付番号]{0,24}",]
}

fn rule() -> impl Strategy<Value = Option<DeadlineRule>> {
    let policy = prop_oneof![
        Just(ClosedDayPolicy::None),
        Just(ClosedDayPolicy::PreviousOpenDay),
        Just(ClosedDayPolicy::NextOpenDay)
    ];
    let day = prop_oneof![4 => (1u32..=28).prop_map(DaySpec::Day), 1 => Just(DaySpec::FirstOpenDay)];
    proptest::option::weighted(
        0.8,
        (-12i32..=0, day, policy).prop_map(|(month_offset, day, closed_day)| DeadlineRule {
            month_offset,
            day,
            closed_day: if day == DaySpec::FirstOpenDay { ClosedDayPolicy::None } else { closed_day },
        }),
    )
}

fn overrides() -> impl Strategy<Value = Vec<(YearMonth, NaiveDate)>> {
    prop::collection::vec(
        (2026i32..=2030, 1u32..=12, 1u32..=28).prop_map(|(year, month, day)| {
            let month = YearMonth { year, month };
            (month, month.offset(-2).first_day() + chrono::Days::new(u64::from(day) - 1))
        }),
        0..4,
    )
}

/// The content with `edited` in place of its file.
fn load_with(edited: &EditedFile) -> Content {
    let mut files = loaded().to_vec();
    *files.iter_mut().find(|f| f.name == edited.name()).unwrap() = edited.content_file();
    Content::from_files(&files).unwrap_or_else(|e| panic!("{e:?}\n{}", edited.text()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// (a) No edit: the bytes as given, whatever the line ends, BOM, comments and blank lines.
    #[test]
    fn a_save_without_an_edit_is_byte_identical(
        index in any::<prop::sample::Index>(),
        crlf in prop::collection::vec(any::<bool>(), 1..8),
        extra in prop::collection::vec((any::<usize>(), extra_line()), 0..6),
        bom in any::<bool>(),
    ) {
        let file = index.get(editable());
        let text = disguised(file, &crlf, &extra, bom);
        let edited = EditedFile::parse(&file.name, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert!(!edited.is_changed());
        // What toml_edit writes back, before the input's own bytes are returned.
        prop_assert_eq!(edited.content_file().text, text.trim_start_matches('\u{feff}').replace("\r\n", "\n"));
        prop_assert_eq!(edited.text(), text);
    }

    /// (b) A day set to any other and back: the original bytes; meanwhile one line differs by
    /// the day's digits only.
    #[test]
    fn a_day_set_and_set_back_gives_back_the_bytes(
        index in any::<prop::sample::Index>(),
        day in 1u32..=28,
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let days: Vec<(&Target, DeadlineRule, u32)> = targets()
            .iter()
            .filter_map(|t| match t.rule {
                Confirmed::Value(rule @ DeadlineRule { day: DaySpec::Day(d), .. }) => Some((t, rule, d)),
                _ => None,
            })
            .collect();
        let (target, rule, original_day) = *index.get(&days);
        let text = disguised(target.file, &[crlf], &[], bom);
        let mut edited = EditedFile::parse(&target.file.name, &text).unwrap();
        let set = DeadlineRule { day: DaySpec::Day(day), ..rule };
        edited.set_deadline(target.office.as_deref(), target.kind, Some(&set)).unwrap();
        let changed = edited.text();
        let lines = |t: &str| t.split('\n').map(str::to_string).collect::<Vec<_>>();
        let (before, after) = (lines(&text), lines(&changed));
        prop_assert_eq!(before.len(), after.len());
        let differing: Vec<(&String, &String)> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
        if day == original_day {
            prop_assert!(differing.is_empty());
        } else {
            prop_assert_eq!(differing.len(), 1);
            let (a, b) = differing[0];
            let from = format!("day = {original_day}");
            prop_assert_eq!(b, &a.replacen(&from, &format!("day = {day}"), 1));
        }
        edited.set_deadline(target.office.as_deref(), target.kind, Some(&rule)).unwrap();
        prop_assert_eq!(edited.text(), text);
    }
}

proptest! {
    // Each case loads the whole content (about 5 ms).
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// (c) What is set is what the model reads: the rule (or "unknown") and the published dates
    /// of the deadline set, for every office it applies to.
    #[test]
    fn what_is_set_is_what_the_model_reads(
        index in any::<prop::sample::Index>(),
        rule in rule(),
        dates in overrides(),
    ) {
        let target = index.get(targets());
        let mut edited = EditedFile::parse(&target.file.name, &target.file.text).unwrap();
        edited.set_deadline(target.office.as_deref(), target.kind, rule.as_ref()).unwrap();
        edited.set_overrides(target.office.as_deref(), target.kind, &dates).unwrap();
        prop_assert!(edited.check().is_ok(), "{:?}", edited.check());
        let content = load_with(&edited);
        let id = target.file.name.trim_start_matches("content/bureaus/").trim_end_matches(".toml");
        let bureau = content.bureaus.get(id).unwrap();
        let own: Vec<&str> = targets()
            .iter()
            .filter(|t| std::ptr::eq(t.file, target.file) && t.kind == target.kind)
            .filter_map(|t| t.office.as_deref())
            .collect();
        let applies = |office: &str| match &target.office {
            Some(id) => id == office,
            None => !own.contains(&office),
        };
        let expected_rule = rule.map_or(Confirmed::Unconfirmed, Confirmed::Value);
        let expected_dates: std::collections::BTreeMap<YearMonth, NaiveDate> = dates.iter().copied().collect();
        let mut checked = 0;
        for office in bureau.offices.iter().filter(|o| applies(&o.id)) {
            let deadline = office.deadline(target.kind);
            prop_assert_eq!(&deadline.rule, &expected_rule);
            prop_assert_eq!(&deadline.overrides, &expected_dates);
            checked += 1;
        }
        prop_assert!(checked > 0);
    }
}
