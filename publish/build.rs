//! Puts the site's own templates and static files (site/templates/, site/static/) into the
//! library, so that a build needs only a `content/` folder: the `site` executable and the
//! studio's export in the browser alike. Files under the content root's own site/templates/
//! or site/static/ still win at run time (`theme.rs`).

use std::fmt::Write as _;
use std::path::PathBuf;

#[path = "build_files.rs"]
mod build_files;
use build_files::files;

/// The static files the program itself uses, each named once (`FORM_FONT`) and listed among
/// the static files by that name, so that the executable carries it once: the forms' font and
/// the preview's reload script.
const NAMED: [(&str, &str); 2] = [("FORM_FONT", "fonts/NotoSansJP-Regular-subset.ttf"), ("RELOAD_JS", "js/reload.js")];

fn table(name: &str, entries: &[(String, PathBuf)], code: &mut String) {
    writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[").unwrap();
    for (relative, path) in entries {
        if let Some((constant, _)) = NAMED.iter().find(|(_, file)| name == "STATIC" && file == relative) {
            writeln!(code, "    ({relative:?}, {constant}),").unwrap();
        } else {
            writeln!(code, "    ({relative:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
        }
    }
    code.push_str("];\n");
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("../site");
    let mut code = String::new();
    table("TEMPLATES", &files(&manifest.join("templates")), &mut code);
    for (constant, file) in NAMED {
        let path = manifest.join("static").join(file);
        assert!(path.is_file(), "{} がありません", path.display());
        writeln!(
            code,
            "/// site/static/{file}.\npub static {constant}: &[u8] = include_bytes!({:?});",
            path.display().to_string()
        )
        .unwrap();
    }
    table("STATIC", &files(&manifest.join("static")), &mut code);
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("embedded.rs");
    std::fs::write(out, code).expect("write embedded.rs");
}
