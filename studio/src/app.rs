//! The studio (Yew): the state every page reads, how content is opened and how a change's
//! mistakes are attributed to its field, and the page chosen (pages/, drawn from components/).

use crate::browser;
use crate::components::{nav, preview_page, save_bar, PagePreview};
use crate::model::{RuleForm, Slot, Studio};
use crate::pages::{
    bureau_page, calendar_page, checks_page, comparison_page, list_page, page_edit, page_list, start_page, steps_page,
    Compared,
};
use crate::published::OverrideRow;
use crate::site_client::SiteClient;
use onshi::content_file::ContentError;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Where the content came from, which says how it is saved.
#[derive(Clone)]
pub enum Origin {
    /// Read through `<input webkitdirectory>`: saved as a zip.
    Folder(String),
    Zip(String),
    /// `site serve`'s API, with its key.
    Api(String),
    /// Chosen read-write (File System Access API): saved in place; the names read there.
    Picked(wasm_bindgen::JsValue, Vec<String>),
}

#[derive(Clone, PartialEq)]
pub enum Page {
    Start,
    List,
    Bureau(String),
    /// 暦: the equinoxes per published year.
    Calendar,
    /// 通知の手順, read-only.
    Steps,
    /// 点検: `site check`'s list.
    Checks,
    /// The 新旧対照表 of the content as first opened and as edited.
    Comparison,
    /// The Markdown pages.
    Pages,
    /// One page (its file), edited beside the page as the site shows it.
    PageEdit(String),
}

/// Everything the pages show, held once; a change re-renders.
#[derive(Default)]
pub struct State {
    pub studio: Option<Studio>,
    pub origin: Option<Origin>,
    pub page: Option<Page>,
    /// The forms as typed, by slot key (a day being typed need not be a rule yet).
    pub forms: HashMap<String, RuleForm>,
    /// Office fields as typed, by field key.
    pub texts: HashMap<String, (String, bool)>,
    /// Published dates per month as typed, by the list's key.
    pub rows: HashMap<String, Vec<OverrideRow>>,
    /// The control to focus once the page is drawn (a link of 点検).
    pub focus: Option<String>,
    /// Problems found when a field was last changed, by field key (shown while they remain).
    pub field_errors: HashMap<String, Vec<String>>,
    /// The loader's problems now.
    pub errors: Vec<ContentError>,
    /// Problems opening or saving, and what was done.
    pub problems: Vec<String>,
    pub notice: Option<String>,
    /// The site worker, for what needs the site's code (exporting); started when first asked.
    pub site: SiteClient,
    pub busy: bool,
    /// The 新旧対照表 last asked for, once the worker answered.
    pub comparison: Option<Compared>,
    /// The page being edited, as the site shows it.
    pub preview: PagePreview,
}

pub fn slot_key(file: &str, slot: &Slot) -> String {
    format!("{file}|{}|{}", slot.office.as_deref().unwrap_or(""), slot.kind.key())
}

pub type Shared = Rc<RefCell<State>>;

/// Changes the state, then re-renders.
pub type Update = Rc<dyn Fn(&dyn Fn(&mut State))>;

/// Opens what was read, or keeps the problems.
pub fn open(state: &Shared, raw: Result<Vec<(String, Vec<u8>)>, String>, origin: Origin) {
    let mut s = state.borrow_mut();
    s.busy = false;
    let files = raw.and_then(|raw| {
        if matches!(origin, Origin::Zip(_)) {
            site::publish::archive::read_content_zip(&raw[0].1)
        } else {
            crate::archive::under_content(raw)
        }
    });
    match files {
        Err(e) => s.problems = vec![e],
        Ok(files) => match Studio::open(files, browser::today()) {
            Ok(studio) => {
                let site = SiteClient::new(studio.opened.clone(), studio.today);
                *s = State {
                    studio: Some(studio),
                    origin: Some(origin),
                    page: Some(Page::List),
                    site,
                    ..State::default()
                };
            }
            Err(errors) => s.problems = errors.iter().map(ToString::to_string).collect(),
        },
    }
}

