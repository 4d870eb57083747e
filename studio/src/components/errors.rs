//! A field's mistakes, shown at the field.

use crate::state::State;
use yew::prelude::*;

pub fn errors_at(s: &State, key: &str, id: &str) -> Html {
    match s.field_errors.get(key) {
        Some(list) if !list.is_empty() => html! {
            <p class="error-message" id={id.to_string()}>
                { for list.iter().map(|e| html! { <span class="error-line">{"エラー："}{e}</span> }) }
            </p>
        },
        _ => html! {},
    }
}
