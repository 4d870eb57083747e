//! The 新旧対照表: what an edit of the content changes, for the approval of a change to published
//! guidance. Every changed text, old | new, with file and line; and every date the site shows
//! that moves as a consequence, per office, designation month and column of the deadline
//! tables over the months the site shows, one row each. The dates come from the same tables
//! the build prints ([`super::deadlines::tables_from`]), so the comparison shows what the
//! published pages will show. Rendered by `site diff` and the studio through
//! site/templates/diff.html and diff.txt.

use super::deadlines::{columns, designation_months, tables_from, Row};
use super::open_data::office_schedules;
use super::Source;
use chrono::NaiveDate;
use onshi::content::Content;
use onshi::content_file::ContentError;
use onshi::era::format_era_date;
use serde::{Deserialize, Serialize};
use similar::{DiffOp, TextDiff};
use std::collections::BTreeSet;

/// The folders of a content root whose changes the table lists.
const COMPARED: [&str; 3] = ["content", "site/templates", "site/static"];

/// One changed passage of a file: the old lines and the new ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextChange {
    pub file: String,
    /// The first old line (1-based), `None` when lines were only added.
    pub old_line: Option<usize>,
    pub new_line: Option<usize>,
    pub old: String,
    pub new: String,
}

/// A date of the deadline tables that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateChange {
    pub bureau: String,
    pub office: String,
    /// `令和9年3月1日`.
    pub designation: String,
    pub designation_iso: String,
    /// The table's column (`⑤ 受付番号の依頼（別紙1）の提出期限`).
    pub column: String,
    /// As the table shows it (`令和9年1月5日（火）`, `未掲載`), `なし` when the office is not there.
    pub old: String,
    pub new: String,
}

/// What changes from one content to another, computed on `today` (the studio's site worker
/// sends it to the page, which shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// The bureaus whose files or dates change, by name.
    pub bureaus: Vec<String>,
    pub texts: Vec<TextChange>,
    pub dates: Vec<DateChange>,
    pub today: NaiveDate,
    /// The first and last designation months compared.
    pub months: (NaiveDate, NaiveDate),
}

/// Why two contents can't be compared: one side's content does not load.
#[derive(Debug)]
pub struct CompareError {
    /// 「変更前」 or 「変更後」.
    pub side: &'static str,
    pub errors: Vec<ContentError>,
}

const OLD_SIDE: &str = "変更前";
const NEW_SIDE: &str = "変更後";
/// Shown where an office exists on one side only.
const ABSENT: &str = "なし";

/// Compares two content roots (each a folder or files in memory).
pub fn compare(old: &Source, new: &Source, today: NaiveDate) -> Result<Comparison, CompareError> {
    let load = |source: &Source, side| source.content().map_err(|errors| CompareError { side, errors });
    let (old_content, new_content) = (load(old, OLD_SIDE)?, load(new, NEW_SIDE)?);
    let texts = text_changes(old, new).map_err(|e| CompareError { side: e.0, errors: vec![e.1] })?;
    let dates = date_changes(&old_content, &new_content, today);
    let mut bureaus: BTreeSet<String> = dates.iter().map(|d| d.bureau.clone()).collect();
    for change in &texts {
        let id = change
            .file
            .strip_prefix("content/bureaus/")
            .and_then(|f| f.strip_suffix(".toml"))
            .or_else(|| change.file.strip_prefix("content/").and_then(|f| f.split_once('/')).map(|(id, _)| id));
        if let Some(b) = id.and_then(|id| new_content.bureaus.get(id).or_else(|| old_content.bureaus.get(id))) {
            bureaus.insert(b.name.clone());
        }
    }
    let months = designation_months(today);
    Ok(Comparison {
        bureaus: bureaus.into_iter().collect(),
        texts,
        dates,
        today,
        months: (months[0], *months.last().expect("the tables show months")),
    })
}

