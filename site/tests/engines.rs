//! Every browser engine where the users are: Chromium, Firefox ESR and WebKit (WebKitGTK's
//! MiniBrowser, the engine family of Safari) run the one scenario of
//! site/tests/browser/engines.py (python selenium over W3C WebDriver) against a site built from
//! the repository's content with the built wizard: the wizard end to end (start page,
//! questions, the timeline against `site schedule --format json`, the application file loaded,
//! offline before the first PDF, the PDFs' text against `site form`'s, two bureaus in one tab),
//! every page at 390 px and 1280 px (no sideways scroll, the h1 in the first screen, the
//! navigation reachable) and axe-core on every page and wizard step. One test per engine; an
//! engine whose browser or driver is missing fails and says what to install (scripts/test
//! installs them). Each prints how long it took. The engines run side by side with the other
//! tests (a lock that kept them one at a time left a core idle while a test waited on it).
//!
//! The studio (編集室, the site's `studio/`, built with `site build --studio`) has its zip path
//! in Firefox ESR and WebKit (Chromium runs the whole studio in studio/tests/browser.rs): a zip
//! of the repository's content made by Info-ZIP, chosen in its file input, 東北's 受付番号
//! day 5 → 8 typed in the form, 令和9年1月8日 shown for designation 令和9年3月 before saving,
//! 保存, and the saved content.zip differing from the content in that one value; axe-core on
//! each of its pages. The saved file is read from the blob the page offers (the scenario's
//! `download`, the same in every engine: WebKitGTK's MiniBrowser saves nothing under
//! automation).

use crate::common::{repo, site, temp};
use onshi::era::format_era_date_weekday;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The application file the scenario loads and whose answers it types.
const APPLICATION: &str = "tests/data/example-application.json";
/// The day the site is built for and the wizard is told is today (`?today=`).
const TODAY: &str = "2026-11-01";

/// The site built once for every test: the repository's content, the built wizard and studio.
fn built_site() -> &'static Path {
    // The same build as the servers' scenario (2026-11-01, the wizard and the studio): once.
    assert_eq!(TODAY, "2026-11-01", "crate::common::published_site builds for 2026-11-01");
    crate::common::published_site()
}

/// The HTML pages of the built site the page checks walk (the wizard's folders and the studio
/// left out),
/// and how many of them carry the site navigation.
fn pages_with_navigation(site: &Path) -> (usize, usize) {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !["wizard", "studio"].contains(&path.file_name().unwrap().to_str().unwrap()) {
                    walk(&path, found);
                }
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    let mut pages = Vec::new();
    walk(site, &mut pages);
    let with_nav =
        pages.iter().filter(|p| std::fs::read_to_string(p).unwrap().contains("<details class=\"site-nav\"")).count();
    (pages.len(), with_nav)
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext {}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn text<'a>(report: &'a Value, pointer: &str) -> &'a str {
    report.pointer(pointer).and_then(Value::as_str).unwrap_or_else(|| panic!("{pointer} missing: {report:#}"))
}

/// Runs engines.py in `engine` with `extra` arguments, its output in `out`; its report, the
/// time it took and what it said. A missing tool fails here, saying what to install.
/// A browser that died under the driver (the session gone, as WebKitGTK's MiniBrowser did once
/// here in its walk of the site's pages) is started again once, and says so; any other failure is the test's.
fn run_scenario(engine: &str, out: &Path, extra: &[&Path]) -> (Value, std::time::Duration, String, bool) {
    let first = run_scenario_once(engine, out, extra);
    let session_lost = ["invalidsessionidexception", "invalid session id"];
    if !first.3 && session_lost.iter().any(|s| first.2.to_lowercase().contains(s)) {
        eprintln!("engine {engine}: the browser's session ended under the driver; run again once:\n{}", first.2);
        return run_scenario_once(engine, out, extra);
    }
    first
}

