//! The studio end to end in Debian's headless Chromium (studio/tests/studio.mjs drives it by
//! label): a zip of the repository's content opened, 東北's 受付番号 day 5 → 8, 令和9年1月8日
//! shown for designation 令和9年3月 before saving, the saved zip differing from the content
//! only in that value, the exported site equal to `site build` of the saved content file for
//! file, the 新旧対照表 listing the moved dates of every 東北 office (and printing on A4); the
//! same edit saved into a folder opened read-write and through `site serve`'s API; no other
//! host contacted.
//! Needs Chromium, `zip` and npm's playwright-core and axe-core; builds the studio
//! (scripts/build-studio) when target/studio-dist has none.

// Runs the command line (`site build`), which the studio's wasm32 build does not have.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A scenario run: the folder it worked in (the zip, `out/` with what it saved) and its report.
struct Run {
    work: PathBuf,
    report: serde_json::Value,
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.work);
    }
}

/// Runs `studio/tests/<script>` in Chromium on the built studio (built here when
/// target/studio-dist has no `needs`) with a zip of the repository's content as a person makes
/// one (the content folder itself, by Info-ZIP, deflated) and `args` after it; its report, with
/// no console error and no request to another host.
fn run_scenario(script: &str, needs: &str, args: &[&str]) -> Run {
    let dist = repo().join("target/studio-dist");
    if !dist.join(needs).is_file() {
        let built = Command::new(repo().join("scripts/build-studio")).status().expect("scripts/build-studio");
        assert!(built.success(), "編集室を作れませんでした（scripts/build-studio）");
    }
    let work = std::env::temp_dir().join(format!("studio-{}-{}", script.trim_end_matches(".mjs"), std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    // The studio as `site serve` shows it and a build writes it: under the site's policy, its
    // start-up script in init.js.
    let ready = publish::studio_to_serve(&publish::Program::Folder(dist), &repo()).unwrap();
    let dist = work.join("studio");
    for (name, bytes) in &ready {
        let path = dist.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let zip = work.join("content.zip");
    let made = Command::new("zip").current_dir(repo()).args(["-qr", zip.to_str().unwrap(), "content"]).status();
    assert!(made.expect("zip").success());
    let out = work.join("out");
    let run = Command::new("node")
        .current_dir(repo())
        .arg(format!("studio/tests/{script}"))
        .args([dist.to_str().unwrap(), zip.to_str().unwrap(), out.to_str().unwrap()])
        .args(args)
        .output()
        .expect("node");
    let report = std::fs::read_to_string(out.join("report.json")).unwrap_or_default();
    assert!(run.status.success(), "{}\n{report}", String::from_utf8_lossy(&run.stderr));
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    eprintln!("{report:#}");
    assert_eq!(report["errors"], serde_json::json!([]), "no error in the console");
    assert_eq!(report["elsewhere"], serde_json::json!([]), "no other host");
    Run { work, report }
}

#[test]
#[ignore = "needs Chromium, zip and node_modules; builds the studio (scripts/build-studio)"]
fn staff_change_a_day_see_the_dates_and_save() {
    let Run { work, report } = &run_scenario("studio.mjs", "index.html", &["content"]);
    let out = work.join("out");
    assert_eq!(report["axe"], serde_json::json!([]), "axe-core (WCAG 2.2 AA)");
    for way in ["zip", "folder", "api"] {
        let r = &report[way];
        assert_eq!(r["day_before"], "5", "{way}");
        assert_eq!(r["march_before"], "令和9年1月5日", "{way}");
        assert_eq!(r["march_after"], "令和9年1月8日", "{way}: before saving");
        assert_eq!(r["rows"], 12, "{way}");
        assert_eq!(r["sentence"], "指定月の前々月の8日（閉庁日なら翌開庁日）", "{way}");
        assert!(r["error_when_empty"].as_str().unwrap().contains("1〜28"), "{way}");
    }
    // The loader's error as the command line prints it, at the field and linked from the summary.
    let office_error = report["office_error"].as_str().unwrap();
    assert!(office_error.contains("content/bureaus/tohoku.toml:24: 事務所「aomori」"), "{office_error}");
    assert_eq!(report["summary_link"], "#content-bureaus-tohoku-toml-aomori-postal_code");
    assert_eq!(report["save_disabled"], true, "no save while the content has a mistake");
    let tohoku = "content/bureaus/tohoku.toml";
    let before = std::fs::read_to_string(repo().join(tohoku)).unwrap();
    let expected = before.replace("day = 5, closed_day", "day = 8, closed_day");
    assert_ne!(expected, before);
    // In the folder, a text editor's line added meanwhile: nothing written, the file named, the
    // edit still unsaved in the studio.
    let conflict = &report["folder_conflict"];
    let message = conflict["message"].as_str().unwrap();
    assert!(
        message.contains("bureaus/tohoku.toml は、") && message.contains("あなたの変更は編集室に残っています"),
        "{message}"
    );
    assert_eq!(conflict["kept"], true, "the editor's line kept");
    assert!(
        conflict["changed"].as_str().unwrap().contains("保存していない変更：content/bureaus/tohoku.toml"),
        "{conflict}"
    );
    // In place, in the folder: the one file changed.
    assert_eq!(report["folder_saved"]["tohoku.toml"], expected.as_str());
    let hokkaido = std::fs::read_to_string(repo().join("content/bureaus/hokkaido.toml")).unwrap();
    assert_eq!(report["folder_saved"]["hokkaido.toml"], hokkaido.as_str());
    // Through the API: one PUT of the one changed file, with the text it was read as (the
    // server refuses to overwrite a file changed since: site/tests/studio_serve.rs).
    assert_eq!(
        report["api_puts"],
        serde_json::json!([{ "files": [{ "name": tohoku, "text": expected, "base": before }] }]),
        "the API's PUT"
    );
    // Before that save, 「内容を zip で書き出す」 gave the content as edited, every file.
    let handed = publish::archive::read_content_zip(&std::fs::read(out.join("api-content.zip")).unwrap()).unwrap();
    assert_eq!(handed[tohoku], expected.as_bytes());
    assert_eq!(
        handed.len(),
        publish::archive::read_content_zip(&std::fs::read(out.join("content.zip")).unwrap()).unwrap().len()
    );

    // The saved zip: the content's files, byte for byte, but the one value.
    let saved = publish::archive::read_content_zip(&std::fs::read(out.join("content.zip")).unwrap()).unwrap();
    let mut count = 0;
    for (name, bytes) in &saved {
        let original = std::fs::read(repo().join(name)).unwrap();
        if name == tohoku {
            assert_eq!(String::from_utf8(bytes.clone()).unwrap(), expected);
        } else {
            assert!(original == *bytes, "{name} unchanged");
        }
        count += 1;
    }
    assert!(count > 15 && saved.contains_key(tohoku), "{count} files");

    // 中止: nothing downloaded, the studio says so, the bar gone.
    assert_eq!(report["cancel"]["downloads"], 0, "{}", report["cancel"]);
    assert_eq!(report["cancel"]["notice"], "中止しました。途中まで作ったものは残していません。");
    assert_eq!(report["cancel"]["bar"], 0);
    // The export's progress bar as drawn: through its phases in order, to its total.
    let seen: Vec<(String, u64, u64)> = report["progress"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| Some((s[0].as_str()?.to_string(), s[1].as_str()?.parse().ok()?, s[2].as_str()?.parse().ok()?)))
        .collect();
    let values: Vec<u64> = seen.iter().map(|(_, v, _)| *v).collect();
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "only forward: {values:?}");
    assert_eq!(seen.last().map(|(_, v, max)| (*v, *max)), Some((700, 700)), "to its total: {seen:?}");
    let phases: Vec<&str> = [
        "内容の読み込み",
        "様式（PDF）",
        "期限の計算とオープンデータ",
        "ページ",
        "リンクの確認",
        "圧縮",
        "zip にまとめる",
    ]
    .into_iter()
    .filter(|phase| seen.iter().any(|(label, ..)| label.contains(phase)))
    .collect();
    assert!(phases.len() >= 5 && phases.contains(&"圧縮") && phases.contains(&"ページ"), "{phases:?} of {seen:?}");
    let runs: Vec<u64> = report["export_runs_ms"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    eprintln!("export in Chromium: {runs:?} ms, median {}", report["export_ms"]);

    // The exported site shows the new date on 東北's deadline page.
    let site = std::fs::read(out.join("site.zip")).unwrap();
    let mut site = zip::ZipArchive::new(std::io::Cursor::new(site)).unwrap();
    let mut page = String::new();
    std::io::Read::read_to_string(&mut site.by_name("tohoku/deadlines/index.html").unwrap(), &mut page).unwrap();
    assert!(page.contains("令和9年1月8日"), "東北's deadline page");

    // … and is, file for file, what `site build` writes for the saved content on the same day
    // (neither with the wizard: the export builds without it, and this `site` carries none).
    assert!(site::embedded::WIZARD.is_empty());
    let root = work.join("saved");
    for (name, bytes) in &saved {
        std::fs::create_dir_all(root.join(name).parent().unwrap()).unwrap();
        std::fs::write(root.join(name), bytes).unwrap();
    }
    let built = work.join("built");
    let args = ["build", "--root", root.to_str().unwrap(), "--out", built.to_str().unwrap(), "--today", "2026-12-02"];
    let mut printed = String::new();
    site::commands::run(&args.map(String::from), &mut printed).expect("site build");
    let mut written = std::collections::BTreeMap::new();
    files_under(&built, "", &mut written);
    // The marker is the writer's note to the next build in that folder, not part of the site
    // (as in site/tests/publish_memory.rs).
    assert!(written.remove(".onshi-build").is_some());
    let mut exported = std::collections::BTreeMap::new();
    for i in 0..site.len() {
        let mut entry = site.by_index(i).unwrap();
        if entry.is_file() {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            exported.insert(entry.name().unwrap().to_string(), bytes);
        }
    }
    let only = |a: &std::collections::BTreeMap<String, Vec<u8>>, b: &std::collections::BTreeMap<String, Vec<u8>>| {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect::<Vec<_>>()
    };
    assert_eq!(only(&exported, &written), Vec::<String>::new(), "in the export only");
    assert_eq!(only(&written, &exported), Vec::<String>::new(), "in site build's only");
    let differ: Vec<&String> =
        written.iter().filter(|(name, bytes)| exported[*name] != **bytes).map(|(n, _)| n).collect();
    assert!(differ.is_empty(), "{} of {} files differ: {differ:?}", differ.len(), written.len());
    assert!(written.len() > 100, "{} files", written.len());
    eprintln!(
        "site.zip = site build: {} files, {} bytes",
        written.len(),
        written.values().map(Vec::len).sum::<usize>()
    );

    // The 新旧対照表, after the save: against the content as opened, one text row and, for every
    // 東北 office as the content names it, its 23 moved dates (site/tests/diff.rs's count).
    let c = &report["comparison"];
    assert_eq!(c["enabled_after_save"], true, "the 旧 is the content as opened, not as saved");
    let headings: Vec<&str> = c["headings"].as_array().unwrap().iter().map(|h| h.as_str().unwrap()).collect();
    assert!(headings.contains(&"文章の変更（1件）") && headings.contains(&"変わる期限（138件）"), "{headings:?}");
    let about: Vec<&str> = c["about"].as_array().unwrap().iter().map(|h| h.as_str().unwrap()).collect();
    assert_eq!(about[..3], ["東北厚生局", "編集室で開いたときの内容（content.zip）", "編集室で直して保存した内容"]);
    assert!(about[3].starts_with("令和8年12月2日"), "{about:?}");
    assert_eq!(c["texts"].as_array().unwrap().len(), 1);
    // Before saving (in the folder opened read-write), the same counts.
    let f = &report["folder_comparison"];
    assert_eq!(f["headings"], serde_json::json!(["文章の変更（1件）", "変わる期限（138件）"]));
    assert_eq!(f["about"][2], "編集室で直した内容（保存していない変更を含む）");
    assert!(c["texts"][0][0].as_str().unwrap().starts_with(tohoku), "{}", c["texts"]);
    let content = publish::Source::Folder(repo()).content().unwrap();
    let offices: Vec<String> =
        content.bureaus.get("tohoku").unwrap().offices.iter().map(|o| o.display_name()).collect();
    assert_eq!(offices.len(), 6);
    let tables = c["offices"].as_array().unwrap();
    assert_eq!(tables.len(), 6, "{tables:?}");
    for (office, table) in offices.iter().zip(tables) {
        assert_eq!(table["caption"], format!("東北厚生局 {office}（23件）").as_str());
        assert_eq!(table["rows"], 23, "{office}");
        let march = &table["march"][0];
        assert!(march[1].as_str().unwrap().contains("受付番号の依頼"), "{office}: {march}");
        assert_eq!((&march[2], &march[3]), (&"令和9年1月5日（火）".into(), &"令和9年1月8日（金）".into()), "{office}");
    }
    assert_eq!(c["summary"].as_array().unwrap().len(), 6);
    // The document saved prints on A4 with its own styles, opened from the disk.
    assert_eq!(c["document_name"], "新旧対照表.html");
    assert_eq!(c["document_border"], "solid", "its styles apply");
    let a4 = c["pdf_page_pt"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect::<Vec<_>>();
    assert!((a4[0] - 595.3).abs() < 2.0 && (a4[1] - 841.9).abs() < 2.0, "A4 is 595.3 × 841.9 pt: {a4:?}");
    let document = std::fs::read_to_string(out.join("comparison.html")).unwrap();
    assert_eq!(document.matches("令和9年1月8日（金）").count(), 6, "one March row per office");
}

/// The forms beyond the rule (studio/tests/forms.mjs): a published date per month shown in the
/// 12 dates before saving, a date that is not one refused at its field, 点検's link focusing
/// its field, a 春分日 outside the loader's days refused with its file:line, 通知の手順 as the
/// site words it; axe-core on 暦, 通知の手順 and 点検.
#[test]
#[cfg(not(target_arch = "wasm32"))]
#[ignore = "needs Chromium, zip and node_modules; builds the studio (scripts/build-studio)"]
fn staff_add_a_published_date_follow_a_check_and_add_a_year() {
    let Run { report, .. } = &run_scenario("forms.mjs", "index.html", &[]);
    for page in ["checks", "calendar", "calendar, a year added", "steps", "bureau with published dates"] {
        assert_eq!(report["axe"][page], serde_json::json!([]), "axe-core (WCAG 2.2 AA) on {page}");
    }
    // The published date wins over the rule, before saving.
    assert_eq!(report["march_before"], "令和9年1月5日");
    assert_eq!(report["published_before"], "公表された期限はありません。");
    assert_eq!(report["march_after"], "令和9年1月7日");
    assert_eq!(report["march_note"], "局が公表した日（規則より優先）");
    assert_eq!(report["month_hint"], "例：2027-03。入力した月：令和9年3月");
    assert_eq!(report["row_error"], "エラー：「2027-02-30」という日はありません。日付を確かめてください");
    assert!(report["row_error_described"].as_str().unwrap().ends_with("-1-date-error"));
    assert_eq!(report["rows_after_remove"], 1);
    assert_eq!(report["changed"], "保存していない変更：content/bureaus/tohoku.toml");

    // 点検 lists what `site check` lists on the same day, each item a link to its field.
    let args: Vec<String> =
        ["check", "--today", "2026-12-02", "--root", repo().to_str().unwrap()].iter().map(|s| s.to_string()).collect();
    let mut listed = String::new();
    let _ = site::commands::run(&args, &mut listed);
    let count = listed.lines().filter(|l| l.starts_with("content/")).count();
    assert!(count > 100, "{count}");
    assert_eq!(report["checks_count"], count);
    assert_eq!(report["checks_linked"], count);
    assert_eq!(report["checks_nav"], format!("点検（{count} 件）"));
    // Recomputed for the content as edited: the published date's line moved 青森's phone from
    // line 29 (as `site check` prints it for the repository) to 30.
    let phone = report["phone_item"].as_str().unwrap();
    assert!(phone.starts_with("content/bureaus/tohoku.toml:30: office.aomori.phone が"), "{phone}");
    assert!(listed.contains(&phone.replacen(":30:", ":29:", 1)), "{phone}");
    assert_eq!(report["focused"], "content-bureaus-tohoku-toml-aomori-phone-unknown");
    assert_eq!(report["missing_targets"], serde_json::json!([]), "every item's control is on its page");
    assert_eq!(report["files_followed"], 9, "the eight bureau files and calendar.toml");
    assert_eq!(report["focused_label"], "未確認");

    // 暦: the hints are the loader's days; a day outside them is the loader's message.
    assert_eq!(report["calendar_legend"], "2028 年の行を加える");
    // The equinoxes' source as calendar.toml writes it.
    let written: toml::Table = std::fs::read_to_string(repo().join("content/calendar.toml")).unwrap().parse().unwrap();
    assert_eq!(report["equinox_source_title"], written["equinox_source"]["title"].as_str().unwrap());
    assert_eq!(report["equinox_source_url"], written["equinox_source"]["url"].as_str().unwrap());
    assert_eq!(report["vernal_hint"], "2028年3月19〜22日のどれか。年-月-日 の形で");
    assert_eq!(report["autumnal_hint"], "2028年9月21〜24日のどれか。年-月-日 の形で");
    let calendar = std::fs::read_to_string(repo().join("content/calendar.toml")).unwrap();
    let line = calendar.lines().position(|l| l.starts_with("2027 = ")).unwrap() + 2;
    assert_eq!(
        report["calendar_error"],
        format!("エラー：content/calendar.toml:{line}: 2028年の春分日が 2028-03-25 になっています。2028年3月19〜22日のどれかのはずです。暦要項を確かめてください")
    );
    assert_eq!(report["calendar_added"], "2028-03-20");
    assert_eq!(report["calendar_next"], "2029 年の行を加える");
    assert_eq!(report["checks_nav_after"], format!("点検（{} 件）", count - 1), "the calendar reaches 2028");

    // 通知の手順: the site's rows, nothing to edit.
    let steps = publish::views::steps_view(onshi::content::repository());
    assert_eq!(report["steps_rows"], steps.len());
    assert_eq!(report["steps_first"], serde_json::json!([steps[0].title, steps[0].when]));
    assert_eq!(report["steps_inputs"], 0);
}

/// Every file under `dir`, by its path (`/`-separated) below it.
fn files_under(dir: &Path, prefix: &str, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = format!("{prefix}{}", entry.file_name().to_str().unwrap());
        if entry.file_type().unwrap().is_dir() {
            files_under(&entry.path(), &format!("{name}/"), out);
        } else {
            out.insert(name, std::fs::read(entry.path()).unwrap());
        }
    }
}

/// The page editor end to end (studio/tests/pages.mjs): a page opened from the page list, shown
/// beside its text as the site shows it (the site's stylesheets loaded in a sandboxed frame), a
/// heading changed and followed by the page before saving, the save changing that heading's
/// line only, a link whose text says nothing reported at the text with the line the build
/// prints; axe-core finds nothing on the editor.
#[test]
#[ignore = "needs Chromium, zip and node_modules; builds the studio (scripts/build-studio)"]
fn staff_edit_a_page_beside_the_page_as_the_site_shows_it() {
    // Built here when missing, or built before the studio carried the site's stylesheets.
    let Run { work, report } = &run_scenario("pages.mjs", "site-assets/site.css", &[]);
    let out = work.join("out");
    assert_eq!(report["failed"], serde_json::json!([]), "every request answered");
    assert_eq!(report["axe"], serde_json::json!([]), "axe-core (WCAG 2.2 AA)");
    let listed = report["listed"].as_array().unwrap();
    assert_eq!(listed.len(), 13, "the thirteen pages of content/pages/: {listed:?}");
    // The frame: sandboxed (no script), the bureau's page with the site's two stylesheets.
    let frame = &report["frame"];
    assert_eq!(frame["sandbox"], "allow-same-origin");
    assert_eq!(frame["bureau"], "北海道厚生局", "a common page in the first bureau's folder");
    let sheets = frame["stylesheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    for (sheet, name) in sheets.iter().zip(["tokens.css", "site.css"]) {
        assert!(sheet["href"].as_str().unwrap().ends_with(&format!("/site-assets/{name}")), "{sheet}");
        assert!(sheet["rules"].as_u64().unwrap() > 0, "{sheet}: its rules loaded");
    }
    assert_eq!(frame["skip_link_hidden"], true, "site.css applies: the skip link is off screen");
    let heading = report["heading_final"].as_str().unwrap();
    assert_eq!(heading, "受付番号は指定のことですかABCDE");
    let times = report["keystroke_to_page_ms"].as_array().unwrap();
    assert_eq!(times.len(), 5);
    assert!(times.iter().all(|t| t.as_f64().unwrap() >= 300.0), "typing must stop first: {times:?}");

    // Saved: faq.md differs from the content in that heading's line only.
    let faq = "content/pages/faq.md";
    let original = std::fs::read_to_string(repo().join(faq)).unwrap();
    let saved = publish::archive::read_content_zip(&std::fs::read(out.join("content.zip")).unwrap()).unwrap();
    let expected = original.replace("## 受付番号は指定ですか\n", &format!("## {heading}\n"));
    assert_ne!(expected, original);
    assert_eq!(String::from_utf8(saved[faq].clone()).unwrap(), expected);
    for (name, bytes) in &saved {
        if name != faq {
            assert!(std::fs::read(repo().join(name)).unwrap() == *bytes, "{name} unchanged");
        }
    }
    // The link typed on the line after the file's last: that line, as the build prints it.
    let line = original.lines().count() + 2;
    assert_eq!(
        report["check_message"].as_str().unwrap(),
        format!("{faq}:{line}: リンクの文字が「こちら」だけでは行き先が分かりません。行き先の名前（例：「〇〇の申請書（PDF）」）にしてください")
    );
    assert_eq!(report["checks"].as_array().unwrap().len(), 1, "{}", report["checks"]);
    assert_eq!(report["frame_after_check"], true, "the page is still shown");
}
