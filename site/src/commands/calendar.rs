//! `site holidays` and `site closed-days`: the calendar, from content/calendar.toml and the law's rules.

use super::{fail, load_content, Command, CommandError, Use};
use crate::args::{date_range, Opt, Options};

/// `--from` and `--to`, which both commands take (`args::date_range`).
const RANGE: [Opt; 2] =
    [Opt::value("--from", "YYYY-MM-DD", "始まりの日"), Opt::value("--to", "YYYY-MM-DD", "終わりの日（この日を含む）")];

/// `site holidays`.
pub const HOLIDAYS: Command = Command {
    name: "holidays",
    uses: &[Use {
        required: &["--from", "--to"],
        summary: "祝日・休日を一行ずつ表示します（暫定の日には（暫定）と付けます）。",
    }],
    options: &[RANGE[0], RANGE[1], Opt::ROOT],
    run: holidays_command,
};

/// `site closed-days`.
pub const CLOSED_DAYS: Command = Command {
    name: "closed-days",
    uses: &[Use {
        required: &["--from", "--to"],
        summary: "閉庁日（土日・祝日・12/29〜1/3）を理由とともに表示します。",
    }],
    options: &[RANGE[0], RANGE[1], Opt::ROOT],
    run: closed_days_command,
};
use std::fmt::Write as _;

fn holidays_command(opts: &Options, out: &mut String) -> Result<(), CommandError> {
    let (from, to) = date_range(opts)?;
    let content = load_content(opts)?;
    for h in content.calendar.holidays_between(from, to).map_err(|e| fail(e.to_string()))? {
        let mark = if h.provisional { "（暫定）" } else { "" };
        writeln!(out, "{}\t{}{mark}", h.date, h.name).unwrap();
    }
    Ok(())
}

fn closed_days_command(opts: &Options, out: &mut String) -> Result<(), CommandError> {
    let (from, to) = date_range(opts)?;
    let content = load_content(opts)?;
    for (date, reason) in content.calendar.closed_days_between(from, to).map_err(|e| fail(e.to_string()))? {
        writeln!(out, "{date}\t{}", reason.label()).unwrap();
    }
    Ok(())
}