/// The changed passages of every file that differs, in path order.
fn text_changes(old: &Source, new: &Source) -> Result<Vec<TextChange>, (&'static str, ContentError)> {
    let list = |s: &Source| COMPARED.iter().flat_map(|d| s.files_under(d)).collect::<BTreeSet<String>>();
    let paths: BTreeSet<String> = list(old).union(&list(new)).cloned().collect();
    let mut changes = Vec::new();
    for path in paths {
        let read = |s: &Source, side| {
            s.read(&path).map_err(|message| (side, ContentError { file: path.clone(), line: None, message }))
        };
        let (before, after) = (read(old, OLD_SIDE)?.unwrap_or_default(), read(new, NEW_SIDE)?.unwrap_or_default());
        if before == after {
            continue;
        }
        let (Ok(before), Ok(after)) = (std::str::from_utf8(&before), std::str::from_utf8(&after)) else {
            changes.push(TextChange {
                file: path.clone(),
                old_line: None,
                new_line: None,
                old: format!("（文字でないファイル、{} バイト）", before.len()),
                new: format!("（文字でないファイル、{} バイト）", after.len()),
            });
            continue;
        };
        // Line endings and a byte-order mark alone are not a change staff can see.
        let (before, after) = (normalised(before), normalised(after));
        let diff = TextDiff::from_lines(&before, &after);
        let (old_lines, new_lines): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
        for op in diff.ops() {
            let (old_range, new_range) = match *op {
                DiffOp::Equal { .. } => continue,
                DiffOp::Delete { old_index, old_len, new_index } => {
                    (old_index..old_index + old_len, new_index..new_index)
                }
                DiffOp::Insert { old_index, new_index, new_len } => {
                    (old_index..old_index, new_index..new_index + new_len)
                }
                DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                    (old_index..old_index + old_len, new_index..new_index + new_len)
                }
            };
            let line = |r: &std::ops::Range<usize>| (!r.is_empty()).then_some(r.start + 1);
            changes.push(TextChange {
                file: path.clone(),
                old_line: line(&old_range),
                new_line: line(&new_range),
                old: old_lines.get(old_range.clone()).unwrap_or_default().join("\n"),
                new: new_lines.get(new_range.clone()).unwrap_or_default().join("\n"),
            });
        }
    }
    Ok(changes)
}

fn normalised(text: &str) -> String {
    text.trim_start_matches('\u{feff}').replace("\r\n", "\n")
}

/// Every cell of every office's deadline table that differs, over the months the site shows.
fn date_changes(old: &Content, new: &Content, today: NaiveDate) -> Vec<DateChange> {
    let columns = columns(new);
    let (old_tables, new_tables) = (tables_by_office(old, today), tables_by_office(new, today));
    // In the new content's order (bureaus, then offices), then any the new content dropped.
    let dropped = old_tables.iter().filter(|t| find(&new_tables, &t.key).is_none());
    let mut changes = Vec::new();
    for table in new_tables.iter().chain(dropped) {
        let (before, after) = (find(&old_tables, &table.key), find(&new_tables, &table.key));
        for (month, row) in table.rows.iter().enumerate() {
            for (c, column) in columns.iter().enumerate() {
                let text = |side: Option<&OfficeTable>| {
                    side.and_then(|t| t.rows.get(month)?.cells.get(c))
                        .map_or(ABSENT.to_string(), |cell| cell.text.clone())
                };
                let (was, is) = (text(before), text(after));
                if was != is {
                    changes.push(DateChange {
                        bureau: table.bureau.clone(),
                        office: table.office.clone(),
                        designation: row.designation.clone(),
                        designation_iso: row.designation_iso.clone(),
                        column: column.clone(),
                        old: was,
                        new: is,
                    });
                }
            }
        }
    }
    changes
}

/// The office's table among `tables`, if it is there.
fn find<'t>(tables: &'t [OfficeTable], key: &OfficeKey) -> Option<&'t OfficeTable> {
    tables.iter().find(|t| t.key == *key)
}

/// (bureau id, office id).
type OfficeKey = (String, String);

/// One office's deadline table, with the names the comparison prints.
struct OfficeTable {
    key: OfficeKey,
    bureau: String,
    office: String,
    rows: Vec<Row>,
}

/// Each office's table rows, in the content's order (bureaus, then their offices). A bureau
/// whose schedules can't be computed has none here (the build reports it).
fn tables_by_office(content: &Content, today: NaiveDate) -> Vec<OfficeTable> {
    let mut out = Vec::new();
    for bureau in content.bureaus.iter() {
        let Ok(per_office) = office_schedules(content, bureau, today) else { continue };
        let groups = tables_from(content, &per_office, today);
        for office in &bureau.offices {
            let found = groups.iter().find_map(|g| g.office_ids.iter().position(|id| *id == office.id).map(|i| (g, i)));
            if let Some((group, i)) = found {
                out.push(OfficeTable {
                    key: (bureau.id.clone(), office.id.clone()),
                    bureau: bureau.name.clone(),
                    office: group.offices[i].clone(),
                    rows: group.rows.clone(),
                });
            }
        }
    }
    out
}

