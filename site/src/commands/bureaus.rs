//! `site bureaus`: the bureaus, their offices and deadline rules, as text or JSON.

use super::{load_content, Command, CommandError, Use};
use crate::args::{Opt, Options};
use onshi::bureaus::{Bureau, Bureaus, DeadlineEntry};
use onshi::content::values::{Confirmed, Source};
use onshi::era::format_era_date_weekday;
use onshi::rule::DeadlineKind;
use std::fmt::Write as _;

/// `site bureaus`.
pub const COMMAND: Command = Command {
    name: "bureaus",
    uses: &[Use { required: &[], summary: "局と事務所、提出期限の定めを表示します。" }],
    options: &[Opt::one_of("--format", &["text", "json"], "出力の形（既定は text）"), Opt::ROOT],
    run: bureaus_command,
};

fn bureaus_command(opts: &Options, out: &mut String) -> Result<(), CommandError> {
    let content = load_content(opts)?;
    let bureaus: &Bureaus = &content.bureaus;
    if opts.choice("--format")? == "json" {
        let list: Vec<&Bureau> = bureaus.iter().collect();
        out.push_str(&serde_json::to_string_pretty(&list).expect("bureaus serialise"));
        out.push('\n');
        return Ok(());
    }
    let known = |k: Option<&str>| k.unwrap_or(UNKNOWN).to_string();
    for b in bureaus.iter() {
        writeln!(out, "{}（{}）　{}", b.name, b.id, b.prefectures.join(" ")).unwrap();
        for o in &b.offices {
            writeln!(out, "  {}（{}）　{}", o.display_name(), o.id, o.prefectures.join(" ")).unwrap();
            let postal = o.postal_code.value().map(|p| format!("〒{} ", p.as_str()));
            let address = match (&o.address, postal) {
                (Confirmed::Value(a), p) => format!("{}{a}", p.unwrap_or_default()),
                (Confirmed::Unconfirmed, _) => UNKNOWN.into(),
            };
            writeln!(out, "    所在地：{address}　電話：{}", known(o.phone.value().map(|p| p.as_str()))).unwrap();
            if let Some(source) = &o.source {
                writeln!(out, "    出典：{}", describe_source(source)).unwrap();
            }
            for kind in DeadlineKind::ALL {
                write_rule(out, kind.short_label(), o.deadline(kind));
            }
        }
        out.push('\n');
    }
    Ok(())
}

/// What `site bureaus` writes for a value content marks `"unknown"`.
const UNKNOWN: &str = "未確認";

fn write_rule(out: &mut String, label: &str, spec: &DeadlineEntry) {
    let rule = match &spec.rule {
        Confirmed::Value(r) => r.describe(),
        Confirmed::Unconfirmed => UNKNOWN.into(),
    };
    writeln!(out, "    {label}：{rule}").unwrap();
    if let Some(w) = &spec.wording {
        writeln!(out, "      局の定め：「{w}」").unwrap();
    }
    if let Some(reading) = &spec.inferred {
        writeln!(out, "      読み取り：{reading}").unwrap();
    }
    for (month, date) in &spec.overrides {
        writeln!(out, "      {month} 指定分：{}", format_era_date_weekday(*date)).unwrap();
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
        parts.push(format!("（{d}）"));
    }
    parts.join(" ")
}
