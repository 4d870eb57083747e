//! The regional bureaus and their offices, loaded from `content/bureaus/*.toml`, and their
//! deadlines for a designation date (the rules are [`crate::rule`]'s language).

mod file;
mod model;

pub use file::{check_bureau_set, parse_bureau};
pub use model::{
    Bureau, DatedSource, DeadlineEntry, InferredRule, Office, Phone, PostalCode, PublishedMonths, UnknownMarker,
};

use crate::calendar::{Calendar, CalendarError};
use crate::content::values::{Confirmed, YearMonth};
use crate::content_file::ContentError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// All bureaus, in the order of [`BUREAU_ORDER`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Bureaus {
    list: Vec<Bureau>,
}

/// The eight bureau ids of the notice's 別紙3 in their usual order (north to south).
pub const BUREAU_ORDER: [&str; 8] =
    ["hokkaido", "tohoku", "kantoshinetsu", "tokaihokuriku", "kinki", "chugokushikoku", "shikoku", "kyushu"];

impl Bureaus {
    /// Loads and checks a set of bureau files given as (name for messages, text): every file's
    /// problem, then the set's.
    pub fn from_files(files: impl IntoIterator<Item = (String, String)>) -> Result<Bureaus, Vec<ContentError>> {
        let mut list = Vec::new();
        let mut errors = Vec::new();
        for (file, text) in files {
            match parse_bureau(&file, &text) {
                Ok(b) => list.push(b),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        check_bureau_set(&list).map_err(|e| vec![e])?;
        for id in BUREAU_ORDER {
            if !list.iter().any(|b| b.id == id) {
                errors.push(ContentError {
                    file: format!("content/bureaus/{id}.toml"),
                    line: None,
                    message: format!("局「{id}」のファイルがありません"),
                });
            }
        }
        for extra in list.iter().filter(|b| !BUREAU_ORDER.contains(&b.id.as_str())) {
            errors.push(ContentError {
                file: extra.file.clone(),
                line: None,
                message: format!(
                    "局の id「{}」は知らない局です。{} のどれかにしてください",
                    extra.id,
                    BUREAU_ORDER.join(", ")
                ),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        list.sort_by_key(|b| BUREAU_ORDER.iter().position(|id| *id == b.id));
        Ok(Bureaus { list })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Bureau> {
        self.list.iter()
    }

    pub fn get(&self, id: &str) -> Option<&Bureau> {
        self.list.iter().find(|b| b.id == id)
    }

    /// The bureau and office that serve a prefecture.
    pub fn for_prefecture(&self, prefecture: &str) -> Option<(&Bureau, &Office)> {
        self.list
            .iter()
            .find_map(|b| b.offices.iter().find(|o| o.prefectures.iter().any(|p| p == prefecture)).map(|o| (b, o)))
    }

    /// Every `"unknown"` marker of every bureau, for `--strict`.
    pub fn unknowns(&self) -> impl Iterator<Item = &UnknownMarker> {
        self.list.iter().flat_map(|b| b.unknowns.iter())
    }
}

impl Bureau {
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == id)
    }
}

/// The date of an office's deadline for one designation, computed from its [`DeadlineEntry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineDate {
    /// From the rule; `moved_from` is the rule's day when the closed-day policy moved it.
    Rule { date: NaiveDate, moved_from: Option<NaiveDate> },
    /// From the bureau's published per-month table (`overrides`).
    Published { date: NaiveDate },
    /// The content marks the rule unknown.
    Unknown,
}

impl DeadlineEntry {
    /// The deadline for a designation date: a published per-month date wins over the rule.
    pub fn deadline(&self, designation: NaiveDate, calendar: &Calendar) -> Result<DeadlineDate, CalendarError> {
        if let Some(date) = self.overrides.get(&YearMonth::of(designation)) {
            return Ok(DeadlineDate::Published { date: *date });
        }
        match &self.rule {
            Confirmed::Value(rule) => {
                rule.deadline(designation, calendar).map(|(date, moved_from)| DeadlineDate::Rule { date, moved_from })
            }
            Confirmed::Unconfirmed => Ok(DeadlineDate::Unknown),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::{ClosedDayPolicy, DaySpec, DeadlineRule};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn file(body: &str) -> Result<Bureau, ContentError> {
        parse_bureau("content/bureaus/shikoku.toml", body)
    }

    const OFFICE: &str = r#"
[[office]]
id = "kagawa"
name = "unknown"
prefectures = ["香川県"]
postal_code = "unknown"
address = "unknown"
phone = "unknown"
"#;

    fn minimal(rule: &str) -> String {
        format!(
            "id = \"shikoku\"\nname = \"四国厚生支局\"\nprefectures = [\"香川県\"]\nofficial_site = \"https://kouseikyoku.mhlw.go.jp/shikoku/\"\n[reception_request]\n{rule}\nsource = {{ title = \"t\" }}\n\n[designation_application]\nrule = \"unknown\"\nsource = {{ title = \"t\" }}\n{OFFICE}"
        )
    }

    #[test]
    fn repository_content_loads_with_all_eight_bureaus() {
        let all = &crate::content::repository().bureaus;
        assert_eq!(all.iter().map(|b| b.id.as_str()).collect::<Vec<_>>(), BUREAU_ORDER);
        for p in crate::prefectures::PREFECTURES {
            assert!(all.for_prefecture(p).is_some(), "{p}");
        }
        assert_eq!(all.for_prefecture("愛知県").unwrap().1.id, "shido_kansa");
        // As JSON (`site bureaus --format json`) they read back the same.
        let json = serde_json::to_string(all).unwrap();
        let back: Bureaus = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn errors_name_file_line_and_problem() {
        let e = file(&minimal("rule = { month_offset = -2, day = 32, closed_day = \"none\" }")).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("content/bureaus/shikoku.toml", Some(6)), "{e}");
        assert!(e.message.contains("day = 32"), "{e}");

        let e = file(&minimal("rule = { month_offset = -2, day = 5 }")).unwrap_err();
        assert_eq!(e.line, Some(6));
        assert!(e.message.contains("closed_day を書いてください"), "{e}");

        let e = file(&minimal("rule = { month_offset = -2, day = 5, closed_day = \"sometimes\" }")).unwrap_err();
        assert_eq!(e.line, Some(6));
        assert!(e.message.contains("sometimes"), "{e}");

        let e = file(&minimal("rule = { month_offset = 3, day = 5, closed_day = \"none\" }")).unwrap_err();
        assert!(e.message.contains("-12〜0"), "{e}");

        let e = file(&minimal("rule = \"maybe\"")).unwrap_err();
        assert_eq!(e.line, Some(6));

        let text = minimal("rule = \"unknown\"").replace("phone = \"unknown\"", "phone = \"087-1\"");
        let e = file(&text).unwrap_err();
        assert!(e.message.contains("087-1"), "{e}");
        assert_eq!(e.line, Some(text.lines().position(|l| l.starts_with("phone")).unwrap() + 1));

        let e = file(
            &minimal("rule = \"unknown\"")
                .replace("prefectures = [\"香川県\"]\npostal", "prefectures = [\"徳島県\"]\npostal"),
        )
        .unwrap_err();
        assert!(e.message.contains("徳島県 はこの局の管轄"), "{e}");

        let e = parse_bureau("content/bureaus/kinki.toml", &minimal("rule = \"unknown\"")).unwrap_err();
        assert!(e.message.contains("ファイル名"), "{e}");
        assert_eq!(e.line, Some(1));

        let e = file("id = \"shikoku\"\nname = 3\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn a_known_address_needs_its_source_with_a_date() {
        let known = minimal("rule = \"unknown\"").replace("address = \"unknown\"", "address = \"高松市1-1\"");
        let e = file(&known).unwrap_err();
        assert!(e.message.contains("出典がありません") && e.message.contains("contact_source"), "{e}");
        let undated = known
            .replace("phone = \"unknown\"", "phone = \"unknown\"\ncontact_source = { url = \"https://example.org/\" }");
        let e = file(&undated).unwrap_err();
        assert!(e.message.contains("seen（ページの日付）"), "{e}");
        let dated = known.replace(
            "phone = \"unknown\"",
            "phone = \"unknown\"\ncontact_source = { url = \"https://example.org/\", seen = 2024-01-01 }",
        );
        let b = file(&dated).unwrap();
        assert_eq!(b.offices[0].contact_source.as_ref().unwrap().seen.unwrap(), d("2024-01-01"));
    }

    #[test]
    fn unknown_markers_are_listed_with_lines() {
        let b = file(&minimal("rule = \"unknown\"")).unwrap();
        let fields: Vec<_> = b.unknowns.iter().map(|u| (u.line, u.field.as_str())).collect();
        assert_eq!(
            fields,
            vec![
                (6, "reception_request.rule"),
                (10, "designation_application.rule"),
                (15, "office.kagawa.name"),
                (17, "office.kagawa.postal_code"),
                (18, "office.kagawa.address"),
                (19, "office.kagawa.phone"),
            ]
        );
    }

    #[test]
    fn an_inferred_reading_is_read_listed_and_checked() {
        let rule = "rule = { month_offset = -1, day = 20, closed_day = \"next_open_day\" }\nwording = \"毎月20日まで\"";
        let text = minimal(&format!("{rule}\ninferred = \"前月の20日と読んでいます\""));
        let b = file(&text).unwrap();
        // Ended as a sentence, for the words that follow it.
        assert_eq!(b.offices[0].reception_request.inferred.as_deref(), Some("前月の20日と読んでいます。"));
        assert_eq!(b.offices[0].designation_application.inferred, None);
        let listed: Vec<_> = b.inferred_rules.iter().map(|i| (i.line, i.field.as_str(), i.reading.as_str())).collect();
        assert_eq!(listed, [(8, "reception_request.inferred", "前月の20日と読んでいます。")]);
        assert_eq!(b.inferred_rules[0].source.title.as_deref(), Some("t"));
        // Not an unknown: `--strict` does not count it.
        assert!(!b.unknowns.iter().any(|u| u.field.starts_with("reception_request")));

        // A wrong type, an empty reading, a reading of an unknown rule or of no words: the
        // file and the line of `inferred`.
        for (inferred, expected) in
            [("inferred = 20", "文字列"), ("inferred = \"  \"", "reception_request.inferred が空です")]
        {
            let e = file(&minimal(&format!("{rule}\n{inferred}"))).unwrap_err();
            assert_eq!((e.file.as_str(), e.line), ("content/bureaus/shikoku.toml", Some(8)), "{e}");
            assert!(e.message.contains(expected), "{e}");
        }
        let e = file(&minimal("rule = \"unknown\"\nwording = \"毎月20日まで\"\ninferred = \"前月と読んでいます。\""))
            .unwrap_err();
        assert_eq!(e.line, Some(8), "{e}");
        assert!(e.message.contains("rule が \"unknown\" のときは書けません"), "{e}");
        let e = file(&minimal(
            "rule = { month_offset = -1, day = 20, closed_day = \"none\" }\ninferred = \"前月と読んでいます。\"",
        ))
        .unwrap_err();
        assert_eq!(e.line, Some(7), "{e}");
        assert!(e.message.contains("wording を書いてください"), "{e}");
        // An office's own deadline: its field path.
        let office = format!(
            "{}\n[office.designation_application]\n{rule}\ninferred = \"\"\nsource = {{ title = \"t\" }}\n",
            minimal("rule = \"unknown\"")
        );
        let e = file(&office).unwrap_err();
        assert!(e.message.contains("office.kagawa.designation_application.inferred が空です"), "{e}");
        assert_eq!(e.line, Some(office.lines().position(|l| l.starts_with("inferred")).unwrap() + 1));
    }

    #[test]
    fn rules_and_overrides() {
        let calendar = &crate::content::repository().calendar;
        let rule = |day, closed_day| DeadlineRule { month_offset: -2, day, closed_day };
        // Designation 2027-03-01: the 1st of January is 元日.
        let m = d("2027-03-01");
        assert_eq!(
            rule(DaySpec::Day(1), ClosedDayPolicy::PreviousOpenDay).deadline(m, calendar).unwrap(),
            (d("2026-12-28"), Some(d("2027-01-01")))
        );
        assert_eq!(
            rule(DaySpec::Day(1), ClosedDayPolicy::NextOpenDay).deadline(m, calendar).unwrap(),
            (d("2027-01-04"), Some(d("2027-01-01")))
        );
        assert_eq!(
            rule(DaySpec::Day(1), ClosedDayPolicy::None).deadline(m, calendar).unwrap(),
            (d("2027-01-01"), None)
        );
        assert_eq!(
            rule(DaySpec::FirstOpenDay, ClosedDayPolicy::None).deadline(m, calendar).unwrap(),
            (d("2027-01-04"), None)
        );
        assert_eq!(
            rule(DaySpec::Day(5), ClosedDayPolicy::NextOpenDay).describe(),
            "指定月の前々月の5日（閉庁日なら翌開庁日）"
        );

        let text = minimal("rule = { month_offset = -2, day = 3, closed_day = \"none\" }\noverrides = { \"2027-03\" = 2026-12-25, \"2027-04\" = \"2027-02-02\" }");
        let b = file(&text).unwrap();
        let spec = &b.offices[0].reception_request;
        assert_eq!(spec.deadline(m, calendar).unwrap(), DeadlineDate::Published { date: d("2026-12-25") });
        assert_eq!(
            spec.deadline(d("2027-04-01"), calendar).unwrap(),
            DeadlineDate::Published { date: d("2027-02-02") }
        );
        assert_eq!(
            spec.deadline(d("2027-05-01"), calendar).unwrap(),
            DeadlineDate::Rule { date: d("2027-03-03"), moved_from: None }
        );
        let e = file(&minimal("rule = \"unknown\"\noverrides = { \"2027-3\" = 2026-12-25 }")).unwrap_err();
        assert!(e.message.contains("2027-3"), "{e}");
        let e = file(&minimal("rule = \"unknown\"\noverrides = { \"2027-03\" = 2026-02-30 }")).unwrap_err();
        assert_eq!(e.line, Some(7), "{e}");
    }
}
