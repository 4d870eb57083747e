//! `site holidays` and `site closed-days`: the calendar, from content/calendar.toml and the law's rules.

use super::{fail, load_content, CommandError};
use crate::args::{date_range, Options};
use std::fmt::Write as _;

pub fn holidays_command(args: &[String], out: &mut String) -> Result<(), CommandError> {
    let opts = Options::parse("holidays", args, &["--from", "--to", "--root"], &[])?;
    let (from, to) = date_range(&opts)?;
    let content = load_content(&opts)?;
    for h in content.calendar.holidays_between(from, to).map_err(|e| fail(e.to_string()))? {
        let mark = if h.provisional { "（暫定）" } else { "" };
        writeln!(out, "{}\t{}{mark}", h.date, h.name).unwrap();
    }
    Ok(())
}

pub fn closed_days_command(args: &[String], out: &mut String) -> Result<(), CommandError> {
    let opts = Options::parse("closed-days", args, &["--from", "--to", "--root"], &[])?;
    let (from, to) = date_range(&opts)?;
    let content = load_content(&opts)?;
    for (date, reason) in content.calendar.closed_days_between(from, to).map_err(|e| fail(e.to_string()))? {
        writeln!(out, "{date}\t{}", reason.label()).unwrap();
    }
    Ok(())
}
