//! The application file v1: the example is accepted as it is, and every validation rule has a
//! case here (errors and warnings, each naming its field).

use onshi::application::{FacilityKind, LineType, Problem, Procurement, Severity};
use serde_json::{json, Value};

use crate::common::{example_with as with, load, EXAMPLE};

fn errors(json: &str) -> Vec<Problem> {
    match load(json) {
        Ok(l) => panic!("expected errors, got {:?}", l.application),
        Err(p) => p.into_iter().filter(|p| p.severity == Severity::Error).collect(),
    }
}

fn only_error(json: &str, path: &str) -> String {
    let e = errors(json);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].path, path, "{e:#?}");
    e[0].to_string()
}

fn warnings(json: &str) -> Vec<Problem> {
    load(json).unwrap_or_else(|p| panic!("{p:#?}")).warnings
}

#[test]
fn the_example_is_accepted_and_normalised() {
    let loaded = load(EXAMPLE).unwrap();
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    let a = loaded.application;
    assert_eq!(a.bureau, "kantoshinetsu");
    assert_eq!(a.facility_kind, FacilityKind::MedicalDental);
    assert_eq!(a.designation_date.to_string(), "2027-04-01");
    assert_eq!(a.reply_to.postal_code, "123-4567", "全角 digits");
    assert_eq!(a.facility.name_kana, "オンシクリニック", "ひらがな becomes カタカナ");
    assert_eq!(a.founder.name_kana, "シカク ハナコ");
    assert_eq!(a.founder.postal_code, "100-0013", "no hyphen");
    assert_eq!(a.contact_phone, "03-1234-5678", "全角 and brackets");
    assert_eq!(a.founder.signature(), "医療法人社団さくら会 理事長 資格 花子");
    let plan = a.plan.unwrap();
    assert_eq!(plan.card_reader.status, Procurement::Contracted(2));
    assert_eq!(plan.network.status, Procurement::Quoting);
    assert_eq!(plan.network.line_type, Some(LineType::IpVpn));
}

#[test]
fn versions_and_broken_files() {
    let e = errors(&with(&[("/version", json!(3))]));
    assert_eq!(e[0].path, "version");
    assert!(e[0].message.contains("この版（3）のファイルは読めません。読める版は 1、2 です。"), "{}", e[0]);
    assert!(errors(&with(&[("/version", Value::Null)]))[0].message.contains("この版（なし）"));
    let e = errors("{\"version\": 1,\n \"bureau\": }");
    assert!(e[0].message.contains("JSON として読めません（2行"), "{}", e[0]);
    assert!(errors("[1, 2]")[0].message.contains("申請ファイルの形ではありません"));
    let msg = only_error(&with(&[("/founder/nmae", json!("x"))]), "founder.nmae");
    assert!(msg.contains("この版のファイルにはない項目"), "{msg}");
}

#[test]
fn bureau_and_kind() {
    let msg = only_error(&with(&[("/bureau", json!("kanto"))]), "bureau");
    assert!(msg.contains("「kanto」という局はありません"), "{msg}");
    // The facility is in 東京都: 関東信越's, not 近畿's.
    let msg = only_error(&with(&[("/bureau", json!("kinki"))]), "bureau");
    assert!(
        msg.contains("東京都は近畿厚生局の管轄ではありません。関東信越厚生局（kantoshinetsu）を選んでください"),
        "{msg}"
    );
    let msg = only_error(&with(&[("/facility_kind", json!("hospital"))]), "facility_kind");
    assert!(msg.contains("「hospital」は選べません") && msg.contains("pharmacy（薬局）"), "{msg}");
}

#[test]
fn dates() {
    let msg = only_error(&with(&[("/designation_date", json!("2027-04-31"))]), "designation_date");
    assert!(msg.starts_with("指定希望日：2027年4月31日は存在しない日付です。"), "{msg}");
    let msg = only_error(&with(&[("/designation_date", json!("2027-04-15"))]), "designation_date");
    assert!(msg.contains("月の1日ではありません"), "{msg}");
    let msg = only_error(&with(&[("/request_date", json!("2027/01/20"))]), "request_date");
    assert!(msg.contains("日付の形ではありません"), "{msg}");
    let msg = only_error(&with(&[("/request_date", json!("2027-04-02"))]), "request_date");
    assert!(msg.contains("指定希望日（2027年4月1日）より後です"), "{msg}");
    // 全角 digits are read.
    assert!(load(&with(&[("/request_date", json!("２０２７－０１－２０"))])).is_ok());
}