/// Opens a page's editor, showing the page in its own bureau's folder, or a common page in
/// the first bureau's.
pub fn open_page(update: &Update, file: &str) {
    let (again, file) = (update.clone(), file.to_string());
    update(&move |s: &mut State| {
        let folder = file.split('/').nth(1).unwrap_or_default();
        let bureau = match s.studio.as_ref() {
            Some(studio) if studio.content.bureaus.get(folder).is_some() => folder.to_string(),
            Some(studio) => studio.bureaus().first().map(|(id, _, _)| id.clone()).unwrap_or_default(),
            None => return,
        };
        s.page = Some(Page::PageEdit(file.clone()));
        preview_page(s, &file, &bureau, &again);
    });
}

/// Attributes the loader's problems after a change: new ones go to the field changed.
pub fn after_change(s: &mut State, field: &str, errors: Vec<ContentError>) {
    let before: Vec<String> = s.errors.iter().map(ToString::to_string).collect();
    let now: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let mut mine: Vec<String> = s.field_errors.remove(field).unwrap_or_default();
    mine.extend(now.iter().filter(|e| !before.contains(e)).cloned());
    mine.retain(|e| now.contains(e));
    mine.dedup();
    for list in s.field_errors.values_mut() {
        list.retain(|e| now.contains(e));
    }
    if !mine.is_empty() {
        s.field_errors.insert(field.to_string(), mine);
    }
    s.errors = errors;
    s.notice = None;
}

#[function_component(App)]
pub fn app() -> Html {
    let state: Shared = use_mut_ref(State::default).clone();
    let redraw = use_force_update();
    let update: Update = {
        let (state, redraw) = (state.clone(), redraw.clone());
        Rc::new(move |f: &dyn Fn(&mut State)| {
            f(&mut state.borrow_mut());
            redraw.force_update();
        })
    };
    // Leaving with unsaved changes asks first.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(
                move |e: web_sys::BeforeUnloadEvent| {
                    let unsaved =
                        state.try_borrow().ok().and_then(|s| s.studio.as_ref().map(|st| !st.changed().is_empty()));
                    if unsaved == Some(true) {
                        e.prevent_default();
                    }
                },
            );
            browser::window().set_onbeforeunload(Some(wasm_bindgen::JsCast::unchecked_ref(handler.as_ref())));
            handler.forget();
        });
    }
    // Opened from `site serve` (#key=…): its content, once.
    {
        let (state, redraw) = (state.clone(), redraw.clone());
        use_effect_with((), move |_| {
            if let Some(key) = browser::api_key() {
                state.borrow_mut().busy = true;
                redraw.force_update();
                wasm_bindgen_futures::spawn_local(async move {
                    let raw = browser::api_load(&key).await;
                    open(&state, raw, Origin::Api(key));
                    redraw.force_update();
                });
            }
        });
    }
    // A control asked for (点検's links): focused once its page is drawn.
    {
        let state = state.clone();
        use_effect(move || {
            let id = state.try_borrow_mut().ok().and_then(|mut s| s.focus.take());
            if let Some(element) = id.and_then(|id| browser::window().document()?.get_element_by_id(&id)) {
                if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                    let _ = element.focus();
                }
            }
        });
    }
    let s = state.borrow();
    let page = s.page.clone().unwrap_or(Page::Start);
    let body = match (&page, &s.studio) {
        (Page::List, Some(studio)) => list_page(studio, &update),
        (Page::Bureau(id), Some(studio)) => bureau_page(&s, studio, id, &update),
        (Page::Calendar, Some(studio)) => calendar_page(&s, studio, &update),
        (Page::Steps, Some(studio)) => steps_page(studio),
        (Page::Checks, Some(studio)) => checks_page(&s, studio, &update),
        (Page::Comparison, Some(_)) => comparison_page(&s, &update),
        (Page::Pages, Some(studio)) => page_list(studio, &update),
        (Page::PageEdit(file), Some(studio)) => page_edit(&s, studio, file, &update),
        _ => start_page(&s, &state, &redraw),
    };
    let bar = if s.studio.is_some() {
        save_bar(&s, &state, &redraw)
    } else {
        html! {}
    };
    html! {
        <>
        <header class="site-header"><p class="service">{"編集室（内容の編集）"}</p></header>
        <main class="studio">
            { for s.problems.iter().map(|p| html! { <p class="error-message" role="alert">{p}</p> }) }
            { if let Some(n) = &s.notice { html! { <p class="notice" role="status">{n}</p> } } else { html! {} } }
            { match &s.studio { Some(studio) => nav(studio, &page, &update), None => html! {} } }
            { body }
            { bar }
        </main>
        </>
    }
}
