//! Puts the built wizard and studio into a packaged `site` executable, so that one file and a
//! `content/` folder make the whole site: the wizard when `ONSHI_WIZARD_DIST` names its folder,
//! the studio when `ONSHI_STUDIO_DIST` does (scripts/package sets both). The templates and
//! static files are the `publish` library's (publish/build.rs).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "../publish/build_files.rs"]
mod build_files;
use build_files::files;

fn table(name: &str, entries: &[(String, PathBuf)], code: &mut String) {
    writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[").unwrap();
    for (relative, path) in entries {
        writeln!(code, "    ({relative:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    code.push_str("];\n");
}

/// The files of a program trunk built, in the folder the variable `name` gives (none when it is
/// unset or empty).
fn built(name: &str, what: &str, script: &str) -> Vec<(String, PathBuf)> {
    println!("cargo::rerun-if-env-changed={name}");
    match std::env::var(name) {
        Ok(dir) if Path::new(&dir).join("index.html").is_file() => files(Path::new(&dir)),
        Ok(dir) if !dir.is_empty() => panic!("{name}={dir} に{what}がありません（{script} で作ってください）"),
        _ => Vec::new(),
    }
}

fn main() {
    let mut code = String::new();
    table("WIZARD", &built("ONSHI_WIZARD_DIST", "ウィザード", "scripts/build-wizard"), &mut code);
    table("STUDIO", &built("ONSHI_STUDIO_DIST", "編集室", "scripts/build-studio"), &mut code);
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("embedded.rs");
    std::fs::write(out, code).expect("write embedded.rs");
}
