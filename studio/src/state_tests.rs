//! The store's transitions, natively: what each action changes and which effects it asks for.

use super::*;
use crate::keys::{new_year_day_key, office_field_key, slot_key};
use crate::model::Slot;
use crate::published::SourceForm;

const TOHOKU: &str = "content/bureaus/tohoku.toml";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The repository's content, opened as a folder chosen with `<input webkitdirectory>`.
fn opened() -> State {
    let files = crate::repository_content().into_iter().collect();
    let mut state = State::default();
    let effects = state.reduce(Action::Read {
        files: Ok(files),
        origin: Origin::Folder("content".into()),
        today: d("2026-12-02"),
    });
    assert!(matches!(&effects[..], [Effect::NewContent { today, .. }] if *today == d("2026-12-02")), "{effects:?}");
    state
}

fn tohoku_reception(state: &State) -> Slot {
    let studio = state.studio.as_ref().unwrap();
    studio.slots("tohoku").into_iter().find(|s| s.kind == DeadlineKind::ReceptionRequest && s.office.is_none()).unwrap()
}

fn day(state: &State, typed: &str) -> Action {
    let slot = tohoku_reception(state);
    Action::Deadline {
        file: TOHOKU.into(),
        office: None,
        kind: slot.kind,
        shown: RuleForm::from_rule(&slot.rule),
        edit: RuleEdit::Day(typed.into()),
    }
}

#[test]
fn opening_a_folder_shows_the_bureau_list_and_forgets_what_was_before() {
    let mut state =
        State { problems: vec!["前の問題".into()], notice: Some("前のお知らせ".into()), ..State::default() };
    state.reduce(Action::Reading);
    assert!(state.busy);
    let files = crate::repository_content().into_iter().collect();
    state.reduce(Action::Read { files: Ok(files), origin: Origin::Folder("content".into()), today: d("2026-12-02") });
    assert_eq!(state.page, Some(Page::List));
    assert_eq!(state.origin, Some(Origin::Folder("content".into())));
    assert!(!state.busy && state.problems.is_empty() && state.notice.is_none() && state.errors.is_empty());
}

#[test]
fn a_folder_without_the_calendar_is_refused_in_japanese_and_nothing_opens() {
    let mut state = State::default();
    let effects = state.reduce(Action::Read {
        files: Ok(vec![("notes/readme.txt".into(), b"x".to_vec())]),
        origin: Origin::Folder("notes".into()),
        today: d("2026-12-02"),
    });
    assert!(effects.is_empty());
    assert!(state.studio.is_none());
    assert_eq!(state.problems.len(), 1);
    assert!(state.problems[0].contains("calendar.toml"), "{:?}", state.problems);
}

#[test]
fn a_day_typed_wrong_stays_at_its_field_and_a_right_one_changes_the_file() {
    let mut state = opened();
    let key = slot_key(TOHOKU, &tohoku_reception(&state));
    state.reduce(day(&state, "x"));
    assert_eq!(state.forms[&key].day, "x");
    assert!(state.field_errors[&key][0].contains("1〜28"), "{:?}", state.field_errors);
    assert!(state.studio.as_ref().unwrap().changed().is_empty());

    // The next keystroke starts from the form as typed, not as drawn.
    state.reduce(day(&state, "8"));
    assert!(state.field_errors.get(&key).is_none_or(Vec::is_empty), "{:?}", state.field_errors);
    assert_eq!(state.studio.as_ref().unwrap().changed(), vec![TOHOKU.to_string()]);
    assert!(state.errors.is_empty());
}

#[test]
fn a_day_the_loader_refuses_is_attributed_to_the_field_changed_and_leaves_when_fixed() {
    let mut state = opened();
    let key = slot_key(TOHOKU, &tohoku_reception(&state));
    state.reduce(day(&state, "30"));
    assert_eq!(state.errors.len(), 1, "{:?}", state.errors);
    let message = state.errors[0].to_string();
    assert!(message.contains("tohoku.toml:"), "file and line: {message}");
    assert_eq!(state.field_errors[&key], vec![message]);
    state.reduce(day(&state, "5"));
    assert!(state.errors.is_empty());
    assert!(!state.field_errors.contains_key(&key));
}

