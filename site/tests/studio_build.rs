//! `site build --studio DIR`: the studio (編集室) written as `studio/` beside the bureaus'
//! folders, linked from no page of the site, `noindex` in its page and in the Apache
//! configuration, left out of every sitemap, its files compressed and kept between builds as
//! the others; a wrong folder refused in Japanese with nothing written.
//!
//! The studio given here is a test folder in the shape trunk leaves (a page with its empty CSP
//! `<meta>`, `noindex` and trunk's inline start-up script, trunk's hashed names, a wasm file),
//! not the real studio: the build copies these files, sets the page's CSP and moves the
//! start-up script into init.js (publish/src/program.rs, as for the wizard).
//! The real one is built with the site in site/tests/servers.rs (served by nginx and Apache)
//! and site/tests/engines.rs (used in Firefox ESR and WebKit).

use crate::common::{repo, site};
use publish::links::{attribute_values, resolve};
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-01";

/// The page as trunk leaves it (scripts/build-studio), its start-up script inline.
pub const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="">
<meta name="robots" content="noindex, nofollow">
<title>編集室（内容の編集）</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="studio-0123456789abcdef.css">
<script type="module">
import init from './app-0123456789abcdef.js';
init('./app-0123456789abcdef_bg.wasm');
</script>
</head>
<body><div id="app"></div></body>
</html>
"#;

/// Trunk's inline start-up script, as the page holds it.
pub const START: &str = "\nimport init from './app-0123456789abcdef.js';\ninit('./app-0123456789abcdef_bg.wasm');\n";

/// A studio folder: the page and the files it and its scripts name.
pub fn studio_folder(dir: &Path, page: &str) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("snippets/studio-0123456789abcdef/js")).unwrap();
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0".iter().copied().chain((0..20_000u32).map(|i| (i % 251) as u8)).collect();
    for (name, bytes) in [
        ("index.html", page.as_bytes().to_vec()),
        ("app-0123456789abcdef.js", "export default async function init() {}\n".repeat(100).into_bytes()),
        ("app-0123456789abcdef_bg.wasm", wasm),
        ("site_worker_loader.js", b"importScripts('./site_worker.js');wasm_bindgen('./site_worker_bg.wasm');".to_vec()),
        ("studio-0123456789abcdef.css", ".studio { color: inherit; }\n".repeat(100).into_bytes()),
        ("snippets/studio-0123456789abcdef/js/folder.js", b"export function pick() {}\n".to_vec()),
    ] {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    dir.to_path_buf()
}

fn build(out: &Path, studio: &Path) -> std::process::Output {
    site(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
        "--base-url",
        "https://example.org/onshi/",
        "--studio",
        studio.to_str().unwrap(),
    ])
}

fn files_under(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(root, &path, out);
        } else {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
        }
    }
}

