//! The forms as tagged PDF/UA-1: every variant checked with a PDF/UA-1 validator
//! (`page_validation`, pure Rust), the filled ones (which carry their application file) with a
//! PDF/A-3a one as well, its pages compared pixel for pixel with the same drawing untagged, and
//! what poppler (installed by scripts/test) reads of its structure.

use onshi::pdf::{blank_forms_with, filled_forms_with, FormFile, Tagging};
use page_validation::{validate_pdf_bytes, ValidationOptions, ValidationProfile};
use serde_json::{json, Value};

use crate::common::{application, font, poppler};

/// A filled variant: its name, its changes to the example, the files it gives.
type Variant<'a> = (&'a str, &'a [(&'a str, Value)], &'a [&'a str]);

/// Every variant of the forms, tagged or not: each filled kind (医科, 歯科, 医科歯科併設 with
/// its two 別紙1, 薬局) with its 別紙2, 経過措置 (別紙1 only), and each bureau's blank forms;
/// named `variant/file`.
fn variants(tagging: Tagging) -> Vec<(String, FormFile)> {
    let content = onshi::content::repository();
    let pharmacy = [
        ("/facility_kind", json!("pharmacy")),
        ("/founder/corporation_name", Value::Null),
        ("/founder/representative_title", Value::Null),
        ("/founder/registration", Value::Null),
        ("/founder/email", Value::Null),
    ];
    let filled: [Variant; 5] = [
        ("medical", &[("/facility_kind", json!("medical"))], &["request-medical.pdf", "plan.pdf"]),
        ("dental", &[("/facility_kind", json!("dental"))], &["request-dental.pdf", "plan.pdf"]),
        ("medical_dental", &[], &["request-medical.pdf", "request-dental.pdf", "plan.pdf"]),
        ("pharmacy", &pharmacy, &["request-pharmacy.pdf", "plan.pdf"]),
        (
            "transitional",
            &[("/transitional_measure", json!(true)), ("/facility_kind", json!("medical"))],
            &["request-medical.pdf"],
        ),
    ];
    let mut all = Vec::new();
    for (variant, changes, names) in filled {
        let app = application(changes);
        let files = filled_forms_with(&app, content.bureaus.get(&app.bureau).unwrap(), font(), tagging)
            .unwrap_or_else(|p| panic!("{variant}: {p:#?}"));
        assert_eq!(files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), names, "{variant}");
        all.extend(files.into_iter().map(|f| (format!("{variant}/{}", f.name), f)));
    }
    assert_eq!(content.bureaus.iter().count(), onshi::bureaus::BUREAU_ORDER.len());
    for bureau in content.bureaus.iter() {
        let files = blank_forms_with(bureau, font(), tagging).unwrap();
        assert_eq!(files.len(), 2);
        all.extend(files.into_iter().map(|f| (format!("blank-{}/{}", bureau.id, f.name), f)));
    }
    all
}

fn validate(pdf: &[u8], profile: ValidationProfile) -> page_validation::ValidationReport {
    validate_pdf_bytes(pdf, &ValidationOptions::default().profile(profile)).unwrap()
}

fn ua1(pdf: &[u8]) -> page_validation::ValidationReport {
    validate(pdf, ValidationProfile::PdfUa1)
}

