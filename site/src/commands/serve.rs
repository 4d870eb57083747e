//! `site serve`: build, serve on 127.0.0.1 and rebuild on every save.

use super::{content_root, fail, today_in_japan, CommandError};
use crate::args::Options;
use crate::build::BuildOptions;
use std::path::PathBuf;

pub fn serve_command(args: &[String]) -> Result<(), CommandError> {
    let opts = Options::parse("serve", args, &["--port", "--today", "--root", "--wizard"], &[])?;
    let port = match opts.get("--port") {
        None => 8000,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| fail(format!("--port の「{p}」は使えません。1〜65535 の番号を指定してください。")))?,
    };
    let root = content_root(&opts)?;
    let options = BuildOptions {
        out: root.join("target/site-preview"),
        root,
        today: opts.date("--today")?.unwrap_or_else(today_in_japan),
        strict: false,
        base_url: None,
        live_reload: true,
        wizard: opts.get("--wizard").map(PathBuf::from),
    };
    crate::serve::serve(options, super::form_font(), port).map_err(fail)
}
