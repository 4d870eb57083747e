//! Forms for what a deadline carries beside its rule: the dates the bureau published for
//! designation months (`overrides`, a list of month → date rows checked as typed) and the
//! sources the content asks for (a deadline's `source`, where an office's name was read).
//! Written through `EditedFile` (only the edited value's text changes), then checked by the
//! loader; tested natively.

use crate::model::{era_month, Studio};
use chrono::NaiveDate;
use onshi::content::edit::SourceOf;
use onshi::content::values::{Source, YearMonth};
use onshi::content_file::ContentError;
use onshi::normalize::half_width_ascii;
use onshi::rule::DeadlineKind;
use std::collections::BTreeMap;

/// One published date as typed: the designation month (`2027-03`) and the date (`2027-01-05`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OverrideRow {
    pub month: String,
    pub date: String,
}

/// What to correct in a row, at its field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowErrors {
    pub month: Option<String>,
    pub date: Option<String>,
}

impl RowErrors {
    pub fn is_empty(&self) -> bool {
        self.month.is_none() && self.date.is_none()
    }
}

/// The rows of published dates as written, in month order.
pub fn override_rows(overrides: &BTreeMap<YearMonth, NaiveDate>) -> Vec<OverrideRow> {
    overrides.iter().map(|(m, d)| OverrideRow { month: m.to_string(), date: d.to_string() }).collect()
}

/// A date as content writes it (`2027-01-05`, full-width digits accepted), or what to correct.
pub fn parse_content_date(typed: &str) -> Result<NaiveDate, String> {
    let text = half_width_ascii(typed.trim());
    if text.is_empty() {
        return Err("日付を入力してください（例：2027-01-05）".into());
    }
    if let Some(date) = onshi::iso_date::parse(&text) {
        return Ok(date);
    }
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if shaped {
        Err(format!("「{text}」という日はありません。日付を確かめてください"))
    } else {
        Err(format!("「{text}」は日付ではありません。年-月-日 の形（例：2027-01-05）で入力してください"))
    }
}

/// The month → date pairs the rows mean (rows left wholly empty are skipped: one just added),
/// or each row's mistakes (same length as `rows`): the month in the content's form
/// (`2027-03`), a date that exists, no month twice.
pub fn check_rows(rows: &[OverrideRow]) -> Result<Vec<(YearMonth, NaiveDate)>, Vec<RowErrors>> {
    let mut errors = vec![RowErrors::default(); rows.len()];
    let mut dates = Vec::new();
    let mut seen: BTreeMap<YearMonth, usize> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let month_text = half_width_ascii(row.month.trim());
        if month_text.is_empty() && row.date.trim().is_empty() {
            continue;
        }
        let month = if month_text.is_empty() {
            errors[i].month = Some("指定を受ける月を入力してください（例：2027-03）".into());
            None
        } else {
            match month_text.parse::<YearMonth>() {
                Ok(m) => match seen.get(&m) {
                    Some(first) => {
                        errors[i].month = Some(format!(
                            "{}（{m}）は {} 行目にもあります。一つにしてください",
                            era_month(m.first_day()),
                            first + 1
                        ));
                        None
                    }
                    None => {
                        seen.insert(m, i);
                        Some(m)
                    }
                },
                Err(message) => {
                    errors[i].month = Some(message);
                    None
                }
            }
        };
        let date = parse_content_date(&row.date).map_err(|m| errors[i].date = Some(m)).ok();
        if let (Some(m), Some(d)) = (month, date) {
            dates.push((m, d));
        }
    }
    if errors.iter().all(RowErrors::is_empty) {
        Ok(dates)
    } else {
        Err(errors)
    }
}

/// A source's fields as typed: a document's title, a page's address, the date it showed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceForm {
    pub title: String,
    pub url: String,
    pub seen: String,
}

impl SourceForm {
    pub fn of(source: Option<&Source>) -> SourceForm {
        match source {
            Some(s) => SourceForm {
                title: s.title.clone().unwrap_or_default(),
                url: s.url.clone().unwrap_or_default(),
                seen: s.seen.map(|d| d.to_string()).unwrap_or_default(),
            },
            None => SourceForm::default(),
        }
    }

    /// The source the fields mean (`None`: all empty), or what to correct in the date. Which
    /// of title and url it needs, and the url's form, the loader says (with file:line).
    pub fn to_source(&self) -> Result<Option<Source>, String> {
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let seen = match self.seen.trim() {
            "" => None,
            typed => Some(parse_content_date(typed)?),
        };
        let (title, url) = (text(&self.title), text(&self.url));
        Ok((title.is_some() || url.is_some() || seen.is_some()).then_some(Source { title, url, seen }))
    }
}

/// The table a deadline is written in: the bureau's `[kind]` or an office's.
fn deadline_table<'t>(table: &'t toml::Table, office: Option<&str>, kind: DeadlineKind) -> Option<&'t toml::Table> {
    let owner = match office {
        None => table,
        Some(id) => office_table(table, id)?,
    };
    owner.get(kind.key())?.as_table()
}

