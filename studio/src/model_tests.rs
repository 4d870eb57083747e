//! The tests of `model.rs`, in a file of their own (as mdBook keeps its tests beside the code).

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_form_means_the_rule() {
    let mut form = RuleForm::from_rule(&Confirmed::Value(DeadlineRule {
        month_offset: -2,
        day: DaySpec::Day(5),
        closed_day: ClosedDayPolicy::NextOpenDay,
    }));
    assert_eq!(form.day, "5");
    form.day = "８".into();
    assert_eq!(
        form.to_rule(),
        Ok(Some(DeadlineRule { month_offset: -2, day: DaySpec::Day(8), closed_day: ClosedDayPolicy::NextOpenDay }))
    );
    form.first_open_day = true;
    assert_eq!(
        form.to_rule(),
        Ok(Some(DeadlineRule { month_offset: -2, day: DaySpec::FirstOpenDay, closed_day: ClosedDayPolicy::None }))
    );
    form.first_open_day = false;
    form.day = "五".into();
    assert!(form.to_rule().unwrap_err().contains("数字"));
    form.unknown = true;
    assert_eq!(form.to_rule(), Ok(None));
    assert!(RuleForm::from_rule(&Confirmed::Unconfirmed).unknown);
}

#[test]
fn tohoku_day_5_to_8_gives_reiwa_9_january_8_for_march_and_changes_only_that_value() {
    let originals = crate::repository_content();
    let mut studio = Studio::open(originals.clone(), d("2026-12-02")).unwrap();
    let slots = studio.slots("tohoku");
    let slot = slots.iter().find(|s| s.kind == DeadlineKind::ReceptionRequest && s.office.is_none()).unwrap();
    let mut form = RuleForm::from_rule(&slot.rule);
    assert_eq!(form.day, "5");
    form.day = "8".into();
    let rule = form.to_rule().unwrap().unwrap();
    let rows = dates(Some(&rule), &slot.overrides, &studio.content.calendar, studio.today);
    assert_eq!(rows.len(), 12);
    assert_eq!(rows[0].designation, "令和9年1月");
    let march = rows.iter().find(|r| r.designation == "令和9年3月").unwrap();
    assert_eq!(march.date, "令和9年1月8日");
    assert_eq!(rule.describe(), "指定月の前々月の8日（閉庁日なら翌開庁日）");

    let file = "content/bureaus/tohoku.toml";
    let errors = studio.set_deadline(file, None, DeadlineKind::ReceptionRequest, Some(&rule));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(studio.changed(), [file]);
    let office = &studio.content.bureaus.get("tohoku").unwrap().offices[0];
    assert_eq!(office.reception_request.rule, Confirmed::Value(rule), "the content is the edited one");
    let saved = studio.files_to_save();
    let before = String::from_utf8(originals[file].clone()).unwrap();
    let after = String::from_utf8(saved[file].clone()).unwrap();
    assert_eq!(
        after,
        before.replace(
            "rule = { month_offset = -2, day = 5, closed_day = \"next_open_day\" }",
            "rule = { month_offset = -2, day = 8, closed_day = \"next_open_day\" }"
        )
    );
    assert_ne!(after, before);
    for (name, bytes) in &originals {
        if name != file {
            assert!(saved[name] == *bytes, "{name}");
        }
    }
}

#[test]
fn a_day_out_of_range_is_the_loaders_error_with_file_and_line() {
    let mut studio = Studio::open(crate::repository_content(), d("2026-12-02")).unwrap();
    let form = RuleForm { day: "30".into(), ..RuleForm::from_rule(&Confirmed::Unconfirmed) };
    let form = RuleForm { unknown: false, ..form };
    let rule = form.to_rule().unwrap();
    let errors =
        studio.set_deadline("content/bureaus/tohoku.toml", None, DeadlineKind::ReceptionRequest, rule.as_ref());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "content/bureaus/tohoku.toml");
    assert_eq!(errors[0].line, Some(13));
    assert!(errors[0].message.contains("day = 30"), "{}", errors[0]);
    // Unknown and back: the rule's slot stays.
    assert!(studio.set_deadline("content/bureaus/tohoku.toml", None, DeadlineKind::ReceptionRequest, None).is_empty());
    assert_eq!(studio.slots("tohoku")[0].rule, Confirmed::Unconfirmed);
}

