//! `site serve`: builds the site, serves it on 127.0.0.1 and rebuilds when a file under
//! content/, site/templates/ or site/static/ changes (file-system events, the notify crate);
//! open pages reload themselves. When the content has a mistake, every page shows the
//! mistakes with their file and line instead of the last good build, until they are fixed.
//! It also serves the studio (編集室) at /studio/ and its API (site/src/studio_api.rs).
//! HTTP is hyper's (HTTP/1.1 on a small tokio runtime): a request's head must come within
//! `HEAD_TIMEOUT` and the whole exchange end within `EXCHANGE_TIMEOUT`, a head is at most
//! `MAX_HEAD` bytes and a body `studio_api::MAX_BODY`. A preview for staff, not a production
//! server.

use crate::studio_api::{self, Reply, Studio};
use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use onshi::pdf::FormFont;
use publish::server_config::media_type;
use publish::{build, BuildOptions};
use std::convert::Infallible;
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

/// What `site serve` serves besides the build.
pub struct ServeOptions {
    pub port: u16,
    /// The studio's files ready for the policy (publish's `studio_to_serve`), served at
    /// /studio/ (none: a page saying it is not built yet).
    pub studio: Option<publish::Output>,
}

/// The folders whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["content", "site/templates", "site/static"];

/// How long a client may take to send a request's head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long one connection (one request and its answer: no keep-alive) may last.
const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(120);

/// The largest request head (hyper's smallest buffer; a browser's head is far smaller).
const MAX_HEAD: usize = 16 * 1024;

/// Runs until the process is stopped.
pub fn serve(options: BuildOptions, font: FormFont, serve: ServeOptions) -> Result<(), String> {
    let port = serve.port;
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("127.0.0.1:{port} で待ち受けできません（{e}）。--port で別の番号を指定してください。"))?;
    listener.set_nonblocking(true).map_err(|e| format!("127.0.0.1:{port}：{e}"))?;
    let studio = Arc::new(Studio::new(options.root.clone(), port)?);
    let preview = Arc::new(Preview::default());
    rebuild(&options, &font, &preview);
    eprintln!("プレビュー：http://127.0.0.1:{port}/ （内容を保存すると作り直します。止めるには Ctrl+C）");
    eprintln!("編集室：{}", studio.address());

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| format!("HTTP の準備ができません（{e}）"))?;
    let state =
        Arc::new(State { out: options.out.clone(), preview: preview.clone(), studio, studio_files: serve.studio });
    std::thread::spawn(move || runtime.block_on(accept(listener, state)));

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

/// What every request may read.
struct State {
    out: PathBuf,
    preview: Arc<Preview>,
    studio: Arc<Studio>,
    studio_files: Option<publish::Output>,
}

/// Accepts connections for ever, each served on its own task.
async fn accept(listener: std::net::TcpListener, state: Arc<State>) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("HTTP の準備ができません（{e}）");
            std::process::exit(1);
        }
    };
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD)
        .keep_alive(false)
        // As the build's files are, byte for byte, whenever and wherever served.
        .auto_date_header(false)
        .title_case_headers(true);
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors and the like: wait a little rather than spin.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let state = state.clone();
        let connection = http.serve_connection(
            hyper_util::rt::TokioIo::new(stream),
            hyper::service::service_fn(move |request| respond(request, state.clone())),
        );
        tokio::spawn(async move {
            // Past the deadline the connection is dropped, however far it got.
            let _ = tokio::time::timeout(EXCHANGE_TIMEOUT, connection).await;
        });
    }
}

/// One request's answer. Reading files happens on tokio's blocking threads.
async fn respond(request: Request<Incoming>, state: Arc<State>) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path().to_string();
    let method = request.method().as_str().to_string();
    if !path.starts_with("/studio/api/") {
        let reply = blocking(move || preview_reply(&method, &path, &state)).await;
        return Ok(reply);
    }
    let studio = state.studio.clone();
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    if let Err(refused) = studio.authorize(&method, header) {
        return Ok(studio_response(refused));
    }
    let too_big = || studio_response(Reply::error(413, "送られた内容が大きすぎます（20 MB まで）。"));
    let declared = header("content-length").and_then(|n| n.parse::<u64>().ok());
    if declared.is_some_and(|n| n > studio_api::MAX_BODY as u64) {
        return Ok(too_big());
    }
    let body = match Limited::new(request.into_body(), studio_api::MAX_BODY).collect().await {
        Ok(body) => body.to_bytes(),
        Err(e) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => return Ok(too_big()),
        Err(e) => return Ok(studio_response(Reply::error(400, &format!("送られた内容を読み終えられません（{e}）")))),
    };
    Ok(blocking(move || studio_response(studio.api(&method, &path, &body))).await)
}

/// `work` on one of tokio's blocking threads.
async fn blocking(work: impl FnOnce() -> Response<Full<Bytes>> + Send + 'static) -> Response<Full<Bytes>> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|_| plain(500, "text/plain; charset=utf-8", "サーバーの誤りです".as_bytes().to_vec()))
}

