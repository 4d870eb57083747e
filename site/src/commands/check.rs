//! `site check`: content health for staff — every "unknown", every source more than two years
//! old, published dates for months already past, the calendar's published years running out,
//! every rule read from the bureau's words rather than stated (`inferred`); each with its file
//! and line and what to do. Exit 1 when anything needs action.

use super::{load_content, today_in_japan, Command, CommandError, Use};
use crate::args::{Opt, Options};
use onshi::content::{health, Concern};
use std::fmt::Write as _;

/// `site check`.
pub const COMMAND: Command = Command {
    name: "check",
    uses: &[Use {
        required: &[],
        summary: "内容の点検：未掲載（\"unknown\"）、2年以上前の出典、過ぎた月の公表日、暦の公表年、局の文言からの読み取り（inferred）を、ファイルと行つきで示します（何かあれば終了コード 1）。",
    }],
    options: &[Opt::TODAY, Opt::ROOT],
    run: check_command,
};

fn check_command(opts: &Options, out: &mut String) -> Result<(), CommandError> {
    let today = opts.date("--today")?.unwrap_or_else(today_in_japan);
    let content = load_content(opts)?;
    let items = health(&content, today);
    // The tables and the open data count from the day the site was built.
    let reminder = "提出期限の表とオープンデータは、作った日を基準にしています。少なくとも毎月、作り直して公開してください（例：cron に `0 6 1 * * cd /srv/onshi && ./site build --out /var/www/onshi --base-url https://…/`）。";
    if items.is_empty() {
        writeln!(out, "対応の必要な事項はありません（{today} の時点）。\n{reminder}").unwrap();
        return Ok(());
    }
    for item in &items {
        match item.line {
            Some(line) => writeln!(out, "{}:{line}: {}", item.file, item.message).unwrap(),
            None => writeln!(out, "{}: {}", item.file, item.message).unwrap(),
        }
    }
    let count = |c: Concern| items.iter().filter(|i| i.concern == c).count();
    writeln!(
        out,
        "\n対応が必要な事項：{} 件（未掲載 {}、2年以上前の出典 {}、過ぎた月の公表日 {}、暦の公表年 {}、読み取り {}）",
        items.len(),
        count(Concern::Unknown),
        count(Concern::Stale),
        count(Concern::PastMonths),
        count(Concern::CalendarRunningOut),
        count(Concern::Inferred)
    )
    .unwrap();
    writeln!(out, "{reminder}").unwrap();
    Err(CommandError {
        message: format!("内容に対応の必要な事項が {} 件あります（一覧は上のとおり）。", items.len()),
        show_usage: false,
        exit_code: 1,
    })
}
