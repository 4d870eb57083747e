//! The files under a folder, for the build scripts (publish/build.rs, and site/build.rs through
//! `#[path]`): each walked once, sorted, and watched by cargo.

use std::path::{Path, PathBuf};

/// Every file under `dir`, sorted, with its path relative to `dir` (with `/`).
pub fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            println!("cargo::rerun-if-changed={}", path.display());
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).expect("inside").to_string_lossy().replace('\\', "/");
                out.push((relative, path));
            }
        }
    }
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
