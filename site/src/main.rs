//! `site`: onshi's command line.
//!
//! ```text
//! site schedule --bureau ID [--office ID] --designation YYYY-MM-DD [--setup YYYY-MM-DD] [--today YYYY-MM-DD] [--format text|json|ics|svg]
//! site holidays --from YYYY-MM-DD --to YYYY-MM-DD
//! site closed-days --from YYYY-MM-DD --to YYYY-MM-DD
//! site bureaus [--format text|json]
//! site form --input FILE --out-dir DIR | --blank --bureau ID --out-dir DIR
//! site check [--today YYYY-MM-DD] [--root DIR]
//! site build --out DIR [--today YYYY-MM-DD] [--strict] [--base-url URL] [--root DIR]
//! site serve [--port N] [--today YYYY-MM-DD] [--root DIR]
//! ```
//! Errors go to stderr in Japanese with exit code 2.

mod args;
mod build;
mod commands;
mod embedded;
mod serve;
mod table;

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "使い方：
  site schedule --bureau ID [--office ID] --designation YYYY-MM-DD [--setup YYYY-MM-DD] [--today YYYY-MM-DD] [--format text|json|ics|svg]
      指定日までの手続と期日を表示します（--today の既定は今日の日付。ics はカレンダー、svg は時系列の図）。
  site holidays --from YYYY-MM-DD --to YYYY-MM-DD
      祝日・休日を一行ずつ表示します（暫定の日には（暫定）と付けます）。
  site closed-days --from YYYY-MM-DD --to YYYY-MM-DD
      閉庁日（土日・祝日・12/29〜1/3）を理由とともに表示します。
  site bureaus [--format text|json]
      局と事務所、提出期限の定めを表示します。
  site form --input FILE --out-dir DIR
      申請ファイル（JSON）から 別紙1・別紙2 の PDF を書き出します。
  site form --blank --bureau ID --out-dir DIR
      局名だけを印刷した空の 別紙1・別紙2 を書き出します。
  site check [--today YYYY-MM-DD] [--root DIR]
      内容の点検：未掲載（\"unknown\"）、2年以上前の出典、過ぎた月の公表日、暦の公表年を、ファイルと行つきで示します（何かあれば終了コード 1）。
  site build --out DIR [--today YYYY-MM-DD] [--strict] [--base-url URL] [--root DIR] [--wizard DIR]
      content/ から8局のサイトを作ります（--strict は点検で何かあれば作りません）。
  site serve [--port N] [--today YYYY-MM-DD] [--root DIR] [--wizard DIR]
      サイトを作って 127.0.0.1 で表示し、内容を保存するたびに作り直します。";

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
                eprintln!("\n{USAGE}");
            }
            ExitCode::from(e.exit_code)
        }
    }
}
