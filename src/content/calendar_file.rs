//! `content/calendar.toml`: the calendar's published facts, checked with file:line.

use crate::calendar::{
    CalendarFacts, MovedHoliday, OneOffHoliday, PublishedEquinoxes, FIRST_SUPPORTED_DAY, LAST_SUPPORTED_DAY,
    LAW_HOLIDAY_NAMES,
};
use crate::content::values::Source;
use crate::content_file::{japanese, line_of, ContentError};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The days of March a published 春分日 may fall on, and of September a 秋分日 (1948–2099).
pub const VERNAL_DAYS: std::ops::RangeInclusive<u32> = 19..=22;
pub const AUTUMNAL_DAYS: std::ops::RangeInclusive<u32> = 21..=24;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[allow(dead_code)]
    equinox_source: Source,
    equinoxes: BTreeMap<Spanned<String>, Spanned<EquinoxFile>>,
    #[serde(default)]
    one_off: Vec<Spanned<OneOffFile>>,
    #[serde(default)]
    moved: Vec<Spanned<MovedFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EquinoxFile {
    #[serde(default, with = "crate::iso_date::option")]
    vernal: Option<NaiveDate>,
    #[serde(with = "crate::iso_date")]
    autumnal: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OneOffFile {
    #[serde(with = "crate::iso_date")]
    date: NaiveDate,
    name: String,
    law: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MovedFile {
    name: String,
    #[serde(with = "crate::iso_date")]
    date: NaiveDate,
    law: String,
}

/// Parses and checks the calendar file.
pub fn parse_calendar(file: &str, text: &str) -> Result<CalendarFacts, ContentError> {
    parse_calendar_with_lines(file, text).map(|(facts, _)| facts)
}

/// [`parse_calendar`], with the line of the last published year (for `site check`).
pub fn parse_calendar_with_lines(file: &str, text: &str) -> Result<(CalendarFacts, Option<usize>), ContentError> {
    let err = |offset: Option<usize>, message: String| ContentError {
        file: file.to_string(),
        line: offset.map(|o| line_of(text, o)),
        message,
    };
    let raw: CalendarFile = toml::from_str(text).map_err(|e| err(e.span().map(|s| s.start), japanese(e.message())))?;
    let first_year = FIRST_SUPPORTED_DAY.year();
    let mut equinoxes = BTreeMap::new();
    for (key, value) in &raw.equinoxes {
        let at = Some(key.span().start);
        let year: i32 = key
            .get_ref()
            .parse()
            .ok()
            .filter(|y| (first_year..=LAST_SUPPORTED_DAY.year()).contains(y))
            .ok_or_else(|| {
                err(at, format!("「{}」は年ではありません。{first_year}〜2099 の西暦で書いてください", key.get_ref()))
            })?;
        let e = value.get_ref();
        let check = |date: NaiveDate, month: u32, days: std::ops::RangeInclusive<u32>, what: &str| {
            if date.year() != year || date.month() != month || !days.contains(&date.day()) {
                Err(err(
                    at,
                    format!(
                        "{year}年の{what}が {} になっています。{year}年{month}月{}〜{}日のどれかのはずです。暦要項を確かめてください",
                        date,
                        days.start(),
                        days.end()
                    ),
                ))
            } else {
                Ok(date)
            }
        };
        let vernal = match (year, e.vernal) {
            (y, Some(_)) if y == first_year => {
                return Err(err(
                    at,
                    format!("{first_year}年は祝日法の施行（7月20日）前なので、vernal は書かないでください"),
                ))
            }
            (y, None) if y != first_year => {
                return Err(err(at, format!("{year}年の vernal（春分日）がありません")));
            }
            (_, v) => v.map(|d| check(d, 3, VERNAL_DAYS, "春分日")).transpose()?,
        };
        let autumnal = check(e.autumnal, 9, AUTUMNAL_DAYS, "秋分日")?;
        equinoxes.insert(year, PublishedEquinoxes { vernal, autumnal });
    }
    // The formula is right only from 1980: published years must run without a gap from 1948.
    for (expected, year) in (first_year..).zip(equinoxes.keys()) {
        if *year != expected {
            let at =
                raw.equinoxes.keys().find(|k| k.get_ref().parse::<i32>().ok() == Some(*year)).map(|k| k.span().start);
            return Err(err(
                at,
                format!("{expected}年の行がありません。[equinoxes] には {first_year}年から毎年を続けて書いてください"),
            ));
        }
    }
    let in_range = |date: NaiveDate, at: usize| {
        if (FIRST_SUPPORTED_DAY..=LAST_SUPPORTED_DAY).contains(&date) {
            Ok(date)
        } else {
            Err(err(Some(at), format!("{date} は 1948-07-20〜2099-12-31 の外です")))
        }
    };
    let mut one_off = Vec::new();
    for day in &raw.one_off {
        let at = day.span().start;
        let d = day.get_ref();
        if d.name.trim().is_empty() || d.law.trim().is_empty() {
            return Err(err(Some(at), "name（休日の名前）と law（法律の名前）を書いてください".into()));
        }
        let date = in_range(d.date, at)?;
        if one_off.iter().any(|o: &OneOffHoliday| o.date == date) {
            return Err(err(Some(at), format!("{date} が二度書かれています")));
        }
        one_off.push(OneOffHoliday { date, name: d.name.clone(), law: d.law.clone() });
    }
    let mut moved = Vec::new();
    for m in &raw.moved {
        let at = m.span().start;
        let d = m.get_ref();
        if !LAW_HOLIDAY_NAMES.contains(&d.name.as_str()) {
            return Err(err(
                Some(at),
                format!(
                    "「{}」は祝日法の祝日ではありません。{} のどれかを書いてください",
                    d.name,
                    LAW_HOLIDAY_NAMES.join("、")
                ),
            ));
        }
        let date = in_range(d.date, at)?;
        if moved.iter().any(|o: &MovedHoliday| o.name == d.name && o.date.year() == date.year()) {
            return Err(err(Some(at), format!("{}年の{}が二度書かれています", date.year(), d.name)));
        }
        moved.push(MovedHoliday { name: d.name.clone(), date, law: d.law.clone() });
    }
    let last_line = raw
        .equinoxes
        .keys()
        .max_by_key(|k| k.get_ref().parse::<i32>().unwrap_or(0))
        .map(|k| line_of(text, k.span().start));
    Ok((CalendarFacts { equinoxes, one_off, moved }, last_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "content/calendar.toml";

    #[test]
    fn the_repository_file_loads() {
        let facts = parse_calendar(FILE, include_str!("../../content/calendar.toml")).unwrap();
        assert_eq!(facts.equinoxes.keys().next(), Some(&1948));
        assert_eq!(facts.one_off.len(), 6);
        assert_eq!(facts.moved.len(), 6);
    }

    #[test]
    fn mistakes_name_the_line() {
        let head = "equinox_source = { title = \"暦要項\" }\n[equinoxes]\n1948 = { autumnal = 1948-09-23 }\n";
        let e = parse_calendar(FILE, &format!("{head}1949 = {{ vernal = 1949-03-21, autumnal = 1949-10-23 }}\n"))
            .unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("秋分日") && e.message.contains("9月21〜24日"), "{e}");
        let e = parse_calendar(FILE, &format!("{head}1950 = {{ vernal = 1950-03-21, autumnal = 1950-09-23 }}\n"))
            .unwrap_err();
        assert!(e.message.contains("1949年の行がありません"), "{e}");
        let e = parse_calendar(FILE, &format!("{head}1949 = {{ autumnal = 1949-09-23 }}\n")).unwrap_err();
        assert!(e.message.contains("vernal"), "{e}");
        let e =
            parse_calendar(FILE, &format!("{head}[[moved]]\nname = \"海の記念日\"\ndate = 2020-07-23\nlaw = \"x\"\n"))
                .unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("海の記念日") && e.message.contains("海の日、"), "{e}");
        let e = parse_calendar(FILE, &format!("{head}[[one_off]]\ndate = 2019-05-01\nname = \"x\"\n")).unwrap_err();
        assert!(e.message.contains("law がありません"), "{e}");
    }
}
