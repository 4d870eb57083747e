//! The tests of `edit.rs`, in a file of their own (as mdBook keeps its tests beside the code).

use super::*;
use crate::content::values::Confirmed;
use crate::content::Content;

fn root() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files() -> Vec<ContentFile> {
    crate::content::read_editable_files(root()).unwrap()
}

fn file(name: &str) -> String {
    files().into_iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name}")).text
}

/// The loader's files with `edited` in place of its own.
fn load_with(edited: &EditedFile) -> Content {
    let mut files = crate::content::read_files(root()).unwrap();
    let own = files.iter_mut().find(|f| f.name == edited.name()).unwrap();
    *own = edited.content_file();
    Content::from_files(&files).unwrap_or_else(|e| panic!("{e:?}\n{}", edited.text()))
}

/// The lines that differ, as (index, before, after); the line count must not change.
fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.split('\n').collect(), after.split('\n').collect());
    assert_eq!(a.len(), b.len(), "{after}");
    a.iter()
        .zip(&b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| (i, x.to_string(), y.to_string()))
        .collect()
}

const TOHOKU: &str = "content/bureaus/tohoku.toml";

#[test]
fn every_content_file_comes_back_byte_identical() {
    let files = files();
    assert!(files.len() >= 20, "{} files", files.len());
    for f in &files {
        let crlf = f.text.replace('\n', "\r\n");
        for text in [f.text.clone(), crlf.clone(), format!("\u{feff}{}", f.text), format!("\u{feff}{crlf}")] {
            let edited = EditedFile::parse(&f.name, &text).unwrap_or_else(|e| panic!("{e}"));
            assert!(!edited.is_changed(), "{}", f.name);
            assert_eq!(edited.text(), text, "{}", f.name);
            assert_eq!(edited.content_file().text, f.text, "{}", f.name);
        }
    }
}

#[test]
fn one_day_changes_one_character() {
    let original = file(TOHOKU);
    let mut edited = EditedFile::parse(TOHOKU, &original).unwrap();
    let rule = DeadlineRule { month_offset: -2, day: DaySpec::Day(8), closed_day: ClosedDayPolicy::NextOpenDay };
    edited.set_deadline(None, DeadlineKind::ReceptionRequest, Some(&rule)).unwrap();
    let text = edited.text();
    let changed = changed_lines(&original, &text);
    assert_eq!(changed.len(), 1, "{changed:?}");
    let (index, before, after) = &changed[0];
    let header = original.split('\n').position(|l| l == "[reception_request]").unwrap();
    assert!(index > &header && before.starts_with("rule = {"), "{before}");
    let diff: Vec<(char, char)> = before.chars().zip(after.chars()).filter(|(a, b)| a != b).collect();
    assert_eq!((before.len(), diff), (after.len(), vec![('5', '8')]));
    let content = load_with(&edited);
    for office in &content.bureaus.get("tohoku").unwrap().offices {
        assert_eq!(office.reception_request.rule, Confirmed::Value(rule));
    }
    // And back: the original bytes.
    let old = DeadlineRule { day: DaySpec::Day(5), ..rule };
    edited.set_deadline(None, DeadlineKind::ReceptionRequest, Some(&old)).unwrap();
    assert_eq!(edited.text(), original);
}

#[test]
fn crlf_and_bom_stay_after_an_edit() {
    let original = format!("\u{feff}{}", file(TOHOKU).replace('\n', "\r\n"));
    let mut edited = EditedFile::parse(TOHOKU, &original).unwrap();
    edited.set_office_field("aomori", OfficeField::Phone, Some("017-734-4145")).unwrap();
    let text = edited.text();
    assert!(text.starts_with('\u{feff}') && !text.replace("\r\n", "").contains('\n'));
    assert_eq!(changed_lines(&original, &text).len(), 1);
}

