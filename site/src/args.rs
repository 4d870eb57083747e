//! Command-line arguments: `--name value` pairs, with Japanese errors that name the argument
//! and say what is allowed.

use chrono::NaiveDate;
use onshi::calendar::{FIRST_SUPPORTED_DAY, LAST_SUPPORTED_DAY};
use std::collections::BTreeMap;
use std::fmt;

/// A usage error: printed on stderr, exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What follows an option's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// Nothing: a flag (`--strict`).
    None,
    /// A value, shown in the usage by this name (`ID`, `YYYY-MM-DD`).
    Named(&'static str),
    /// One of these words; the first is the default (`text|json`).
    OneOf(&'static [&'static str]),
}

/// One option a command accepts: its name, what follows it and one line of help, declared
/// once in the command's file. Parsing, `site help` and the errors are made from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opt {
    pub name: &'static str,
    pub value: Value,
    pub help: &'static str,
}

impl Opt {
    /// `--name VALUE`.
    pub const fn value(name: &'static str, value: &'static str, help: &'static str) -> Opt {
        Opt { name, value: Value::Named(value), help }
    }

    /// `--name`, a flag.
    pub const fn flag(name: &'static str, help: &'static str) -> Opt {
        Opt { name, value: Value::None, help }
    }

    /// `--name a|b|c`, `a` when absent.
    pub const fn one_of(name: &'static str, words: &'static [&'static str], help: &'static str) -> Opt {
        Opt { name, value: Value::OneOf(words), help }
    }

    /// `--root DIR`, which every command reading content/ takes.
    pub const ROOT: Opt = Opt::value("--root", "DIR", "content/ のあるフォルダ（既定は今のフォルダ）");

    /// `--today YYYY-MM-DD`.
    pub const TODAY: Opt = Opt::value("--today", "YYYY-MM-DD", "今日とみなす日（既定は日本の今日の日付）");

    /// `--wizard DIR`, for the two commands that make the site.
    pub const WIZARD: Opt =
        Opt::value("--wizard", "DIR", "trunk で作ったウィザード（scripts/build-wizard：target/wizard-dist）");

    /// `--studio DIR`, for the two commands that make the site: build writes it as `studio/`,
    /// serve shows it at /studio/. Without it, the one built into a packaged executable.
    pub const STUDIO: Opt = Opt::value(
        "--studio",
        "DIR",
        "作った編集室（scripts/build-studio：target/studio-dist。なければ配布用の実行ファイルの中のもの）。build は studio/ に書き、serve は /studio/ で表示します",
    );

    /// The option as the usage shows it: `--format text|json`.
    pub fn synopsis(&self) -> String {
        match self.value {
            Value::None => self.name.to_string(),
            Value::Named(v) => format!("{} {v}", self.name),
            Value::OneOf(words) => format!("{} {}", self.name, words.join("|")),
        }
    }

    fn is_flag(&self) -> bool {
        self.value == Value::None
    }
}

/// The options of one subcommand, checked against what it accepts.
pub struct Options {
    accepted: &'static [Opt],
    values: BTreeMap<String, String>,
    flags: Vec<String>,
}

impl Options {
    /// Parses `args` allowing the `accepted` options of `command`.
    pub fn parse(command: &str, args: &[String], accepted: &'static [Opt]) -> Result<Options, UsageError> {
        let declared = |name: &str, flag: bool| accepted.iter().any(|o| o.name == name && o.is_flag() == flag);
        let mut values = BTreeMap::new();
        let mut seen_flags = Vec::new();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (arg.as_str(), None),
            };
            if declared(name, true) && inline.is_none() {
                seen_flags.push(name.to_string());
            } else if declared(name, false) {
                let value = match inline {
                    Some(v) => v,
                    None => it.next().filter(|v| !v.starts_with("--")).cloned().ok_or_else(|| {
                        UsageError(format!("{name} の値がありません。{name} の後に値を書いてください。"))
                    })?,
                };
                if values.insert(name.to_string(), value).is_some() {
                    return Err(UsageError(format!("{name} が二度指定されています。一度だけ指定してください。")));
                }
            } else {
                // Options with a value first, then flags.
                let (flags, options): (Vec<&Opt>, Vec<&Opt>) = accepted.iter().partition(|o| o.is_flag());
                let allowed: Vec<&str> = options.iter().chain(&flags).map(|o| o.name).collect();
                return Err(UsageError(format!(
                    "{command} では「{arg}」は使えません。使える引数：{}",
                    allowed.join(" ")
                )));
            }
        }
        Ok(Options { accepted, values, flags: seen_flags })
    }

    /// The declaration of `name`; asking for an undeclared option is a mistake in the code.
    fn declared(&self, name: &str) -> &'static Opt {
        self.accepted.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("{name} is not declared"))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.declared(name);
        self.values.get(name).map(String::as_str)
    }

    pub fn flag(&self, name: &str) -> bool {
        self.declared(name);
        self.flags.iter().any(|f| f == name)
    }

    pub fn required(&self, name: &str, what: &str) -> Result<&str, UsageError> {
        self.get(name).ok_or_else(|| UsageError(format!("{name} がありません。{what}を {name} で指定してください。")))
    }

    /// A date `YYYY-MM-DD` that exists and lies in the calendar's range.
    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, UsageError> {
        self.get(name).map(|v| parse_date(name, v)).transpose()
    }

    pub fn required_date(&self, name: &str, what: &str) -> Result<NaiveDate, UsageError> {
        parse_date(name, self.required(name, what)?)
    }

    /// One of the words the option declares; the first when it is absent.
    pub fn choice(&self, name: &str) -> Result<&'static str, UsageError> {
        let Value::OneOf(allowed) = self.declared(name).value else { panic!("{name} is not declared with its words") };
        match self.get(name) {
            None => Ok(allowed[0]),
            Some(v) => allowed.iter().find(|a| **a == v).copied().ok_or_else(|| {
                UsageError(format!("{name} の「{v}」は使えません。{} のどれかを指定してください。", allowed.join("、")))
            }),
        }
    }
}

