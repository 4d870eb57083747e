//! `site serve`: builds the site, serves it on 127.0.0.1 and rebuilds when a file under
//! content/, site/templates/ or site/static/ changes; open pages reload themselves.
//! A preview for staff, not a production server.

use crate::build::{build, BuildOptions};
use onshi::pdf::FormFont;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The folders whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["content", "site/templates", "site/static"];

/// Runs until the process is stopped.
pub fn serve(options: BuildOptions, font: FormFont, port: u16) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("127.0.0.1:{port} で待ち受けできません（{e}）。--port で別の番号を指定してください。"))?;
    let generation = Arc::new(AtomicU64::new(0));
    rebuild(&options, &font, &generation);
    eprintln!("プレビュー：http://127.0.0.1:{port}/ （内容を保存すると作り直します。止めるには Ctrl+C）");

    let out = options.out.clone();
    let served = generation.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (out, served) = (out.clone(), served.clone());
            std::thread::spawn(move || {
                let _ = respond(stream, &out, &served);
            });
        }
    });

    let mut last = watched_files(&options.root);
    loop {
        std::thread::sleep(Duration::from_millis(400));
        let now = watched_files(&options.root);
        if now != last {
            last = now;
            rebuild(&options, &font, &generation);
        }
    }
}

fn rebuild(options: &BuildOptions, font: &FormFont, generation: &AtomicU64) {
    match build(options, font) {
        Ok(report) => {
            let n = generation.fetch_add(1, Ordering::SeqCst) + 1;
            eprintln!("作り直しました（{}回目、{} ページ、{} ms）", n, report.pages, report.millis);
        }
        Err(errors) => {
            eprintln!("作り直せませんでした。前の版を表示しています：");
            for e in errors {
                eprintln!("  {e}");
            }
        }
    }
}

/// Every file and folder under the watched folders with its modification time: a file added,
/// removed, renamed or changed (even to an older time) changes it.
fn watched_files(root: &Path) -> Vec<(PathBuf, Option<SystemTime>)> {
    fn walk(dir: &Path, seen: &mut Vec<(PathBuf, Option<SystemTime>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            let meta = entry.metadata().ok();
            seen.push((path.clone(), meta.as_ref().and_then(|m| m.modified().ok())));
            if meta.is_some_and(|m| m.is_dir()) {
                walk(&path, seen);
            }
        }
    }
    let mut seen = Vec::new();
    for dir in WATCHED {
        walk(&root.join(dir), &mut seen);
    }
    seen.sort();
    seen
}

fn respond(stream: TcpStream, out: &Path, generation: &AtomicU64) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Headers are not needed; read them off.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return send(&mut stream, 405, "text/plain; charset=utf-8", b"GET only");
    }
    if path == "/__onshi/build" {
        let body = generation.load(Ordering::SeqCst).to_string();
        return send(&mut stream, 200, "text/plain; charset=utf-8", body.as_bytes());
    }
    match file_for(out, path) {
        Some(file) => match std::fs::read(&file) {
            Ok(bytes) => send(&mut stream, 200, content_type(&file), &bytes),
            Err(_) => send(&mut stream, 404, "text/plain; charset=utf-8", "見つかりません".as_bytes()),
        },
        None => send(&mut stream, 404, "text/plain; charset=utf-8", "見つかりません".as_bytes()),
    }
}

/// The file a URL path names inside the output: `/tohoku/steps/` → `tohoku/steps/index.html`.
/// Percent-encoding and `..` are refused.
fn file_for(out: &Path, path: &str) -> Option<PathBuf> {
    if path.contains("..") || path.contains('%') || path.contains('\\') {
        return None;
    }
    let mut file = out.join(path.trim_start_matches('/'));
    if path.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("pdf") => "application/pdf",
        Some("xml") => "application/xml; charset=utf-8",
        Some("json") => "application/json",
        Some("ttf") => "font/ttf",
        Some("svg") => "image/svg+xml",
        Some("ics") => "text/calendar; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn send(stream: &mut TcpStream, status: u16, content_type: &str, body: &[u8]) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_output() {
        let out = std::env::temp_dir().join(format!("onshi-serve-{}", std::process::id()));
        std::fs::create_dir_all(out.join("tohoku/steps")).unwrap();
        std::fs::write(out.join("tohoku/steps/index.html"), "x").unwrap();
        assert_eq!(file_for(&out, "/tohoku/steps/"), Some(out.join("tohoku/steps/index.html")));
        assert_eq!(file_for(&out, "/tohoku/steps"), Some(out.join("tohoku/steps/index.html")));
        assert_eq!(file_for(&out, "/tohoku/../../etc/passwd"), None);
        assert_eq!(file_for(&out, "/%2e%2e/x"), None);
        assert_eq!(file_for(&out, "/nothing/"), None);
        std::fs::remove_dir_all(&out).unwrap();
    }
}
