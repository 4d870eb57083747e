//! `site serve`: build, serve on 127.0.0.1 and rebuild on every save.

use super::{content_root, fail, program, today_in_japan, Command, CommandError, Use};
use crate::args::{Opt, Options};
use crate::embedded::{STUDIO, WIZARD};
use crate::serve::ServeOptions;
use publish::embedded::form_font;
use publish::{BuildMode, BuildOptions};

/// `site serve`.
pub const COMMAND: Command = Command {
    name: "serve",
    uses: &[Use {
        required: &[], summary: "サイトを作って 127.0.0.1 で表示し、内容を保存するたびに作り直します。"
    }],
    options: &[
        Opt::value("--port", "N", "待ち受ける番号（既定は 8000）"),
        Opt::TODAY,
        Opt::ROOT,
        Opt::WIZARD,
        Opt::STUDIO,
    ],
    run: serve_command,
};

/// Runs until the process is stopped; writes nothing into `_out`.
fn serve_command(opts: &Options, _out: &mut String) -> Result<(), CommandError> {
    let port = match opts.get("--port") {
        None => 8000,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| fail(format!("--port の「{p}」は使えません。1〜65535 の番号を指定してください。")))?,
    };
    let root = content_root(opts)?;
    let options = BuildOptions {
        out: root.join("target/site-preview"),
        root,
        today: opts.date("--today")?.unwrap_or_else(today_in_japan),
        strict: false,
        base_url: None,
        mode: BuildMode::Preview,
        wizard: program(opts.get("--wizard"), WIZARD, "ウィザード"),
        // The preview writes no studio/: serve shows it at /studio/, with its API.
        studio: None,
    };
    // Made ready for the policy as a build writes it; a wrong --studio stops serve at once.
    let studio = program(opts.get("--studio"), STUDIO, "編集室")
        .map(|p| publish::studio_to_serve(&p, &options.root))
        .transpose()
        .map_err(|e| fail(e.to_string()))?;
    let serve = ServeOptions { port, studio };
    crate::serve::serve(options, form_font(), serve).map_err(fail)
}
