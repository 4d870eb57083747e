//! `site schedule`: every step of the notice for one designation date, as text, JSON, .ics or SVG.

use super::{fail, find_bureau, load_content, today_in_japan, Command, CommandError, Use};
use crate::args::{Opt, Options};
use crate::table;
use chrono::NaiveDate;
use onshi::bureaus::Bureau;
use onshi::era::format_era_date_weekday;
use onshi::schedule::{self, Schedule, ScheduleInput, Timing};
use std::fmt::Write as _;

/// `site schedule`.
pub const COMMAND: Command = Command {
    name: "schedule",
    uses: &[Use {
        required: &["--bureau", "--designation"],
        summary: "指定日までの手続と日付（期限・目安）を表示します（ics はカレンダー、svg は時系列の図）。",
    }],
    options: &[
        Opt::value("--bureau", "ID", "局の id（site bureaus の一覧のとおり）"),
        Opt::value("--office", "ID", "事務所の id（省くと局のすべての事務所）"),
        Opt::value("--designation", "YYYY-MM-DD", "指定日（月の1日）"),
        Opt::value("--setup", "YYYY-MM-DD", "機器設定作業の日（決まっていれば）"),
        Opt::TODAY,
        Opt::one_of("--format", &["text", "json", "ics", "svg"], "出力の形（既定は text）"),
        Opt::ROOT,
        Opt::flag("--transitional", "経過措置（別紙2 の代わりに猶予届出書を指定申請に添える）"),
    ],
    run: schedule_command,
};

fn schedule_command(opts: &Options, out: &mut String) -> Result<(), CommandError> {
    let content = load_content(opts)?;
    let bureau = find_bureau(&content.bureaus, opts.required("--bureau", "局の id")?)?;
    let office = match opts.get("--office") {
        None => None,
        Some(id) => Some(bureau.office(id).ok_or_else(|| {
            let ids: Vec<&str> = bureau.offices.iter().map(|o| o.id.as_str()).collect();
            fail(format!(
                "--office の「{id}」は {} の事務所ではありません。{} のどれかを指定してください。",
                bureau.name,
                ids.join("、")
            ))
        })?),
    };
    let designation = opts.required_date("--designation", "指定日（月の1日）")?;
    let setup = opts.date("--setup")?;
    let today = opts.date("--today")?.unwrap_or_else(today_in_japan);
    let format = opts.choice("--format")?;
    let input = ScheduleInput {
        content: &content,
        bureau,
        office,
        designation,
        setup,
        today: Some(today),
        transitional: opts.flag("--transitional"),
    };
    let schedule = schedule::compute(&input).map_err(|e| match e {
        schedule::ScheduleError::DesignationNotFirstOfMonth(_) | schedule::ScheduleError::DesignationOutOfRange(_) => {
            fail(format!("--designation：{e}"))
        }
        other => fail(other.to_string()),
    })?;
    match format {
        "json" => {
            out.push_str(&serde_json::to_string_pretty(&schedule).expect("schedule serialises"));
            out.push('\n');
        }
        "ics" => out.push_str(&onshi::ics::calendar(&schedule, &bureau.name, today)),
        "svg" => {
            out.push_str(&onshi::timeline::svg(&schedule, &bureau.name, "timeline", Some(today)));
            out.push('\n');
        }
        _ => write_schedule_text(&schedule, bureau, today, out),
    }
    Ok(())
}

fn write_schedule_text(s: &Schedule, bureau: &Bureau, today: NaiveDate, out: &mut String) {
    let office = s.office.as_deref().and_then(|id| bureau.office(id)).map(|o| format!(" {}", o.display_name()));
    writeln!(out, "{}{}　指定日 {}", bureau.name, office.unwrap_or_default(), format_era_date_weekday(s.designation))
        .unwrap();
    if s.transitional {
        writeln!(out, "経過措置：導入計画書（別紙2）の代わりに猶予届出書を指定申請に添えます。").unwrap();
    }
    if let Some(feasibility) = &s.feasibility {
        writeln!(out, "{}", feasibility.headline(today)).unwrap();
        for line in feasibility.note().iter().flat_map(|n| n.lines()) {
            writeln!(out, "  {line}").unwrap();
        }
    }
    out.push('\n');
    let mut rows = vec![vec!["日付".to_string(), "区分".into(), "手続".into(), "担当".into(), "根拠".into()]];
    let mut notes = Vec::new();
    for step in &s.steps {
        let date = step.when().unwrap_or_else(|| "（下記）".into());
        // 目安 for the notice's guidelines, 期限 for a date something must be done by (⑤⑥⑨, the
        // reply, オンライン請求), 予定 for a day things happen (the set-up, the designation).
        let kind = match (step.approximate, step.timing) {
            (true, _) => "目安",
            (false, Some(Timing::By)) => "期限",
            (false, Some(Timing::From)) => "開始",
            (false, Some(Timing::On) | None) => "予定",
        };
        let kind = if step.closed_day { format!("{kind}・閉庁日") } else { kind.to_string() };
        rows.push(vec![date, kind, step.title.clone(), step.actor.clone(), step.source.clone()]);
        if !step.notes.is_empty() {
            notes.push((&step.title, step.note_lines()));
        }
    }
    out.push_str(&table::render(&rows));
    if !notes.is_empty() {
        out.push_str("\n備考\n");
        for (title, note) in notes {
            writeln!(out, "・{title}").unwrap();
            for line in note {
                writeln!(out, "    {line}").unwrap();
            }
        }
    }
}
