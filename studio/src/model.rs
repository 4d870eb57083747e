//! The studio's logic, without a browser (tested natively): the opened content folder, each
//! bureau file open for editing (`onshi::content::edit::EditedFile`), the deadline form and the
//! rule it means, the next designation months' dates, the checks of the edited files
//! (`Content::from_files`, errors as the command line prints them) and the files to save. The
//! Markdown pages are open here too (and checked as the build reads them); what the page editor
//! does with them is `page_model.rs`, which builds on this file and never the other way.

use chrono::{Datelike, NaiveDate};
use onshi::bureaus::DeadlineDate;
use onshi::calendar::Calendar;
use onshi::content::edit::{DeadlineText, EditedFile, OfficeField};
use onshi::content::page::{is_page_file, parse_page};
use onshi::content::values::Source;
use onshi::content::values::{Confirmed, YearMonth};
use onshi::content::{Content, ContentFile};
use onshi::content_file::ContentError;
use onshi::era::{era_year, format_era_date};
use onshi::rule::{ClosedDayPolicy, DaySpec, DeadlineKind, DeadlineRule};
use serde::Deserialize;
use std::collections::BTreeMap;

/// How many designation months the bureau page dates for each rule.
pub const MONTHS_SHOWN: usize = 12;

/// The content folder opened: every file's bytes as read, the content files open for editing,
/// and the content as loaded (its calendar dates the rules).
pub struct Studio {
    /// The files as first opened (what is published): the 「旧」 of the 新旧対照表; a save
    /// does not change it.
    pub opened: BTreeMap<String, Vec<u8>>,
    /// The files as last read or saved: what a save compares with.
    pub originals: BTreeMap<String, Vec<u8>>,
    pub edited: BTreeMap<String, EditedFile>,
    pub content: Content,
    pub today: NaiveDate,
}

/// A deadline shown as a form: the bureau's own (`office: None`) or an office's own.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub office: Option<String>,
    /// 「局全体（各事務所共通）」 or the office's name.
    pub title: String,
    pub kind: DeadlineKind,
    pub rule: Confirmed<DeadlineRule>,
    /// Dates the bureau published for designation months, which win over the rule.
    pub overrides: BTreeMap<YearMonth, NaiveDate>,
    /// The bureau's words, as written (shown beside the reading).
    pub wording: Option<String>,
    /// The rule as the content reads the words (`inferred`), as written.
    pub inferred: Option<String>,
}

/// An office's contact fields as written (`None`: `"unknown"`).
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeFields {
    pub id: String,
    pub title: String,
    pub values: Vec<(OfficeField, Option<String>)>,
    /// Where the postal code, address and phone were read: the page's address and date.
    pub contact_url: String,
    pub contact_seen: String,
}

/// The label of an office field.
pub fn field_label(field: OfficeField) -> &'static str {
    match field {
        OfficeField::Name => "名称",
        OfficeField::PostalCode => "郵便番号",
        OfficeField::Address => "所在地",
        OfficeField::Phone => "電話番号",
    }
}

/// The office fields the page edits, in order.
pub const OFFICE_FIELDS: [OfficeField; 4] =
    [OfficeField::Name, OfficeField::PostalCode, OfficeField::Address, OfficeField::Phone];

/// What to do with a closed day, as the form offers it.
pub const CLOSED_DAY_CHOICES: [(ClosedDayPolicy, &str); 3] = [
    (ClosedDayPolicy::PreviousOpenDay, "前の開庁日"),
    (ClosedDayPolicy::NextOpenDay, "翌開庁日"),
    (ClosedDayPolicy::None, "そのまま（動かさない）"),
];

/// A deadline form's values as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleForm {
    pub unknown: bool,
    /// −2 前々月, −1 前月 (others as the file has them).
    pub month_offset: i32,
    pub first_open_day: bool,
    /// The day as typed (1–28).
    pub day: String,
    pub closed_day: ClosedDayPolicy,
}

impl RuleForm {
    /// The form for a rule as written.
    pub fn from_rule(rule: &Confirmed<DeadlineRule>) -> RuleForm {
        match rule {
            Confirmed::Value(r) => RuleForm {
                unknown: false,
                month_offset: r.month_offset,
                first_open_day: r.day == DaySpec::FirstOpenDay,
                day: match r.day {
                    DaySpec::Day(d) => d.to_string(),
                    DaySpec::FirstOpenDay => String::new(),
                },
                closed_day: r.closed_day,
            },
            Confirmed::Unconfirmed => RuleForm {
                unknown: true,
                month_offset: -2,
                first_open_day: false,
                day: String::new(),
                closed_day: ClosedDayPolicy::PreviousOpenDay,
            },
        }
    }