pub fn parse_date(name: &str, value: &str) -> Result<NaiveDate, UsageError> {
    let shape_ok = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shape_ok {
        return Err(UsageError(format!(
            "{name} の「{value}」は日付の形ではありません。2027-04-01 のように YYYY-MM-DD で指定してください。"
        )));
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        UsageError(format!("{name} の「{value}」は存在しない日付です。実在する日付を YYYY-MM-DD で指定してください。"))
    })?;
    if !(FIRST_SUPPORTED_DAY..=LAST_SUPPORTED_DAY).contains(&date) {
        return Err(UsageError(format!(
            "{name} の「{value}」は対応範囲の外です。{FIRST_SUPPORTED_DAY} から {LAST_SUPPORTED_DAY} までの日付を指定してください。"
        )));
    }
    Ok(date)
}

/// `--from` and `--to`, in order.
pub fn date_range(opts: &Options) -> Result<(NaiveDate, NaiveDate), UsageError> {
    let from = opts.required_date("--from", "始まりの日")?;
    let to = opts.required_date("--to", "終わりの日")?;
    if from > to {
        return Err(UsageError(format!(
            "--from（{from}）が --to（{to}）より後です。--from には --to 以前の日付を指定してください。"
        )));
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    const FROM: Opt = Opt::value("--from", "YYYY-MM-DD", "");
    const TO: Opt = Opt::value("--to", "YYYY-MM-DD", "");
    const BLANK: Opt = Opt::flag("--blank", "");

    #[test]
    fn parses_and_refuses() {
        const FROM_TO_BLANK: &[Opt] = &[FROM, TO, BLANK];
        let o = Options::parse("x", &args(&["--from", "2027-01-01", "--to=2027-02-01", "--blank"]), FROM_TO_BLANK);
        let o = o.unwrap();
        assert_eq!(date_range(&o).unwrap().1.to_string(), "2027-02-01");
        assert!(o.flag("--blank"));
        let e = Options::parse("holidays", &args(&["--bogus"]), &[BLANK, FROM]).err().unwrap();
        assert!(e.0.contains("「--bogus」は使えません") && e.0.contains("--from --blank"), "{e}");
        let e = Options::parse("x", &args(&["--to", "2027-01-01", "--to", "2027-01-02"]), &[TO]).err().unwrap();
        assert!(e.0.contains("二度"), "{e}");
        let e = Options::parse("x", &args(&["--from"]), &[FROM]).err().unwrap();
        assert!(e.0.contains("--from の値がありません"), "{e}");
        const FORMAT: &[Opt] = &[Opt::one_of("--format", &["text", "json"], "")];
        assert_eq!(Options::parse("x", &[], FORMAT).unwrap().choice("--format").unwrap(), "text");
        let o = Options::parse("x", &args(&["--format=xml"]), FORMAT).unwrap();
        assert!(o.choice("--format").unwrap_err().0.contains("--format の「xml」は使えません。text、json のどれか"));
        assert!(parse_date("--designation", "2027-02-30").unwrap_err().0.contains("存在しない日付"));
        assert!(parse_date("--designation", "2027/02/01").unwrap_err().0.contains("YYYY-MM-DD"));
        assert!(parse_date("--from", "1948-07-19").unwrap_err().0.contains("1948-07-20 から 2099-12-31"));
        assert!(parse_date("--to", "2100-01-01").unwrap_err().0.contains("対応範囲の外"));
    }
}
