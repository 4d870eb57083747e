//! The deadline tables of a bureau's 提出期限の一覧 page: for the next 12 designation months,
//! per group of offices whose dates agree, the 受付番号 request deadline, the reply (第1 1(2)),
//! the 実施機関 date (第3(2)) and the 指定申請 deadline.

use chrono::{Datelike, Months, NaiveDate};
use onshi::bureaus::{Bureau, DaySpec, DeadlineSpec, Known, RuleDeadline};
use onshi::calendar::{self, CalendarError};
use onshi::era::{format_era_date, format_era_date_weekday};
use serde::Serialize;

/// Shown where the content marks a bureau's rule unknown.
pub const UNKNOWN_TEXT: &str = "未確認：各事務所にお問い合わせください";

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateCell {
    /// `令和9年1月4日（月）`, or [`UNKNOWN_TEXT`].
    pub text: String,
    /// ISO date for `<time datetime>`; `None` when unknown.
    pub iso: Option<String>,
    pub unknown: bool,
    /// The date falls on a closed day (a date no rule moves).
    pub closed: bool,
    /// A 春分/秋分 not yet published in a 暦要項 decided this date.
    pub provisional: bool,
    /// A short note: why it moved, that it is a closed day.
    pub note: Option<String>,
    /// Before the build's "today": this designation can no longer keep this date.
    pub past: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// `令和9年3月1日`.
    pub designation: String,
    pub designation_iso: String,
    pub reception_request: DateCell,
    pub reception_reply: DateCell,
    pub reception_submit: DateCell,
    pub designation_application: DateCell,
}

/// Offices whose dates agree, and their table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub offices: Vec<String>,
    pub office_ids: Vec<String>,
    pub rows: Vec<Row>,
}

/// The designation months shown: the 12 first days of month after `today`.
pub fn designation_months(today: NaiveDate) -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month");
    (1..=12).map(|n| first + Months::new(n)).collect()
}

fn known_cell(date: NaiveDate, provisional: bool, note: Option<String>) -> Result<DateCell, CalendarError> {
    let closed = calendar::is_closed(date)?;
    // A date no rule moved that falls on a closed day: suggest the previous open day.
    let note = match note {
        None if closed => {
            Some(format!("閉庁日。前の開庁日（{}）までに", format_era_date_weekday(calendar::previous_open_day(date)?)))
        }
        other => other,
    };
    Ok(DateCell {
        text: format_era_date_weekday(date),
        iso: Some(date.to_string()),
        unknown: false,
        closed,
        provisional,
        note,
        past: false,
    })
}

/// Whether a provisional holiday lies between two dates (both included).
fn provisional_between(a: NaiveDate, b: NaiveDate) -> Result<bool, CalendarError> {
    let (from, to) = if a <= b { (a, b) } else { (b, a) };
    Ok(calendar::holidays_between(from, to)?.iter().any(|h| h.provisional))
}

fn rule_cell(spec: &DeadlineSpec, designation: NaiveDate) -> Result<DateCell, CalendarError> {
    match spec.deadline(designation)? {
        RuleDeadline::Unknown => Ok(DateCell {
            text: UNKNOWN_TEXT.into(),
            iso: None,
            unknown: true,
            closed: false,
            provisional: false,
            note: None,
            past: false,
        }),
        RuleDeadline::Published { date } => known_cell(date, false, Some("局が公表した日".into())),
        RuleDeadline::Rule { date, moved_from } => {
            // The day the rule starts from: its day of the month, or the 1st for 「最初の開庁日」.
            let base = match (&spec.rule, moved_from) {
                (_, Some(from)) => from,
                (Known::Known(rule), None) if rule.day == DaySpec::FirstOpenDay => date.with_day(1).expect("day 1"),
                _ => date,
            };
            let note = moved_from.map(|from| format!("{}が閉庁日のため", format_era_date(from)));
            known_cell(date, provisional_between(base, date)?, note)
        }
    }
}