/// The wizard's policy as site/templates/policy.jinja states it (read as scripts/build-studio
/// reads it).
pub fn wizard_csp() -> String {
    let policy = std::fs::read_to_string(repo().join("site/templates/policy.jinja")).unwrap();
    let start = "set wizard_csp = \"";
    let rest = &policy[policy.find(start).unwrap() + start.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[test]
fn site_build_writes_the_studio_beside_the_bureaus_unlinked_and_unindexed() {
    use std::os::unix::fs::MetadataExt;
    let work = crate::common::temp("studio-build");
    let studio = studio_folder(&work.join("studio-dist"), PAGE);
    let out = work.join("site");
    let o = build(&out, &studio);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // Every file of the studio, under studio/; the page with the policy in its CSP.
    let mut given = Vec::new();
    files_under(&studio, &studio, &mut given);
    assert_eq!(given.len(), 6);
    for name in &given {
        let written = std::fs::read(out.join("studio").join(name)).unwrap();
        if name != "index.html" {
            assert_eq!(written, std::fs::read(studio.join(name)).unwrap(), "{name}");
        }
    }
    let page = std::fs::read_to_string(out.join("studio/index.html")).unwrap();
    let csp = wizard_csp();
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    let script = format!("<script type=\"module\">{START}</script>\n");
    let ready = PAGE.replace(r#"content="">"#, &format!(r#"content="{csp}">"#)).replace(&script, "");
    assert_eq!(page, ready.replace("</head>", "<script type=\"module\" src=\"init.js\"></script>\n</head>"));
    // The start-up script out of line, so that the policy needs no 'unsafe-inline'.
    assert!(!csp.contains("'unsafe-inline'"), "{csp}");
    assert_eq!(std::fs::read_to_string(out.join("studio/init.js")).unwrap(), format!("{START}\n"));
    assert!(page.contains(r#"<meta name="robots" content="noindex, nofollow">"#));

    // Compressed as the rest of the site: the wasm, the script and the page.
    for name in ["app-0123456789abcdef_bg.wasm", "app-0123456789abcdef.js", "studio-0123456789abcdef.css"] {
        for suffix in ["br", "gz"] {
            let copy = out.join(format!("studio/{name}.{suffix}"));
            assert!(copy.is_file(), "{}", copy.display());
        }
    }

    // No page of the site links to it, and no sitemap lists it.
    let mut all = Vec::new();
    files_under(&out, &out, &mut all);
    let pages: Vec<&String> = all.iter().filter(|p| p.ends_with(".html") && !p.starts_with("studio/")).collect();
    assert!(pages.len() > 50, "{}", pages.len());
    for page in pages {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        for value in attribute_values(&html, "href").into_iter().chain(attribute_values(&html, "src")) {
            if let Some((target, _)) = resolve(page, &value) {
                assert!(!target.starts_with("studio/"), "{page} links to the studio: {value}");
            }
            assert!(!value.contains("studio"), "{page}: {value}");
        }
    }
    let sitemaps: Vec<&String> = all.iter().filter(|p| p.ends_with("sitemap.xml")).collect();
    assert_eq!(sitemaps.len(), 8);
    for sitemap in sitemaps {
        let xml = std::fs::read_to_string(out.join(sitemap)).unwrap();
        assert!(xml.contains("<loc>https://example.org/onshi/") && !xml.contains("studio"), "{sitemap}: {xml}");
    }

    // Apache: the wizard's policy and noindex for /studio/ (site/tests/servers.rs sees the
    // headers from Apache and nginx themselves).
    let htaccess = std::fs::read_to_string(out.join(".htaccess")).unwrap();
    let block = &htaccess[htaccess.find("<If \"%{REQUEST_URI} =~ m#/studio/#\">").expect("a block for /studio/")..];
    let block = &block[..block.find("</If>").unwrap()];
    assert!(block.contains("Header always set X-Robots-Tag \"noindex\""), "{block}");
    assert!(block.contains(&format!("Content-Security-Policy \"{csp}; frame-ancestors 'none'\"")), "{block}");

    // Built again into the same folder: the studio's unchanged files and their compressed
    // copies are the previous build's (linked, not written again).
    let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
    let wasm_br = "studio/app-0123456789abcdef_bg.wasm.br";
    let before = (inode(wasm_br), inode("studio/index.html"));
    let o = build(&out, &studio);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!((inode(wasm_br), inode("studio/index.html")), before);
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_wrong_studio_folder_is_refused_and_nothing_is_written() {
    let work = crate::common::temp("studio-refused");
    let out = work.join("site");
    let cases: [(&str, Option<String>, &str); 5] = [
        ("missing", None, "編集室の index.html がありません。scripts/build-studio で作ってください"),
        (
            "unclosed",
            Some(PAGE.replace("</script>", "")),
            "<script type=\"module\"> が閉じていません。scripts/build-studio で作り直してください",
        ),
        (
            "no-csp",
            Some(PAGE.replace("<meta http-equiv=\"Content-Security-Policy\" content=\"\">\n", "")),
            "CSP の <meta> がありません",
        ),
        (
            "indexed",
            Some(PAGE.replace("<meta name=\"robots\" content=\"noindex, nofollow\">\n", "")),
            "<meta name=\"robots\" content=\"noindex, nofollow\"> がありません",
        ),
        // The link checker's rules on the studio's page: a file it names is missing.
        (
            "incomplete",
            Some(PAGE.replace("studio-0123456789abcdef.css", "studio-missing.css")),
            "incomplete/index.html: リンク「studio-missing.css」：リンク先 studio/studio-missing.css がありません",
        ),
    ];
    for (name, page, expected) in cases {
        let dir = work.join(name);
        if let Some(page) = page {
            studio_folder(&dir, &page);
        }
        let o = build(&out, &dir);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(expected), "{name}: 「{expected}」 not in {err}");
        assert!(!out.exists(), "{name}: nothing written");
    }
    let _ = std::fs::remove_dir_all(&work);
}