fn plain(status: u16, content_type: &str, body: Vec<u8>) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("Content-Type", content_type)
        .header("Cache-Control", "no-store")
        .body(Full::new(Bytes::from(body)))
        .expect("a valid answer")
}

/// Everything under /studio/: never cached, never indexed.
fn studio_response(reply: Reply) -> Response<Full<Bytes>> {
    let mut response = plain(reply.status, reply.content_type, reply.body);
    response.headers_mut().insert("X-Robots-Tag", hyper::header::HeaderValue::from_static("noindex"));
    response
}

/// The answer to anything but /studio/api: the build, the reload script, the mistakes, the
/// studio's page.
fn preview_reply(method: &str, path: &str, state: &State) -> Response<Full<Bytes>> {
    if method != "GET" && method != "HEAD" {
        return plain(405, "text/plain; charset=utf-8", b"GET only".to_vec());
    }
    if path == "/studio" {
        let mut response =
            studio_response(Reply { status: 308, content_type: "text/plain; charset=utf-8", body: vec![] });
        response.headers_mut().insert("Location", hyper::header::HeaderValue::from_static("/studio/"));
        return response;
    }
    if let Some(inside) = path.strip_prefix("/studio/") {
        return studio_response(studio_page(state.studio_files.as_ref(), inside));
    }
    let preview = &state.preview;
    if path == "/__onshi/build" {
        let body = preview.generation.load(Ordering::SeqCst).to_string();
        return plain(200, "text/plain; charset=utf-8", body.into_bytes());
    }
    if path == "/__onshi/reload.js" {
        return plain(200, "text/javascript; charset=utf-8", publish::embedded::reload_js().to_vec());
    }
    let errors = preview.errors.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let is_page = path.ends_with('/') || path.ends_with(".html");
    if !errors.is_empty() && is_page {
        return plain(200, "text/html; charset=utf-8", error_page(&errors).into_bytes());
    }
    match file_for(&state.out, path).and_then(|file| Some((std::fs::read(&file).ok()?, file))) {
        Some((bytes, file)) => plain(200, media_type(&file.to_string_lossy()), bytes),
        None => plain(404, "text/plain; charset=utf-8", "見つかりません".as_bytes().to_vec()),
    }
}

/// A file of the studio (`inside` is the path under /studio/), or, with no studio, a page
/// saying so.
fn studio_page(files: Option<&publish::Output>, inside: &str) -> Reply {
    let name = if inside.is_empty() { "index.html" } else { inside };
    match files {
        Some(files) => match files.get(name) {
            Some(body) => Reply { status: 200, content_type: media_type(name), body: body.to_vec() },
            None => {
                Reply { status: 404, content_type: "text/plain; charset=utf-8", body: "見つかりません".into() }
            }
        },
        None if inside.is_empty() => {
            let page = "<!DOCTYPE html>\n<html lang=\"ja\">\n<head><meta charset=\"utf-8\"><title>編集室</title></head>\n\
                        <body><h1>編集室はまだ作られていません</h1>\n\
                        <p>編集室を作ってから、<code>site serve --studio</code> にそのフォルダを指定してください。</p></body>\n</html>\n";
            Reply { status: 200, content_type: "text/html; charset=utf-8", body: page.into() }
        }
        None => Reply { status: 404, content_type: "text/plain; charset=utf-8", body: "見つかりません".into() },
    }
}

fn rebuild(options: &BuildOptions, font: &FormFont, preview: &Preview) {
    let result = build(options, font, publish::progress::QUIET);
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
    env.add_template(name, publish::embedded::builtin_template(name).expect("the built-in preview_errors.html"))
        .and_then(|()| env.get_template(name)?.render(minijinja::context! { errors }))
        .expect("the built-in preview_errors.html renders")
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
        let script = std::str::from_utf8(publish::embedded::reload_js()).unwrap();
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

    #[test]
    fn the_studio_page_says_when_it_is_not_built() {
        let page = studio_page(None, "");
        assert_eq!(page.status, 200);
        assert!(String::from_utf8(page.body).unwrap().contains("編集室はまだ作られていません"));
        assert_eq!(studio_page(None, "app.js").status, 404);
    }

    #[test]
    fn the_studio_is_served_from_its_files() {
        let files: publish::Output = [("index.html", "<!DOCTYPE html>"), ("app.js", "1")]
            .into_iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().into()))
            .collect();
        let page = studio_page(Some(&files), "");
        assert_eq!((page.status, page.body.as_slice()), (200, b"<!DOCTYPE html>".as_slice()));
        assert_eq!(studio_page(Some(&files), "app.js").content_type, "text/javascript; charset=utf-8");
        assert_eq!(studio_page(Some(&files), "../index.html").status, 404);
        assert_eq!(studio_page(Some(&files), "nothing.js").status, 404);
    }
}
