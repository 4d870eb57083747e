//! The error summary atop a page (GOV.UK's pattern): a heading, each problem linked to the
//! field that holds it, and, when asked, the focus taken as it appears.

use web_sys::HtmlElement;
use yew::prelude::*;

/// One problem: its words, and the id of the field that holds it, if one does.
#[derive(Clone, PartialEq)]
pub struct ErrorItem {
    pub text: String,
    pub field: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub title: AttrValue,
    pub items: Vec<ErrorItem>,
    /// What follows the list (「直すまで保存できません。」).
    #[prop_or_default]
    pub footer: Option<AttrValue>,
    /// Take the focus when the list changes and is not empty: after a submission (the wizard);
    /// not while typing, where it would pull the caret out of the field (the studio checks as
    /// typed).
    #[prop_or_default]
    pub focus: bool,
}

#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let (node, focus) = (node.clone(), props.focus);
        use_effect_with(props.items.clone(), move |items| {
            if focus && !items.is_empty() {
                if let Some(e) = node.cast::<HtmlElement>() {
                    let _ = e.focus();
                }
            }
        });
    }
    if props.items.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" ref={node} tabindex="-1" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{props.title.clone()}</h2>
            <ul>
            { for props.items.iter().map(|item| match &item.field {
                Some(id) => html! { <li><a href={format!("#{id}")}>{item.text.clone()}</a></li> },
                None => html! { <li>{item.text.clone()}</li> },
            }) }
            </ul>
            { match &props.footer { Some(f) => html! { <p>{f.clone()}</p> }, None => html! {} } }
        </div>
    }
}
