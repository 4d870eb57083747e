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

/// The options of one subcommand, checked against what it accepts.
pub struct Options {
    values: BTreeMap<String, String>,
    flags: Vec<String>,
}

impl Options {
    /// Parses `args` allowing the named options (`"--from"`) and flags (`"--blank"`).
    pub fn parse(command: &str, args: &[String], options: &[&str], flags: &[&str]) -> Result<Options, UsageError> {
        let mut values = BTreeMap::new();
        let mut seen_flags = Vec::new();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (arg.as_str(), None),
            };
            if flags.contains(&name) && inline.is_none() {
                seen_flags.push(name.to_string());
            } else if options.contains(&name) {
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
                let allowed: Vec<&str> = options.iter().chain(flags).copied().collect();
                return Err(UsageError(format!(
                    "{command} では「{arg}」は使えません。使える引数：{}",
                    allowed.join(" ")
                )));
            }
        }
        Ok(Options { values, flags: seen_flags })
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn flag(&self, name: &str) -> bool {
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

    /// One of the allowed words.
    pub fn choice<'a>(&self, name: &str, allowed: &[&'a str], default: &'a str) -> Result<&'a str, UsageError> {
        match self.get(name) {
            None => Ok(default),
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

    #[test]
    fn parses_and_refuses() {
        let from_to = ["--from", "--to"];
        let o =
            Options::parse("x", &args(&["--from", "2027-01-01", "--to=2027-02-01", "--blank"]), &from_to, &["--blank"]);
        let o = o.unwrap();
        assert_eq!(date_range(&o).unwrap().1.to_string(), "2027-02-01");
        assert!(o.flag("--blank"));
        let e = Options::parse("holidays", &args(&["--bogus"]), &["--from"], &["--blank"]).err().unwrap();
        assert!(e.0.contains("「--bogus」は使えません") && e.0.contains("--from --blank"), "{e}");
        let e =
            Options::parse("x", &args(&["--to", "2027-01-01", "--to", "2027-01-02"]), &["--to"], &[]).err().unwrap();
        assert!(e.0.contains("二度"), "{e}");
        let e = Options::parse("x", &args(&["--from"]), &["--from"], &[]).err().unwrap();
        assert!(e.0.contains("--from の値がありません"), "{e}");
        assert!(parse_date("--designation", "2027-02-30").unwrap_err().0.contains("存在しない日付"));
        assert!(parse_date("--designation", "2027/02/01").unwrap_err().0.contains("YYYY-MM-DD"));
        assert!(parse_date("--from", "1948-07-19").unwrap_err().0.contains("1948-07-20 から 2099-12-31"));
        assert!(parse_date("--to", "2100-01-01").unwrap_err().0.contains("対応範囲の外"));
    }
}
