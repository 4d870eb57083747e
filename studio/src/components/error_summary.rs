//! The loader's problems now, at the top of a page (`web::error_summary`): each links to the
//! field whose change brought it, when there is one. It does not take the focus: the studio
//! checks as typed, and the caret stays in the field being typed.

use crate::keys::element_id;
use crate::state::State;
use web::error_summary::{ErrorItem, ErrorSummary};
use yew::prelude::*;

pub fn error_summary(s: &State) -> Html {
    let items: Vec<ErrorItem> = s
        .errors
        .iter()
        .map(|e| {
            let text = e.to_string();
            let field = s.field_errors.iter().find(|(_, list)| list.contains(&text)).map(|(k, _)| element_id(k));
            ErrorItem { text, field }
        })
        .collect();
    html! { <ErrorSummary title="直すところがあります" {items} footer="直すまで保存できません。" /> }
}
