//! The checked values of `content/bureaus/<id>.toml` ([`Bureau`], [`Office`], their deadlines,
//! postal codes and phones, and where the values `site check` lists stand): what the rest of the
//! code and the wizard's copy use. The file's own shapes and its loader are `file.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::content::values::{Confirmed, Source, YearMonth};
use crate::rule::{DeadlineKind, DeadlineRule};

/// A bureau's (or office's) deadline as its content file states it: the rule or `"unknown"`,
/// the bureau's own words, the source, and dates published for particular designation months
/// that override the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineEntry {
    pub rule: Confirmed<DeadlineRule>,
    /// The bureau's wording, e.g. 「指定の2か月前の1日（閉庁日の場合は前の開庁日）まで」.
    #[serde(default)]
    pub wording: Option<String>,
    /// How to hand it in, in the bureau's words (「持参または郵送」), from the same source.
    #[serde(default)]
    pub how: Option<String>,
    /// The rule is this content's reading of `wording`, which does not state all of it: what
    /// was read into it, in words for users (「局の掲載は「毎月20日」です。この案内では、…と
    /// 読んでいます。」). `None`: the rule is what the bureau states.
    #[serde(default)]
    pub inferred: Option<String>,
    pub source: Source,
    /// Designation month → published deadline date.
    #[serde(default, with = "crate::iso_date::values")]
    pub overrides: BTreeMap<YearMonth, NaiveDate>,
}

/// 郵便番号 as `123-4567`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(pub(crate) String);

impl TryFrom<String> for PostalCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let b = s.as_bytes();
        if b.len() == 8 && b[3] == b'-' && b.iter().enumerate().all(|(i, c)| i == 3 || c.is_ascii_digit()) {
            Ok(PostalCode(s))
        } else {
            Err(format!("郵便番号「{s}」は 123-4567 の形で書いてください"))
        }
    }
}

impl From<PostalCode> for String {
    fn from(p: PostalCode) -> String {
        p.0
    }
}

impl PostalCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 電話番号 as digits in hyphenated groups (`022-000-0000`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(pub(crate) String);

impl TryFrom<String> for Phone {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let groups: Vec<&str> = s.split('-').collect();
        let digits: usize = groups.iter().map(|g| g.len()).sum();
        if groups.len() == 3
            && groups.iter().all(|g| !g.is_empty() && g.bytes().all(|c| c.is_ascii_digit()))
            && (10..=11).contains(&digits)
        {
            Ok(Phone(s))
        } else {
            Err(format!("電話番号「{s}」は 022-123-4567 のようにハイフンで区切った10〜11桁で書いてください"))
        }
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

impl Phone {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A regional bureau (地方厚生局・支局) as loaded and checked from its content file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bureau {
    pub id: String,
    pub name: String,
    pub prefectures: Vec<String>,
    /// The bureau's own web site: where users confirm what this content does not know.
    pub official_site: String,
    /// The bureau's own page on the 指定申請 (別紙3「お問い合わせ先」 points to each bureau's),
    /// with its date, when one has been found.
    #[serde(skip)]
    pub designation_page: Option<Source>,
    pub offices: Vec<Office>,
    /// The content file it came from, as given to the loader.
    #[serde(skip)]
    pub file: String,
    /// Every `"unknown"` marker in the file, in file order (not in the wizard's copy).
    #[serde(skip)]
    pub unknowns: Vec<UnknownMarker>,
    /// Every source with a page date, for `site check` (stale after two years).
    #[serde(skip)]
    pub dated_sources: Vec<DatedSource>,
    /// Every table of published months, for `site check` (months already past).
    #[serde(skip)]
    pub published_months: Vec<PublishedMonths>,
    /// Every rule read from the bureau's words rather than stated by them, for `site check`.
    #[serde(skip)]
    pub inferred_rules: Vec<InferredRule>,
}

/// An office (事務所, 分室, 指導監査課) that receives the forms, with its effective rules
/// (its own, or the bureau's when it has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    pub id: String,
    pub name: Confirmed<String>,
    pub prefectures: Vec<String>,
    pub postal_code: Confirmed<PostalCode>,
    pub address: Confirmed<String>,
    pub phone: Confirmed<Phone>,
    /// Where the office's name was read.
    pub source: Option<Source>,
    /// Where its postal code, address and phone were read (published with that page's date).
    #[serde(default)]
    pub contact_source: Option<Source>,
    pub note: Option<String>,
    /// 受付番号情報提供依頼書 (別紙1) deadline.
    pub reception_request: DeadlineEntry,
    /// 指定申請 deadline.
    pub designation_application: DeadlineEntry,
}

impl Office {
    /// One of its two deadlines.
    pub fn deadline(&self, kind: DeadlineKind) -> &DeadlineEntry {
        match kind {
            DeadlineKind::ReceptionRequest => &self.reception_request,
            DeadlineKind::DesignationApplication => &self.designation_application,
        }
    }

    /// The office's name, or what it is known by when the name is not confirmed.
    pub fn display_name(&self) -> String {
        match &self.name {
            Confirmed::Value(n) => n.clone(),
            Confirmed::Unconfirmed => format!("{}を受け持つ事務所（名称未確認）", self.prefectures.join("・")),
        }
    }
}

/// A source with the date of its page, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedSource {
    pub file: String,
    pub line: usize,
    /// e.g. `office.toyama.contact_source`.
    pub field: String,
    pub seen: NaiveDate,
}

/// An `overrides` table (dates the bureau published per designation month), and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedMonths {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub months: Vec<YearMonth>,
}

/// A deadline rule that is this content's reading of the bureau's words (`inferred`), and where
/// it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferredRule {
    pub file: String,
    pub line: usize,
    /// e.g. `office.toyama.designation_application.inferred`.
    pub field: String,
    /// What was read into the bureau's words.
    pub reading: String,
    /// The deadline's source: the page the words are on.
    pub source: Source,
}

/// Where content says a value is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMarker {
    pub file: String,
    pub line: usize,
    /// e.g. `office.toyama.phone`.
    pub field: String,
}
