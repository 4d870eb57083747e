//! `site diff`, the 新旧対照表 on the command line: two content folders (or zips) in, every
//! changed text and every moved date out; unreadable input is a message and exit 1. The HTML
//! passes the W3C Nu checker.

use crate::common::{content_copy, repo, site, temp};
use std::path::Path;
use std::process::Command;

/// A copy of the content with 東北's 受付番号 day 5 → 8 (the example).
fn edited_copy(name: &str) -> std::path::PathBuf {
    let root = content_copy(&temp(name));
    let file = root.join("content/bureaus/tohoku.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("day = 5,", "day = 8,", 1)).unwrap();
    root
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = site(args);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

#[test]
fn two_content_folders_give_the_text_row_and_every_moved_date() {
    let new = edited_copy("diff-new");
    let (code, out, err) = run(&["diff", "--from", ".", "--to", new.to_str().unwrap(), "--today", "2026-12-02"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("新旧対照表\n局：東北厚生局\n"), "{out}");
    assert!(out.contains("作成日：令和8年12月2日"), "{out}");
    let line = std::fs::read_to_string(new.join("content/bureaus/tohoku.toml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("day = 8,"))
        .unwrap()
        + 1;
    assert!(out.contains(&format!("content/bureaus/tohoku.toml:{line} → {line}\n")), "{out}");
    assert!(out.contains("1. 文章の変更（1件）"), "{out}");
    // 6 offices × 23 of the 24 months (worked in publish::compare's tests).
    assert!(out.contains("2. 変わる期限（138件）"), "{out}");
    let march: Vec<&str> = out.lines().filter(|l| l.contains("指定 令和9年3月1日")).collect();
    assert_eq!(march.len(), 6, "{march:?}");
    assert!(march.iter().all(|l| l.ends_with("令和9年1月5日（火） → 令和9年1月8日（金）")), "{march:?}");

    // The same from a zip of the content folder's inside, and as HTML.
    let zip = temp("diff-zip").with_extension("zip");
    let o = Command::new("zip")
        .current_dir(new.join("content"))
        .args(["-qr", zip.to_str().unwrap(), "."])
        .status()
        .expect("zip (Debian's zip package)");
    assert!(o.success());
    let (code, html, err) =
        run(&["diff", "--from", ".", "--to", zip.to_str().unwrap(), "--today", "2026-12-02", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    assert!(html.contains("<h1>新旧対照表</h1>") && html.contains("@page{size:A4"), "{html}");
    assert_eq!(html.matches("令和9年1月8日（金）").count(), 6, "one row per office for March");
    let _ = std::fs::remove_file(&zip);
}

#[test]
fn unreadable_input_is_a_message_and_exit_1() {
    let (code, _, err) = run(&["diff", "--from", ".", "--to", "/nonexistent/onshi"]);
    assert_eq!(code, 1);
    assert!(err.contains("--to の「/nonexistent/onshi」") && err.contains("content フォルダ"), "{err}");

    let broken = content_copy(&temp("diff-broken"));
    let calendar = broken.join("content/calendar.toml");
    std::fs::write(&calendar, "[equinoxes\n").unwrap();
    let (code, out, err) = run(&["diff", "--from", ".", "--to", broken.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "nothing half-printed: {out}");
    assert!(err.contains("変更後の内容を読めません") && err.contains("content/calendar.toml:1:"), "{err}");

    let not_zip = temp("diff-not-zip").with_extension("zip");
    std::fs::write(&not_zip, "not a zip").unwrap();
    let (code, _, err) = run(&["diff", "--from", not_zip.to_str().unwrap(), "--to", "."]);
    assert_eq!(code, 1);
    assert!(err.contains("zip ファイルとして読めません"), "{err}");
    let _ = std::fs::remove_file(&not_zip);
}

#[test]
#[ignore = "needs Java and the npm packages (scripts/test installs them)"]
fn the_html_table_passes_the_nu_html_checker() {
    let jar = repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "node_modules/vnu-jar がありません。scripts/test で入れてください");
    let new = edited_copy("diff-nu");
    let (code, html, err) =
        run(&["diff", "--from", ".", "--to", new.to_str().unwrap(), "--today", "2026-12-02", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let page = temp("diff-nu-page").with_extension("html");
    std::fs::write(&page, html).unwrap();
    let o = Command::new("java")
        .args(["-jar", jar.to_str().unwrap(), "--errors-only", "--format", "text"])
        .arg(Path::new(&page))
        .output()
        .expect("java");
    let report = String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && report.contains("No errors found"), "{report}");
    let _ = std::fs::remove_file(&page);
}
