//! Closed days (閉庁日) of Japan's administrative organs and the national holidays they follow.
//!
//! 行政機関の休日に関する法律 第1条: Saturdays, Sundays, 国民の祝日に関する法律 (祝日法) holidays
//! and 12/29–1/3 are closed days. The rules of 祝日法 are code; what the law leaves to
//! publication (each year's 春分日・秋分日 from the 暦要項, one-off holidays and moves made by
//! special laws) is content, `content/calendar.toml`, given to [`Calendar::new`] as
//! [`CalendarFacts`]. Answers cover [`FIRST_SUPPORTED_DAY`]..=[`LAST_SUPPORTED_DAY`]; outside
//! that range every method returns [`CalendarError::OutOfRange`].

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// 祝日法 was promulgated and took effect on 1948-07-20.
pub const FIRST_SUPPORTED_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1948, 7, 20) {
    Some(d) => d,
    None => panic!(),
};
/// The standard equinox formula is valid to 2099.
pub const LAST_SUPPORTED_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2099, 12, 31) {
    Some(d) => d,
    None => panic!(),
};

/// Why a date is outside what the calendar can answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    OutOfRange(NaiveDate),
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalendarError::OutOfRange(d) => {
                write!(f, "{d} は対応範囲の外です。1948-07-20 から 2099-12-31 までの日付を指定してください。")
            }
        }
    }
}

impl std::error::Error for CalendarError {}

/// What kind of holiday a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// 国民の祝日 (祝日法 第2条), including days made 国民の祝日 by a special law.
    National,
    /// 振替休日 (祝日法 第3条第2項, from 1973-04-12).
    Substitute,
    /// 国民の休日 (祝日法 第3条第3項, from 1985-12-27).
    Citizens,
}

/// One holiday: a date, its Japanese name, and whether its date is provisional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: Cow<'static, str>,
    pub kind: HolidayKind,
    /// True when the date depends on an equinox not yet published in a 暦要項.
    pub provisional: bool,
}

/// Why a day is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "holiday", rename_all = "snake_case")]
pub enum ClosedReason {
    Saturday,
    Sunday,
    Holiday(Holiday),
    /// 12/29–1/3 (行政機関の休日に関する法律 第1条第1項第3号).
    YearEnd,
}

impl ClosedReason {
    /// Japanese label, as printed by `closed-days` and on the site.
    pub fn label(&self) -> String {
        match self {
            ClosedReason::Saturday => "土曜日".to_string(),
            ClosedReason::Sunday => "日曜日".to_string(),
            ClosedReason::Holiday(h) if h.provisional => format!("{}（暫定）", h.name),
            ClosedReason::Holiday(h) => h.name.to_string(),
            ClosedReason::YearEnd => "年末年始の休日".to_string(),
        }
    }
}

fn check(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    if (FIRST_SUPPORTED_DAY..=LAST_SUPPORTED_DAY).contains(&date) {
        Ok(date)
    } else {
        Err(CalendarError::OutOfRange(date))
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}

/// The n-th (1-based) given weekday of a month (Happy Monday days).
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n).expect("n-th weekday exists")
}

/// One year's 春分日 and 秋分日 as published in the 暦要項. 1948 has no 春分の日 (the law came
/// into force on 7/20).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedEquinoxes {
    #[serde(default, with = "crate::iso_date::option")]
    pub vernal: Option<NaiveDate>,
    #[serde(with = "crate::iso_date")]
    pub autumnal: NaiveDate,
}

/// A day made a holiday once by a special law (1959-04-10, 2019-05-01, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneOffHoliday {
    #[serde(with = "crate::iso_date")]
    pub date: NaiveDate,
    pub name: String,
    pub law: String,
}

/// A 祝日 moved to another date for one year by a law (the Olympic years 2020 and 2021).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovedHoliday {
    /// The name of the 祝日 as in 祝日法 (海の日, 山の日, スポーツの日).
    pub name: String,
    #[serde(with = "crate::iso_date")]
    pub date: NaiveDate,
    pub law: String,
}

/// What the calendar needs besides the law's rules: `content/calendar.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFacts {
    /// Year → published equinoxes. Years after the last one use the standard formula and are
    /// marked provisional.
    pub equinoxes: BTreeMap<i32, PublishedEquinoxes>,
    #[serde(default)]
    pub one_off: Vec<OneOffHoliday>,
    #[serde(default)]
    pub moved: Vec<MovedHoliday>,
}

