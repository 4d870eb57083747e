//! A schedule as an iCalendar file (RFC 5545): one all-day event per dated step, so that a
//! clinic can put its deadlines into its own calendar. Nothing is sent anywhere; the file is
//! made where the schedule is (the command line or the browser).

use crate::schedule::{Schedule, Step};
use chrono::{Datelike, Days, NaiveDate};

/// The lines that open a calendar named `name`.
fn header(name: &str) -> Vec<String> {
    vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//onshi//オンライン資格確認 新規指定の手続//JA".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text(name)),
    ]
}

/// Days before a firm deadline when a calendar reminds (VALARM).
pub const REMINDER_DAYS: [u32; 2] = [7, 1];

/// The revision of an event: later exports carry a higher SEQUENCE, so that a calendar that
/// imports the file again updates its events instead of adding them twice (RFC 5545 3.8.7.4).
fn sequence(stamp: NaiveDate) -> i64 {
    stamp.signed_duration_since(NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date")).num_days().max(0)
}

/// One all-day event; a firm deadline gets reminders [`REMINDER_DAYS`] before it.
fn event(
    lines: &mut Vec<String>,
    uid: String,
    stamp: NaiveDate,
    date: NaiveDate,
    summary: &str,
    description: &str,
    firm: bool,
) {
    lines.extend([
        "BEGIN:VEVENT".into(),
        format!("UID:{uid}"),
        format!("SEQUENCE:{}", sequence(stamp)),
        format!("DTSTAMP:{}T000000Z", basic(stamp)),
        format!("DTSTART;VALUE=DATE:{}", basic(date)),
        format!("DTEND;VALUE=DATE:{}", basic(date + Days::new(1))),
        format!("SUMMARY:{}", text(summary)),
        format!("DESCRIPTION:{}", text(description)),
        "TRANSP:TRANSPARENT".into(),
    ]);
    if firm {
        for days in REMINDER_DAYS {
            lines.extend([
                "BEGIN:VALARM".into(),
                "ACTION:DISPLAY".into(),
                format!("DESCRIPTION:{}", text(&format!("{days}日後が期限です：{summary}"))),
                format!("TRIGGER:-P{days}D"),
                "END:VALARM".into(),
            ]);
        }
    }
    lines.push("END:VEVENT".into());
}

/// The finished file: every line folded, CRLF.
fn finish(mut lines: Vec<String>) -> String {
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// An office's feed for a calendar to subscribe to: the firm deadlines (not 目安) of every
/// designation month given, one event each, named with the month they are for.
pub fn office_feed(schedules: &[Schedule], bureau_name: &str, office_name: &str, stamp: NaiveDate) -> String {
    let mut lines = header(&format!("{bureau_name} {office_name}：オンライン資格確認の提出期限"));
    for schedule in schedules {
        for step in schedule.steps.iter().filter(|s| s.firm && !s.approximate) {
            let Some(date) = step.date else { continue };
            let summary = format!("{}（{}指定分）", step.title, crate::era::format_era_date(schedule.designation));
            let description = format!("{bureau_name} {office_name}\n根拠：{}", step.source);
            event(&mut lines, uid(schedule, step), stamp, date, &summary, &description, true);
        }
    }
    finish(lines)
}

/// The same UID for the same step of the same plan (bureau, office, designation), whenever and
/// wherever the file is made: a re-import updates the event.
fn uid(schedule: &Schedule, step: &Step) -> String {
    let office = schedule.office.as_deref().unwrap_or("all");
    format!("{}-{}-{office}-{}@onshi", step.id.as_str(), schedule.bureau, basic(schedule.designation))
}

/// The calendar for a schedule. `stamp` is the DTSTAMP date (the "today" of the caller; the
/// library has no clock).
pub fn calendar(schedule: &Schedule, bureau_name: &str, stamp: NaiveDate) -> String {
    let mut lines = header(&format!("オンライン資格確認の手続（指定日 {}）", schedule.designation));
    for step in &schedule.steps {
        let Some(date) = step.date else { continue };
        let mut summary = step.title.to_string();
        if step.approximate {
            summary.push_str("（目安）");
        }
        let mut description = format!("担当：{}\n根拠：{}（{bureau_name}）", step.actor, step.source);
        if let Some(note) = step.note() {
            description.push('\n');
            description.push_str(&note);
        }
        event(&mut lines, uid(schedule, step), stamp, date, &summary, &description, step.firm && !step.approximate);
    }
    finish(lines)
}

/// A DATE value (`20270301`), written without chrono's strftime machinery (kept out of the
/// browser's code).
fn basic(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newline.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545 3.1) without splitting a UTF-8 character;
/// lines end with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut octets = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        // The first line holds 75 octets, continuation lines 74 after their leading space.
        if octets + len > 75 {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "あ".repeat(30)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("SUMMARY:{}\r\n", "あ".repeat(30)));
    }
}
