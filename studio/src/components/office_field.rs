//! An office's name, postal code, address or phone, and where they were read.

use super::errors_at;
use crate::app::{after_change, State, Update};
use crate::checks::element_id;
use crate::model::field_label;
use onshi::content::edit::OfficeField;
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub fn office_field(
    s: &State,
    file: &str,
    office: &str,
    field: OfficeField,
    value: &Option<String>,
    update: &Update,
) -> Html {
    let key = format!("{file}|{office}|{}", field.key());
    let base = element_id(&key);
    let (text, unknown) =
        s.texts.get(&key).cloned().unwrap_or_else(|| (value.clone().unwrap_or_default(), value.is_none()));
    let change = {
        let (update, key, file, office) = (update.clone(), key.clone(), file.to_string(), office.to_string());
        move |text: String, unknown: bool| {
            let (key, file, office) = (key.clone(), file.clone(), office.clone());
            update(&move |s: &mut State| {
                s.texts.insert(key.clone(), (text.clone(), unknown));
                let value = (!unknown).then_some(text.trim());
                if let Some(studio) = s.studio.as_mut() {
                    let errors = studio.set_office_field(&file, &office, field, value);
                    after_change(s, &key, errors);
                }
            })
        }
    };
    let on_text = {
        let change = change.clone();
        Callback::from(move |e: InputEvent| change(e.target_unchecked_into::<HtmlInputElement>().value(), false))
    };
    let on_unknown = {
        let (change, text) = (change.clone(), text.clone());
        Callback::from(move |e: Event| change(text.clone(), e.target_unchecked_into::<HtmlInputElement>().checked()))
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
pub fn contact_source(s: &State, file: &str, office: &crate::model::OfficeFields, update: &Update) -> Html {
    let key = format!("{file}|{}|contact_source", office.id);
    let base = element_id(&key);
    let (url, seen) = s
        .texts
        .get(&format!("{key}|url"))
        .map(|(u, _)| u.clone())
        .zip(s.texts.get(&format!("{key}|seen")).map(|(d, _)| d.clone()))
        .unwrap_or_else(|| (office.contact_url.clone(), office.contact_seen.clone()));
    let change = {
        let (update, key, file, id) = (update.clone(), key.clone(), file.to_string(), office.id.clone());
        move |url: String, seen: String| {
            let (key, file, id) = (key.clone(), file.clone(), id.clone());
            update(&move |s: &mut State| {
                s.texts.insert(format!("{key}|url"), (url.clone(), false));
                s.texts.insert(format!("{key}|seen"), (seen.clone(), false));
                let (u, d) = (url.trim(), seen.trim());
                let date = match d {
                    "" => None,
                    d => match onshi::application::parse_date(d) {
                        Ok(date) => Some(date),
                        Err(_) => {
                            s.field_errors
                                .insert(key.clone(), vec!["確認した日を 2026-12-01 の形で入力してください".into()]);
                            return;
                        }
                    },
                };
                if let Some(studio) = s.studio.as_mut() {
                    let errors = studio.set_contact_source(&file, &id, (!u.is_empty()).then_some(u), date);
                    after_change(s, &key, errors);
                }
            })
        }
    };
    let on_url = {
        let (change, seen) = (change.clone(), seen.clone());
        Callback::from(move |e: InputEvent| change(e.target_unchecked_into::<HtmlInputElement>().value(), seen.clone()))
    };
    let on_seen = {
        let (change, url) = (change.clone(), url.clone());
        Callback::from(move |e: InputEvent| change(url.clone(), e.target_unchecked_into::<HtmlInputElement>().value()))
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
