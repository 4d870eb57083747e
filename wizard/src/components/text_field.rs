//! A text field: label (with ※必須), support text, errors, the input.

use super::field::{described_by, error_messages, field_id, problems_for};
use crate::app::Dispatch;
use crate::state::{field_label, Action, State};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A text field: label (with ※必須), support text, errors, the input.
pub fn text_field(
    state: &State,
    dispatch: &Dispatch,
    path: &'static str,
    hint: &str,
    required: bool,
    autocomplete: &'static str,
) -> Html {
    let id = field_id(path);
    let problems = problems_for(state, path);
    let oninput = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::SetField(path.to_string(), input.value()));
        })
    };
    let numeric = matches!(path, "plan.card_reader.month" | "plan.network.month");
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("field-error"))}>
            <label for={id.clone()}>
                { field_label(path) }
                if required { <span class="required">{"※必須"}</span> }
            </label>
            if !hint.is_empty() { <p class="hint" id={format!("{id}-hint")}>{ hint.to_string() }</p> }
            { error_messages(&problems, &id) }
            <input id={id.clone()} name={path} type="text" value={state.answers.get(path).to_string()} {oninput}
                autocomplete={autocomplete}
                inputmode={numeric.then_some("numeric")}
                aria-describedby={described_by(&id, !hint.is_empty(), problems.len())}
                aria-invalid={(!problems.is_empty()).then_some("true")} />
        </div>
    }
}
