//! An office's name, postal code, address or phone, and where they were read.

use super::errors_at;
use crate::effects::Dispatch;
use crate::keys::{contact_source_key, element_id, office_field_key};
use crate::model::field_label;
use crate::state::{Action, State};
use onshi::content::edit::OfficeField;
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub fn office_field(
    s: &State,
    file: &str,
    office: &str,
    field: OfficeField,
    value: &Option<String>,
    dispatch: &Dispatch,
) -> Html {
    let key = office_field_key(file, office, field);
    let base = element_id(&key);
    let (text, unknown) =
        s.texts.get(&key).cloned().unwrap_or_else(|| (value.clone().unwrap_or_default(), value.is_none()));
    let change = {
        let (file, office) = (file.to_string(), office.to_string());
        move |text: String, unknown: bool| Action::Office {
            file: file.clone(),
            office: office.clone(),
            field,
            text,
            unknown,
        }
    };
    let on_text = {
        let change = change.clone();
        dispatch.callback(move |e: InputEvent| change(e.target_unchecked_into::<HtmlInputElement>().value(), false))
    };
    let on_unknown = {
        let text = text.clone();
        dispatch.callback(move |e: Event| change(text.clone(), e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let error_id = format!("{base}-error");
    html! {
        <div class="field" id={format!("{base}-field")}>
            <label for={base.clone()}>{field_label(field)}</label>
            { errors_at(s, &key, &error_id) }
            { if unknown { html! {} } else { html! {
                <input type="text" id={base.clone()} value={text} oninput={on_text} aria-describedby={error_id.clone()} />
            } } }
            <div class="checkbox">
                <input type="checkbox" id={format!("{base}-unknown")} checked={unknown} onchange={on_unknown} />
                <label for={format!("{base}-unknown")}>{"未確認"}</label>
            </div>
        </div>
    }
}

/// Where the postal code, address and phone were read: the loader wants it once one is known.
pub fn contact_source(s: &State, file: &str, office: &crate::model::OfficeFields, dispatch: &Dispatch) -> Html {
    let key = contact_source_key(file, &office.id);
    let base = element_id(&key);
    let (url, seen) = s
        .texts
        .get(&format!("{key}|url"))
        .map(|(u, _)| u.clone())
        .zip(s.texts.get(&format!("{key}|seen")).map(|(d, _)| d.clone()))
        .unwrap_or_else(|| (office.contact_url.clone(), office.contact_seen.clone()));
    let change = {
        let (file, id) = (file.to_string(), office.id.clone());
        move |url: String, seen: String| Action::ContactSource { file: file.clone(), office: id.clone(), url, seen }
    };
    let on_url = {
        let (change, seen) = (change.clone(), seen.clone());
        dispatch
            .callback(move |e: InputEvent| change(e.target_unchecked_into::<HtmlInputElement>().value(), seen.clone()))
    };
    let on_seen = {
        let url = url.clone();
        dispatch
            .callback(move |e: InputEvent| change(url.clone(), e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let error_id = format!("{base}-error");
    html! {
        <fieldset class="field" id={base.clone()}>
            <legend>{"郵便番号・所在地・電話番号の出典"}</legend>
            <p class="hint">{"これらを書いたら、どのページで確かめたかを書いてください。サイトに日付とともに表示します。"}</p>
            { errors_at(s, &key, &error_id) }
            <div class="field">
                <label for={format!("{base}-url")}>{"ページのアドレス"}</label>
                <input type="text" id={format!("{base}-url")} inputmode="url" value={url} oninput={on_url} aria-describedby={error_id.clone()} />
            </div>
            <div class="field">
                <label for={format!("{base}-seen")}>{"確認した日"}</label>
                <p class="hint" id={format!("{base}-seen-hint")}>{"例：2026-12-01"}</p>
                <input type="text" class="width-10" id={format!("{base}-seen")} value={seen} oninput={on_seen} aria-describedby={format!("{base}-seen-hint {error_id}")} />
            </div>
        </fieldset>
    }
}
