//! Schedules against the rules as the notice and the bureaus state them. Every expected date
//! below was worked out by hand from the rule and the calendar (the comment says how).

use chrono::{Datelike, NaiveDate};
use onshi::bureaus::{parse_bureau, Bureau};
use onshi::content::Content;
use onshi::schedule::{compute, Schedule, ScheduleError, ScheduleInput, StepId};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn content() -> &'static Content {
    onshi::content::repository()
}

fn bureau(id: &str) -> &'static Bureau {
    content().bureaus.get(id).unwrap()
}

fn schedule(
    bureau_id: &str,
    office: Option<&str>,
    designation: &str,
    setup: Option<&str>,
    today: Option<&str>,
) -> Schedule {
    let b = bureau(bureau_id);
    compute(&ScheduleInput {
        content: content(),
        transitional: false,
        bureau: b,
        office: office.map(|o| b.office(o).unwrap()),
        designation: d(designation),
        setup: setup.map(d),
        today: today.map(d),
    })
    .unwrap()
}

fn date_of(s: &Schedule, id: StepId) -> Option<NaiveDate> {
    s.step(id).date
}

#[test]
fn step_ids_are_the_notices_in_order() {
    let s = schedule("tohoku", None, "2027-03-01", None, None);
    let ids: Vec<&str> = s.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "card_reader_order",
            "network_order",
            "vendor_order",
            "reception_request",
            "reception_reply",
            "reception_submit",
            "portal_account",
            "usage_application",
            "device_setup",
            "operation_test",
            "operation_start_entry",
            "designation_application",
            "online_claim_application",
            "designation",
        ]
    );
    let json = serde_json::to_value(&s).unwrap();
    let keys: Vec<&str> = json["steps"][0].as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["id", "date", "actor", "title", "source", "approximate", "closed_day", "note"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert_eq!(json["feasible"], serde_json::Value::Null, "no judgement without today");
}

#[test]
fn reception_request_new_year_2027_each_policy() {
    // Designation 2027-03-01 → the rules look at January 2027; 1/1 is 元日, 1/1–1/3 closed,
    // 12/29–12/31 closed, 12/28 (Mon) and 1/4 (Mon) open.
    // 東海北陸: the 1st, previous open day → 2026-12-28 (DOMAIN.md's example).
    let s = schedule("tokaihokuriku", Some("toyama"), "2027-03-01", None, None);
    assert_eq!(date_of(&s, StepId::ReceptionRequest), Some(d("2026-12-28")));
    let step = s.step(StepId::ReceptionRequest);
    assert!(!step.approximate && !step.closed_day);
    assert!(step.note().unwrap().contains("元日"));
    // 四国: the first open day of the month → 2027-01-04 (DOMAIN.md's example).
    let s = schedule("shikoku", Some("kagawa"), "2027-03-01", None, None);
    assert_eq!(date_of(&s, StepId::ReceptionRequest), Some(d("2027-01-04")));
    // 東北: the 5th, next open day: 2027-01-05 is a Tuesday, open.
    let s = schedule("tohoku", Some("aomori"), "2027-03-01", None, None);
    assert_eq!(date_of(&s, StepId::ReceptionRequest), Some(d("2027-01-05")));
}

#[test]
fn reception_request_new_year_2028_each_policy() {
    // Designation 2028-03-01 → January 2028: 1/1 Sat, 1/2 Sun, 1/3 Mon (年末年始), 1/4 Tue open;
    // 2027-12-29..31 closed, 12/28 (Tue) open; 1/5 (Wed) open.
    assert_eq!(
        date_of(&schedule("tokaihokuriku", None, "2028-03-01", None, None), StepId::ReceptionRequest),
        Some(d("2027-12-28"))
    );
    assert_eq!(
        date_of(&schedule("shikoku", None, "2028-03-01", None, None), StepId::ReceptionRequest),
        Some(d("2028-01-04"))
    );
    assert_eq!(
        date_of(&schedule("tohoku", None, "2028-03-01", None, None), StepId::ReceptionRequest),
        Some(d("2028-01-05"))
    );
}

