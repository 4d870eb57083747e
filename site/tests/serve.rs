//! `site serve` as staff meet it: a mistake saved while the preview runs shows in the open page
//! with its file and line, and fixing it brings the page back (headless Chromium drives the
//! page: site/tests/browser/serve.mjs).

use crate::common::{content_copy, repo};
use serde_json::Value;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The preview, stopped when the test ends however it ends.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
#[ignore = "needs Chromium and the npm packages (scripts/test installs them)"]
fn a_mistake_shows_in_the_open_page_and_fixing_it_brings_the_page_back() {
    let work = crate::common::temp("serve");
    let root = content_copy(&work.join("root"));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let _serving = Serving(
        Command::new(env!("CARGO_BIN_EXE_site"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", &port.to_string(), "--today", "2026-11-01"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("site serve"),
    );
    // Wait until it answers.
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(60), "site serve did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    let report_file = work.join("report.json");
    let node = Command::new("node")
        .arg(repo().join("site/tests/browser/serve.mjs"))
        .arg(format!("http://127.0.0.1:{port}"))
        .arg(&root)
        .arg(&report_file)
        .output()
        .expect("node");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report_file).unwrap_or_else(|_| {
        panic!("no report: {}{}", String::from_utf8_lossy(&node.stdout), String::from_utf8_lossy(&node.stderr))
    }))
    .unwrap();
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report:#}");
    assert_eq!(report["before"], "よくある質問");
    assert!(report["broken"]["heading"].as_str().unwrap().contains("内容に誤りがあります（1件）"), "{report:#}");
    let errors = report["broken"]["errors"].as_array().unwrap();
    let first = errors[0].as_str().unwrap();
    assert!(first.starts_with("content/pages/faq.md:") && first.contains("リンク「../nothing/」"), "{first}");
    assert!(first.contains("すべての局のサイトに影響します"), "{first}");
    assert_eq!(report["fixed"], "よくある質問");
    let _ = std::fs::remove_dir_all(&work);
}
