//! The downloads page: makes the PDFs in the worker (the PDF code and the font load only
//! now) and offers them.

use crate::browser::{content, content_wire};
use crate::protocol::{FromWorker, PdfFile, PdfProtocol, ToWorker, WORKER_TIMEOUT_MS};
use crate::state::Answers;
use onshi::application::Application;
use web::browser::download;
use web::worker::Client;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DownloadsProps {
    pub answers: Answers,
    /// The application the answers make (`None` while they have errors).
    pub application: Option<Application>,
}

#[derive(PartialEq, Clone)]
enum PdfState {
    Idle,
    Working,
    Ready(Vec<PdfFile>),
    Failed(Vec<String>),
}

impl From<FromWorker> for PdfState {
    /// The worker's answer.
    fn from(answer: FromWorker) -> PdfState {
        match answer {
            FromWorker::Files(files) => PdfState::Ready(files),
            FromWorker::Problems(problems) => PdfState::Failed(problems),
            FromWorker::Ready | FromWorker::Application(_) | FromWorker::Answers(_) => {
                PdfState::Failed(vec!["PDF を作れませんでした。".into()])
            }
        }
    }
}

/// Makes the PDFs in the worker (the PDF code and the font load only now) and offers them.
#[function_component(Downloads)]
pub fn downloads(props: &DownloadsProps) -> Html {
    let pdfs = use_state(|| PdfState::Idle);
    let make = {
        let (pdfs, application) = (pdfs.clone(), props.application.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(application) = application.clone() else {
                pdfs.set(PdfState::Failed(vec!["まだ入力が必要な項目があります。入力内容を直してください。".into()]));
                return;
            };
            pdfs.set(PdfState::Working);
            // The worker is sent the content this page was built with and the application.
            let font = crate::browser::pdf_worker_files().1;
            let request = ToWorker::Make { content: content_wire(), application: Box::new(application), font };
            let answered = {
                let pdfs = pdfs.clone();
                move |answer| pdfs.set(PdfState::from(answer))
            };
            Client::<PdfProtocol>::new(crate::browser::pdf_worker_files().0)
                .with_timeout(WORKER_TIMEOUT_MS)
                .ask_once(request, answered);
        })
    };
    let two_requests = props.answers.facility_kind() == Some(onshi::application::FacilityKind::MedicalDental);
    // The checklist computes a schedule: once per answers, not once per state of the PDFs.
    let checklist = use_memo(props.answers.clone(), submission_checklist);
    html! {
        <>
            <p>{"入力した内容から、受付番号情報提供依頼書（別紙1）"}
               if two_requests { {"を医科分と歯科分の2通"} }
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
                        let (name, bytes, label) = (file.name.clone(), file.bytes.clone(), file.label.clone());
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
fn submission_checklist(answers: &Answers) -> Html {
    let content = content();
    let (Some(input), Some(kind)) = (answers.schedule_input(content, None), answers.facility_kind()) else {
        return html! {};
    };
    let (bureau, office) = (input.bureau, input.office.expect("the answers' office"));
    let Ok(schedule) = onshi::schedule::compute(&input) else {
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
                        <dt>{"いつ"}</dt><dd>{ item.by.clone() }</dd>
                        <dt>{"提出先・窓口"}</dt><dd>{ item.to.clone() }
                            if let Some(link) = &item.link { <br/><a href={link.clone()}>{ link.clone() }</a> }
                        </dd>
                        <dt>{"方法"}</dt><dd>{ item.how.clone() }</dd>
                        if let Some(note) = &item.note { <dt>{"注意"}</dt><dd>{ note.clone() }</dd> }
                    </dl>
                </li>
            }) }
            </ol>
        </section>
    }
}
