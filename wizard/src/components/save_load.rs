//! Saving the answers as the application file, and loading one back.

use crate::browser::{content, download};
use crate::state::Answers;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SaveLoadProps {
    pub answers: Answers,
    /// The answers a chosen file gives, or why it gives none.
    pub on_loaded: Callback<Result<Answers, String>>,
}

/// Reads a chosen application file into answers (or why it gives none) for `on_loaded`: the one
/// way a file is read, from this section and from the start page's 「保存したファイルから続ける」.
pub fn read_application(file: web_sys::File, on_loaded: Callback<Result<Answers, String>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
        let result = match text {
            Some(t) => Answers::from_application(&t, &content().bureaus),
            None => Err("ファイルを読めません。".into()),
        };
        on_loaded.emit(result);
    });
}

/// Save the answers as the application file, or load one back.
#[function_component(SaveLoad)]
pub fn save_load(props: &SaveLoadProps) -> Html {
    let save = {
        let answers = props.answers.clone();
        Callback::from(move |_: MouseEvent| {
            let json = serde_json::to_string_pretty(&answers.to_application(&content().bureaus)).unwrap_or_default();
            download(&answers.file_name(), json.as_bytes(), "application/json");
        })
    };
    let load = {
        let on_loaded = props.on_loaded.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_application(file, on_loaded.clone());
            }
        })
    };
    html! {
        <section class="save-load" aria-labelledby="save-load-title">
            <h2 id="save-load-title">{"入力内容の保存と読み込み"}</h2>
            <p>{"入力した内容をファイルに保存し、あとで読み込んで続けられます。ファイルはこのパソコンに保存され、どこにも送信されません。"}</p>
            <p><button type="button" class="button button-secondary" onclick={save}>{"入力内容を保存する（.json）"}</button></p>
            <div class="field">
                <label for="load-file">{"保存したファイルを読み込む"}</label>
                <input id="load-file" type="file" accept=".json,application/json" onchange={load} />
            </div>
        </section>
    }
}
