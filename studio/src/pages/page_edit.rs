//! A Markdown page: its front matter as fields, its text, and the page as the site shows it,
//! with the build's checks of the page (allowed HTML, links, the writer's accessibility
//! checks) at the text, each with its file:line.

use crate::components::{error_summary, errors_at, page_frame};
use crate::effects::Dispatch;
use crate::keys::{element_id, page_field_key};
use crate::model::Studio;
use crate::page_model::PageField;
use crate::state::{Action, Page, State};
use onshi::content::page::PAGE_TEMPLATES;
use web::browser;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// One front matter field.
fn front_field(s: &State, studio: &Studio, file: &str, field: PageField, dispatch: &Dispatch) -> Html {
    let key = page_field_key(file, field.key());
    let base = element_id(&key);
    let written = studio.front_fields(file).get(field);
    let typed = s.texts.get(&key).map_or(written, |(t, _)| t.clone());
    let change = {
        let file = file.to_string();
        move |text: String| Action::PageField { file: file.clone(), field, text, now_ms: browser::now_ms() }
    };
    let (hint_id, error_id) = (format!("{base}-hint"), format!("{base}-error"));
    let has_error = s.field_errors.get(&key).is_some_and(|l| !l.is_empty());
    let control = match field {
        PageField::Template => {
            let change = change.clone();
            let on = dispatch.callback(move |e: Event| change(e.target_unchecked_into::<HtmlSelectElement>().value()));
            html! {
                <select id={base.clone()} aria-describedby={format!("{hint_id} {error_id}")} onchange={on}>
                    { for PAGE_TEMPLATES.iter().map(|(value, label)| html! {
                        <option value={*value} selected={typed == *value}>{format!("{label}（{value}）")}</option>
                    }) }
                </select>
            }
        }
        PageField::WizardLink => {
            let change = change.clone();
            let on = dispatch.callback(move |e: Event| {
                let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                change(if checked { "true".into() } else { String::new() })
            });
            return html! {
                <div class="field">
                    <div class="checkbox">
                        <input type="checkbox" id={base.clone()} checked={!typed.is_empty()} onchange={on}
                            aria-describedby={format!("{hint_id} {error_id}")} />
                        <label for={base.clone()}>{field.label()}</label>
                    </div>
                    <p class="hint" id={hint_id}>{field.hint()}</p>
                    { errors_at(s, &key, &error_id) }
                </div>
            };
        }
        _ => {
            let change = change.clone();
            let on =
                dispatch.callback(move |e: InputEvent| change(e.target_unchecked_into::<HtmlInputElement>().value()));
            let class = if field == PageField::Order { "width-2" } else { "" };
            let mode = if field == PageField::Order { "numeric" } else { "text" };
            html! {
                <input type="text" inputmode={mode} class={class} id={base.clone()} value={typed}
                    aria-describedby={format!("{hint_id} {error_id}")} aria-invalid={has_error.to_string()} oninput={on} />
            }
        }
    };
    html! {
        <div class="field">
            <label for={base.clone()}>{field.label()}</label>
            <p class="hint" id={hint_id}>{field.hint()}</p>
            { errors_at(s, &key, &error_id) }
            { control }
        </div>
    }
}

pub fn page_edit(s: &State, studio: &Studio, file: &str, dispatch: &Dispatch) -> Html {
    let Some(entry) = studio.pages().into_iter().find(|p| p.file == file) else {
        return html! { <p>{"ページがありません"}</p> };
    };
    let back = dispatch.link(|| Action::Go(Page::Pages));
    let on_body = {
        let file = file.to_string();
        dispatch.callback(move |e: InputEvent| Action::PageBody {
            file: file.clone(),
            text: e.target_unchecked_into::<HtmlTextAreaElement>().value(),
            now_ms: browser::now_ms(),
        })
    };
    let on_bureau = dispatch.callback(|e: Event| Action::PreviewIn {
        bureau: e.target_unchecked_into::<HtmlSelectElement>().value(),
        now_ms: browser::now_ms(),
    });
    let body = studio.page_body(file);
    let rows = body.lines().count().clamp(12, 40) as u32;
    let problems: Vec<&String> = s.preview.problems.iter().collect();
    let bureau_choice = if entry.bureau.is_some() {
        html! {}
    } else {
        html! {
            <div class="field">
                <label for="page-bureau">{"どの局のサイトとして表示するか"}</label>
                <select id="page-bureau" onchange={on_bureau}>
                    { for studio.bureaus().into_iter().map(|(id, name, _)| html! {
                        <option value={id.clone()} selected={s.preview.bureau == id}>{name}</option>
                    }) }
                </select>
            </div>
        }
    };
    html! {
        <>
        <p><a href="#" onclick={back}>{"ページの一覧に戻る"}</a></p>
        <h1>{format!("ページ「{}」", entry.title)}</h1>
        <p class="hint">{format!("ファイル：{file}")}</p>
        { error_summary(s) }
        <h2>{"ページの情報"}</h2>
        { for PageField::ALL.iter().map(|f| front_field(s, studio, file, *f, dispatch)) }
        <h2>{"本文"}</h2>
        <div class="field">
            <label for="page-body">{"本文（Markdown）"}</label>
            <p class="hint" id="page-body-hint">{"見出しは ## から始めて一段ずつ下げます（## → ###）。リンクは [行き先の名前](page:offices) のように書きます。ページの題は上の「ページの題」が見出しになります。"}</p>
            <div id="page-checks" aria-live="polite">
            { if problems.is_empty() { html! {} } else { html! {
                <div class="error-message">
                    <p>{"本文の確認（サイトを作るときにも止まります）："}</p>
                    <ul>{ for problems.iter().map(|p| html! { <li class="error-line">{(*p).clone()}</li> }) }</ul>
                </div>
            } } }
            </div>
            <textarea id="page-body" class="page-body" rows={rows.to_string()} spellcheck="false"
                aria-describedby="page-body-hint page-checks" value={body} oninput={on_body} />
        </div>
        <h2>{"サイトでの表示"}</h2>
        <p class="hint">{"サイトを作るときと同じ仕組みで作ったページです。表示の中のリンクは動きません。"}</p>
        { bureau_choice }
        { page_frame(s, &entry.title) }
        </>
    }
}
