//! The deadline tables of a bureau's 提出期限の一覧 page: for the next 24 designation months,
//! per group of offices whose dates agree, one column per step that the notice
//! (`content/notice.toml`) gives a `column`. Every date comes from [`onshi::schedule::compute`],
//! the same engine as the wizard and the command line.

use chrono::{Datelike, Months, NaiveDate};
use onshi::bureaus::Office;
use onshi::content::Content;
use onshi::era::{format_era_date, format_era_date_weekday};
use onshi::schedule::{Note, Schedule, Step};
use serde::Serialize;

/// Shown where the content marks a bureau's rule unknown (the page's notice says where to ask).
pub const UNKNOWN_TEXT: &str = "未掲載";

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
    /// The rule that gave this date is the content's reading of the bureau's words
    /// ([`Note::InferredReading`]), not what they state.
    pub inferred: bool,
    /// A short note: why it moved, that it is a closed day, the 目安 of an unknown rule.
    pub note: Option<String>,
    /// Before the build's "today": this designation can no longer keep this date.
    pub past: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// `令和9年3月1日`.
    pub designation: String,
    pub designation_iso: String,
    /// One per column, in the notice's order.
    pub cells: Vec<DateCell>,
    /// The last day on which this designation can still be kept
    /// ([`Schedule::last_day_to_keep`]).
    pub last_day: Option<NaiveDate>,
}

/// Offices whose dates agree, and their table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub offices: Vec<String>,
    pub office_ids: Vec<String>,
    pub rows: Vec<Row>,
}

/// How many designation months the page and the open data show (as far as `site check` makes
/// sure the calendar reaches).
pub const MONTHS: u32 = onshi::content::TABLE_MONTHS;

/// The designation months shown: the first days of the 24 months after `today`'s.
pub fn designation_months(today: NaiveDate) -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month");
    (1..=MONTHS).map(|n| first + Months::new(n)).collect()
}

/// One designation month on the page: its anchor (`2027-03`), its date, each group of offices
/// with its cells, and whether it can still be had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthBlock {
    pub anchor: String,
    pub designation: String,
    pub designation_iso: String,
    pub groups: Vec<MonthGroup>,
    /// The last day on which some office can still keep it (the page's script folds the month
    /// after it).
    pub last_day: Option<String>,
    /// On the build's day, it or an earlier month can still be kept by some office: the months
    /// before the first such month are folded in the page.
    pub reachable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthGroup {
    pub offices: Vec<String>,
    pub cells: Vec<DateCell>,
    pub last_day: Option<String>,
}

/// Whether a designation whose last day is `last_day` can still be kept on `today`.
fn keeps(last_day: Option<NaiveDate>, today: NaiveDate) -> bool {
    last_day.is_none_or(|last| today <= last)
}

/// The tables turned month by month: what a person looking for one designation month reads.
/// The months before the earliest one some office can still keep on `today` are not
/// `reachable`.
pub fn months_view(groups: &[Group], today: NaiveDate) -> Vec<MonthBlock> {
    let Some(first) = groups.first() else { return Vec::new() };
    let fold = first.rows.iter().enumerate().position(|(i, _)| groups.iter().any(|g| keeps(g.rows[i].last_day, today)));
    first
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| MonthBlock {
            anchor: row.designation_iso[..7].to_string(),
            designation: row.designation.clone(),
            designation_iso: row.designation_iso.clone(),
            groups: groups
                .iter()
                .map(|g| MonthGroup {
                    offices: g.offices.clone(),
                    cells: g.rows[i].cells.clone(),
                    last_day: g.rows[i].last_day.map(|d| d.to_string()),
                })
                .collect(),
            last_day: groups.iter().filter_map(|g| g.rows[i].last_day).max().map(|d| d.to_string()),
            reachable: fold.is_some_and(|f| i >= f),
        })
        .collect()
}

/// The earliest designation each group of offices can still keep on `today` (the engine's
/// `earliest_designation` within the months shown): one entry when all agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Earliest {
    /// Empty when every office agrees.
    pub offices: Vec<String>,
    /// `令和9年3月1日`, or `None` when no month shown can be kept.
    pub designation: Option<String>,
    pub anchor: Option<String>,
}