fn office_table<'t>(table: &'t toml::Table, id: &str) -> Option<&'t toml::Table> {
    table
        .get("office")?
        .as_array()?
        .iter()
        .filter_map(toml::Value::as_table)
        .find(|t| t.get("id").and_then(toml::Value::as_str) == Some(id))
}

impl Studio {
    /// Sets a deadline's published dates (none: the key removed); the problems after it.
    pub fn set_overrides(
        &mut self,
        file: &str,
        office: Option<&str>,
        kind: DeadlineKind,
        dates: &[(YearMonth, NaiveDate)],
    ) -> Vec<ContentError> {
        self.edit(file, |f| f.set_overrides(office, kind, dates))
    }

    /// A source as written now (`None`: none, or one the loader would refuse).
    pub fn source_written(&self, file: &str, of: SourceOf<'_>) -> Option<Source> {
        let table = self.table(file);
        let value = match of {
            SourceOf::Deadline(office, kind) => deadline_table(&table, office, kind)?.get("source")?,
            SourceOf::OfficeName(id) => office_table(&table, id)?.get("source")?,
            SourceOf::OfficeContact(id) => office_table(&table, id)?.get("contact_source")?,
            SourceOf::Equinoxes => table.get("equinox_source")?,
            SourceOf::DesignationPage => table.get("designation_page")?,
        };
        value.clone().try_into().ok()
    }

