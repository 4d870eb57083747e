//! The subcommands. Each file declares its commands once (a [`Command`]: name, what it does,
//! options); `run` parses the options against that declaration and runs the command, and
//! `help.rs` writes the usage from the same table. Each command writes its whole output into
//! a string first, so that an error leaves nothing half-printed.

mod build;
mod bureaus;
mod calendar;
mod check;
mod diff;
mod form;
mod help;
mod schedule;
mod serve;
mod server_config;

use crate::args::{Opt, Options, UsageError};
use chrono::{FixedOffset, NaiveDate, Utc};
use onshi::bureaus::{Bureau, Bureaus};
use onshi::content::Content;
use publish::Program;
use std::fmt;
use std::path::PathBuf;

pub use help::usage;

/// One subcommand, declared once in its file.
pub struct Command {
    /// `schedule`: what follows `site`.
    pub name: &'static str,
    /// Its ways of being called, each with the options it requires and what it does.
    pub uses: &'static [Use],
    /// Every option it accepts, in the order the usage and the errors list them (the errors
    /// put the flags last).
    pub options: &'static [Opt],
    /// Runs it with the parsed options, writing its output into the string.
    pub run: fn(&Options, &mut String) -> Result<(), CommandError>,
}

/// One way of calling a command.
pub struct Use {
    /// The options this use requires (`--from`, `--to`).
    pub required: &'static [&'static str],
    /// What it does, in one sentence.
    pub summary: &'static str,
}

/// Every command, in the order `site help` lists them.
pub const COMMANDS: [&Command; 10] = [
    &schedule::COMMAND,
    &calendar::HOLIDAYS,
    &calendar::CLOSED_DAYS,
    &bureaus::COMMAND,
    &form::COMMAND,
    &check::COMMAND,
    &build::COMMAND,
    &diff::COMMAND,
    &serve::COMMAND,
    &server_config::COMMAND,
];

/// An error of a command: its message and whether the usage text helps.
#[derive(Debug)]
pub struct CommandError {
    pub message: String,
    pub show_usage: bool,
    /// 2 for an error; 1 for `check` when something needs action (its report is on stdout).
    pub exit_code: u8,
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<UsageError> for CommandError {
    fn from(e: UsageError) -> Self {
        CommandError { message: e.0, show_usage: false, exit_code: 2 }
    }
}

pub fn fail(message: impl Into<String>) -> CommandError {
    CommandError { message: message.into(), show_usage: false, exit_code: 2 }
}

pub fn run(args: &[String], out: &mut String) -> Result<(), CommandError> {
    let Some((name, rest)) = args.split_first() else {
        return Err(CommandError {
            message: "コマンドがありません。".into(), show_usage: true, exit_code: 2
        });
    };
    if matches!(name.as_str(), "help" | "--help" | "-h") {
        out.push_str(&help::help());
        return Ok(());
    }
    let Some(command) = COMMANDS.iter().find(|c| c.name == name) else {
        let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        return Err(CommandError {
            message: format!("「{name}」というコマンドはありません。{} のどれかです。", names.join("、")),
            show_usage: true,
            exit_code: 2,
        });
    };
    let opts = Options::parse(command.name, rest, command.options)?;
    (command.run)(&opts, out)
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

pub fn find_bureau<'a>(bureaus: &'a Bureaus, id: &str) -> Result<&'a Bureau, CommandError> {
    bureaus.get(id).ok_or_else(|| {
        let ids: Vec<&str> = bureaus.iter().map(|b| b.id.as_str()).collect();
        fail(format!("--bureau の「{id}」という局はありません。{} のどれかを指定してください。", ids.join("、")))
    })
}

/// A browser program for a build: the folder given (`--wizard DIR`, `--studio DIR`), else the
/// copy built into a packaged executable (`embedded`), if it carries one.
pub fn program(dir: Option<&str>, bundled: &'static [(&'static str, &'static [u8])], what: &str) -> Option<Program> {
    match dir {
        Some(dir) => Some(Program::Folder(PathBuf::from(dir))),
        None if bundled.is_empty() => None,
        None => Some(Program::Files {
            files: bundled.iter().map(|(name, bytes)| (name.to_string(), (*bytes).into())).collect(),
            from: format!("（実行ファイルの中の{what}）"),
        }),
    }
}

/// Today in Japan (JST, UTC+9), the default of `--today`.
pub fn today_in_japan() -> NaiveDate {
    Utc::now().with_timezone(&FixedOffset::east_opt(9 * 3600).expect("UTC+9")).date_naive()
}
