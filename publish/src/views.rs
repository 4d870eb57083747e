//! What the templates see: the offices, the steps table, the navigation and the form links,
//! as plain serialisable values built from the content.

use super::markdown::{self, Names};
use super::notice_text::{self, NoticeText, PointKind, Statement};
use minijinja::Value;
use onshi::bureaus::Bureau;
use onshi::content::page::PageSource;
use onshi::content::values::{Confirmed, Source};
use onshi::content::Content;
use onshi::content_file::ContentError;
use onshi::era::format_era_date;
use onshi::rule::DeadlineKind;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct OfficeView {
    pub id: String,
    pub name: String,
    pub name_known: bool,
    pub prefectures: Vec<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
    pub source: Option<SourceView>,
    /// Where the postal code, address and phone were read, with the page's date.
    pub contact_source: Option<SourceView>,
    pub rules: Vec<RuleView>,
}

#[derive(Serialize)]
pub struct RuleView {
    pub label: &'static str,
    pub rule: Option<String>,
    pub wording: Option<String>,
    /// The rule is this site's reading of `wording`: what was read into it.
    pub inferred: Option<String>,
    pub source: SourceView,
}

#[derive(Serialize)]
pub struct SourceView {
    pub title: Option<String>,
    pub url: Option<String>,
    pub seen: Option<String>,
}

pub fn source_view(s: &Source) -> SourceView {
    SourceView { title: s.title.clone(), url: s.url.clone(), seen: s.seen.map(format_era_date) }
}

pub fn offices_view(bureau: &Bureau) -> Vec<OfficeView> {
    bureau
        .offices
        .iter()
        .map(|o| OfficeView {
            id: o.id.clone(),
            name: o.display_name(),
            name_known: o.name.value().is_some(),
            prefectures: o.prefectures.clone(),
            postal_code: o.postal_code.value().map(|p| p.as_str().to_string()),
            address: o.address.value().cloned(),
            phone: o.phone.value().map(|p| p.as_str().to_string()),
            note: o.note.clone(),
            source: o.source.as_ref().map(source_view),
            contact_source: o.contact_source.as_ref().map(source_view),
            rules: DeadlineKind::ALL
                .into_iter()
                .map(|kind| (kind.label(), o.deadline(kind)))
                .map(|(label, spec)| RuleView {
                    label,
                    rule: match &spec.rule {
                        Confirmed::Value(r) => Some(r.describe()),
                        Confirmed::Unconfirmed => None,
                    },
                    wording: spec.wording.clone(),
                    inferred: spec.inferred.clone(),
                    source: source_view(&spec.source),
                })
                .collect(),
        })
        .collect()
}

/// A row of the steps page's table (「手続の流れ」), from the notice.
#[derive(Serialize)]
pub struct StepView {
    pub title: String,
    pub when: String,
    pub who: String,
    pub approximate: bool,
    pub firm: bool,
}

pub fn steps_view(content: &Content) -> Vec<StepView> {
    let notice = &content.notice;
    notice
        .steps
        .iter()
        .map(|s| StepView {
            title: s.numbered_title(false),
            when: notice.describe_date(s),
            who: match &s.recipient {
                Some(r) => format!("{} → {r}", s.actor),
                None => s.actor.clone(),
            },
            approximate: s.approximate,
            firm: s.firm,
        })
        .collect()
}

#[derive(Serialize)]
pub struct FormLink {
    pub label: &'static str,
    pub file: String,
    pub kb: usize,
}

/// A part of the notice as its two pages show it.
#[derive(Serialize)]
pub struct NoticePartView {
    pub id: String,
    pub title: String,
    pub sections: Vec<NoticeSectionView>,
}

#[derive(Serialize)]
pub struct NoticeSectionView {
    pub id: String,
    pub label: String,
    pub title: String,
    /// The notice's words as HTML.
    pub html: String,
    pub points: Vec<PointView>,
}

#[derive(Serialize)]
pub struct PointView {
    pub id: String,
    pub kind: PointKind,
    pub says: String,
    pub excused: Option<String>,
    /// Where the bureau's pages state it.
    pub stated_in: Vec<StatedView>,
}

/// A link, from the notice's pages, to where a page states a point.
#[derive(Serialize, PartialEq, Eq)]
pub struct StatedView {
    pub page: String,
    pub heading: Option<String>,
    pub href: String,
}

