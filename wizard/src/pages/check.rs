//! The check-answers page: every answer by page with a link to change it, what is still
//! missing, the warnings, and the way on to the documents.

use crate::app::Dispatch;
use crate::browser::content;
use crate::components::field_anchor;
use crate::state::{all_problems, field_label, page_fields, Action, Page, State};
use onshi::application::{Problem, Severity};
use onshi::era::format_era_date_weekday;
use yew::prelude::*;

pub fn check_page(state: &State, dispatch: &Dispatch) -> Html {
    let problems = all_problems(&state.answers, content());
    let errors: Vec<&Problem> = problems.iter().filter(|p| p.severity == Severity::Error).collect();
    let warnings: Vec<&Problem> = problems.iter().filter(|p| p.severity == Severity::Warning).collect();
    // Each answer as the forms will print it (the label of a choice, 済み/未実施, 〒123-4567,
    // 03-1234-5678, カタカナ), from the field schema the forms use.
    let answer = |path: &str| -> String {
        if crate::state::DATE_FIELDS.contains(&path) {
            state.answers.date(path).date().map(format_era_date_weekday).unwrap_or_default()
        } else {
            onshi::application::display(path, state.answers.get(path))
        }
    };
    let mut pages = vec![Page::Kind, Page::Prefecture, Page::Transitional, Page::Dates, Page::Request];
    if !state.answers.transitional() {
        pages.push(Page::Plan);
    }
    let go_on = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Show(Page::Download)))
    };
    html! {
        <>
            if !errors.is_empty() {
                <div class="error-summary" role="alert">
                    <h2>{"まだ入力が必要な項目があります"}</h2>
                    <ul>{ for errors.iter().map(|p| {
                        let page = pages.iter().find(|pg| page_fields(**pg).contains(&p.path.as_str())).copied().unwrap_or(Page::Request);
                        html! { <li><a href={format!("#{}", page.slug())}>{ p.to_string() }</a></li> }
                    }) }</ul>
                </div>
            }
            if !warnings.is_empty() {
                <div class="notice notice-warning"><h2>{"確認してください"}</h2>
                    <ul>{ for warnings.iter().map(|p| html! { <li>{ p.to_string() }</li> }) }</ul>
                </div>
            }
            { for pages.iter().map(|page| html! {
                <section class="check-section">
                    <h2>{ page.title() }</h2>
                    <dl class="summary-list">
                    { for page_fields(*page).iter().filter(|p| **p != "bureau").map(|path| html! {
                        <div class="summary-row">
                            <dt>{ field_label(path) }</dt>
                            <dd>{ answer(path) }</dd>
                            <dd><a href={format!("#{}:{}", page.slug(), field_anchor(path).trim_start_matches('#'))}>{"変更"}<span class="visually-hidden">{ field_label(path) }</span></a></dd>
                        </div>
                    }) }
                    </dl>
                </section>
            }) }
            if errors.is_empty() {
                <button type="button" class="button" onclick={go_on}>{"書類を作る"}</button>
            }
        </>
    }
}
