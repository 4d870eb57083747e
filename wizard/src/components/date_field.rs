//! A date as three numeric fields (年・月・日) in a fieldset.

use super::field::{described_by, error_messages, field_id, required_mark};
use crate::state::{DatePart, DateParts};
use onshi::application::{Field, Problem};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A date field of the schema as three numeric fields; each keystroke goes to `on_input`.
pub fn date_field(
    field: &'static Field,
    value: &DateParts,
    problems: &[&Problem],
    on_input: Callback<(DatePart, String)>,
) -> Html {
    let id = field_id(field.path);
    let invalid = !problems.is_empty();
    let part = |part: DatePart, label: &'static str, suffix: &'static str, v: String, width: &'static str| {
        let on_input = on_input.clone();
        let input_id = format!("{id}-{suffix}");
        let oninput = Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_input.emit((part, input.value()));
        });
        html! {
            <div class="date-part">
                <input id={input_id.clone()} class={width} type="text" inputmode="numeric" value={v} {oninput}
                    aria-invalid={invalid.then_some("true")} />
                <label for={input_id}>{ label }</label>
            </div>
        }
    };
    html! {
        <div class={classes!("field", invalid.then_some("field-error"))}>
            <fieldset role="group" aria-describedby={described_by(&id, true, problems.len())}>
                <legend>{ field.question() }{ required_mark(field.required.is_marked()) }</legend>
                <p class="hint" id={format!("{id}-hint")}>{ field.hint }</p>
                { error_messages(problems, &id) }
                <div class="date-input">
                    { part(DatePart::Year, "年", "year", value.year.clone(), "width-4") }
                    { part(DatePart::Month, "月", "month", value.month.clone(), "width-2") }
                    { part(DatePart::Day, "日", "day", value.day.clone(), "width-2") }
                </div>
            </fieldset>
        </div>
    }
}
