//! What every field shares: its element ids, its problems and their messages, and how the
//! input points at its support text and errors (`aria-describedby`).

use onshi::application::{field, Kind, Problem};
use yew::prelude::*;

pub fn field_id(path: &str) -> String {
    path.replace('.', "-")
}

/// Where the error summary's link for a field goes (a date's year field).
pub fn field_anchor(path: &str) -> String {
    if field(path).is_some_and(|f| f.kind == Kind::Date) {
        format!("#{}-year", field_id(path))
    } else {
        format!("#{}", field_id(path))
    }
}

/// The problems of one field among a page's.
pub fn problems_for<'a>(problems: &'a [Problem], path: &str) -> Vec<&'a Problem> {
    problems.iter().filter(|p| p.path == path).collect()
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

/// ※必須 after a question the schema says is always required.
pub fn required_mark(marked: bool) -> Html {
    html! { if marked { <span class="required">{"※必須"}</span> } }
}
