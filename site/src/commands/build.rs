//! `site build`: the eight bureaus' sites from content/.

use super::{content_root, fail, program, today_in_japan, Command, CommandError, Use};
use crate::args::{Opt, Options};
use crate::embedded::{STUDIO, WIZARD};
use publish::embedded::form_font;
use publish::{self, BuildMode, BuildOptions, Phase, Step};
use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `site build`.
pub const COMMAND: Command = Command {
    name: "build",
    uses: &[Use { required: &["--out"], summary: "content/ から8局のサイトを作ります。" }],
    options: &[
        Opt::value("--out", "DIR", "書き出し先のフォルダ（新しい、空の、または前に作ったサイトのフォルダ）"),
        Opt::TODAY,
        Opt::value("--base-url", "URL", "公開するアドレス（sitemap.xml に使います）"),
        Opt::ROOT,
        Opt::WIZARD,
        Opt::STUDIO,
        Opt::flag("--strict", "点検（site check）で対応の必要な事項があれば作らない"),
        Opt::flag(
            "--timings",
            "段階ごと（読み込み、様式、オープンデータ、ページ、圧縮、書き込み…）にかかった時間を表示する",
        ),
    ],
    run: build_command,
};

fn build_command(opts: &Options, out: &mut String) -> Result<(), CommandError> {
    let base_url = opts.get("--base-url").map(str::to_string);
    if let Some(url) = &base_url {
        if !url.starts_with("https://") && !url.starts_with("http://") {
            return Err(fail(format!("--base-url の「{url}」は https:// で始まるアドレスにしてください。")));
        }
    }
    let options = BuildOptions {
        root: content_root(opts)?,
        out: PathBuf::from(opts.required("--out", "書き出し先のフォルダ")?),
        today: opts.date("--today")?.unwrap_or_else(today_in_japan),
        strict: opts.flag("--strict"),
        base_url,
        mode: BuildMode::Publish,
        wizard: program(opts.get("--wizard"), WIZARD, "ウィザード"),
        studio: program(opts.get("--studio"), STUDIO, "編集室"),
    };
    let started = Instant::now();
    let phases = Phases::new(std::io::stderr().is_terminal());
    // The forms' font is read first, as part of loading.
    phases.told(Step { phase: Phase::Load, done: 0, total: 1 });
    let font = form_font();
    let built = publish::build(&options, &font, &|step| phases.told(step));
    phases.clear_line();
    let wall = started.elapsed();
    let report = built.map_err(|errors| {
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
    if opts.flag("--timings") {
        phases.write_timings(wall, out);
    }
    Ok(())
}

/// What the build told of its phases: when each started and ended, and the line a terminal
/// shows meanwhile (none when standard error is not a terminal).
struct Phases {
    terminal: bool,
    /// (phase, started, ended), in the order they started.
    times: Mutex<Vec<(Phase, Instant, Option<Instant>)>>,
    /// When the terminal's line was last drawn (at most every 50 ms, and at each phase's start).
    drawn: Mutex<Option<Instant>>,
}

impl Phases {
    fn new(terminal: bool) -> Phases {
        Phases { terminal, times: Mutex::new(Vec::new()), drawn: Mutex::new(None) }
    }

    fn told(&self, Step { phase, done, total }: Step) {
        let now = Instant::now();
        let mut times = self.times.lock().unwrap();
        let started = match times.iter_mut().find(|(p, ..)| *p == phase) {
            Some(entry) => {
                if done == total {
                    entry.2 = Some(now);
                }
                false
            }
            None => {
                times.push((phase, now, (done == total && total > 0).then_some(now)));
                true
            }
        };
        drop(times);
        if self.terminal {
            let mut drawn = self.drawn.lock().unwrap();
            if started || drawn.is_none_or(|d| now - d >= Duration::from_millis(50)) {
                *drawn = Some(now);
                let line = format!("{}… {done}/{total}", phase.label());
                // Padded over the longest line before it (a label is at most 16 wide).
                eprint!("\r{line:<40}");
                let _ = std::io::stderr().flush();
            }
        }
    }

    /// Clears the terminal's line, so that the report starts on a clean one.
    fn clear_line(&self) {
        if self.terminal {
            eprint!("\r{:<40}\r", "");
            let _ = std::io::stderr().flush();
        }
    }

    /// Each phase's time, their sum and the whole build's. A phase runs from its start to the
    /// next one's (what is done between two phases, such as putting a phase's files together,
    /// finishes the first), the last to its end.
    fn write_timings(&self, wall: Duration, out: &mut String) {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let times = self.times.lock().unwrap();
        writeln!(out, "かかった時間（段階ごと）：").unwrap();
        let mut sum = Duration::ZERO;
        for (i, (phase, start, end)) in times.iter().enumerate() {
            let until = times.get(i + 1).map(|next| next.1).or(*end).unwrap_or(*start);
            let took = until - *start;
            sum += took;
            writeln!(out, "  {:<10} {:>9.1} ms  {}", phase.key(), ms(took), phase.label()).unwrap();
        }
        writeln!(out, "  {:<10} {:>9.1} ms  段階の和", "sum", ms(sum)).unwrap();
        writeln!(out, "  {:<10} {:>9.1} ms  全体", "wall", ms(wall)).unwrap();
    }
}