fn run_scenario_once(engine: &str, out: &Path, extra: &[&Path]) -> (Value, std::time::Duration, String, bool) {
    let _ = std::fs::remove_dir_all(out);
    let started = Instant::now();
    let run = Command::new("python3")
        .arg(repo().join("site/tests/browser/engines.py"))
        .arg(engine)
        .arg(built_site())
        .arg(out)
        .arg(repo().join(APPLICATION))
        .arg(repo().join("node_modules/axe-core/axe.min.js"))
        .args(extra)
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 を起動できません（{e}）。python3 と selenium 4.40.0 が必要です（scripts/test が入れます）")
        });
    let elapsed = started.elapsed();
    let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("report.json")).unwrap_or_else(|_| panic!("{engine}: no report: {said}")),
    )
    .unwrap();
    let missing: Vec<&str> = report["missing"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        missing.is_empty(),
        "{engine}: this machine lacks what the test needs (scripts/test installs it):\n  {}",
        missing.join("\n  ")
    );
    (report, elapsed, said, run.status.success())
}

/// Runs the scenario in `engine` and checks its report.
fn engine(engine: &str) {
    let site_dir = built_site();
    let out = site_dir.parent().unwrap().join(engine);
    let started = Instant::now();
    let (report, elapsed, said, succeeded) = run_scenario(engine, &out, &[]);
    eprintln!(
        "engine {engine}: {:.1} s ({} {}; start {} s, wizard {} s, pages {} s, search {} s; pages at 390 px: {}, at 1280 px: {})",
        elapsed.as_secs_f64(),
        report["browser"]["name"],
        report["browser"]["version"],
        report["timings_s"]["start"],
        report["timings_s"]["wizard"],
        report["timings_s"]["pages"],
        report["timings_s"]["search"],
        report["pages"]["method"]["390"],
        report["pages"]["method"]["1280"],
    );
    let errors: Vec<&str> = report["errors"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        errors.is_empty() && succeeded,
        "{engine}: the scenario stopped (screenshot in {}):\n{}\n{said}",
        out.display(),
        errors.join("\n")
    );
    wizard(engine, &report);
    page_checks(engine, &report, site_dir);
    search(engine, &report);
    let axe: Vec<&str> = report["axe"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(axe.is_empty(), "{engine}: axe-core found {} violations:\n{}", axe.len(), axe.join("\n"));
    let wizard_steps = 13;
    assert!(
        report["axe_runs"].as_u64().unwrap() >= report["pages"]["count"].as_u64().unwrap() + wizard_steps,
        "{engine}: axe-core ran on every page and every wizard step: {}",
        report["axe_runs"]
    );
    eprintln!("engine {engine}: passed in {:.1} s with the checks", started.elapsed().as_secs_f64());
}

/// このサイト内を検索 on 東北's steps page: opened by its button (the focus in the field), the
/// field found by its label; the index fetched on first use
/// only, once; a word's results with the match marked and the count announced (a status
/// region); a month typed as R9.4 landing on 令和9年4月's rows of the deadline table; a query
/// that finds nothing saying so.
fn search(engine: &str, report: &Value) {
    let s = &report["search"];
    assert_eq!(s["opened"], serde_json::json!({ "expanded": "true", "focused": "site-search-q" }), "{engine}");
    assert_eq!(s["requests_before"], serde_json::json!([]), "{engine}: the index is not loaded with the page");
    let fetched: Vec<&str> = s["requests_after"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        fetched.len() == 1 && fetched[0].starts_with("/tohoku/assets/search-") && fetched[0].ends_with(".json"),
        "{engine}: the index fetched once: {fetched:?}"
    );
    let word = &s["word"];
    let count = text(word, "/count");
    assert!(count.starts_with("「受付番号」を含むところが ") && count.ends_with(" 件あります。"), "{engine}: {count}");
    assert_eq!(word["live"], "status", "{engine}: the count is announced");
    // Thirty at a time, then a button for the next, which takes the focus to the first of them.
    let total: u64 =
        count.trim_start_matches("「受付番号」を含むところが ").trim_end_matches(" 件あります。").parse().unwrap();
    assert!(total > 30, "{engine}: {count}");
    assert_eq!(word["results"], 30, "{engine}: {word}");
    let left = total - 30;
    assert_eq!(text(word, "/more"), format!("次の {} 件を表示（残り {left} 件）", left.min(30)), "{engine}");
    assert_eq!(s["word_more"]["shown"], 30 + left.min(30), "{engine}: {}", s["word_more"]);
    assert_eq!(s["word_more"]["focused"], 30, "{engine}: the focus on the first of the next results");
    assert_eq!(word["first"]["mark"], "受付番号", "{engine}: {}", word["first"]);
    let month = &s["month"];
    assert!(month["rows"].as_u64().unwrap() >= 1, "{engine}: {month}");
    assert!(text(month, "/first/href").ends_with("deadlines/#h-2027-04"), "{engine}: {month}");
    assert!(text(month, "/first/text").contains("令和9年4月1日に指定を受ける場合"), "{engine}: {month}");
    assert_eq!(s["nothing"]["results"], 0, "{engine}");
    assert_eq!(s["nothing"]["count"], "「存在しない語句」を含むところは見つかりませんでした。", "{engine}");
    let landed = &s["landed"];
    assert_eq!((&landed["path"], &landed["id"]), (&"/tohoku/deadlines/".into(), &"h-2027-04".into()), "{engine}");
    assert!(text(landed, "/text").starts_with("令和9年4月1日"), "{engine}: {landed}");
}

/// The wizard's part of the report, against the command line's answers for the same input.
fn wizard(engine: &str, report: &Value) {
    let w = &report["wizard"];
    let application: Value = serde_json::from_str(&std::fs::read_to_string(repo().join(APPLICATION)).unwrap()).unwrap();
    let start = text(w, "/start_page/text");
    for said in ["用意するもの", "どこにも送信しません"] {
        assert!(start.contains(said), "{engine}: the start page says {said}: {start}");
    }
    assert!(text(w, "/progress").starts_with("手順 1 / "), "{engine}: {}", w["progress"]);
    assert!(
        text(w, "/kind_error").contains("種類を選んでください"),
        "{engine}: the summary has the focus: {}",
        w["kind_error"]
    );

    // The timeline shows the dates the command line computes for the same answers.
    let input = &w["input"];
    let content = onshi::content::repository();
    let (bureau, office) =
        content.bureaus.for_prefecture(text(input, "/prefecture")).expect("the example's prefecture has an office");
    assert_eq!(bureau.id, text(input, "/bureau"));
    let cli = site(&[
        "schedule",
        "--bureau",
        &bureau.id,
        "--office",
        &office.id,
        "--designation",
        text(input, "/designation"),
        "--setup",
        text(input, "/setup"),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    assert!(cli.status.success(), "{}", String::from_utf8_lossy(&cli.stderr));
    let expected: Value = serde_json::from_slice(&cli.stdout).unwrap();
    let mut steps: Vec<&Value> = expected["steps"].as_array().unwrap().iter().collect();
    // The wizard lists the steps in date order, the undated last.
    steps.sort_by_key(|s| (s["date"].is_null(), s["date"].as_str().unwrap_or("").to_string()));
    let rows = w["timeline"].as_array().unwrap();
    assert_eq!(rows.len(), steps.len(), "{engine}: the timeline's rows: {rows:#?}");
    for (row, step) in rows.iter().zip(&steps) {
        let shown = row[0].as_str().unwrap();
        match step["date"].as_str() {
            Some(d) => assert!(
                shown.starts_with(&format_era_date_weekday(d.parse().unwrap())),
                "{engine}: {shown} for {step:#}"
            ),
            None => assert!(shown.starts_with("下記"), "{engine}: {row}"),
        }
        assert!(row[1].as_str().unwrap().starts_with(step["title"].as_str().unwrap()), "{engine}: {row} for {step:#}");
    }
    assert!(text(w, "/next_action").contains("次にすること"), "{engine}: {}", w["next_action"]);
    let dated = steps.iter().filter(|s| !s["date"].is_null()).count();
    assert_eq!(w["timeline_svg_circles"], dated, "{engine}: one circle per dated step");
    let ics = std::fs::read_to_string(text(w, "/ics/path")).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), dated, "{engine}: the .ics: {ics}");

    // The file loaded through 「保存したファイルを読み込む」.
    assert!(text(w, "/after_load/notice").contains("申請ファイルを読み込みました"), "{engine}: {}", w["after_load"]);
    let vendor = application["plan"]["system_vendor"].as_str().unwrap();
    assert!(
        text(w, "/after_load/text").contains(vendor),
        "{engine}: the check page shows the file: {}",
        w["after_load"]
    );

    // Offline before the first PDF: the PDF code and the font had never been asked for; with
    // the server gone they could not come, and the page said so; with the network back, the
    // PDFs were made.
    let before: Vec<&str> = w["requests_before_pdf"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(before.iter().any(|r| r.ends_with(".wasm")), "{engine}: the program loaded: {before:?}");
    assert!(
        before.iter().all(|r| !r.contains("pdf_worker") && !r.ends_with(".ttf")),
        "{engine}: the first load fetched the PDF code or the font: {before:?}"
    );
    let refused: Vec<&str> = w["refused_while_offline"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        refused.iter().any(|r| r.contains("pdf_worker")),
        "{engine}: the PDF code was asked for offline: {refused:?}"
    );
    let gone = text(w, "/server_gone");
    assert!(
        gone.contains("PDF を作れませんでした") && gone.contains("もう一度 PDF を作る"),
        "{engine}: the server gone: {gone}"
    );
    assert_eq!(w["on_line_while_offline"], false, "{engine}: the browser offline ({})", w["offline_method"]);
    let offline = text(w, "/offline_first_pdf");
    assert!(
        offline.contains("インターネットにつながっていない"),
        "{engine}: offline ({}): {offline}",
        w["offline_method"]
    );
    assert_eq!(w["on_line_after"], true, "{engine}");

    // The PDFs say what `site form` writes for the same file.
    let forms = temp(&format!("engines-{engine}-forms"));
    let o = site(&["form", "--input", APPLICATION, "--out-dir", forms.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut cli_forms: Vec<String> =
        std::fs::read_dir(&forms).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    cli_forms.sort();
    let made: BTreeMap<&str, &str> = w["pdfs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["path"].as_str().unwrap()))
        .collect();
    assert_eq!(made.keys().copied().collect::<Vec<_>>(), cli_forms, "{engine}: the PDFs made: {}", w["pdfs"]);
    let facility = application["facility"]["name"].as_str().unwrap();
    for (name, path) in &made {
        let in_browser = pdftotext(Path::new(path));
        assert!(in_browser.contains(facility) || *name == "plan.pdf", "{engine}: {name}: {in_browser}");
        assert_eq!(in_browser, pdftotext(&forms.join(name)), "{engine}: {name} differs from site form's");
    }
    let _ = std::fs::remove_dir_all(&forms);
    let checklist = text(w, "/checklist");
    assert!(checklist.contains("導入計画書（別紙2）"), "{engine}: {checklist}");

    // Two bureaus in one tab: what was typed for one does not follow to the other.
    let other = &w["other_bureau"];
    let other_name = &content.bureaus.get(text(other, "/bureau")).unwrap().name;
    assert_eq!(text(other, "/header"), other_name, "{engine}: {other}");
    assert_eq!(other["facility_name"], "", "{engine}: the other bureau's wizard is empty: {other}");
    assert_eq!(w["same_bureau_again"]["facility_name"], facility, "{engine}: the first bureau kept its answers");
    assert_eq!(text(w, "/same_bureau_again/header"), bureau.name, "{engine}");
}

/// The page checks: every page at both widths, nothing found, the navigation reachable.
fn page_checks(engine: &str, report: &Value, site_dir: &Path) {
    let pages = &report["pages"];
    let (count, with_nav) = pages_with_navigation(site_dir);
    assert_eq!(pages["count"], count, "{engine}: every page was checked");
    let problems: Vec<&str> = pages["problems"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(problems.is_empty(), "{engine}: {} problems:\n{}", problems.len(), problems.join("\n"));
    for width in ["390", "1280"] {
        let nav = &pages["nav"][width];
        let reachable = nav["shown"].as_u64().unwrap_or(0) + nav["toggle"].as_u64().unwrap_or(0);
        assert_eq!(reachable, with_nav as u64, "{engine} at {width} px: the navigation of every page: {nav}");
    }
    // On a phone the navigation folds behind its summary.
    assert_eq!(pages["nav"]["390"]["toggle"], with_nav, "{engine}: {}", pages["nav"]);
}

#[test]
#[ignore = "needs Chromium and chromedriver, python selenium, poppler-utils and the built wizard (scripts/test installs and builds them)"]
fn engine_chromium() {
    engine("chromium");
}

#[test]
#[ignore = "needs Firefox ESR and geckodriver, python selenium, poppler-utils and the built wizard (scripts/test installs and builds them)"]
fn engine_firefox() {
    engine("firefox");
}

#[test]
#[ignore = "needs WebKitWebDriver and MiniBrowser (webkit2gtk-driver), xvfb, python selenium, poppler-utils and the built wizard (scripts/test installs and builds them)"]
fn engine_webkit() {
    engine("webkit");
}

/// The studio's zip path in `engine` (engines.py --studio), checked against the content.
fn studio(engine: &str) {
    let site_dir = built_site();
    let work = site_dir.parent().unwrap();
    // A zip as a person makes one: the content folder itself, by Info-ZIP (deflated).
    let zip = work.join(format!("content-{engine}.zip"));
    let _ = std::fs::remove_file(&zip);
    let made = Command::new("zip")
        .current_dir(repo())
        .args(["-qr", zip.to_str().unwrap(), "content"])
        .status()
        .unwrap_or_else(|e| panic!("zip を起動できません（{e}）。apt-get install zip（scripts/test が入れます）"));
    assert!(made.success(), "zip");
    let out = work.join(format!("studio-{engine}"));
    let (report, elapsed, said, succeeded) = run_scenario(engine, &out, &[Path::new("--studio"), &zip]);
    let s = &report["studio"];
    eprintln!(
        "engine {engine}, the studio's zip path: {:.1} s ({} {}; start {} s, scenario {} s: page {} ms, zip opened {} ms, keystroke to the 12 dates {} ms, saved {} ms; file input by {})",
        elapsed.as_secs_f64(),
        report["browser"]["name"],
        report["browser"]["version"],
        report["timings_s"]["start"],
        report["timings_s"]["studio"],
        s["start_ms"],
        s["open_zip_ms"],
        s["keystroke_to_dates_ms"],
        s["save_ms"],
        s["file_input"],
    );
    let errors: Vec<&str> = report["errors"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        errors.is_empty() && succeeded,
        "{engine}: the studio's scenario stopped (screenshot in {}):\n{}\n{said}",
        out.display(),
        errors.join("\n")
    );
    assert_eq!(text(s, "/start_heading"), "編集室", "{engine}");
    assert_eq!(text(s, "/list_heading"), "局を選ぶ", "{engine}");
    // Before saving: the form says 5 and its date; empty, the mistake at the field; 8, the
    // new date for 令和9年3月 among the 12 and the sentence the site will print.
    assert_eq!(text(s, "/day_label"), "何日", "{engine}");
    assert_eq!(text(s, "/day_before"), "5", "{engine}");
    assert_eq!(text(s, "/march_before"), "令和9年1月5日", "{engine}");
    assert!(text(s, "/error_when_empty").contains("1〜28"), "{engine}: {}", s["error_when_empty"]);
    assert_eq!(text(s, "/day_after"), "8", "{engine}");
    assert_eq!(text(s, "/march_after"), "令和9年1月8日", "{engine}");
    assert_eq!(s["rows"], 12, "{engine}");
    assert_eq!(text(s, "/sentence"), "指定月の前々月の8日（閉庁日なら翌開庁日）", "{engine}");
    assert!(s["keystroke_to_dates_ms"].as_f64().is_some(), "{engine}: {s}");

    // The saved zip: the content's files, byte for byte, but tohoku.toml's one value.
    assert_eq!(text(s, "/saved/name"), "content.zip", "{engine}");
    let saved = std::fs::read(text(s, "/saved/path")).unwrap();
    let saved = publish::archive::read_content_zip(&saved).unwrap_or_else(|e| panic!("{engine}: {e:?}"));
    let tohoku = "content/bureaus/tohoku.toml";
    let before = std::fs::read_to_string(repo().join(tohoku)).unwrap();
    let expected = before.replacen("day = 5, closed_day", "day = 8, closed_day", 1);
    assert_ne!(expected, before);
    let changed: Vec<(&str, &str)> = before.lines().zip(expected.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "one line: {changed:?}");
    let mut files = 0;
    for (name, bytes) in &saved {
        if name == tohoku {
            assert_eq!(String::from_utf8(bytes.clone()).unwrap(), expected, "{engine}: {name}");
        } else {
            assert!(std::fs::read(repo().join(name)).unwrap() == *bytes, "{engine}: {name} unchanged");
        }
        files += 1;
    }
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).map(|p| if p.is_dir() { count(&p) } else { 1 }).sum()
    }
    assert_eq!(files, count(&repo().join("content")), "{engine}: every file of the content, saved");
    assert!(text(s, "/notice").contains("content.zip"), "{engine}: {}", s["notice"]);

    // The 新旧対照表: every 東北 office moves by the same months, 令和9年3月's 1月5日 → 1月8日.
    let offices = s["comparison"]["offices"].as_array().unwrap();
    let tohoku_offices = onshi::content::repository().bureaus.get("tohoku").unwrap().offices.len();
    assert_eq!(offices.len(), tohoku_offices, "{engine}: one table per 東北 office: {offices:?}");
    let moved = offices[0]["rows"].as_u64().unwrap();
    assert!(moved >= 20, "{engine}: {moved} months moved");
    for office in offices {
        let caption = office["caption"].as_str().unwrap();
        assert!(
            caption.starts_with("東北厚生局") && caption.ends_with(&format!("（{moved}件）")),
            "{engine}: {caption}"
        );
        assert_eq!(office["rows"], moved, "{engine}: {caption}");
        let march = &office["march"][0];
        assert_eq!(
            (&march[2], &march[3]),
            (&Value::from("令和9年1月5日（火）"), &Value::from("令和9年1月8日（金）")),
            "{engine}: {caption}"
        );
    }
    let headings: Vec<&str> =
        s["comparison"]["headings"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        headings.contains(&format!("変わる期限（{}件）", moved as usize * tohoku_offices).as_str()),
        "{engine}: {headings:?}"
    );

    // The exported site is, file for file, what `site build` writes for the saved content on the
    // same day (neither with the wizard or the studio: the export builds without them).
    assert_eq!(text(s, "/site/name"), "site.zip", "{engine}");
    let root = out.join("saved");
    for (name, bytes) in &saved {
        std::fs::create_dir_all(root.join(name).parent().unwrap()).unwrap();
        std::fs::write(root.join(name), bytes).unwrap();
    }
    let built = out.join("built");
    let _ = std::fs::remove_dir_all(&built);
    let o = site(&["build", "--root", root.to_str().unwrap(), "--out", built.to_str().unwrap(), "--today", TODAY]);
    assert!(o.status.success(), "site build: {}", String::from_utf8_lossy(&o.stderr));
    let mut exported = zip::ZipArchive::new(std::fs::File::open(text(s, "/site/path")).unwrap()).unwrap();
    let mut names = Vec::new();
    for i in 0..exported.len() {
        let mut file = exported.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
        let written = std::fs::read(built.join(&name)).unwrap_or_else(|e| panic!("{engine}: {name}: {e}"));
        assert!(written == bytes, "{engine}: {name} differs from site build's");
        names.push(name);
    }
    fn files_in(dir: &Path, prefix: &str) -> Vec<String> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let (path, name) =
                (entry.as_ref().unwrap().path(), format!("{prefix}{}", entry.unwrap().file_name().to_str().unwrap()));
            if path.is_dir() {
                out.extend(files_in(&path, &format!("{name}/")))
            } else {
                out.push(name)
            }
        }
        out
    }
    let mut written: Vec<String> = files_in(&built, "").into_iter().filter(|n| n != ".onshi-build").collect();
    written.sort();
    names.sort();
    assert_eq!(names, written, "{engine}: the same files as site build");
    eprintln!(
        "engine {engine}: 新旧対照表 {} ms, export {} ms, {} files equal to site build's",
        s["comparison_ms"],
        s["export_ms"],
        names.len()
    );

    let axe: Vec<&str> = report["axe"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(axe.is_empty(), "{engine}: axe-core found {} violations:\n{}", axe.len(), axe.join("\n"));
    assert_eq!(report["axe_runs"], 6, "{engine}: axe-core on each of the studio's pages and states");
}

#[test]
#[ignore = "needs Firefox ESR and geckodriver, python selenium, zip and the built wizard and studio (scripts/test installs and builds them)"]
fn studio_zip_path_in_firefox() {
    studio("firefox");
}

#[test]
#[ignore = "needs WebKitWebDriver and MiniBrowser (webkit2gtk-driver), xvfb, python selenium, zip and the built wizard and studio (scripts/test installs and builds them)"]
fn studio_zip_path_in_webkit() {
    studio("webkit");
}