pub fn earliest_view(groups: &[Group], today: NaiveDate) -> Vec<Earliest> {
    let each: Vec<Earliest> = groups
        .iter()
        .map(|g| {
            let row = g.rows.iter().find(|r| keeps(r.last_day, today));
            Earliest {
                offices: g.offices.clone(),
                designation: row.map(|r| r.designation.clone()),
                anchor: row.map(|r| r.designation_iso[..7].to_string()),
            }
        })
        .collect();
    if each.windows(2).all(|w| w[0].anchor == w[1].anchor) {
        each.into_iter().take(1).map(|e| Earliest { offices: Vec::new(), ..e }).collect()
    } else {
        each
    }
}

/// The column headings, from the notice.
pub fn columns(content: &Content) -> Vec<String> {
    content.notice.columns().filter_map(|s| s.column.clone()).collect()
}

/// A schedule step as a table cell: the same date, its note in short words ([`Step::short_note`]);
/// `past` before `today`.
fn cell(step: &Step, today: NaiveDate) -> DateCell {
    // No date, or only the notice's 目安 for a deadline the bureau has not confirmed.
    let unknown = |note: Option<String>| DateCell {
        text: UNKNOWN_TEXT.into(),
        iso: None,
        unknown: true,
        closed: false,
        provisional: step.provisional,
        inferred: false,
        note,
        past: false,
    };
    let Some(date) = step.date else { return unknown(None) };
    if step.rule_unknown {
        return unknown(step.short_note());
    }
    DateCell {
        text: format_era_date_weekday(date),
        iso: Some(date.to_string()),
        unknown: false,
        closed: step.closed_day,
        provisional: step.provisional,
        inferred: step.notes.iter().any(|n| matches!(n, Note::InferredReading(_))),
        note: step.short_note(),
        past: date < today,
    }
}

