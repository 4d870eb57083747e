//! The studio's (編集室) API of `site serve` over real HTTP: the real binary on a copy of the
//! content and a free port; refused without the key, with another Host or Origin; the content
//! read exactly as on disk; a save written byte for byte and the site rebuilt; a save with a
//! bad name or an oversized body changing nothing; the studio's page served as a build writes
//! it (the policy in, the start-up script out of line), and a folder that is not a studio
//! refused before anything is served.

use crate::common::content_copy;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The preview, stopped when the test ends however it ends.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An answer: the status, the head's lines, the body.
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", self.head, String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 exchange: `head` is the request line's method and path, then header lines
/// (each ending in CRLF) sent as they are; `body` follows with its Content-Length.
fn exchange(port: u16, request: &str, headers: &str, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let length = if body.is_empty() { String::new() } else { format!("Content-Length: {}\r\n", body.len()) };
    write!(stream, "{request} HTTP/1.1\r\n{headers}{length}Connection: close\r\n\r\n").unwrap();
    stream.write_all(body).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap_or_else(|e| panic!("{request}: {e}"));
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("a head") + 4;
    // Header names in lower case, to compare.
    let head = String::from_utf8(answer[..split].to_vec()).unwrap().to_ascii_lowercase();
    let status = head[9..12].parse().unwrap();
    Answer { status, head, body: answer[split..].to_vec() }
}

#[test]
fn the_studio_api_reads_and_saves_the_content_only_for_its_page() {
    let work = crate::common::temp("studio-serve");
    let root = content_copy(&work.join("root"));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", &port.to_string(), "--today", "2026-11-01"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("site serve");
    let stderr = child.stderr.take().unwrap();
    let _serving = Serving(child);
    // What serve prints, line by line (read on, so it never blocks on a full pipe).
    let (tx, printed) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let started = Instant::now();
    let key = loop {
        let line = printed.recv_timeout(Duration::from_secs(180)).expect("site serve prints the studio's address");
        if let Some(address) = line.strip_prefix("編集室：") {
            let (at, key) = address.split_once("#key=").expect("the key in the fragment");
            assert_eq!(at, format!("http://127.0.0.1:{port}/studio/"));
            break key.to_string();
        }
        assert!(started.elapsed() < Duration::from_secs(180), "no studio address");
    };
    assert!(key.len() >= 24 && key.bytes().all(|c| c.is_ascii_alphanumeric()), "{key}");

    let host = format!("Host: 127.0.0.1:{port}\r\n");
    let with_key = format!("{host}X-Onshi-Key: {key}\r\n");
    let origin = format!("Origin: http://127.0.0.1:{port}\r\n");
    let tohoku = root.join("content/bureaus/tohoku.toml");
    let on_disk = std::fs::read_to_string(&tohoku).unwrap();

    // Refused: no key, a wrong key, another Host, a PUT from another Origin or none.
    let refused = |answer: Answer, what: &str| {
        assert_eq!(answer.status, 403, "{what}: {}{}", answer.head, answer.text());
        assert!(answer.json()["error"].as_str().is_some_and(|e| !e.is_ascii()), "{what}: {}", answer.text());
        assert!(answer.head.contains("x-robots-tag: noindex"), "{what}: {}", answer.head);
    };
    refused(exchange(port, "GET /studio/api/content", &host, b""), "no key");
    let wrong = format!("{host}X-Onshi-Key: {}\r\n", "A".repeat(key.len()));
    refused(exchange(port, "GET /studio/api/content", &wrong, b""), "a wrong key");
    let evil = format!("Host: evil.example:{port}\r\nX-Onshi-Key: {key}\r\n");
    refused(exchange(port, "GET /studio/api/content", &evil, b""), "another Host");
    let save = |files: Value| serde_json::to_vec(&json!({ "files": files })).unwrap();
    let changed = on_disk.replace("day = 5, closed_day", "day = 20, closed_day");
    assert_ne!(changed, on_disk);
    let one = save(json!([{ "name": "content/bureaus/tohoku.toml", "text": changed, "base": on_disk }]));
    let other_origin = format!("{with_key}Origin: http://evil.example:{port}\r\n");
    refused(exchange(port, "PUT /studio/api/content", &other_origin, &one), "another Origin");
    refused(exchange(port, "PUT /studio/api/content", &with_key, &one), "no Origin");
    assert_eq!(std::fs::read_to_string(&tohoku).unwrap(), on_disk);

    // Read: every .toml and .md, sorted, as on disk.
    let read = exchange(port, "GET /studio/api/content", &with_key, b"");
    assert_eq!(read.status, 200, "{}", read.text());
    assert!(
        read.head.contains("cache-control: no-store") && read.head.contains("x-robots-tag: noindex"),
        "{}",
        read.head
    );
    let files = read.json()["files"].as_array().unwrap().clone();
    let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.contains(&"content/pages/faq.md") && names.contains(&"content/calendar.toml"), "{names:?}");
    let listed = files.iter().find(|f| f["name"] == "content/bureaus/tohoku.toml").expect("tohoku.toml");
    assert_eq!(listed["text"].as_str().unwrap(), on_disk);

    // One good and one bad name: nothing written.
    let put = format!("{with_key}{origin}");
    let mixed = save(json!([
        { "name": "content/bureaus/tohoku.toml", "text": changed },
        { "name": "content/../x.toml", "text": "x" },
    ]));
    let answer = exchange(port, "PUT /studio/api/content", &put, &mixed);
    assert_eq!(answer.status, 400, "{}", answer.text());
    assert!(answer.json()["error"].as_str().unwrap().contains("content/../x.toml"), "{}", answer.text());
    assert_eq!(std::fs::read_to_string(&tohoku).unwrap(), on_disk);
    assert!(!root.join("x.toml").exists());
    assert_no_temporaries(&root.join("content/bureaus"));

    // Over 20 MB: 413 before the body is read, nothing written.
    let too_big = format!("{put}Content-Length: {}\r\n", 20 * 1024 * 1024 + 1);
    let answer = exchange(port, "PUT /studio/api/content", &too_big, b"");
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert!(answer.json()["error"].as_str().is_some(), "{}", answer.text());
    assert_eq!(std::fs::read_to_string(&tohoku).unwrap(), on_disk);

    // A file changed on disk since it was read (a text editor's line): 409, nothing written,
    // the answer names the file and gives it as it is now.
    let edited_meanwhile = format!("{on_disk}# 東北厚生局に電話で確かめた（テキストエディタで追記）\n");
    std::fs::write(&tohoku, &edited_meanwhile).unwrap();
    let answer = exchange(port, "PUT /studio/api/content", &put, &one);
    assert_eq!(answer.status, 409, "{}", answer.text());
    let conflict = answer.json();
    assert!(conflict["error"].as_str().unwrap().contains("content/bureaus/tohoku.toml は、"), "{conflict}");
    assert_eq!(conflict["conflicts"], json!([{ "name": "content/bureaus/tohoku.toml", "text": edited_meanwhile }]));
    assert_eq!(std::fs::read_to_string(&tohoku).unwrap(), edited_meanwhile, "the editor's line kept");
    assert_no_temporaries(&root.join("content/bureaus"));
    std::fs::write(&tohoku, &on_disk).unwrap();

    // A save: exactly those bytes, and the site rebuilt with them.
    let before = exchange(port, "GET /tohoku/deadlines/", &host, b"");
    assert_eq!(before.status, 200, "{}", before.head);
    let answer = exchange(port, "PUT /studio/api/content", &put, &one);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json(), json!({ "saved": ["content/bureaus/tohoku.toml"] }));
    assert_eq!(std::fs::read(&tohoku).unwrap(), changed.as_bytes());
    assert_no_temporaries(&root.join("content/bureaus"));
    let started = Instant::now();
    loop {
        let now = exchange(port, "GET /tohoku/deadlines/", &host, b"");
        if now.status == 200 && now.body != before.body {
            assert!(!now.text().contains("内容に誤りがあります"), "{}", now.text());
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the deadline page was not rebuilt");
        std::thread::sleep(Duration::from_millis(200));
    }

    // The studio's page: not built yet, never cached or indexed.
    let page = exchange(port, "GET /studio/", &host, b"");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("編集室はまだ作られていません"), "{}", page.text());
    assert!(
        page.head.contains("cache-control: no-store") && page.head.contains("x-robots-tag: noindex"),
        "{}",
        page.head
    );
    let _ = std::fs::remove_dir_all(&work);
}

