//! Radio buttons in a fieldset: one choice among a few.

use super::field::{described_by, error_messages, field_id, required_mark};
use onshi::application::{Field, Problem};
use yew::prelude::*;

/// One choice among `options` (key, words) for a field of the schema, with support text
/// `hint` (the field's own unless the page says more); the key chosen goes to `on_change`.
pub fn radios(
    field: &'static Field,
    options: &[(&'static str, &str)],
    hint: &str,
    current: &str,
    problems: &[&Problem],
    on_change: Callback<String>,
) -> Html {
    let id = field_id(field.path);
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("field-error"))}>
            <fieldset aria-describedby={described_by(&id, !hint.is_empty(), problems.len())}>
                <legend>{ field.question() }{ required_mark(field.required.is_marked()) }</legend>
                if !hint.is_empty() { <p class="hint" id={format!("{id}-hint")}>{ hint.to_string() }</p> }
                { error_messages(problems, &id) }
                { for options.iter().enumerate().map(|(i, (value, label))| {
                    let input_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
                    let onchange = {
                        let (on_change, value) = (on_change.clone(), value.to_string());
                        Callback::from(move |_: Event| on_change.emit(value.clone()))
                    };
                    html! {
                        <div class="radio">
                            <input type="radio" id={input_id.clone()} name={field.path} value={*value} checked={current == *value} {onchange} />
                            <label for={input_id}>{ label.to_string() }</label>
                        </div>
                    }
                }) }
            </fieldset>
        </div>
    }
}
