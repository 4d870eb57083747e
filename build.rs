//! Embeds `content/bureaus/*.toml` into the library and refuses to build when one is malformed,
//! with the file, the line and what is wrong (the same checks as the library's loader).

#[allow(dead_code)]
#[path = "src/bureaus/model.rs"]
mod model;

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/bureaus");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();

    let mut bureaus = Vec::new();
    let mut out = String::from("pub(crate) static BUREAU_FILES: &[(&str, &str)] = &[\n");
    let mut failed = false;
    for path in &entries {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = format!("content/bureaus/{}", path.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        match model::parse_bureau(&name, &text) {
            Ok(b) => bureaus.push(b),
            Err(e) => {
                println!("cargo::error={e}");
                failed = true;
            }
        }
        writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    if !failed {
        if let Err(e) = model::check_bureau_set(&bureaus) {
            println!("cargo::error={e}");
            failed = true;
        }
    }
    if failed {
        return;
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_bureaus.rs");
    std::fs::write(dest, out).expect("write embedded_bureaus.rs");
}