    /// The rule the form means (`None`: 未確認), or what to correct in the day field. A whole
    /// number outside 1–28 is passed on, for the loader to say what the command line says.
    pub fn to_rule(&self) -> Result<Option<DeadlineRule>, String> {
        if self.unknown {
            return Ok(None);
        }
        let day = if self.first_open_day {
            DaySpec::FirstOpenDay
        } else {
            let typed = onshi::normalize::half_width_ascii(self.day.trim());
            if typed.is_empty() {
                return Err("日を 1〜28 の数字で入力してください".into());
            }
            let n: u32 = typed.parse().map_err(|_| "日は 1〜28 の数字で入力してください（例：5）".to_string())?;
            DaySpec::Day(n)
        };
        let closed_day = if day == DaySpec::FirstOpenDay { ClosedDayPolicy::None } else { self.closed_day };
        Ok(Some(DeadlineRule { month_offset: self.month_offset, day, closed_day }))
    }
}

/// `令和9年3月`.
pub fn era_month(date: NaiveDate) -> String {
    match era_year(date) {
        Some((era, 1)) => format!("{era}元年{}月", date.month()),
        Some((era, n)) => format!("{era}{n}年{}月", date.month()),
        None => format!("{}年{}月", date.year(), date.month()),
    }
}

/// The designation months the page dates: the site's first [`MONTHS_SHOWN`] (those after
/// today's month).
pub fn designation_months(today: NaiveDate) -> Vec<NaiveDate> {
    let mut months = publish::deadlines::designation_months(today);
    months.truncate(MONTHS_SHOWN);
    months
}

/// One designation month and the date a deadline gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRow {
    /// `令和9年3月`.
    pub designation: String,
    /// `令和9年1月8日`, or why there is none.
    pub date: String,
    /// 「公表日」, 「閉庁日のため 1月5日 から移動」, …
    pub note: String,
}

/// The dates a rule (with the published dates, which win) gives the next designation months.
pub fn dates(
    rule: Option<&DeadlineRule>,
    overrides: &BTreeMap<YearMonth, NaiveDate>,
    calendar: &Calendar,
    today: NaiveDate,
) -> Vec<DateRow> {
    let entry = onshi::bureaus::DeadlineEntry {
        rule: rule.map_or(Confirmed::Unconfirmed, |r| Confirmed::Value(*r)),
        wording: None,
        how: None,
        inferred: None,
        source: Source { title: None, url: None, seen: None },
        overrides: overrides.clone(),
    };
    designation_months(today)
        .into_iter()
        .map(|month| {
            let (date, note) = match entry.deadline(month, calendar) {
                Ok(DeadlineDate::Rule { date, moved_from: Some(from) }) => {
                    (format_era_date(date), format!("{}月{}日が閉庁日のため移動", from.month(), from.day()))
                }
                Ok(DeadlineDate::Rule { date, moved_from: None }) => {
                    let closed =
                        rule.is_some_and(|r| r.keeps_closed_days()) && calendar.is_closed(date).unwrap_or(false);
                    (format_era_date(date), if closed { "閉庁日".into() } else { String::new() })
                }
                Ok(DeadlineDate::Published { date }) => {
                    (format_era_date(date), "局が公表した日（規則より優先）".into())
                }
                Ok(DeadlineDate::Unknown) => ("未確認".into(), String::new()),
                Err(e) => ("計算できません".into(), e.to_string()),
            };
            DateRow { designation: era_month(month), date, note }
        })
        .collect()
}

#[derive(Deserialize)]
struct RuleOnly {
    rule: Confirmed<DeadlineRule>,
}

#[derive(Deserialize)]
struct OverridesOnly {
    #[serde(default, with = "onshi::iso_date::values")]
    overrides: BTreeMap<YearMonth, NaiveDate>,
}

