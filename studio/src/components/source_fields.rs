//! A source the content asks for: a document's title, a page's address and the date it showed
//! (or a page only: its address and date). Checked as typed (the date), then written and
//! checked by the loader (file:line).

use super::errors_at;
use crate::effects::Dispatch;
use crate::keys::element_id;
use crate::published::SourceForm;
use crate::state::{Action, SourcePart, SourceTarget, State};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What a source's fields say around them.
struct Words<'a> {
    legend: &'a str,
    hint: &'a str,
    /// The label of the date.
    seen: &'a str,
    /// Whether a document's title is asked too (else a page only; a written title is kept).
    title: bool,
}

pub fn source_fields(
    s: &State,
    key: &str,
    legend: &str,
    hint: &str,
    written: SourceForm,
    target: SourceTarget,
    dispatch: &Dispatch,
) -> Html {
    let words = Words { legend, hint, seen: "ページの日付（確かめた日）", title: true };
    fields(s, key, &words, written, target, dispatch)
}

/// A page's address and the date written on it (its update), without a document's title.
pub fn page_fields(
    s: &State,
    key: &str,
    legend: &str,
    hint: &str,
    written: SourceForm,
    target: SourceTarget,
    dispatch: &Dispatch,
) -> Html {
    let words = Words { legend, hint, seen: "ページの日付（更新日）", title: false };
    fields(s, key, &words, written, target, dispatch)
}

fn fields(
    s: &State,
    key: &str,
    words: &Words<'_>,
    written: SourceForm,
    target: SourceTarget,
    dispatch: &Dispatch,
) -> Html {
    let base = element_id(key);
    let typed = |part: &str| s.texts.get(&format!("{key}|{part}")).map(|(t, _)| t.clone());
    let form = match (typed("title"), typed("url"), typed("seen")) {
        (Some(title), Some(url), Some(seen)) => SourceForm { title, url, seen },
        _ => written,
    };
    let input = |part: SourcePart| {
        let (key, target, shown) = (key.to_string(), target.clone(), form.clone());
        dispatch.callback(move |e: InputEvent| Action::Source {
            key: key.clone(),
            target: target.clone(),
            shown: shown.clone(),
            part,
            text: e.target_unchecked_into::<HtmlInputElement>().value(),
        })
    };
    let (on_url, on_seen, on_title) = (input(SourcePart::Url), input(SourcePart::Seen), input(SourcePart::Title));
    let error_id = format!("{base}-error");
    let has_error = s.field_errors.get(key).is_some_and(|l| !l.is_empty());
    html! {
        <fieldset class={classes!("field", "source", has_error.then_some("field-error"))} id={base.clone()}>
            <legend>{words.legend}</legend>
            <p class="hint">{words.hint}</p>
            { errors_at(s, key, &error_id) }
            <div class="field">
                <label for={format!("{base}-url")}>{"ページのアドレス"}</label>
                <input type="text" id={format!("{base}-url")} inputmode="url" value={form.url} oninput={on_url} aria-describedby={error_id.clone()} />
            </div>
            <div class="field">
                <label for={format!("{base}-seen")}>{words.seen}</label>
                <p class="hint" id={format!("{base}-seen-hint")}>{"年-月-日 の形で。例：2026-12-01"}</p>
                <input type="text" class="width-10" id={format!("{base}-seen")} value={form.seen} oninput={on_seen} aria-describedby={format!("{base}-seen-hint {error_id}")} />
            </div>
            { if words.title { html! {
                <div class="field">
                    <label for={format!("{base}-title")}>{"文書名"}</label>
                    <p class="hint" id={format!("{base}-title-hint")}>{"ページではなく文書（通知、電話で確かめた記録など）のとき"}</p>
                    <input type="text" id={format!("{base}-title")} value={form.title} oninput={on_title} aria-describedby={format!("{base}-title-hint {error_id}")} />
                </div>
            } } else { html! {} } }
        </fieldset>
    }
}