/// The bureau's tables for the designation months of its offices' schedules (the engine's
/// output for [`designation_months`], computed once per build).
pub fn tables_from(content: &Content, per_office: &[(&Office, Vec<Schedule>)], today: NaiveDate) -> Vec<Group> {
    let column_ids: Vec<_> = content.notice.columns().map(|s| s.id).collect();
    let mut groups: Vec<Group> = Vec::new();
    for (office, schedules) in per_office {
        let rows: Vec<Row> = schedules
            .iter()
            .map(|schedule| Row {
                designation: format_era_date(schedule.designation),
                designation_iso: schedule.designation.to_string(),
                cells: column_ids.iter().map(|id| cell(schedule.step(*id), today)).collect(),
                last_day: schedule.last_day_to_keep(),
            })
            .collect();
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
    groups
}

/// The bureau's tables for the designation months after `today`, schedules included (for the
/// unit tests: the build computes the schedules once and calls [`tables_from`]).
#[cfg(test)]
pub fn tables(
    content: &Content,
    bureau: &onshi::bureaus::Bureau,
    today: NaiveDate,
) -> Result<Vec<Group>, onshi::schedule::ScheduleError> {
    Ok(tables_from(content, &super::open_data::office_schedules(content, bureau, today)?, today))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn content() -> &'static Content {
        onshi::content::repository()
    }

    #[test]
    fn months_and_groups() {
        let months = designation_months(d("2026-11-01"));
        assert_eq!((months[0], months[11]), (d("2026-12-01"), d("2027-11-01")));
        let groups = tables(content(), content().bureaus.get("tokaihokuriku").unwrap(), d("2026-11-01")).unwrap();
        let ids: Vec<Vec<&str>> = groups.iter().map(|g| g.office_ids.iter().map(String::as_str).collect()).collect();
        assert_eq!(ids, vec![vec!["toyama", "gifu"], vec!["ishikawa", "shizuoka", "mie"], vec!["shido_kansa"]]);
        assert_eq!(
            columns(content()),
            [
                "⑤ 受付番号の依頼（別紙1）の提出期限",
                "局の回答書の発送期限",
                "⑥ 実施機関への提出期限",
                "⑨ 指定申請の提出期限",
                "オンライン請求の申請期限"
            ]
        );
        let march = &groups[0].rows[3];
        assert_eq!(march.designation, "令和9年3月1日");
        assert_eq!(march.cells[0].text, "令和8年12月28日（月）");
        assert_eq!(march.cells[0].note.as_deref(), Some("令和9年1月1日が閉庁日のため"));
        assert_eq!(march.cells[1].text, "令和9年1月12日（火）");
        assert_eq!(groups[2].rows[3].cells[3].text, UNKNOWN_TEXT);
        assert_eq!(groups[2].rows[3].cells[3].note.as_deref(), Some("通知の目安：令和9年2月1日（月）"));
        // 別添2〈参考〉オンライン請求: the 20th of the month before, a Saturday in February 2027,
        // kept (the notice moves it nowhere) and flagged.
        assert_eq!(march.cells[4].text, "令和9年2月20日（土）");
        assert!(march.cells[4].note.as_deref().is_some_and(|n| n.contains("閉庁日")), "{:?}", march.cells[4].note);
        // 富山・岐阜's and 石川・静岡・三重's 指定申請 are read as the month before: flagged so;
        // the bureau's own 別紙1 deadline and 愛知's unknown one are not.
        assert!(groups[..2].iter().all(|g| g.rows.iter().all(|r| r.cells[3].inferred && !r.cells[0].inferred)));
        assert!(!groups[2].rows.iter().any(|r| r.cells.iter().any(|c| c.inferred)));
    }

    #[test]
    fn the_submission_cells_show_a_short_reply_window_and_keep_a_closed_15th() {
        // Built on 2026-11-01: 2026-12 (the reply by 10/13, ⑥ 10/15: 2 days), 2027-01 (11/10 a
        // Tuesday: 5 days, but ⑥ on Sun 11/15), 2027-02 (12/10 and 12/15 open: 5 days, no note),
        // 2028-03 (the reply by 1/11, ⑥ on Sat 1/15: 4 days and a closed day).
        let groups = tables(content(), content().bureaus.get("tohoku").unwrap(), d("2026-11-01")).unwrap();
        let submit = |row: usize| groups[0].rows[row].cells[2].clone();
        assert_eq!(groups[0].rows[0].designation, "令和8年12月1日");
        assert_eq!(submit(0).text, "令和8年10月15日（木）");
        assert_eq!(submit(0).note.as_deref(), Some("回答書の発送から2日"));
        assert!(!submit(0).closed);
        assert_eq!(submit(1).note.as_deref(), Some("閉庁日。提案：前の開庁日（令和8年11月13日（金））まで"));
        assert_eq!(submit(2).note, None);
        assert_eq!(groups[0].rows[15].designation, "令和10年3月1日");
        assert!(submit(15).closed);
        assert_eq!(
            submit(15).note.as_deref(),
            Some("回答書の発送から4日。閉庁日。提案：前の開庁日（令和10年1月14日（金））まで")
        );
        // The reply's own column says only why it moved.
        assert_eq!(groups[0].rows[0].cells[1].note.as_deref(), Some("令和8年10月10日が閉庁日のため"));
    }

    #[test]
    fn provisional_equinoxes_are_flagged() {
        // 東海北陸's 20th, previous open day, designation 2030-04-01 → 2030-03-20 (Wed) is the
        // provisional 春分の日 → moved to 3/19 and flagged.
        let bureau = content().bureaus.get("tokaihokuriku").unwrap();
        let groups = tables(content(), bureau, d("2030-03-01")).unwrap();
        let toyama = groups.iter().find(|g| g.office_ids.contains(&"toyama".to_string())).unwrap();
        let cell = &toyama.rows[0].cells[3];
        assert_eq!(cell.text, "令和12年3月19日（火）");
        assert!(cell.provisional);
        // 2027 is published: nothing provisional in its March.
        let groups = tables(content(), bureau, d("2027-03-01")).unwrap();
        assert!(!groups[0].rows[0].cells.iter().any(|c| c.provisional));
    }
}
