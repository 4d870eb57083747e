//! Writing a build: all files at once, swapped in, never over a folder that is not an earlier
//! build; and each page's weight for the report.

use super::parallel::in_parallel;
use super::progress::{self, Phase, Progress, Step};
use super::{error, links};
use onshi::content_file::ContentError;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A file's bytes, shared: the wizard's files are the same in every bureau's folder.
pub type Bytes = std::sync::Arc<[u8]>;

/// The output, path → bytes, before it is written.
pub type Output = BTreeMap<String, Bytes>;

/// The files of a program trunk built (the wizard, the studio) in `dir`, path → bytes; `what`
/// names it and `script` what builds it, for the message when it is not there.
pub fn read_built(dir: &Path, what: &str, script: &str) -> Result<Output, ContentError> {
    let fail = |message: String| error(dir.display().to_string(), None, message);
    if !dir.join("index.html").is_file() {
        return Err(fail(format!("{what}の index.html がありません。{script} で作ってください")));
    }
    fn walk(root: &Path, dir: &Path, out: &mut Output) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else {
                let relative = path.strip_prefix(root).expect("inside").to_string_lossy().replace('\\', "/");
                out.insert(relative, std::fs::read(&path)?.into());
            }
        }
        Ok(())
    }
    let mut files = Output::new();
    walk(dir, dir, &mut files).map_err(|e| fail(format!("読めません：{e}")))?;
    Ok(files)
}

/// Each page's weight: its HTML (`pages`, path → text) and the stylesheets it loads.
pub fn page_weights(pages: &BTreeMap<String, String>, output: &Output) -> Vec<(String, usize)> {
    let mut weights: Vec<(String, usize)> = pages
        .iter()
        .map(|(k, html)| {
            let css: usize = links::attribute_values(html, "href")
                .into_iter()
                .filter(|h| h.ends_with(".css"))
                .filter_map(|h| links::resolve(k, &h))
                .filter_map(|(p, _)| output.get(&p).map(|b| b.len()))
                .sum();
            (k.clone(), html.len() + css)
        })
        .collect();
    weights.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    weights
}

/// The file that marks a folder as a build of this tool: only such a folder (or an empty
/// or missing one) is replaced by the next build.
const BUILD_MARKER: &str = ".onshi-build";

/// The marker of the earlier build in `out` (what it recorded), or "" when there is none.
pub fn previous_marker(out: &Path) -> String {
    std::fs::read_to_string(out.join(BUILD_MARKER)).unwrap_or_default()
}

/// The paths of `output` whose file in the previous build in `out` has the same bytes: read and
/// compared once, by as many threads as there are processors, for the compressor (which takes
/// those files' copies) and the writer (which links them instead of writing).
pub fn unchanged(out: &Path, output: &Output) -> HashSet<String> {
    let files: Vec<(&String, &Bytes)> = output.iter().collect();
    let same = in_parallel(&files, |(path, bytes)| {
        let before = out.join(path);
        std::fs::metadata(&before).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(&before).is_ok_and(|b| b == ***bytes)
    });
    files.into_iter().zip(same).filter(|(_, same)| *same).map(|((path, _), _)| path.clone()).collect()
}

/// Writes the output beside the target first and swaps it in, so that the folder is never
/// half-written. Refuses to replace a folder that is not an earlier build. `marker` is what the
/// marker file records for the next build; the `unchanged` files (see [`unchanged`]) are linked
/// from the previous build instead of written.
pub fn write_output(
    out: &Path,
    output: &Output,
    marker: &str,
    unchanged: &HashSet<String>,
    progress: Progress,
) -> Result<(), ContentError> {
    let fail = |what: &Path, e: std::io::Error| error(what.display().to_string(), None, format!("書き出せません：{e}"));
    if out.exists() {
        let is_build = out.join(BUILD_MARKER).is_file();
        let empty = std::fs::read_dir(out).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !is_build && !empty {
            return Err(error(
                out.display().to_string(),
                None,
                "このフォルダは空でなく、以前の build の書き出し先でもありません。中身を消さないよう、空のフォルダか新しいフォルダを --out に指定してください",
            ));
        }
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let write_all = || -> Result<(), ContentError> {
        let (marker_path, marker): (String, Bytes) = (BUILD_MARKER.into(), marker.as_bytes().into());
        let files: Vec<(&String, &Bytes)> = output.iter().chain(std::iter::once((&marker_path, &marker))).collect();
        let folders: std::collections::BTreeSet<PathBuf> =
            files.iter().filter_map(|(path, _)| staging.join(path).parent().map(Path::to_path_buf)).collect();
        for dir in &folders {
            std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        }
        // Most of a build's writing is the file system's own work: the files are written by
        // as many threads as there are processors.
        // A file the same as in the previous build is linked, not written: no new inode.
        // The swap below is the phase's last step: each file is one of files + 1.
        let step = |s: Step| progress(Step { total: s.total + 1, ..s });
        progress::each(&step, Phase::Write, &files, |(path, bytes)| -> Result<(), ContentError> {
            let target = staging.join(path);
            if unchanged.contains(*path) && std::fs::hard_link(out.join(path), &target).is_ok() {
                return Ok(());
            }
            std::fs::write(&target, bytes).map_err(|e| fail(&target, e))
        })
        .into_iter()
        .collect()
    };
    if let Err(e) = write_all() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if out.exists() {
        if let Err(e) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(fail(out, e));
        }
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(&staging);
        return Err(fail(out, e));
    }
    remove_folder(&old);
    let total = output.len() + 2;
    progress(Step { phase: Phase::Write, done: total, total });
    Ok(())
}

/// Removes a folder and everything in it, its top-level entries side by side.
fn remove_folder(folder: &Path) {
    let entries: Vec<PathBuf> = match std::fs::read_dir(folder) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) => return,
    };
    in_parallel(&entries, |path| {
        let _ = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
    });
    let _ = std::fs::remove_dir_all(folder);
}

/// What the preview last wrote (its bytes are shared with that build's output), and into
/// which folder.
static PREVIEW: Mutex<Option<(PathBuf, Output)>> = Mutex::new(None);

/// The preview's writer (`site serve`): after its first build, only the files that changed are
/// written and the ones that went away removed, so a rebuild after one edit stays quick. The
/// first build, or one into another folder, goes through [`write_output`].
pub fn write_preview(out: &Path, output: &Output, marker: &str) -> Result<(), ContentError> {
    let fail = |what: &Path, e: std::io::Error| error(what.display().to_string(), None, format!("書き出せません：{e}"));
    let mut last = PREVIEW.lock().unwrap_or_else(|e| e.into_inner());
    match last.as_ref() {
        Some((folder, before)) if folder == out && out.join(BUILD_MARKER).is_file() => {
            for (path, bytes) in output {
                if before.get(path).is_none_or(|b| b[..] != bytes[..]) {
                    let target = out.join(path);
                    if let Some(dir) = target.parent() {
                        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
                    }
                    std::fs::write(&target, bytes).map_err(|e| fail(&target, e))?;
                }
            }
            for path in before.keys().filter(|p| !output.contains_key(*p)) {
                let _ = std::fs::remove_file(out.join(path));
            }
            std::fs::write(out.join(BUILD_MARKER), marker).map_err(|e| fail(out, e))?;
        }
        _ => write_output(out, output, marker, &unchanged(out, output), progress::QUIET)?,
    }
    *last = Some((out.to_path_buf(), output.clone()));
    Ok(())
}