/// 第1 1(2): the 10th of M−2, the next open day if closed; 第3(2): the 15th of M−2, not moved.
fn notice_cells(designation: NaiveDate) -> Result<(DateCell, DateCell), CalendarError> {
    let m2 = designation - Months::new(2);
    let tenth = m2.with_day(10).expect("10th");
    let reply = calendar::next_open_day(tenth)?;
    let reply_note = (reply != tenth).then(|| format!("{}が閉庁日のため", format_era_date(tenth)));
    let reply_cell = known_cell(reply, provisional_between(tenth, reply)?, reply_note)?;
    let fifteenth = m2.with_day(15).expect("15th");
    let closed = calendar::is_closed(fifteenth)?;
    let submit_note = if closed {
        Some(format!(
            "閉庁日。前の開庁日（{}）までに",
            format_era_date_weekday(calendar::previous_open_day(fifteenth)?)
        ))
    } else {
        None
    };
    let submit_cell = known_cell(fifteenth, calendar::holiday(fifteenth)?.is_some_and(|h| h.provisional), submit_note)?;
    Ok((reply_cell, submit_cell))
}

/// The bureau's tables for the 12 designation months after `today`.
pub fn tables(bureau: &Bureau, today: NaiveDate) -> Result<Vec<Group>, CalendarError> {
    let months = designation_months(today);
    // ISO dates compare as text.
    let today_iso = today.to_string();
    let mut groups: Vec<Group> = Vec::new();
    for office in &bureau.offices {
        let mut rows = Vec::with_capacity(months.len());
        for &designation in &months {
            let (reception_reply, reception_submit) = notice_cells(designation)?;
            let mut row = Row {
                designation: format_era_date(designation),
                designation_iso: designation.to_string(),
                reception_request: rule_cell(&office.reception_request, designation)?,
                reception_reply,
                reception_submit,
                designation_application: rule_cell(&office.designation_application, designation)?,
            };
            for cell in [&mut row.reception_request, &mut row.reception_submit, &mut row.designation_application] {
                cell.past = cell.iso.as_ref().is_some_and(|iso| *iso < today_iso);
            }
            rows.push(row);
        }
        match groups.iter_mut().find(|g| g.rows == rows) {
            Some(group) => {
                group.offices.push(office.display_name());
                group.office_ids.push(office.id.clone());
            }
            None => {
                groups.push(Group { offices: vec![office.display_name()], office_ids: vec![office.id.clone()], rows })
            }
        }
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use onshi::bureaus::Bureaus;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_and_groups() {
        let months = designation_months(d("2026-11-01"));
        assert_eq!((months[0], months[11]), (d("2026-12-01"), d("2027-11-01")));
        let groups = tables(Bureaus::embedded().get("tokaihokuriku").unwrap(), d("2026-11-01")).unwrap();
        let ids: Vec<Vec<&str>> = groups.iter().map(|g| g.office_ids.iter().map(String::as_str).collect()).collect();
        assert_eq!(ids, vec![vec!["toyama", "gifu"], vec!["ishikawa", "shizuoka", "mie"], vec!["shido_kansa"]]);
        let march = &groups[0].rows[3];
        assert_eq!(march.designation, "令和9年3月1日");
        assert_eq!(march.reception_request.text, "令和8年12月28日（月）");
        assert_eq!(march.reception_request.note.as_deref(), Some("令和9年1月1日が閉庁日のため"));
        assert_eq!(march.reception_reply.text, "令和9年1月12日（火）");
        assert_eq!(groups[2].rows[3].designation_application.text, UNKNOWN_TEXT);
    }

    #[test]
    fn provisional_equinoxes_are_flagged() {
        // 2028-03-20 (春分の日, provisional) is a Monday; 東北 designation 2028-05-01 → request
        // by 2028-03-05, a Sunday → next open day 3/6: no holiday in between.
        // 四国, designation 2028-11-01 → the first open day of September 2028: 9/1 (Fri), open.
        // A 15th on a provisional equinox: none in 2028–2030 for March; check the helper.
        assert!(provisional_between(d("2028-03-19"), d("2028-03-21")).unwrap());
        assert!(!provisional_between(d("2027-03-20"), d("2027-03-22")).unwrap(), "2027 is published");
        let cell = rule_cell(
            &Bureaus::embedded().get("tohoku").unwrap().offices[0].reception_request,
            // 2029-05-01 → March 2029: 3/5 is a Monday, open.
            d("2029-05-01"),
        )
        .unwrap();
        assert!(!cell.provisional);
        // 東海北陸's 20th, previous open day, designation 2030-04-01 → 2030-03-20 (Wed) is the
        // provisional 春分の日 → moved to 3/19 and flagged.
        let toyama = Bureaus::embedded().get("tokaihokuriku").unwrap().office("toyama").unwrap();
        let cell = rule_cell(&toyama.designation_application, d("2030-04-01")).unwrap();
        assert_eq!(cell.text, "令和12年3月19日（火）");
        assert!(cell.provisional);
    }
}
