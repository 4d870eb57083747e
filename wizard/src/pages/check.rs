//! The check-answers page: every answer by page with a link to change it, what is still
//! missing, the warnings, and the way on to the documents.

use super::Callbacks;
use crate::components::field_anchor;
use crate::state::{page_fields, Page, State};
use onshi::application::{display, Problem};
use yew::prelude::*;

pub fn check_page(state: &State, on: &Callbacks) -> Html {
    let errors: Vec<&Problem> = state.checked.errors().collect();
    let warnings: Vec<&Problem> = state.checked.warnings().collect();
    // The pages of this user's way that ask for something, in order (遡及指定 is いいえ by now:
    // a yes ends the wizard).
    let pages: Vec<Page> = Page::sequence(&state.answers)
        .into_iter()
        .filter(|p| p.section().is_some() && *p != Page::Retroactive)
        .collect();
    let go_on = on.show.reform(|_: MouseEvent| Page::Download);
    html! {
        <>
            if !errors.is_empty() {
                <div class="error-summary" role="alert">
                    <h2>{"まだ入力が必要な項目があります"}</h2>
                    <ul>{ for errors.iter().map(|p| {
                        let page = Page::asking(&p.path).unwrap_or(Page::Request);
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
                    // Each answer as the forms will print it (the label of a choice, 済み/未実施,
                    // 〒123-4567, 03-1234-5678, カタカナ, 令和), from the field schema the forms use.
                    { for page_fields(*page).iter().map(|field| html! {
                        <div class="summary-row">
                            <dt>{ field.label }</dt>
                            <dd>{ display(field.path, &state.answers.raw(field.path)) }</dd>
                            <dd><a href={format!("#{}:{}", page.slug(), field_anchor(field.path).trim_start_matches('#'))}>{"変更"}<span class="visually-hidden">{ field.label }</span></a></dd>
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