#[test]
fn reception_request_golden_week_each_policy() {
    // Designation 2026-07-01 → May 2026: 5/1 Fri open; 5/3 Sun (憲法記念日), 5/4 みどりの日,
    // 5/5 こどもの日, 5/6 振替休日, 5/7 Thu open.
    assert_eq!(
        date_of(&schedule("tokaihokuriku", None, "2026-07-01", None, None), StepId::ReceptionRequest),
        Some(d("2026-05-01"))
    );
    assert_eq!(
        date_of(&schedule("shikoku", None, "2026-07-01", None, None), StepId::ReceptionRequest),
        Some(d("2026-05-01"))
    );
    let s = schedule("tohoku", None, "2026-07-01", None, None);
    assert_eq!(date_of(&s, StepId::ReceptionRequest), Some(d("2026-05-07")), "5/5 and 5/6 closed");
    assert!(s.step(StepId::ReceptionRequest).note().unwrap().contains("こどもの日"));
    // Designation 2027-07-01 → May 2027: 5/1 Sat, 5/2 Sun, 5/3–5/5 holidays, 5/6 Thu open;
    // 4/30 Fri open (4/29 昭和の日).
    assert_eq!(
        date_of(&schedule("tokaihokuriku", None, "2027-07-01", None, None), StepId::ReceptionRequest),
        Some(d("2027-04-30"))
    );
    assert_eq!(
        date_of(&schedule("shikoku", None, "2027-07-01", None, None), StepId::ReceptionRequest),
        Some(d("2027-05-06"))
    );
    assert_eq!(
        date_of(&schedule("tohoku", None, "2027-07-01", None, None), StepId::ReceptionRequest),
        Some(d("2027-05-06"))
    );
}

#[test]
fn closed_day_policy_none_keeps_the_date_and_flags_it() {
    let text = r#"
id = "kinki"
name = "近畿厚生局"
prefectures = ["福井県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県"]
official_site = "https://kouseikyoku.mhlw.go.jp/kinki/"

[reception_request]
rule = { month_offset = -2, day = 1, closed_day = "none" }
source = { title = "試験用の定め" }

[designation_application]
rule = "unknown"
source = { title = "試験用の定め" }

[[office]]
id = "all"
name = "試験用の事務所"
prefectures = ["福井県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県"]
postal_code = "unknown"
address = "unknown"
phone = "unknown"
"#;
    let b = parse_bureau("content/bureaus/kinki.toml", text).unwrap();
    let s = compute(&ScheduleInput {
        content: content(),
        transitional: false,
        bureau: &b,
        office: None,
        designation: d("2027-03-01"),
        setup: None,
        today: None,
    })
    .unwrap();
    let step = s.step(StepId::ReceptionRequest);
    assert_eq!(step.date, Some(d("2027-01-01")));
    assert!(step.closed_day && !step.approximate);
    assert!(step.note().unwrap().contains("閉庁日（元日）"), "{:?}", step.note());
    assert!(step.note().unwrap().contains("前の開庁日 令和8年12月28日（月） までに"), "{:?}", step.note());
    // The bureau's rule keeps the day; the earlier day is this site's suggestion.
    assert!(step.note().unwrap().contains("局の期限は、閉庁日でもこの日です。この案内からの提案"), "{:?}", step.note());
}

#[test]
fn notice_dates_reply_submit_portal_claim() {
    // Designation 2028-03-01: 1/10/2028 is 成人の日 (2nd Monday) → reply 1/11 (第1 1(2));
    // 1/15/2028 is a Saturday → kept, flagged, previous open day 1/14 suggested (第3(2));
    // portal: 4 business days after Sat 1/15 → 1/17, 1/18, 1/19, 1/20.
    let s = schedule("tohoku", None, "2028-03-01", None, None);
    assert_eq!(date_of(&s, StepId::ReceptionReply), Some(d("2028-01-11")));
    let submit = s.step(StepId::ReceptionSubmit);
    assert_eq!(submit.date, Some(d("2028-01-15")));
    assert!(submit.closed_day);
    assert!(submit.note().unwrap().contains("前の開庁日 令和10年1月14日（金）"), "{:?}", submit.note());
    // The notice says nothing of a closed 15th: the earlier day is this site's suggestion.
    assert!(
        submit.note().unwrap().contains("閉庁日に当たるときの扱いは、通知に書かれていません。この案内からの提案"),
        "{:?}",
        submit.note()
    );
    assert_eq!(date_of(&s, StepId::PortalAccount), Some(d("2028-01-20")));
    // オンライン請求: 2/20/2028 is a Sunday → kept and flagged.
    let claim = s.step(StepId::OnlineClaimApplication);
    assert_eq!(claim.date, Some(d("2028-02-20")));
    assert!(claim.closed_day);
    assert!(claim.note().unwrap().contains("前の開庁日 令和10年2月18日（金）"));
    assert!(claim.note().unwrap().contains("通知に書かれていません"), "{:?}", claim.note());
    // ① ② D − 3 months, 目安.
    assert_eq!(date_of(&s, StepId::CardReaderOrder), Some(d("2027-12-01")));
    assert!(s.step(StepId::CardReaderOrder).approximate);
    assert_eq!(date_of(&s, StepId::NetworkOrder), Some(d("2027-12-01")));
    assert_eq!(date_of(&s, StepId::Designation), Some(d("2028-03-01")));
}

