//! The data model of `content/bureaus/<id>.toml` and its checked loader.
//!
//! The file's own shapes (`BureauFile`, `OfficeFile`, `DeadlineSpecFile`) keep where each value
//! stands, for messages with the line; the checked values ([`Bureau`], [`Office`]) are what the
//! rest of the code and the wizard's copy use.

use chrono::{Datelike, NaiveDate};
use serde::de::{self, IntoDeserializer, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use toml::Spanned;

use crate::content_file::japanese;
pub use crate::content_file::{line_of, ContentError};

/// The word a content file uses for a value the bureau has not confirmed.
pub const UNKNOWN_MARKER: &str = "unknown";

/// The 47 prefectures, as bureau files name them.
pub const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// The prefecture an address starts with (「石川県金沢市…」 → 石川県), if any.
pub fn prefecture_in(address: &str) -> Option<&'static str> {
    PREFECTURES.iter().find(|p| address.starts_with(**p)).copied()
}

/// A value that is either known or explicitly marked `"unknown"` in the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known<T> {
    Known(T),
    Unknown,
}

impl<T> Known<T> {
    pub fn known(&self) -> Option<&T> {
        match self {
            Known::Known(v) => Some(v),
            Known::Unknown => None,
        }
    }
}

/// In files the value or `"unknown"`; on the wizard's compact wire an option.
impl<T: Serialize> Serialize for Known<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self, s.is_human_readable()) {
            (Known::Known(v), true) => v.serialize(s),
            (Known::Unknown, true) => s.serialize_str(UNKNOWN_MARKER),
            (Known::Known(v), false) => s.serialize_some(v),
            (Known::Unknown, false) => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Known<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if !d.is_human_readable() {
            return Ok(Option::<T>::deserialize(d)?.map_or(Known::Unknown, Known::Known));
        }
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Known<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "値、または未確認を示す \"{UNKNOWN_MARKER}\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v == UNKNOWN_MARKER {
                    Ok(Known::Unknown)
                } else {
                    T::deserialize(v.into_deserializer()).map(Known::Known)
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(Known::Known)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(Known::Known)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Known::Known)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Known::Known)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A calendar date written in TOML either bare (`2024-05-01`) or quoted (`"2024-05-01"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IsoDate(pub NaiveDate);

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::iso_date::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::iso_date::deserialize(d).map(IsoDate)
    }
}

/// A designation month, the key of `overrides` (`"2027-03"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of(date: NaiveDate) -> Self {
        YearMonth { year: date.year(), month: date.month() }
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("month is 1..=12")
    }
    /// This month moved by `months` (negative: earlier).
    pub fn offset(self, months: i32) -> Self {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        YearMonth { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("「{s}」は年月ではありません。指定月を \"2027-03\" の形で書いてください");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        let (year, month) = (y.parse::<i32>().map_err(|_| bad())?, m.parse::<u32>().map_err(|_| bad())?);
        if y.len() != 4 || m.len() != 2 || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(YearMonth { year, month })
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(de::Error::custom)
    }
}

/// Where a value was read: a page's address and the date it was seen, or a document's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "SourceFields")]
pub struct Source {
    pub title: Option<String>,
    pub url: Option<String>,
    /// The date the page carried or was seen on.
    pub seen: Option<IsoDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFields {
    title: Option<String>,
    url: Option<String>,
    seen: Option<IsoDate>,
}

impl TryFrom<SourceFields> for Source {
    type Error = String;
    fn try_from(f: SourceFields) -> Result<Self, String> {
        if f.title.is_none() && f.url.is_none() {
            return Err("出典（source）には url（ページのアドレス）か title（文書名）を書いてください".into());
        }
        if let Some(url) = &f.url {
            if !url.starts_with("https://") && !url.starts_with("http://") {
                return Err(format!("出典の url「{url}」は https:// で始まるアドレスにしてください"));
            }
        }
        Ok(Source { title: f.title, url: f.url, seen: f.seen })
    }
}

/// What to do when a rule's day is a closed day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosedDayPolicy {
    /// Keep the date (and tell the user it is a closed day).
    None,
    /// 閉庁日の場合は前の開庁日.
    PreviousOpenDay,
    /// 閉庁日の場合は翌開庁日.
    NextOpenDay,
}

/// Which day of the offset month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaySpec {
    /// A day of the month, 1..=28 (every month has it).
    Day(u32),
    /// 「最初の開庁日」: the first open day of the month.
    FirstOpenDay,
}

