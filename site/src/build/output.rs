//! Writing a build: all files at once, swapped in, never over a folder that is not an earlier
//! build; and each page's weight for the report.

use super::{error, links};
use onshi::bureaus::ContentError;
use std::collections::BTreeMap;
use std::path::Path;

/// The output, path → bytes, before it is written.
pub type Output = BTreeMap<String, Vec<u8>>;

/// Each page's weight: its HTML and the stylesheets it loads.
pub fn page_weights(output: &Output) -> Vec<(String, usize)> {
    let mut weights: Vec<(String, usize)> = output
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| {
            let html = String::from_utf8_lossy(v);
            let css: usize = links::attribute_values(&html, "href")
                .into_iter()
                .filter(|h| h.ends_with(".css"))
                .filter_map(|h| links::resolve(k, &h))
                .filter_map(|(p, _)| output.get(&p).map(Vec::len))
                .sum();
            (k.clone(), v.len() + css)
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

/// Writes the output beside the target first and swaps it in, so that the folder is never
/// half-written. Refuses to replace a folder that is not an earlier build. `marker` is what the
/// marker file records for the next build.
pub fn write_output(out: &Path, output: &Output, marker: &str) -> Result<(), ContentError> {
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
        let marker = marker.as_bytes().to_vec();
        for (path, bytes) in output.iter().chain(std::iter::once((&BUILD_MARKER.to_string(), &marker))) {
            let target = staging.join(path);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
            }
            std::fs::write(&target, bytes).map_err(|e| fail(&target, e))?;
        }
        Ok(())
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
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}
