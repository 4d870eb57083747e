//! `site form`: the filled forms of an application file, or a bureau's blank forms, as PDF.
//! All or nothing: a failure leaves the output folder without new files. `--read` gives back
//! the application file a filled form carries.

use super::{fail, find_bureau, load_content, Command, CommandError, Use};
use crate::args::{Opt, Options};
use onshi::application::{self, Problem, Severity};
use onshi::pdf::{self, FormFile};
use publish::embedded::form_font;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `site form`.
pub const COMMAND: Command = Command {
    name: "form",
    uses: &[
        Use {
            required: &["--input", "--out-dir"],
            summary: "申請ファイル（JSON）から 別紙1・別紙2 の PDF を書き出します。",
        },
        Use {
            required: &["--blank", "--bureau", "--out-dir"],
            summary: "局名だけを印刷した空の 別紙1・別紙2 を書き出します。",
        },
        Use {
            required: &["--read"],
            summary: "記入済みの 別紙1・別紙2 の PDF に入っている申請ファイル（JSON）を表示します。",
        },
    ],
    options: &[
        Opt::value("--input", "FILE", "申請ファイル（JSON）"),
        Opt::value("--out-dir", "DIR", "書き出し先のフォルダ（すべて書けたときだけ書き出します）"),
        Opt::value("--bureau", "ID", "空の用紙に名前を印刷する局の id"),
        Opt::value("--read", "FILE", "申請ファイルを取り出す 別紙1・別紙2 の PDF"),
        Opt::ROOT,
        Opt::flag("--blank", "空の用紙"),
    ],
    run: form_command,
};

fn form_command(opts: &Options, out: &mut String) -> Result<(), CommandError> {
    if let Some(pdf_path) = opts.get("--read") {
        return read_command(opts, pdf_path, out);
    }
    let content = load_content(opts)?;
    let out_dir = PathBuf::from(opts.required("--out-dir", "書き出し先のフォルダ")?);
    let font = form_font();
    let files = if opts.flag("--blank") {
        if opts.get("--input").is_some() {
            return Err(fail("--blank と --input は一緒に使えません。空の用紙なら --blank --bureau、記入済みなら --input を指定してください。"));
        }
        let bureau = find_bureau(&content.bureaus, opts.required("--bureau", "局の id")?)?;
        pdf::blank_forms(bureau, &font).map_err(|p| problems_error("空の用紙を作れません", &p))?
    } else {
        if opts.get("--bureau").is_some() {
            return Err(fail(
                "--bureau は --blank のときだけ使います。記入済みの用紙の局は申請ファイルの bureau で決まります。",
            ));
        }
        let input = opts.required("--input", "申請ファイル（JSON）")?;
        let text = std::fs::read_to_string(input).map_err(|e| {
            fail(format!("--input の「{input}」を読めません（{e}）。ファイルの場所を確かめてください。"))
        })?;
        let loaded = application::load(&text, &content)
            .map_err(|p| problems_error(&format!("申請ファイル {input} に問題があります"), &p))?;
        for w in &loaded.warnings {
            eprintln!("注意：{w}（{}）", w.path);
        }
        let bureau = content.bureaus.get(&loaded.application.bureau).expect("validated bureau");
        pdf::filled_forms(&loaded.application, bureau, &font)
            .map_err(|p| problems_error(&format!("申請ファイル {input} の内容を印刷できません"), &p))?
    };
    for path in write_all_or_nothing(&out_dir, &files)? {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        writeln!(out, "{}\t{} KB", path.display(), size.div_ceil(1024)).unwrap();
    }
    Ok(())
}