const FIRST_OPEN_DAY: &str = "first_open_day";

/// In files the day or `"first_open_day"`; on the wizard's compact wire the day, 0 for the
/// first open day.
impl Serialize for DaySpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self, s.is_human_readable()) {
            (DaySpec::Day(n), _) => s.serialize_u32(*n),
            (DaySpec::FirstOpenDay, true) => s.serialize_str(FIRST_OPEN_DAY),
            (DaySpec::FirstOpenDay, false) => s.serialize_u32(0),
        }
    }
}

impl<'de> Deserialize<'de> for DaySpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DaySpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "1〜28 の日、または \"{FIRST_OPEN_DAY}\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DaySpec, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DaySpec, E> {
                if (1..=28).contains(&v) {
                    Ok(DaySpec::Day(v as u32))
                } else {
                    Err(E::custom(format!(
                        "day = {v} は使えません。1〜28 の日か \"{FIRST_OPEN_DAY}\"（その月の最初の開庁日）を書いてください"
                    )))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DaySpec, E> {
                if v == FIRST_OPEN_DAY {
                    Ok(DaySpec::FirstOpenDay)
                } else {
                    Err(E::custom(format!(
                        "day = \"{v}\" は使えません。1〜28 の日か \"{FIRST_OPEN_DAY}\"（その月の最初の開庁日）を書いてください"
                    )))
                }
            }
        }
        if !d.is_human_readable() {
            return match u32::deserialize(d)? {
                0 => Ok(DaySpec::FirstOpenDay),
                n => V.visit_u64(u64::from(n)),
            };
        }
        d.deserialize_any(V)
    }
}

/// A deadline rule: a day of the month `month_offset` months from the designation month, moved
/// by `closed_day` when that day is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RuleFields", into = "RuleFields")]
pub struct DeadlineRule {
    /// Months relative to the designation month: −2 is 「前々月」.
    pub month_offset: i32,
    pub day: DaySpec,
    pub closed_day: ClosedDayPolicy,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFields {
    month_offset: i32,
    day: DaySpec,
    closed_day: Option<ClosedDayPolicy>,
}

impl TryFrom<RuleFields> for DeadlineRule {
    type Error = String;
    fn try_from(f: RuleFields) -> Result<Self, String> {
        if !(-12..=0).contains(&f.month_offset) {
            return Err(format!(
                "month_offset = {} は使えません。指定月から数えて何か月前かを -12〜0 で書いてください（前々月なら -2）",
                f.month_offset
            ));
        }
        let closed_day = match (f.day, f.closed_day) {
            (DaySpec::FirstOpenDay, None | Some(ClosedDayPolicy::None)) => ClosedDayPolicy::None,
            (DaySpec::FirstOpenDay, Some(_)) => {
                return Err("day = \"first_open_day\" は必ず開庁日なので、closed_day は書かないでください".into())
            }
            (DaySpec::Day(_), Some(p)) => p,
            (DaySpec::Day(_), None) => {
                return Err(
                    "closed_day を書いてください：\"none\"（動かさない）、\"previous_open_day\"（前の開庁日）、\"next_open_day\"（翌開庁日）"
                        .into(),
                )
            }
        };
        Ok(DeadlineRule { month_offset: f.month_offset, day: f.day, closed_day })
    }
}

impl From<DeadlineRule> for RuleFields {
    fn from(r: DeadlineRule) -> RuleFields {
        RuleFields { month_offset: r.month_offset, day: r.day, closed_day: Some(r.closed_day) }
    }
}

/// A bureau's (or office's) deadline: its rule or `"unknown"`, the bureau's own words, the
/// source, and dates published for particular designation months that override the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineSpec {
    pub rule: Known<DeadlineRule>,
    /// The bureau's wording, e.g. 「指定の2か月前の1日（閉庁日の場合は前の開庁日）まで」.
    #[serde(default)]
    pub wording: Option<String>,
    /// How to hand it in, in the bureau's words (「持参または郵送」), from the same source.
    #[serde(default)]
    pub how: Option<String>,
    pub source: Source,
    /// Designation month → published deadline date.
    #[serde(default)]
    pub overrides: BTreeMap<YearMonth, IsoDate>,
}

