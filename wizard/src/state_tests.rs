//! The tests of `state.rs`, in a file of their own (as mdBook keeps its tests beside the code).

use super::*;

fn content() -> &'static Content {
    onshi::content::repository()
}

fn bureaus() -> &'static Bureaus {
    &content().bureaus
}

fn filled() -> Answers {
    let example = include_str!("../../tests/data/example-application.json");
    Answers::from_application(example, bureaus()).unwrap()
}

#[test]
fn the_example_round_trips_through_the_answers() {
    let answers = filled();
    assert_eq!(answers.get("prefecture"), "東京都");
    assert_eq!(answers.get("transitional"), "no");
    assert_eq!(
        answers.date("designation_date"),
        DateParts { year: "2027".into(), month: "04".into(), day: "01".into() }
    );
    let loaded = application::load(&answers.to_application(bureaus()).to_string(), content()).unwrap();
    let original = application::load(include_str!("../../tests/data/example-application.json"), content()).unwrap();
    assert_eq!(loaded.application, original.application);
}

#[test]
fn a_file_with_an_unknown_key_is_refused_before_it_enters_the_answers() {
    let mut file: Value = serde_json::from_str(include_str!("../../tests/data/example-application.json")).unwrap();
    file["facility"]["nmae"] = json!("x");
    file["extra"] = json!(1);
    let e = Answers::from_application(&file.to_string(), bureaus()).unwrap_err();
    assert!(e.contains("facility.nmae") && e.contains("extra") && e.contains("入力中の内容はそのままです"), "{e}");
    let state = State::new(filled(), content());
    let next = state.apply(Action::Loaded(Err(e)), content());
    assert_eq!(next.answers, state.answers);
}

#[test]
fn the_saved_file_is_named_after_the_facility_and_the_date() {
    let mut answers = filled();
    assert_eq!(
        answers.file_name(),
        format!(
            "申請_{}_{}.json",
            answers.get("facility.name"),
            answers.date("designation_date").to_file_text().unwrap()
        )
    );
    answers.fields.insert("facility.name".into(), "さくら/クリニック: 本院?".into());
    assert!(answers.file_name().starts_with("申請_さくらクリニック_本院_"), "{}", answers.file_name());
    assert_eq!(Answers::default().file_name(), "申請.json");
}

