//! The `site` command line as a user runs it: output, exit codes and Japanese errors.

use crate::common::site;
use serde_json::Value;
use std::process::{Command, Output};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(args: &[&str]) -> Value {
    let o = site(args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn step<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["steps"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()
}

#[test]
fn schedule_json_for_an_office() {
    let v = json(&[
        "schedule",
        "--bureau",
        "tokaihokuriku",
        "--office",
        "toyama",
        "--designation",
        "2027-03-01",
        "--today",
        "2026-11-01",
        "--format",
        "json",
    ]);
    assert_eq!(v["bureau"], "tokaihokuriku");
    assert_eq!(v["designation"], "2027-03-01");
    assert_eq!(v["feasible"], true);
    // Requests for December and January designations were due 2026-10-01 and 2026-10-30
    // (11/1 is a Sunday, previous open day); February's is due 2026-12-01.
    assert_eq!(v["earliest_designation"], "2027-02-01");
    assert_eq!(v["steps"].as_array().unwrap().len(), 14);
    let request = step(&v, "reception_request");
    assert_eq!(request["date"], "2026-12-28");
    assert_eq!(request["approximate"], false);
    assert_eq!(request["closed_day"], false);
    assert_eq!(step(&v, "designation_application")["date"], "2027-02-19");
    assert_eq!(step(&v, "online_claim_application")["closed_day"], true);
    assert_eq!(step(&v, "usage_application")["date"], Value::Null);
}

#[test]
fn schedule_without_office_and_with_setup() {
    let v = json(&[
        "schedule",
        "--bureau",
        "tokaihokuriku",
        "--designation",
        "2027-03-01",
        "--setup",
        "2027-02-15",
        "--today",
        "2026-11-01",
        "--format",
        "json",
    ]);
    let application = step(&v, "designation_application");
    assert_eq!(application["date"], Value::Null);
    assert!(application["note"].as_str().unwrap().contains("石川事務所：令和9年2月15日（月）"));
    assert_eq!(step(&v, "usage_application")["date"], "2027-02-05");
    assert_eq!(step(&v, "device_setup")["date"], "2027-02-15");
}

#[test]
fn schedule_text_is_a_japanese_table() {
    let o = site(&["schedule", "--bureau", "shikoku", "--designation", "2027-03-01", "--today", "2026-11-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("四国厚生支局　指定日 令和9年3月1日（月）\n"), "{text}");
    assert!(text.contains("日付") && text.contains("区分") && text.contains("担当") && text.contains("根拠"));
    // 期限 for what must be done by a day, 目安 for the notice's guidelines.
    let row = |title: &str| text.lines().find(|l| l.contains(title) && l.starts_with("令和")).unwrap().to_string();
    assert!(row("⑥ 受付番号を実施機関へ提出").contains("期限"), "{text}");
    assert!(row("① 顔認証付きカードリーダー").contains("目安"), "{text}");
    assert!(!text.contains("期日"), "{text}");
    let row = text.lines().find(|l| l.contains("⑤ 受付番号情報提供依頼書")).unwrap();
    assert!(row.starts_with("令和9年1月4日（月）"), "{row}");
    let row = text.lines().find(|l| l.contains("オンライン請求の利用申請") && l.starts_with("令和")).unwrap();
    assert!(row.contains("閉庁日"), "{row}");
    assert!(text.contains("期限はすべてこれからです"));
    // Every dated step of notice.toml, worded by its nature (the engine's Step::when), at the
    // start of its row: ⑦ 「…ごろから」, a deadline 「…まで」, the designation its day.
    let o = site(&["schedule", "--bureau", "shikoku", "--designation", "2027-03-01", "--setup", "2027-02-15"]);
    let text = stdout(&o);
    let content = onshi::content::repository();
    let schedule = onshi::schedule::compute(&onshi::schedule::ScheduleInput {
        content,
        bureau: content.bureaus.get("shikoku").unwrap(),
        office: None,
        designation: "2027-03-01".parse().unwrap(),
        setup: Some("2027-02-15".parse().unwrap()),
        today: None,
        transitional: false,
    })
    .unwrap();
    let mut worded = 0;
    for step in &schedule.steps {
        let Some(when) = step.when() else { continue };
        let row = text.lines().find(|l| l.contains(&step.title) && l.starts_with("令和")).expect(&step.title);
        assert!(row.starts_with(&format!("{when} ")), "{row}");
        worded += 1;
    }
    assert_eq!(worded, content.notice.steps.iter().filter(|s| s.timing.is_some()).count());
    assert!(text.lines().any(|l| l.contains("ポータルサイト") && l.contains("ごろから")), "{text}");
}

#[test]
fn infeasible_schedule_names_the_earliest_date() {
    let o = site(&["schedule", "--bureau", "tohoku", "--designation", "2027-03-01", "--today", "2027-01-06"]);
    let text = stdout(&o);
    assert!(o.status.success());
    assert!(text.contains("間に合う最も早い指定日は 令和9年4月1日（木）"), "{text}");
}

#[test]
fn holidays_and_closed_days() {
    let o = site(&["holidays", "--from", "2019-04-28", "--to", "2019-05-06"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o).lines().collect::<Vec<_>>(),
        [
            "2019-04-29\t昭和の日",
            "2019-04-30\t国民の休日",
            "2019-05-01\t天皇の即位の日",
            "2019-05-02\t国民の休日",
            "2019-05-03\t憲法記念日",
            "2019-05-04\tみどりの日",
            "2019-05-05\tこどもの日",
            "2019-05-06\t振替休日",
        ]
    );
    let o = site(&["holidays", "--from", "2030-03-01", "--to", "2030-03-31"]);
    assert_eq!(stdout(&o), "2030-03-20\t春分の日（暫定）\n");
    let o = site(&["closed-days", "--from", "2026-12-28", "--to", "2027-01-04"]);
    assert_eq!(
        stdout(&o).lines().collect::<Vec<_>>(),
        [
            "2026-12-29\t年末年始の休日",
            "2026-12-30\t年末年始の休日",
            "2026-12-31\t年末年始の休日",
            "2027-01-01\t元日",
            "2027-01-02\t年末年始の休日",
            "2027-01-03\t年末年始の休日",
        ]
    );
}

#[test]
fn bureaus_lists_all_eight_with_rules() {
    let o = site(&["bureaus"]);
    let text = stdout(&o);
    for name in [
        "北海道厚生局",
        "東北厚生局",
        "関東信越厚生局",
        "東海北陸厚生局",
        "近畿厚生局",
        "中国四国厚生局",
        "四国厚生支局",
        "九州厚生局",
    ] {
        assert!(text.contains(name), "{name}");
    }
    assert!(text.contains("指定月の前々月の1日（閉庁日なら前の開庁日）"));
    assert!(text.contains("所在地：未確認"));
    let v = json(&["bureaus", "--format", "json"]);
    assert_eq!(v.as_array().unwrap().len(), 8);
    assert_eq!(v[3]["offices"][0]["reception_request"]["rule"]["day"], 1);
    assert_eq!(v[0]["offices"][0]["phone"], "unknown");
}

#[test]
fn bad_input_exits_2_with_a_japanese_message_naming_the_argument() {
    let cases: &[(&[&str], &str)] = &[
        (&["schedule", "--bureau", "osaka", "--designation", "2027-03-01"], "--bureau の「osaka」という局はありません"),
        (
            &["schedule", "--bureau", "tohoku", "--designation", "2027-02-30"],
            "--designation の「2027-02-30」は存在しない日付です",
        ),
        (
            &["schedule", "--bureau", "tohoku", "--designation", "2027-03-15"],
            "--designation：指定日 2027-03-15 は月の1日ではありません",
        ),
        (&["schedule", "--bureau", "tohoku", "--designation", "27-3-1"], "YYYY-MM-DD"),
        (
            &["schedule", "--bureau", "tohoku", "--office", "toyama", "--designation", "2027-03-01"],
            "--office の「toyama」は 東北厚生局 の事務所ではありません",
        ),
        (&["schedule", "--bureau", "tohoku"], "--designation がありません"),
        (
            &["schedule", "--bureau", "tohoku", "--designation", "2027-03-01", "--format", "xml"],
            "--format の「xml」は使えません",
        ),
        (&["holidays", "--from", "1948-07-19", "--to", "1949-01-01"], "1948-07-20 から 2099-12-31"),
        (&["closed-days", "--from", "2099-12-01", "--to", "2100-01-31"], "--to の「2100-01-31」は対応範囲の外です"),
        (
            &["holidays", "--from", "2027-02-01", "--to", "2027-01-01"],
            "--from（2027-02-01）が --to（2027-01-01）より後です",
        ),
        (&["holidays", "--year", "2027"], "「--year」は使えません"),
        (&["calendar"], "「calendar」というコマンドはありません"),
        (&["server-config", "--server", "iis"], "--server の「iis」は使えません。nginx、apache のどれか"),
        (&["server-config"], "--server がありません"),
    ];
    for (args, expected) in cases {
        let o = site(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?} printed {}", stdout(&o));
        let err = stderr(&o);
        assert!(err.starts_with("エラー："), "{err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    crate::common::temp(&format!("cli-{name}"))
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

const EXAMPLE_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/example-application.json");

#[test]
fn form_writes_the_filled_pdfs() {
    let dir = temp_dir("filled");
    let o = site(&["form", "--input", EXAMPLE_FILE, "--out-dir", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files_in(&dir), ["plan.pdf", "request-dental.pdf", "request-medical.pdf"]);
    let printed = stdout(&o);
    assert_eq!(printed.lines().count(), 3, "{printed}");
    assert!(printed.contains("request-medical.pdf\t") && printed.contains(" KB"), "{printed}");
}

#[test]
fn form_blank_for_a_bureau() {
    let dir = temp_dir("blank");
    let o = site(&["form", "--blank", "--bureau", "kyushu", "--out-dir", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files_in(&dir), ["plan.pdf", "request.pdf"]);
    let o = site(&["form", "--blank", "--bureau", "okinawa", "--out-dir", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--bureau の「okinawa」という局はありません"));
}

#[test]
fn form_refuses_bad_input_and_writes_nothing() {
    let src = std::fs::read_to_string(EXAMPLE_FILE).unwrap();
    let dir = temp_dir("bad");
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        (
            src.replace("\"2027-04-01\"", "\"2027-04-31\"").replace("\"1000013\"", "\"10000\""),
            vec![
                "・指定希望日：2027年4月31日は存在しない日付です。",
                "（designation_date）",
                "（founder.postal_code）",
                "（plan.practice_start）",
                "（3件）",
            ],
        ),
        (
            src.replace("資格 花子", "資格 𪚲子"),
            vec!["「𪚲」（U+2A6B2）は用紙の字体にないため印刷できません", "（founder.name）"],
        ),
        (
            src.replace("\"version\": 2", "\"version\": 3"),
            vec!["この版（3）のファイルは読めません。読める版は 1、2 です。"],
        ),
        ("{ not json".to_string(), vec!["JSON として読めません"]),
    ];
    for (i, (json, expected)) in cases.iter().enumerate() {
        let input = dir.join(format!("input-{i}.json"));
        std::fs::write(&input, json).unwrap();
        let out = dir.join(format!("out-{i}"));
        let o = site(&["form", "--input", input.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "case {i}");
        let err = stderr(&o);
        for e in expected {
            assert!(err.contains(e), "case {i}: {e} not in {err}");
        }
        assert!(o.stdout.is_empty());
        assert!(!out.exists(), "case {i}: nothing written, not even the folder");
    }
    // An existing folder gets no new file either.
    let out = dir.join("existing");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "x").unwrap();
    let input = dir.join("input-1.json");
    let o = site(&["form", "--input", input.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(files_in(&out), ["keep.txt"]);
    let o = site(&["form", "--input", "/nonexistent/app.json", "--out-dir", out.to_str().unwrap()]);
    assert!(stderr(&o).contains("--input の「/nonexistent/app.json」を読めません"));
}

#[test]
fn form_prints_warnings_and_still_writes() {
    let src = std::fs::read_to_string(EXAMPLE_FILE).unwrap();
    let dir = temp_dir("warn");
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("input.json");
    std::fs::write(&input, src.replace("\"practice_start\": \"2027-04-01\"", "\"practice_start\": \"2027-04-05\""))
        .unwrap();
    let o = site(&["form", "--input", input.to_str().unwrap(), "--out-dir", dir.join("out").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("注意：⑬ 診療・調剤開始（予定）日：指定希望日（2027年4月1日）と違います"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files_in(&dir.join("out")).len(), 3);
}

#[test]
fn form_read_gives_back_the_application_file() {
    let dir = temp_dir("read");
    let o = site(&["form", "--input", EXAMPLE_FILE, "--out-dir", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(EXAMPLE_FILE).unwrap();
    let app = onshi::application::load(&text, onshi::content::repository()).unwrap().application;
    let expected: Value = serde_json::from_str(&onshi::pdf::application_file(&app)).unwrap();
    for name in ["plan.pdf", "request-medical.pdf", "request-dental.pdf"] {
        let v = json(&["form", "--read", dir.join(name).to_str().unwrap()]);
        assert_eq!(v, expected, "{name}");
    }
    // What it prints is an application file `site form --input` takes.
    let o = site(&["form", "--read", dir.join("plan.pdf").to_str().unwrap()]);
    let again = dir.join("again.json");
    std::fs::write(&again, &o.stdout).unwrap();
    let o = site(&["form", "--input", again.to_str().unwrap(), "--out-dir", dir.join("again").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(dir.join("again/plan.pdf")).unwrap(), std::fs::read(dir.join("plan.pdf")).unwrap());

    // A blank form, a file that is not a PDF, a damaged PDF, a missing file: exit 2, named.
    let blank = dir.join("blank");
    let o = site(&["form", "--blank", "--bureau", "kyushu", "--out-dir", blank.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let damaged = dir.join("damaged.pdf");
    std::fs::write(&damaged, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog").unwrap();
    let cases = [
        (blank.join("plan.pdf"), "この PDF には申請ファイルが入っていません"),
        (std::path::PathBuf::from(EXAMPLE_FILE), "PDF ではありません"),
        (damaged, "PDF として読めません"),
        (dir.join("nonexistent.pdf"), "を読めません"),
    ];
    for (path, expected) in cases {
        let path = path.to_str().unwrap();
        let o = site(&["form", "--read", path]);
        assert_eq!(o.status.code(), Some(2), "{path}");
        let err = stderr(&o);
        assert!(
            err.starts_with("エラー：") && err.contains(expected) && err.contains(&format!("「{path}」")),
            "{path}: {err}"
        );
        assert!(o.stdout.is_empty());
    }
}

#[test]
#[ignore = "needs python icalendar (scripts/test installs it)"]
fn schedule_as_calendar_and_timeline() {
    let args = ["schedule", "--bureau", "tohoku", "--designation", "2027-03-01", "--today", "2026-11-01", "--format"];
    let o = site(&[&args[..], &["ics"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let ics = stdout(&o);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20270105\r\n"), "東北's 受付番号 deadline");
    let o = site(&[&args[..], &["svg"]].concat());
    let svg = stdout(&o);
    // Well-formed XML, checked by Python's parser.
    let check = Command::new("python3")
        .args(["-c", "import sys, xml.etree.ElementTree as E; r = E.fromstring(sys.argv[1]); print(len(r.findall('{http://www.w3.org/2000/svg}circle')))", &svg])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let v = json(&[&args[..], &["json"]].concat());
    let dated = v["steps"].as_array().unwrap().iter().filter(|s| !s["date"].is_null()).count();
    assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), dated.to_string());
}

/// A copy of the repository's content in a temporary folder, for edits.
fn content_copy(name: &str) -> std::path::PathBuf {
    crate::common::content_copy(&crate::common::temp(&format!("cli-content-{name}")))
}

#[test]
fn every_command_reads_the_content_under_root() {
    // 東北's 受付番号 day from 5 to 8 (issue: the wizard and the CLI kept the compiled-in 5).
    let root = content_copy("root");
    let file = root.join("content/bureaus/tohoku.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("day = 5,"), "the rule as expected");
    std::fs::write(&file, text.replacen("day = 5,", "day = 8,", 1)).unwrap();
    let args =
        ["schedule", "--bureau", "tohoku", "--designation", "2027-03-01", "--today", "2026-11-01", "--format", "json"];
    let v = json(&args);
    assert_eq!(step(&v, "reception_request")["date"], "2027-01-05");
    let mut with_root = args.to_vec();
    with_root.extend(["--root", root.to_str().unwrap()]);
    let v = json(&with_root);
    assert_eq!(step(&v, "reception_request")["date"], "2027-01-08");
    // A mistake in the copy: Japanese, with the file and line, exit 2.
    std::fs::write(&file, text.replacen("closed_day = \"next_open_day\"", "closed_day = \"next_opn_day\"", 1)).unwrap();
    let o = site(&with_root);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("content/bureaus/tohoku.toml:") && err.contains("next_opn_day") && err.contains("使える値"),
        "{err}"
    );
    assert!(!err.contains("unknown variant"), "{err}");
    // Without content in the current folder: a clear message.
    let o = Command::new(env!("CARGO_BIN_EXE_site"))
        .current_dir(std::env::temp_dir())
        .args(["holidays", "--from", "2027-01-01", "--to", "2027-01-31"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("content フォルダがありません"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn calendar_facts_are_content() {
    // Publishing 2028's equinoxes in content/calendar.toml removes （暫定）.
    let root = content_copy("calendar");
    let args = ["holidays", "--from", "2028-03-01", "--to", "2028-03-31", "--root", root.to_str().unwrap()];
    let o = site(&args);
    assert_eq!(stdout(&o), "2028-03-20\t春分の日（暫定）\n");
    let file = root.join("content/calendar.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = "2027 = { vernal = 2027-03-21, autumnal = 2027-09-23 }\n";
    std::fs::write(
        &file,
        text.replace(line, &format!("{line}2028 = {{ vernal = 2028-03-20, autumnal = 2028-09-22 }}\n")),
    )
    .unwrap();
    let o = site(&args);
    assert_eq!(stdout(&o), "2028-03-20\t春分の日\n");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn honest_feasibility_and_transitional() {
    // 近畿 (rules unknown), designation 2027-03-01: today 2027-01-10 is past the 目安 but not the
    // bureau's reply date (2027-01-12): null with a reason; on 2027-01-13: false.
    let at = |today: &str| {
        json(&["schedule", "--bureau", "kinki", "--designation", "2027-03-01", "--today", today, "--format", "json"])
    };
    let v = at("2027-01-10");
    assert_eq!(v["feasible"], Value::Null);
    assert!(v["feasibility_note"].as_str().unwrap().contains("未確認"));
    let v = at("2027-01-13");
    assert_eq!(v["feasible"], false);
    assert_eq!(v["earliest_designation"], "2027-04-01");
    let o = site(&["schedule", "--bureau", "kinki", "--designation", "2027-03-01", "--today", "2027-01-10"]);
    assert!(!stdout(&o).contains("期限はすべてこれからです"), "{}", stdout(&o));
    assert!(stdout(&o).contains("間に合うかどうか分かりません"), "{}", stdout(&o));
    // 経過措置: the 指定申請 carries the 猶予届出書, not 別紙2.
    let v =
        json(&["schedule", "--bureau", "shikoku", "--designation", "2027-03-01", "--transitional", "--format", "json"]);
    assert_eq!(v["transitional"], true);
    assert!(step(&v, "designation_application")["title"].as_str().unwrap().contains("猶予届出書"));
    // Out of range.
    let o = site(&["schedule", "--bureau", "kinki", "--designation", "2207-04-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--designation") && stderr(&o).contains("2099"), "{}", stderr(&o));
}

#[test]
fn check_reports_unknown_stale_and_past_months_with_file_and_line() {
    let root = content_copy("check");
    // A published date for a month already past (2026-10) and one still ahead (2027-03).
    let file = root.join("content/bureaus/tohoku.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let rule = "rule = { month_offset = -2, day = 5, closed_day = \"next_open_day\" }";
    assert!(text.contains(rule));
    std::fs::write(
        &file,
        text.replacen(
            rule,
            &format!("{rule}\noverrides = {{ \"2026-10\" = 2026-08-05, \"2027-03\" = 2027-01-05 }}"),
            1,
        ),
    )
    .unwrap();
    let line_of =
        |needle: &str| std::fs::read_to_string(&file).unwrap().lines().position(|l| l.starts_with(needle)).unwrap() + 1;
    let o = site(&["check", "--today", "2026-12-01", "--root", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "something needs action");
    let out = stdout(&o);
    // Unknown: 東北's 指定申請 rule.
    let unknown = format!(
        "content/bureaus/tohoku.toml:{}: designation_application.rule が \"unknown\"",
        line_of("rule = \"unknown\"")
    );
    assert!(out.contains(&unknown), "{unknown} in {out}");
    // Stale: 東北's page of 2024-02-29 is more than two years before 2026-12-01.
    let stale = format!(
        "content/bureaus/tohoku.toml:{}: reception_request.source は 令和6年2月29日 の掲載で、2年以上前です",
        line_of("source = { url = \"https://kouseikyoku.mhlw.go.jp/tohoku/shinsei")
    );
    assert!(out.contains(&stale), "{stale} in {out}");
    // Past month: 2026-10 only.
    let past = format!(
        "content/bureaus/tohoku.toml:{}: reception_request.overrides に過ぎた指定月（2026-10）があります",
        line_of("overrides")
    );
    assert!(out.contains(&past), "{past} in {out}");
    assert!(out.contains("対応が必要な事項："), "{out}");
    assert!(out.contains("少なくとも毎月、作り直して公開してください") && out.contains("cron"), "{out}");
    // The calendar runs out when the tables reach a year without published equinoxes.
    let o = site(&["check", "--today", "2026-06-01", "--root", root.to_str().unwrap()]);
    assert!(stdout(&o).contains("content/calendar.toml:"), "{}", stdout(&o));
    assert!(stdout(&o).contains("2028 年の行を加えてください"));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn check_lists_every_rule_read_from_the_bureaus_words_with_its_page() {
    let root = crate::common::repo();
    let o = site(&["check", "--today", "2026-12-01", "--root", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "something needs action");
    let out = stdout(&o);
    // 北海道's 指定申請 and the five 東海北陸 offices' (愛知's is unknown): each `inferred` line.
    let mut expected = Vec::new();
    for (id, url) in [
        ("hokkaido", "https://kouseikyoku.mhlw.go.jp/hokkaido/newpage_00140.html"),
        ("tokaihokuriku", "https://kouseikyoku.mhlw.go.jp/tokaihokuriku/iryo_shido/shitei-kisai/tetsudukinagare.html"),
    ] {
        let file = format!("content/bureaus/{id}.toml");
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        for (i, line) in text.lines().enumerate().filter(|(_, l)| l.starts_with("inferred = ")) {
            let reading = line.trim_start_matches("inferred = ").trim_matches('"');
            expected.push((format!("{file}:{}: ", i + 1), reading.to_string(), url));
        }
    }
    assert_eq!(expected.len(), 6, "{expected:?}");
    for (at, reading, url) in &expected {
        let listed = out.lines().find(|l| l.starts_with(at.as_str())).unwrap_or_else(|| panic!("{at} in {out}"));
        assert!(listed.contains("designation_application.inferred："), "{listed}");
        assert!(listed.contains(reading.as_str()), "{listed}");
        assert!(listed.contains(&format!("局のページ（{url}）と局に確かめ")), "{listed}");
        assert!(listed.contains("inferred の行を消してください"), "{listed}");
    }
    assert!(out.contains("office.toyama.designation_application.inferred："), "{out}");
    assert!(!out.contains("office.shido_kansa.designation_application.inferred"), "{out}");
    assert!(out.contains("、読み取り 6）"), "{out}");
}

/// docs/developers.md shows what `site help` prints (the block after `<!-- site help -->` in "The
/// command line"), and the examples of README.md and docs/*.md use only commands and options that
/// `site help` lists for them.
#[test]
fn readme_shows_what_site_help_prints() {
    let o = site(&["help"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let help = stdout(&o);
    let doc_path = crate::common::repo().join("docs/developers.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap();
    let marker = "<!-- site help -->\n```text\n";
    let start =
        doc.find(marker).expect("docs/developers.md has `<!-- site help -->` and a ```text block") + marker.len();
    let end = start + doc[start..].find("```\n").expect("the block after <!-- site help --> ends");
    if doc[start..end] != help {
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(&doc_path, format!("{}{help}{}", &doc[..start], &doc[end..])).unwrap();
        } else {
            panic!(
                "docs/developers.md: the block after <!-- site help --> is not what `site help` prints; \
                 rewrite it with `UPDATE_README=1 cargo test -p site --test it -- cli::readme`. `site help`:\n{help}"
            );
        }
    }
    let mut docs = vec![crate::common::repo().join("README.md")];
    for entry in std::fs::read_dir(crate::common::repo().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            docs.push(path);
        }
    }
    docs.sort();
    for path in &docs {
        let name = path.strip_prefix(crate::common::repo()).unwrap().display().to_string();
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let Some(args) = line.split("cargo run -p site -- ").nth(1).or_else(|| line.split("./site ").nth(1)) else {
                continue;
            };
            let args = args.split('`').next().unwrap();
            let command = args.split_whitespace().next().unwrap_or_default();
            let usage: Vec<&str> =
                help.lines().filter(|l| l.trim_start().starts_with(&format!("site {command} "))).collect();
            assert!(!usage.is_empty(), "{name}: `{line}`: `site help` has no command {command}");
            for option in args.split_whitespace().map(|w| w.trim_matches(['[', ']'])).filter(|w| w.starts_with("--")) {
                assert!(
                    usage.iter().any(|u| u.split_whitespace().any(|w| w.trim_matches(['[', ']']) == option)),
                    "{name}: `{line}`: `site help` lists no {option} for {command}"
                );
            }
        }
    }
}
