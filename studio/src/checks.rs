//! 点検: `site check`'s list (`onshi::content::health`) for the content as edited, each item
//! with the field that holds it: the page and the id of the control to focus (the forms' own,
//! `keys.rs`). Tested natively.

use crate::keys::{
    deadline_key, deadline_source_key, designation_page_key, element_id, inferred_key, office_key, overrides_key,
    NEW_YEAR_VERNAL_ID,
};
use crate::model::Studio;
use onshi::content::{health, Concern, CALENDAR_FILE};

/// Which page holds a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A bureau's page, by its id.
    Bureau(String),
    Calendar,
}

/// One thing `site check` lists, and where to act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckItem {
    /// `content/bureaus/tohoku.toml:24`, as `site check` prints it.
    pub at: String,
    pub message: String,
    pub concern: Concern,
    /// The page and the id of the control to focus, when the studio has a form for it.
    pub target: Option<(Place, String)>,
}

/// The words `site check`'s count uses for each concern.
pub fn concern_label(concern: Concern) -> &'static str {
    match concern {
        Concern::Unknown => "未掲載",
        Concern::Stale => "2年以上前の出典",
        Concern::PastMonths => "過ぎた月の公表日",
        Concern::CalendarRunningOut => "暦の公表年",
        Concern::Inferred => "読み取り",
    }
}

/// The control for a field path of a bureau file (`office.aomori.phone`,
/// `reception_request.rule`, `office.ishikawa.designation_application.overrides`,
/// `designation_page`).
fn control(file: &str, field: &str) -> Option<String> {
    let parts: Vec<&str> = field.split('.').collect();
    let (office, rest) = match parts.as_slice() {
        ["office", id, rest @ ..] => (Some(*id), rest),
        rest => (None, rest),
    };
    let key = match (office, rest) {
        (_, [kind, "rule"]) => format!("{}-unknown", element_id(&deadline_key(file, office, kind))),
        (_, [kind, "source"]) => format!("{}-seen", element_id(&deadline_source_key(file, office, kind))),
        (_, [kind, "overrides"]) => format!("{}-0-month", element_id(&overrides_key(file, office, kind))),
        (_, [kind, "inferred"]) => element_id(&inferred_key(file, office, kind)),
        (Some(id), ["source" | "contact_source"]) => format!("{}-seen", element_id(&office_key(file, id, rest[0]))),
        (Some(id), [f]) => format!("{}-unknown", element_id(&office_key(file, id, f))),
        (None, ["designation_page"]) => format!("{}-seen", element_id(&designation_page_key(file))),
        _ => return None,
    };
    Some(key)
}

