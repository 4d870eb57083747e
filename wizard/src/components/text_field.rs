//! A text field: label (with ※必須), support text, errors, the input; all from the field's
//! row of the schema.

use super::field::{described_by, error_messages, field_id, required_mark};
use onshi::application::{Field, Problem};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A text field of the schema with its value and problems; each keystroke goes to `on_input`.
pub fn text_field(field: &'static Field, value: &str, problems: &[&Problem], on_input: Callback<String>) -> Html {
    let id = field_id(field.path);
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on_input.emit(input.value());
    });
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("field-error"))}>
            <label for={id.clone()}>
                { field.question() }
                { required_mark(field.required.is_marked()) }
            </label>
            if !field.hint.is_empty() { <p class="hint" id={format!("{id}-hint")}>{ field.hint }</p> }
            { error_messages(problems, &id) }
            <input id={id.clone()} name={field.path} type="text" value={value.to_string()} {oninput}
                autocomplete={field.autocomplete}
                inputmode={field.kind.input_mode()}
                aria-describedby={described_by(&id, !field.hint.is_empty(), problems.len())}
                aria-invalid={(!problems.is_empty()).then_some("true")} />
        </div>
    }
}