#[test]
fn usage_application_counts_business_days_before_setup() {
    // Set-up 2027-02-15 (Mon); 2/11 建国記念の日: 2/12, 2/10, 2/9, 2/8, 2/5 → 2027-02-05.
    let s = schedule("tohoku", None, "2027-03-01", Some("2027-02-15"), None);
    assert_eq!(date_of(&s, StepId::UsageApplication), Some(d("2027-02-05")));
    assert_eq!(date_of(&s, StepId::DeviceSetup), Some(d("2027-02-15")));
    // Golden Week: set-up 2027-05-07 (Fri): 5/6, 4/30, 4/28, 4/27, 4/26 → 2027-04-26.
    let s = schedule("tohoku", None, "2027-06-01", Some("2027-05-07"), None);
    assert_eq!(date_of(&s, StepId::UsageApplication), Some(d("2027-04-26")));
    // Without a set-up date it depends on it.
    let s = schedule("tohoku", None, "2027-03-01", None, None);
    assert_eq!(date_of(&s, StepId::UsageApplication), None);
    assert!(s
        .step(StepId::UsageApplication)
        .note()
        .unwrap()
        .contains("「機器設定作業」の日が決まると日付が決まります"));
    // A set-up on or after the designation is warned about.
    let s = schedule("tohoku", None, "2027-03-01", Some("2027-03-02"), None);
    assert!(s.step(StepId::DeviceSetup).note().unwrap().contains("指定日以降"));
    // A set-up before the portal account can exist is warned about on ⑧.
    let s = schedule("tohoku", None, "2027-03-01", Some("2027-01-22"), None);
    assert!(s.step(StepId::UsageApplication).note().unwrap().contains("アカウント登録"));
}

#[test]
fn designation_application_per_office_rules() {
    // Designation 2027-03-01 → February 2027. 富山・岐阜: 20th, previous open day: 2/20 Sat → 2/19.
    // 石川・静岡・三重: 15th, next open day: 2/15 Mon. 愛知: unknown → 目安 2027-02-01.
    let at = |office| {
        date_of(&schedule("tokaihokuriku", Some(office), "2027-03-01", None, None), StepId::DesignationApplication)
    };
    assert_eq!(at("toyama"), Some(d("2027-02-19")));
    assert_eq!(at("gifu"), Some(d("2027-02-19")));
    assert_eq!(at("ishikawa"), Some(d("2027-02-15")));
    assert_eq!(at("shizuoka"), Some(d("2027-02-15")));
    assert_eq!(at("mie"), Some(d("2027-02-15")));
    let aichi = schedule("tokaihokuriku", Some("shido_kansa"), "2027-03-01", None, None);
    assert_eq!(date_of(&aichi, StepId::DesignationApplication), Some(d("2027-02-01")));
    assert!(aichi.step(StepId::DesignationApplication).approximate);
    // Designation 2027-06-01 → May 2027: 石川 15th = Saturday → next open day 5/17 (Mon);
    // 富山 20th = Thursday.
    let s = schedule("tokaihokuriku", Some("ishikawa"), "2027-06-01", None, None);
    assert_eq!(date_of(&s, StepId::DesignationApplication), Some(d("2027-05-17")));
    // 北海道: 20th, next open day; designation 2027-01-01 → 2026-12-20 is a Sunday → 12/21.
    let s = schedule("hokkaido", None, "2027-01-01", None, None);
    assert_eq!(date_of(&s, StepId::DesignationApplication), Some(d("2026-12-21")));

    // Without --office: differing dates give null and every office's date in the note.
    let s = schedule("tokaihokuriku", None, "2027-03-01", None, None);
    let step = s.step(StepId::DesignationApplication);
    assert_eq!(step.date, None);
    let note = step.note().unwrap();
    for line in [
        "富山事務所：令和9年2月19日（金）",
        "石川事務所：令和9年2月15日（月）",
        "指導監査課：令和9年2月1日（月）（目安・期限未確認）",
    ] {
        assert!(note.contains(line), "{line} in {note}");
    }
    // …while a bureau-wide rule gives its date.
    assert_eq!(date_of(&s, StepId::ReceptionRequest), Some(d("2026-12-28")));
}

