//! The error summary at the top of a page: takes the focus and links to each field in error.

use super::field::field_anchor;
use onshi::application::{Problem, Severity};
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub problems: Vec<Problem>,
}

/// The error summary: takes the focus and links to each field in error.
#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    let errors: Vec<&Problem> = props.problems.iter().filter(|p| p.severity == Severity::Error).collect();
    {
        let node = node.clone();
        use_effect_with(props.problems.clone(), move |problems| {
            if problems.iter().any(|p| p.severity == Severity::Error) {
                if let Some(e) = node.cast::<HtmlElement>() {
                    let _ = e.focus();
                }
            }
        });
    }
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" ref={node} tabindex="-1" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{"入力内容に問題があります"}</h2>
            <ul>
            { for errors.iter().map(|p| html! {
                <li><a href={field_anchor(&p.path)}>{ p.to_string() }</a></li>
            }) }
            </ul>
        </div>
    }
}