/// The names of the 祝日 that 祝日法 itself defines (a moved holiday must be one of them).
pub const LAW_HOLIDAY_NAMES: [&str; 17] = [
    "元日",
    "成人の日",
    "建国記念の日",
    "天皇誕生日",
    "春分の日",
    "昭和の日",
    "みどりの日",
    "憲法記念日",
    "こどもの日",
    "海の日",
    "山の日",
    "敬老の日",
    "秋分の日",
    "体育の日",
    "スポーツの日",
    "文化の日",
    "勤労感謝の日",
];

/// The closed-day calendar: the law's rules with the published facts, every year's holidays
/// computed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    facts: CalendarFacts,
    /// Holidays of each year from 1948, sorted by date.
    years: Vec<Vec<Holiday>>,
}

impl Serialize for Calendar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.facts.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Calendar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        CalendarFacts::deserialize(d).map(Calendar::new)
    }
}

/// The standard approximation for 1980..=2099:
/// `floor(base + 0.242194 (y − 1980) − floor((y − 1980) / 4))`.
pub(crate) fn equinox_formula_day(year: i32, base: f64) -> u32 {
    let n = (year - 1980) as f64;
    (base + 0.242194 * n - (n / 4.0).floor()).floor() as u32
}

/// 振替休日 rule start (昭和48年法律第10号, in force 1973-04-12).
const SUBSTITUTE_FROM: NaiveDate = match NaiveDate::from_ymd_opt(1973, 4, 12) {
    Some(d) => d,
    None => panic!(),
};
/// 国民の休日 rule start (昭和60年法律第103号, in force 1985-12-27).
const CITIZENS_FROM: NaiveDate = match NaiveDate::from_ymd_opt(1985, 12, 27) {
    Some(d) => d,
    None => panic!(),
};

impl Calendar {
    /// The calendar for the given facts.
    pub fn new(facts: CalendarFacts) -> Calendar {
        let mut calendar = Calendar { facts, years: Vec::new() };
        calendar.years =
            (FIRST_SUPPORTED_DAY.year()..=LAST_SUPPORTED_DAY.year()).map(|y| calendar.compute_year(y)).collect();
        calendar
    }

    pub fn facts(&self) -> &CalendarFacts {
        &self.facts
    }

    /// The last year whose 春分日・秋分日 are published (content), if any.
    pub fn last_published_equinox_year(&self) -> Option<i32> {
        self.facts.equinoxes.iter().rev().find(|(_, e)| e.vernal.is_some()).map(|(y, _)| *y)
    }

    /// 春分日 of a year and whether it is provisional.
    fn vernal_equinox(&self, year: i32) -> (NaiveDate, bool) {
        match self.facts.equinoxes.get(&year).and_then(|e| e.vernal) {
            Some(d) => (d, false),
            None => (ymd(year, 3, equinox_formula_day(year, 20.8431)), true),
        }
    }

    /// 秋分日 of a year and whether it is provisional.
    fn autumnal_equinox(&self, year: i32) -> (NaiveDate, bool) {
        match self.facts.equinoxes.get(&year) {
            Some(e) => (e.autumnal, false),
            None => (ymd(year, 9, equinox_formula_day(year, 23.2488)), true),
        }
    }