#[test]
fn unknown_rules_give_the_notices_guideline() {
    // 近畿: both rules unknown → 目安 D − 2 months and D − 1 month, marked approximate.
    // 2027-01-01 is 元日: a 目安 on a closed day moves to the previous open day, 2026-12-28.
    let s = schedule("kinki", None, "2027-03-01", None, None);
    let request = s.step(StepId::ReceptionRequest);
    assert_eq!((request.date, request.approximate, request.rule_unknown), (Some(d("2026-12-28")), true, true));
    assert_eq!(request.moved_from, Some(d("2027-01-01")));
    let note = request.note().unwrap();
    assert!(
        note.contains("未確認")
            && note.contains("令和9年1月1日（金） は閉庁日（元日）のため、前の開庁日 令和8年12月28日（月） を目安"),
        "{note}"
    );
    // Designation 2027-04-01 → 目安 2027-02-01 (Mon), open: kept.
    let april = schedule("kinki", None, "2027-04-01", None, None);
    assert_eq!(april.step(StepId::ReceptionRequest).date, Some(d("2027-02-01")));
    assert_eq!(april.step(StepId::ReceptionRequest).moved_from, None);
    let application = s.step(StepId::DesignationApplication);
    assert_eq!((application.date, application.approximate), (Some(d("2027-02-01")), true));
}

#[test]
fn feasibility_and_earliest_designation() {
    // 東海北陸, designation 2027-03-01: the 受付番号 deadline is 2026-12-28.
    let s = schedule("tokaihokuriku", None, "2027-03-01", None, Some("2026-12-28"));
    assert_eq!(s.feasible(), Some(true), "the deadline day itself is still in time");
    // 2027-01 and 2027-02 designations needed their requests by 2026-10-30 and 2026-12-01.
    assert_eq!(s.earliest_designation, Some(d("2027-03-01")));
    let s = schedule("tokaihokuriku", None, "2027-03-01", None, Some("2026-12-29"));
    assert_eq!(s.feasible(), Some(false));
    assert!(s.step(StepId::ReceptionRequest).note().unwrap().contains("期限を過ぎています"));
    // April 2027: request by 2027-02-01 (Mon), submit 2/15, application by 3/15 (石川) or later.
    assert_eq!(s.earliest_designation, Some(d("2027-04-01")));

    // 近畿 (unknown rules), today after the 目安 (2026-12-28) but before the bureau's reply
    // date (2027-01-12, 第1 1(2)): unconfirmed, never "feasible".
    let s = schedule("kinki", None, "2027-03-01", None, Some("2027-01-10"));
    assert_eq!(s.feasible(), None);
    assert!(s.feasibility_note().unwrap().contains("未確認"), "{:?}", s.feasibility_note());
    assert!(s.step(StepId::ReceptionRequest).note().unwrap().contains("目安の日を過ぎています"));
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["feasible"], serde_json::Value::Null);
    assert!(json["feasibility_note"].as_str().unwrap().contains("事務所に確認"));
    // The issue's case: today 2027-01-13, the reply date 2027-01-12 has passed: infeasible
    // whether or not the bureau's own deadline is known.
    let s = schedule("kinki", None, "2027-03-01", None, Some("2027-01-13"));
    assert_eq!(s.feasible(), Some(false));
    assert!(s.feasibility_note().unwrap().contains("回答書"), "{:?}", s.feasibility_note());
    assert_eq!(s.earliest_designation, Some(d("2027-04-01")));
    assert!(s.step(StepId::CardReaderOrder).note().unwrap().contains("目安の日を過ぎています"));
    // …but the 実施機関 date (15th of M−2) is firm for everyone.
    let s = schedule("kinki", None, "2027-03-01", None, Some("2027-01-16"));
    assert_eq!(s.feasible(), Some(false));
    assert_eq!(s.earliest_designation, Some(d("2027-04-01")));

    // Per-office dates: the earliest known office date decides (石川 2/15 < 富山 2/19).
    let s = schedule("tokaihokuriku", None, "2027-03-01", None, Some("2027-02-16"));
    assert_eq!(s.feasible(), Some(false));
    let s = schedule("tokaihokuriku", Some("toyama"), "2027-03-01", None, Some("2027-02-16"));
    assert_eq!(s.feasible(), Some(false), "the 受付番号 deadline has long passed");
}

#[test]
fn the_last_day_to_keep_a_designation_is_where_feasibility_turns() {
    // 東海北陸 2027-03-01 (worked above by hand): the 受付番号 deadline 2026-12-28 is its last day.
    let s = schedule("tokaihokuriku", Some("toyama"), "2027-03-01", None, None);
    assert_eq!(s.last_day_to_keep(), Some(d("2026-12-28")));
    // Every bureau and office, every month of 2027: feasible on that day (or unconfirmed where a
    // 目安 stands for an unknown deadline), infeasible or unconfirmed the day after.
    for b in content().bureaus.iter() {
        for office in &b.offices {
            for month in 1..=12 {
                let designation = format!("2027-{month:02}-01");
                let plain = schedule(&b.id, Some(&office.id), &designation, None, None);
                let last = plain.last_day_to_keep().expect("a firm date");
                let on = schedule(&b.id, Some(&office.id), &designation, None, Some(&last.to_string()));
                assert_eq!(on.feasible(), Some(true), "{} {} {designation} on {last}", b.id, office.id);
                let after = (last + chrono::Days::new(1)).to_string();
                let late = schedule(&b.id, Some(&office.id), &designation, None, Some(&after));
                assert_ne!(late.feasible(), Some(true), "{} {} {designation} on {after}", b.id, office.id);
            }
        }
    }
}

