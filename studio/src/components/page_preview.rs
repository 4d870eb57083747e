//! A Markdown page as the site shows it, beside its editor: asked of the site worker
//! (`ToWorker::Preview`, the build's own rendering) once typing has stopped for a moment, an
//! answer older than the page shown dropped; shown in a sandboxed frame (no script runs in it)
//! with the site's stylesheets, which the studio carries unchanged (studio/index.html,
//! `site-assets/`).

use crate::app::{State, Update};
use crate::browser;
use crate::page_model::with_studio_stylesheets;
use crate::protocol::{FromWorker, ToWorker};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long typing must stop before the page is asked for again.
const QUIET_MS: i32 = 300;

/// The page shown and the questions asked for it.
#[derive(Default)]
pub struct PagePreview {
    pub file: String,
    /// The bureau whose folder the page is shown in.
    pub bureau: String,
    /// Edits since the page was opened: each asks again.
    generation: u64,
    /// The edit the page shown answers.
    shown: u64,
    pub html: Option<String>,
    /// The build's problems with the page, `file:line: message`.
    pub problems: Vec<String>,
    /// When the first edit not yet shown was made (ms since the page loaded).
    pending_since: Option<f64>,
    /// From that edit to its page shown, the last time (ms).
    pub took_ms: Option<f64>,
    pub waiting: bool,
}

/// Starts showing `file` in `bureau`'s folder: asked now.
pub fn preview_page(s: &mut State, file: &str, bureau: &str, update: &Update) {
    let generation = s.preview.generation + 1;
    s.preview = PagePreview { file: file.into(), bureau: bureau.into(), generation, ..PagePreview::default() };
    s.preview.pending_since = Some(browser::now_ms());
    ask(s, generation, update);
}

/// After an edit: the page is asked for again once typing has stopped for [`QUIET_MS`].
pub fn preview_later(s: &mut State, update: &Update) {
    s.preview.generation += 1;
    s.preview.pending_since.get_or_insert_with(browser::now_ms);
    let generation = s.preview.generation;
    let update = update.clone();
    let later = Closure::once_into_js(move || {
        let again = update.clone();
        update(&move |s: &mut State| {
            if s.preview.generation == generation {
                ask(s, generation, &again);
            }
        });
    });
    let _ = browser::window().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), QUIET_MS);
}

fn ask(s: &mut State, generation: u64, update: &Update) {
    let Some(studio) = &s.studio else { return };
    s.site.edited(studio.edited_files());
    s.preview.waiting = true;
    let question = ToWorker::Preview { page: s.preview.file.clone(), bureau: s.preview.bureau.clone() };
    let (update, file) = (update.clone(), s.preview.file.clone());
    s.site.ask(question, move |answer| {
        update(&|s: &mut State| {
            // Another page, or an older question than the page shown.
            if s.preview.file != file || generation <= s.preview.shown {
                return;
            }
            s.preview.shown = generation;
            match &answer {
                FromWorker::Page { html, problems } => {
                    s.preview.html = html.as_deref().map(with_studio_stylesheets);
                    s.preview.problems = problems.clone();
                }
                FromWorker::Problems(problems) => s.preview.problems = problems.clone(),
                _ => {}
            }
            if generation == s.preview.generation {
                s.preview.waiting = false;
                let now = browser::now_ms();
                s.preview.took_ms = s.preview.pending_since.take().map(|t| now - t);
            }
        });
    });
}

/// The page in its frame, and when it was last brought up to date.
pub fn page_frame(s: &State, title: &str) -> Html {
    let status = match (s.preview.waiting, s.preview.took_ms) {
        (true, _) => "表示を作っています…".to_string(),
        (false, Some(ms)) => format!("入力から {:.2} 秒で表示しました。", ms / 1000.0),
        (false, None) => String::new(),
    };
    html! {
        <>
        <p class="hint" id="page-frame-status" data-ms={s.preview.took_ms.map(|ms| format!("{ms:.0}")).unwrap_or_default()}>{status}</p>
        { match &s.preview.html {
            Some(html) => html! {
                <iframe class="page-frame" title={format!("ページの表示：{title}")} sandbox="allow-same-origin" srcdoc={html.clone()} />
            },
            None if s.preview.waiting => html! {},
            None => html! { <p>{"ページを表示できません。本文の確認に出ているところを直してください。"}</p> },
        } }
        </>
    }
}
