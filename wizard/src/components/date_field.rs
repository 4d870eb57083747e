//! A date as three numeric fields (年・月・日) in a fieldset.

use super::field::{described_by, error_messages, field_id, problems_for};
use crate::app::Dispatch;
use crate::state::{Action, DatePart, State};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A date as three numeric fields in a fieldset.
pub fn date_field(
    state: &State,
    dispatch: &Dispatch,
    path: &'static str,
    legend: &str,
    hint: &str,
    required: bool,
) -> Html {
    let id = field_id(path);
    let problems = problems_for(state, path);
    let value = state.answers.date(path);
    let part = |part: DatePart, label: &'static str, suffix: &'static str, v: String, width: &'static str| {
        let dispatch = dispatch.clone();
        let input_id = format!("{id}-{suffix}");
        let oninput = Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::SetDate(path.to_string(), part, input.value()));
        });
        html! {
            <div class="date-part">
                <input id={input_id.clone()} class={width} type="text" inputmode="numeric" value={v} {oninput}
                    aria-invalid={(!problems.is_empty()).then_some("true")} />
                <label for={input_id}>{ label }</label>
            </div>
        }
    };
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("field-error"))}>
            <fieldset role="group" aria-describedby={described_by(&id, true, problems.len())}>
                <legend>{ legend.to_string() } if required { <span class="required">{"※必須"}</span> }</legend>
                <p class="hint" id={format!("{id}-hint")}>{ hint.to_string() }</p>
                { error_messages(&problems, &id) }
                <div class="date-input">
                    { part(DatePart::Year, "年", "year", value.year.clone(), "width-4") }
                    { part(DatePart::Month, "月", "month", value.month.clone(), "width-2") }
                    { part(DatePart::Day, "日", "day", value.day.clone(), "width-2") }
                </div>
            </fieldset>
        </div>
    }
}
