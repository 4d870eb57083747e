//! Radio buttons in a fieldset: one choice among a few.

use super::field::{described_by, error_messages, field_id, problems_for};
use crate::app::Dispatch;
use crate::state::{Action, State};
use yew::prelude::*;

/// Radio buttons in a fieldset.
pub fn radios(
    state: &State,
    dispatch: &Dispatch,
    path: &'static str,
    legend: &str,
    options: &[(&'static str, &str)],
    hint: &str,
) -> Html {
    let id = field_id(path);
    let problems = problems_for(state, path);
    let current = state.answers.get(path).to_string();
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("field-error"))}>
            <fieldset aria-describedby={described_by(&id, !hint.is_empty(), problems.len())}>
                <legend>{ legend.to_string() }<span class="required">{"※必須"}</span></legend>
                if !hint.is_empty() { <p class="hint" id={format!("{id}-hint")}>{ hint.to_string() }</p> }
                { error_messages(&problems, &id) }
                { for options.iter().enumerate().map(|(i, (value, label))| {
                    let input_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
                    let onchange = {
                        let dispatch = dispatch.clone();
                        let value = value.to_string();
                        Callback::from(move |_: Event| dispatch.dispatch(Action::SetField(path.to_string(), value.clone())))
                    };
                    html! {
                        <div class="radio">
                            <input type="radio" id={input_id.clone()} name={path} value={*value} checked={current == *value} {onchange} />
                            <label for={input_id}>{ label.to_string() }</label>
                        </div>
                    }
                }) }
            </fieldset>
        </div>
    }
}
