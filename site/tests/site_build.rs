//! `site build` as staff and visitors meet it: the eight folders, each working alone at any
//! path, the deadline tables against the bureaus' rules, the strict build, the build's checks,
//! and every page through the W3C Nu checker (installed by scripts/setup). axe-core runs on
//! every page in each browser engine (site/tests/engines.rs).

use crate::common::{repo, site, BUREAUS};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn temp(name: &str) -> PathBuf {
    crate::common::temp(&format!("site-{name}"))
}

/// The real content, built once with a fixed "today" (and `--timings`), and what it printed.
fn build_once() -> &'static (PathBuf, String) {
    static OUT: OnceLock<(PathBuf, String)> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp("built");
        let o = site(&[
            "build",
            "--out",
            out.to_str().unwrap(),
            "--today",
            "2026-11-01",
            "--base-url",
            "https://example.org/onshi/",
            "--timings",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        // Not a terminal: no progress line.
        assert_eq!(String::from_utf8_lossy(&o.stderr), "", "quiet when standard error is not a terminal");
        (out, String::from_utf8(o.stdout).unwrap())
    })
}

/// On a terminal (util-linux's `script` gives the build one), one line on standard error tells
/// each phase as it comes, each drawn over the last, and is cleared before the report.
#[test]
fn a_terminal_sees_the_phases_go_by() {
    let out = temp("on-a-terminal");
    let command = format!("{} build --out {} --today 2026-11-01", env!("CARGO_BIN_EXE_site"), out.display());
    let o = Command::new("script").args(["-qec", &command, "/dev/null"]).current_dir(repo()).output().expect("script");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let shown = String::from_utf8(o.stdout).unwrap();
    let drawn: Vec<&str> = shown.split('\r').map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut at = 0;
    for phase in [
        "内容の読み込み…",
        "様式（PDF）…",
        "期限の計算とオープンデータ…",
        "ページ…",
        "リンクの確認…",
        "圧縮…",
        "書き込み…",
    ] {
        at += drawn[at..]
            .iter()
            .position(|l| l.starts_with(phase))
            .unwrap_or_else(|| panic!("{phase} after {at}: {drawn:?}"));
    }
    // The report after the last phase, at the start of its own line (the progress line cleared).
    assert!(drawn[at..].iter().any(|l| l.starts_with("書き出しました")), "the report on its own line: {drawn:?}");
    std::fs::remove_dir_all(&out).unwrap();
}

fn built() -> &'static Path {
    &build_once().0
}

/// `--timings`: every phase in the order it ran, and their sum within 5% of the whole build.
#[test]
fn timings_name_each_phase_and_add_up_to_the_build() {
    let printed = &build_once().1;
    let rows: Vec<(&str, f64)> = printed
        .lines()
        .skip_while(|l| !l.starts_with("かかった時間"))
        .skip(1)
        .map(|l| {
            let mut words = l.split_whitespace();
            (words.next().unwrap(), words.next().unwrap().parse::<f64>().unwrap())
        })
        .collect();
    let names: Vec<&str> = rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        ["load", "forms", "open-data", "pages", "check", "previous", "compress", "write", "sum", "wall"],
        "{printed}"
    );
    let phases: f64 = rows[..rows.len() - 2].iter().map(|(_, ms)| ms).sum();
    let (sum, wall) = (rows[rows.len() - 2].1, rows[rows.len() - 1].1);
    assert!((phases - sum).abs() < 0.1 * rows.len() as f64, "the sum is the phases': {printed}");
    assert!(rows.iter().all(|(_, ms)| *ms >= 0.0));
    assert!((wall - sum).abs() <= 0.05 * wall, "the phases cover the build within 5%: {printed}");
    eprintln!("{}", &printed[printed.find("かかった時間").unwrap()..]);
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn html_pages(dir: &Path) -> Vec<PathBuf> {
    files_under(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")).collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Values of `name="…"` attributes, references decoded the way a browser does for the ones
/// templates write.
fn attributes(html: &str, name: &str) -> Vec<String> {
    html.split(&format!(" {name}=\""))
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].replace("&#x2f;", "/").replace("&amp;", "&"))
        .collect()
}

#[test]
fn eight_bureau_folders_and_the_chooser() {
    let out = built();
    for id in BUREAUS {
        for page in ["index.html", "steps/index.html", "deadlines/index.html", "offices/index.html", "forms/index.html"]
        {
            assert!(out.join(id).join(page).is_file(), "{id}/{page}");
        }
        for pdf in ["forms/request.pdf", "forms/plan.pdf"] {
            let bytes = std::fs::read(out.join(id).join(pdf)).unwrap();
            assert_eq!(&bytes[..5], b"%PDF-", "{id}/{pdf}");
        }
        let sitemap = read(&out.join(id).join("sitemap.xml"));
        assert!(sitemap.contains(&format!("<loc>https://example.org/onshi/{id}/deadlines/</loc>")), "{sitemap}");
    }
    let index = read(&out.join("index.html"));
    for (id, prefecture) in
        [("hokkaido", "北海道"), ("tokaihokuriku", "愛知県"), ("shikoku", "高知県"), ("kyushu", "沖縄県")]
    {
        assert!(
            index.contains(&format!("<a href=\"{id}/\">{prefecture}</a>"))
                || index.contains(&format!("<a href=\"{id}&#x2f;\">{prefecture}</a>")),
            "{id} {prefecture}"
        );
    }
}

/// Every href and src of every page of `folder` resolves to a file inside it.
fn assert_self_contained(folder: &Path) {
    let root = folder.canonicalize().unwrap();
    for page in html_pages(folder) {
        let html = read(&page);
        for link in attributes(&html, "href").into_iter().chain(attributes(&html, "src")) {
            if ["https://", "http://", "mailto:", "tel:"].iter().any(|s| link.starts_with(s)) {
                continue;
            }
            let path = link.split('#').next().unwrap();
            let target = if path.is_empty() { page.clone() } else { page.parent().unwrap().join(path) };
            let target = if path.ends_with('/') { target.join("index.html") } else { target };
            let resolved =
                target.canonicalize().unwrap_or_else(|_| panic!("{}: {link} does not resolve", page.display()));
            assert!(resolved.starts_with(&root), "{}: {link} leaves the folder", page.display());
        }
    }
}

#[test]
fn each_bureau_folder_works_alone_under_any_path() {
    let out = built();
    for id in BUREAUS {
        let moved = temp(&format!("moved-{id}")).join("some/other/path/onshi-copy");
        std::fs::create_dir_all(&moved).unwrap();
        for file in files_under(&out.join(id)) {
            let target = moved.join(file.strip_prefix(out.join(id)).unwrap());
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&file, &target).unwrap();
        }
        assert_self_contained(&moved);
        std::fs::remove_dir_all(moved.parent().unwrap()).unwrap();
    }
}