#[test]
fn an_office_value_replaces_unknown_and_unknown_comes_back() {
    let original = file(TOHOKU);
    let mut edited = EditedFile::parse(TOHOKU, &original).unwrap();
    edited.set_office_field("iwate", OfficeField::Phone, Some("019-000-0000")).unwrap();
    let changed = changed_lines(&original, &edited.text());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!((changed[0].1.as_str(), changed[0].2.as_str()), ("phone = \"unknown\"", "phone = \"019-000-0000\""));
    // A known phone needs its source: a new line at the end of the office's table.
    let source = Source {
        title: None,
        url: Some("https://kouseikyoku.mhlw.go.jp/tohoku/".into()),
        seen: NaiveDate::from_ymd_opt(2026, 12, 1),
    };
    edited.set_source(SourceOf::OfficeContact("iwate"), Some(&source)).unwrap();
    let text = edited.text();
    let lines: Vec<&str> = text.split('\n').collect();
    let at = lines.iter().position(|l| *l == "phone = \"019-000-0000\"").unwrap();
    assert_eq!(
        lines[at + 1],
        "contact_source = { url = \"https://kouseikyoku.mhlw.go.jp/tohoku/\", seen = 2026-12-01 }"
    );
    assert_eq!(lines.len(), original.split('\n').count() + 1);
    edited.check().unwrap();
    let content = load_with(&edited);
    let iwate = content.bureaus.get("tohoku").unwrap().office("iwate").unwrap();
    assert_eq!(iwate.phone.value().map(|p| p.as_str()), Some("019-000-0000"));
    assert_eq!(iwate.contact_source.as_ref(), Some(&source));
    // None writes "unknown"; without its source the file is as it was.
    edited.set_office_field("iwate", OfficeField::Phone, None).unwrap();
    edited.set_source(SourceOf::OfficeContact("iwate"), None).unwrap();
    assert_eq!(edited.text(), original);
    let e = edited.set_office_field("sendai", OfficeField::Phone, None).unwrap_err();
    assert_eq!((e.file.as_str(), e.message.as_str()), (TOHOKU, "事務所「sendai」がありません"));
}

#[test]
fn the_designation_page_is_made_after_official_site_changed_in_its_line_and_removed() {
    let original = file(TOHOKU);
    assert!(!original.contains("designation_page"));
    let mut edited = EditedFile::parse(TOHOKU, &original).unwrap();
    let url = "https://kouseikyoku.mhlw.go.jp/tohoku/shinsei/";
    let page = Source { title: None, url: Some(url.into()), seen: NaiveDate::from_ymd_opt(2026, 11, 2) };
    edited.set_source(SourceOf::DesignationPage, Some(&page)).unwrap();
    // One new line right after official_site (before the blank line and the first table).
    let site = original.find("\nofficial_site = ").unwrap() + 1;
    let end = site + original[site..].find('\n').unwrap() + 1;
    let line = format!("designation_page = {{ url = \"{url}\", seen = 2026-11-02 }}\n");
    assert_eq!(edited.text(), format!("{}{line}{}", &original[..end], &original[end..]));
    edited.check().unwrap();
    assert_eq!(load_with(&edited).bureaus.get("tohoku").unwrap().designation_page.as_ref(), Some(&page));
    // A new date: that line only, its URL kept.
    let before = edited.text();
    let newer = Source { seen: NaiveDate::from_ymd_opt(2026, 12, 1), ..page.clone() };
    edited.set_source(SourceOf::DesignationPage, Some(&newer)).unwrap();
    let changed = changed_lines(&before, &edited.text());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].2, line.trim_end().replace("2026-11-02", "2026-12-01"));
    // Removed: the file as it was.
    edited.set_source(SourceOf::DesignationPage, None).unwrap();
    assert_eq!(edited.text(), original);

    // Where official_site is not the last of the top keys, the new line still follows it.
    let prefectures = original.lines().find(|l| l.starts_with("prefectures = ")).unwrap();
    let moved = original.replacen(&format!("{prefectures}\n"), "", 1).replacen(
        "\n\n[reception_request]",
        &format!("\n{prefectures}\n\n[reception_request]"),
        1,
    );
    let mut edited = EditedFile::parse(TOHOKU, &moved).unwrap();
    edited.set_source(SourceOf::DesignationPage, Some(&page)).unwrap();
    let site = moved.find("\nofficial_site = ").unwrap() + 1;
    let end = site + moved[site..].find('\n').unwrap() + 1;
    assert_eq!(edited.text(), format!("{}{line}{}", &moved[..end], &moved[end..]));

    // A file that has one: its date changes in its line, its comment and the rest kept.
    let name = "content/bureaus/hokkaido.toml";
    let original = file(name);
    let mut edited = EditedFile::parse(name, &original).unwrap();
    let written = load_with(&edited).bureaus.get("hokkaido").unwrap().designation_page.clone().unwrap();
    let newer = Source { seen: NaiveDate::from_ymd_opt(2026, 4, 1), ..written };
    edited.set_source(SourceOf::DesignationPage, Some(&newer)).unwrap();
    let changed = changed_lines(&original, &edited.text());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].1.replace("2021-10-01", "2026-04-01"), changed[0].2);
    assert!(changed[0].2.starts_with("designation_page = { url = "), "{changed:?}");
    // Removed: its line goes, with the comment above it that says what it is; nothing else.
    edited.set_source(SourceOf::DesignationPage, None).unwrap();
    let text = edited.text();
    let gone: Vec<&str> = original.lines().filter(|l| !text.lines().any(|t| t == *l)).collect();
    assert_eq!(gone.len(), 2, "{gone:?}");
    assert!(gone[0].starts_with("# 局の指定申請の案内のページ") && gone[1].starts_with("designation_page = "));
    let kept: Vec<&str> = original.lines().filter(|l| !gone.contains(l)).collect();
    assert_eq!(text.lines().collect::<Vec<_>>(), kept);
    assert!(load_with(&edited).bureaus.get("hokkaido").unwrap().designation_page.is_none());
}