/// The header's words for a designation month range (`令和8年12月1日〜令和10年11月1日`).
pub fn months_text(months: (NaiveDate, NaiveDate)) -> String {
    format!("{}〜{}", format_era_date(months.0), format_era_date(months.1))
}

/// The comparison in words, through site/templates/diff.html (`html`) or diff.txt: `from` and
/// `to` say what was compared (paths, 「保存前」).
pub fn render(
    env: &minijinja::Environment,
    comparison: &Comparison,
    from: &str,
    to: &str,
    html: bool,
) -> Result<String, ContentError> {
    let name = if html { "diff.html" } else { "diff.txt" };
    let context = minijinja::context! {
        c => minijinja::Value::from_serialize(comparison),
        from => from,
        to => to,
        today => onshi::era::format_era_date(comparison.today),
        months => months_text(comparison.months),
    };
    env.get_template(name).and_then(|t| t.render(context)).map_err(|e| super::template_error(e, name, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn repository() -> BTreeMap<String, Vec<u8>> {
        let root = Source::Folder(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
        root.files_under("content").into_iter().map(|p| (p.clone(), root.read(&p).unwrap().unwrap())).collect()
    }

    #[test]
    fn the_same_content_changes_nothing() {
        let files = Source::memory(repository());
        let c = compare(&files, &files.clone(), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()).unwrap();
        assert!(c.texts.is_empty() && c.dates.is_empty() && c.bureaus.is_empty(), "{c:?}");
    }

    #[test]
    fn a_changed_day_is_one_text_row_and_the_dates_it_moves_in_every_office() {
        let old = repository();
        let mut new = old.clone();
        let tohoku = String::from_utf8(old["content/bureaus/tohoku.toml"].clone()).unwrap();
        let line = tohoku.lines().position(|l| l.contains("day = 5,")).unwrap() + 1;
        new.insert("content/bureaus/tohoku.toml".into(), tohoku.replacen("day = 5,", "day = 8,", 1).into_bytes());
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let c = compare(&Source::memory(old), &Source::memory(new), today).unwrap();
        assert_eq!(c.bureaus, ["東北厚生局"]);
        assert_eq!(c.texts.len(), 1, "{:?}", c.texts);
        let t = &c.texts[0];
        assert_eq!((t.file.as_str(), t.old_line, t.new_line), ("content/bureaus/tohoku.toml", Some(line), Some(line)));
        assert!(t.old.contains("day = 5,") && t.new.contains("day = 8,"), "{t:?}");
        // Worked by hand: designation 2027-03 → 前々月 = 2027-01; the 5th (Tue) → the 8th (Fri).
        let march: Vec<&DateChange> = c.dates.iter().filter(|d| d.designation_iso == "2027-03-01").collect();
        assert_eq!(march.len(), 6, "each of the six offices: {march:?}");
        for d in &march {
            assert_eq!((d.old.as_str(), d.new.as_str()), ("令和9年1月5日（火）", "令和9年1月8日（金）"), "{d:?}");
            assert!(d.column.contains("受付番号の依頼"), "{d:?}");
        }
        // Only the 受付番号 column moves, only in 東北, and never a month whose date stays.
        assert!(c.dates.iter().all(|d| d.bureau == "東北厚生局" && d.column == march[0].column));
        let offices: BTreeSet<&str> = c.dates.iter().map(|d| d.office.as_str()).collect();
        assert_eq!(offices.len(), 6);
        let per_office = c.dates.len() / 6;
        assert_eq!(per_office * 6, c.dates.len());
        // The issue that asked for this table counted 23 of the 24 months (one month's 5th is
        // closed and its next open day is the 8th or later).
        assert_eq!(per_office, 23);
    }

    #[test]
    fn content_that_does_not_load_names_its_side_file_and_line() {
        let old = repository();
        let mut new = old.clone();
        new.insert("content/calendar.toml".into(), b"[equinoxes\n".to_vec());
        let e = compare(&Source::memory(old), &Source::memory(new), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap())
            .unwrap_err();
        assert_eq!(e.side, "変更後");
        assert_eq!((e.errors[0].file.as_str(), e.errors[0].line), ("content/calendar.toml", Some(1)));
    }
}