#[test]
fn no_script_no_other_host_and_a_csp_on_every_page() {
    for page in html_pages(built()) {
        let html = read(&page);
        // No inline script. A bureau's pages load one file, the search (its box is added by the
        // script, so a page without script reads the same, with no box); the deadline pages
        // one more, that marks dates past for the reader's today. The pages are complete
        // without them; the chooser at the top loads none.
        let scripts: Vec<String> = attributes(&html, "src").into_iter().filter(|s| s.ends_with(".js")).collect();
        let path = page.strip_prefix(built()).unwrap().to_string_lossy().into_owned();
        let root = if path.matches('/').count() == 1 { "" } else { "../" };
        assert!(!html.contains("<script>"), "{path}: no inline script");
        assert!(!html.contains("site-search"), "{path}: the search box is the script's, not the page's");
        let expected: Vec<String> = match path.as_str() {
            "index.html" => vec![],
            p if p.ends_with("/deadlines/index.html") => {
                vec![format!("{root}assets/search.js"), format!("{root}assets/deadlines.js")]
            }
            _ => vec![format!("{root}assets/search.js")],
        };
        assert_eq!(scripts, expected, "{path}");
        assert!(
            html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';"),
            "{}",
            page.display()
        );
        for src in attributes(&html, "src") {
            assert!(!src.contains("://"), "{}: loads {src}", page.display());
        }
        for stylesheet in attributes(&html, "href").iter().filter(|h| h.ends_with(".css")) {
            assert!(!stylesheet.contains("://"), "{}: loads {stylesheet}", page.display());
        }
    }
}

/// The cards of a designation month's block (`<section id="2027-03">`) in a deadline page.
fn month_cards<'a>(html: &'a str, iso: &str) -> Vec<&'a str> {
    let start = html
        .find(&format!("<section class=\"month\" id=\"{}\"", &iso[..7]))
        .unwrap_or_else(|| panic!("no block for {iso}"));
    let block = &html[start..];
    let block = &block[..block.find("</section>").unwrap()];
    block.split("<div class=\"deadline-card\"").skip(1).map(|card| &card[card.find('>').unwrap() + 1..]).collect()
}

/// Text without tags.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The dates of a designation month on a deadline page, per group of offices, as text.
fn rows_for(html: &str, iso: &str) -> Vec<Vec<String>> {
    month_cards(html, iso)
        .into_iter()
        .map(|card| card.split("<dd>").skip(1).map(|dd| text_of(&dd[..dd.find("</dd>").unwrap()])).collect())
        .collect()
}

#[test]
fn deadline_pages_show_the_dates_the_rules_give() {
    let out = built();
    // Designation 2027-03-01, today 2026-11-01. Columns: 受付番号, 回答書, 実施機関, 指定申請.
    // 回答書: 1/10 is a Sunday and 1/11 成人の日 → 1/12; 実施機関: 1/15 (Fri).
    let tokai = rows_for(&read(&out.join("tokaihokuriku/deadlines/index.html")), "2027-03-01");
    assert_eq!(tokai.len(), 3, "富山・岐阜 / 石川・静岡・三重 / 愛知");
    for row in &tokai {
        // 「指定の2か月前の1日（閉庁日の場合は前の開庁日）」: 1/1 元日 → 12/28.
        assert!(row[0].starts_with("令和8年12月28日（月）"), "{row:?}");
        assert!(row[1].starts_with("令和9年1月12日（火）"), "{row:?}");
        assert!(row[2].starts_with("令和9年1月15日（金）"), "{row:?}");
    }
    assert!(tokai[0][3].starts_with("令和9年2月19日（金）"), "20日 (Sat) → 前の平日: {:?}", tokai[0]);
    assert!(tokai[1][3].starts_with("令和9年2月15日（月）"), "15日 (Mon): {:?}", tokai[1]);
    assert_eq!(tokai[2][3], "未掲載通知の目安：令和9年2月1日（月）");

    let shikoku = rows_for(&read(&out.join("shikoku/deadlines/index.html")), "2027-03-01");
    assert_eq!(shikoku.len(), 1);
    assert!(shikoku[0][0].starts_with("令和9年1月4日（月）"), "前々月の最初の開庁日: {:?}", shikoku[0]);
    assert_eq!(shikoku[0][3], "未掲載通知の目安：令和9年2月1日（月）");

    let tohoku = rows_for(&read(&out.join("tohoku/deadlines/index.html")), "2027-03-01");
    assert!(tohoku[0][0].starts_with("令和9年1月5日（火）"), "前々月5日: {:?}", tohoku[0]);

    // The 24 designation months after today, each with its anchor.
    let html = read(&out.join("tohoku/deadlines/index.html"));
    assert!(html.contains("id=\"2026-12\"") && html.contains("id=\"2028-11\""));
    assert!(!html.contains("id=\"2026-11\"") && !html.contains("id=\"2028-12\""));
    assert_eq!(html.matches("<section class=\"month\"").count(), 24);
    assert!(html.contains("この一覧は令和8年11月1日に計算しました（24か月分）"));
}