#[test]
fn required_and_typed_fields() {
    let msg = only_error(&with(&[("/reply_to/name", json!("  "))]), "reply_to.name");
    assert_eq!(msg, "回答書の送付先 氏名：入力してください。");
    let msg = only_error(&with(&[("/facility/name", Value::Null)]), "facility.name");
    assert!(msg.contains("入力してください"), "{msg}");
    let msg = only_error(&with(&[("/facility/name", json!(12))]), "facility.name");
    assert!(msg.contains("文字で入力してください"), "{msg}");
    let msg = only_error(&with(&[("/transitional_measure", json!("no"))]), "transitional_measure");
    assert!(msg.contains("true か false"), "{msg}");
    let msg = only_error(&with(&[("/reply_to", json!("東京"))]), "reply_to");
    assert!(msg.contains("まとまり"), "{msg}");
}

#[test]
fn postal_codes_phones_kana_email() {
    let msg = only_error(&with(&[("/facility/postal_code", json!("123-456"))]), "facility.postal_code");
    assert!(msg.contains("数字7桁"), "{msg}");
    let msg = only_error(&with(&[("/founder/phone", json!("0221234567"))]), "founder.phone");
    assert!(msg.contains("ハイフンで区切って"), "{msg}");
    let msg = only_error(&with(&[("/contact_phone", json!("03-1234"))]), "contact_phone");
    assert!(msg.contains("10桁か11桁"), "{msg}");
    let msg = only_error(&with(&[("/founder/name_kana", json!("資格 花子"))]), "founder.name_kana");
    assert!(msg.contains("「資」は使えません") && msg.contains("カタカナ"), "{msg}");
    let msg = only_error(&with(&[("/founder/email", json!("hanako@"))]), "founder.email");
    assert!(msg.contains("メールアドレスの形ではありません"), "{msg}");
    // Email is optional: empty or absent is fine.
    assert_eq!(load(&with(&[("/founder/email", json!(""))])).unwrap().application.founder.email, None);
    assert!(load(&with(&[("/founder/email", Value::Null)])).is_ok());
}

#[test]
fn founder_person_or_corporation() {
    // A person who is not a 保険医: no corporation, no registration.
    let person = with(&[
        ("/founder/corporation_name", Value::Null),
        ("/founder/representative_title", Value::Null),
        ("/founder/registration", Value::Null),
    ]);
    let f = load(&person).unwrap().application.founder;
    assert_eq!(f.signature(), "資格 花子");
    assert_eq!(f.registration, None);
    let msg = only_error(&with(&[("/founder/representative_title", Value::Null)]), "founder.representative_title");
    assert!(msg.contains("法人の場合は代表者の職名"), "{msg}");
    let msg = only_error(&with(&[("/founder/corporation_name", json!(""))]), "founder.corporation_name");
    assert!(msg.contains("法人の名称を入力してください"), "{msg}");
}

#[test]
fn plan_rules() {
    let msg = only_error(&with(&[("/plan", Value::Null)]), "plan");
    assert!(msg.contains("導入計画書（別紙2）の内容が必要です"), "{msg}");
    // 経過措置: no plan needed, and none kept.
    let transitional = with(&[("/transitional_measure", json!(true)), ("/plan", Value::Null)]);
    assert_eq!(load(&transitional).unwrap().application.plan, None);

    let msg = only_error(&with(&[("/plan/card_reader/month", Value::Null)]), "plan.card_reader.month");
    assert!(msg.contains("イ 契約済み のときは整備予定の月"), "{msg}");
    let msg = only_error(&with(&[("/plan/network/month", json!(3))]), "plan.network.month");
    assert!(msg.contains("イ 契約済み のときだけ"), "{msg}");
    let msg = only_error(&with(&[("/plan/card_reader/month", json!(13))]), "plan.card_reader.month");
    assert!(msg.contains("1〜12"), "{msg}");
    let msg = only_error(&with(&[("/plan/card_reader/status", json!("ordered"))]), "plan.card_reader.status");
    assert!(msg.contains("contracted（イ 契約済み）"), "{msg}");
    let msg = only_error(&with(&[("/plan/card_reader/maker", Value::Null)]), "plan.card_reader.maker");
    assert!(msg.contains("入力してください"), "{msg}");
    // While quoting, the provider and the line type may still be unknown.
    let quoting = with(&[("/plan/network/provider", Value::Null), ("/plan/network/line_type", Value::Null)]);
    assert_eq!(load(&quoting).unwrap().application.plan.unwrap().network.provider, None);
    let msg = only_error(&with(&[("/plan/network/line_type", json!("adsl"))]), "plan.network.line_type");
    assert!(msg.contains("ip_vpn（IP-VPN）"), "{msg}");
    let msg = only_error(&with(&[("/plan/setup_start", json!("2027-03-16"))]), "plan.setup_start");
    assert!(msg.contains("運用開始（予定）日（2027年3月15日）より後です"), "{msg}");
}