/// `site form --read FILE`: the application file a filled form carries, as it was attached.
fn read_command(opts: &Options, pdf_path: &str, out: &mut String) -> Result<(), CommandError> {
    if let Some(other) = ["--input", "--out-dir", "--bureau"].into_iter().find(|o| opts.get(o).is_some()) {
        return Err(fail(format!(
            "--read と {other} は一緒に使えません。--read には PDF を一つだけ指定してください。"
        )));
    }
    if opts.flag("--blank") {
        return Err(fail("--read と --blank は一緒に使えません。--read には PDF を一つだけ指定してください。"));
    }
    let bytes = std::fs::read(pdf_path)
        .map_err(|e| fail(format!("--read の「{pdf_path}」を読めません（{e}）。ファイルの場所を確かめてください。")))?;
    let text = pdf::attached_application(&bytes).map_err(|message| fail(format!("「{pdf_path}」：{message}")))?;
    out.push_str(&text);
    if !text.ends_with('\n') {
        out.push('\n');
    }
    Ok(())
}

fn problems_error(heading: &str, problems: &[Problem]) -> CommandError {
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    let mut message = format!("{heading}（{errors}件）。直してからもう一度実行してください。");
    for p in problems {
        let mark = match p.severity {
            Severity::Error => "・",
            Severity::Warning => "・注意：",
        };
        let path = if p.path.is_empty() { String::new() } else { format!("（{}）", p.path) };
        write!(message, "\n{mark}{p}{path}").unwrap();
    }
    fail(message)
}

/// Writes every file or none: each goes to a hidden partial file first; only when all are
/// written are the files they replace set aside and the new ones renamed into place. On
/// failure, what was written is removed and what was replaced is put back.
fn write_all_or_nothing(dir: &Path, files: &[FormFile]) -> Result<Vec<PathBuf>, CommandError> {
    let created_dir = !dir.exists();
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(format!("--out-dir の「{}」を作れません（{e}）。", dir.display())))?;
    let hidden = |name: &str, kind: &str| dir.join(format!(".{name}.{kind}-{}", std::process::id()));
    // (partial, target, backup of the file it replaces)
    let mut steps: Vec<(PathBuf, PathBuf, Option<PathBuf>)> = Vec::new();
    let undo = |steps: &[(PathBuf, PathBuf, Option<PathBuf>)], renamed: usize| {
        for (i, (partial, target, backup)) in steps.iter().enumerate() {
            let _ = std::fs::remove_file(partial);
            if i < renamed {
                let _ = std::fs::remove_file(target);
            }
            if let Some(backup) = backup {
                let _ = std::fs::rename(backup, target);
            }
        }
        if created_dir {
            let _ = std::fs::remove_dir(dir);
        }
    };
    let failed = |target: &Path, e: std::io::Error| {
        fail(format!(
            "「{}」を書けません（{e}）。何も書き出していません（元のファイルはそのままです）。",
            target.display()
        ))
    };
    for file in files {
        let target = dir.join(&file.name);
        let partial = hidden(&file.name, "partial");
        if let Err(e) = std::fs::write(&partial, &file.bytes) {
            let _ = std::fs::remove_file(&partial);
            undo(&steps, 0);
            return Err(failed(&target, e));
        }
        steps.push((partial, target, None));
    }
    for i in 0..steps.len() {
        if steps[i].1.exists() {
            let backup = hidden(&files[i].name, "previous");
            if let Err(e) = std::fs::rename(&steps[i].1, &backup) {
                undo(&steps, 0);
                return Err(failed(&steps[i].1, e));
            }
            steps[i].2 = Some(backup);
        }
    }
    for i in 0..steps.len() {
        if let Err(e) = std::fs::rename(&steps[i].0, &steps[i].1) {
            undo(&steps, i);
            return Err(failed(&steps[i].1, e));
        }
    }
    for (_, _, backup) in &steps {
        if let Some(backup) = backup {
            let _ = std::fs::remove_file(backup);
        }
    }
    // A form of an earlier run that this application does not need any more.
    for stale in ["request-medical.pdf", "request-dental.pdf", "request-pharmacy.pdf", "plan.pdf", "request.pdf"] {
        if dir.join(stale).exists() && !files.iter().any(|f| f.name == stale) {
            eprintln!("注意：{} は今回の申請のものではありません（以前に書き出したもの）。", dir.join(stale).display());
        }
    }
    Ok(steps.into_iter().map(|(_, target, _)| target).collect())
}
