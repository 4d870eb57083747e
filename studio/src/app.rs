//! The studio's root component: the store (`state.rs`) behind one [`Dispatch`], the effects
//! that start with the page (leaving asks first; `site serve`'s content opened; a control
//! focused), and the page chosen (pages/, drawn from components/).

use crate::components::{nav, save_bar, work_progress};
use crate::effects::Dispatch;
use crate::pages::{
    bureau_page, calendar_page, checks_page, comparison_page, list_page, page_edit, page_list, start_page, steps_page,
};
use crate::state::{Page, State};
use web::browser;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_mut_ref(State::default);
    let redraw = use_force_update();
    let dispatch = use_state(|| Dispatch::new(state.clone(), redraw.clone()));
    let dispatch: &Dispatch = &dispatch;
    // Leaving with unsaved changes asks first.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(
                move |e: web_sys::BeforeUnloadEvent| {
                    if dispatch.unsaved() {
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
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| dispatch.open_from_serve());
    }
    // A control asked for (点検's links): focused once its page is drawn.
    {
        let dispatch = dispatch.clone();
        use_effect(move || {
            if let Some(element) =
                dispatch.take_focus().and_then(|id| browser::window().document()?.get_element_by_id(&id))
            {
                if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                    let _ = element.focus();
                }
            }
        });
    }
    let s = state.borrow();
    let page = s.page.clone().unwrap_or(Page::Start);
    let body = match (&page, &s.studio) {
        (Page::List, Some(studio)) => list_page(studio, dispatch),
        (Page::Bureau(id), Some(studio)) => bureau_page(&s, studio, id, dispatch),
        (Page::Calendar, Some(studio)) => calendar_page(&s, studio, dispatch),
        (Page::Steps, Some(studio)) => steps_page(studio),
        (Page::Checks, Some(studio)) => checks_page(&s, studio, dispatch),
        (Page::Comparison, Some(_)) => comparison_page(&s, dispatch),
        (Page::Pages, Some(studio)) => page_list(studio, dispatch),
        (Page::PageEdit(file), Some(studio)) => page_edit(&s, studio, file, dispatch),
        _ => start_page(&s, dispatch),
    };
    let bar = match &s.studio {
        Some(studio) => save_bar(&s, studio, dispatch),
        None => html! {},
    };
    html! {
        <>
        <header class="site-header"><p class="service">{"編集室（内容の編集）"}</p></header>
        <main class="studio">
            { for s.problems.iter().map(|p| html! { <p class="error-message" role="alert">{p}</p> }) }
            { if let Some(n) = &s.notice { html! { <p class="notice" role="status">{n}</p> } } else { html! {} } }
            { match &s.working { Some(working) => work_progress(working, dispatch), None => html! {} } }
            { match &s.studio { Some(studio) => nav(studio, &page, dispatch), None => html! {} } }
            { body }
            { bar }
        </main>
        </>
    }
}
