//! Helpers shared by the site's tests: the repository, the `site` binary run from it, and a
//! copy of the content to edit.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The eight bureaus' ids, in the order of the top page.
pub const BUREAUS: [&str; 8] =
    ["hokkaido", "tohoku", "kantoshinetsu", "tokaihokuriku", "kinki", "chugokushikoku", "shikoku", "kyushu"];

/// The repository (the workspace root).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the `site` binary in the repository, as a person at its root would.
pub fn site(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_site")).current_dir(repo()).args(args).output().expect("run site")
}

/// A folder of this test process under the system's temporary folder, removed if it was
/// there: `onshi-<pid>-<name>`.
pub fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("onshi-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A copy of the repository's content, templates and static files under `dir` (made anew),
/// to edit and build with `--root`.
pub fn content_copy(dir: &Path) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    let _ = std::fs::remove_dir_all(dir);
    for part in ["content", "site/templates", "site/static"] {
        copy(&repo().join(part), &dir.join(part));
    }
    dir.to_path_buf()
}

/// The content a bureau's wizard page computes with: the file its `<meta name="onshi-content">`
/// names, beside the page, read back.
pub fn wizard_content(wizard_dir: &Path) -> onshi::content::Content {
    let page = std::fs::read_to_string(wizard_dir.join("index.html")).unwrap();
    let meta = "<meta name=\"onshi-content\" content=\"";
    let name = &page[page.find(meta).expect("the content's meta") + meta.len()..];
    let name = &name[..name.find('"').unwrap()];
    assert!(name.starts_with("content-") && name.ends_with(".bin"), "{name}");
    onshi::content::Content::from_wire(&std::fs::read(wizard_dir.join(name)).unwrap()).unwrap()
}

/// The whole answer (head and body) to a GET of `path` on 127.0.0.1, with `headers` (each line
/// ending in CRLF) added: HTTP/1.1 closed after one answer, std only.
pub fn http_get(port: u16, path: &str, headers: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(120))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}Connection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap_or_else(|e| panic!("GET {path}: {e}"));
    answer
}

/// The site as published for the browser and server scenarios, built once for the whole test
/// binary (`engines` and `servers` take the same build): the repository's content on
/// 2026-11-01, with the built wizard and studio (target/wizard-dist, target/studio-dist).
pub fn published_site() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let wizard = repo().join("target/wizard-dist");
        assert!(
            wizard.join("index.html").is_file(),
            "ウィザードが作られていません。scripts/build-wizard を実行してください（{}）",
            wizard.display()
        );
        let studio = repo().join("target/studio-dist");
        assert!(
            studio.join("index.html").is_file(),
            "編集室が作られていません。scripts/build-studio を実行してください（{}）",
            studio.display()
        );
        let out = temp("published").join("site");
        let started = std::time::Instant::now();
        let o = site(&[
            "build",
            "--root",
            repo().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--today",
            "2026-11-01",
            "--wizard",
            wizard.to_str().unwrap(),
            "--studio",
            studio.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "site build: {}", String::from_utf8_lossy(&o.stderr));
        eprintln!("the published site built in {:.1} s", started.elapsed().as_secs_f64());
        out
    })
}
