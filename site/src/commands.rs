//! The subcommands. Each writes its whole output into a string first, so that an error leaves
//! nothing half-printed.

use crate::args::{date_range, Options, UsageError};
use crate::build::{self, BuildOptions};
use crate::table;
use chrono::{FixedOffset, NaiveDate, Utc};
use onshi::bureaus::{Bureau, Bureaus, DeadlineSpec, Known, Source};
use onshi::content::Content;
use onshi::era::format_iso_weekday;
use onshi::schedule::{self, Schedule, ScheduleInput};
use std::fmt;
use std::fmt::Write as _;
use std::path::PathBuf;

/// An error of a command: its message and whether the usage text helps.
#[derive(Debug)]
pub struct CommandError {
    pub message: String,
    pub show_usage: bool,
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<UsageError> for CommandError {
    fn from(e: UsageError) -> Self {
        CommandError { message: e.0, show_usage: false }
    }
}

pub fn fail(message: impl Into<String>) -> CommandError {
    CommandError { message: message.into(), show_usage: false }
}

pub fn run(args: &[String], out: &mut String) -> Result<(), CommandError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(CommandError { message: "コマンドがありません。".into(), show_usage: true });
    };
    match command.as_str() {
        "schedule" => schedule_command(rest, out),
        "holidays" => holidays_command(rest, out),
        "closed-days" => closed_days_command(rest, out),
        "bureaus" => bureaus_command(rest, out),
        "form" => crate::form::form_command(rest, out),
        "build" => build_command(rest, out),
        "serve" => serve_command(rest),
        "help" | "--help" | "-h" => {
            out.push_str(crate::USAGE);
            out.push('\n');
            Ok(())
        }
        other => Err(CommandError {
            message: format!(
                "「{other}」というコマンドはありません。schedule、holidays、closed-days、bureaus、form、build、serve のどれかです。"
            ),
            show_usage: true,
        }),
    }
}

/// The folder whose `content/` every command reads: `--root`, else the current directory.
pub fn content_root(opts: &Options) -> Result<PathBuf, CommandError> {
    let root = PathBuf::from(opts.get("--root").unwrap_or("."));
    if !root.join("content").is_dir() {
        return Err(fail(format!(
            "「{}」に content フォルダがありません。content/ のあるフォルダで実行するか、--root でそのフォルダを指定してください。",
            if opts.get("--root").is_some() { root.display().to_string() } else { "今のフォルダ".into() }
        )));
    }
    Ok(root)
}

/// The content under `--root`, checked; every problem with its file and line.
pub fn load_content(opts: &Options) -> Result<Content, CommandError> {
    let root = content_root(opts)?;
    onshi::content::load(&root).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        fail(format!(
            "内容のファイルに誤りがあります（{}件）。直してからもう一度実行してください。\n{}",
            errors.len(),
            list.join("\n")
        ))
    })
}

fn build_command(args: &[String], out: &mut String) -> Result<(), CommandError> {
    let opts = Options::parse("build", args, &["--out", "--today", "--base-url", "--root", "--wizard"], &["--strict"])?;
    let base_url = opts.get("--base-url").map(str::to_string);
    if let Some(url) = &base_url {
        if !url.starts_with("https://") && !url.starts_with("http://") {
            return Err(fail(format!("--base-url の「{url}」は https:// で始まるアドレスにしてください。")));
        }
    }
    let options = BuildOptions {
        root: content_root(&opts)?,
        out: PathBuf::from(opts.required("--out", "書き出し先のフォルダ")?),
        today: opts.date("--today")?.unwrap_or_else(today_in_japan),
        strict: opts.flag("--strict"),
        base_url,
        live_reload: false,
        wizard: opts.get("--wizard").map(PathBuf::from),
    };
    let report = build::build(&options, &crate::form::form_font()).map_err(|errors| {
        let mut message = format!("サイトを作れません（{}件）。直してからもう一度実行してください。", errors.len());
        for e in errors {
            write!(message, "\n{e}").unwrap();
        }
        fail(message)
    })?;
    let kb = |b: usize| b.div_ceil(1024);
    writeln!(
        out,
        "書き出しました：{}（{} ファイル、{} ページ、{} KB、{} ms）",
        options.out.display(),
        report.files,
        report.pages,
        kb(report.bytes),
        report.millis
    )
    .unwrap();
    if let Some((page, bytes)) = report.page_weights.first() {
        writeln!(out, "いちばん重いページ：{page}（HTML+CSS {} KB）", kb(*bytes)).unwrap();
    }
    if report.unknown_markers > 0 {
        writeln!(out, "未確認の値：{} か所（--strict で一覧にして失敗させられます）", report.unknown_markers).unwrap();
    }
    if let Some(warning) = &report.calendar_warning {
        writeln!(out, "注意：{warning}").unwrap();
    }
    if options.base_url.is_none() {
        writeln!(out, "sitemap.xml：--base-url（公開するアドレス）がないため作っていません").unwrap();
    }
    Ok(())
}