#[test]
fn a_reading_is_set_and_goes_with_its_rule_to_unknown() {
    let name = "content/bureaus/hokkaido.toml";
    let original = file(name);
    let mut edited = EditedFile::parse(name, &original).unwrap();
    let kind = DeadlineKind::DesignationApplication;
    let reading = "局の掲載は「毎月20日」です。前月と読んでいます。";
    edited.set_deadline_text(None, kind, DeadlineText::Inferred, Some(reading)).unwrap();
    let changed = changed_lines(&original, &edited.text());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].2, format!("inferred = \"{reading}\""));
    let hokkaido = load_with(&edited).bureaus.get("hokkaido").unwrap().clone();
    assert_eq!(hokkaido.offices[0].designation_application.inferred.as_deref(), Some(reading));
    // Unknown: no rule, no reading of it (the loader refuses the one without the other).
    edited.set_deadline(None, kind, None).unwrap();
    let text = edited.text();
    assert!(!text.lines().any(|l| l.starts_with("inferred")), "{text}");
    assert_eq!(original.lines().count() - text.lines().count(), 1);
    assert!(load_with(&edited).bureaus.get("hokkaido").unwrap().offices[0].designation_application.inferred.is_none());
}

#[test]
fn a_rule_replaces_unknown_and_first_open_day_drops_closed_day() {
    let original = file(TOHOKU);
    let mut edited = EditedFile::parse(TOHOKU, &original).unwrap();
    let rule = DeadlineRule { month_offset: -1, day: DaySpec::Day(20), closed_day: ClosedDayPolicy::PreviousOpenDay };
    edited.set_deadline(None, DeadlineKind::DesignationApplication, Some(&rule)).unwrap();
    let changed = changed_lines(&original, &edited.text());
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].2, "rule = { month_offset = -1, day = 20, closed_day = \"previous_open_day\" }");
    assert_eq!(
        load_with(&edited).bureaus.get("tohoku").unwrap().office("aomori").unwrap().designation_application.rule,
        Confirmed::Value(rule)
    );
    let first = DeadlineRule { month_offset: -1, day: DaySpec::FirstOpenDay, closed_day: ClosedDayPolicy::None };
    edited.set_deadline(None, DeadlineKind::DesignationApplication, Some(&first)).unwrap();
    let changed = changed_lines(&original, &edited.text());
    assert_eq!(changed[0].2, "rule = { month_offset = -1, day = \"first_open_day\" }");
    assert_eq!(
        load_with(&edited).bureaus.get("tohoku").unwrap().office("aomori").unwrap().designation_application.rule,
        Confirmed::Value(first)
    );
    edited.set_deadline(None, DeadlineKind::DesignationApplication, None).unwrap();
    assert_eq!(edited.text(), original);
}