#[test]
fn every_step_is_worded_by_its_nature() {
    use onshi::schedule::Timing;
    // 関東信越 (known 受付番号 rule) and 近畿 (unknown rules), with a set-up date: every step of
    // notice.toml, worded by what its date is.
    for bureau_id in ["kantoshinetsu", "kinki"] {
        let s = schedule(bureau_id, None, "2027-04-01", Some("2027-03-15"), None);
        for step in &s.steps {
            let spec = content().notice.steps.iter().find(|n| n.id == step.id).unwrap();
            let Some(date) = step.date else {
                assert_eq!(step.when(), None, "{:?}", step.id);
                continue;
            };
            let when = step.when().unwrap();
            let day = onshi::era::format_era_date_weekday(date);
            let words = &when[day.len()..];
            assert!(when.starts_with(&day), "{when}");
            let expected = match (spec.timing.expect("a dated step has its timing"), step.approximate) {
                (Timing::By, true) if step.rule_unknown => "まで（目安。局の期限は未掲載）",
                (Timing::By, true) => "ごろまで（目安）",
                (Timing::By, false) => "まで",
                (Timing::From, true) => "ごろから",
                (Timing::From, false) => "から",
                (Timing::On, true) => "ごろ",
                (Timing::On, false) => "",
            };
            assert_eq!(words, expected, "{bureau_id} {:?}", step.id);
            // 「局の期限は未掲載」 only where the bureau's own deadline is unknown.
            assert_eq!(words.contains("局の期限は未掲載"), step.rule_unknown, "{bureau_id} {:?}", step.id);
        }
    }
    // The issue's case: ⑦ is possible about four business days after ⑥, not a deadline.
    let s = schedule("kantoshinetsu", None, "2027-04-01", None, None);
    assert!(s.step(StepId::PortalAccount).when().unwrap().ends_with("ごろから"));
    assert!(s.step(StepId::ReceptionSubmit).when().unwrap().ends_with("まで"));
    assert_eq!(s.step(StepId::Designation).when().unwrap(), "令和9年4月1日（木）");
}

#[test]
fn bad_designations_are_refused() {
    let b = bureau("tohoku");
    let e = compute(&ScheduleInput {
        content: content(),
        transitional: false,
        bureau: b,
        office: None,
        designation: d("2027-03-15"),
        setup: None,
        today: None,
    })
    .unwrap_err();
    assert_eq!(e, ScheduleError::DesignationNotFirstOfMonth(d("2027-03-15")));
    assert!(e.to_string().contains("2027-03-01 のように1日を指定"), "{e}");
    // The procedure began with 令和6年2月 designations; the calendar ends in 2099.
    for (day, ok) in [
        ("1948-09-01", false),
        ("2024-01-01", false),
        ("2024-02-01", true),
        ("2099-12-01", true),
        ("2207-04-01", false),
    ] {
        let e = compute(&ScheduleInput {
            content: content(),
            transitional: false,
            bureau: b,
            office: None,
            designation: d(day),
            setup: None,
            today: None,
        });
        assert_eq!(e.is_ok(), ok, "{day}");
        if let Err(e) = e {
            assert_eq!(e, ScheduleError::DesignationOutOfRange(d(day)));
            assert!(e.to_string().contains("2024-02-01（令和6年2月1日）から 2099-12-01 まで"), "{e}");
        }
    }
    let other = bureau("shikoku").office("kagawa").unwrap();
    let e = compute(&ScheduleInput {
        content: content(),
        transitional: false,
        bureau: b,
        office: Some(other),
        designation: d("2027-03-01"),
        setup: None,
        today: None,
    })
    .unwrap_err();
    assert!(e.to_string().contains("東北厚生局 の事務所ではありません"), "{e}");
}