impl Studio {
    /// `site check`'s list for the content now (the last content the loader accepted), each
    /// with the control that holds it.
    pub fn checks(&self) -> Vec<CheckItem> {
        health(&self.content, self.today)
            .into_iter()
            .map(|item| {
                let target = if item.file == CALENDAR_FILE {
                    Some((Place::Calendar, NEW_YEAR_VERNAL_ID.to_string()))
                } else {
                    self.content.bureaus.iter().find(|b| b.file == item.file).and_then(|b| {
                        let at = |line: usize, field: &str| item.line == Some(line) && item.message.contains(field);
                        let field = match item.concern {
                            Concern::Unknown => b.unknowns.iter().find(|u| at(u.line, &u.field)).map(|u| &u.field),
                            Concern::Stale => b.dated_sources.iter().find(|s| at(s.line, &s.field)).map(|s| &s.field),
                            Concern::PastMonths => {
                                b.published_months.iter().find(|p| at(p.line, &p.field)).map(|p| &p.field)
                            }
                            Concern::Inferred => {
                                b.inferred_rules.iter().find(|i| at(i.line, &i.field)).map(|i| &i.field)
                            }
                            Concern::CalendarRunningOut => None,
                        }?;
                        Some((Place::Bureau(b.id.clone()), control(&b.file, field)?))
                    })
                };
                let at = match item.line {
                    Some(line) => format!("{}:{line}", item.file),
                    None => item.file.clone(),
                };
                CheckItem { at, message: item.message, concern: item.concern, target }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repository_content;
    use onshi::content::edit::{OfficeField, SourceOf};
    use onshi::content::values::Source;

    fn d(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_item_leads_to_its_control() {
        let mut studio = Studio::open(repository_content(), d("2026-12-02")).unwrap();
        let checks = studio.checks();
        let tohoku = "content/bureaus/tohoku.toml";
        let phone = checks.iter().find(|c| c.message.starts_with("office.aomori.phone ")).unwrap();
        assert_eq!(phone.at, format!("{tohoku}:29"));
        assert_eq!(
            phone.target,
            Some((Place::Bureau("tohoku".into()), "content-bureaus-tohoku-toml-aomori-phone-unknown".into()))
        );
        let rule = checks.iter().find(|c| c.at == format!("{tohoku}:18")).unwrap();
        assert_eq!(rule.concern, Concern::Unknown);
        assert_eq!(
            rule.target,
            Some((
                Place::Bureau("tohoku".into()),
                "content-bureaus-tohoku-toml--designation_application-unknown".into()
            ))
        );
        let stale = checks.iter().find(|c| c.concern == Concern::Stale && c.at == format!("{tohoku}:15")).unwrap();
        assert_eq!(stale.target.as_ref().unwrap().1, "content-bureaus-tohoku-toml--reception_request-source-seen");
        // A reading: the field that holds it on the bureau's page.
        let reading = checks.iter().find(|c| c.concern == Concern::Inferred).unwrap();
        assert!(reading.at.starts_with("content/bureaus/hokkaido.toml:"), "{}", reading.at);
        assert_eq!(
            reading.target,
            Some((
                Place::Bureau("hokkaido".into()),
                "content-bureaus-hokkaido-toml--designation_application-inferred".into()
            ))
        );
        // The bureau's page on the 指定申請, by the date it carries: its date field.
        let page = checks.iter().find(|c| c.message.starts_with("designation_page ")).unwrap();
        assert_eq!((page.at.as_str(), page.concern), ("content/bureaus/hokkaido.toml:17", Concern::Stale));
        assert_eq!(
            page.target,
            Some((Place::Bureau("hokkaido".into()), "content-bureaus-hokkaido-toml-designation_page-seen".into()))
        );
        let calendar = checks.iter().find(|c| c.concern == Concern::CalendarRunningOut).unwrap();
        assert_eq!(calendar.target, Some((Place::Calendar, NEW_YEAR_VERNAL_ID.into())));
        // Every item of a bureau file has its control.
        assert!(checks.iter().all(|c| c.target.is_some()), "{:?}", checks.iter().find(|c| c.target.is_none()));
        // Recomputed from the content as edited: a phone written (with its source) is no longer listed.
        let before = checks.len();
        studio.set_office_field(tohoku, "aomori", OfficeField::Phone, Some("017-000-0000"));
        let errors = studio.set_contact_source(tohoku, "aomori", Some("https://example.jp/"), Some(d("2026-12-01")));
        assert!(errors.is_empty(), "{errors:?}");
        let after = studio.checks();
        assert_eq!(after.len(), before - 1);
        assert!(!after.iter().any(|c| c.message.starts_with("office.aomori.phone ")));
    }

    #[test]
    fn the_designation_page_is_edited_and_leaves_the_list_once_its_date_is_recent() {
        let originals = repository_content();
        let mut studio = Studio::open(originals.clone(), d("2026-12-02")).unwrap();
        let file = "content/bureaus/hokkaido.toml";
        let listed = |studio: &Studio| {
            studio
                .checks()
                .iter()
                .filter(|c| c.at.starts_with(file) && c.message.starts_with("designation_page "))
                .count()
        };
        assert_eq!(listed(&studio), 1);
        let written = studio.source_written(file, SourceOf::DesignationPage).unwrap();
        assert_eq!(written.seen, Some(d("2021-10-01")));
        // The page updated: its new date, in its line only; no longer listed.
        let before = studio.checks().len();
        let newer = Source { seen: Some(d("2026-11-20")), ..written.clone() };
        assert_eq!(studio.set_source(file, SourceOf::DesignationPage, Some(&newer)), Vec::new());
        assert_eq!(listed(&studio), 0);
        assert_eq!(studio.checks().len(), before - 1);
        assert_eq!(studio.content.bureaus.get("hokkaido").unwrap().designation_page.as_ref(), Some(&newer));
        let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap();
        let (old, new) = (text(&originals[file]), text(&studio.files_to_save()[file]));
        let changed: Vec<(&str, &str)> = old.lines().zip(new.lines()).filter(|(a, b)| a != b).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].1, changed[0].0.replace("2021-10-01", "2026-11-20"));
        assert_eq!(old.lines().count(), new.lines().count());
        // An old date again: listed again.
        assert!(studio.set_source(file, SourceOf::DesignationPage, Some(&written)).is_empty());
        assert_eq!(listed(&studio), 1);
        assert!(studio.changed().is_empty());

        // A bureau without one: a URL and its date make the line, clearing both removes it.
        let tohoku = "content/bureaus/tohoku.toml";
        assert_eq!(studio.source_written(tohoku, SourceOf::DesignationPage), None);
        let page = Source {
            title: None,
            url: Some("https://kouseikyoku.mhlw.go.jp/tohoku/shinsei/".into()),
            seen: Some(d("2026-10-01")),
        };
        assert!(studio.set_source(tohoku, SourceOf::DesignationPage, Some(&page)).is_empty());
        assert_eq!(studio.source_written(tohoku, SourceOf::DesignationPage), Some(page.clone()));
        assert_eq!(studio.content.bureaus.get("tohoku").unwrap().designation_page, Some(page));
        let saved = text(&studio.files_to_save()[tohoku]);
        assert!(saved.contains("official_site = \"https://kouseikyoku.mhlw.go.jp/tohoku/\"\ndesignation_page = { url = \"https://kouseikyoku.mhlw.go.jp/tohoku/shinsei/\", seen = 2026-10-01 }\n"), "{saved}");
        assert!(!studio
            .checks()
            .iter()
            .any(|c| c.at.starts_with(tohoku) && c.message.starts_with("designation_page ")));
        assert!(studio.set_source(tohoku, SourceOf::DesignationPage, None).is_empty());
        assert!(studio.changed().is_empty());
    }
}
