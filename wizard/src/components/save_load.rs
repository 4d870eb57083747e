//! Saving the answers as the application file, and loading one back.

use crate::browser::content;
use crate::protocol::{FromWorker, PdfProtocol, ToWorker, WORKER_TIMEOUT_MS};
use crate::state::Answers;
use web::browser::download;
use web::worker::Client;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SaveLoadProps {
    pub answers: Answers,
    /// The answers a chosen file gives, or why it gives none.
    pub on_loaded: Callback<Result<Answers, String>>,
}

/// Reads a chosen application file — or a PDF the wizard made, whose attached application
/// file the PDF worker reads back — into answers (or why it gives none, naming the file) for
/// `on_loaded`: the one way a file is read, from this section and from the start page's
/// 「保存したファイルから続ける」.
pub fn read_application(file: web_sys::File, on_loaded: Callback<Result<Answers, String>>) {
    let name = file.name();
    let is_pdf = name.to_lowercase().ends_with(".pdf") || file.type_() == "application/pdf";
    wasm_bindgen_futures::spawn_local(async move {
        let unreadable = format!("ファイル「{name}」を読めません。");
        if !is_pdf {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            on_loaded.emit(match text {
                Some(t) => Answers::from_application(&t, &content().bureaus),
                None => Err(unreadable),
            });
            return;
        }
        let Some(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok() else {
            on_loaded.emit(Err(unreadable));
            return;
        };
        let pdf = js_sys::Uint8Array::new(&buffer).to_vec();
        let answered = {
            let on_loaded = on_loaded.clone();
            move |answer| {
                on_loaded.emit(match answer {
                    FromWorker::Application(text) => Answers::from_application(&text, &content().bureaus),
                    FromWorker::Problems(problems) => Err(format!("「{name}」：{}", problems.join(" "))),
                    _ => Err(format!("「{name}」から申請ファイルを読み出せませんでした。")),
                })
            }
        };
        Client::<PdfProtocol>::new(crate::browser::pdf_reader_file())
            .with_timeout(WORKER_TIMEOUT_MS)
            .ask_once(ToWorker::Read { pdf }, answered);
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
            <p>{"入力した内容をファイルに保存し、あとで読み込んで続けられます。このウィザードで作った PDF からも読み込めます。ファイルはこのパソコンに保存され、どこにも送信されません。"}</p>
            <p><button type="button" class="button button-secondary" onclick={save}>{"入力内容を保存する（.json）"}</button></p>
            <div class="field">
                <label for="load-file">{"保存したファイルを読み込む"}</label>
                <input id="load-file" type="file" accept=".json,.pdf,application/json,application/pdf" onchange={load} />
            </div>
        </section>
    }
}
