//! The error summary at the top of a page (`web::error_summary`): the errors of the answers,
//! each linked to its field; it takes the focus when they change.

use super::field::field_anchor;
use onshi::application::{Problem, Severity};
use web::error_summary::{ErrorItem, ErrorSummary};
use yew::prelude::*;

pub fn error_summary(problems: &[Problem]) -> Html {
    let items: Vec<ErrorItem> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| ErrorItem {
            text: p.to_string(),
            field: Some(field_anchor(&p.path).trim_start_matches('#').to_string()),
        })
        .collect();
    html! { <ErrorSummary title="入力内容に問題があります" {items} focus=true /> }
}