    /// Sets a source (`None`: removed); the problems after it.
    pub fn set_source(&mut self, file: &str, of: SourceOf<'_>, source: Option<&Source>) -> Vec<ContentError> {
        self.edit(file, |f| f.set_source(of, source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates;
    use crate::repository_content;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn row(month: &str, date: &str) -> OverrideRow {
        OverrideRow { month: month.into(), date: date.into() }
    }

    #[test]
    fn rows_are_checked_as_typed() {
        assert_eq!(
            check_rows(&[row("2027-03", "2027-01-07"), row("", ""), row("２０２７-０４", "2027-02-05")]),
            Ok(vec![
                (YearMonth { year: 2027, month: 3 }, d("2027-01-07")),
                (YearMonth { year: 2027, month: 4 }, d("2027-02-05"))
            ])
        );
        let errors = check_rows(&[
            row("2027-3", "2027-01-07"),
            row("2027-04", "2027-02-30"),
            row("2027-05", "1月5日"),
            row("2027-06", "2027-04-01"),
            row("2027-06", "2027-04-02"),
            row("", "2027-04-02"),
        ])
        .unwrap_err();
        // The month in the content's own words (YearMonth's message).
        assert_eq!(
            errors[0].month.as_deref(),
            Some("「2027-3」は年月ではありません。指定月を \"2027-03\" の形で書いてください")
        );
        assert_eq!(errors[0].date, None);
        assert_eq!(errors[1].date.as_deref(), Some("「2027-02-30」という日はありません。日付を確かめてください"));
        assert!(errors[2].date.as_deref().unwrap().contains("年-月-日"), "{:?}", errors[2]);
        assert!(errors[3].is_empty());
        assert_eq!(errors[4].month.as_deref(), Some("令和9年6月（2027-06）は 4 行目にもあります。一つにしてください"));
        assert!(errors[5].month.as_deref().unwrap().contains("入力してください"));
    }

    #[test]
    fn the_calendars_equinox_source_is_edited_in_its_one_line_and_required_by_the_loader() {
        let originals = repository_content();
        let mut studio = Studio::open(originals.clone(), d("2026-12-02")).unwrap();
        let file = onshi::content::CALENDAR_FILE;
        let written = studio.source_written(file, SourceOf::Equinoxes).expect("calendar.toml has its source");
        assert!(written.title.as_deref().unwrap().contains("国民の祝日について"), "{written:?}");
        let seen = Source { seen: Some(d("2027-02-01")), ..written.clone() };
        assert_eq!(studio.set_source(file, SourceOf::Equinoxes, Some(&seen)), Vec::new());
        assert_eq!(studio.source_written(file, SourceOf::Equinoxes), Some(seen));
        let (before, after) =
            (String::from_utf8(originals[file].clone()).unwrap(), studio.files_to_save()[file].clone());
        let after = String::from_utf8(after).unwrap();
        let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert!(
            changed[0].0.starts_with("equinox_source = ") && changed[0].1.contains("seen = 2027-02-01"),
            "{changed:?}"
        );
        assert_eq!(before.lines().count(), after.lines().count());
        // The loader requires it: removing it is the loader's message, with the file.
        let errors = studio.set_source(file, SourceOf::Equinoxes, None);
        assert!(errors.iter().any(|e| e.file == file && e.to_string().contains("equinox_source")), "{errors:?}");
    }

    #[test]
    fn an_override_for_reiwa_9_march_on_tohoku_shows_in_the_dates_and_adds_only_its_lines() {
        let originals = repository_content();
        let mut studio = Studio::open(originals.clone(), d("2026-12-02")).unwrap();
        let file = "content/bureaus/tohoku.toml";
        let kind = DeadlineKind::ReceptionRequest;
        let rows = vec![row("2027-03", "2027-01-07")];
        let pairs = check_rows(&rows).unwrap();
        let errors = studio.set_overrides(file, None, kind, &pairs);
        assert!(errors.is_empty(), "{errors:?}");
        let slot = studio.slots("tohoku").into_iter().find(|s| s.office.is_none() && s.kind == kind).unwrap();
        assert_eq!(override_rows(&slot.overrides), rows);
        let rule = slot.rule.value().copied();
        let shown = dates(rule.as_ref(), &slot.overrides, &studio.content.calendar, studio.today);
        let march = shown.iter().find(|r| r.designation == "令和9年3月").unwrap();
        assert_eq!((march.date.as_str(), march.note.as_str()), ("令和9年1月7日", "局が公表した日（規則より優先）"));
        // Other months keep the rule's date (令和9年4月: 2月5日, a Friday).
        let april = shown.iter().find(|r| r.designation == "令和9年4月").unwrap();
        assert_eq!((april.date.as_str(), april.note.as_str()), ("令和9年2月5日", ""));
        // Every office without its own 受付番号 rule has it.
        for office in &studio.content.bureaus.get("tohoku").unwrap().offices {
            assert_eq!(office.reception_request.overrides.get(&pairs[0].0), Some(&d("2027-01-07")), "{}", office.id);
        }
        // The file: the one line added after the deadline's source, nothing else changed.
        let before = String::from_utf8(originals[file].clone()).unwrap();
        let after = studio.edited[file].text();
        let source_line = before.lines().find(|l| l.starts_with("source = { url = \"https://kouseikyoku")).unwrap();
        let expected = before.replacen(
            &format!("{source_line}\n"),
            &format!("{source_line}\noverrides = {{ \"2027-03\" = 2027-01-07 }}\n"),
            1,
        );
        assert_eq!(after, expected);
        // A second month, then both removed: the file as it was, byte for byte.
        let pairs = check_rows(&[row("2027-03", "2027-01-07"), row("2027-04", "2027-02-04")]).unwrap();
        assert!(studio.set_overrides(file, None, kind, &pairs).is_empty());
        assert!(studio.edited[file]
            .text()
            .contains("overrides = { \"2027-03\" = 2027-01-07, \"2027-04\" = 2027-02-04 }"));
        assert!(studio.set_overrides(file, None, kind, &[]).is_empty());
        assert_eq!(studio.edited[file].text(), before);
        assert!(studio.changed().is_empty());
    }

    #[test]
    fn a_deadlines_source_is_read_and_written_and_the_loader_checks_it() {
        let originals = repository_content();
        let mut studio = Studio::open(originals.clone(), d("2026-12-02")).unwrap();
        let file = "content/bureaus/tohoku.toml";
        let of = SourceOf::Deadline(None, DeadlineKind::ReceptionRequest);
        let form = SourceForm::of(studio.source_written(file, of).as_ref());
        assert!(form.url.starts_with("https://kouseikyoku.mhlw.go.jp/tohoku/"), "{form:?}");
        assert_eq!((form.title.as_str(), form.seen.as_str()), ("", "2024-02-29"));
        // The date the page showed, changed: only that value's text.
        let changed = SourceForm { seen: "2026-11-30".into(), ..form.clone() };
        let errors = studio.set_source(file, of, changed.to_source().unwrap().as_ref());
        assert!(errors.is_empty(), "{errors:?}");
        let before = String::from_utf8(originals[file].clone()).unwrap();
        assert_eq!(studio.edited[file].text(), before.replacen("seen = 2024-02-29", "seen = 2026-11-30", 1));
        assert_eq!(
            studio.content.bureaus.get("tohoku").unwrap().offices[0].reception_request.source.seen,
            Some(d("2026-11-30"))
        );
        // A date that is not one is caught as typed; an address without https:// by the loader.
        assert!(SourceForm { seen: "2026-11-31".into(), ..form.clone() }
            .to_source()
            .unwrap_err()
            .contains("ありません"));
        let bad = SourceForm { url: "kouseikyoku.mhlw.go.jp".into(), ..form.clone() };
        let errors = studio.set_source(file, of, bad.to_source().unwrap().as_ref());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].file.as_str(), errors[0].line), (file, Some(15)));
        assert!(errors[0].message.contains("https://"), "{}", errors[0]);
        // Emptied: the deadline has no source, which the loader refuses.
        let errors = studio.set_source(file, of, SourceForm::default().to_source().unwrap().as_ref());
        assert!(errors.iter().any(|e| e.file == file && e.message.contains("source")), "{errors:?}");
        // An office's name source: 宮城's.
        let name = studio.source_written(file, SourceOf::OfficeName("miyagi")).unwrap();
        assert_eq!(name.seen, Some(d("2025-10-29")));
    }
}
