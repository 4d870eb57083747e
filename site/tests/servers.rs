//! A built site published by real web servers, as a bureau would: Debian's nginx with the
//! snippet of `site server-config --server nginx` (and the brotli_static module), and Apache 2.4
//! with the `.htaccess` files the build wrote (and Debian's own mime.conf). Each is started on
//! 127.0.0.1 and checked for media types, the security headers (the pages' own policy plus
//! frame-ancestors), caching (a year for hashed names, no-cache for pages, data and the service
//! worker), the precompressed copies with their Content-Encoding, 404 for a missing page, the
//! studio (`site build --studio`) with the wizard's policy and `X-Robots-Tag: noindex`; then
//! the wizard runs end to end through it in Chromium (site/tests/browser/wizard.mjs).

use crate::common::{repo, site};
use std::collections::BTreeMap;
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server process, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    /// Asked to stop (SIGTERM: Apache then stops its own children, which a SIGKILL of the
    /// parent would leave holding the port), killed if it has not within 10 s.
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port free on 127.0.0.1 now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(mut command: Command, port: u16, log: PathBuf) -> Server {
    let child =
        command.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap_or_else(|e| {
            panic!("{command:?} を起動できません（{e}）。scripts/test が nginx と apache2 を入れます")
        });
    let mut server = Server { child, port, log };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = server.child.try_wait() {
            let mut err = String::new();
            let _ = server.child.stderr.take().unwrap().read_to_string(&mut err);
            panic!("{command:?} stopped ({status}): {err}{}", std::fs::read_to_string(&server.log).unwrap_or_default());
        }
        assert!(started.elapsed() < Duration::from_secs(20), "{command:?} does not answer");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

fn nginx(site_dir: &Path, work: &Path) -> Server {
    let port = free_port();
    let o = site(&["server-config", "--server", "nginx"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let snippet = work.join("onshi-nginx.conf");
    std::fs::write(&snippet, &o.stdout).unwrap();
    let temp = work.join("nginx-temp");
    std::fs::create_dir_all(&temp).unwrap();
    let log = work.join("nginx-error.log");
    let conf = work.join("nginx.conf");
    let user = if is_root() { "user root;" } else { "" };
    std::fs::write(
        &conf,
        format!(
            "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;\n{user}\ndaemon off;\nmaster_process off;\n\
             pid {work}/nginx.pid;\nerror_log {log} warn;\nevents {{ worker_connections 64; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {temp}/body;\n  proxy_temp_path {temp}/proxy;\n\
             fastcgi_temp_path {temp}/fastcgi;\n  uwsgi_temp_path {temp}/uwsgi;\n  scgi_temp_path {temp}/scgi;\n\
             server {{\n    listen 127.0.0.1:{port};\n    root {site};\n    include {snippet};\n  }}\n}}\n",
            work = work.display(),
            log = log.display(),
            temp = temp.display(),
            snippet = snippet.display(),
            site = site_dir.display(),
        ),
    )
    .unwrap();
    let mut command = Command::new("nginx");
    command.arg("-c").arg(&conf).arg("-p").arg(work);
    start(command, port, log)
}

fn apache(site_dir: &Path, work: &Path) -> Server {
    let port = free_port();
    let modules = "/usr/lib/apache2/modules";
    let name = site_dir.file_name().unwrap().to_string_lossy();
    let log = work.join(format!("apache-{name}-error.log"));
    let conf = work.join(format!("apache-{name}.conf"));
    // As root, Apache serves as www-data: the site must be readable by others (it is: 644/755).
    let user = if is_root() { "User www-data\nGroup www-data\n" } else { "" };
    std::fs::write(
        &conf,
        format!(
            "ServerRoot {work}\nServerName 127.0.0.1\nListen 127.0.0.1:{port}\nPidFile {work}/apache-{name}.pid\n\
             DefaultRuntimeDir {work}\nMutex file:{work}\nErrorLog {log}\nLogLevel warn\n{user}\
             LoadModule mpm_event_module {modules}/mod_mpm_event.so\n\
             LoadModule authz_core_module {modules}/mod_authz_core.so\n\
             LoadModule mime_module {modules}/mod_mime.so\n\
             LoadModule headers_module {modules}/mod_headers.so\n\
             LoadModule rewrite_module {modules}/mod_rewrite.so\n\
             LoadModule dir_module {modules}/mod_dir.so\n\
             Include /etc/apache2/mods-available/mime.conf\n\
             DirectoryIndex index.html\nDocumentRoot {site}\n\
             <Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n\
             <Directory {site}>\n  AllowOverride FileInfo\n  Require all granted\n</Directory>\n",
            work = work.display(),
            log = log.display(),
            site = site_dir.display(),
        ),
    )
    .unwrap();
    let mut command = Command::new("apache2");
    command.arg("-f").arg(&conf).arg("-DFOREGROUND");
    start(command, port, log)
}

/// Whether the tests run as root (then nginx needs `user root;` and Apache a user to become).
fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// One response: status, headers (lower-case names; repeated ones joined with ", "), body.
struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }

    /// The body as the browser sees it, decoded.
    fn decoded(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self.header("content-encoding") {
            "br" => brotli::BrotliDecompress(&mut &self.body[..], &mut out).unwrap(),
            "gzip" => {
                flate2::read::GzDecoder::new(&self.body[..]).read_to_end(&mut out).unwrap();
            }
            "" => out.clone_from(&self.body),
            other => panic!("Content-Encoding {other}"),
        }
        out
    }
}

/// GET on 127.0.0.1 (`crate::common::http_get`), the answer read into its parts.
fn get(port: u16, path: &str, accept_encoding: Option<&str>) -> Response {
    let encoding = accept_encoding.map(|e| format!("Accept-Encoding: {e}\r\n")).unwrap_or_default();
    let raw = crate::common::http_get(port, path, &encoding);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    for line in lines {
        let (name, value) = line.split_once(':').unwrap();
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim().to_string();
        headers.entry(name).and_modify(|v| *v = format!("{v}, {value}")).or_insert(value);
    }
    let mut body = raw[split + 4..].to_vec();
    if headers.get("transfer-encoding").is_some_and(|t| t == "chunked") {
        body = unchunk(&body);
    }
    Response { status, headers, body }
}

fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&body[..line_end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[line_end + 2..line_end + 2 + size]);
        body = &body[line_end + 4 + size..];
    }
}