/// No temporary file of a save is left in `dir`.
fn assert_no_temporaries(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(!name.starts_with('.'), "left behind: {name}");
    }
}

/// `site serve --studio DIR` with trunk's output: the page as `site build` writes it (the
/// site's policy in its CSP, trunk's start-up script in init.js); a folder whose page has no
/// CSP `<meta>` stops serve with the file named.
#[test]
fn serve_shows_the_studio_as_a_build_writes_it() {
    use crate::studio_build::{studio_folder, wizard_csp, PAGE, START};
    let work = crate::common::temp("studio-serve-page");
    let root = content_copy(&work.join("root"));
    let studio = studio_folder(&work.join("studio-dist"), PAGE);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let serve = |studio: &Path| {
        Command::new(env!("CARGO_BIN_EXE_site"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", &port.to_string(), "--today", "2026-11-01"])
            .arg("--studio")
            .arg(studio)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("site serve")
    };
    let mut child = serve(&studio);
    let stderr = child.stderr.take().unwrap();
    let _serving = Serving(child);
    let mut lines = BufReader::new(stderr).lines().map_while(Result::ok);
    assert!(lines.any(|l| l.starts_with("編集室：")), "site serve prints the studio's address");
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    let page = exchange(port, "GET /studio/", &host, b"");
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(
        html.contains(&format!(r#"<meta http-equiv="Content-Security-Policy" content="{}">"#, wizard_csp())),
        "{html}"
    );
    assert!(
        html.contains("<script type=\"module\" src=\"init.js\"></script>")
            && !html.contains("<script type=\"module\">")
    );
    let init = exchange(port, "GET /studio/init.js", &host, b"");
    assert_eq!((init.status, init.text()), (200, format!("{START}\n")));
    assert!(init.head.contains("x-robots-tag: noindex"), "{}", init.head);
    drop(_serving);

    let broken = studio_folder(
        &work.join("broken"),
        &PAGE.replace("<meta http-equiv=\"Content-Security-Policy\" content=\"\">\n", ""),
    );
    let refused = serve(&broken).wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{err}");
    assert!(err.contains("broken/index.html") && err.contains("CSP の <meta> がありません"), "{err}");
    let _ = std::fs::remove_dir_all(&work);
}