/// A deadline as written in a file: the rule keeps where it stands.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineSpecFile {
    rule: Spanned<Known<DeadlineRule>>,
    wording: Option<String>,
    how: Option<String>,
    source: Spanned<Source>,
    overrides: Option<Spanned<BTreeMap<YearMonth, IsoDate>>>,
}

impl DeadlineSpecFile {
    fn checked(&self) -> DeadlineSpec {
        DeadlineSpec {
            rule: self.rule.get_ref().clone(),
            wording: self.wording.clone(),
            how: self.how.clone(),
            source: self.source.get_ref().clone(),
            overrides: self.overrides.as_ref().map(|o| o.get_ref().clone()).unwrap_or_default(),
        }
    }

    /// Where its source's date and its published months stand, for `site check`.
    fn markers(
        &self,
        field: &str,
        sources: &mut Vec<(Range<usize>, String, IsoDate)>,
        overrides: &mut Vec<(Range<usize>, String, Vec<YearMonth>)>,
    ) {
        if let Some(seen) = self.source.get_ref().seen {
            sources.push((self.source.span(), format!("{field}.source"), seen));
        }
        if let Some(o) = &self.overrides {
            overrides.push((o.span(), format!("{field}.overrides"), o.get_ref().keys().copied().collect()));
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BureauFile {
    id: Spanned<String>,
    name: String,
    prefectures: Spanned<Vec<String>>,
    official_site: Spanned<String>,
    reception_request: Option<DeadlineSpecFile>,
    designation_application: Option<DeadlineSpecFile>,
    #[serde(default)]
    office: Vec<OfficeFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeFile {
    id: Spanned<String>,
    name: Spanned<Known<String>>,
    prefectures: Spanned<Vec<String>>,
    postal_code: Spanned<Known<PostalCode>>,
    address: Spanned<Known<String>>,
    phone: Spanned<Known<Phone>>,
    source: Option<Spanned<Source>>,
    contact_source: Option<Spanned<Source>>,
    #[serde(default)]
    note: Option<String>,
    reception_request: Option<DeadlineSpecFile>,
    designation_application: Option<DeadlineSpecFile>,
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
}

/// An office (事務所, 分室, 指導監査課) that receives the forms, with its effective rules
/// (its own, or the bureau's when it has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    pub id: String,
    pub name: Known<String>,
    pub prefectures: Vec<String>,
    pub postal_code: Known<PostalCode>,
    pub address: Known<String>,
    pub phone: Known<Phone>,
    /// Where the office's name was read.
    pub source: Option<Source>,
    /// Where its postal code, address and phone were read (published with that page's date).
    #[serde(default)]
    pub contact_source: Option<Source>,
    pub note: Option<String>,
    /// 受付番号情報提供依頼書 (別紙1) deadline.
    pub reception_request: DeadlineSpec,
    /// 指定申請 deadline.
    pub designation_application: DeadlineSpec,
}

impl Office {
    /// The office's name, or what it is known by when the name is not confirmed.
    pub fn display_name(&self) -> String {
        match &self.name {
            Known::Known(n) => n.clone(),
            Known::Unknown => format!("{}を受け持つ事務所（名称未確認）", self.prefectures.join("・")),
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

/// Where content says a value is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMarker {
    pub file: String,
    pub line: usize,
    /// e.g. `office.toyama.phone`.
    pub field: String,
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Parses and checks one bureau file. `file` is the name used in messages
/// (e.g. `content/bureaus/tohoku.toml`); the bureau id must equal the file's stem.
pub fn parse_bureau(file: &str, text: &str) -> Result<Bureau, ContentError> {
    let err = |span: Option<Range<usize>>, message: String| ContentError {
        file: file.to_string(),
        line: span.map(|s| line_of(text, s.start)),
        message,
    };
    let raw: BureauFile = toml::from_str(text).map_err(|e| err(e.span(), japanese(e.message())))?;

    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".toml");
    if !is_id(raw.id.get_ref()) || raw.id.get_ref() != stem {
        return Err(err(
            Some(raw.id.span()),
            format!("id「{}」はファイル名（{stem}.toml）と同じ英小文字にしてください", raw.id.get_ref()),
        ));
    }
    check_prefectures(&raw.prefectures).map_err(|m| err(Some(raw.prefectures.span()), m))?;
    if !raw.official_site.get_ref().starts_with("https://") {
        return Err(err(
            Some(raw.official_site.span()),
            format!(
                "official_site「{}」は https:// で始まる局のページのアドレスにしてください",
                raw.official_site.get_ref()
            ),
        ));
    }
    if raw.office.is_empty() {
        return Err(err(None, "事務所が一つもありません。[[office]] を一つ以上書いてください".into()));
    }

    let mut unknowns: Vec<(Range<usize>, String)> = Vec::new();
    let spec_unknown = |spec: &Option<DeadlineSpecFile>| spec.as_ref().and_then(|s| unknown_span(&s.rule));
    for (span, field) in [
        (spec_unknown(&raw.reception_request), "reception_request.rule".to_string()),
        (spec_unknown(&raw.designation_application), "designation_application.rule".to_string()),
    ] {
        if let Some(span) = span {
            unknowns.push((span, field));
        }
    }

    let mut sources: Vec<(Range<usize>, String, IsoDate)> = Vec::new();
    let mut overrides: Vec<(Range<usize>, String, Vec<YearMonth>)> = Vec::new();
    for (spec, field) in
        [(&raw.reception_request, "reception_request"), (&raw.designation_application, "designation_application")]
    {
        if let Some(spec) = spec {
            spec.markers(field, &mut sources, &mut overrides);
        }
    }
    let mut seen_ids = BTreeSet::new();
    let mut served: BTreeMap<String, String> = BTreeMap::new();
    let mut offices = Vec::with_capacity(raw.office.len());
    for o in raw.office {
        let id = o.id.get_ref().clone();
        if !is_id(&id) {
            return Err(err(Some(o.id.span()), format!("事務所の id「{id}」は英小文字・数字・_ で書いてください")));
        }
        if !seen_ids.insert(id.clone()) {
            return Err(err(Some(o.id.span()), format!("事務所の id「{id}」が重複しています")));
        }
        check_prefectures(&o.prefectures).map_err(|m| err(Some(o.prefectures.span()), m))?;
        for p in o.prefectures.get_ref() {
            if !raw.prefectures.get_ref().contains(p) {
                return Err(err(Some(o.prefectures.span()), format!("{p} はこの局の管轄（prefectures）にありません")));
            }
            if let Some(other) = served.insert(p.clone(), id.clone()) {
                return Err(err(
                    Some(o.prefectures.span()),
                    format!("{p} を事務所「{other}」と「{id}」の両方が受け持っています。一つにしてください"),
                ));
            }
        }
        let contact_known = [
            o.postal_code.get_ref().known().is_some(),
            o.address.get_ref().known().is_some(),
            o.phone.get_ref().known().is_some(),
        ];
        if contact_known.contains(&true) {
            match &o.contact_source {
                Some(src) if src.get_ref().url.is_some() && src.get_ref().seen.is_some() => {}
                Some(src) => {
                    return Err(err(
                        Some(src.span()),
                        format!("事務所「{id}」の contact_source には url（ページのアドレス）と seen（ページの日付）を書いてください。所在地・電話番号はその日付とともに公開します"),
                    ))
                }
                None => {
                    return Err(err(
                        Some(o.id.span()),
                        format!("事務所「{id}」の所在地・電話番号に出典がありません。contact_source = {{ url = \"https://…\", seen = 2024-01-01 }} を書くか、分からなければ \"unknown\" にしてください"),
                    ))
                }
            }
        }
        let prefix = format!("office.{id}");
        for (source, field) in [(&o.source, "source"), (&o.contact_source, "contact_source")] {
            if let Some(src) = source {
                if let Some(seen) = src.get_ref().seen {
                    sources.push((src.span(), format!("{prefix}.{field}"), seen));
                }
            }
        }
        for (spec, field) in
            [(&o.reception_request, "reception_request"), (&o.designation_application, "designation_application")]
        {
            if let Some(spec) = spec {
                spec.markers(&format!("{prefix}.{field}"), &mut sources, &mut overrides);
            }
        }
        for (span, field) in [
            (unknown_span(&o.name), "name"),
            (unknown_span(&o.postal_code), "postal_code"),
            (unknown_span(&o.address), "address"),
            (unknown_span(&o.phone), "phone"),
            (spec_unknown(&o.reception_request), "reception_request.rule"),
            (spec_unknown(&o.designation_application), "designation_application.rule"),
        ] {
            if let Some(span) = span {
                unknowns.push((span, format!("{prefix}.{field}")));
            }
        }
        let effective = |own: Option<DeadlineSpecFile>, bureau: &Option<DeadlineSpecFile>, key: &str| {
            own.as_ref().or(bureau.as_ref()).map(DeadlineSpecFile::checked).ok_or_else(|| {
                err(
                    Some(o.id.span()),
                    format!("事務所「{id}」の {key} がありません。事務所か局全体に [{key}] を書いてください（不明なら rule = \"unknown\"）"),
                )
            })
        };
        offices.push(Office {
            reception_request: effective(o.reception_request, &raw.reception_request, "reception_request")?,
            designation_application: effective(
                o.designation_application,
                &raw.designation_application,
                "designation_application",
            )?,
            id,
            name: o.name.into_inner(),
            prefectures: o.prefectures.into_inner(),
            postal_code: o.postal_code.into_inner(),
            address: o.address.into_inner(),
            phone: o.phone.into_inner(),
            source: o.source.map(Spanned::into_inner),
            contact_source: o.contact_source.map(Spanned::into_inner),
            note: o.note,
        });
    }
    if let Some(p) = raw.prefectures.get_ref().iter().find(|p| !served.contains_key(*p)) {
        return Err(err(Some(raw.prefectures.span()), format!("{p} を受け持つ事務所がありません")));
    }
    unknowns.sort_by_key(|(span, _)| span.start);
    Ok(Bureau {
        id: raw.id.into_inner(),
        name: raw.name,
        prefectures: raw.prefectures.into_inner(),
        official_site: raw.official_site.into_inner(),
        offices,
        file: file.to_string(),
        unknowns: unknowns
            .into_iter()
            .map(|(span, field)| UnknownMarker { file: file.to_string(), line: line_of(text, span.start), field })
            .collect(),
        dated_sources: sources
            .into_iter()
            .map(|(span, field, seen)| DatedSource {
                file: file.to_string(),
                line: line_of(text, span.start),
                field,
                seen: seen.0,
            })
            .collect(),
        published_months: overrides
            .into_iter()
            .map(|(span, field, months)| PublishedMonths {
                file: file.to_string(),
                line: line_of(text, span.start),
                field,
                months,
            })
            .collect(),
    })
}

fn unknown_span<T>(k: &Spanned<Known<T>>) -> Option<Range<usize>> {
    match k.get_ref() {
        Known::Unknown => Some(k.span()),
        Known::Known(_) => None,
    }
}

fn check_prefectures(list: &Spanned<Vec<String>>) -> Result<(), String> {
    if list.get_ref().is_empty() {
        return Err("prefectures が空です。受け持つ都道府県を書いてください".into());
    }
    let mut seen = BTreeSet::new();
    for p in list.get_ref() {
        if !PREFECTURES.contains(&p.as_str()) {
            return Err(format!("「{p}」は都道府県名ではありません。「宮城県」「東京都」のように書いてください"));
        }
        if !seen.insert(p) {
            return Err(format!("{p} が二度書かれています"));
        }
    }
    Ok(())
}

/// Checks a whole set of bureau files together: every prefecture of Japan belongs to exactly
/// one bureau.
pub fn check_bureau_set(bureaus: &[Bureau]) -> Result<(), ContentError> {
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for b in bureaus {
        for p in &b.prefectures {
            if let Some(other) = owner.insert(p, &b.id) {
                return Err(ContentError {
                    file: b.file.clone(),
                    line: None,
                    message: format!("{p} が {other} と {} の両方の管轄になっています", b.id),
                });
            }
        }
    }
    if let Some(p) = PREFECTURES.iter().find(|p| !owner.contains_key(*p)) {
        return Err(ContentError {
            file: "content/bureaus".into(),
            line: None,
            message: format!("{p} がどの局の管轄にもありません"),
        });
    }
    Ok(())
}