/// The policy a page states in its `<meta http-equiv="Content-Security-Policy">`.
fn meta_csp(html: &str) -> String {
    let start = r#"<meta http-equiv="Content-Security-Policy" content=""#;
    let rest = &html[html.find(start).expect("a CSP meta") + start.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// A file of the wizard's folder whose name starts with `prefix` and ends with `suffix`.
fn wizard_file(site_dir: &Path, prefix: &str, suffix: &str) -> String {
    let dir = site_dir.join("tohoku/wizard");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.join("fonts")).unwrap())
        .map(|e| e.unwrap().path().strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .collect();
    found.sort();
    assert_eq!(found.len(), 1, "{prefix}…{suffix}: {found:?}");
    found.remove(0)
}

/// What every server must send for the built site in `site_dir`.
fn check_headers(name: &str, port: u16, site_dir: &Path) {
    let page_html = std::fs::read_to_string(site_dir.join("tohoku/deadlines/index.html")).unwrap();
    let wizard_html = std::fs::read_to_string(site_dir.join("tohoku/wizard/index.html")).unwrap();
    let page_policy = format!("{}; frame-ancestors 'none'", meta_csp(&page_html));
    let wizard_policy = format!("{}; frame-ancestors 'none'", meta_csp(&wizard_html));
    assert!(wizard_policy.contains("'wasm-unsafe-eval'") && !page_policy.contains("wasm"), "{wizard_policy}");
    let secure = |what: &str, r: &Response, policy: &str| {
        assert_eq!(r.header("content-security-policy"), policy, "{name} {what}");
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{name} {what}");
        assert_eq!(r.header("referrer-policy"), "no-referrer", "{name} {what}");
    };
    let immutable = "public, max-age=31536000, immutable";

    // A page: each encoding the browser accepts, and none.
    for (accept, encoding) in [(Some("gzip, deflate, br"), "br"), (Some("gzip"), "gzip"), (None, "")] {
        let r = get(port, "/tohoku/deadlines/", accept);
        assert_eq!(r.status, 200, "{name}");
        assert_eq!(r.header("content-type"), "text/html; charset=utf-8", "{name}");
        assert_eq!(r.header("content-encoding"), encoding, "{name} with {accept:?}");
        assert_eq!(r.decoded(), page_html.as_bytes(), "{name}: the page as built");
        // Not Breton (Debian's mime.conf says .br is): Japanese, as the page says, or nothing.
        assert!(["", "ja"].contains(&r.header("content-language")), "{name}: {}", r.header("content-language"));
        assert!(r.header("vary").to_ascii_lowercase().contains("accept-encoding"), "{name}: {:?}", r.headers);
        assert_eq!(r.header("cache-control"), "no-cache", "{name}");
        secure("page", &r, &page_policy);
    }
    // The site's top, a bureau's top, the data and the service worker: checked every time.
    for path in ["/", "/tohoku/", "/tohoku/data/deadlines.json", "/tohoku/wizard/sw.js", "/tohoku/assets/site.css"] {
        let r = get(port, path, Some("br"));
        assert_eq!(r.status, 200, "{name} {path}");
        assert_eq!(r.header("cache-control"), "no-cache", "{name} {path}");
    }
    // The wizard: its own policy; the hashed files a year.
    let r = get(port, "/tohoku/wizard/", Some("br"));
    assert_eq!((r.status, r.header("cache-control")), (200, "no-cache"), "{name}");
    secure("wizard", &r, &wizard_policy);
    for (prefix, suffix, media_type) in [
        ("app-", "_bg.wasm", "application/wasm"),
        ("app-", ".js", "text/javascript; charset=utf-8"),
        ("content-", ".bin", "application/octet-stream"),
        ("pdf_worker_loader-", ".js", "text/javascript; charset=utf-8"),
        ("pdf_worker-", "_bg.wasm", "application/wasm"),
        ("fonts/NotoSansJP-Regular-subset-", ".ttf", "font/ttf"),
    ] {
        let file = wizard_file(site_dir, prefix, suffix);
        let r = get(port, &format!("/tohoku/wizard/{file}"), Some("gzip, br"));
        assert_eq!(r.status, 200, "{name} {file}");
        assert_eq!(r.header("content-type"), media_type, "{name} {file}");
        assert_eq!(r.header("cache-control"), immutable, "{name} {file}");
        // The worker's script is a document of its own: it needs the wizard's policy (wasm).
        secure(&file, &r, &wizard_policy);
        assert_eq!(r.decoded(), std::fs::read(site_dir.join("tohoku/wizard").join(&file)).unwrap(), "{name} {file}");
        if media_type == "application/wasm" {
            assert_eq!(r.header("content-encoding"), "br", "{name} {file}");
        }
    }
    // The search: its script revalidated (it names the index), the index named by its hash a year.
    let script = get(port, "/tohoku/assets/search.js", Some("br"));
    assert_eq!((script.status, script.header("cache-control")), (200, "no-cache"), "{name}");
    let index = std::fs::read_dir(site_dir.join("tohoku/assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|f| f.starts_with("search-") && f.ends_with(".json"))
        .expect("the search index");
    assert!(String::from_utf8_lossy(&script.decoded()).contains(&format!("var INDEX = '{index}';")), "{name}");
    let r = get(port, &format!("/tohoku/assets/{index}"), Some("gzip, br"));
    assert_eq!((r.status, r.header("cache-control")), (200, immutable), "{name} {index}");
    assert_eq!(r.header("content-encoding"), "br", "{name} {index}");
    assert_eq!(r.decoded(), std::fs::read(site_dir.join("tohoku/assets").join(&index)).unwrap(), "{name} {index}");
    secure(&index, &r, &page_policy);
    // Every kind of file the build wrote has its type.
    let mut seen = std::collections::BTreeSet::new();
    for file in walk(site_dir) {
        let Some((_, ext)) = file.rsplit_once('.') else { continue };
        if ["br", "gz", "htaccess", "onshi-build"].contains(&ext) || !seen.insert(ext.to_string()) {
            continue;
        }
        let r = get(port, &format!("/{file}"), None);
        assert_eq!(r.status, 200, "{name} {file}");
        let expected = match ext {
            "html" | "css" | "js" | "json" | "ics" | "xml" | "txt" | "svg" => "charset=utf-8",
            "wasm" => "application/wasm",
            "pdf" => "application/pdf",
            "ttf" => "font/ttf",
            "bin" => "application/octet-stream",
            other => panic!("{name}: a file of a kind the test does not know: {other}"),
        };
        assert!(r.header("content-type").contains(expected), "{name} {file}: {}", r.header("content-type"));
        if ext == "ics" {
            assert_eq!(r.header("content-type"), "text/calendar; charset=utf-8", "{name} {file}");
        }
        assert_eq!(r.decoded(), std::fs::read(site_dir.join(&file)).unwrap(), "{name} {file}");
    }
    assert!(seen.contains("ics") && seen.contains("pdf") && seen.contains("wasm"), "{seen:?}");
    // Missing: 404; and the build's own files are not served.
    let r = get(port, "/tohoku/nothing/", None);
    assert_eq!(r.status, 404, "{name}");
    secure("404", &r, &page_policy);
    for hidden in ["/.onshi-build", "/tohoku/.htaccess", "/.htaccess"] {
        assert_eq!(get(port, hidden, None).status, 404, "{name} {hidden}");
    }
    studio_headers(name, port, site_dir);
}

/// The studio (編集室): its page's own policy (the wizard's), never indexed; the hashed files
/// a year, the wasm in brotli. The site's pages carry no X-Robots-Tag.
fn studio_headers(name: &str, port: u16, site_dir: &Path) {
    let dir = site_dir.join("studio");
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let policy = format!("{}; frame-ancestors 'none'", meta_csp(&page));
    let wizard_html = std::fs::read_to_string(site_dir.join("tohoku/wizard/index.html")).unwrap();
    assert_eq!(meta_csp(&page), meta_csp(&wizard_html), "the studio's page states the wizard's policy");
    let app_wasm = walk(&dir).into_iter().find(|f| f.starts_with("app-") && f.ends_with("_bg.wasm")).expect("the app");
    for (path, cache) in [
        ("/studio/", "no-cache"),
        ("/studio/init.js", "no-cache"),
        ("/studio/site_worker_loader.js", "no-cache"),
        ("/studio/site_worker_bg.wasm", "no-cache"),
        (&format!("/studio/{app_wasm}"), "public, max-age=31536000, immutable"),
    ] {
        let r = get(port, path, Some("gzip, br"));
        assert_eq!(r.status, 200, "{name} {path}");
        assert_eq!(r.header("x-robots-tag"), "noindex", "{name} {path}");
        assert_eq!(r.header("content-security-policy"), policy, "{name} {path}");
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{name} {path}");
        assert_eq!(r.header("cache-control"), cache, "{name} {path}");
        let file = if path.ends_with('/') { "index.html".to_string() } else { path["/studio/".len()..].to_string() };
        assert_eq!(r.decoded(), std::fs::read(dir.join(&file)).unwrap(), "{name} {path}");
        if path.ends_with(".wasm") {
            assert_eq!(
                (r.header("content-type"), r.header("content-encoding")),
                ("application/wasm", "br"),
                "{name} {path}"
            );
        }
    }
    for path in ["/", "/tohoku/", "/tohoku/wizard/"] {
        assert_eq!(get(port, path, None).header("x-robots-tag"), "", "{name} {path}");
    }
}

fn walk(dir: &Path) -> Vec<String> {
    fn go(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                go(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    go(dir, dir, &mut out);
    out.sort();
    out
}

/// The wizard end to end through the server, in Chromium; the bytes its first load took.
fn wizard_through(name: &str, port: u16, site_dir: &Path, work: &Path) -> u64 {
    let run = work.join(format!("wizard-{name}"));
    let node = Command::new("node")
        .arg(repo().join("site/tests/browser/wizard.mjs"))
        .arg(site_dir)
        .arg(&run)
        .env("ONSHI_BASE_URL", format!("http://127.0.0.1:{port}"))
        .output()
        .expect("node");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.join("report.json")).unwrap_or_else(|_| {
            panic!(
                "{name}: no report: {}{}",
                String::from_utf8_lossy(&node.stdout),
                String::from_utf8_lossy(&node.stderr)
            )
        }))
        .unwrap();
    assert!(node.status.success() && report["errors"].as_array().unwrap().is_empty(), "{name}: {report:#}");
    for list in ["axe", "console_errors", "other_hosts"] {
        assert!(report[list].as_array().unwrap().is_empty(), "{name} {list}: {:#}", report[list]);
    }
    assert_eq!(report["offline_pdfs"], true, "{name}");
    report["first_load_bytes"].as_u64().expect("the first load's bytes")
}

#[test]
#[ignore = "needs nginx with the brotli module, apache2, Chromium, the built wizard and studio (scripts/test installs and builds them)"]
fn nginx_and_apache_publish_the_built_site() {
    let work = crate::common::temp("servers");
    std::fs::create_dir_all(&work).unwrap();
    // The site as published on 2026-11-01 with the wizard and the studio (the engines' too).
    let site_dir = crate::common::published_site().to_path_buf();
    for (name, server) in [("nginx", nginx(&site_dir, &work)), ("apache", apache(&site_dir, &work))] {
        let started = Instant::now();
        check_headers(name, server.port, &site_dir);
        let bytes = wizard_through(name, server.port, &site_dir, &work);
        eprintln!(
            "{name}: headers and the wizard in Chromium in {} s; the wizard's first load {bytes} bytes on the wire",
            started.elapsed().as_secs()
        );
        let log = std::fs::read_to_string(&server.log).unwrap_or_default();
        let clean = ["[emerg]", "[crit]", "[error]", "[warn]", ":error]", ":warn]"].iter().all(|l| !log.contains(l));
        assert!(clean, "{name}: {log}");
    }
    // One bureau's folder published alone, as the document root: its own .htaccess is enough.
    let alone = apache(&site_dir.join("tohoku"), &work);
    let page = get(alone.port, "/deadlines/", Some("br, gzip"));
    assert_eq!((page.status, page.header("content-encoding")), (200, "br"));
    let html = std::fs::read_to_string(site_dir.join("tohoku/deadlines/index.html")).unwrap();
    assert_eq!(page.decoded(), html.as_bytes());
    assert_eq!(page.header("content-security-policy"), format!("{}; frame-ancestors 'none'", meta_csp(&html)));
    let wasm = get(alone.port, &format!("/wizard/{}", wizard_file(&site_dir, "app-", "_bg.wasm")), Some("br"));
    assert_eq!(wasm.header("content-type"), "application/wasm");
    assert_eq!(wasm.header("cache-control"), "public, max-age=31536000, immutable");
    assert!(wasm.header("content-security-policy").contains("'wasm-unsafe-eval'"));
    assert_eq!(get(alone.port, "/.htaccess", None).status, 404);
    let _ = std::fs::remove_dir_all(&work);
}
