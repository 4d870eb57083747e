//! The schedule as iCalendar, read back by a parser we did not write (python `icalendar`,
//! installed by scripts/test): one event per dated step, on its date, named by its title.

use chrono::NaiveDate;
use onshi::ics::calendar;
use onshi::schedule::{compute, ScheduleInput};
use std::io::Write;
use std::process::{Command, Stdio};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
#[ignore = "needs python icalendar (scripts/test installs it)"]
fn an_rfc5545_calendar_with_one_event_per_dated_step() {
    let content = onshi::content::repository();
    let bureau = content.bureaus.get("tokaihokuriku").unwrap();
    let schedule = compute(&ScheduleInput {
        content,
        transitional: false,
        bureau,
        office: bureau.office("toyama"),
        designation: d("2027-03-01"),
        setup: Some(d("2027-02-15")),
        today: Some(d("2026-11-25")),
    })
    .unwrap();
    let ics = calendar(&schedule, &bureau.name, d("2026-11-25"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'));
    }

    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
assert cal.get('VERSION') == '2.0', cal.get('VERSION')
assert cal.get('PRODID')
for e in cal.walk('VEVENT'):
    for required in ('UID', 'DTSTAMP', 'DTSTART'):
        assert e.get(required) is not None, required
    alarms = [str(a.get('TRIGGER').to_ical(), 'ascii') for a in e.walk('VALARM')]
    print(e.decoded('DTSTART').isoformat(), e.decoded('DTEND').isoformat(), str(e.get('SUMMARY')),
          str(e.get('UID')), str(e.get('SEQUENCE')), ','.join(alarms), sep='\t')
"#;
    let python = std::env::var("ONSHI_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3");
    child.stdin.take().unwrap().write_all(ics.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python の icalendar で読めません（`pip install icalendar==6.3.1`）：{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: Vec<Vec<String>> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split('\t').map(String::from).collect()).collect();
    let dated: Vec<_> = schedule.steps.iter().filter(|s| s.date.is_some()).collect();
    assert_eq!(events.len(), dated.len());
    for (event, step) in events.iter().zip(&dated) {
        let date = step.date.unwrap();
        assert_eq!(event[0], date.to_string(), "{}", step.title);
        assert_eq!(event[1], date.succ_opt().unwrap().to_string(), "all-day: ends the next day");
        let expected = if step.approximate { format!("{}（目安）", step.title) } else { step.title.to_string() };
        assert_eq!(event[2], expected);
        // The same UID whenever the file is made for this bureau, office and designation; a
        // later export has a higher SEQUENCE, so a re-import updates the events.
        assert_eq!(event[3], format!("{}-tokaihokuriku-toyama-20270301@onshi", step.id.as_str()));
        assert_eq!(event[4], "1059", "days from 2024-01-01 to the stamp 2026-11-25");
        // Reminders 7 days and 1 day before each firm deadline, none for a 目安.
        let alarms = if step.firm && !step.approximate { "-P7D,-P1D" } else { "" };
        assert_eq!(event[5], alarms, "{}", step.title);
    }
    assert!(events.iter().any(|e| e[5] == "-P7D,-P1D"), "some firm deadline has reminders");
}
