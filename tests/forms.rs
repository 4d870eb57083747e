//! The forms as PDF, checked with poppler (installed by scripts/test): the text that
//! `pdftotext` extracts, the fonts `pdffonts` lists, and pixels `pdftoppm` renders; and the
//! application file each filled form carries, read back (a property test), the same bytes
//! from two runs.

use onshi::application::Application;
use onshi::pdf::{application_file, attached_application, blank_forms, filled_forms, FormFile};
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::common::{application, example_with, font, load, poppler};

fn forms(app: &Application) -> Vec<FormFile> {
    filled_forms(app, onshi::content::repository().bureaus.get(&app.bureau).unwrap(), font())
        .unwrap_or_else(|p| panic!("{p:#?}"))
}

fn names(files: &[FormFile]) -> Vec<&str> {
    files.iter().map(|f| f.name.as_str()).collect()
}

fn file<'a>(files: &'a [FormFile], name: &str) -> &'a [u8] {
    &files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name} in {:?}", names(files))).bytes
}

/// The text in reading order, words separated by one space.
fn text(pdf: &[u8]) -> String {
    String::from_utf8(poppler("pdftotext", &["-raw"], pdf)).unwrap()
}

fn assert_contains(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "「{e}」 not in:\n{text}");
    }
}

#[test]
#[ignore = "needs poppler-utils (scripts/test installs it)"]
fn the_example_gives_two_requests_and_a_plan() {
    let files = forms(&application(&[]));
    assert_eq!(names(&files), ["request-medical.pdf", "request-dental.pdf", "plan.pdf"]);
    for name in ["request-medical.pdf", "request-dental.pdf"] {
        let t = text(file(&files, name));
        assert_contains(
            &t,
            &[
                "〒123-4567",
                "東京都千代田区霞が関１－２－２",
                "資格 太郎",
                "受付番号 情報提供依頼書 兼 回答書",
                "オン資クリニック",
                "東京都千代田区霞が関1-2-2",
                "令和 9 年 4 月 1 日",
                "令和 9 年 1 月 20 日",
                "関東信越厚生局 御中",
                "医療法人社団さくら会 理事長 資格 花子",
                "医123456",
                "03-1234-5678",
            ],
        );
    }
    let t = text(file(&files, "plan.pdf"));
    assert_contains(
        &t,
        &[
            "オンライン資格確認の導入計画書",
            "オンシクリニック",
            "シカク ハナコ",
            "〒100-0013",
            "東京都千代田区霞が関3-3-3",
            "hanako@example.jp",
            "イ 契約済み（2月整備予定）",
            "キヤノンマーケティングジャパン株式会社",
            "ウ 見積もり中",
            "NTT東日本",
            "IP-VPN",
            "西暦 2027 年 2 月 15 日",
            "株式会社オン資システム",
            "西暦 2027 年 3 月 15 日",
            "西暦 2027 年 4 月 1 日",
            "未実施",
        ],
    );
    for f in &files {
        assert_eq!(&f.bytes[..5], b"%PDF-", "{}", f.name);
        assert!(f.bytes.len() < 200 * 1024, "{} is {} bytes", f.name, f.bytes.len());
    }
}

#[test]
#[ignore = "needs poppler-utils (scripts/test installs it)"]
fn the_font_is_embedded_as_a_subset() {
    let files = forms(&application(&[]));
    for f in &files {
        let list = String::from_utf8(poppler("pdffonts", &[], &f.bytes)).unwrap();
        let rows: Vec<&str> = list.lines().skip(2).collect();
        assert_eq!(rows.len(), 1, "{list}");
        let cols: Vec<&str> = rows[0].split_whitespace().collect();
        assert!(cols[0].contains('+') && cols[0].ends_with("NotoSansJP-Regular"), "{list}");
        // emb, sub, uni
        assert_eq!(&cols[cols.len() - 5..cols.len() - 2], ["yes", "yes", "yes"], "{list}");
    }
}