    /// 国民の祝日 of a year (祝日法 第2条 as amended, moves and one-off days by special laws),
    /// without 振替休日 and 国民の休日. Sorted by date.
    fn national_holidays(&self, year: i32) -> Vec<Holiday> {
        let mut days: Vec<Holiday> = Vec::with_capacity(20);
        let mut add = |date: NaiveDate, name: &'static str, provisional: bool| {
            // A law may move a 祝日 for one year (content: [[moved]]).
            let date = self
                .facts
                .moved
                .iter()
                .find(|m| m.name == name && m.date.year() == year)
                .map(|m| m.date)
                .unwrap_or(date);
            if date >= FIRST_SUPPORTED_DAY {
                days.push(Holiday { date, name: Cow::Borrowed(name), kind: HolidayKind::National, provisional });
            }
        };
        let y = year;
        add(ymd(y, 1, 1), "元日", false);
        match y {
            ..=1999 => add(ymd(y, 1, 15), "成人の日", false),
            _ => add(nth_weekday(y, 1, Weekday::Mon, 2), "成人の日", false),
        }
        if y >= 1967 {
            add(ymd(y, 2, 11), "建国記念の日", false);
        }
        if y >= 2020 {
            add(ymd(y, 2, 23), "天皇誕生日", false);
        }
        if y >= 1949 {
            let (d, p) = self.vernal_equinox(y);
            add(d, "春分の日", p);
        }
        match y {
            ..=1988 => add(ymd(y, 4, 29), "天皇誕生日", false),
            1989..=2006 => add(ymd(y, 4, 29), "みどりの日", false),
            _ => add(ymd(y, 4, 29), "昭和の日", false),
        }
        add(ymd(y, 5, 3), "憲法記念日", false);
        if y >= 2007 {
            add(ymd(y, 5, 4), "みどりの日", false);
        }
        add(ymd(y, 5, 5), "こどもの日", false);
        match y {
            ..=1995 => {}
            1996..=2002 => add(ymd(y, 7, 20), "海の日", false),
            _ => add(nth_weekday(y, 7, Weekday::Mon, 3), "海の日", false),
        }
        if y >= 2016 {
            add(ymd(y, 8, 11), "山の日", false);
        }
        match y {
            ..=1965 => {}
            1966..=2002 => add(ymd(y, 9, 15), "敬老の日", false),
            _ => add(nth_weekday(y, 9, Weekday::Mon, 3), "敬老の日", false),
        }
        let (d, p) = self.autumnal_equinox(y);
        add(d, "秋分の日", p);
        match y {
            ..=1965 => {}
            1966..=1999 => add(ymd(y, 10, 10), "体育の日", false),
            2000..=2019 => add(nth_weekday(y, 10, Weekday::Mon, 2), "体育の日", false),
            _ => add(nth_weekday(y, 10, Weekday::Mon, 2), "スポーツの日", false),
        }
        add(ymd(y, 11, 3), "文化の日", false);
        add(ymd(y, 11, 23), "勤労感謝の日", false);
        if (1989..=2018).contains(&y) {
            add(ymd(y, 12, 23), "天皇誕生日", false);
        }
        for day in self.facts.one_off.iter().filter(|d| d.date.year() == y) {
            days.push(Holiday {
                date: day.date,
                name: Cow::Owned(day.name.clone()),
                kind: HolidayKind::National,
                provisional: false,
            });
        }
        days.sort_by_key(|h| h.date);
        days
    }

    /// Every holiday of a year: 国民の祝日, 振替休日 and 国民の休日, sorted by date.
    fn compute_year(&self, year: i32) -> Vec<Holiday> {
        let national = self.national_holidays(year);
        let is_national = |d: NaiveDate| national.iter().any(|h| h.date == d);
        let mut all = national.clone();

        // 振替休日. Until 2006: the Monday after a Sunday 祝日 (if that Monday is not itself a 祝日).
        // From 2007 (平成17年法律第43号): the nearest following day that is not a 祝日.
        for h in national.iter().filter(|h| h.date >= SUBSTITUTE_FROM && h.date.weekday() == Weekday::Sun) {
            let mut d = h.date + Days::new(1);
            if year >= 2007 {
                while is_national(d) {
                    d = d + Days::new(1);
                }
            } else if is_national(d) {
                continue;
            }
            all.push(Holiday {
                date: d,
                name: Cow::Borrowed("振替休日"),
                kind: HolidayKind::Substitute,
                provisional: h.provisional,
            });
        }

        // 国民の休日: a day between two 祝日 that is not itself a 祝日. Until 2006 Sundays and
        // 振替休日 were excluded.
        for pair in national.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if b.date.signed_duration_since(a.date).num_days() != 2 {
                continue;
            }
            let d = a.date + Days::new(1);
            if d < CITIZENS_FROM || all.iter().any(|h| h.date == d) {
                continue;
            }
            if year < 2007 && d.weekday() == Weekday::Sun {
                continue;
            }
            all.push(Holiday {
                date: d,
                name: Cow::Borrowed("国民の休日"),
                kind: HolidayKind::Citizens,
                provisional: a.provisional || b.provisional,
            });
        }
        all.sort_by_key(|h| h.date);
        all
    }

    /// Every holiday of a year, sorted by date. Days before 1948-07-20 are not included.
    pub fn holidays_in_year(&self, year: i32) -> Result<&[Holiday], CalendarError> {
        if !(FIRST_SUPPORTED_DAY.year()..=LAST_SUPPORTED_DAY.year()).contains(&year) {
            return Err(CalendarError::OutOfRange(ymd(year.clamp(-9999, 9999), 1, 1)));
        }
        Ok(&self.years[(year - FIRST_SUPPORTED_DAY.year()) as usize])
    }

    /// Holidays from `from` to `to`, both inclusive.
    pub fn holidays_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Holiday>, CalendarError> {
        check(from)?;
        check(to)?;
        let mut out = Vec::new();
        for year in from.year()..=to.year() {
            out.extend(self.holidays_in_year(year)?.iter().filter(|h| h.date >= from && h.date <= to).cloned());
        }
        Ok(out)
    }

    /// Whether a provisional holiday (an equinox not yet published) lies between two dates,
    /// both included, in either order.
    pub fn provisional_between(&self, a: NaiveDate, b: NaiveDate) -> Result<bool, CalendarError> {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        check(from)?;
        check(to)?;
        for year in from.year()..=to.year() {
            if self.holidays_in_year(year)?.iter().any(|h| h.provisional && h.date >= from && h.date <= to) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The holiday on a date, if any.
    pub fn holiday(&self, date: NaiveDate) -> Result<Option<&Holiday>, CalendarError> {
        check(date)?;
        Ok(self.holidays_in_year(date.year())?.iter().find(|h| h.date == date))
    }

    /// Why `date` is a closed day (閉庁日), or `None` for an open day. A holiday wins over the
    /// weekday and the year-end reason, so that `closed-days` names 元日 rather than 年末年始.
    pub fn closed_reason(&self, date: NaiveDate) -> Result<Option<ClosedReason>, CalendarError> {
        if let Some(h) = self.holiday(date)? {
            return Ok(Some(ClosedReason::Holiday(h.clone())));
        }
        let (m, d) = (date.month(), date.day());
        if (m == 12 && d >= 29) || (m == 1 && d <= 3) {
            return Ok(Some(ClosedReason::YearEnd));
        }
        Ok(match date.weekday() {
            Weekday::Sat => Some(ClosedReason::Saturday),
            Weekday::Sun => Some(ClosedReason::Sunday),
            _ => None,
        })
    }

    /// True on a closed day.
    pub fn is_closed(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        check(date)?;
        let (m, d) = (date.month(), date.day());
        Ok(matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            || (m == 12 && d >= 29)
            || (m == 1 && d <= 3)
            || self.holiday(date)?.is_some())
    }

    /// Every closed day from `from` to `to`, both inclusive, with its reason.
    pub fn closed_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, ClosedReason)>, CalendarError> {
        check(from)?;
        check(to)?;
        let mut out = Vec::new();
        for date in from.iter_days().take_while(|d| *d <= to) {
            if let Some(r) = self.closed_reason(date)? {
                out.push((date, r));
            }
        }
        Ok(out)
    }

    /// The first open day on or after `date`.
    pub fn next_open_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.step_to_open(date, true)
    }

    /// The last open day on or before `date`.
    pub fn previous_open_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.step_to_open(date, false)
    }

    fn step_to_open(&self, date: NaiveDate, forward: bool) -> Result<NaiveDate, CalendarError> {
        let mut d = check(date)?;
        while self.is_closed(d)? {
            d = check(if forward { d + Days::new(1) } else { d - Days::new(1) })?;
        }
        Ok(d)
    }

    /// The `n`-th open day after `date` (n > 0), or before it (n < 0); `date` itself never
    /// counts. `add_business_days(d, 0)` is `d`.
    pub fn add_business_days(&self, date: NaiveDate, n: i32) -> Result<NaiveDate, CalendarError> {
        let mut d = check(date)?;
        let mut left = n.unsigned_abs();
        while left > 0 {
            d = check(if n > 0 { d + Days::new(1) } else { d - Days::new(1) })?;
            if !self.is_closed(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }
}

/// Japanese one-character weekday: 月 火 水 木 金 土 日.
pub fn weekday_ja(date: NaiveDate) -> &'static str {
    ["月", "火", "水", "木", "金", "土", "日"][date.weekday().num_days_from_monday() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn cal() -> &'static Calendar {
        &crate::content::repository().calendar
    }

    fn name(s: &str) -> Option<String> {
        cal().holiday(d(s)).unwrap().map(|h| h.name.to_string())
    }

    #[test]
    fn range_is_enforced() {
        assert!(cal().holiday(d("1948-07-19")).is_err());
        assert!(cal().holiday(d("2100-01-01")).is_err());
        assert_eq!(cal().closed_reason(d("2100-06-01")).unwrap_err(), CalendarError::OutOfRange(d("2100-06-01")));
        assert_eq!(cal().holiday(d("1948-07-20")).unwrap(), None);
        assert!(cal().holidays_in_year(2100).is_err());
        let msg = cal().holiday(d("2100-01-01")).unwrap_err().to_string();
        assert!(msg.contains("1948-07-20") && msg.contains("2099-12-31"), "{msg}");
        // 1948: only the days after the law came into force.
        let y1948: Vec<_> = cal().holidays_in_year(1948).unwrap().iter().map(|h| h.date).collect();
        assert_eq!(y1948, vec![d("1948-09-23"), d("1948-11-03"), d("1948-11-23")]);
    }

    #[test]
    fn one_off_days() {
        assert_eq!(name("1959-04-10"), Some("皇太子明仁親王の結婚の儀".to_string()));
        assert_eq!(name("1989-02-24"), Some("昭和天皇の大喪の礼".to_string()));
        assert_eq!(name("1990-11-12"), Some("即位礼正殿の儀".to_string()));
        assert_eq!(name("1993-06-09"), Some("皇太子徳仁親王の結婚の儀".to_string()));
    }

    #[test]
    fn year_2019() {
        assert_eq!(name("2019-04-30"), Some("国民の休日".to_string()));
        assert_eq!(name("2019-05-01"), Some("天皇の即位の日".to_string()));
        assert_eq!(name("2019-05-02"), Some("国民の休日".to_string()));
        assert_eq!(name("2019-05-06"), Some("振替休日".to_string()));
        assert_eq!(name("2019-10-22"), Some("即位礼正殿の儀の行われる日".to_string()));
        // No 天皇誕生日 in 2019: not on 12/23 (平成) and not yet on 2/23 (令和).
        assert_eq!(name("2019-12-23"), None);
        assert_eq!(name("2019-02-23"), None);
        assert_eq!(name("2018-12-24"), Some("振替休日".to_string()));
    }

    #[test]
    fn olympic_moves() {
        assert_eq!(name("2020-07-23"), Some("海の日".to_string()));
        assert_eq!(name("2020-07-24"), Some("スポーツの日".to_string()));
        assert_eq!(name("2020-08-10"), Some("山の日".to_string()));
        assert_eq!(name("2020-07-20"), None);
        assert_eq!(name("2020-08-11"), None);
        assert_eq!(name("2020-10-12"), None);
        assert_eq!(name("2021-07-22"), Some("海の日".to_string()));
        assert_eq!(name("2021-07-23"), Some("スポーツの日".to_string()));
        assert_eq!(name("2021-08-08"), Some("山の日".to_string()));
        assert_eq!(name("2021-08-09"), Some("振替休日".to_string()));
        for ordinary in ["2021-07-19", "2021-08-11", "2021-10-11"] {
            assert_eq!(name(ordinary), None, "{ordinary}");
            assert!(!cal().is_closed(d(ordinary)).unwrap(), "{ordinary}");
        }
    }

    #[test]
    fn substitute_holiday_rules() {
        // Before 1973-04-12 there was no 振替休日: 1973-02-11 was a Sunday.
        assert_eq!(name("1973-02-12"), None);
        // The first one: 天皇誕生日 1973-04-29 was a Sunday.
        assert_eq!(name("1973-04-30"), Some("振替休日".to_string()));
        // Before 2007: only the Monday. 2006-05-03.. no; 1998-05-03 Sunday -> 5/4 振替休日.
        assert_eq!(name("1998-05-04"), Some("振替休日".to_string()));
        // From 2007: the next day that is not a 祝日. 2008-05-04 Sunday (みどりの日) -> 5/6.
        assert_eq!(name("2008-05-06"), Some("振替休日".to_string()));
        assert_eq!(name("2015-05-06"), Some("振替休日".to_string()));
        assert_eq!(name("2026-05-06"), Some("振替休日".to_string()));
    }

    #[test]
    fn citizens_holiday_rules() {
        // Rule starts 1985-12-27: 5/4 between 憲法記念日 and こどもの日.
        assert_eq!(name("1985-05-04"), None);
        assert_eq!(name("1986-05-04"), None); // a Sunday
        assert_eq!(name("1988-05-04"), Some("国民の休日".to_string()));
        // Since 2007 5/4 is みどりの日; a September 国民の休日 remains.
        assert_eq!(name("2009-09-22"), Some("国民の休日".to_string()));
        assert_eq!(name("2015-09-22"), Some("国民の休日".to_string()));
        assert_eq!(name("2026-09-22"), Some("国民の休日".to_string()));
    }

    #[test]
    fn equinoxes_published_then_provisional() {
        let h = cal().holiday(d("2027-03-21")).unwrap().unwrap();
        assert_eq!((h.name.as_ref(), h.provisional), ("春分の日", false));
        let h = cal().holiday(d("2028-03-20")).unwrap().unwrap();
        assert_eq!((h.name.as_ref(), h.provisional), ("春分の日", true));
        let h = cal().holiday(d("2028-09-22")).unwrap().unwrap();
        assert_eq!((h.name.as_ref(), h.provisional), ("秋分の日", true));
        assert_eq!(cal().last_published_equinox_year(), Some(2027));
        // The formula agrees with every published day since 1980 (it was fitted to them).
        for y in 1980..=2027 {
            assert_eq!(cal().vernal_equinox(y).0.day(), equinox_formula_day(y, 20.8431), "{y}");
            assert_eq!(cal().autumnal_equinox(y).0.day(), equinox_formula_day(y, 23.2488), "{y}");
        }
        assert_eq!(
            ClosedReason::Holiday(cal().holiday(d("2030-03-20")).unwrap().unwrap().clone()).label(),
            "春分の日（暫定）"
        );
        // Publishing 2028 in content turns the provisional day into a published one.
        let mut facts = cal().facts().clone();
        facts.equinoxes.insert(2028, PublishedEquinoxes { vernal: Some(d("2028-03-20")), autumnal: d("2028-09-22") });
        let next_year = Calendar::new(facts);
        assert!(!next_year.holiday(d("2028-03-20")).unwrap().unwrap().provisional);
        assert_eq!(next_year.last_published_equinox_year(), Some(2028));
    }

    #[test]
    fn closed_days_and_business_days() {
        assert_eq!(cal().closed_reason(d("2026-12-29")).unwrap(), Some(ClosedReason::YearEnd));
        assert_eq!(cal().closed_reason(d("2027-01-03")).unwrap().unwrap().label(), "年末年始の休日");
        assert_eq!(cal().closed_reason(d("2027-01-01")).unwrap().unwrap().label(), "元日");
        assert_eq!(cal().closed_reason(d("2027-01-04")).unwrap(), None);
        assert_eq!(cal().closed_reason(d("2026-11-28")).unwrap(), Some(ClosedReason::Saturday));
        // 2026-12-28 (Mon) open; the next open day after 12/28 is 2027-01-04.
        assert_eq!(cal().next_open_day(d("2026-12-29")).unwrap(), d("2027-01-04"));
        assert_eq!(cal().previous_open_day(d("2027-01-01")).unwrap(), d("2026-12-28"));
        assert_eq!(cal().add_business_days(d("2026-12-25"), 2).unwrap(), d("2027-01-04"));
        assert_eq!(cal().add_business_days(d("2027-01-04"), -1).unwrap(), d("2026-12-28"));
        assert_eq!(cal().add_business_days(d("2027-01-04"), 0).unwrap(), d("2027-01-04"));
        // Golden Week 2027: 4/29 (Thu) … 5/5 (Wed).
        assert_eq!(cal().add_business_days(d("2027-04-28"), 2).unwrap(), d("2027-05-06"));
        assert_eq!(
            cal().add_business_days(d("2099-12-28"), 2).unwrap_err(),
            CalendarError::OutOfRange(d("2100-01-01"))
        );
        let year = cal().closed_days_between(d("2027-01-01"), d("2027-12-31")).unwrap();
        assert!(year.iter().all(|(day, _)| cal().is_closed(*day).unwrap()));
        assert_eq!(year.first().unwrap().0, d("2027-01-01"));
        assert_eq!(year.last().unwrap().0, d("2027-12-31"));
    }
}