fn serve_command(args: &[String]) -> Result<(), CommandError> {
    let opts = Options::parse("serve", args, &["--port", "--today", "--root", "--wizard"], &[])?;
    let port = match opts.get("--port") {
        None => 8000,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| fail(format!("--port の「{p}」は使えません。1〜65535 の番号を指定してください。")))?,
    };
    let root = content_root(&opts)?;
    let options = BuildOptions {
        out: root.join("target/site-preview"),
        root,
        today: opts.date("--today")?.unwrap_or_else(today_in_japan),
        strict: false,
        base_url: None,
        live_reload: true,
        wizard: opts.get("--wizard").map(PathBuf::from),
    };
    crate::serve::serve(options, crate::form::form_font(), port).map_err(fail)
}

/// Today in Japan (JST, UTC+9), the default of `--today`.
fn today_in_japan() -> NaiveDate {
    Utc::now().with_timezone(&FixedOffset::east_opt(9 * 3600).expect("UTC+9")).date_naive()
}

pub fn find_bureau<'a>(bureaus: &'a Bureaus, id: &str) -> Result<&'a Bureau, CommandError> {
    bureaus.get(id).ok_or_else(|| {
        let ids: Vec<&str> = bureaus.iter().map(|b| b.id.as_str()).collect();
        fail(format!("--bureau の「{id}」という局はありません。{} のどれかを指定してください。", ids.join("、")))
    })
}

fn schedule_command(args: &[String], out: &mut String) -> Result<(), CommandError> {
    let opts = Options::parse(
        "schedule",
        args,
        &["--bureau", "--office", "--designation", "--setup", "--today", "--format", "--root"],
        &["--transitional"],
    )?;
    let content = load_content(&opts)?;
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
    let format = opts.choice("--format", &["text", "json", "ics", "svg"], "text")?;
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
            out.push_str(&onshi::timeline::svg(&schedule, &bureau.name, "timeline"));
            out.push('\n');
        }
        _ => write_schedule_text(&schedule, bureau, today, out),
    }
    Ok(())
}

fn write_schedule_text(s: &Schedule, bureau: &Bureau, today: NaiveDate, out: &mut String) {
    let office = s.office.as_deref().and_then(|id| bureau.office(id)).map(|o| format!(" {}", o.display_name()));
    writeln!(out, "{}{}　指定日 {}", bureau.name, office.unwrap_or_default(), format_iso_weekday(s.designation))
        .unwrap();
    if s.transitional {
        writeln!(out, "経過措置：導入計画書（別紙2）の代わりに猶予届出書を指定申請に添えます。").unwrap();
    }
    match (s.feasible, s.earliest_designation) {
        (Some(true), _) => writeln!(out, "今日（{today}）の時点で、期限はすべてこれからです。").unwrap(),
        (Some(false), Some(e)) => writeln!(
            out,
            "今日（{today}）の時点で、期限を過ぎた手続があり、この指定日には間に合いません。間に合う最も早い指定日は {} です。",
            format_iso_weekday(e)
        )
        .unwrap(),
        (Some(false), None) => writeln!(out, "今日（{today}）の時点で、期限を過ぎた手続があり、この指定日には間に合いません。").unwrap(),
        (None, _) => {}
    }
    if let Some(note) = &s.feasibility_note {
        for line in note.lines() {
            writeln!(out, "  {line}").unwrap();
        }
    }
    out.push('\n');
    let mut rows = vec![vec!["期日".to_string(), "区分".into(), "手続".into(), "担当".into(), "根拠".into()]];
    let mut notes = Vec::new();
    for step in &s.steps {
        let date = step.date.map(format_iso_weekday).unwrap_or_else(|| "（下記）".into());
        let kind = match (step.approximate, step.closed_day) {
            (true, true) => "目安・閉庁日",
            (true, false) => "目安",
            (false, true) => "期日・閉庁日",
            (false, false) => "期日",
        };
        rows.push(vec![date, kind.into(), step.title.clone(), step.actor.clone(), step.source.clone()]);
        if let Some(note) = &step.note {
            notes.push((&step.title, note));
        }
    }
    out.push_str(&table::render(&rows));
    if !notes.is_empty() {
        out.push_str("\n備考\n");
        for (title, note) in notes {
            writeln!(out, "・{title}").unwrap();
            for line in note.lines() {
                writeln!(out, "    {line}").unwrap();
            }
        }
    }
}