#[test]
fn cross_field_warnings() {
    let w = warnings(&with(&[
        ("/plan/operation_start", json!("2027-04-02")),
        ("/plan/practice_start", json!("2027-04-01")),
    ]));
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].path, "plan.operation_start");
    let w = warnings(&with(&[
        ("/plan/practice_start", json!("2027-04-05")),
        ("/plan/operation_start", json!("2027-03-15")),
    ]));
    assert_eq!(w.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["plan.practice_start"]);
    let w = warnings(&with(&[("/plan/card_reader/month", json!(4))]));
    assert_eq!(w.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["plan.card_reader.month"]);
    assert!(w[0].message.contains("4月の整備では指定日（2027年4月1日）に間に合わない"), "{}", w[0]);

    // A request after the office's published deadline is returned: 東海北陸 (愛知県),
    // designation 2027-03-01 → 受付番号 by 2026-12-28.
    let late = with(&[
        ("/prefecture", json!("愛知県")),
        ("/bureau", json!("tokaihokuriku")),
        ("/facility/address", json!("愛知県名古屋市中区1-1-1")),
        ("/designation_date", json!("2027-03-01")),
        ("/request_date", json!("2027-01-05")),
        ("/plan/practice_start", json!("2027-03-01")),
        ("/plan/operation_start", json!("2027-02-20")),
        ("/plan/setup_start", json!("2027-02-15")),
        ("/plan/card_reader/month", json!(1)),
    ]);
    let w = warnings(&late);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].path, "request_date");
    assert!(w[0].message.contains("指導監査課の提出期限（令和8年12月28日）より後です"), "{}", w[0]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let json = with(&[
        ("/designation_date", json!("2027-04-31")),
        ("/facility/postal_code", json!("12")),
        ("/founder/name_kana", json!("花子")),
        ("/contact_phone", Value::Null),
        ("/plan/card_reader/status", json!("?")),
    ]);
    let paths: Vec<String> = errors(&json).into_iter().map(|p| p.path).collect();
    for path in
        ["designation_date", "facility.postal_code", "founder.name_kana", "contact_phone", "plan.card_reader.status"]
    {
        assert!(paths.iter().any(|p| p == path), "{path} in {paths:?}");
    }
}

/// The example as a version 1 file (no `prefecture`).
fn as_version_1(json: &str) -> String {
    let mut v: Value = serde_json::from_str(json).unwrap();
    v["version"] = json!(1);
    v.as_object_mut().unwrap().remove("prefecture");
    v.to_string()
}

#[test]
fn version_1_files_are_migrated() {
    // The prefecture comes from the facility's address.
    let a = load(&as_version_1(EXAMPLE)).unwrap().application;
    assert_eq!(
        (a.prefecture.as_str(), a.office.as_str()),
        ("東京都", load(EXAMPLE).unwrap().application.office.as_str())
    );
    // An address without a prefecture: a problem naming `prefecture`.
    let no_prefecture = as_version_1(&with(&[("/facility/address", json!("千代田区霞が関1-2-2"))]));
    let e = errors(&no_prefecture);
    assert!(e.iter().any(|p| p.path == "prefecture" && p.message.contains("都道府県が分かりません")), "{e:?}");
    // `prefecture` is not a key of version 1.
    let mut v: Value = serde_json::from_str(EXAMPLE).unwrap();
    v["version"] = json!(1);
    let e = errors(&v.to_string());
    assert!(e.iter().any(|p| p.path == "prefecture" && p.message.contains("この版のファイルにはない項目")), "{e:?}");
}

#[test]
fn the_prefecture_decides_the_office_and_must_match_the_address() {
    // The case: 富山県 chosen, address in 石川県 → an error naming both.
    let toyama = with(&[
        ("/prefecture", json!("富山県")),
        ("/bureau", json!("tokaihokuriku")),
        ("/facility/address", json!("石川県金沢市広坂1-1-1")),
    ]);
    let msg = only_error(&toyama, "facility.address");
    assert!(msg.contains("所在地は石川県") && msg.contains("（prefecture）は富山県"), "{msg}");
    // With a matching address the office is 富山's.
    let ok = with(&[
        ("/prefecture", json!("富山県")),
        ("/bureau", json!("tokaihokuriku")),
        ("/facility/address", json!("富山県富山市新総曲輪1-7")),
    ]);
    let a = load(&ok).unwrap().application;
    assert_eq!((a.prefecture.as_str(), a.office.as_str()), ("富山県", "toyama"));
    // An address without a prefecture is a warning only.
    let w = warnings(&with(&[("/facility/address", json!("千代田区霞が関1-2-2"))]));
    assert!(w.iter().any(|p| p.path == "facility.address"), "{w:?}");
    // Not a prefecture.
    let msg = only_error(&with(&[("/prefecture", json!("東京"))]), "prefecture");
    assert!(msg.contains("「東京」は都道府県名ではありません"), "{msg}");
}

