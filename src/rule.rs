//! The deadline-rule language: "a day of the month so many months before the designation
//! month, moved so when it is closed", and which of a bureau's two deadlines a rule is for.
//!
//! The notice's 目安 (`content/notice.toml`) and the bureaus' deadlines (`content/bureaus/`)
//! are both written in it; it stands on the closed-day calendar only.

use crate::calendar::{Calendar, CalendarError};
use chrono::{Datelike, Months, NaiveDate};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Which of a bureau's (office's) two deadlines: 別紙3 ⑤ and ⑩.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// 受付番号情報提供依頼書（別紙1）.
    ReceptionRequest,
    /// 指定申請.
    DesignationApplication,
}

impl DeadlineKind {
    /// Both, in the order of the procedure.
    pub const ALL: [DeadlineKind; 2] = [DeadlineKind::ReceptionRequest, DeadlineKind::DesignationApplication];

    /// The key in content files and JSON (`reception_request`).
    pub fn key(self) -> &'static str {
        match self {
            DeadlineKind::ReceptionRequest => "reception_request",
            DeadlineKind::DesignationApplication => "designation_application",
        }
    }

    pub fn parse(key: &str) -> Option<DeadlineKind> {
        DeadlineKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// What the offices page calls it.
    pub fn label(self) -> &'static str {
        match self {
            DeadlineKind::ReceptionRequest => "受付番号情報提供依頼書（別紙1）の提出期限",
            DeadlineKind::DesignationApplication => "指定申請の提出期限",
        }
    }

    /// The short name of `site bureaus`' list.
    pub fn short_label(self) -> &'static str {
        match self {
            DeadlineKind::ReceptionRequest => "受付番号の依頼期限",
            DeadlineKind::DesignationApplication => "指定申請の期限",
        }
    }
}

impl fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
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

impl DeadlineRule {
    /// The deadline for a designation on `designation` (the 1st of its month).
    pub fn deadline(
        &self,
        designation: NaiveDate,
        calendar: &Calendar,
    ) -> Result<(NaiveDate, Option<NaiveDate>), CalendarError> {
        let first = designation.with_day(1).ok_or(CalendarError::OutOfRange(designation))?;
        let month = first
            .checked_sub_months(Months::new(self.month_offset.unsigned_abs()))
            .ok_or(CalendarError::OutOfRange(designation))?;
        match self.day {
            DaySpec::FirstOpenDay => Ok((calendar.next_open_day(month)?, None)),
            DaySpec::Day(day) => {
                let base = month.with_day(day).expect("day is 1..=28");
                let date = match self.closed_day {
                    ClosedDayPolicy::None => base,
                    ClosedDayPolicy::PreviousOpenDay => calendar.previous_open_day(base)?,
                    ClosedDayPolicy::NextOpenDay => calendar.next_open_day(base)?,
                };
                Ok((date, (date != base).then_some(base)))
            }
        }
    }

    /// The rule in Japanese, e.g. 「指定月の2か月前の1日（閉庁日なら前の開庁日）」.
    pub fn describe(&self) -> String {
        let month = match self.month_offset {
            0 => "指定月".to_string(),
            -1 => "指定月の前月".to_string(),
            -2 => "指定月の前々月".to_string(),
            n => format!("指定月の{}か月前の月", -n),
        };
        match (self.day, self.closed_day) {
            (DaySpec::FirstOpenDay, _) => format!("{month}の最初の開庁日"),
            (DaySpec::Day(d), ClosedDayPolicy::None) => {
                // The notice (or the bureau) says nothing of a closed day: the date is kept, and
                // the schedule flags it (`Note::FixedOnClosedDay`), never says it cannot move.
                format!("{month}の{d}日（閉庁日の定めなし）")
            }
            (DaySpec::Day(d), ClosedDayPolicy::PreviousOpenDay) => {
                format!("{month}の{d}日（閉庁日なら前の開庁日）")
            }
            (DaySpec::Day(d), ClosedDayPolicy::NextOpenDay) => {
                format!("{month}の{d}日（閉庁日なら翌開庁日）")
            }
        }
    }

    /// A day no closed day moves (「閉庁日の定めなし」: kept as it is), unlike 「最初の開庁日」 which is open
    /// by definition.
    pub fn keeps_closed_days(&self) -> bool {
        self.closed_day == ClosedDayPolicy::None && self.day != DaySpec::FirstOpenDay
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_deadline_kind_has_one_key_and_its_labels() {
        for kind in DeadlineKind::ALL {
            assert_eq!(DeadlineKind::parse(kind.key()), Some(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.key()));
            assert_eq!(kind.to_string(), kind.key());
        }
        assert_eq!(DeadlineKind::parse("reception"), None);
        let labels: Vec<_> = DeadlineKind::ALL.iter().map(|k| (k.key(), k.label(), k.short_label())).collect();
        assert_eq!(
            labels,
            [
                ("reception_request", "受付番号情報提供依頼書（別紙1）の提出期限", "受付番号の依頼期限"),
                ("designation_application", "指定申請の提出期限", "指定申請の期限"),
            ]
        );
    }

    #[test]
    fn months_are_counted_back_from_the_designation_month() {
        let calendar = &crate::content::repository().calendar;
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let rule = |month_offset, day| DeadlineRule {
            month_offset,
            day: DaySpec::Day(day),
            closed_day: ClosedDayPolicy::None,
        };
        // Across a year: 前々月 of 2027-02 is 2026-12.
        assert_eq!(rule(-2, 15).deadline(d("2027-02-01"), calendar).unwrap(), (d("2026-12-15"), None));
        assert_eq!(rule(0, 1).deadline(d("2027-02-01"), calendar).unwrap(), (d("2027-02-01"), None));
        assert_eq!(rule(-12, 28).deadline(d("2027-02-01"), calendar).unwrap(), (d("2026-02-28"), None));
        assert!(rule(-2, 15).keeps_closed_days());
        assert!(!DeadlineRule { month_offset: -2, day: DaySpec::FirstOpenDay, closed_day: ClosedDayPolicy::None }
            .keeps_closed_days());
        assert_eq!(rule(-3, 10).describe(), "指定月の3か月前の月の10日（閉庁日の定めなし）");
    }
}