/// The notice's parts with each section's words rendered for the notice page (a folder below
/// the bureau's), and each point with the pages that state it (`stated`).
pub fn notice_view(
    notice: &NoticeText,
    names: Names,
    stated: &BTreeMap<String, Vec<Statement>>,
    pages: &[PageSource],
    errors: &mut Vec<ContentError>,
) -> minijinja::Value {
    let title = |slug: &str| {
        pages.iter().find(|p| p.slug == slug).map(|p| p.front.short_title().to_string()).unwrap_or_default()
    };
    let parts: Vec<NoticePartView> = notice
        .parts
        .iter()
        .map(|part| NoticePartView {
            id: part.id.clone(),
            title: part.title.clone(),
            sections: part
                .sections
                .iter()
                .map(|section| {
                    let (rendered, problems) =
                        markdown::render_checked(notice_text::FILE, section.text_line, &section.text, names, "../");
                    errors.extend(problems);
                    NoticeSectionView {
                        id: section.id.clone(),
                        label: section.label.clone(),
                        title: section.title.clone(),
                        html: rendered.html,
                        points: section
                            .points
                            .iter()
                            .map(|p| {
                                let mut stated_in: Vec<StatedView> = Vec::new();
                                for s in stated.get(&p.id).into_iter().flatten() {
                                    let folder =
                                        if s.page == "index" { "../".to_string() } else { format!("../{}/", s.page) };
                                    let view = StatedView {
                                        page: title(&s.page),
                                        heading: s.heading.as_ref().map(|(_, words)| words.clone()),
                                        href: match &s.heading {
                                            Some((id, _)) => format!("{folder}#{id}"),
                                            None => folder,
                                        },
                                    };
                                    if !stated_in.contains(&view) {
                                        stated_in.push(view);
                                    }
                                }
                                PointView {
                                    id: p.id.clone(),
                                    kind: p.kind,
                                    says: p.says.clone(),
                                    excused: p.excused.clone(),
                                    stated_in,
                                }
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    minijinja::Value::from_serialize(parts)
}

/// What every page of a bureau is rendered with (serialised once per bureau): the context's
/// keys each template may use, declared here once with [`page_context`].
#[derive(Clone)]
pub struct BureauValues {
    pub bureau: Value,
    pub offices: Value,
    pub deadline_months: Value,
    pub earliest: Value,
    pub deadline_columns: Value,
    pub notice_steps: Value,
    /// The notice's parts with the pages that state each point (once the pages' Markdown is read).
    pub notice_parts: Value,
    pub data_links: Value,
    pub forms: Value,
    /// Whether the site has the wizard (its call to action, its navigation link).
    pub wizard: bool,
    pub today_iso: String,
    pub today: String,
    pub live_reload: bool,
}

/// One page's template context: the bureau's values, the navigation with this page current,
/// the page itself and the way back to the folder's top (`root`).
pub fn page_context(shared: &BureauValues, pages: &[PageSource], page: &PageSource, html: String) -> Value {
    let root = if page.slug == "index" { "" } else { "../" };
    let nav: Vec<NavItem> = pages
        .iter()
        .map(|p| NavItem {
            title: p.front.short_title().to_string(),
            href: match (page.slug == "index", p.slug == "index") {
                (true, true) => "./".into(),
                (true, false) => format!("{}/", p.slug),
                (false, true) => "../".into(),
                (false, false) => format!("../{}/", p.slug),
            },
            current: p.slug == page.slug,
        })
        .collect();
    minijinja::context! {
        bureau => shared.bureau.clone(),
        offices => shared.offices.clone(),
        nav => Value::from_serialize(&nav),
        page => minijinja::context! {
            title => page.front.title.clone(),
            description => page.front.description.clone(),
            slug => page.slug.clone(),
            wizard_link => page.front.wizard_link,
            html => Value::from_safe_string(html),
        },
        root => root,
        deadline_months => shared.deadline_months.clone(),
        earliest => shared.earliest.clone(),
        today_iso => shared.today_iso.clone(),
        deadline_columns => shared.deadline_columns.clone(),
        notice_steps => shared.notice_steps.clone(),
        notice_parts => shared.notice_parts.clone(),
        data_links => shared.data_links.clone(),
        data_months => super::deadlines::MONTHS,
        forms => shared.forms.clone(),
        wizard => shared.wizard,
        today => shared.today.clone(),
        live_reload => shared.live_reload,
    }
}