#[test]
#[ignore = "needs poppler-utils (scripts/test installs it)"]
fn variants() {
    // A person who is not a 保険医, a pharmacy.
    let pharmacy = application(&[
        ("/facility_kind", json!("pharmacy")),
        ("/founder/corporation_name", Value::Null),
        ("/founder/representative_title", Value::Null),
        ("/founder/registration", Value::Null),
    ]);
    let files = forms(&pharmacy);
    assert_eq!(names(&files), ["request-pharmacy.pdf", "plan.pdf"]);
    let t = text(file(&files, "request-pharmacy.pdf"));
    assert!(t.lines().any(|l| l.trim() == "資格 花子"), "the founder alone:\n{t}");
    assert!(!t.contains("医123456"));

    // 経過措置: 別紙1 only.
    let transitional = application(&[("/transitional_measure", json!(true)), ("/facility_kind", json!("medical"))]);
    assert_eq!(names(&forms(&transitional)), ["request-medical.pdf"]);

    // 令和元年: no valid file has such dates any more (designations from 2024-02), so the
    // printing of 元年 is checked on an application changed after validation.
    let mut gannen = application(&[]);
    gannen.designation_date = "2019-07-01".parse().unwrap();
    gannen.request_date = "2019-05-07".parse().unwrap();
    let t = text(file(&forms(&gannen), "request-dental.pdf"));
    assert_contains(&t, &["令和 元 年 7 月 1 日", "令和 元 年 5 月 7 日"]);

    // Names beyond JIS X 0208, and markup, print as typed.
    let names_app = application(&[
        ("/founder/name", json!("髙﨑 𠮷子")),
        ("/facility/name", json!("<script>alert(1)</script>クリニック")),
    ]);
    let files = forms(&names_app);
    let t = text(file(&files, "request-medical.pdf"));
    assert_contains(&t, &["医療法人社団さくら会 理事長 髙﨑 𠮷子", "<script>alert(1)</script>クリニック"]);
    assert_contains(&text(file(&files, "plan.pdf")), &["髙﨑 𠮷子", "<script>alert(1)</script>クリニック"]);
}

#[test]
fn a_character_the_font_lacks_is_refused_with_its_field() {
    let app = application(&[("/founder/name", json!("資格 𪚲子")), ("/plan/system_vendor", json!("株式会社≒"))]);
    let bureau = onshi::content::repository().bureaus.get(&app.bureau).unwrap();
    let problems = filled_forms(&app, bureau, font()).unwrap_err();
    let shown: Vec<String> = problems.iter().map(|p| format!("{} {}", p.path, p)).collect();
    assert_eq!(problems.len(), 2, "{shown:#?}");
    assert_eq!(problems[0].path, "founder.name");
    assert!(problems[0].to_string().contains("「𪚲」（U+2A6B2）は用紙の字体にないため印刷できません"), "{shown:#?}");
    assert_eq!(problems[1].path, "plan.system_vendor");
    assert!(problems[1].to_string().contains("「≒」"), "{shown:#?}");
}

#[test]
fn a_value_too_long_for_its_cell_is_refused() {
    let app = application(&[("/facility/name", json!("あ".repeat(200)))]);
    let problems =
        filled_forms(&app, onshi::content::repository().bureaus.get(&app.bureau).unwrap(), font()).unwrap_err();
    assert!(problems.iter().all(|p| p.path == "facility.name"), "{problems:#?}");
    assert!(problems[0].message.contains("200文字あり、用紙の欄に収まりません"), "{problems:#?}");
}