fn holidays_command(args: &[String], out: &mut String) -> Result<(), CommandError> {
    let opts = Options::parse("holidays", args, &["--from", "--to", "--root"], &[])?;
    let (from, to) = date_range(&opts)?;
    let content = load_content(&opts)?;
    for h in content.calendar.holidays_between(from, to).map_err(|e| fail(e.to_string()))? {
        let mark = if h.provisional { "（暫定）" } else { "" };
        writeln!(out, "{}\t{}{mark}", h.date, h.name).unwrap();
    }
    Ok(())
}

fn closed_days_command(args: &[String], out: &mut String) -> Result<(), CommandError> {
    let opts = Options::parse("closed-days", args, &["--from", "--to", "--root"], &[])?;
    let (from, to) = date_range(&opts)?;
    let content = load_content(&opts)?;
    for (date, reason) in content.calendar.closed_days_between(from, to).map_err(|e| fail(e.to_string()))? {
        writeln!(out, "{date}\t{}", reason.label()).unwrap();
    }
    Ok(())
}

fn bureaus_command(args: &[String], out: &mut String) -> Result<(), CommandError> {
    let opts = Options::parse("bureaus", args, &["--format", "--root"], &[])?;
    let content = load_content(&opts)?;
    let bureaus: &Bureaus = &content.bureaus;
    if opts.choice("--format", &["text", "json"], "text")? == "json" {
        let list: Vec<&Bureau> = bureaus.iter().collect();
        out.push_str(&serde_json::to_string_pretty(&list).expect("bureaus serialise"));
        out.push('\n');
        return Ok(());
    }
    const UNKNOWN: &str = "未確認";
    let known = |k: Option<&str>| k.unwrap_or(UNKNOWN).to_string();
    for b in bureaus.iter() {
        writeln!(out, "{}（{}）　{}", b.name, b.id, b.prefectures.join(" ")).unwrap();
        for o in &b.offices {
            writeln!(out, "  {}（{}）　{}", o.display_name(), o.id, o.prefectures.join(" ")).unwrap();
            let postal = o.postal_code.known().map(|p| format!("〒{} ", p.as_str()));
            let address = match (&o.address, postal) {
                (Known::Known(a), p) => format!("{}{a}", p.unwrap_or_default()),
                (Known::Unknown, _) => UNKNOWN.into(),
            };
            writeln!(out, "    所在地：{address}　電話：{}", known(o.phone.known().map(|p| p.as_str()))).unwrap();
            if let Some(source) = &o.source {
                writeln!(out, "    出典：{}", describe_source(source)).unwrap();
            }
            write_rule(out, "受付番号の依頼期限", &o.reception_request);
            write_rule(out, "指定申請の期限", &o.designation_application);
        }
        out.push('\n');
    }
    Ok(())
}

fn write_rule(out: &mut String, label: &str, spec: &DeadlineSpec) {
    let rule = match &spec.rule {
        Known::Known(r) => r.describe(),
        Known::Unknown => "未確認".into(),
    };
    writeln!(out, "    {label}：{rule}").unwrap();
    if let Some(w) = &spec.wording {
        writeln!(out, "      局の定め：「{w}」").unwrap();
    }
    for (month, date) in &spec.overrides {
        writeln!(out, "      {month} 指定分：{}", format_iso_weekday(date.0)).unwrap();
    }
    writeln!(out, "      出典：{}", describe_source(&spec.source)).unwrap();
}

fn describe_source(s: &Source) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &s.title {
        parts.push(t.clone());
    }
    if let Some(u) = &s.url {
        parts.push(u.clone());
    }
    if let Some(d) = &s.seen {
        parts.push(format!("（{}）", d.0));
    }
    parts.join(" ")
}