#[test]
fn per_office_judgement_without_an_office() {
    // 東海北陸, designation 2027-03-01, today 2027-02-16: 石川・静岡・三重 (2/15) have passed,
    // but the 受付番号 deadline (2026-12-28) passed for all long ago: every office says no.
    let s = schedule("tokaihokuriku", None, "2027-03-01", None, Some("2027-02-16"));
    assert_eq!(s.offices.len(), 6);
    assert!(s.offices.iter().all(|o| o.feasible == Some(false)));
    // 指定申請 alone: a bureau with offices that differ only there. Take designation 2027-04-01
    // with today 2027-03-16: 受付番号 (2027-02-01) and 実施機関 (2/15) passed for all → no.
    // So judge offices on the 指定申請 line itself: 富山 3/19, 石川 3/15 (past on 3/16).
    let s = schedule("tokaihokuriku", None, "2027-04-01", None, Some("2027-03-16"));
    let step = s.step(StepId::DesignationApplication);
    let note = step.note().unwrap();
    assert!(note.contains("石川事務所：令和9年3月15日（月）（期限を過ぎています）"), "{note}");
    assert!(
        note.contains("富山事務所：令和9年3月19日（金）") && !note.contains("富山事務所：令和9年3月19日（金）（"),
        "{note}"
    );
    assert!(!note.contains("どの事務所でも"), "{note}");
}

#[test]
fn transitional_measure_changes_the_designation_application() {
    let b = bureau("shikoku");
    let input = |transitional| ScheduleInput {
        content: content(),
        transitional,
        bureau: b,
        office: None,
        designation: d("2027-03-01"),
        setup: None,
        today: None,
    };
    let standard = compute(&input(false)).unwrap();
    let transitional = compute(&input(true)).unwrap();
    let title = |s: &Schedule| s.step(StepId::DesignationApplication).title.clone();
    assert!(title(&standard).contains("別紙2 を添付"), "{}", title(&standard));
    assert!(title(&transitional).contains("猶予届出書"), "{}", title(&transitional));
    assert!(transitional.transitional && !standard.transitional);
    let note = transitional.step(StepId::DesignationApplication).note().unwrap();
    assert!(note.contains("猶予届出書") && note.contains("別紙1"), "{note}");
    // Whether the office still asks for 別紙1 under 経過措置 is for the office to say (the portal
    // form 第1 1(1) names closed on 2024-03-19); a 受付番号 still lets the facility prepare, so
    // the 受付番号 steps stay, on the same dates.
    assert_eq!(transitional.step(StepId::ReceptionRequest).date, standard.step(StepId::ReceptionRequest).date);
    assert_eq!(transitional.steps.len(), standard.steps.len());
}

#[test]
fn what_to_do_next_and_how_long_is_left() {
    // 東北, designation 2027-03-01, today 2026-12-01: the card reader (目安 2026-12-01, today),
    // then the 受付番号 request by 2027-01-05.
    let s = schedule("tohoku", Some("aomori"), "2027-03-01", None, Some("2026-12-01"));
    let next = s.next_action(d("2026-12-01")).unwrap();
    assert_eq!((next.id, next.date, next.days_left), (StepId::CardReaderOrder, d("2026-12-01"), 0));
    let next = s.next_action(d("2026-12-02")).unwrap();
    assert_eq!((next.id, next.date, next.days_left), (StepId::ReceptionRequest, d("2027-01-05"), 34));
    // The bureau's reply is not the facility's next action: on 2027-01-06 it is ⑥ (1/15).
    let next = s.next_action(d("2027-01-06")).unwrap();
    assert_eq!((next.id, next.days_left), (StepId::ReceptionSubmit, 9));
    // Date order, undated last.
    let ordered: Vec<StepId> = s.in_date_order().iter().map(|s| s.id).collect();
    assert_eq!(ordered.first(), Some(&StepId::CardReaderOrder));
    // Undated last, in the notice's order: ⑧ (it counts from the set-up), the set-up (no date
    // given), and the 運用テスト and 運用開始日の入力, which 別添2 4-1②③ give no date.
    assert_eq!(
        ordered[ordered.len() - 4..],
        [StepId::UsageApplication, StepId::DeviceSetup, StepId::OperationTest, StepId::OperationStartEntry],
        "no set-up date given"
    );
    assert_eq!(s.step(StepId::ReceptionRequest).status(d("2027-01-05")), onshi::schedule::StepStatus::Today);
    // Too close for a card reader: 2026-12-01 + 4 months is after 2027-03-01.
    assert!(onshi::schedule::card_reader_lead_time(d("2026-12-01"), d("2027-03-01"))
        .unwrap()
        .text()
        .contains("令和9年4月1日"));
    assert!(onshi::schedule::card_reader_lead_time(d("2026-10-01"), d("2027-03-01")).is_none());
}