#[test]
fn other_versions_and_broken_files_are_refused_and_nothing_is_lost() {
    let state = State::new(filled(), content());
    let e = Answers::from_application(r#"{"version": 3}"#, bureaus()).unwrap_err();
    assert!(e.contains("この版（3）") && e.contains("読める版は 1、2"), "{e}");
    let next = state.apply(Action::Loaded(Err(e)), content());
    assert_eq!(next.answers, state.answers, "the answers stay");
    assert!(next.message.unwrap().contains("読める版"));
    assert!(Answers::from_application("{", bureaus()).unwrap_err().contains("ファイルを読めません"));
    assert!(Answers::from_application("[]", bureaus()).unwrap_err().contains("申請ファイルの形"));
}

#[test]
fn answers_survive_the_session_store() {
    let answers = filled();
    let stored = answers.to_stored();
    assert!(stored.bytes().all(|b| b.is_ascii_hexdigit()), "{stored}");
    assert_eq!(Answers::from_stored(&stored), Some(answers));
    // What an older tab kept (JSON), or anything else, is not answers: the tab starts afresh.
    for other in ["{\"fields\":{}}", "abc", "zz", ""] {
        assert_eq!(Answers::from_stored(other), None, "{other}");
    }
}

#[test]
fn pages_in_order_with_their_branches() {
    let mut answers = Answers::default();
    assert_eq!(next_page(Page::Retroactive, &answers), Page::Transitional);
    answers.fields.insert("retroactive".into(), "yes".into());
    assert_eq!(next_page(Page::Retroactive, &answers), Page::OutOfScope);
    answers.fields.insert("transitional".into(), "yes".into());
    assert_eq!(next_page(Page::Request, &answers), Page::Check, "no 別紙2 under 経過措置");
    answers.fields.insert("transitional".into(), "no".into());
    assert_eq!(next_page(Page::Request, &answers), Page::Plan);
    assert_eq!(previous_page(Page::Check, &answers), Some(Page::Plan));
    assert_eq!(previous_page(Page::Kind, &answers), None);
    for page in Page::ALL {
        assert_eq!(Page::from_slug(page.slug()), Some(page));
    }
}

#[test]
fn continue_validates_the_page_first() {
    let b = content();
    let mut state = State::new(Answers::default(), b);
    state = state.apply(Action::Continue, b);
    assert_eq!(state.page, Page::Kind);
    assert_eq!(state.problems[0].to_string(), "医療機関・薬局の種類：種類を選んでください。");
    state = state.apply(Action::SetField("facility_kind".into(), "medical".into()), b);
    state = state.apply(Action::Continue, b);
    assert_eq!(state.page, Page::Prefecture);
    assert!(state.problems.is_empty());

    // A designation date that does not exist, typed with 全角 digits.
    let mut state = State { page: Page::Dates, ..State::new(filled(), content()) };
    for (part, value) in [(DatePart::Year, "２０２７"), (DatePart::Month, "4"), (DatePart::Day, "31")] {
        state = state.apply(Action::SetDate("designation_date".into(), part, value.into()), b);
    }
    state = state.apply(Action::Continue, b);
    assert_eq!(state.page, Page::Dates);
    assert_eq!(state.problems.len(), 1, "{:?}", state.problems);
    assert!(state.problems[0].to_string().starts_with("指定希望日：2027年4月31日は存在しない日付です。"));
    state = state.apply(Action::SetDate("designation_date".into(), DatePart::Day, "1".into()), b);
    state = state.apply(Action::Continue, b);
    assert_eq!(state.page, Page::Timeline);
}

#[test]
fn lenient_input_on_the_request_page() {
    let b = content();
    let mut state = State { page: Page::Request, ..State::new(filled(), content()) };
    state = state.apply(Action::SetField("founder.name_kana".into(), "しかく はなこ".into()), b);
    state = state.apply(Action::SetField("contact_phone".into(), "０３－１２３４－５６７８".into()), b);
    state = state.apply(Action::Continue, b);
    assert!(state.problems.is_empty(), "{:?}", state.problems);
    assert_eq!(state.page, Page::Plan);
    state = state.apply(Action::Show(Page::Request), b);
    state = state.apply(Action::SetField("founder.name_kana".into(), "資格".into()), b);
    state = state.apply(Action::Continue, b);
    assert_eq!(state.problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["founder.name_kana"]);
}

#[test]
fn each_page_asks_its_sections_fields_and_every_field_is_asked_once() {
    let answers = filled();
    let sequence = Page::sequence(&answers);
    let mut asked: Vec<&str> = Vec::new();
    for page in &sequence {
        let fields: Vec<&str> = page_fields(*page).iter().map(|f| f.path).collect();
        let section: Vec<&str> = page
            .section()
            .map(|s| fields_of(s).filter(|f| !matches!(f.kind, Kind::Group | Kind::Derived)).map(|f| f.path).collect())
            .unwrap_or_default();
        assert_eq!(fields, section, "{page:?} asks exactly its section's fields");
        asked.extend(fields);
    }
    // Every value of the file and every answer of the wizard's own is asked on one page;
    // the rest (the version, the bureau, 経過措置 as the file writes it) follow from them.
    let mut expected: Vec<&str> =
        FIELDS.iter().filter(|f| !matches!(f.kind, Kind::Group | Kind::Derived)).map(|f| f.path).collect();
    let mut sorted = asked.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected);
    let derived: Vec<&str> = FIELDS.iter().filter(|f| f.kind == Kind::Derived).map(|f| f.path).collect();
    assert_eq!(derived, ["version", "bureau", "transitional_measure"]);
    // Under 経過措置 there is no 別紙2 page, and the file has no plan.
    let mut transitional = answers.clone();
    transitional.fields.insert("transitional".into(), "yes".into());
    assert!(!Page::sequence(&transitional).contains(&Page::Plan));
    assert!(transitional.to_application(bureaus()).get("plan").is_none());
}

#[test]
fn the_page_sequence_drives_next_back_and_the_check_pages() {
    let answers = filled();
    let sequence = Page::sequence(&answers);
    assert_eq!(sequence.len(), 10);
    for pair in sequence.windows(2) {
        assert_eq!(next_page(pair[0], &answers), pair[1]);
        assert_eq!(previous_page(pair[1], &answers), Some(pair[0]));
    }
    assert_eq!(previous_page(Page::OutOfScope, &answers), Some(Page::Retroactive));
    assert_eq!(Page::asking("plan.network.line_type"), Some(Page::Plan));
    assert_eq!(Page::asking("setup_date"), Some(Page::Dates));
    assert_eq!(Page::asking("bureau"), Some(Page::Request));
}

#[test]
fn the_answers_give_the_schedule_input_and_the_kind() {
    let answers = filled();
    let input = answers.schedule_input(content(), None).expect("office and designation are known");
    assert_eq!(input.bureau.id, "kantoshinetsu");
    assert_eq!(input.designation, NaiveDate::from_ymd_opt(2027, 4, 1).unwrap());
    assert_eq!(answers.facility_kind(), Some(FacilityKind::MedicalDental));
    let mut none = answers.clone();
    none.fields.insert("facility_kind".into(), "hospital".into());
    assert_eq!(none.facility_kind(), None, "no silent fallback to 医科");
    none.dates.remove("designation_date");
    assert!(none.schedule_input(content(), None).is_none());
}

#[test]
fn the_answers_are_checked_once_per_change() {
    let b = content();
    let state = State::new(filled(), b);
    assert!(state.checked.application.is_some(), "{:?}", state.checked.problems);
    let next = state.apply(Action::Show(Page::Request), b);
    assert_eq!(next.checked, state.checked);
    let next = next.apply(Action::SetField("founder.name".into(), String::new()), b);
    assert!(next.checked.application.is_none());
    assert_eq!(next.checked.errors().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["founder.name"]);
}
