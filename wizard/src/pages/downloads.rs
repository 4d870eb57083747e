//! The downloads page: makes the PDFs in the worker (the PDF code and the font load only
//! now) and offers them.

use super::AnswersProps;
use crate::browser::{content, content_json, download};
use crate::protocol::{FromWorker, PdfFile, ToWorker};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::prelude::*;

#[derive(PartialEq, Clone)]
enum PdfState {
    Idle,
    Working,
    Ready(Vec<PdfFile>),
    Failed(Vec<String>),
}

impl From<Option<FromWorker>> for PdfState {
    /// The worker's answer; `None` if it could not be read.
    fn from(answer: Option<FromWorker>) -> PdfState {
        match answer {
            Some(FromWorker::Files(files)) => PdfState::Ready(files),
            Some(FromWorker::Problems(problems)) => PdfState::Failed(problems),
            Some(FromWorker::Ready) | None => PdfState::Failed(vec!["PDF を作れませんでした。".into()]),
        }
    }
}

/// Makes the PDFs in the worker (the PDF code and the font load only now) and offers them.
#[function_component(Downloads)]
pub fn downloads(props: &AnswersProps) -> Html {
    let pdfs = use_state(|| PdfState::Idle);
    let make = {
        let pdfs = pdfs.clone();
        let application = props.answers.to_application(&content().bureaus).to_string();
        Callback::from(move |_: MouseEvent| {
            pdfs.set(PdfState::Working);
            // The worker is sent the content this page was built with and the application.
            let request = ToWorker::Make { content: content_json(), application: application.clone() };
            let answered = {
                let pdfs = pdfs.clone();
                move |answer| pdfs.set(PdfState::from(answer))
            };
            if make_in_worker(request, answered).is_err() {
                pdfs.set(PdfState::Failed(vec![
                    "PDF を作る準備ができませんでした。ページを読み込み直してください。".into()
                ]));
            }
        })
    };
    let kinds = props.answers.get("facility_kind").to_string();
    html! {
        <>
            <p>{"入力した内容から、受付番号情報提供依頼書（別紙1）"}
               if kinds == "medical_dental" { {"を医科分と歯科分の2通"} }
               if !props.answers.transitional() { {"と導入計画書（別紙2）"} }
               {"を PDF で作ります。作った書類は印刷して提出してください。"}</p>
            <div aria-live="polite">
            { match &*pdfs {
                PdfState::Idle => html! { <button type="button" class="button" onclick={make}>{"PDF を作る"}</button> },
                PdfState::Working => html! { <p>{"PDF を作っています…"}</p> },
                PdfState::Failed(messages) => html! {
                    <div class="error-summary" role="alert"><h2>{"PDF を作れませんでした"}</h2>
                        <ul>{ for messages.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul>
                        <p><a href="#check">{"入力内容を直す"}</a></p>
                    </div>
                },
                PdfState::Ready(files) => html! {
                    <ul class="downloads">{ for files.iter().map(|file| {
                        let (name, bytes) = (file.name.clone(), file.bytes.clone());
                        let label = pdf_label(&name);
                        let onclick = Callback::from(move |_: MouseEvent| download(&name, &bytes, "application/pdf"));
                        html! { <li><button type="button" class="button button-secondary" {onclick}>{ label }</button></li> }
                    }) }</ul>
                },
            } }
            </div>
        </>
    }
}

/// Starts the PDF worker and has it make the forms. The worker says [`FromWorker::Ready`]
/// once it listens; it is then sent `request`, and its answer (`None` if unreadable) goes to
/// `answered` before the worker ends. An error if the worker cannot be started.
fn make_in_worker(request: ToWorker, answered: impl Fn(Option<FromWorker>) + 'static) -> Result<(), JsValue> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Classic);
    let worker = Worker::new_with_options("./pdf_worker_loader.js", &options)?;
    let handler = Closure::<dyn FnMut(MessageEvent)>::new({
        let worker = worker.clone();
        move |event: MessageEvent| match FromWorker::from_js(&event.data()) {
            Some(FromWorker::Ready) => {
                let _ = worker.post_message(&request.to_js());
            }
            answer => {
                answered(answer);
                worker.terminate();
            }
        }
    });
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    Ok(())
}

fn pdf_label(name: &str) -> String {
    match name {
        "request-medical.pdf" => "別紙1（医科）をダウンロード".into(),
        "request-dental.pdf" => "別紙1（歯科）をダウンロード".into(),
        "request-pharmacy.pdf" => "別紙1（薬局）をダウンロード".into(),
        "plan.pdf" => "別紙2 導入計画書をダウンロード".into(),
        other => other.to_string(),
    }
}
