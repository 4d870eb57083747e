//! The calendar against a source we did not write: the python `holidays` package (its Japan
//! data follows the Cabinet Office list), every day of 1970–2099. `.ci/run` and `scripts/test`
//! install it (`pip install holidays==0.109`); set ONSHI_PYTHON to use another interpreter.

use chrono::{Datelike, NaiveDate, Weekday};
use onshi::calendar::Calendar;
use std::collections::BTreeMap;

const FROM: i32 = 1970;
const TO: i32 = 2099;

/// date -> name, from python `holidays`.
/// The calendar with the repository's published facts (content/calendar.toml).
fn calendar() -> &'static Calendar {
    &onshi::content::repository().calendar
}

fn outside_holidays() -> BTreeMap<NaiveDate, String> {
    let script = format!(
        "import holidays\nfor d, n in sorted(holidays.Japan(years=range({FROM}, {}), language='ja').items()):\n    print(d.isoformat(), n, sep='\\t')",
        TO + 1
    );
    crate::common::python_holidays(&script)
        .lines()
        .map(|l| {
            let (d, n) = l.split_once('\t').unwrap();
            (d.parse().unwrap(), n.to_string())
        })
        .collect()
}

#[test]
#[ignore = "needs python holidays 0.109 (scripts/test installs it)"]
fn every_day_of_1970_to_2099_matches_the_outside_source() {
    let outside = outside_holidays();
    assert!(outside.len() > 2000, "the outside source listed only {} holidays", outside.len());
    let from = NaiveDate::from_ymd_opt(FROM, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(TO, 12, 31).unwrap();
    let ours: BTreeMap<NaiveDate, String> =
        calendar().holidays_between(from, to).unwrap().into_iter().map(|h| (h.date, h.name.into_owned())).collect();

    let mut mismatches = Vec::new();
    let mut days = 0;
    for date in from.iter_days().take_while(|d| *d <= to) {
        days += 1;
        let (theirs, mine) = (outside.get(&date), ours.get(&date));
        if theirs.is_some() != mine.is_some() {
            mismatches.push(format!("{date}: outside {theirs:?}, onshi {mine:?}"));
        }
        // Closed days follow from the holidays, the weekend and 12/29–1/3.
        let year_end = (date.month() == 12 && date.day() >= 29) || (date.month() == 1 && date.day() <= 3);
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let expected_closed = theirs.is_some() || weekend || year_end;
        if calendar().is_closed(date).unwrap() != expected_closed {
            mismatches.push(format!("{date}: closed day expected {expected_closed}"));
        }
    }
    assert_eq!(days, 47_482, "every day of 1970..=2099 was checked");
    assert!(mismatches.is_empty(), "{} differences:\n{}", mismatches.len(), mismatches.join("\n"));
}

#[test]
#[ignore = "needs python holidays 0.109 (scripts/test installs it)"]
fn holiday_names_match_the_outside_source() {
    let outside = outside_holidays();
    let from = NaiveDate::from_ymd_opt(FROM, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(TO, 12, 31).unwrap();
    // One-off days that the package names in short: onshi keeps the names of the special laws
    // (「昭和天皇の大喪の礼」 for 「大喪の礼」, 「皇太子徳仁親王の結婚の儀」 for 「結婚の儀」,
    // 「即位礼正殿の儀の行われる日」 for 「即位礼正殿の儀が行われる日」).
    let differs =
        [(1989, 2, 24), (1993, 6, 9), (2019, 10, 22)].map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
    let mut mismatches = Vec::new();
    for h in calendar().holidays_between(from, to).unwrap() {
        if let Some(theirs) = outside.get(&h.date) {
            if *theirs != h.name && !differs.contains(&h.date) {
                mismatches.push(format!("{}: outside {theirs}, onshi {}", h.date, h.name));
            }
        }
    }
    assert!(mismatches.is_empty(), "{} names differ:\n{}", mismatches.len(), mismatches.join("\n"));
}
