//! `site`: onshi's command line. `site help` lists every command and option; each command
//! declares them once, in its file under `commands/` (docs/developers.md, "The command line",
//! shows the same list).
//! Errors go to stderr in Japanese with exit code 2 (`check`: 1 when something needs action).

use site::commands;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = String::new();
    let result = commands::run(&args, &mut out);
    match result {
        Ok(()) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`site holidays … | head`) is not an error worth a panic.
            let _ = stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush());
            ExitCode::SUCCESS
        }
        Err(e) => {
            // `check` reports what needs action on stdout, then says so and exits 1.
            if e.exit_code == 1 {
                let mut stdout = std::io::stdout().lock();
                let _ = stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush());
                eprintln!("{e}");
            } else {
                eprintln!("エラー：{e}");
            }
            if e.show_usage {
                eprint!("\n{}", commands::usage());
            }
            ExitCode::from(e.exit_code)
        }
    }
}