/// Dark pixels on the ring of the circle drawn around a kind label (医, 歯, 薬) on 別紙1, found
/// by the label's position in `pdftotext -bbox`.
fn circled(pdf: &[u8], label: &str) -> bool {
    let bbox = String::from_utf8(poppler("pdftotext", &["-bbox"], pdf)).unwrap();
    // The labels are printed 「医 科」, so the first character is a word of its own.
    let word =
        bbox.lines().find(|l| l.ends_with(&format!(">{label}</word>"))).unwrap_or_else(|| panic!("{label} in {bbox}"));
    let attr = |name: &str| -> f32 {
        let start = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        word[start..].split('"').next().unwrap().parse().unwrap()
    };
    let cy = (attr("yMin") + attr("yMax")) / 2.0;
    // The kind column is 64 pt wide from x = 56; the ring's left and right ends are ±22 pt.
    let cx = 56.0 + 32.0;
    let raster = poppler("pdftoppm", &["-r", "72", "-gray"], pdf);
    // PGM: "P5\n<w> <h>\n255\n" then bytes.
    let header: Vec<&[u8]> = raster.splitn(4, |b| b.is_ascii_whitespace()).collect();
    let width: usize = std::str::from_utf8(header[1]).unwrap().parse().unwrap();
    let data_start = raster.len() - width * std::str::from_utf8(header[2]).unwrap().parse::<usize>().unwrap();
    let pixel = |x: f32, y: f32| raster[data_start + y.round() as usize * width + x.round() as usize];
    [cx - 22.0, cx + 22.0].iter().all(|x| (-2..=2).any(|dx| pixel(x + dx as f32, cy) < 128))
}

#[test]
#[ignore = "needs poppler-utils (scripts/test installs it)"]
fn the_kind_is_circled() {
    let files = forms(&application(&[]));
    let medical = file(&files, "request-medical.pdf");
    let dental = file(&files, "request-dental.pdf");
    assert!(circled(medical, "医") && !circled(medical, "歯") && !circled(medical, "薬"));
    assert!(circled(dental, "歯") && !circled(dental, "医") && !circled(dental, "薬"));
}

#[test]
#[ignore = "needs poppler-utils (scripts/test installs it)"]
fn blank_forms_carry_only_the_bureau_name() {
    let bureau = onshi::content::repository().bureaus.get("shikoku").unwrap();
    let files = blank_forms(bureau, font()).unwrap();
    assert_eq!(names(&files), ["request.pdf", "plan.pdf"]);
    let t = text(file(&files, "request.pdf"));
    assert_contains(&t, &["四国厚生支局 御中", "受付番号 情報提供依頼書 兼 回答書", "令和", "（公 印 省 略）"]);
    assert!(!t.contains("オン資クリニック") && !t.contains("〒1"), "{t}");
    assert!(!circled(file(&files, "request.pdf"), "医"));
    assert_contains(&text(file(&files, "plan.pdf")), &["オンライン資格確認の導入計画書", "⑬ 診療・調剤開始（予定）日"]);
}

#[test]
fn the_print_limits_agree_with_the_forms() {
    // What the wizard checks on the page (full-width characters per field) is what the PDF
    // step measures: the limit fits, one more character does not.
    let limits = onshi::pdf::print_limits(font());
    for path in ["facility.name", "facility.address", "reply_to.name", "founder.address", "plan.system_vendor"] {
        assert!(limits.contains_key(path), "{path} in {limits:?}");
    }
    let content = onshi::content::repository();
    for (path, pointer) in [("facility.name", "/facility/name"), ("plan.system_vendor", "/plan/system_vendor")] {
        let limit = limits[path];
        let at = |n: usize| example_with(&[(pointer, serde_json::json!("あ".repeat(n)))]);
        // The PDF: the limit prints, one more is refused.
        let fits = load(&at(limit)).unwrap().application;
        assert!(forms(&fits).len() >= 2, "{path}: {limit} characters print");
        let over = load(&at(limit + 1)).unwrap().application;
        let problems = filled_forms(&over, content.bureaus.get(&over.bureau).unwrap(), font()).unwrap_err();
        assert!(problems.iter().any(|p| p.path == path && p.message.contains("収まりません")), "{path}: {problems:?}");
        // The page: with the limits, the same is refused when the file is read.
        let mut with_limits = content.clone();
        with_limits.print_limits = limits.clone();
        assert!(onshi::application::load(&at(limit), &with_limits).is_ok(), "{path}");
        let e = onshi::application::load(&at(limit + 1), &with_limits).unwrap_err();
        let p = e.iter().find(|p| p.path == path).unwrap_or_else(|| panic!("{path}: {e:?}"));
        assert!(p.message.contains(&format!("全角でおよそ{limit}文字まで")), "{p}");
    }
}