#[test]
fn the_window_between_the_reply_and_submission_worked_by_hand() {
    use onshi::schedule::{Note, ReplyWindow};
    // Designation 2026-12-01 → the month two before is October 2026. 10/10 is a Saturday,
    // 10/11 a Sunday, 10/12 スポーツの日 (the 2nd Monday) → the reply may be mailed as late as
    // Tue 10/13 (第1 1(2), next open day); ⑥ is due Thu 10/15 (第3(2), no closed-day rule):
    // 10/13 → 10/15 is 2 days, the post included; the next open day after 10/13 is Wed 10/14.
    // Without an office (the two steps are the notice's, the same for every office) and with one.
    for office in [None, Some("aomori")] {
        let s = schedule("tohoku", office, "2026-12-01", None, None);
        let w = s.reply_window().unwrap();
        assert_eq!(
            w,
            ReplyWindow { reply_by: d("2026-10-13"), submit_by: d("2026-10-15"), days: 2, ask_from: d("2026-10-14") }
        );
        assert!(w.is_short());
        let submit = s.step(StepId::ReceptionSubmit);
        let note = submit.notes.iter().find(|n| matches!(n, Note::ShortReplyWindow { .. })).unwrap();
        assert_eq!(
            note,
            &Note::ShortReplyWindow {
                window: w,
                instructions: "https://www.iryohokenjyoho-portalsite.jp/news/dype.html".into()
            }
        );
        let text = note.text();
        for said in [
            "令和8年10月13日（火）",
            "令和8年10月15日（木）",
            "2日しかありません",
            "令和8年10月14日（水）",
            "この案内からの提案",
        ] {
            assert!(text.contains(said), "{said}: {text}");
        }
        assert!(!text.contains("国の目安"), "{text}");
        // The 15th is open: the cell shows the window alone.
        assert!(!submit.closed_day);
        assert_eq!(submit.short_note().as_deref(), Some("回答書の発送から2日"));
        // Only ⑥ carries it.
        let others = s.steps.iter().filter(|st| st.id != StepId::ReceptionSubmit);
        assert!(others.flat_map(|st| &st.notes).all(|n| !matches!(n, Note::ShortReplyWindow { .. })));
        // The public JSON.
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(
            json["reply_window"],
            serde_json::json!({
                "reply_by": "2026-10-13", "submit_by": "2026-10-15", "days": 2, "ask_from": "2026-10-14", "short": true
            })
        );
    }
    // Designation 2026-09-01 → July 2026: 7/10 is a Friday, 7/15 a Wednesday, both open (海の日 is
    // 7/20) → 5 days, not short, no note; the next open day after Fri 7/10 is Mon 7/13.
    let s = schedule("tohoku", None, "2026-09-01", None, None);
    let w = s.reply_window().unwrap();
    assert_eq!(
        w,
        ReplyWindow { reply_by: d("2026-07-10"), submit_by: d("2026-07-15"), days: 5, ask_from: d("2026-07-13") }
    );
    assert!(!w.is_short());
    let notes = &s.step(StepId::ReceptionSubmit).notes;
    assert!(!notes.iter().any(|n| matches!(n, Note::ShortReplyWindow { .. })), "{notes:?}");
    assert_eq!(s.step(StepId::ReceptionSubmit).short_note(), None);
    assert_eq!(serde_json::to_value(&s).unwrap()["reply_window"]["short"], false);
    // Designation 2028-03-01 → January 2028: 1/10 is 成人の日 (the 2nd Monday) → reply by Tue
    // 1/11; ⑥ stays on Sat 1/15 → 4 days. Both notes are on ⑥ and the cell keeps both: the
    // window's words first, then the closed 15th's suggestion (Fri 1/14).
    let s = schedule("tohoku", None, "2028-03-01", None, None);
    assert_eq!(
        s.reply_window(),
        Some(ReplyWindow { reply_by: d("2028-01-11"), submit_by: d("2028-01-15"), days: 4, ask_from: d("2028-01-12") })
    );
    let submit = s.step(StepId::ReceptionSubmit);
    assert!(submit.closed_day);
    assert_eq!(
        submit.short_note().as_deref(),
        Some("回答書の発送から4日。閉庁日。提案：前の開庁日（令和10年1月14日（金））まで")
    );
    let note = submit.note().unwrap();
    assert!(note.contains("通知に書かれていません") && note.contains("4日しかありません"), "{note}");
}

