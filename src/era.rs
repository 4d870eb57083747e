//! Japanese era (和暦) dates as printed on the forms and the site.

use crate::calendar::weekday_ja;
use chrono::{Datelike, NaiveDate};

/// (first day, name) of each era, newest first.
const ERAS: [(i32, u32, u32, &str); 3] = [(2019, 5, 1, "令和"), (1989, 1, 8, "平成"), (1926, 12, 25, "昭和")];

/// The era name and the year within it (1 = 元年), or `None` before 昭和.
pub fn era_year(date: NaiveDate) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|&(y, m, d, name)| {
        let start = NaiveDate::from_ymd_opt(y, m, d)?;
        (date >= start).then(|| (name, date.year() - y + 1))
    })
}

/// `令和9年1月4日`, with 元年 for the first year of an era.
pub fn format_era_date(date: NaiveDate) -> String {
    match era_year(date) {
        Some((era, 1)) => format!("{era}元年{}月{}日", date.month(), date.day()),
        Some((era, n)) => format!("{era}{n}年{}月{}日", date.month(), date.day()),
        None => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// `令和9年1月4日（月）`, as on the deadline pages.
pub fn format_era_date_weekday(date: NaiveDate) -> String {
    format!("{}（{}）", format_era_date(date), weekday_ja(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(format_era_date(d("2019-04-30")), "平成31年4月30日");
        assert_eq!(format_era_date(d("2019-05-01")), "令和元年5月1日");
        assert_eq!(format_era_date(d("2019-12-31")), "令和元年12月31日");
        assert_eq!(format_era_date(d("2020-01-01")), "令和2年1月1日");
        assert_eq!(format_era_date(d("1989-01-07")), "昭和64年1月7日");
        assert_eq!(format_era_date(d("1989-01-08")), "平成元年1月8日");
        assert_eq!(format_era_date(d("1948-07-20")), "昭和23年7月20日");
        assert_eq!(format_era_date_weekday(d("2027-01-04")), "令和9年1月4日（月）");
    }
}