/// What the round trip varies in the example: the choices (kind, 経過措置, each procurement's
/// status and month, the dates), which optional fields are given, and the texts as typed
/// (全角 or 半角 digits, ひらがな フリガナ).
#[derive(Debug, Clone)]
struct Variation {
    kind: &'static str,
    transitional: bool,
    statuses: (&'static str, &'static str),
    month: u32,
    /// Months after 2027-04 of the designation.
    designation: u32,
    days_before: u64,
    optional: (bool, bool, bool),
    facility: String,
    founder: String,
    kana: String,
    postal: String,
    full_width: bool,
}

fn chars(pool: &'static str, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pool.chars().collect::<Vec<_>>()), 1..max)
        .prop_map(|cs| cs.into_iter().collect())
}

fn any_variation() -> impl Strategy<Value = Variation> {
    let kind = prop::sample::select(vec!["medical", "dental", "medical_dental", "pharmacy"]);
    let status = || prop::sample::select(vec!["ready", "contracted", "quoting"]);
    let text = || chars("オン資クリニック山田花子太郎東京都千代田区霞が関髙﨑ＡＢｃ株式会社１２3", 14);
    (
        (kind, any::<bool>(), (status(), status()), 1u32..=12, 0u32..12, 10u64..100),
        ((any::<bool>(), any::<bool>(), any::<bool>()), text(), text(), chars("あいうえおかきくけこアイウエオン", 12)),
        ("[0-9]{7}", any::<bool>()),
    )
        .prop_map(
            |(
                (kind, transitional, statuses, month, designation, days_before),
                (optional, facility, founder, kana),
                (postal, full_width),
            )| Variation {
                kind,
                transitional,
                statuses,
                month,
                designation,
                days_before,
                optional,
                facility,
                founder,
                kana,
                postal,
                full_width,
            },
        )
}