/// For each designation month: (designation, the reply's last day, the next open day after
/// it, the days to the 15th), from python `holidays`, a source we did not write.
fn reply_windows_from_python(from: (i32, u32), to: (i32, u32)) -> Vec<(NaiveDate, NaiveDate, NaiveDate, i64)> {
    // A closed day: Saturday, Sunday, a holiday of holidays.Japan, or 12/29–1/3 (行政機関の休日).
    let script = format!(
        r#"
import datetime, holidays
jp = holidays.Japan(years=range({y0} - 1, {y1} + 1))
def closed(d):
    return d.weekday() >= 5 or d in jp or (d.month, d.day) >= (12, 29) or (d.month, d.day) <= (1, 3)
def next_open(d):
    while closed(d):
        d += datetime.timedelta(days=1)
    return d
y, m = {y0}, {m0}
while (y, m) <= ({y1}, {m1}):
    # the month two before the designation month
    ry, rm = (y, m - 2) if m > 2 else (y - 1, m + 10)
    reply = next_open(datetime.date(ry, rm, 10))
    ask = next_open(reply + datetime.timedelta(days=1))
    days = (datetime.date(ry, rm, 15) - reply).days
    print(datetime.date(y, m, 1).isoformat(), reply.isoformat(), ask.isoformat(), days, sep="\t")
    y, m = (y, m + 1) if m < 12 else (y + 1, 1)
"#,
        y0 = from.0,
        m0 = from.1,
        y1 = to.0,
        m1 = to.1
    );
    crate::common::python_holidays(&script)
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (d(f[0]), d(f[1]), d(f[2]), f[3].parse().unwrap())
        })
        .collect()
}

#[test]
#[ignore = "needs python holidays 0.109 (scripts/test installs it)"]
fn the_reply_window_of_every_month_2024_to_2030_matches_an_outside_computation() {
    use onshi::schedule::Note;
    let outside = reply_windows_from_python((2024, 2), (2030, 12));
    assert_eq!(outside.len(), 83, "2024-02 … 2030-12");
    let mut mismatches = Vec::new();
    let mut short = 0;
    for (designation, reply_by, ask_from, days) in outside {
        let s = schedule("tohoku", None, &designation.to_string(), None, None);
        let w = s.reply_window().unwrap();
        let submit_by = reply_by.with_day(15).unwrap();
        if (w.reply_by, w.submit_by, w.days, w.ask_from) != (reply_by, submit_by, days, ask_from) {
            mismatches
                .push(format!("{designation}: python ({reply_by}, {submit_by}, {days}, {ask_from}), onshi {w:?}"));
        }
        // The note on ⑥ exactly where the reply moved past the 10th.
        let noted = s.step(StepId::ReceptionSubmit).notes.iter().any(|n| matches!(n, Note::ShortReplyWindow { .. }));
        if noted != (days < 5) || w.is_short() != (days < 5) {
            mismatches.push(format!("{designation}: {days} days, noted {noted}, short {}", w.is_short()));
        }
        short += usize::from(days < 5);
    }
    assert!(mismatches.is_empty(), "{} differences:\n{}", mismatches.len(), mismatches.join("\n"));
    // A weekend or a holiday on the 10th: 25 of the 83 months (6 of 2 days, 10 of 3, 9 of 4,
    // counted by the same python script once).
    assert_eq!(short, 25);
}

#[test]
fn a_date_from_a_rule_read_into_the_bureaus_words_says_it_is_a_reading() {
    use onshi::schedule::Note;
    let reading = |s: &Schedule| {
        s.step(StepId::DesignationApplication).notes.iter().any(|n| matches!(n, Note::InferredReading(_)))
    };
    // 北海道 and 富山 read 「毎月20日」 as the month before; 愛知's rule is unknown.
    let hokkaido = schedule("hokkaido", None, "2027-03-01", None, None);
    assert!(reading(&hokkaido));
    let note = hokkaido.step(StepId::DesignationApplication).note().unwrap();
    assert!(
        note.contains("局の定め：「新規指定申請書の締切日については、毎月20日")
            && note.contains("読み取り：局の掲載は「毎月20日」です。この案内では、指定を受ける月の前月の20日と読んでいます。提出先の事務所でご確認ください。"),
        "{note}"
    );
    assert!(reading(&schedule("tokaihokuriku", Some("toyama"), "2027-03-01", None, None)));
    assert!(!reading(&schedule("tokaihokuriku", Some("shido_kansa"), "2027-03-01", None, None)));
    // The bureau's 受付番号 rule is stated: no reading.
    let toyama = schedule("tokaihokuriku", Some("toyama"), "2027-03-01", None, None);
    assert!(!toyama.step(StepId::ReceptionRequest).notes.iter().any(|n| matches!(n, Note::InferredReading(_))));
    // A date the bureau published for the month is no reading.
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/bureaus/hokkaido.toml")).unwrap();
    let text = text.replacen("inferred = ", "overrides = { \"2027-03\" = 2027-02-19 }\ninferred = ", 1);
    let published = parse_bureau("content/bureaus/hokkaido.toml", &text).unwrap();
    let s = compute(&ScheduleInput {
        content: content(),
        transitional: false,
        bureau: &published,
        office: None,
        designation: d("2027-03-01"),
        setup: None,
        today: None,
    })
    .unwrap();
    assert_eq!(date_of(&s, StepId::DesignationApplication), Some(d("2027-02-19")));
    assert!(!reading(&s));
}
