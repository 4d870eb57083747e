//! The calendar's published facts staff maintain (content/calendar.toml): the 春分日 and 秋分日
//! of each year the 国立天文台's 暦要項 has published, one row per year, a year added each
//! February. The allowed days are the loader's (`onshi::content::{VERNAL_DAYS, AUTUMNAL_DAYS}`),
//! shown as hints; the loader refuses others, with file:line. Tested natively.

use crate::model::Studio;
use chrono::{Datelike, Months, NaiveDate};
use onshi::content::edit::{FieldValue, Step};
use onshi::content::{AUTUMNAL_DAYS, CALENDAR_FILE, TABLE_MONTHS, VERNAL_DAYS};
use onshi::content_file::ContentError;
use std::ops::RangeInclusive;

/// 春分日 or 秋分日.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Equinox {
    Vernal,
    Autumnal,
}

impl Equinox {
    pub const BOTH: [Equinox; 2] = [Equinox::Vernal, Equinox::Autumnal];

    /// The key in calendar.toml.
    pub fn key(self) -> &'static str {
        match self {
            Equinox::Vernal => "vernal",
            Equinox::Autumnal => "autumnal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Equinox::Vernal => "春分日",
            Equinox::Autumnal => "秋分日",
        }
    }

    fn month(self) -> u32 {
        match self {
            Equinox::Vernal => 3,
            Equinox::Autumnal => 9,
        }
    }

    /// The days of its month the loader allows.
    pub fn days(self) -> RangeInclusive<u32> {
        match self {
            Equinox::Vernal => VERNAL_DAYS,
            Equinox::Autumnal => AUTUMNAL_DAYS,
        }
    }

    /// 「2028年3月19〜22日のどれか。年-月-日 の形で」.
    pub fn hint(self, year: i32) -> String {
        let days = self.days();
        format!("{year}年{}月{}〜{}日のどれか。年-月-日 の形で", self.month(), days.start(), days.end())
    }
}

/// A year's row as written (`None`: not written, as 1948's 春分日).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EquinoxYear {
    pub year: i32,
    pub vernal: Option<String>,
    pub autumnal: Option<String>,
}

impl EquinoxYear {
    pub fn get(&self, which: Equinox) -> Option<&str> {
        match which {
            Equinox::Vernal => self.vernal.as_deref(),
            Equinox::Autumnal => self.autumnal.as_deref(),
        }
    }
}