/// The example changed as `v` says: an application file that loads.
fn application_file_of(v: &Variation) -> String {
    use chrono::{Days, Months, NaiveDate};
    let designation = NaiveDate::from_ymd_opt(2027, 4, 1).unwrap() + Months::new(v.designation);
    let date = |days: u64| json!((designation - Days::new(days)).to_string());
    let postal: String = if v.full_width {
        v.postal.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap()).collect()
    } else {
        v.postal.clone()
    };
    let (email, corporation, plan_optional) = v.optional;
    let mut changes: Vec<(String, Value)> = vec![
        ("/facility_kind", json!(v.kind)),
        ("/transitional_measure", json!(v.transitional)),
        ("/designation_date", json!(designation.to_string())),
        ("/request_date", date(v.days_before)),
        ("/facility/name", json!(v.facility)),
        ("/facility/name_kana", json!(v.kana)),
        ("/facility/postal_code", json!(postal)),
        ("/founder/name", json!(v.founder)),
        ("/founder/name_kana", json!(v.kana)),
        ("/reply_to/postal_code", json!(postal)),
        ("/plan/practice_start", json!(designation.to_string())),
        ("/plan/operation_start", date(15)),
        ("/plan/setup_start", date(45)),
    ]
    .into_iter()
    .map(|(p, v)| (p.to_string(), v))
    .collect();
    let mut remove = |pointer: &str| changes.push((pointer.to_string(), Value::Null));
    if v.kind == "pharmacy" || !corporation {
        remove("/founder/corporation_name");
        remove("/founder/representative_title");
    }
    if v.kind == "pharmacy" {
        remove("/founder/registration");
    }
    if v.kind == "pharmacy" || !email {
        remove("/founder/email");
    }
    if v.transitional {
        remove("/plan");
    }
    let groups = if v.transitional { vec![] } else { vec![("card_reader", v.statuses.0), ("network", v.statuses.1)] };
    for (group, status) in groups {
        let month = if status == "contracted" { json!(v.month) } else { Value::Null };
        changes.push((format!("/plan/{group}/status"), json!(status)));
        changes.push((format!("/plan/{group}/month"), month));
        if status == "quoting" && !plan_optional {
            let optional: &[&str] = if group == "card_reader" { &["maker"] } else { &["provider", "line_type"] };
            changes.extend(optional.iter().map(|key| (format!("/plan/{group}/{key}"), Value::Null)));
        }
    }
    let changes: Vec<(&str, Value)> = changes.iter().map(|(p, v)| (p.as_str(), v.clone())).collect();
    example_with(&changes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// application → filled forms → the file each carries → the same application.
    #[test]
    fn every_filled_form_carries_its_application(v in any_variation()) {
        let file = application_file_of(&v);
        let app = load(&file).unwrap_or_else(|p| panic!("{file}\n{p:#?}")).application;
        let files = forms(&app);
        prop_assert!(!files.is_empty());
        for f in &files {
            let attached = attached_application(&f.bytes).unwrap_or_else(|e| panic!("{}: {e}", f.name));
            prop_assert_eq!(&attached, &application_file(&app), "{}", f.name);
            let back = load(&attached).unwrap_or_else(|p| panic!("{attached}\n{p:#?}")).application;
            prop_assert_eq!(&back, &app, "{}", f.name);
        }
    }
}

#[test]
fn two_runs_give_the_same_bytes() {
    let app = application(&[]);
    assert_eq!(forms(&app), forms(&app));
    let bureau = onshi::content::repository().bureaus.get(&app.bureau).unwrap();
    assert_eq!(blank_forms(bureau, font()).unwrap(), blank_forms(bureau, font()).unwrap());
}

#[test]
fn the_attached_file_is_the_application_file() {
    let app = application(&[]);
    let attached = attached_application(file(&forms(&app), "plan.pdf")).unwrap();
    // As the wizard saves it: the example's values normalised, every field of the file.
    let v: Value = serde_json::from_str(&attached).unwrap();
    assert_eq!(v["version"], 2);
    assert_eq!(v["reply_to"]["postal_code"], "123-4567");
    assert_eq!(v["facility"]["name_kana"], "オンシクリニック");
    assert_eq!(
        v["plan"]["card_reader"],
        json!({"status": "contracted", "month": 2, "maker": "キヤノンマーケティングジャパン株式会社"})
    );
    assert_eq!(v["plan"]["network"], json!({"status": "quoting", "provider": "NTT東日本", "line_type": "ip_vpn"}));
    assert!(v.get("office").is_none());
}

#[test]
fn a_blank_form_or_another_file_carries_no_application() {
    let bureau = onshi::content::repository().bureaus.get("kyushu").unwrap();
    for blank in blank_forms(bureau, font()).unwrap() {
        let e = attached_application(&blank.bytes).unwrap_err();
        assert!(e.contains("申請ファイルが入っていません"), "{}: {e}", blank.name);
    }
    let e = attached_application(b"{\"version\": 2}").unwrap_err();
    assert!(e.starts_with("PDF ではありません"), "{e}");
    let e = attached_application(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog").unwrap_err();
    assert!(e.contains("壊れて"), "{e}");
    // Damaged where the attachment is: the file is not given back half read.
    let pdf = file(&forms(&application(&[])), "plan.pdf").to_vec();
    let e = attached_application(&pdf[..pdf.len() / 2]).unwrap_err();
    assert!(e.contains("壊れて"), "{e}");
}
