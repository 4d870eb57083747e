//! The usage and `site help`, written from the commands' declarations (`COMMANDS`).

use super::{Command, Use, COMMANDS};
use std::fmt::Write as _;

/// The usage shown under an error: each command's ways of being called and what each does.
pub fn usage() -> String {
    let mut out = write(false);
    out.push_str("各引数の説明は site help で表示します。\n");
    out
}

/// `site help`: the usage with every option and its help.
pub fn help() -> String {
    write(true)
}

fn write(with_options: bool) -> String {
    let mut out = String::from("使い方：\n");
    for command in COMMANDS {
        for u in command.uses {
            writeln!(out, "  {}\n      {}", synopsis(command, u), u.summary).unwrap();
        }
        if with_options {
            let width = command.options.iter().map(|o| o.synopsis().len()).max().unwrap_or(0);
            for o in command.options {
                writeln!(out, "        {:width$}  {}", o.synopsis(), o.help).unwrap();
            }
        }
    }
    out
}

/// One use as a line: `site form --blank --bureau ID --out-dir DIR [--root DIR]`: the options
/// this use requires, in its order, then in brackets and in their declared order those that
/// no use requires (an option another use requires is left out: `--input` with `--blank`).
pub fn synopsis(command: &Command, u: &Use) -> String {
    let required_by_any = |name: &str| command.uses.iter().any(|any| any.required.contains(&name));
    let mut line = format!("site {}", command.name);
    for name in u.required {
        let o = command.options.iter().find(|o| o.name == *name).expect("a required option is declared");
        write!(line, " {}", o.synopsis()).unwrap();
    }
    for o in command.options.iter().filter(|o| !required_by_any(o.name)) {
        write!(line, " [{}]", o.synopsis()).unwrap();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Opt, Value};

    #[test]
    fn every_declaration_is_whole() {
        let mut names = Vec::new();
        for command in COMMANDS {
            assert!(!names.contains(&command.name), "{} twice", command.name);
            names.push(command.name);
            assert!(!command.uses.is_empty(), "{} has no use", command.name);
            let mut options: Vec<&str> = command.options.iter().map(|o| o.name).collect();
            options.sort_unstable();
            options.dedup();
            assert_eq!(options.len(), command.options.len(), "{}: an option declared twice", command.name);
            for o in command.options {
                assert!(o.name.starts_with("--") && !o.help.is_empty(), "{} {}", command.name, o.name);
                if let Value::OneOf(words) = o.value {
                    assert!(!words.is_empty(), "{} {}", command.name, o.name);
                }
            }
            // Every command reads content/ (`content_root`), but `diff`, which reads two given
            // by --from and --to.
            assert!(command.options.contains(&Opt::ROOT) || command.name == "diff", "{} lacks --root", command.name);
            for u in command.uses {
                for r in u.required {
                    assert!(options.contains(r), "{}: {r} is required but not declared", command.name);
                }
            }
        }
        assert!(!names.contains(&"help"));
    }

    #[test]
    fn the_usage_shows_every_option_of_every_use() {
        let usage = usage();
        assert!(usage.contains(
            "  site schedule --bureau ID --designation YYYY-MM-DD [--office ID] [--setup YYYY-MM-DD] \
             [--today YYYY-MM-DD] [--format text|json|ics|svg] [--root DIR] [--transitional]\n"
        ));
        assert!(usage.contains("  site form --input FILE --out-dir DIR [--root DIR]\n"), "{usage}");
        assert!(usage.contains("  site form --blank --bureau ID --out-dir DIR [--root DIR]\n"), "{usage}");
        let help = help();
        assert!(help.contains("        --format text|json|ics|svg  出力の形（既定は text）\n"), "{help}");
    }
}