#[test]
fn every_form_passes_pdf_ua1() {
    let files = variants(Tagging::Ua1);
    assert_eq!(files.len(), 10 + 2 * onshi::bureaus::BUREAU_ORDER.len());
    let mut failed = Vec::new();
    for (name, file) in &files {
        let report = ua1(&file.bytes);
        assert!(report.rules.total > 0, "{name}: no rule ran");
        if !report.is_compliant || report.rules.failed > 0 || !report.failures.is_empty() {
            failed.push(format!("{name}:\n{report}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_filled_form_passes_pdf_a3a_and_carries_its_application() {
    let files = variants(Tagging::Ua1);
    let mut failed = Vec::new();
    let mut filled = 0;
    for (name, file) in &files {
        let attached = onshi::pdf::attached_application(&file.bytes);
        if name.starts_with("blank-") {
            // A blank form is PDF/UA-1 only: it carries nothing and claims no PDF/A (and the
            // validator sees it is none).
            assert!(attached.is_err(), "{name}");
            assert!(!file.bytes.windows(11).any(|w| w == b"pdfaid:part"), "{name}");
            assert!(!validate(&file.bytes, ValidationProfile::PdfA3a).is_compliant, "{name}");
            continue;
        }
        filled += 1;
        assert!(attached.is_ok(), "{name}: {attached:?}");
        assert!(file.bytes.windows(11).any(|w| w == b"pdfaid:part"), "{name}");
        let report = validate(&file.bytes, ValidationProfile::PdfA3a);
        assert!(report.rules.total > 0, "{name}: no rule ran");
        if !report.is_compliant || report.rules.failed > 0 || !report.failures.is_empty() {
            failed.push(format!("{name}:\n{report}"));
        }
    }
    assert_eq!(filled, 10);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The document catalog's `/Lang`, read with lopdf (where Acrobat's checker, WCAG's PDF16 and
/// screen readers look for the document's language).
fn catalog_language(pdf: &[u8]) -> Option<String> {
    let document = lopdf::Document::load_mem(pdf).ok()?;
    let lang = document.catalog().ok()?.get(b"Lang").ok()?;
    lopdf::decode_text_string(lang).ok()
}

#[test]
fn every_form_says_its_language_in_the_catalog() {
    // Blank and filled, tagged or not: the catalog says 日本語 (the structure tree's Document
    // element says it too, for the tagged: see poppler_reads_the_structure_in_reading_order).
    for tagging in [Tagging::Ua1, Tagging::Off] {
        let files = variants(tagging);
        assert!(
            files.iter().any(|(n, _)| n.starts_with("blank-")) && files.iter().any(|(n, _)| n.starts_with("medical/"))
        );
        for (name, file) in &files {
            assert_eq!(catalog_language(&file.bytes).as_deref(), Some("ja"), "{name} ({tagging:?})");
        }
    }
}

#[test]
fn the_same_forms_untagged_fail_pdf_ua1() {
    // The validator sees what tagging adds: the untagged drawing fails.
    for (name, file) in variants(Tagging::Off).iter().filter(|(n, _)| n.starts_with("medical_dental/")) {
        let report = ua1(&file.bytes);
        assert!(!report.is_compliant && report.rules.failed > 0, "{name}:\n{report}");
    }
}

#[test]
#[ignore = "needs poppler-utils (scripts/test installs it)"]
fn the_pages_look_exactly_as_untagged() {
    let tagged = variants(Tagging::Ua1);
    let untagged = variants(Tagging::Off);
    assert_eq!(tagged.len(), untagged.len());
    for ((name, t), (name_u, u)) in tagged.iter().zip(&untagged) {
        assert_eq!(name, name_u);
        assert_ne!(t.bytes, u.bytes, "{name}: the tagged file differs");
        let (raster_t, raster_u) = (
            poppler("pdftoppm", &["-r", "150", "-gray"], &t.bytes),
            poppler("pdftoppm", &["-r", "150", "-gray"], &u.bytes),
        );
        assert!(raster_t.len() > 1_000_000, "{name}: a whole A4 page at 150 dpi");
        let differing = raster_t.iter().zip(&raster_u).filter(|(a, b)| a != b).count();
        assert!(raster_t.len() == raster_u.len() && differing == 0, "{name}: {differing} pixels differ");
        for mode in ["-raw", "-layout"] {
            assert_eq!(
                poppler("pdftotext", &[mode], &t.bytes),
                poppler("pdftotext", &[mode], &u.bytes),
                "{name} {mode}"
            );
        }
    }
}

/// The text of each leaf of the structure tree in reading order, as `pdfinfo -struct-text`
/// prints it (one quoted line each; a heading's own title, on its tag's line, is left out).
fn structure_text(pdf: &[u8]) -> Vec<String> {
    // pdfinfo prints a heading's title as raw UTF-16, NULs included.
    let out = String::from_utf8_lossy(&poppler("pdfinfo", &["-struct-text"], pdf)).replace('\0', "");
    out.lines()
        .map(str::trim)
        .filter(|l| l.len() >= 2 && l.starts_with('"') && l.ends_with('"'))
        .map(|l| l[1..l.len() - 1].to_string())
        .collect()
}

/// The structure tree's tags (`Document`, `P`, `H1`, `Table`, `TR`, `TH`, `TD`, `Figure`) with
/// how often each occurs.
fn structure_tags(pdf: &[u8]) -> std::collections::BTreeMap<String, usize> {
    let out = String::from_utf8_lossy(&poppler("pdfinfo", &["-struct"], pdf)).replace('\0', "");
    let mut tags = std::collections::BTreeMap::new();
    for line in out.lines() {
        let word = line.trim().split([' ', ':']).next().unwrap_or("");
        if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric()) && line.starts_with(' ')
            || word == "Document"
        {
            *tags.entry(word.to_string()).or_insert(0) += 1;
        }
    }
    tags
}

/// `expected` in this order (not necessarily next to each other) in `items`.
fn assert_in_order(items: &[String], expected: &[&str]) {
    let mut at = 0;
    for e in expected {
        match items[at..].iter().position(|i| i == e) {
            Some(p) => at += p + 1,
            None => panic!("「{e}」 not after position {at} in:\n{items:#?}"),
        }
    }
}

/// The characters of `text` but white space, sorted.
fn characters(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    chars.sort_unstable();
    chars
}

#[test]
#[ignore = "needs poppler-utils (scripts/test installs it)"]
fn poppler_reads_the_structure_in_reading_order() {
    let files = variants(Tagging::Ua1);
    let file = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name}")).1.bytes;
    for (name, f) in &files {
        let info = String::from_utf8(poppler("pdfinfo", &[], &f.bytes)).unwrap();
        assert!(info.lines().any(|l| l.split_whitespace().eq(["Tagged:", "yes"])), "{name}:\n{info}");
        let title = info.lines().find_map(|l| l.strip_prefix("Title:")).unwrap_or_else(|| panic!("{name}:\n{info}"));
        let expected = if name.ends_with("plan.pdf") {
            "オンライン資格確認の導入計画書"
        } else {
            "受付番号 情報提供依頼書 兼 回答書"
        };
        assert!(title.trim().starts_with(expected), "{name}: {title}");
        // The catalog's language and the document element's (krilla writes both uncompressed).
        let lang = f.bytes.windows(9).filter(|w| w == b"/Lang(ja)").count();
        assert_eq!(lang, 2, "{name}: /Lang(ja) in the catalog and on the document");
        // Every character pdftotext finds is read from the structure tree, once: no text is
        // left out of it or marked as an artifact.
        let extracted = String::from_utf8(poppler("pdftotext", &["-raw"], &f.bytes)).unwrap();
        assert_eq!(characters(&structure_text(&f.bytes).concat()), characters(&extracted), "{name}");
    }

    // 別紙1: the reply address, the title as a heading, the table row by row (each label, then
    // its value), the 開設者 block label then value.
    let request = file("medical_dental/request-medical.pdf");
    let tags = structure_tags(request);
    assert_eq!(tags.get("H1"), Some(&1), "{tags:?}");
    assert_eq!(
        (tags.get("Table"), tags.get("TR"), tags.get("TH"), tags.get("TD")),
        (Some(&1), Some(&3), Some(&4), Some(&3)),
        "{tags:?}"
    );
    assert_eq!(tags.get("Figure"), Some(&1), "the circle: {tags:?}");
    assert_in_order(
        &structure_text(request),
        &[
            "別紙1",
            "（住所）",
            "〒123-4567",
            "東京都千代田区霞が関１－２－２",
            "（氏名）",
            "資格 太郎",
            "様",
            "受付番号 情報提供依頼書 兼 回答書",
            "（情報提供を希望する医療機関・薬局）",
            "医 科",
            "歯 科",
            "薬 局",
            "名 称",
            "オン資クリニック",
            "所在地",
            "〒123-4567",
            "東京都千代田区霞が関1-2-2",
            "指定希望日（予定）",
            "令和",
            "9",
            "年",
            "4",
            "月",
            "1",
            "日",
            "上記のとおり依頼します。",
            "関東信越厚生局 御中",
            "開設者",
            "（氏名）※法人の場合は、名称、代表者の職・氏名",
            "医療法人社団さくら会 理事長 資格 花子",
            "（保険医又は保険薬剤師の登録の記号及び番号）",
            "医123456",
            "担当者の連絡先（電話番号）",
            "03-1234-5678",
            "上記の依頼について、受付番号を回答します。",
            "（公 印 省 略）",
        ],
    );

    // 別紙2: two headings under the title, part I's two tables, a table per section of
    // part II, each row's label then its value.
    let plan = file("medical_dental/plan.pdf");
    let tags = structure_tags(plan);
    assert_eq!((tags.get("H1"), tags.get("H2")), (Some(&1), Some(&2)), "{tags:?}");
    // Part I: ① 3 rows (4 header and 3 data cells), ② 4 rows (7 and 6); part II: a table per
    // section, its title row and 2, 2, 3 and 4 rows.
    assert_eq!((tags.get("Table"), tags.get("TR")), (Some(&6), Some(&(3 + 4 + 4 + 11))), "{tags:?}");
    assert_eq!((tags.get("TH"), tags.get("TD")), (Some(&(4 + 7 + 4 + 11)), Some(&(3 + 6 + 11))), "{tags:?}");
    assert_in_order(
        &structure_text(plan),
        &[
            "オンライン資格確認の導入計画書",
            "I. 医療機関・薬局の基本情報",
            "① 医療機関",
            "・薬局",
            "（フリガナ）",
            "オンシクリニック",
            "名 称",
            "オン資クリニック",
            "所在地",
            "〒123-4567",
            "② 開設者",
            "（フリガナ）",
            "シカク ハナコ",
            "保険医又は保険薬剤",
            "番号",
            "医123456",
            "氏 名",
            "資格 花子",
            "住 所",
            "〒100-0013",
            "東京都千代田区霞が関3-3-3",
            "電話番号",
            "03-1234-5678",
            "Email（任意）",
            "hanako@example.jp",
            "II. 届出内容",
            "(1) ポータルサイト関係手続",
            "③ アカウント作成（済み／未実施）",
            "未実施",
            "(2) カードリーダー",
            "⑤ 調達状況（ア～ウから選択）",
            "［ア 整備済み　イ 契約済み（　月整備予定）　ウ 見積もり中］",
            "イ 契約済み（2月整備予定）",
            "⑥ メーカー名",
            "キヤノンマーケティングジャパン株式会社",
            "⑬ 診療・調剤開始（予定）日",
            "西暦",
            "2027",
            "年",
            "4",
            "月",
            "1",
            "日",
            "※ 本計画書は、保険医療機関等の指定申請書に添付して、地方厚生（支）局に提出してください。",
        ],
    );

    // A blank 別紙2 has the same table cells, the empty ones included.
    let blank = structure_tags(file("blank-shikoku/plan.pdf"));
    assert_eq!((blank.get("TH"), blank.get("TD")), (tags.get("TH"), tags.get("TD")), "{blank:?}");
}
