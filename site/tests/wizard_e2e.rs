//! The wizard end to end, in Debian's headless Chromium (site/tests/browser/wizard.mjs drives it
//! by label): the timeline against `site schedule --format json` for the same input, the
//! calendar, the PDFs (pdftotext), the saved application file and loading it back, bad input
//! with the error summary taking the focus, axe-core on every step, no other host contacted.
//! Needs the wizard built by scripts/build-wizard (scripts/test runs it).

use crate::common::{content_copy, repo, site};
use onshi::era::format_era_date_weekday;
use serde_json::Value;
use std::process::Command;

fn pdftotext(path: &str) -> String {
    let out = Command::new("pdftotext").args(["-raw", path, "-"]).output().expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
#[ignore = "needs Chromium, poppler-utils and the built wizard (scripts/test installs and builds them)"]
fn the_wizard_as_a_person_uses_it() {
    let dist = repo().join("target/wizard-dist");
    assert!(dist.join("index.html").is_file(), "ウィザードが作られていません。scripts/build-wizard を実行してください");
    let work = crate::common::temp("wizard");
    // The site is built from a copy of the content in which 東海北陸's 受付番号 rule says the
    // 6th instead of the 1st: the wizard (built before this edit) must show the edited date.
    let root = content_copy(&work.join("root"));
    let bureau_file = root.join("content/bureaus/tokaihokuriku.toml");
    let text = std::fs::read_to_string(&bureau_file).unwrap();
    let edited = text.replacen(
        "rule = { month_offset = -2, day = 1, closed_day = \"previous_open_day\" }",
        "rule = { month_offset = -2, day = 6, closed_day = \"previous_open_day\" }",
        1,
    );
    assert_ne!(edited, text, "the rule to edit is in the file");
    std::fs::write(&bureau_file, edited).unwrap();
    let out = work.join("site");
    let root_arg = root.to_str().unwrap();
    let o = site(&[
        "build",
        "--root",
        root_arg,
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2026-11-01",
        "--wizard",
        dist.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // One service-worker cache per build: the version is written into sw.js.
    let sw = std::fs::read_to_string(out.join("tohoku/wizard/sw.js")).unwrap();
    let version = sw.split("const CACHE = 'onshi-wizard-").nth(1).map(|v| &v[..16]).expect("a versioned cache");
    assert!(version.bytes().all(|b| b.is_ascii_hexdigit()), "{version}");
    assert!(!sw.contains("ignoreSearch"));
    for id in ["hokkaido", "tokaihokuriku", "kyushu"] {
        let html = std::fs::read_to_string(out.join(id).join("wizard/index.html")).unwrap();
        assert!(html.contains(&format!(r#"<meta name="onshi-bureau" content="{id}">"#)));
        assert!(!html.contains("<script type=\"module\">"), "no inline script: {html}");
        assert!(html.contains("<noscript>") && html.contains("../forms/") && html.contains("../deadlines/"));
        // The home, deadline and forms pages lead to it with one button; every page's
        // navigation has it (the links resolve: the build checks every link).
        for (page, href) in [
            ("index.html", "wizard/"),
            ("deadlines/index.html", "..&#x2f;wizard/"),
            ("forms/index.html", "..&#x2f;wizard/"),
        ] {
            let html = std::fs::read_to_string(out.join(id).join(page)).unwrap();
            let button = format!("<a class=\"start-button\" href=\"{href}\">自分の期限を計算し、書類を作る</a>");
            assert!(html.contains(&button), "{id}/{page}");
            assert!(
                html.contains(&format!("<li><a href=\"{href}\">自分の期限と書類</a></li>")),
                "{id}/{page}: navigation"
            );
        }
        let faq = std::fs::read_to_string(out.join(id).join("faq/index.html")).unwrap();
        assert!(
            !faq.contains("start-button") && faq.contains(">自分の期限と書類</a>"),
            "{id}: the button only where asked"
        );
    }

    let node = Command::new("node")
        .arg(repo().join("site/tests/browser/wizard.mjs"))
        .arg(&out)
        .arg(work.join("run"))
        .output()
        .expect("node");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(work.join("run/report.json")).unwrap_or_else(|_| {
            panic!("no report: {}{}", String::from_utf8_lossy(&node.stdout), String::from_utf8_lossy(&node.stderr))
        }))
        .unwrap();
    assert!(node.status.success() && report["errors"].as_array().unwrap().is_empty(), "{report:#}");
    assert!(report["axe"].as_array().unwrap().is_empty(), "axe: {:#}", report["axe"]);
    assert!(report["other_hosts"].as_array().unwrap().is_empty(), "{:#}", report["other_hosts"]);
    assert!(report["console_errors"].as_array().unwrap().is_empty(), "{:#}", report["console_errors"]);
    // The first load does not fetch the PDF code or the font.
    let first: Vec<&str> = report["first_load_requests"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        first.iter().all(|r| !r.contains("pdf_worker") && !r.contains("pdf_reader") && !r.ends_with(".ttf")),
        "{first:?}"
    );

    // Bad input: the summary has the focus and says what to fix.
    assert!(report["kind_error"].as_str().unwrap().contains("種類を選んでください"), "{}", report["kind_error"]);
    assert!(
        report["date_error"].as_str().unwrap().contains("2027年2月30日は存在しない日付です"),
        "{}",
        report["date_error"]
    );

    assert_eq!(report["out_of_scope"], "この手続の対象外です", "遡及指定");
    assert_eq!(report["back_button"]["heading"], "指定を受ける日", "the browser's back button");
    assert_eq!(report["back_button"]["year"], "2027", "answers kept");
    assert!(
        report["after_reload_timeline"].as_u64().unwrap() > 10,
        "a reload keeps the answers: {}",
        report["after_reload_timeline"]
    );

    // The timeline shows the dates the command line computes for the same input and content.
    let cli = site(&[
        "schedule",
        "--root",
        root_arg,
        "--bureau",
        "tokaihokuriku",
        "--office",
        "toyama",
        "--designation",
        "2027-03-01",
        "--setup",
        "2027-02-15",
        "--today",
        "2026-11-01",
        "--format",
        "json",
    ]);
    let expected: Value = serde_json::from_slice(&cli.stdout).unwrap();
    // The edit reached the command line (2027-01-06, not the repository's 2026-12-28)…
    let request = expected["steps"].as_array().unwrap().iter().find(|s| s["id"] == "reception_request").unwrap();
    assert_eq!(request["date"], "2027-01-06");
    // …the deadline table…
    let table = std::fs::read_to_string(out.join("tokaihokuriku/deadlines/index.html")).unwrap();
    assert!(table.contains("<time datetime=\"2027-01-06\">令和9年1月6日（水）</time>"));
    // …and the wizard in the browser (the rows below are what it showed).
    // After the PDFs: what to hand in, to whom, by when, how; then the portal.
    let checklist = report["checklist"].as_str().unwrap();
    for said in [
        "受付番号情報提供依頼書兼回答書（別紙1・医科）",
        "受付番号情報提供依頼書兼回答書（別紙1・歯科）",
        "令和9年1月6日（水）まで",
        "持参または郵送",
        "導入計画書（別紙2）",
        "0800-0804583",
        "https://iryohokenjyoho.service-now.com/csm",
    ] {
        assert!(checklist.contains(said), "{said}: {checklist}");
    }
    // The start page: before the program, what it does, what to have ready, that nothing leaves
    // the browser, how long it takes; then 手順 1 / N.
    let start = report["start_page"]["text"].as_str().unwrap();
    for said in ["用意するもの", "どこにも送信しません", "10〜15分"] {
        assert!(start.contains(said), "{said}: {start}");
    }
    assert_eq!(report["progress"], "手順 1 / 10");
    // Whose it is, before any script: the bureau's name in the title and the header, a way back.
    assert_eq!(report["start_page"]["title"], "オンライン資格確認の手続と書類の作成｜東海北陸厚生局");
    assert_eq!(report["start_page"]["bureau"], "東海北陸厚生局");
    assert_eq!(report["start_page"]["guidance"], "../");
    // 「保存したファイルから続ける」 on the start page: the check page with the file's answers.
    let from_start = &report["start_file"];
    assert_eq!(from_start["heading"], "入力内容の確認", "{from_start:#}");
    assert_eq!(from_start["start_page_gone"], true);
    assert!(from_start["text"].as_str().unwrap().contains("株式会社オン資システム"), "{from_start:#}");
    // A name too long for its box is refused on the request page, not at the PDF step.
    let too_long = report["too_long"].as_str().unwrap();
    assert!(
        too_long.contains("200文字あり、用紙の欄に収まりません") && too_long.contains("全角でおよそ"),
        "{too_long}"
    );
    // The check page: labels and normalised values, as printed.
    let check = report["check_text"].as_str().unwrap();
    for shown in [
        "医科歯科併設",
        "イ 契約済み",
        "ウ 見積もり中",
        "IP-VPN",
        "未実施",
        "〒930-0008",
        "076-123-4567",
        "タカサキ ハナコ",
        // Typed half-width and as NFD (ハ + U+309A): shown as the forms print it.
        "オンシ クリニック パーク",
        "1月",
    ] {
        assert!(check.contains(shown), "{shown} on the check page: {check}");
    }
    for raw in
        ["medical_dental", "contracted", "quoting", "ip_vpn", "０７６（１２３）４５６７", "たかさき はなこ", "ｵﾝｼ"]
    {
        assert!(!check.contains(raw), "{raw} shown raw: {check}");
    }
    assert_eq!(report["change_link_focus"], "contact_phone", "the 変更 link lands on its field");
    // A file with an unknown key, two bureaus in one tab, offline before the first PDF.
    assert!(report["unknown_key"].as_str().unwrap().contains("facility.nmae"), "{}", report["unknown_key"]);
    assert_eq!(report["other_bureau"]["facility_name"], "", "{}", report["other_bureau"]);
    let offline = report["offline_first_pdf"].as_str().unwrap();
    assert!(offline.contains("インターネットにつながっていない"), "{offline}");
    assert_eq!(report["after_network_back"], true);
    let missing = report["content_missing"].as_str().unwrap();
    assert!(
        missing.contains("内容のデータ") && missing.contains(".bin") && missing.contains("読み込み直して"),
        "{missing}"
    );
    let transitional = report["transitional_timeline"].as_array().unwrap();
    assert!(
        transitional.iter().any(|r| r.as_str().unwrap().contains("猶予届出書を添付、別紙2 は不要")),
        "経過措置: {transitional:?}"
    );
    let rows = report["timeline"].as_array().unwrap();
    assert!(rows.iter().any(|r| r[0].as_str().unwrap().starts_with("令和9年1月6日（水）")), "{rows:?}");
    // The wizard lists the steps in date order (undated last), as people read them.
    let mut steps: Vec<&Value> = expected["steps"].as_array().unwrap().iter().collect();
    steps.sort_by_key(|s| (s["date"].is_null(), s["date"].as_str().unwrap_or("").to_string()));
    assert_eq!(rows.len(), steps.len());
    // First what to do now: on 2026-11-01, ① (目安 2026-12-01), 30 days left.
    let next = report["next_action"].as_str().unwrap();
    assert!(
        next.contains("次にすること") && next.contains("① 顔認証付きカードリーダー") && next.contains("あと 30 日"),
        "{next}"
    );
    // 第1 1(2) and 第3(2): 2027-01-10 is a Sunday and 01-11 成人の日, so the reply may be mailed
    // on Tue 01-12 and ⑥ is due Fri 01-15: three days, shown with the page on how to submit.
    let window = &report["reply_window"];
    let text = window["text"].as_str().unwrap();
    assert!(text.contains("令和9年1月12日（火）") && text.contains("3日しかありません"), "{text}");
    assert!(text.contains("令和9年1月13日（水） になっても回答書が届かないときは"), "{text}");
    assert_eq!(window["link"], "https://www.iryohokenjyoho-portalsite.jp/news/dype.html");
    let svg_text = report["timeline_svg_today"].as_str().unwrap();
    assert!(svg_text.contains("今日 令和8年11月1日"), "{svg_text}");
    for (row, step) in rows.iter().zip(&steps) {
        let shown_date = row[0].as_str().unwrap();
        match step["date"].as_str() {
            Some(d) => {
                assert!(shown_date.starts_with(&format_era_date_weekday(d.parse().unwrap())), "{step:#} vs {row}")
            }
            None => assert!(shown_date.starts_with("下記"), "{row}"),
        }
        assert!(row[1].as_str().unwrap().starts_with(step["title"].as_str().unwrap()), "{row}");
    }
    // Each date in the words of its nature (the engine's Step::when: 「…まで」, 「…ごろから」, …).
    let content = onshi::content::load(&root).unwrap();
    let bureau = content.bureaus.get("tokaihokuriku").unwrap();
    let native = onshi::schedule::compute(&onshi::schedule::ScheduleInput {
        content: &content,
        bureau,
        office: bureau.office("toyama"),
        designation: "2027-03-01".parse().unwrap(),
        setup: Some("2027-02-15".parse().unwrap()),
        today: Some("2026-11-01".parse().unwrap()),
        transitional: false,
    })
    .unwrap();
    for step in &native.steps {
        let Some(when) = step.when() else { continue };
        let row = rows.iter().find(|r| r[1].as_str().unwrap().starts_with(&step.title)).expect(&step.title);
        assert!(row[0].as_str().unwrap().starts_with(&when), "{when}: {row}");
    }
    assert!(rows.iter().any(|r| r[0].as_str().unwrap().contains("ごろから")), "⑦: {rows:?}");
    let dated = steps.iter().filter(|s| !s["date"].is_null()).count();
    assert_eq!(report["timeline_svg_circles"], dated);
    let ics = std::fs::read_to_string(report["downloads"]["ics"].as_str().unwrap()).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), dated);

    // The saved application file is v2 and what was typed (lenient input kept as typed).
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(report["downloads"]["application"].as_str().unwrap()).unwrap())
            .unwrap();
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["prefecture"], "富山県", "the prefecture the user chose");
    assert_eq!(saved["bureau"], "tokaihokuriku");
    assert_eq!(saved["facility_kind"], "medical_dental");
    assert_eq!(saved["reply_to"]["postal_code"], "９３０－０００８");
    let checked =
        onshi::application::load(&saved.to_string(), onshi::content::repository()).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(checked.application.reply_to.postal_code, "930-0008");
    assert!(report["after_load"]["text"].as_str().unwrap().contains("株式会社オン資システム"));
    assert!(report["version_message"].as_str().unwrap().contains("読める版は 1、2"));
    assert_eq!(report["still_loaded"], true, "a refused file keeps what was there");
    // The PDF it made carries the application: read back from the start page, the check page
    // shows the same answers as the saved file did; a blank form has none and is refused.
    assert_eq!(report["from_pdf"]["heading"], "入力内容の確認", "{:#}", report["from_pdf"]);
    let check_from_pdf = report["from_pdf"]["text"].as_str().unwrap();
    for shown in ["株式会社オン資システム", "タカサキ ハナコ", "〒930-0008", "イ 契約済み"] {
        assert!(check_from_pdf.contains(shown), "{shown}: {check_from_pdf}");
    }
    let blank = report["blank_pdf"].as_str().unwrap();
    assert!(blank.contains("request.pdf") && !blank.contains("読み込みました"), "{blank}");
    assert_eq!(report["offline_pdfs"], true, "offline once loaded");

    // The PDFs, made in the browser by the library's code.
    for (key, expected) in [
        (
            "medical",
            vec![
                "富山事務所",
                "東海北陸厚生局 御中",
                "<script>alert(1)</script>クリニック",
                "医療法人社団さくら会 理事長 髙﨑 花子",
                "076-123-4567",
                "令和 9 年 3 月 1 日",
            ],
        ),
        ("dental", vec!["東海北陸厚生局 御中", "〒930-0008"]),
        ("plan", vec!["タカサキ ハナコ", "イ 契約済み（1月整備予定）", "ウ 見積もり中", "西暦 2027 年 2 月 25 日"]),
    ] {
        let text = pdftotext(report["downloads"][key].as_str().unwrap());
        for e in expected.iter().filter(|e| **e != "富山事務所") {
            assert!(text.contains(e), "{key}: 「{e}」 not in {text}");
        }
    }
    eprintln!("wizard: time to interactive {} ms, both PDFs {} ms", report["time_to_interactive_ms"], report["pdf_ms"]);
}