#[test]
fn an_office_gets_a_deadline_of_its_own() {
    let original = file(TOHOKU);
    let mut edited = EditedFile::parse(TOHOKU, &original).unwrap();
    let rule = DeadlineRule { month_offset: -1, day: DaySpec::Day(15), closed_day: ClosedDayPolicy::NextOpenDay };
    let kind = DeadlineKind::DesignationApplication;
    edited.set_deadline(Some("miyagi"), kind, Some(&rule)).unwrap();
    let source = Source { title: Some("東北厚生局の案内".into()), url: None, seen: None };
    edited.set_source(SourceOf::Deadline(Some("miyagi"), kind), Some(&source)).unwrap();
    let dates = [(YearMonth { year: 2027, month: 3 }, NaiveDate::from_ymd_opt(2027, 2, 12).unwrap())];
    edited.set_overrides(Some("miyagi"), kind, &dates).unwrap();
    let text = edited.text();
    // The original with the new table after miyagi's lines, before the next [[office]].
    let miyagi = original.find("id = \"miyagi\"").unwrap();
    let end = miyagi + original[miyagi..].find("\n\n").unwrap() + 1;
    let table = "\n[office.designation_application]\n\
            rule = { month_offset = -1, day = 15, closed_day = \"next_open_day\" }\n\
            source = { title = \"東北厚生局の案内\" }\n\
            overrides = { \"2027-03\" = 2027-02-12 }\n";
    assert_eq!(text, format!("{}{table}{}", &original[..end], &original[end..]));
    let content = load_with(&edited);
    let miyagi = content.bureaus.get("tohoku").unwrap().office("miyagi").unwrap();
    assert_eq!(miyagi.designation_application.rule, Confirmed::Value(rule));
    assert_eq!(miyagi.designation_application.overrides.iter().map(|(m, d)| (*m, *d)).collect::<Vec<_>>(), dates);
    assert_eq!(
        content.bureaus.get("tohoku").unwrap().office("akita").unwrap().designation_application.rule,
        Confirmed::Unconfirmed
    );
    // A second month: only the overrides line changes.
    let before = edited.text();
    let more = [dates[0], (YearMonth { year: 2027, month: 4 }, NaiveDate::from_ymd_opt(2027, 3, 12).unwrap())];
    edited.set_overrides(Some("miyagi"), kind, &more).unwrap();
    let changed = changed_lines(&before, &edited.text());
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].2, "overrides = { \"2027-03\" = 2027-02-12, \"2027-04\" = 2027-03-12 }");
    edited.set_overrides(Some("miyagi"), kind, &[]).unwrap();
    assert!(!edited.text().contains("overrides ="));
}

#[test]
fn a_syntax_error_names_its_line_in_japanese() {
    let original = file(TOHOKU);
    let lines: Vec<&str> = original.split('\n').collect();
    assert_eq!(lines[6], "name = \"東北厚生局\"");
    let broken = original.replacen("name = \"東北厚生局\"", "name = \"東北厚生局", 1);
    let e = EditedFile::parse(TOHOKU, &broken).unwrap_err();
    assert_eq!((e.file.as_str(), e.line), (TOHOKU, Some(7)), "{e}");
    assert!(e.message.starts_with("TOML の書き方に誤りがあります"), "{e}");
    // In a page the line counts from the file's first line (+++).
    let page = "+++\ntitle = \"a\"\norder = \n+++\nbody\n";
    let e = EditedFile::parse("content/pages/a.md", page).unwrap_err();
    assert_eq!(e.line, Some(3), "{e}");
    let e = EditedFile::parse("content/pages/a.md", "title = 1\n").unwrap_err();
    assert_eq!(e.line, Some(1));
}

#[test]
fn a_page_keeps_its_body_line_endings_and_bom() {
    let name = "content/pages/contact.md";
    let original = format!("\u{feff}{}", file(name).replace('\n', "\r\n"));
    let mut edited = EditedFile::parse(name, &original).unwrap();
    let body = edited.body().unwrap().to_string();
    assert!(body.starts_with("\r\n## ") || body.starts_with("\n## "), "{body:?}");
    edited.set_front_matter("title", Some(&FieldValue::from("問い合わせ先"))).unwrap();
    let text = edited.text();
    let changed = changed_lines(&original, &text);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].2, "title = \"問い合わせ先\"\r");
    assert!(text.starts_with('\u{feff}') && !text.replace("\r\n", "").contains('\n'));
    edited.set_front_matter("nav_title", Some(&FieldValue::from("連絡先"))).unwrap();
    edited.set_front_matter("order", Some(&FieldValue::Integer(8))).unwrap();
    let text = edited.text().replace("\r\n", "\n");
    assert!(text.contains("description = \"受付番号と指定申請の問い合わせ先、オンライン資格確認の実施機関（ポータルサイト）の窓口。\"\nnav_title = \"連絡先\"\n+++\n"), "{text}");
    edited.set_body("本文\r\n").unwrap();
    assert!(edited.text().ends_with("+++\r\n本文\r\n"));
    assert_eq!(edited.body(), Some("本文\n"));
    let calendar = EditedFile::parse(crate::content::CALENDAR_FILE, &file(crate::content::CALENDAR_FILE)).unwrap();
    assert!(calendar.body().is_none());
}

