//! A deadline's dates published per designation month (`overrides`): a list of rows, each a
//! month and a date, added, removed and edited; each row's mistakes at its fields as typed,
//! the loader's (file:line) at the list. Valid rows are written at once, so the 12 dates above
//! show them.

use super::errors_at;
use crate::effects::Dispatch;
use crate::keys::{element_id, overrides_key};
use crate::model::{era_month, Slot};
use crate::published::{check_rows, override_rows, RowErrors};
use crate::state::{Action, RowEdit, State};
use onshi::content::values::YearMonth;
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub fn published_dates(s: &State, file: &str, slot: &Slot, dispatch: &Dispatch) -> Html {
    let key = overrides_key(file, slot.office.as_deref(), slot.kind.key());
    let base = element_id(&key);
    let rows = s.rows.get(&key).cloned().unwrap_or_else(|| override_rows(&slot.overrides));
    let row_errors = check_rows(&rows).err().unwrap_or_else(|| vec![RowErrors::default(); rows.len()]);
    // Every change: the rows as typed kept, and written when every row is right (the reducer).
    let change = {
        let (file, office, kind, shown) = (file.to_string(), slot.office.clone(), slot.kind, rows.clone());
        move |edit: RowEdit| Action::Published {
            file: file.clone(),
            office: office.clone(),
            kind,
            shown: shown.clone(),
            edit,
        }
    };
    let on_add = {
        let change = change.clone();
        dispatch.callback(move |_: MouseEvent| change(RowEdit::Add))
    };
    let error_id = format!("{base}-error");
    html! {
        <fieldset class="published" id={base.clone()}>
            <legend>{format!("{}：{}として局が公表した日（指定月ごと）", slot.title, slot.kind.short_label())}</legend>
            <p class="hint">{"局が指定月ごとに期限の日を公表しているときに書きます。書いた月は、上の決まりより優先し、表に「局が公表した日」と示します。"}</p>
            { errors_at(s, &key, &error_id) }
            { if rows.is_empty() { html! { <p>{"公表された期限はありません。"}</p> } } else { html! {} } }
            { for rows.iter().zip(row_errors).enumerate().map(|(i, (row, errors))| {
                let row_base = format!("{base}-{i}");
                let on_month = {
                    let change = change.clone();
                    dispatch.callback(move |e: InputEvent| change(RowEdit::Month(i, e.target_unchecked_into::<HtmlInputElement>().value())))
                };
                let on_date = {
                    let change = change.clone();
                    dispatch.callback(move |e: InputEvent| change(RowEdit::Date(i, e.target_unchecked_into::<HtmlInputElement>().value())))
                };
                let on_remove = {
                    let change = change.clone();
                    dispatch.callback(move |_: MouseEvent| change(RowEdit::Remove(i)))
                };
                // The month typed, in the site's words, once it is one.
                let era = row.month.trim().parse::<YearMonth>().ok().map(|m| format!("。入力した月：{}", era_month(m.first_day())));
                html! {
                    <fieldset class="published-row">
                        <legend>{format!("{} 件目", i + 1)}</legend>
                        { field(&format!("{row_base}-month"), "指定を受ける月", &format!("例：2027-03{}", era.unwrap_or_default()), &row.month, errors.month.as_deref(), on_month, "width-10") }
                        { field(&format!("{row_base}-date"), "期限の日", "例：2027-01-05", &row.date, errors.date.as_deref(), on_date, "width-10") }
                        <button type="button" class="button button-secondary" onclick={on_remove}>{format!("{} 件目を消す", i + 1)}</button>
                    </fieldset>
                }
            }) }
            <button type="button" class="button button-secondary" id={format!("{base}-add")} onclick={on_add}>{"公表された期限を加える"}</button>
        </fieldset>
    }
}

/// One labelled text field with its hint and, when there is one, its mistake.
fn field(
    id: &str,
    label: &str,
    hint: &str,
    value: &str,
    error: Option<&str>,
    oninput: Callback<InputEvent>,
    width: &str,
) -> Html {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = if error.is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() };
    html! {
        <div class={classes!("field", error.is_some().then_some("field-error"))}>
            <label for={id.to_string()}>{label}</label>
            <p class="hint" id={hint_id}>{hint}</p>
            { match error { Some(e) => html! { <p class="error-message" id={error_id}><span class="error-line">{"エラー："}{e}</span></p> }, None => html! {} } }
            <input type="text" class={width.to_string()} id={id.to_string()} value={value.to_string()} oninput={oninput}
                aria-describedby={described} aria-invalid={error.is_some().to_string()} />
        </div>
    }
}
