//! `site serve`: builds the site, serves it on 127.0.0.1 and rebuilds when a file under
//! content/, site/templates/ or site/static/ changes (file-system events, the notify crate);
//! open pages reload themselves. When the content has a mistake, every page shows the
//! mistakes with their file and line instead of the last good build, until they are fixed.
//! A preview for staff, not a production server.

use crate::publish::server_config::media_type;
use crate::publish::{build, BuildOptions};
use onshi::pdf::FormFont;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// The preview's state: the build number open pages poll, and the mistakes of the last build
/// (empty when it succeeded).
#[derive(Default)]
struct Preview {
    generation: AtomicU64,
    errors: Mutex<Vec<String>>,
}

/// The folders whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["content", "site/templates", "site/static"];

/// Runs until the process is stopped.
pub fn serve(options: BuildOptions, font: FormFont, port: u16) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("127.0.0.1:{port} で待ち受けできません（{e}）。--port で別の番号を指定してください。"))?;
    let preview = Arc::new(Preview::default());
    rebuild(&options, &font, &preview);
    eprintln!("プレビュー：http://127.0.0.1:{port}/ （内容を保存すると作り直します。止めるには Ctrl+C）");

    let out = options.out.clone();
    let served = preview.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (out, served) = (out.clone(), served.clone());
            std::thread::spawn(move || {
                let _ = respond(stream, &out, &served);
            });
        }
    });

    use notify::Watcher as _;
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("ファイルの変更を見張れません（{e}）"))?;
    for dir in WATCHED {
        let path = options.root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, notify::RecursiveMode::Recursive)
                .map_err(|e| format!("{} の変更を見張れません（{e}）", path.display()))?;
        }
    }
    while let Ok(event) = rx.recv() {
        if !event.is_ok_and(|e| !e.kind.is_access()) {
            continue;
        }
        // An editor's save is several events: take them all, then build once.
        while rx.recv_timeout(Duration::from_millis(30)).is_ok() {}
        rebuild(&options, &font, &preview);
    }
    Ok(())
}

fn rebuild(options: &BuildOptions, font: &FormFont, preview: &Preview) {
    let result = build(options, font);
    let mut errors = preview.errors.lock().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok(report) => {
            errors.clear();
            eprintln!("作り直しました（{} ページ、{} ms）", report.pages, report.millis);
        }
        Err(list) => {
            *errors = list.iter().map(ToString::to_string).collect();
            eprintln!("作り直せませんでした。開いているページに誤りを表示しています：");
            for e in &list {
                eprintln!("  {e}");
            }
        }
    }
    // Open pages reload: to the new build, or to the list of mistakes.
    preview.generation.fetch_add(1, Ordering::SeqCst);
}

/// The page shown instead of any page while the content has mistakes
/// (site/templates/preview_errors.html, the built-in copy).
fn error_page(errors: &[String]) -> String {
    // Escaped here by the one escaper (onshi::markup), so the template prints them as they are.
    let safe = |s: &str| minijinja::Value::from_safe_string(onshi::markup::escape(s));
    let errors: Vec<minijinja::Value> = errors
        .iter()
        .map(|e| {
            let (place, message) = e.split_once(": ").unwrap_or(("", e.as_str()));
            minijinja::context! { place => safe(place), message => safe(message) }
        })
        .collect();
    let mut env = minijinja::Environment::new();
    env.set_keep_trailing_newline(true);
    let name = "preview_errors.html";
    env.add_template(name, crate::embedded::builtin_template(name).expect("the built-in preview_errors.html"))
        .and_then(|()| env.get_template(name)?.render(minijinja::context! { errors }))
        .expect("the built-in preview_errors.html renders")
}

fn respond(stream: TcpStream, out: &Path, preview: &Preview) -> std::io::Result<()> {
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
        let body = preview.generation.load(Ordering::SeqCst).to_string();
        return send(&mut stream, 200, "text/plain; charset=utf-8", body.as_bytes());
    }
    if path == "/__onshi/reload.js" {
        return send(&mut stream, 200, "text/javascript; charset=utf-8", crate::embedded::reload_js());
    }
    let errors = preview.errors.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let is_page = path.ends_with('/') || path.ends_with(".html");
    if !errors.is_empty() && is_page {
        return send(&mut stream, 200, "text/html; charset=utf-8", error_page(&errors).as_bytes());
    }
    match file_for(out, path) {
        Some(file) => match std::fs::read(&file) {
            Ok(bytes) => send(&mut stream, 200, media_type(&file.to_string_lossy()), &bytes),
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
    fn the_error_page_lists_each_mistake_as_text() {
        let page = error_page(&["content/pages/faq.md:33: リンク「<script>」：ありません".to_string()]);
        assert!(
            page.contains("<code>content/pages/faq.md:33</code><br>リンク「&lt;script&gt;」：ありません"),
            "{page}"
        );
        assert!(page.contains("<title>内容に誤りがあります（1件）</title>"), "{page}");
        assert!(page.starts_with("<!DOCTYPE html>\n") && page.ends_with("</html>\n"), "{page}");
        assert!(page.contains("<script src=\"/__onshi/reload.js\"></script>"), "{page}");
    }

    #[test]
    fn the_reload_script_is_the_static_file() {
        let script = std::str::from_utf8(crate::embedded::reload_js()).unwrap();
        assert!(script.contains("fetch('/__onshi/build')") && script.contains("location.reload()"), "{script}");
    }

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
