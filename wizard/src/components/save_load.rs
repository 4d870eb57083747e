//! Saving the answers as the application file, and loading one back.

use crate::browser::content_wire;
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
/// file is read — into answers (or why it gives none, naming the file) for `on_loaded`: the one
/// way a file is read, from this section and from the start page's 「保存したファイルから続ける」.
/// The reader worker reads it (the JSON parser is not part of the first load).
pub fn read_application(file: web_sys::File, on_loaded: Callback<Result<Answers, String>>) {
    let name = file.name();
    let pdf = name.to_lowercase().ends_with(".pdf") || file.type_() == "application/pdf";
    wasm_bindgen_futures::spawn_local(async move {
        let Some(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok() else {
            on_loaded.emit(Err(format!("ファイル「{name}」を読めません。")));
            return;
        };
        let file = js_sys::Uint8Array::new(&buffer).to_vec();
        let answered = move |answer| {
            on_loaded.emit(match answer {
                FromWorker::Answers(answers) => Ok(*answers),
                FromWorker::Problems(problems) => Err(format!("「{name}」：{}", problems.join(" "))),
                _ => Err(format!("「{name}」から申請ファイルを読み出せませんでした。")),
            })
        };
        reader().ask_once(ToWorker::Read { file, pdf, content: content_wire() }, answered);
    });
}

/// The reader worker, started for one question.
fn reader() -> Client<PdfProtocol> {
    Client::<PdfProtocol>::new(crate::browser::pdf_reader_file()).with_timeout(WORKER_TIMEOUT_MS)
}

/// Save the answers as the application file, or load one back.
#[function_component(SaveLoad)]
pub fn save_load(props: &SaveLoadProps) -> Html {
    let save = {
        let answers = props.answers.clone();
        let on_loaded = props.on_loaded.clone();
        Callback::from(move |_: MouseEvent| {
            let name = answers.file_name();
            let on_loaded = on_loaded.clone();
            let write = ToWorker::Write { answers: Box::new(answers.clone()), content: content_wire() };
            reader().ask_once(write, move |answer| match answer {
                FromWorker::Application(json) => download(&name, json.as_bytes(), "application/json"),
                FromWorker::Problems(problems) => on_loaded.emit(Err(problems.join(" "))),
                _ => on_loaded.emit(Err("入力内容を保存できませんでした。もう一度お試しください。".into())),
            });
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
