//! What every field shares: its element ids, its problems and their messages, and how the
//! input points at its support text and errors (`aria-describedby`).

use crate::state::State;
use onshi::application::Problem;
use yew::prelude::*;

pub fn field_id(path: &str) -> String {
    path.replace('.', "-")
}

/// Where the error summary's link for a field goes (a date's year field).
pub fn field_anchor(path: &str) -> String {
    if crate::state::DATE_FIELDS.contains(&path) {
        format!("#{}-year", field_id(path))
    } else {
        format!("#{}", field_id(path))
    }
}

pub fn problems_for<'a>(state: &'a State, path: &str) -> Vec<&'a Problem> {
    state.problems.iter().filter(|p| p.path == path).collect()
}

pub fn error_messages(problems: &[&Problem], id: &str) -> Html {
    html! {
        { for problems.iter().enumerate().map(|(i, p)| html! {
            <p class="error-message" id={format!("{id}-error-{i}")}>
                <span class="visually-hidden">{"エラー："}</span>{ p.message.clone() }
            </p>
        }) }
    }
}

pub fn described_by(id: &str, hint: bool, errors: usize) -> Option<String> {
    let mut ids: Vec<String> = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    ids.extend((0..errors).map(|i| format!("{id}-error-{i}")));
    (!ids.is_empty()).then(|| ids.join(" "))
}
