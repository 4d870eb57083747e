//! The loader's problems now, at the top of a page (as the bureau page shows them): each links
//! to the field whose change brought it, when there is one.

use crate::checks::element_id;
use crate::state::State;
use yew::prelude::*;

pub fn error_summary(s: &State) -> Html {
    if s.errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" role="alert">
            <h2>{"直すところがあります"}</h2>
            <ul>{ for s.errors.iter().map(|e| {
                let text = e.to_string();
                let field = s.field_errors.iter().find(|(_, list)| list.contains(&text)).map(|(k, _)| element_id(k));
                match field {
                    Some(id) => html! { <li><a href={format!("#{id}")}>{text}</a></li> },
                    None => html! { <li>{text}</li> },
                }
            }) }</ul>
            <p>{"直すまで保存できません。"}</p>
        </div>
    }
}