#[test]
fn dates_in_range() {
    // 2207-04-01 printed 「令和189年」 and 1949-01-01 「令和（昭和）24年」 on 別紙1: both refused.
    for day in ["2207-04-01", "1949-01-01", "2024-01-01"] {
        let e = errors(&with(&[("/designation_date", json!(day)), ("/request_date", json!("2024-01-01"))]));
        let p = e.iter().find(|p| p.path == "designation_date").unwrap_or_else(|| panic!("{day}: {e:?}"));
        assert!(p.message.contains("2024年2月1日から2099年12月1日まで"), "{day}: {p}");
    }
    let msg = only_error(&with(&[("/request_date", json!("2023-12-31"))]), "request_date");
    assert!(msg.contains("2024年1月1日以降"), "{msg}");
    // More than four months before the designation (2027-04-01): returned as too early.
    let w = warnings(&with(&[("/request_date", json!("2026-11-30"))]));
    assert!(w.iter().any(|p| p.path == "request_date" && p.message.contains("4か月より前")), "{w:?}");
    let w = warnings(&with(&[("/request_date", json!("2026-12-01"))]));
    assert!(!w.iter().any(|p| p.message.contains("4か月より前")), "exactly four months is fine: {w:?}");
    // Plan dates within two years of the designation.
    let msg = only_error(&with(&[("/plan/setup_start", json!("2025-03-31"))]), "plan.setup_start");
    assert!(msg.contains("2年以上離れています") && msg.contains("2025年4月1日から2029年4月1日まで"), "{msg}");
}

/// The schema's fields that the file holds as values (not groups, not the version).
fn file_values() -> Vec<&'static onshi::application::Field> {
    use onshi::application::{Kind, FIELDS};
    FIELDS.iter().filter(|f| f.in_file && f.kind != Kind::Group && f.path != "version").collect()
}

#[test]
fn validation_reads_every_field_of_the_schema() {
    use onshi::application::Required;
    // The example with a value in every field (its network is quoting, so without ⑦'s month).
    let full = [("/plan/network/status", json!("contracted")), ("/plan/network/month", json!(3))];
    let original = load(&with(&full)).expect("the full example is valid").application;
    for field in file_values() {
        let pointer = format!("/{}", field.path.replace('.', "/"));
        let mut changes = full.to_vec();
        changes.push((pointer.as_str(), Value::Null));
        match load(&with(&changes)) {
            // A required field: its absence is an error at its own path.
            Err(problems) => {
                assert!(problems.iter().any(|p| p.path == field.path), "{}: {problems:#?}", field.path)
            }
            // An optional one (or one optional here, as ⑨ while quoting): the application changes,
            // so validation read it.
            Ok(loaded) => {
                assert_ne!(loaded.application, original, "{} is not read", field.path);
                assert!(
                    matches!(field.required, Required::Optional | Required::UnlessQuoting | Required::WhenContracted),
                    "{} is required by the schema but accepted without a value",
                    field.path
                );
            }
        }
    }
}

#[test]
fn readme_lists_exactly_the_fields_of_the_schema() {
    use onshi::application::{field, Required, Section};
    // The table is in docs/developers.md, "The application file (format v2)".
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/developers.md")).unwrap();
    let table = doc.split("| field | meaning | required |").nth(1).expect("docs/developers.md has the field table");
    let mut listed = Vec::new();
    for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        // `founder.postal_code`, `.address`: a leading dot continues the first path's group.
        let mut group = "";
        let mut paths = Vec::new();
        for name in cells[0].split(", ").map(|n| n.trim_matches('`')) {
            let path = match name.strip_prefix('.') {
                Some(key) => format!("{group}.{key}"),
                None => {
                    group = name.rsplit_once('.').map_or("", |(g, _)| g);
                    name.to_string()
                }
            };
            paths.push(path);
        }
        let required = cells.last().copied().unwrap_or_default();
        for path in &paths {
            let f = field(path)
                .unwrap_or_else(|| panic!("docs/developers.md lists {path}, which the schema does not have"));
            match required {
                r if r.starts_with("yes") => {
                    assert_eq!(f.required, Required::Always, "{path}: docs/developers.md says {r}")
                }
                "no" => assert_eq!(f.required, Required::Optional, "{path}: docs/developers.md says no"),
                r if r.starts_with("unless 経過措置") => assert_eq!(f.section, Some(Section::Plan), "{path}"),
                r => panic!("{path}: docs/developers.md's required column says {r:?}"),
            }
        }
        listed.extend(paths);
    }
    let mut schema: Vec<String> = file_values().iter().map(|f| f.path.to_string()).collect();
    schema.insert(0, "version".into());
    assert_eq!(listed, schema, "docs/developers.md's field table and the schema differ");
}
