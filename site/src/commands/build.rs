//! `site build`: the eight bureaus' sites from content/.

use super::{content_root, fail, program, today_in_japan, Command, CommandError, Use};
use crate::args::{Opt, Options};
use crate::embedded::{STUDIO, WIZARD};
use publish::embedded::form_font;
use publish::{self, BuildMode, BuildOptions};
use std::fmt::Write as _;
use std::path::PathBuf;

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
    let report = publish::build(&options, &form_font()).map_err(|errors| {
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