impl Studio {
    /// Opens the files read (paths `content/…`): every content TOML file is parsed for editing
    /// and the content loaded and checked.
    pub fn open(originals: BTreeMap<String, Vec<u8>>, today: NaiveDate) -> Result<Studio, Vec<ContentError>> {
        let mut edited = BTreeMap::new();
        let mut errors = Vec::new();
        for (name, bytes) in &originals {
            let page = is_page_file(name);
            if !(name.ends_with(".toml") && name.matches('/').count() <= 2 || page) {
                continue;
            }
            let text = match String::from_utf8(bytes.clone()) {
                Ok(t) => t,
                Err(_) => {
                    errors.push(ContentError {
                        file: name.clone(),
                        line: None,
                        message: "文字コードが UTF-8 ではありません。UTF-8 で保存してください".into(),
                    });
                    continue;
                }
            };
            match EditedFile::parse(name, &text) {
                Ok(f) => {
                    edited.insert(name.clone(), f);
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let files: Vec<ContentFile> = edited.values().map(EditedFile::content_file).collect();
        let content = Content::from_files(&files)?;
        let studio = Studio { opened: originals.clone(), originals, edited, content, today };
        let page_errors = studio.page_errors();
        if !page_errors.is_empty() {
            return Err(page_errors);
        }
        Ok(studio)
    }

    /// Every bureau: (id, name, file).
    pub fn bureaus(&self) -> Vec<(String, String, String)> {
        self.content.bureaus.iter().map(|b| (b.id.clone(), b.name.clone(), b.file.clone())).collect()
    }

    /// A file as edited, read as a TOML table (empty when it does not parse).
    pub(crate) fn table(&self, file: &str) -> toml::Table {
        self.edited.get(file).and_then(|f| f.content_file().text.parse().ok()).unwrap_or_default()
    }

    /// The deadlines written in a bureau's file: the bureau's, then each office's own.
    pub fn slots(&self, bureau_id: &str) -> Vec<Slot> {
        let Some(bureau) = self.content.bureaus.get(bureau_id) else { return Vec::new() };
        let table = self.table(&bureau.file);
        let offices: Vec<toml::Table> = match table.get("office") {
            Some(toml::Value::Array(a)) => a.iter().filter_map(|o| o.as_table().cloned()).collect(),
            _ => Vec::new(),
        };
        let rule_of = |t: &toml::Table, kind: DeadlineKind| -> Option<Confirmed<DeadlineRule>> {
            let entry = t.get(kind.key())?.clone();
            entry.try_into::<RuleOnly>().ok().map(|r| r.rule).or(Some(Confirmed::Unconfirmed))
        };
        // The dates published per month as written (the bureau's, even where no office uses them).
        let overrides_of = |t: &toml::Table, kind: DeadlineKind| {
            t.get(kind.key())
                .and_then(|entry| entry.clone().try_into::<OverridesOnly>().ok())
                .map(|o| o.overrides)
                .unwrap_or_default()
        };
        // `wording` and `inferred` as written.
        let text_of = |t: &toml::Table, kind: DeadlineKind, text: DeadlineText| {
            t.get(kind.key()).and_then(|entry| entry.get(text.key())).and_then(toml::Value::as_str).map(str::to_string)
        };
        let mut slots = Vec::new();
        for kind in DeadlineKind::ALL {
            if let Some(rule) = rule_of(&table, kind) {
                slots.push(Slot {
                    office: None,
                    title: "局（各事務所に共通）".into(),
                    kind,
                    rule,
                    overrides: overrides_of(&table, kind),
                    wording: text_of(&table, kind, DeadlineText::Wording),
                    inferred: text_of(&table, kind, DeadlineText::Inferred),
                });
            }
        }
        for (office, t) in bureau.offices.iter().zip(offices.iter()) {
            for kind in DeadlineKind::ALL {
                if let Some(rule) = rule_of(t, kind) {
                    slots.push(Slot {
                        office: Some(office.id.clone()),
                        title: office.display_name(),
                        kind,
                        rule,
                        overrides: overrides_of(t, kind),
                        wording: text_of(t, kind, DeadlineText::Wording),
                        inferred: text_of(t, kind, DeadlineText::Inferred),
                    });
                }
            }
        }
        slots
    }

    /// A bureau's offices and their contact fields as written now.
    pub fn offices(&self, bureau_id: &str) -> Vec<OfficeFields> {
        let Some(bureau) = self.content.bureaus.get(bureau_id) else { return Vec::new() };
        let table = self.table(&bureau.file);
        let Some(toml::Value::Array(offices)) = table.get("office") else { return Vec::new() };
        offices
            .iter()
            .filter_map(toml::Value::as_table)
            .map(|t| {
                let id = t.get("id").and_then(toml::Value::as_str).unwrap_or_default().to_string();
                let prefectures: Vec<&str> = match t.get("prefectures") {
                    Some(toml::Value::Array(a)) => a.iter().filter_map(toml::Value::as_str).collect(),
                    _ => Vec::new(),
                };
                let values = OFFICE_FIELDS
                    .iter()
                    .map(|&f| {
                        let v = t.get(f.key()).and_then(toml::Value::as_str).unwrap_or("unknown");
                        (f, (v != "unknown").then(|| v.to_string()))
                    })
                    .collect();
                let source = t.get("contact_source").and_then(toml::Value::as_table);
                let part = |key: &str| {
                    source.and_then(|s| s.get(key)).map(|v| match v {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Datetime(d) => d.to_string(),
                        _ => String::new(),
                    })
                };
                OfficeFields {
                    title: format!("{}を受け持つ事務所（{id}）", prefectures.join("・")),
                    id,
                    values,
                    contact_url: part("url").unwrap_or_default(),
                    contact_seen: part("seen").unwrap_or_default(),
                }
            })
            .collect()
    }

    /// The content files as edited, checked as the command line loads them: every problem,
    /// with its file and line (the pages' front matter's too); without any, the content is the
    /// edited one.
    pub fn check(&mut self) -> Vec<ContentError> {
        let files: Vec<ContentFile> = self.edited.values().map(EditedFile::content_file).collect();
        let mut errors = match Content::from_files(&files) {
            Ok(content) => {
                self.content = content;
                Vec::new()
            }
            Err(errors) => errors,
        };
        errors.extend(self.page_errors());
        errors
    }

    /// One edit of one file, then the checks: the problems of the content after it (the edit's
    /// own when it could not be made).
    pub(crate) fn edit(
        &mut self,
        file: &str,
        change: impl FnOnce(&mut EditedFile) -> Result<(), ContentError>,
    ) -> Vec<ContentError> {
        match self.edited.get_mut(file).map(change) {
            Some(Ok(())) => self.check(),
            Some(Err(e)) => vec![e],
            None => {
                vec![ContentError { file: file.into(), line: None, message: "ファイルがありません".into() }]
            }
        }
    }

    /// Sets a deadline's rule (`None`: 未確認) in its file; the problems of the content after it.
    pub fn set_deadline(
        &mut self,
        file: &str,
        office: Option<&str>,
        kind: DeadlineKind,
        rule: Option<&DeadlineRule>,
    ) -> Vec<ContentError> {
        self.edit(file, |f| f.set_deadline(office, kind, rule))
    }

    /// Sets a deadline's text (`wording`, `how`, `inferred`; `None` or blank removes it) in its
    /// file; the problems of the content after it.
    pub fn set_deadline_text(
        &mut self,
        file: &str,
        office: Option<&str>,
        kind: DeadlineKind,
        field: DeadlineText,
        text: Option<&str>,
    ) -> Vec<ContentError> {
        let text = text.map(str::trim).filter(|t| !t.is_empty());
        self.edit(file, |f| f.set_deadline_text(office, kind, field, text))
    }

    /// Sets an office's field (`None`: 未確認); the problems of the content after it.
    pub fn set_office_field(
        &mut self,
        file: &str,
        office: &str,
        field: OfficeField,
        value: Option<&str>,
    ) -> Vec<ContentError> {
        self.edit(file, |f| f.set_office_field(office, field, value))
    }

    /// Sets where an office's contact was read (both empty: removed); the problems after it.
    pub fn set_contact_source(
        &mut self,
        file: &str,
        office: &str,
        url: Option<&str>,
        seen: Option<NaiveDate>,
    ) -> Vec<ContentError> {
        let source =
            (url.is_some() || seen.is_some()).then(|| Source { title: None, url: url.map(str::to_string), seen });
        let of = onshi::content::edit::SourceOf::OfficeContact(office);
        self.edit(file, |f| f.set_source(of, source.as_ref()))
    }

    /// The pages' front matter checked as the build reads it (`parse_page`): each problem with
    /// its file and line.
    pub fn page_errors(&self) -> Vec<ContentError> {
        self.edited
            .iter()
            .filter(|(name, _)| is_page_file(name))
            .filter_map(|(name, f)| parse_page(name, &f.content_file().text).err())
            .collect()
    }

    /// The files changed by the edits.
    pub fn changed(&self) -> Vec<String> {
        self.edited
            .iter()
            .filter(|(name, f)| f.text().as_bytes() != &self.originals[*name][..])
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// The files that differ from the content as first opened, saved or not (what the
    /// 新旧対照表 compares).
    pub fn changed_since_opened(&self) -> Vec<String> {
        self.edited
            .iter()
            .filter(|(name, f)| self.opened.get(*name).is_none_or(|o| f.text().as_bytes() != &o[..]))
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// Every file to save: as read, but the edited ones (only the edited values differ).
    pub fn files_to_save(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = self.originals.clone();
        for (name, f) in &self.edited {
            files.insert(name.clone(), f.text().into_bytes());
        }
        files
    }

    /// Every file open for editing as it is now, changed or not (what the site worker is told).
    pub fn edited_files(&self) -> BTreeMap<String, Vec<u8>> {
        self.edited.iter().map(|(name, f)| (name.clone(), f.text().into_bytes())).collect()
    }

    /// After a save: what was saved is the new original (the content as first opened stays).
    pub fn saved(&mut self) {
        self.originals = self.files_to_save();
        let mut reopened = BTreeMap::new();
        for (name, f) in &self.edited {
            if let Ok(f) = EditedFile::parse(name, &f.text()) {
                reopened.insert(name.clone(), f);
            }
        }
        self.edited = reopened;
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
