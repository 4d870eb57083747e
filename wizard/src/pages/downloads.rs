//! The downloads page: makes the PDFs in the worker (the PDF code and the font load only
//! now) and offers them.

use super::AnswersProps;
use crate::browser::{content, content_wire, download};
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
        let (pdfs, answers) = (pdfs.clone(), props.answers.clone());
        Callback::from(move |_: MouseEvent| {
            pdfs.set(PdfState::Working);
            // The worker is sent the content this page was built with and the application.
            let application = answers.to_application(&content().bureaus).to_string();
            let request = ToWorker::Make { content: content_wire(), application };
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
    // The checklist computes a schedule: once per answers, not once per state of the PDFs.
    let checklist = use_memo(props.answers.clone(), submission_checklist);
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
                        <p><button type="button" class="button button-secondary" onclick={make.clone()}>{"もう一度 PDF を作る"}</button></p>
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
            { (*checklist).clone() }
        </>
    }
}

/// After the PDFs: each document with to whom, by when and how, then the portal steps.
fn submission_checklist(answers: &crate::state::Answers) -> Html {
    let content = content();
    let (Some((bureau, office)), Some(designation)) =
        (answers.office(&content.bureaus), answers.date("designation_date").date())
    else {
        return html! {};
    };
    let kind = match answers.get("facility_kind") {
        "dental" => onshi::application::FacilityKind::Dental,
        "medical_dental" => onshi::application::FacilityKind::MedicalDental,
        "pharmacy" => onshi::application::FacilityKind::Pharmacy,
        _ => onshi::application::FacilityKind::Medical,
    };
    let Ok(schedule) = onshi::schedule::compute(&onshi::schedule::ScheduleInput {
        content,
        bureau,
        office: Some(office),
        designation,
        setup: answers.date("setup_date").date(),
        today: None,
        transitional: answers.transitional(),
    }) else {
        return html! {};
    };
    let items = onshi::checklist::checklist(&content.notice, bureau, office, &schedule, kind);
    html! {
        <section class="checklist" aria-labelledby="checklist-title">
            <h2 id="checklist-title">{"提出するものと、その先の手続"}</h2>
            <ol class="checklist-items">
            { for items.iter().map(|item| html! {
                <li>
                    <p class="checklist-what">{ item.what.clone() }</p>
                    <dl class="facts">
                        <dt>{"期限"}</dt><dd>{ item.by.clone() }</dd>
                        <dt>{"提出先・窓口"}</dt><dd>{ item.to.clone() }
                            if let Some(link) = &item.link { <br/><a href={link.clone()}>{ link.clone() }</a> }
                        </dd>
                        <dt>{"方法"}</dt><dd>{ item.how.clone() }</dd>
                    </dl>
                </li>
            }) }
            </ol>
        </section>
    }
}

/// How long the worker may take, from its start (loading the PDF code and the font on a slow
/// line included) to its answer.
const WORKER_TIMEOUT_MS: i32 = 90_000;

/// Why the PDFs could not be made when the worker failed, stopped or never answered.
fn worker_failed(why: &str) -> FromWorker {
    let offline = !crate::browser::window().navigator().on_line();
    let hint = if offline {
        "インターネットにつながっていないようです。PDF を作る部品と字体を一度読み込む必要があります。つながってから、もう一度お試しください。"
    } else {
        "ページを読み込み直してから、もう一度お試しください。"
    };
    FromWorker::Problems(vec![format!("PDF を作る部品が{why}。{hint}")])
}

/// Starts the PDF worker and has it make the forms. The worker says [`FromWorker::Ready`]
/// once it listens; it is then sent `request`, and its answer (`None` if unreadable) goes to
/// `answered` once. A worker that fails to load (offline before its first use), stops with an
/// error (a trap) or does not answer in time is ended, and `answered` says why. An error if
/// the worker cannot be started at all.
fn make_in_worker(request: ToWorker, answered: impl Fn(Option<FromWorker>) + 'static) -> Result<(), JsValue> {
    use std::cell::Cell;
    use std::rc::Rc;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Classic);
    let worker = Worker::new_with_options("./pdf_worker_loader.js", &options)?;
    let done = Rc::new(Cell::new(false));
    let answered = Rc::new(answered);
    let finish = {
        let (worker, done, answered) = (worker.clone(), done.clone(), answered.clone());
        move |answer: Option<FromWorker>| {
            if !done.replace(true) {
                worker.terminate();
                answered(answer);
            }
        }
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
        let (worker, finish) = (worker.clone(), finish.clone());
        move |event: MessageEvent| match FromWorker::from_js(&event.data()) {
            Some(FromWorker::Ready) => {
                let _ = worker.post_message(&request.to_js());
            }
            answer => finish(answer),
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new({
        let finish = finish.clone();
        move |_: web_sys::Event| finish(Some(worker_failed("読み込めないか、途中で止まりました")))
    });
    let on_timeout = Closure::<dyn FnMut()>::new({
        let finish = finish.clone();
        move || finish(Some(worker_failed("時間内に答えませんでした")))
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let _ = crate::browser::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), WORKER_TIMEOUT_MS);
    on_message.forget();
    on_error.forget();
    on_timeout.forget();
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