#[test]
fn a_check_link_opens_the_place_and_asks_for_the_focus() {
    let mut state = opened();
    state.reduce(Action::GoTo { place: Place::Bureau("tohoku".into()), focus: "some-field".into() });
    assert_eq!(state.page, Some(Page::Bureau("tohoku".into())));
    assert_eq!(state.focus.as_deref(), Some("some-field"));
}

#[test]
fn a_page_opens_with_a_question_and_an_older_answer_is_dropped() {
    let mut state = opened();
    let file = "content/pages/steps.md".to_string();
    let effects = state.reduce(Action::OpenPage { file: file.clone(), now_ms: 100.0 });
    assert_eq!(state.page, Some(Page::PageEdit(file.clone())));
    // A common page is shown in the first bureau's folder.
    let first = state.studio.as_ref().unwrap().bureaus()[0].0.clone();
    assert_eq!(state.preview.bureau, first);
    let [Effect::Ask { question: ToWorker::Preview { page, bureau }, asked, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!((page, bureau), (&file, &first));
    assert_eq!(asked, &Asked::Preview { file: file.clone(), generation: 1 });

    // Typing: asked again only once it stops.
    let effects = state.reduce(Action::PageBody { file: file.clone(), text: "## 見出し\n".into(), now_ms: 150.0 });
    assert_eq!(effects, vec![Effect::PreviewAfterQuiet { generation: 2 }]);
    assert!(state.reduce(Action::PreviewDue { generation: 1 }).is_empty(), "an older edit asks nothing");
    let effects = state.reduce(Action::PreviewDue { generation: 2 });
    assert!(matches!(&effects[..], [Effect::Ask { asked: Asked::Preview { generation: 2, .. }, .. }]), "{effects:?}");

    // The answer to the edit arrives first; the page's first answer after it is dropped.
    let page = |html: &str| FromWorker::Page { html: Some(html.into()), problems: Vec::new() };
    let asked = |generation| Asked::Preview { file: file.clone(), generation };
    state.reduce(Action::Answered { asked: asked(2), answer: page("<p>new</p>"), now_ms: 500.0 });
    assert!(!state.preview.waiting);
    assert_eq!(state.preview.took_ms, Some(400.0), "from the first edit not shown (100 ms) to the page shown");
    let shown = state.preview.html.clone().unwrap();
    assert!(shown.contains("<p>new</p>"));
    state.reduce(Action::Answered { asked: asked(1), answer: page("<p>old</p>"), now_ms: 600.0 });
    assert_eq!(state.preview.html.as_deref(), Some(&shown[..]));
}

#[test]
fn saving_a_folder_opened_read_only_downloads_the_content_as_a_zip_and_clears_the_changes() {
    let mut state = opened();
    state.reduce(day(&state, "8"));
    let effects = state.reduce(Action::Save);
    let [Effect::Download { name, bytes, mime }] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!((name.as_str(), mime.as_str()), ("content.zip", "application/zip"));
    let files = publish::archive::read_content_zip(bytes).unwrap();
    assert!(String::from_utf8_lossy(&files[TOHOKU]).contains("day = 8"));
    assert!(state.studio.as_ref().unwrap().changed().is_empty());
    assert_eq!(
        state.notice.as_deref(),
        Some("content.zip をダウンロードしました（変わったファイル：content/bureaus/tohoku.toml）")
    );
}

#[test]
fn saving_through_serve_waits_for_the_answer_and_keeps_the_changes_when_it_fails() {
    let mut state = opened();
    state.origin = Some(Origin::Api("key".into()));
    state.reduce(day(&state, "8"));
    let effects = state.reduce(Action::Save);
    let [Effect::SaveToApi { key, files, bases, changed, notice }] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!((key.as_str(), changed.clone()), ("key", vec![TOHOKU.to_string()]));
    assert!(files.contains_key(TOHOKU));
    // What the server checks the disk against: the file as read, not as edited.
    let read = &state.studio.as_ref().unwrap().originals[TOHOKU];
    assert_eq!(&bases[TOHOKU], read);
    assert_ne!(&files[TOHOKU], read);
    assert!(state.busy);
    state.reduce(Action::SaveFinished { result: Err("保存できませんでした".into()), notice: notice.clone() });
    assert!(!state.busy);
    assert_eq!(state.problems, vec!["保存できませんでした".to_string()]);
    assert_eq!(state.studio.as_ref().unwrap().changed(), vec![TOHOKU.to_string()]);
    state.reduce(Action::SaveFinished { result: Ok(()), notice: notice.clone() });
    assert!(state.problems.is_empty() && state.studio.as_ref().unwrap().changed().is_empty());
    assert_eq!(state.notice.as_deref(), Some("保存しました：content/bureaus/tohoku.toml"));
}

#[test]
fn saving_in_a_folder_chosen_read_write_writes_the_changed_files_at_their_names_there() {
    let mut state = opened();
    let names =
        crate::repository_content().keys().map(|p| format!("mine/{}", p.trim_start_matches("content/"))).collect();
    state.origin = Some(Origin::Picked(names));
    state.reduce(day(&state, "8"));
    let effects = state.reduce(Action::Save);
    let [Effect::SaveInFolder { writes, .. }] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(writes.iter().map(|(p, ..)| p.as_str()).collect::<Vec<_>>(), vec!["mine/bureaus/tohoku.toml"]);
    // Written only if the folder still has the file as it was read.
    let read = &state.studio.as_ref().unwrap().originals[TOHOKU];
    assert_eq!(writes[0].2.as_ref(), Some(read));
}

#[test]
fn the_export_is_timed_and_downloaded_and_the_worker_s_problems_shown() {
    let mut state = opened();
    let effects = state.reduce(Action::Export { now_ms: 1000.0 });
    assert!(state.busy);
    assert_eq!(state.notice.as_deref(), Some("サイトを書き出しています…"));
    let [Effect::Ask { question: ToWorker::Export, asked, .. }] = &effects[..] else { panic!("{effects:?}") };
    // Its progress: through the export's seven phases, the notice changing with the phase only.
    let working = state.working.clone().expect("working");
    assert_eq!((working.fraction(), working.label()), (None, "サイトを書き出しています…".to_string()));
    state.reduce(Action::Progress(Step { phase: Phase::Pages, done: 2, total: 8 }));
    let working = state.working.clone().unwrap();
    assert_eq!(working.fraction(), Some((325, 700)), "three phases done, a quarter of the fourth");
    assert_eq!(working.label(), "サイトを書き出しています：ページ（4/7 段階目、2/8）");
    assert_eq!(state.notice.as_deref(), Some("サイトを書き出しています：ページ"));
    state.reduce(Action::Progress(Step { phase: Phase::Zip, done: 1, total: 1 }));
    assert_eq!(state.working.as_ref().unwrap().fraction(), Some((700, 700)), "its total reached");
    let effects =
        state.reduce(Action::Answered { asked: asked.clone(), answer: FromWorker::Site(vec![1, 2]), now_ms: 3500.0 });
    assert_eq!(effects, vec![download("site.zip", vec![1, 2], "application/zip")]);
    assert_eq!(state.notice.as_deref(), Some("site.zip をダウンロードしました（2.5 秒）"));
    assert!(!state.busy);

    state.reduce(Action::Export { now_ms: 0.0 });
    let problems = vec!["content/bureaus/tohoku.toml:3: 何か".to_string()];
    let effects = state.reduce(Action::Answered {
        asked: Asked::Export { started_ms: 0.0 },
        answer: FromWorker::Problems(problems.clone()),
        now_ms: 1.0,
    });
    assert!(effects.is_empty());
    assert_eq!(state.problems, problems);
    assert_eq!(state.notice, None);
    assert_eq!(state.working, None);
}

#[test]
fn cancelling_stops_the_work_and_keeps_nothing() {
    let mut state = opened();
    assert!(state.reduce(Action::Cancel).is_empty(), "nothing to stop");
    let effects = state.reduce(Action::Export { now_ms: 0.0 });
    let [Effect::Ask { asked, .. }] = &effects[..] else { panic!("{effects:?}") };
    state.reduce(Action::Progress(Step { phase: Phase::Compress, done: 10, total: 600 }));
    assert_eq!(state.reduce(Action::Cancel), vec![Effect::CancelWork]);
    // The worker's client answers the question it stopped.
    let effects = state.reduce(Action::Answered { asked: asked.clone(), answer: FromWorker::Cancelled, now_ms: 5.0 });
    assert!(effects.is_empty(), "nothing downloaded");
    assert!(!state.busy && state.working.is_none() && state.problems.is_empty());
    assert_eq!(state.notice.as_deref(), Some("中止しました。途中まで作ったものは残していません。"));
    // A progress told after the end changes nothing.
    state.reduce(Action::Progress(Step { phase: Phase::Zip, done: 0, total: 1 }));
    assert_eq!(state.working, None);
}

#[test]
fn the_comparison_names_its_two_sides_and_opens_its_page() {
    let mut state = opened();
    state.reduce(day(&state, "8"));
    let effects = state.reduce(Action::Compare);
    let [Effect::Ask { question: ToWorker::Compare { from, to }, .. }] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(from, "編集室で開いたときの内容（フォルダ「content」）");
    assert_eq!(to, "編集室で直した内容（保存していない変更を含む）");
    assert_eq!(state.page, Some(Page::Comparison));
    assert!(state.comparison.is_none() && state.busy);
    // Nothing to save the document from until it has come.
    assert!(state.reduce(Action::SaveComparison).is_empty());
}

#[test]
fn a_source_typed_keeps_each_part_and_a_wrong_date_stays_at_the_source() {
    let mut state = opened();
    let key = "content/bureaus/tohoku.toml|designation_page".to_string();
    let target = SourceTarget::DesignationPage { file: TOHOKU.into() };
    state.reduce(Action::Source {
        key: key.clone(),
        target,
        shown: SourceForm::default(),
        part: SourcePart::Seen,
        text: "2026/13/40".into(),
    });
    assert_eq!(state.texts[&format!("{key}|seen")].0, "2026/13/40");
    assert_eq!(state.field_errors[&key].len(), 1, "{:?}", state.field_errors);
}

#[test]
fn next_year_s_row_needs_both_days_each_wrong_one_at_its_field() {
    let mut state = opened();
    let year = state.studio.as_ref().unwrap().next_equinox_year();
    state.reduce(Action::NewYearDay { which: Equinox::Vernal, text: "x".into() });
    state.reduce(Action::AddYear { year });
    assert!(state.field_errors.contains_key(&new_year_day_key(Equinox::Vernal)));
    assert!(state.field_errors.contains_key(&new_year_day_key(Equinox::Autumnal)));
    assert!(state.studio.as_ref().unwrap().changed().is_empty());
}

#[test]
fn an_office_marked_unknown_is_written_as_unknown() {
    let mut state = opened();
    state.reduce(Action::Office {
        file: TOHOKU.into(),
        office: "aomori".into(),
        field: OfficeField::Phone,
        text: "017-000-0000".into(),
        unknown: true,
    });
    let key = office_field_key(TOHOKU, "aomori", OfficeField::Phone);
    assert_eq!(state.texts[&key], ("017-000-0000".to_string(), true));
    let saved = state.studio.as_ref().unwrap().files_to_save();
    let text = String::from_utf8_lossy(&saved[TOHOKU]).to_string();
    assert!(!text.contains("017-000-0000"), "what was typed before 未確認 is not written");
}
