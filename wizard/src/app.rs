//! The wizard's root: the [`App`] component and the glue between Yew and the one reducer
//! ([`State`]). The App restores the answers of the tab, keeps the URL fragment and the page
//! in step (the browser's back button works), and shows the page of the state with the
//! header, the back link, the error summary and the footer. The pages are in
//! `src/pages/`, their pieces in `src/components/`, the browser's helpers in
//! [`crate::browser`].

use crate::browser::{content, page_bureau, store_answers, stored_answers};
use crate::components::{error_summary, read_application, SaveLoad};
use crate::pages::{ask_section, check_page, out_of_scope_page, prefecture_page, Callbacks, Downloads, Timeline};
use crate::state::{previous_page, Action, Answers, Page, State};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web::browser::window;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// The reducer's state for Yew.
#[derive(PartialEq)]
pub struct Store {
    pub state: State,
}

impl Reducible for Store {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store { state: self.state.apply(action, content()) })
    }
}

/// The page a URL fragment names: `#request`, or `#request:facility-name` for a field on it.
fn page_of_hash(hash: &str) -> Option<Page> {
    let hash = hash.trim_start_matches('#');
    Page::from_slug(hash.split_once(':').map_or(hash, |(page, _)| page))
}

/// The whole wizard: the header, the page of the state, the footer.
#[function_component(App)]
pub fn app() -> Html {
    let bureaus = &content().bureaus;
    let preset = page_bureau().and_then(|id| bureaus.get(&id).map(|b| b.id.clone()));
    // A reload in the same tab keeps the answers (sessionStorage: this tab only, gone when it
    // closes, never sent); a reload or a bookmark opens the page its URL names. Read once.
    let initial = use_memo((), |_| (stored_answers(), page_of_hash(&window().location().hash().unwrap_or_default())));
    let store = use_reducer(|| {
        let (stored, page) = (initial.0.clone(), initial.1);
        let with_page = |state: State| Store { state: State { page: page.unwrap_or(state.page), ..state } };
        if let Some(answers) = stored {
            return with_page(State::new(answers, content()));
        }
        let mut answers = Answers::default();
        if let Some(bureau) = preset.as_ref().and_then(|id| bureaus.get(id)) {
            if bureau.prefectures.len() == 1 {
                answers.fields.insert("prefecture".into(), bureau.prefectures[0].clone());
            }
        }
        with_page(State::new(answers, content()))
    });
    let state = &store.state;
    let dispatch = store.dispatcher();
    // The start page is static HTML in the page (it shows before the program loads); the
    // program takes over when the user starts, or at once when the URL names a page or the tab
    // kept answers.
    let started = use_state(|| initial.1.is_some() || initial.0.is_some());
    if *started {
        if let Some(start) = window().document().and_then(|d| d.get_element_by_id("start")) {
            start.remove();
        }
    }

    use_effect_with(state.answers.clone(), store_answers);

    // The start page's 「保存したファイルから続ける」 (static HTML, there before the program): a
    // file chosen there, even before the program had loaded, is read as 読み込む reads it.
    {
        let (dispatch, started) = (dispatch.clone(), started.clone());
        use_effect_with((), move |_| {
            let input = window()
                .document()
                .and_then(|d| d.get_element_by_id("start-file"))
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
            let listener = input.map(|input| {
                let on_loaded = Callback::from(move |result| {
                    started.set(true);
                    dispatch.dispatch(Action::Loaded(result));
                });
                let read = {
                    let input = input.clone();
                    move || {
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            read_application(file, on_loaded.clone());
                        }
                    }
                };
                read();
                let listener = Closure::<dyn Fn()>::new(read);
                input.set_onchange(Some(listener.as_ref().unchecked_ref()));
                (input, listener)
            });
            move || {
                if let Some((input, listener)) = listener {
                    input.set_onchange(None);
                    drop(listener);
                }
            }
        });
    }

    // Offline once loaded: a service worker keeps the last good copy of the wizard's files.
    use_effect_with((), |_| {
        if window().location().protocol().ok().as_deref() != Some("file:") {
            let _ = window().navigator().service_worker().register("./sw.js");
        }
    });

    // The URL fragment names the page: the browser's back button works.
    {
        let (dispatch, started) = (dispatch.clone(), started.clone());
        use_effect_with((), move |_| {
            let show = {
                let dispatch = dispatch.clone();
                move || {
                    let hash = window().location().hash().unwrap_or_default();
                    if let Some(page) = page_of_hash(&hash) {
                        started.set(true);
                        dispatch.dispatch(Action::Show(page));
                    }
                }
            };
            show();
            let listener = Closure::<dyn Fn()>::new(show);
            window().set_onhashchange(Some(listener.as_ref().unchecked_ref()));
            move || {
                window().set_onhashchange(None);
                drop(listener);
            }
        });
    }
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(state.page, move |page| {
            let location = window().location();
            // `#request:facility-name` (a 変更 link): the page, then the focus on that field.
            let hash = location.hash().unwrap_or_default();
            if page_of_hash(&hash) == Some(*page) {
                if let Some((_, field)) = hash.split_once(':') {
                    let element = window().document().and_then(|d| d.get_element_by_id(field));
                    if let Some(element) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                        element.scroll_into_view();
                        let _ = element.focus();
                        return;
                    }
                }
            }
            let slug = format!("#{}", page.slug());
            if location.hash().unwrap_or_default() != slug
                && !(location.hash().unwrap_or_default().is_empty() && *page == Page::Kind)
            {
                let _ = location.set_hash(page.slug());
            }
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        });
    }

    let bureau_name = state
        .answers
        .office(bureaus)
        .map(|(b, _)| b.name.clone())
        .or_else(|| preset.as_ref().and_then(|id| bureaus.get(id)).map(|b| b.name.clone()))
        .unwrap_or_else(|| "地方厚生（支）局".into());

    let back = previous_page(state.page, &state.answers).map(|p| {
        html! { <a class="back-link" href={format!("#{}", p.slug())}>{"戻る"}</a> }
    });

    // The pages send what happens through these; they never see the reducer.
    let on = Callbacks {
        set_field: dispatch.to_callback().reform(|(path, value)| Action::SetField(path, value)),
        set_date: dispatch.to_callback().reform(|(path, part, value)| Action::SetDate(path, part, value)),
        show: dispatch.to_callback().reform(Action::Show),
    };
    let on_loaded = dispatch.to_callback().reform(Action::Loaded);
    let body = match state.page {
        Page::Prefecture => prefecture_page(state, &on, preset.as_deref()),
        Page::OutOfScope => out_of_scope_page(),
        Page::Timeline => html! { <Timeline answers={state.answers.clone()} /> },
        Page::Check => check_page(state, &on),
        Page::Download => html! {
            <Downloads answers={state.answers.clone()} application={state.checked.application.clone()} />
        },
        page => page.section().map(|section| ask_section(state, section, &on)).unwrap_or_default(),
    };
    let continues = !matches!(state.page, Page::OutOfScope | Page::Download | Page::Check);
    let on_continue = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.dispatch(Action::Continue);
        })
    };

    if !*started {
        return html! {};
    }
    // Where the user is: 手順 n / N over the pages this user passes.
    let progress = {
        let pages = Page::sequence(&state.answers);
        pages.iter().position(|p| *p == state.page).map(|i| {
            html! { <p class="progress">{ format!("手順 {} / {}", i + 1, pages.len()) }</p> }
        })
    };

    html! {
        <>
        <header class="site-header">
            <p class="bureau">{ bureau_name.clone() }</p>
            <p class="service">{"オンライン資格確認の手続と書類の作成"}</p>
        </header>
        <div class="wizard">
            { back }
            <main id="main">
                { error_summary(&state.problems) }
                if let Some(message) = &state.message {
                    <div class="notice" role="status"><p>{ message }</p></div>
                }
                { progress }
                <h1 ref={heading} tabindex="-1">{ state.page.title() }</h1>
                <form novalidate=true onsubmit={on_continue}>
                    { body }
                    if continues {
                        <button type="submit" class="button">{"次へ"}</button>
                    }
                </form>
                if matches!(state.page, Page::Kind | Page::Check) {
                    <SaveLoad answers={state.answers.clone()} {on_loaded} />
                }
            </main>
        </div>
        <footer class="site-footer">
            <p>{"入力した内容は、このブラウザーの中だけで使います。どこにも送信しません。"}</p>
            <p><a href="../">{ format!("{bureau_name}の案内（手続の流れ・提出期限）に戻る") }</a></p>
        </footer>
        </>
    }
}