#[test]
fn provisional_equinoxes_are_flagged_on_the_deadline_page() {
    // Today 2029-12-01: designations 2030-01..12. 東海北陸 富山's 指定申請 for 2030-04-01 is
    // 3/20 (the provisional 春分の日) → 3/19, flagged 暫定.
    let out = temp("provisional");
    let o = site(&["build", "--out", out.to_str().unwrap(), "--today", "2029-12-01"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = read(&out.join("tokaihokuriku/deadlines/index.html"));
    let rows = rows_for(&html, "2030-04-01");
    assert!(rows[0][3].starts_with("令和12年3月19日（火）") && rows[0][3].contains("暫定"), "{:?}", rows[0]);
    assert!(!rows[1][3].contains("暫定"), "{:?}", rows[1]);
}

#[test]
fn strict_refuses_unknowns_and_names_each() {
    let out = temp("strict");
    let o = site(&["build", "--out", out.to_str().unwrap(), "--today", "2026-11-01", "--strict"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("content/bureaus/hokkaido.toml:20: reception_request.rule が \"unknown\"（未掲載）です"),
        "{err}"
    );
    assert!(err.contains("content/bureaus/tokaihokuriku.toml:"), "{err}");
    assert!(err.contains("office.toyama.phone が \"unknown\""), "{err}");
    assert!(err.contains("content/bureaus/hokkaido.toml:28: designation_application.source は 令和3年10月1日 の掲載で、2年以上前です"), "{err}");
    assert!(
        err.contains("content/bureaus/hokkaido.toml:17: designation_page は 令和3年10月1日 の掲載で、2年以上前です"),
        "{err}"
    );
    let listed = err.lines().filter(|l| l.contains("\"unknown\"（未掲載）")).count();
    assert!(listed > 100, "{listed}");
    // A rule read from the bureau's words is listed by `site check`, not refused here.
    assert!(!err.contains("inferred"), "{err}");
    assert!(!out.exists(), "nothing written");
}

/// A copy of the repository's content and templates to break on purpose.
fn scratch_root(name: &str) -> PathBuf {
    crate::common::content_copy(&temp(&format!("root-{name}")))
}

/// A build of `root`'s content into `out` (on 2026-11-01) that must succeed.
fn build_into(root: &Path, out: &Path) {
    let o = site(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-11-01"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn build_fails(root: &Path, expected: &[&str]) {
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(".onshi-build"), "").unwrap();
    std::fs::write(out.join("keep.html"), "previous build").unwrap();
    let o = site(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-11-01"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for e in expected {
        assert!(err.contains(e), "「{e}」 not in {err}");
    }
    assert_eq!(read(&out.join("keep.html")), "previous build", "the old output stays");
}

#[test]
fn the_build_refuses_mistakes_with_file_and_line() {
    let root = scratch_root("mistakes");
    std::fs::create_dir_all(root.join("content/tohoku")).unwrap();
    std::fs::write(
        root.join("content/tohoku/local.md"),
        "+++\ntitle = \"東北の案内\"\norder = 10\ndescription = \"d\"\n+++\n\n本文\n\n<script>alert(1)</script>\n\n[どこか](page:nowhere)\n[相談](office:toyama)\n[切れたリンク](../nothing/)\n",
    )
    .unwrap();
    build_fails(
        &root,
        &[
            "content/tohoku/local.md:9: Markdown の中の HTML <script> は使えません",
            "content/tohoku/local.md:11: リンク先 page:nowhere というページはありません",
            "content/tohoku/local.md:12: リンク先 office:toyama は東北厚生局の事務所にありません",
        ],
    );

    let root = scratch_root("links");
    std::fs::write(
        root.join("content/pages/faq.md"),
        read(&repo().join("content/pages/faq.md"))
            + "\n[切れたリンク](../nothing/)\n[錨](page:steps#no-such-heading)\n",
    )
    .unwrap();
    build_fails(
        &root,
        &[
            "リンク「../nothing/」：リンク先 nothing/index.html がありません（共通のページなので、すべての局のサイトに影響します）",
            "steps/index.html に id=\"no-such-heading\" がありません",
        ],
    );
    // Once, not once per bureau.
    let out = root.join("out");
    let o = site(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-11-01"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("リンク「../nothing/」").count(), 1, "{err}");
    assert!(err.contains("サイトを作れません（2件）"), "{err}");

    let root = scratch_root("front");
    std::fs::write(
        root.join("content/pages/steps.md"),
        "+++\ntitle = \"手続\"\norder = \"二\"\ndescription = \"d\"\n+++\n",
    )
    .unwrap();
    build_fails(&root, &["content/pages/steps.md:3: ページの情報（front matter）が読めません"]);

    let root = scratch_root("bureau");
    std::fs::create_dir_all(root.join("content/osaka")).unwrap();
    build_fails(&root, &["content/osaka: 「osaka」という局はありません"]);

    let root = scratch_root("template");
    let base = read(&root.join("site/templates/base.html"));
    std::fs::write(root.join("site/templates/base.html"), base.replace("{{ today }}", "{{ today | no_such_filter }}"))
        .unwrap();
    build_fails(&root, &["site/templates/base.html:", "テンプレートの誤り"]);

    // A point of the notice that no page states, and a page without any basis.
    let root = scratch_root("notice");
    let table = read(&root.join("content/notice-text.toml"));
    let lines = table.lines().count();
    std::fs::write(
        root.join("content/notice-text.toml"),
        table + "\n[[part.section.point]]\nid = \"unstated\"\nkind = \"advice\"\nsays = \"どこにも書かれない要点\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/pages/opendata.md"),
        "+++\ntitle = \"オープンデータ\"\norder = 11\ndescription = \"d\"\ntemplate = \"opendata.html\"\n+++\n\n根拠のない文章。\n[手順](page:steps)\n",
    )
    .unwrap();
    build_fails(
        &root,
        &[
            &format!("content/notice-text.toml:{}: 要点「どこにも書かれない要点」", lines + 3),
            "を書いている案内のページがありません",
            "content/pages/opendata.md: このページには根拠",
        ],
    );
    let root = scratch_root("citation");
    let steps = read(&root.join("content/notice.toml"));
    std::fs::write(
        root.join("content/notice.toml"),
        steps.replace("citation = \"第1 1(2)\"", "citation = \"第1 1(9)\""),
    )
    .unwrap();
    build_fails(&root, &["content/notice.toml:", "reception_reply の citation「第1 1(9)」は通知の箇所"]);

    let root = scratch_root("data");
    let toml = read(&root.join("content/bureaus/shikoku.toml"));
    std::fs::write(root.join("content/bureaus/shikoku.toml"), toml.replace("month_offset = -2", "month_offset = 2"))
        .unwrap();
    build_fails(&root, &["content/bureaus/shikoku.toml:15: month_offset = 2 は使えません"]);
}

#[test]
fn the_build_replaces_only_an_earlier_build() {
    let out = temp("replace");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "someone's file").unwrap();
    let o = site(&["build", "--out", out.to_str().unwrap(), "--today", "2026-11-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("以前の build の書き出し先でもありません"));
    assert_eq!(read(&out.join("notes.txt")), "someone's file");
    // An earlier build is replaced whole: a page that no longer exists does not linger.
    let out = temp("rebuild");
    assert!(site(&["build", "--out", out.to_str().unwrap(), "--today", "2026-11-01"]).status.success());
    let index = out.join("tohoku/index.html");
    let fresh = read(&index);
    std::fs::write(out.join("tohoku/stale.html"), "old").unwrap();
    // Files the same as before are linked into the new build, the others written: a page
    // changed in the old output is written again, one left alone is the same page.
    std::fs::write(&index, "changed").unwrap();
    let steps = out.join("tohoku/steps/index.html");
    let steps_before = read(&steps);
    assert!(site(&["build", "--out", out.to_str().unwrap(), "--today", "2026-11-01"]).status.success());
    assert!(!out.join("tohoku/stale.html").exists());
    assert_eq!(read(&index), fresh);
    assert_eq!(read(&steps), steps_before);
    // A build on another day writes the pages whose dates changed (24 months from April 2027).
    let deadlines = out.join("tohoku/deadlines/index.html");
    assert!(!read(&deadlines).contains("id=\"2029-03\""));
    assert!(site(&["build", "--out", out.to_str().unwrap(), "--today", "2027-03-01"]).status.success());
    assert!(read(&deadlines).contains("id=\"2029-03\""));
}

#[test]
fn the_deadline_page_opens_at_the_earliest_designation_still_reachable() {
    // On 2026-12-02, 東海北陸's January 2027 (every deadline passed) and February 2027 (its
    // 受付番号 deadline passed the day before) can no longer be had: they are folded, in the HTML
    // itself, and the first month shown is the engine's earliest designation for every office.
    let out = temp("earliest");
    let o = site(&["build", "--out", out.to_str().unwrap(), "--today", "2026-12-02"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = read(&out.join("tokaihokuriku/deadlines/index.html"));
    let bureau = onshi::content::repository().bureaus.get("tokaihokuriku").unwrap();
    let earliest: BTreeSet<String> = bureau
        .offices
        .iter()
        .map(|office| {
            let o = site(&[
                "schedule",
                "--bureau",
                "tokaihokuriku",
                "--office",
                &office.id,
                "--designation",
                "2027-06-01",
                "--today",
                "2026-12-02",
                "--format",
                "json",
            ]);
            let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            json["earliest_designation"].as_str().unwrap()[..7].to_string()
        })
        .collect();
    assert_eq!(earliest, BTreeSet::from(["2027-03".to_string()]), "as worked by hand in the issue");
    let fold = page.find("<details class=\"months-over\">").expect("the months that can no longer be had, folded");
    let fold_end = page[fold..].find("</details>").unwrap() + fold;
    let ids = |html: &str| -> Vec<String> {
        html.split("<section class=\"month\" id=\"").skip(1).map(|s| s[..7].to_string()).collect()
    };
    assert_eq!(ids(&page[fold..fold_end]), ["2027-01", "2027-02"].map(String::from));
    assert_eq!(ids(&page[fold_end..]).first().map(String::as_str), Some("2027-03"));
    assert!(page.contains("<summary>令和8年12月2日の時点で間に合わない指定日（2か月分）</summary>"), "{page}");
    assert!(
        page.contains("<p class=\"earliest\">令和8年12月2日の時点で間に合う最も早い指定日は、<a href=\"#2027-03\">令和9年3月1日</a>です。</p>"),
        "{page}"
    );
}

/// A file's bytes as the browser gets them from its `.br` or `.gz` copy.
fn decompressed(copy: &Path) -> Vec<u8> {
    let bytes = std::fs::read(copy).unwrap();
    let mut out = Vec::new();
    if copy.extension().is_some_and(|e| e == "br") {
        brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    } else {
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out).unwrap();
    }
    out
}

#[test]
fn precompressed_copies_are_made_for_what_changed_and_kept_for_the_rest() {
    use std::os::unix::fs::MetadataExt;
    let root = scratch_root("compressed");
    let out = root.join("out");
    let build = || build_into(&root, &out);
    build();
    // Every text file has its copies, each smaller and the same bytes once decompressed; the
    // PDFs (already compressed) have none.
    let files: Vec<PathBuf> = files_under(&out);
    let mut texts = 0;
    for file in &files {
        let name = file.to_string_lossy();
        let text = [".html", ".css", ".js", ".json", ".ics", ".xml", ".svg"].iter().any(|e| name.ends_with(e));
        for suffix in ["br", "gz"] {
            let copy = PathBuf::from(format!("{name}.{suffix}"));
            if text && std::fs::metadata(file).unwrap().len() > 1024 {
                assert!(copy.is_file(), "{}", copy.display());
            }
            if copy.is_file() {
                assert!(std::fs::metadata(&copy).unwrap().len() < std::fs::metadata(file).unwrap().len());
                assert_eq!(decompressed(&copy), std::fs::read(file).unwrap(), "{}", copy.display());
            }
        }
        texts += usize::from(text);
        assert!(!name.ends_with(".pdf") || !Path::new(&format!("{name}.br")).exists(), "{name}");
    }
    assert!(texts > 150, "{texts}");
    assert!(out.join(".htaccess").is_file() && out.join("tohoku/.htaccess").is_file());
    let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
    let (steps, faq) = ("tohoku/steps/index.html.br", "tohoku/faq/index.html.br");
    let (steps_before, faq_before) = (inode(steps), inode(faq));
    // One page edited: its copies are made again; the other pages' copies are the previous
    // build's files (linked, not written).
    let page = root.join("content/pages/faq.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\n追記した段落です。\n")).unwrap();
    build();
    assert_eq!(inode(steps), steps_before);
    assert_ne!(inode(faq), faq_before);
    let html = std::fs::read(out.join("tohoku/faq/index.html")).unwrap();
    assert!(String::from_utf8_lossy(&html).contains("追記した段落です。"));
    assert_eq!(decompressed(&out.join(faq)), html);
    assert_eq!(decompressed(&out.join("tohoku/faq/index.html.gz")), html);
}

#[test]
fn a_bureau_adds_and_replaces_pages() {
    let root = scratch_root("own");
    std::fs::create_dir_all(root.join("content/kinki")).unwrap();
    std::fs::write(
        root.join("content/kinki/faq.md"),
        "+++\ntitle = \"近畿のよくある質問\"\norder = 9\ndescription = \"d\"\n+++\n\n近畿だけの答え（[根拠：第3(1)](notice:request-to-bureau-office)）。\n",
    )
    .unwrap();
    std::fs::write(root.join("content/kinki/visits.md"), "+++\ntitle = \"窓口での相談\"\norder = 10\ndescription = \"d\"\n+++\n\n[提出先](page:offices)で相談できます（[根拠：別紙3⑤](notice:step5-request)）。\n").unwrap();
    let out = root.join("out");
    let o = site(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-11-01"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(read(&out.join("kinki/faq/index.html")).contains("近畿だけの答え（"));
    assert!(read(&out.join("kinki/visits/index.html")).contains("href=\"../offices/\""));
    assert!(read(&out.join("kinki/index.html")).contains("窓口での相談"), "in the navigation");
    assert!(!read(&out.join("tohoku/faq/index.html")).contains("近畿だけの答え"));
    assert!(!out.join("tohoku/visits").exists());
}

#[test]
fn guidance_pages_stay_light() {
    // HTML + CSS of each guidance page (not the deadline tables) under 30 KB; the steps page,
    // which states the whole procedure with its bases (about 23 KB of HTML, 5.6 KB brotli),
    // under 45 KB.
    let out = built();
    let css: u64 = ["tokens.css", "site.css"]
        .iter()
        .map(|f| std::fs::metadata(out.join("tohoku/assets").join(f)).unwrap().len())
        .sum();
    for page in html_pages(&out.join("tohoku")) {
        if page.to_string_lossy().contains("/deadlines/") || page.to_string_lossy().contains("/offices/") {
            continue;
        }
        let weight = std::fs::metadata(&page).unwrap().len() + css;
        // The notice itself and its point-by-point table are reference, not guidance: their
        // own, larger bound (the notice's text is about 40 KB of Japanese).
        let notice = ["/notice/", "/correspondence/"].iter().any(|p| page.to_string_lossy().contains(p));
        let steps = page.to_string_lossy().contains("/steps/");
        let bound = if notice {
            160 * 1024
        } else if steps {
            45 * 1024
        } else {
            30 * 1024
        };
        assert!(weight < bound, "{}: {weight} bytes", page.display());
    }
}

/// Text as minijinja's HTML escaping writes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

/// The ids of an HTML page.
fn ids(html: &str) -> BTreeSet<String> {
    attributes(html, "id").into_iter().collect()
}

#[test]
fn every_basis_links_to_the_notice_and_every_point_is_stated_or_excused() {
    let out = built();
    let table: toml::Value = toml::from_str(&read(&repo().join("content/notice-text.toml"))).unwrap();
    let mut points = Vec::new();
    for part in table["part"].as_array().unwrap() {
        for section in part["section"].as_array().unwrap() {
            for point in section.get("point").and_then(|p| p.as_array()).into_iter().flatten() {
                points.push((
                    section["id"].as_str().unwrap().to_string(),
                    point["says"].as_str().unwrap().to_string(),
                    point.get("excused").and_then(|e| e.as_str()).map(str::to_string),
                ));
            }
        }
    }
    assert!(points.len() >= 90, "{}", points.len());
    for id in BUREAUS {
        let folder = out.join(id);
        let notice = read(&folder.join("notice/index.html"));
        let anchors = ids(&notice);
        // Every section has its anchor on the notice page.
        for (section, _, _) in &points {
            assert!(anchors.contains(section), "{id}: notice/#{section}");
        }
        // Every basis of every page resolves to an anchor of the notice page, and every page of
        // guidance has at least one.
        let mut bases = 0;
        for page in html_pages(&folder) {
            let path = page.to_string_lossy().into_owned();
            if path.contains("/wizard/") || path.contains("/notice/") || path.contains("/correspondence/") {
                continue;
            }
            let html = read(&page);
            let links: Vec<String> = attributes(&html, "href").into_iter().filter(|h| h.contains("notice/#")).collect();
            assert!(!links.is_empty(), "{path}: no basis");
            for link in links {
                let anchor = link.rsplit_once('#').unwrap().1;
                assert!(anchors.contains(anchor), "{path}: {link}");
                bases += 1;
            }
        }
        assert!(bases >= 100, "{id}: {bases} bases");
        // The 「通知との対応」 page: each point with where it is stated, or why it is not.
        let correspondence = read(&folder.join("correspondence/index.html"));
        let rows: Vec<&str> = correspondence.split("<tr").skip(1).collect();
        for (section, says, excused) in &points {
            let says = escaped(says);
            let row = rows.iter().find(|r| r.contains(&says)).unwrap_or_else(|| panic!("{id}: no row for {says}"));
            assert!(row.contains(&format!("href=\"../notice/#{section}\"")), "{row}");
            match excused {
                Some(why) => {
                    let start: String = why.chars().take(20).collect();
                    assert!(row.contains("案内のページには書いていません") && row.contains(&escaped(&start)), "{row}");
                }
                None => {
                    let stated = attributes(row, "href").into_iter().filter(|h| !h.contains("notice/#")).count();
                    assert!(stated >= 1, "{id}: {says} is stated nowhere: {row}");
                }
            }
        }
    }
}

fn tool_missing(what: &str) -> ! {
    panic!("{what} がありません。scripts/test（npm ci と Debian の chromium / Java）で入れてください")
}

#[test]
#[ignore = "needs Java and the npm packages (scripts/test installs them)"]
fn every_page_passes_the_nu_html_checker() {
    let jar = repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        tool_missing("node_modules/vnu-jar");
    }
    let pages: BTreeSet<PathBuf> = html_pages(built()).into_iter().collect();
    assert!(pages.len() >= 8 * 9, "{} pages", pages.len());
    let o = Command::new("java")
        .args(["-jar", jar.to_str().unwrap(), "--errors-only", "--format", "text"])
        .args(&pages)
        .output()
        .unwrap_or_else(|_| tool_missing("java"));
    let report = String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && !report.contains("error:"), "{report}");
    assert!(report.contains("No errors found"), "{report}");
}

#[test]
fn a_content_edit_reaches_the_tables_and_the_wizard_without_a_wasm_rebuild() {
    // 東北's 受付番号 day from 5 to 8 in a copy of the content (the issue's example).
    let root = scratch_root("propagation");
    let file = root.join("content/bureaus/tohoku.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("day = 5,", "day = 8,", 1)).unwrap();
    // Any wizard build will do (a page with the CSP <meta> every trunk build of wizard/ has):
    // the build puts the content into its page.
    let wizard = root.join("wizard-dist");
    std::fs::create_dir_all(&wizard).unwrap();
    std::fs::write(
        wizard.join("index.html"),
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta http-equiv=\"Content-Security-Policy\" content=\"\"><meta name=\"onshi-bureau\" content=\"\"><meta name=\"onshi-content\" content=\"content.bin\"><title>w</title></head><body></body></html>\n",
    )
    .unwrap();
    let out = root.join("out");
    let o = site(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2026-11-01",
        "--wizard",
        wizard.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The table.
    let rows = rows_for(&read(&out.join("tohoku/deadlines/index.html")), "2027-03-01");
    assert!(rows[0][0].starts_with("令和9年1月8日（金）"), "{rows:?}");
    // Beside the wizard's page: the content's wire bytes, which the wizard computes with.
    let content = crate::common::wizard_content(&out.join("tohoku/wizard"));
    let bureau = content.bureaus.get("tohoku").unwrap();
    let schedule = onshi::schedule::compute(&onshi::schedule::ScheduleInput {
        content: &content,
        bureau,
        office: None,
        designation: "2027-03-01".parse().unwrap(),
        setup: None,
        today: None,
        transitional: false,
    })
    .unwrap();
    let date = schedule.step(onshi::schedule::StepId::ReceptionRequest).date;
    assert_eq!(date, Some("2027-01-08".parse().unwrap()));
    // The page carries the same calendar, notice and bureaus as the files.
    let files = onshi::content::load(&root).unwrap();
    // (plus the forms' room per field, which the build measures for the wizard's checks)
    assert!(content.print_limits.get("facility.name").is_some_and(|n| *n > 10), "{:?}", content.print_limits);
    let mut page_content = content.clone();
    page_content.print_limits.clear();
    assert_eq!(page_content.to_wire(), files.to_wire());
    let _ = std::fs::remove_dir_all(&root);
}

/// The `datetime` of every date of a card, in column order (`None`: no date shown).
fn card_datetimes(card: &str) -> Vec<Option<String>> {
    card.split("<dd>")
        .skip(1)
        .map(|dd| {
            let dd = &dd[..dd.find("</dd>").unwrap()];
            dd.split_once("<time datetime=\"").map(|(_, rest)| rest[..rest.find('"').unwrap()].to_string())
        })
        .collect()
}

#[test]
fn the_table_the_cli_json_and_the_ics_agree_for_every_office_and_24_months() {
    let content = onshi::content::repository();
    let columns: Vec<&str> = content.notice.columns().map(|s| s.id.as_str()).collect();
    let first = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let months: Vec<chrono::NaiveDate> = (0..24).map(|n| first + chrono::Months::new(n)).collect();
    let checked = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for bureau in content.bureaus.iter() {
            let (months, columns, checked) = (&months, &columns, &checked);
            scope.spawn(move || {
                let page = read(&built().join(&bureau.id).join("deadlines/index.html"));
                let data: serde_json::Value =
                    serde_json::from_str(&read(&built().join(&bureau.id).join("data/deadlines.json"))).unwrap();
                for office in &bureau.offices {
                    let data_office =
                        data["offices"].as_array().unwrap().iter().find(|o| o["id"] == office.id.as_str()).unwrap();
                    let feed = read(&built().join(&bureau.id).join(format!("data/{}.ics", office.id)));
                    for (n, month) in months.iter().enumerate() {
                        let iso = month.to_string();
                        let args = |format: &'static str| {
                            vec![
                                "schedule".to_string(),
                                "--bureau".into(),
                                bureau.id.clone(),
                                "--office".into(),
                                office.id.clone(),
                                "--designation".into(),
                                iso.clone(),
                                "--today".into(),
                                "2026-11-01".into(),
                                "--format".into(),
                                format.into(),
                            ]
                        };
                        let run = |format| {
                            let a = args(format);
                            let o = site(&a.iter().map(String::as_str).collect::<Vec<_>>());
                            assert!(o.status.success(), "{a:?}: {}", String::from_utf8_lossy(&o.stderr));
                            String::from_utf8(o.stdout).unwrap()
                        };
                        let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
                        let ics = run("ics");
                        // The open data: the same dates and flags for this office and month…
                        let designation = data_office["designations"][n].clone();
                        assert_eq!(designation["designation"], iso.as_str());
                        // …the same window between the bureau's reply and ⑥…
                        assert_eq!(
                            designation["reply_window"], json["reply_window"],
                            "{} {} {iso}",
                            bureau.id, office.id
                        );
                        assert!(json["reply_window"]["days"].is_i64(), "{}", json["reply_window"]);
                        for (ours, cli) in
                            designation["steps"].as_array().unwrap().iter().zip(json["steps"].as_array().unwrap())
                        {
                            for key in
                                ["id", "date", "approximate", "firm", "closed_day", "provisional", "rule_unknown"]
                            {
                                assert_eq!(ours[key], cli[key], "{} {} {iso} {key}", bureau.id, office.id);
                            }
                            // …and every firm date is an event of the office's feed.
                            if let (Some(date), true, false) =
                                (cli["date"].as_str(), cli["firm"] == true, cli["approximate"] == true)
                            {
                                let uid = format!(
                                    "UID:{}-{}-{}-{}@onshi",
                                    cli["id"].as_str().unwrap(),
                                    bureau.id,
                                    office.id,
                                    iso.replace('-', "")
                                );
                                let event = feed.split("BEGIN:VEVENT").find(|e| e.replace("\r\n ", "").contains(&uid));
                                let event =
                                    event.unwrap_or_else(|| panic!("{uid} not in the feed")).replace("\r\n ", "");
                                assert!(
                                    event.contains(&format!("DTSTART;VALUE=DATE:{}", date.replace('-', ""))),
                                    "{uid}"
                                );
                            }
                        }
                        for step in json["steps"].as_array().unwrap() {
                            let id = step["id"].as_str().unwrap();
                            // Every dated step is an event on its date in the calendar file.
                            if let Some(date) = step["date"].as_str() {
                                let event = ics
                                    .split("BEGIN:VEVENT")
                                    .find(|e| e.contains(&format!("UID:{id}-{}-", bureau.id)))
                                    .unwrap_or_else(|| panic!("{} {} {iso}: no event for {id}", bureau.id, office.id));
                                assert!(
                                    event.contains(&format!("DTSTART;VALUE=DATE:{}", date.replace('-', ""))),
                                    "{} {} {iso} {id}: {date} vs {event}",
                                    bureau.id,
                                    office.id
                                );
                            }
                        }
                        // The deadline page shows the same 24 months: the card of this office.
                        let cards = month_cards(&page, &iso);
                        let card = if cards.len() == 1 {
                            cards[0]
                        } else {
                            cards
                                .iter()
                                .find(|c| {
                                    let heading = &c[c.find("<h3>").unwrap() + 4..c.find("</h3>").unwrap()];
                                    heading.split('・').any(|name| name == office.display_name())
                                })
                                .unwrap_or_else(|| panic!("{}: no card for {}", bureau.id, office.display_name()))
                        };
                        let row = &card_datetimes(card);
                        for (column, cell) in columns.iter().zip(row) {
                            let step = json["steps"].as_array().unwrap().iter().find(|s| s["id"] == *column).unwrap();
                            let expected = match step["rule_unknown"].as_bool().unwrap() {
                                true => None,
                                false => step["date"].as_str().map(str::to_string),
                            };
                            assert_eq!(cell, &expected, "{} {} {iso} {column}", bureau.id, office.id);
                        }
                        checked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let offices: usize = content.bureaus.iter().map(|b| b.offices.len()).sum();
    assert_eq!(checked.into_inner(), offices * 24, "every office's cards were compared");
}

#[test]
fn the_open_data_says_which_dates_come_from_a_reading_of_the_bureaus_words() {
    // 北海道's 指定申請 「毎月20日」 is read as the month before (`inferred`); its 受付番号 rule is
    // unknown, and 東北's is stated: neither carries a reading.
    let data = |id: &str| -> serde_json::Value {
        serde_json::from_str(&read(&built().join(id).join("data/deadlines.json"))).unwrap()
    };
    let step = |v: &serde_json::Value, id: &str| {
        v["offices"][0]["designations"][0]["steps"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap().clone()
    };
    let hokkaido = data("hokkaido");
    let application = step(&hokkaido, "designation_application");
    assert!(
        application["inferred"].as_str().unwrap().contains("指定を受ける月の前月の20日と読んでいます"),
        "{application}"
    );
    assert!(step(&hokkaido, "reception_request").get("inferred").is_none());
    assert!(step(&data("tohoku"), "reception_request").get("inferred").is_none());
}

#[test]
fn the_steps_table_is_made_from_the_notice() {
    let page = read(&built().join("kinki/steps/index.html"));
    let table = &page[page.find("<h2 id=\"steps-table\">").expect("the steps table")..];
    let notice = &onshi::content::repository().notice;
    // Every step of content/notice.toml, in order, with when it happens in words.
    let mut at = 0;
    for step in &notice.steps {
        let title = onshi::markup::escape(&step.numbered_title(false));
        let found = table[at..].find(&format!("<th scope=\"row\">{title}</th>")).unwrap_or_else(|| panic!("{title}"));
        at += found;
        let when = onshi::markup::escape(&notice.describe_date(step));
        assert!(table[at..].contains(&format!("<td>{when}</td>")), "{when}");
    }
    // The step the hand-typed table lacked, and a rule in words.
    assert!(table.contains("オンライン請求の利用申請"));
    assert!(table.contains("「⑥ 受付番号を実施機関へ提出」の4営業日後から（目安）"));
    assert!(table.contains("指定月の前々月の10日（閉庁日なら翌開庁日）まで"));
}

#[test]
fn the_build_warns_when_its_tables_pass_the_published_equinoxes() {
    // content/calendar.toml publishes equinoxes to 2027: the 24 months after 2025-12-01 end in
    // 2027-12; after 2026-11-01 they reach 2028.
    for (today, warned) in [("2025-12-01", false), ("2026-11-01", true)] {
        let out = temp(&format!("warn-{today}"));
        let o = site(&["build", "--out", out.to_str().unwrap(), "--today", today]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        assert_eq!(text.contains("春分日・秋分日は 2027 年までしか公表値がありません"), warned, "{today}: {text}");
        let _ = std::fs::remove_dir_all(&out);
    }
}

#[test]
fn facts_are_published_with_their_date_and_unknowns_point_to_the_bureau() {
    // 中国四国: the offices' addresses and phones from the bureau's page of 2020-01-15.
    let page = read(&built().join("chugokushikoku/offices/index.html"));
    assert!(page.contains("〒680-0842 鳥取市吉方109 鳥取第3合同庁舎2階"), "鳥取事務所");
    assert!(page.contains("0857-30-0860"));
    assert!(page.contains("令和2年1月15日時点の局の掲載。提出前にご確認ください"));
    let links = attributes(&page, "href");
    assert!(links
        .iter()
        .any(|h| h == "https://kouseikyoku.mhlw.go.jp/chugokushikoku/iryo_shido/faq_hokenyakkyoku.html"));
    // 関東信越 (2018-03-22) and 北海道 (its newer address, of 2024-04-01; no phone on the page).
    let page = read(&built().join("kantoshinetsu/offices/index.html"));
    assert!(
        page.contains("〒163-1111 新宿区西新宿6-22-1 新宿スクエアタワー11F") && page.contains("平成30年3月22日時点")
    );
    let page = read(&built().join("hokkaido/offices/index.html"));
    assert!(
        page.contains("〒060-0807 北海道札幌市北区北8条西2丁目1番1号 札幌第1合同庁舎6階")
            && page.contains("令和6年4月1日時点")
    );
    // 九州's 福岡県 (a prefecture's page of 2023-04-01): the phone with its date.
    let page = read(&built().join("kyushu/offices/index.html"));
    assert!(page.contains("092-707-1125") && page.contains("令和5年4月1日時点"), "{page}");
    // Every offices page links the bureau's own site; what is unknown is said once, with that link,
    // and no cell is red.
    for id in BUREAUS {
        let page = read(&built().join(id).join("offices/index.html"));
        let site = format!("https://kouseikyoku.mhlw.go.jp/{id}/");
        let page = page.replace("&#x2f;", "/");
        assert!(page.contains(&format!("<a href=\"{site}\">{site}</a>")), "{id}");
        assert_eq!(page.matches("class=\"notice notice-info\"").count(), 1, "{id}: one notice");
        assert!(!page.contains("class=\"unknown\""), "{id}");
    }
}

#[test]
fn a_rule_read_from_the_bureaus_words_says_so_where_it_is_shown() {
    // 北海道's 指定申請: 「毎月20日」, read as the month before the designation month.
    let reading = "局の掲載は「毎月20日」です。この案内では、指定を受ける月の前月の20日と読んでいます。提出先の事務所でご確認ください。";
    let page = read(&built().join("hokkaido/offices/index.html"));
    let rule = &page[page.find("<dt>指定申請").expect("the 指定申請 rule")..];
    let rule = text_of(&rule[..rule.find("</dd>").unwrap()]);
    assert!(rule.contains("指定月の前月の20日（閉庁日なら翌開庁日）"), "{rule}");
    assert!(rule.contains("局の定め：「新規指定申請書の締切日については、毎月20日"), "{rule}");
    assert!(rule.contains(reading), "{rule}");
    // 東海北陸: each of the five offices with a day; not 愛知's unknown one, nor the bureau's
    // 別紙1 deadline, which its page states.
    let page = read(&built().join("tokaihokuriku/offices/index.html"));
    assert_eq!(page.matches("この案内では、指定を受ける月の前月の20日と読んでいます。").count(), 2);
    assert_eq!(page.matches("この案内では、指定を受ける月の前月の15日と読んでいます。").count(), 3);
    let aichi = &page[page.find("id=\"office-shido_kansa\"").unwrap()..];
    assert!(!aichi[..aichi.find("</section>").unwrap()].contains("読んでいます"));
    for id in BUREAUS.iter().filter(|id| !["hokkaido", "tokaihokuriku"].contains(id)) {
        assert!(!read(&built().join(id).join("offices/index.html")).contains("読んでいます"), "{id}");
    }
    // The deadline page flags each date so read, and says what the flag means.
    let html = read(&built().join("hokkaido/deadlines/index.html"));
    let march = rows_for(&html, "2027-03-01");
    assert!(march[0][3].contains("読み取り") && !march[0][0].contains("読み取り"), "{march:?}");
    assert!(html.contains("「読み取り」は、局の掲載に書かれていないところをこの案内が読み取って計算した期限です。"));
    let tohoku = read(&built().join("tohoku/deadlines/index.html"));
    assert!(!tohoku.contains("読み取り"));
}

#[test]
fn blank_forms_are_kept_from_the_previous_build_until_the_name_changes() {
    let root = scratch_root("forms-kept");
    let out = root.join("out");
    let build = || build_into(&root, &out);
    build();
    let form = out.join("tohoku/forms/request.pdf");
    assert!(std::fs::read(&form).unwrap().starts_with(b"%PDF"));
    // Mark the kept file: the next build takes it as it is instead of drawing it again.
    std::fs::write(&form, b"%PDF kept").unwrap();
    build();
    assert_eq!(std::fs::read(&form).unwrap(), b"%PDF kept");
    // A new name for the bureau (printed on the forms) draws them again.
    let file = root.join("content/bureaus/tohoku.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("name = \"東北厚生局\"", "name = \"東北厚生局（試験）\"", 1)).unwrap();
    build();
    let drawn = std::fs::read(&form).unwrap();
    assert!(drawn.starts_with(b"%PDF-") && drawn.len() > 1000, "drawn again");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
#[ignore = "needs python jsonschema and icalendar (scripts/test installs them)"]
fn the_open_data_validates_against_its_schema_and_the_feeds_read_with_icalendar() {
    let python = std::env::var("ONSHI_PYTHON").unwrap_or_else(|_| "python3".into());
    let check = r#"
import json, sys, pathlib
import jsonschema, icalendar
site = pathlib.Path(sys.argv[1])
counts = {}
for data in sorted(site.glob("*/data/deadlines.json")):
    schema = json.loads((data.parent / "deadlines.schema.json").read_text())
    doc = json.loads(data.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)
    events = 0
    for office in doc["offices"]:
        cal = icalendar.Calendar.from_ical((data.parent / (office["id"] + ".ics")).read_bytes())
        firm = sum(1 for d in office["designations"] for s in d["steps"] if s["firm"] and not s["approximate"] and s["date"])
        got = [e for e in cal.walk("VEVENT")]
        assert len(got) == firm, (data, office["id"], len(got), firm)
        assert len({str(e["UID"]) for e in got}) == len(got), "UIDs are unique"
        events += len(got)
    counts[data.parent.parent.name] = events
print(json.dumps(counts))
"#;
    let o = Command::new(&python).arg("-c").arg(check).arg(built()).output().expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let counts: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(counts.as_object().unwrap().len(), 8, "{counts}");
    assert!(counts.as_object().unwrap().values().all(|n| n.as_u64().unwrap() > 0), "{counts}");
}

#[test]
#[ignore = "needs Chromium, poppler-utils and the npm packages (scripts/test installs them)"]
fn every_page_reads_on_a_390_px_phone_and_prints_on_a4_without_the_navigation() {
    let work = temp("phone");
    std::fs::create_dir_all(&work).unwrap();
    let report_file = work.join("report.json");
    let o = Command::new("node")
        .arg(repo().join("site/tests/browser/phone.mjs"))
        .arg(built())
        .arg(&report_file)
        .output()
        .unwrap_or_else(|_| tool_missing("node"));
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report_file).unwrap_or_else(|_| {
        panic!("no report: {}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
    }))
    .unwrap();
    assert!(report["pages"].as_u64().unwrap() > 80, "{report}");
    assert!(report["problems"].as_array().unwrap().is_empty(), "{:#}", report["problems"]);
    // Built on 2026-11-01: the script leaves the page as built (東北's earliest, the engine's).
    let earliest_on = |today: &str| {
        let o = site(&[
            "schedule",
            "--bureau",
            "tohoku",
            "--designation",
            "2027-06-01",
            "--today",
            today,
            "--format",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        json["earliest_designation"].as_str().expect("one earliest for 東北's offices")[..7].to_string()
    };
    let months_before = |first: &str| -> Vec<String> {
        (0..24)
            .map(|i| format!("{}-{:02}", 2026 + (11 + i) / 12, (11 + i) % 12 + 1))
            .take_while(|m| m.as_str() < first)
            .collect()
    };
    let built = &report["build_day"];
    assert_eq!(built["first_unfolded"], earliest_on("2026-11-01"), "{built:#}");
    assert_eq!(built["folded"], serde_json::json!(months_before(&earliest_on("2026-11-01"))), "{built:#}");
    assert_eq!(built["note"], serde_json::Value::Null, "nothing to add on the build's day");
    // Read on 2027-02-10: the months no office can keep are folded, up to the engine's
    // earliest designation on that day, and the sentence names it.
    let later = &report["later"];
    assert_eq!(later["computed"], "2026-11-01");
    let earliest = earliest_on("2027-02-10");
    assert_eq!(later["first_unfolded"], earliest, "{later:#}");
    let folded = months_before(&earliest);
    assert!(folded.len() >= 3, "{folded:?}");
    assert_eq!(later["folded"], serde_json::json!(folded), "{later:#}");
    assert_eq!(later["summary"], format!("2027年2月10日の時点で間に合わない指定日（{}か月分）", folded.len()));
    assert_eq!(later["open"], false);
    let (year, month) = (&earliest[..4], earliest[5..].trim_start_matches('0'));
    let era = format!("令和{}年{month}月1日", year.parse::<i32>().unwrap() - 2018);
    assert_eq!(later["earliest"], format!("2027年2月10日の時点で間に合う最も早い指定日は、{era}です。"));
    assert!(later["note"].as_str().unwrap().starts_with("今日（2027年2月10日）の時点で過ぎた期限"), "{later:#}");
    // A link to a folded month opens the fold.
    assert_eq!(report["later_link"]["open"], true, "{:#}", report["later_link"]);
    // A wide screen shows the navigation's links; without ::details-content, 「メニュー」 opens them.
    assert_eq!(report["wide"]["before"], serde_json::json!({ "summary": false, "links": true }), "{report:#}");
    assert_eq!(report["fallback_condition_found"], true);
    let old = &report["wide_without_details_content"];
    assert_eq!(old["before"], serde_json::json!({ "summary": true, "links": false }), "{old:#}");
    assert_eq!(old["after_press"], serde_json::json!({ "summary": true, "links": true }), "{old:#}");
    for (name, printed) in report["printed"].as_object().unwrap() {
        assert_eq!(printed["navigation_hidden"], true, "{name}");
        let pdf = printed["pdf"].as_str().unwrap();
        let info = Command::new("pdfinfo").arg(pdf).output().unwrap_or_else(|_| tool_missing("pdfinfo"));
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        assert!(info.contains("(A4)"), "{name}: A4: {info}");
        let text = Command::new("pdftotext").args([pdf, "-"]).output().unwrap_or_else(|_| tool_missing("pdftotext"));
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        assert!(!text.contains("よくある質問") && !text.contains("メニュー"), "{name}: no navigation when printed");
        assert!(text.contains("東北厚生局"), "{name}");
    }
    let _ = std::fs::remove_dir_all(&work);
}