#[test]
fn an_office_field_is_set_and_checked() {
    let mut studio = Studio::open(crate::repository_content(), d("2026-12-02")).unwrap();
    let file = "content/bureaus/tohoku.toml";
    // A confirmed contact needs its source: the loader says so, at the office's line.
    let errors = studio.set_office_field(file, "aomori", OfficeField::PostalCode, Some("030-8558"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("出典"), "{}", errors[0]);
    let errors = studio.set_office_field(file, "aomori", OfficeField::PostalCode, Some("abc"));
    assert!(errors.iter().any(|e| e.line.is_some() && e.message.contains("郵便番号")), "{errors:?}");
    let offices = studio.offices("tohoku");
    assert_eq!(offices[0].values[1], (OfficeField::PostalCode, Some("abc".into())));
    // With its source the contact is accepted.
    studio.set_office_field(file, "aomori", OfficeField::PostalCode, Some("030-8558"));
    let errors = studio.set_contact_source(file, "aomori", Some("https://example.jp/a"), Some(d("2026-11-30")));
    assert!(errors.is_empty(), "{errors:?}");
    let aomori = &studio.offices("tohoku")[0];
    assert_eq!((aomori.contact_url.as_str(), aomori.contact_seen.as_str()), ("https://example.jp/a", "2026-11-30"));
    assert!(studio.set_office_field(file, "aomori", OfficeField::PostalCode, None).is_empty());
    assert!(studio.set_contact_source(file, "aomori", None, None).is_empty());
    let text = studio.edited[file].text();
    assert!(!text.contains("contact_source") && !text.contains("030-8558"), "{text}");
}

#[test]
fn a_reading_is_shown_with_its_words_edited_and_removed() {
    let originals = crate::repository_content();
    let mut studio = Studio::open(originals.clone(), d("2026-12-02")).unwrap();
    let file = "content/bureaus/tokaihokuriku.toml";
    let kind = DeadlineKind::DesignationApplication;
    let slots = studio.slots("tokaihokuriku");
    let slot = |office: &str| slots.iter().find(|s| s.office.as_deref() == Some(office) && s.kind == kind).unwrap();
    let toyama = slot("toyama");
    assert_eq!(
        toyama.wording.as_deref(),
        Some("提出期限を毎月20日としております。（20日が土日・祝祭日の場合は、その前の平日）")
    );
    assert_eq!(
        toyama.inferred.as_deref(),
        Some("局の掲載は「毎月20日」です。この案内では、指定を受ける月の前月の20日と読んでいます。")
    );
    assert_eq!(slot("shido_kansa").inferred, None);
    // A rule edit keeps the reading, byte for byte.
    let rule = DeadlineRule { month_offset: -1, day: DaySpec::Day(19), closed_day: ClosedDayPolicy::PreviousOpenDay };
    assert!(studio.set_deadline(file, Some("toyama"), kind, Some(&rule)).is_empty());
    assert!(studio.edited[file].text().contains(toyama.inferred.as_deref().unwrap()));
    // Confirmed with the bureau: the reading removed, its line with it; 点検 no longer lists it.
    let listed = |studio: &Studio| {
        studio
            .checks()
            .iter()
            .filter(|c| c.message.starts_with("office.toyama.designation_application.inferred"))
            .count()
    };
    assert_eq!(listed(&studio), 1);
    assert!(studio.set_deadline_text(file, Some("toyama"), kind, DeadlineText::Inferred, Some("  ")).is_empty());
    let before = String::from_utf8(originals[file].clone()).unwrap();
    let after = studio.edited[file].text();
    assert_eq!(before.lines().count() - after.lines().count(), 1);
    assert_eq!(
        studio
            .slots("tokaihokuriku")
            .iter()
            .find(|s| s.office.as_deref() == Some("toyama") && s.kind == kind)
            .unwrap()
            .inferred,
        None
    );
    assert_eq!(listed(&studio), 0);
    // 未確認: the reading goes with the rule.
    assert!(studio.set_deadline(file, Some("ishikawa"), kind, None).is_empty());
    assert_eq!(studio.edited[file].text().matches("\ninferred = ").count(), 3);
}

#[test]
fn an_offices_own_deadline_is_its_own_form_and_edited_alone() {
    let originals = crate::repository_content();
    let mut studio = Studio::open(originals.clone(), d("2026-12-02")).unwrap();
    let slots = studio.slots("tokaihokuriku");
    assert_eq!(slots[0].office, None);
    assert_eq!(slots[0].kind, DeadlineKind::ReceptionRequest);
    let ishikawa = slots
        .iter()
        .find(|s| s.office.as_deref() == Some("ishikawa") && s.kind == DeadlineKind::DesignationApplication)
        .expect("石川's own 指定申請");
    assert_eq!(ishikawa.title, "石川事務所");
    let mut form = RuleForm::from_rule(&ishikawa.rule);
    assert_eq!((form.month_offset, form.day.as_str(), form.closed_day), (-1, "15", ClosedDayPolicy::NextOpenDay));
    form.closed_day = ClosedDayPolicy::PreviousOpenDay;
    let rule = form.to_rule().unwrap();
    let file = "content/bureaus/tokaihokuriku.toml";
    assert!(studio
        .set_deadline(file, Some("ishikawa"), DeadlineKind::DesignationApplication, rule.as_ref())
        .is_empty());
    let before = String::from_utf8(originals[file].clone()).unwrap();
    let after = studio.edited[file].text();
    let old = "rule = { month_offset = -1, day = 15, closed_day = \"next_open_day\" }";
    let new = "rule = { month_offset = -1, day = 15, closed_day = \"previous_open_day\" }";
    // The one after 石川's id: the same rule of other offices stays.
    let at = before.find("id = \"ishikawa\"").unwrap();
    let expected = format!("{}{}", &before[..at], before[at..].replacen(old, new, 1));
    assert_ne!(expected, before);
    assert_eq!(after, expected);
}
