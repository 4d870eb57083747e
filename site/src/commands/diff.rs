//! `site diff`: the 新旧対照表 of two contents (each a content root, a content folder or a zip
//! of one): every changed text and every date of the deadline tables that moves.

use super::{today_in_japan, Command, CommandError, Use};
use crate::args::{Opt, Options};
use publish::compare::{compare, render};
use publish::{environment, Source};
use std::collections::BTreeMap;
use std::path::Path;

/// `site diff`.
pub const COMMAND: Command = Command {
    name: "diff",
    uses: &[Use {
        required: &["--from", "--to"],
        summary: "新旧対照表：二つの内容（フォルダか zip）の、変わった文章と、それによって変わる期限を並べます。",
    }],
    options: &[
        Opt::value("--from", "OLD", "変更前の内容（content のあるフォルダ、content フォルダ、またはその zip）"),
        Opt::value("--to", "NEW", "変更後の内容（同じく）"),
        Opt::TODAY,
        Opt::one_of("--format", &["text", "html"], "出力の形（既定は text。html は A4 に印刷できます）"),
    ],
    run: diff_command,
};

/// An input that can't be read: exit 1, as for content that needs action.
fn unreadable(message: String) -> CommandError {
    CommandError { message, show_usage: false, exit_code: 1 }
}

fn diff_command(opts: &Options, out: &mut String) -> Result<(), CommandError> {
    let from = opts.required("--from", "変更前の内容")?;
    let to = opts.required("--to", "変更後の内容")?;
    let today = opts.date("--today")?.unwrap_or_else(today_in_japan);
    let html = opts.choice("--format")? == "html";
    let (old, new) = (open(from, "--from")?, open(to, "--to")?);
    let comparison = compare(&old, &new, today).map_err(|e| {
        let list: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
        unreadable(format!("{}の内容を読めません（{}件）。\n{}", e.side, list.len(), list.join("\n")))
    })?;
    // The templates of the new content's root win, as in a build of it.
    let text = render(&environment(&new), &comparison, from, to, html).map_err(|e| unreadable(e.to_string()))?;
    out.push_str(&text);
    Ok(())
}

/// A content to compare: a zip, a folder holding `content/`, or the content folder itself.
fn open(path: &str, option: &str) -> Result<Source, CommandError> {
    let p = Path::new(path);
    if p.is_file() {
        let bytes = std::fs::read(p).map_err(|e| unreadable(format!("{option} の「{path}」を読めません（{e}）")))?;
        return Source::from_zip(&bytes).map_err(|e| unreadable(format!("{option} の「{path}」：{e}")));
    }
    if p.join("content").is_dir() {
        return Ok(Source::Folder(p.to_path_buf()));
    }
    if p.join("bureaus").is_dir() || p.join("calendar.toml").is_file() {
        // The content folder itself: its files as the root's content/.
        let inside = Source::Folder(p.to_path_buf());
        let mut files = BTreeMap::new();
        let (top, folders) = inside.entries("");
        for name in top.into_iter().chain(folders.iter().flat_map(|f| inside.files_under(f))) {
            let bytes = inside
                .read(&name)
                .map_err(|e| unreadable(format!("{option} の「{path}/{name}」：{e}")))?
                .unwrap_or_default();
            files.insert(format!("content/{name}"), bytes);
        }
        return Ok(Source::memory(files));
    }
    Err(unreadable(format!(
        "{option} の「{path}」がありません。または content フォルダがありません。content のあるフォルダ、content フォルダ、またはその zip を指定してください。"
    )))
}