impl Studio {
    /// The published years as written in calendar.toml, in year order.
    pub fn equinox_years(&self) -> Vec<EquinoxYear> {
        let table = self.table(CALENDAR_FILE);
        let Some(years) = table.get("equinoxes").and_then(toml::Value::as_table) else { return Vec::new() };
        let text = |t: &toml::Table, key: &str| {
            t.get(key).map(|v| match v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                _ => String::new(),
            })
        };
        let mut rows: Vec<EquinoxYear> = years
            .iter()
            .filter_map(|(year, v)| {
                let t = v.as_table()?;
                Some(EquinoxYear { year: year.parse().ok()?, vernal: text(t, "vernal"), autumnal: text(t, "autumnal") })
            })
            .collect();
        rows.sort_by_key(|r| r.year);
        rows
    }

    /// The year whose row is added next (the year after the last written).
    pub fn next_equinox_year(&self) -> i32 {
        self.equinox_years().last().map_or(1948, |r| r.year + 1)
    }

    /// The last year the deadline tables reach from today (`site check` wants the equinoxes
    /// published up to it).
    pub fn tables_reach_year(&self) -> i32 {
        self.today.checked_add_months(Months::new(TABLE_MONTHS)).unwrap_or(self.today).year()
    }

    /// Sets one year's 春分日 or 秋分日; the problems after it (a day outside the allowed
    /// ones: the loader's message, with file:line).
    pub fn set_equinox(&mut self, year: i32, which: Equinox, date: NaiveDate) -> Vec<ContentError> {
        let year = year.to_string();
        let path = [Step::Key("equinoxes"), Step::Key(&year), Step::Key(which.key())];
        self.edit(CALENDAR_FILE, |f| f.set(&path, &FieldValue::Date(date)))
    }

    /// Adds a year's row (`2028 = { vernal = 2028-03-20, autumnal = 2028-09-22 }`) after the
    /// last: the problems after it, or, when the loader refuses the row, its messages (with the
    /// line the row would have) and the file as before.
    pub fn add_equinox_year(
        &mut self,
        year: i32,
        vernal: NaiveDate,
        autumnal: NaiveDate,
    ) -> Result<Vec<ContentError>, Vec<ContentError>> {
        let key = year.to_string();
        let path = [Step::Key("equinoxes"), Step::Key(&key)];
        let row = FieldValue::Table(vec![
            ("vernal".into(), FieldValue::Date(vernal)),
            ("autumnal".into(), FieldValue::Date(autumnal)),
        ]);
        let errors = self.edit(CALENDAR_FILE, |f| f.set(&path, &row));
        let (refused, others): (Vec<_>, Vec<_>) = errors.into_iter().partition(|e| e.file == CALENDAR_FILE);
        if refused.is_empty() {
            return Ok(others);
        }
        self.edit(CALENDAR_FILE, |f| f.remove(&path));
        Err(refused)
    }

    /// Removes a year's row, with its line; the problems after it.
    pub fn remove_equinox_year(&mut self, year: i32) -> Vec<ContentError> {
        let key = year.to_string();
        self.edit(CALENDAR_FILE, |f| f.remove(&[Step::Key("equinoxes"), Step::Key(&key)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repository_content;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_published_years_as_written_with_the_loaders_ranges() {
        let studio = Studio::open(repository_content(), d("2026-12-02")).unwrap();
        let years = studio.equinox_years();
        assert_eq!(years[0], EquinoxYear { year: 1948, vernal: None, autumnal: Some("1948-09-23".into()) });
        assert_eq!(years.len(), 2027 - 1948 + 1);
        let last = years.last().unwrap();
        assert_eq!(last.year, 2027);
        // 内閣府's list of 令和9年's holidays: 春分の日 3月21日, 秋分の日 9月23日.
        assert_eq!((last.get(Equinox::Vernal), last.get(Equinox::Autumnal)), (Some("2027-03-21"), Some("2027-09-23")));
        assert_eq!(studio.next_equinox_year(), 2028);
        assert_eq!(studio.tables_reach_year(), 2028);
        assert_eq!(Equinox::Vernal.hint(2028), "2028年3月19〜22日のどれか。年-月-日 の形で");
        assert_eq!(Equinox::Autumnal.hint(2028), "2028年9月21〜24日のどれか。年-月-日 の形で");
    }

    #[test]
    fn a_year_added_is_one_line_and_a_day_outside_the_range_is_the_loaders_error() {
        let originals = repository_content();
        let mut studio = Studio::open(originals.clone(), d("2026-12-02")).unwrap();
        let before = String::from_utf8(originals[CALENDAR_FILE].clone()).unwrap();
        let running_out = |s: &Studio| {
            onshi::content::health(&s.content, s.today)
                .iter()
                .any(|i| i.concern == onshi::content::Concern::CalendarRunningOut)
        };
        assert!(running_out(&studio));
        // The 2028 row, with the days calendar.toml's own comment gives as its example.
        let errors = studio.add_equinox_year(2028, d("2028-03-20"), d("2028-09-22")).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let after = studio.edited[CALENDAR_FILE].text();
        let line_2027 = before.lines().find(|l| l.starts_with("2027 = ")).unwrap();
        assert_eq!(
            after,
            before.replacen(
                &format!("{line_2027}\n"),
                &format!("{line_2027}\n2028 = {{ vernal = 2028-03-20, autumnal = 2028-09-22 }}\n"),
                1
            )
        );
        assert!(!running_out(&studio), "the calendar reaches the tables' last year");
        assert_eq!(studio.content.calendar.last_published_equinox_year(), Some(2028));
        // A 春分日 outside 3月19〜22日: the loader's message, at the row's line.
        let line = after.lines().position(|l| l.starts_with("2028 = ")).unwrap() + 1;
        let errors = studio.set_equinox(2028, Equinox::Vernal, d("2028-03-25"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].file.as_str(), errors[0].line), (CALENDAR_FILE, Some(line)));
        assert_eq!(
            errors[0].message,
            "2028年の春分日が 2028-03-25 になっています。2028年3月19〜22日のどれかのはずです。暦要項を確かめてください"
        );
        assert_eq!(
            errors[0].to_string(),
            format!("{CALENDAR_FILE}:{line}: {}", errors[0].message),
            "as the command line prints it"
        );
        // Corrected, then the row removed: the file as read.
        assert!(studio.set_equinox(2028, Equinox::Vernal, d("2028-03-20")).is_empty());
        assert!(studio.remove_equinox_year(2028).is_empty());
        assert_eq!(studio.edited[CALENDAR_FILE].text(), before);
        // A row the loader refuses is not added: its message, the file as it was.
        let errors = studio.add_equinox_year(2028, d("2028-03-18"), d("2028-09-22")).unwrap_err();
        assert_eq!((errors.len(), errors[0].line), (1, Some(line)), "{errors:?}");
        assert!(errors[0].message.contains("3月19〜22日"), "{errors:?}");
        assert_eq!(studio.edited[CALENDAR_FILE].text(), before);
        assert!(studio.check().is_empty());
        // A year left out: the loader says which.
        let errors = studio.add_equinox_year(2029, d("2029-03-20"), d("2029-09-23")).unwrap_err();
        assert!(errors[0].message.contains("2028年の行がありません"), "{errors:?}");
        assert_eq!(studio.edited[CALENDAR_FILE].text(), before);
    }
}