#[test]
fn the_yearly_equinoxes_row_goes_after_the_last_year() {
    let name = crate::content::CALENDAR_FILE;
    let original = file(name);
    let mut edited = EditedFile::parse(name, &original).unwrap();
    let last_year = load_with(&edited).calendar.last_published_equinox_year().unwrap();
    let year = (last_year + 1).to_string();
    let date = |m, d| FieldValue::Date(NaiveDate::from_ymd_opt(last_year + 1, m, d).unwrap());
    let row = vec![("vernal".to_string(), date(3, 20)), ("autumnal".to_string(), date(9, 22))];
    edited.set(&[Step::Key("equinoxes"), Step::Key(&year)], &FieldValue::Table(row)).unwrap();
    // The new row right after the last one, written as the file's example says.
    let last = format!("\n{last_year} = {{");
    let at = original.find(&last).unwrap() + 1;
    let end = at + original[at..].find('\n').unwrap() + 1;
    let new_row = format!("{year} = {{ vernal = {year}-03-20, autumnal = {year}-09-22 }}\n");
    assert!(original.contains(&format!("# 例：{}", new_row.trim_end())));
    assert_eq!(edited.text(), format!("{}{new_row}{}", &original[..end], &original[end..]));
    assert_eq!(load_with(&edited).calendar.last_published_equinox_year(), Some(last_year + 1));
    // A key added to an inline table keeps the space before its closing brace.
    let first = original.split('\n').find(|l| l.contains("= { autumnal = ")).unwrap();
    let first_year = &first[..4];
    let vernal = NaiveDate::from_ymd_opt(first_year.parse().unwrap(), 3, 21).unwrap();
    edited.set(&["equinoxes".into(), first_year.into(), "vernal".into()], &FieldValue::Date(vernal)).unwrap();
    let expected = first.replacen(" }", &format!(", vernal = {vernal} }}"), 1);
    assert!(edited.text().split('\n').any(|l| l == expected), "{expected}");
}

#[test]
fn arrays_change_element_by_element_and_offices_are_found_by_index() {
    let original = file(TOHOKU);
    let mut edited = EditedFile::parse(TOHOKU, &original).unwrap();
    let prefectures = crate::content::repository().bureaus.get("tohoku").unwrap().prefectures.clone();
    let mut reversed = prefectures.clone();
    reversed.reverse();
    edited.set(&["prefectures".into()], &FieldValue::Strings(prefectures.clone())).unwrap();
    assert!(!edited.is_changed());
    edited.set(&["prefectures".into()], &FieldValue::Strings(reversed.clone())).unwrap();
    let changed = changed_lines(&original, &edited.text());
    assert_eq!(changed.len(), 1);
    let quoted = |list: &[String]| list.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", ");
    assert_eq!(changed[0].2, format!("prefectures = [{}]", quoted(&reversed)));
    assert_eq!(load_with(&edited).bureaus.get("tohoku").unwrap().prefectures, reversed);
    // [[office]] by its place: the third is miyagi.
    edited.set(&["office".into(), 2.into(), "address".into()], &FieldValue::Unknown).unwrap();
    edited.set(&["office".into(), 2.into(), "note".into()], &FieldValue::from("確認済み")).unwrap();
    let changed = changed_lines(&original, &edited.text());
    assert_eq!(changed.len(), 2);
    assert_eq!(changed[1].2, "note = \"確認済み\"");
    let e = edited.set(&["office".into(), 40.into(), "note".into()], &FieldValue::Unknown).unwrap_err();
    assert_eq!(e.message, "office の 41 番目がありません");
    let e = edited.set(&["office".into(), 2.into()], &FieldValue::Unknown).unwrap_err();
    assert!(e.message.contains("最後は項目名"));
}

#[test]
fn a_bureau_deadline_table_is_made_after_the_other() {
    let name = "content/bureaus/tokaihokuriku.toml";
    let original = file(name);
    assert!(!original.contains("\n[designation_application]"));
    let mut edited = EditedFile::parse(name, &original).unwrap();
    let kind = DeadlineKind::DesignationApplication;
    edited.set_deadline(None, kind, None).unwrap();
    let source = Source { title: Some("未確認".into()), url: None, seen: None };
    edited.set_source(SourceOf::Deadline(None, kind), Some(&source)).unwrap();
    let office = original.find("\n[[office]]").unwrap() + 1;
    let table = "[designation_application]\nrule = \"unknown\"\nsource = { title = \"未確認\" }\n\n";
    assert_eq!(edited.text(), format!("{}{table}{}", &original[..office], &original[office..]));
    // Every office has its own, so the bureau's changes none of them.
    let content = load_with(&edited);
    let repository = crate::content::repository();
    let offices = |c: &'static Content| &c.bureaus.get("tokaihokuriku").unwrap().offices;
    assert_eq!(&content.bureaus.get("tokaihokuriku").unwrap().offices, offices(repository));
}
