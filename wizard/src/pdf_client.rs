//! The page's side of the PDF worker: starts it, sends it the request once it listens, and
//! gives its answer once, or says why there is none (it failed to load — offline before its
//! first use —, stopped with an error, or did not answer in time).

use crate::browser::window;
use crate::protocol::{FromWorker, Message, ToWorker};
use js_sys::Uint8Array;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};

/// How long the worker may take, from its start (loading the PDF code and the font on a slow
/// line included) to its answer.
const WORKER_TIMEOUT_MS: i32 = 90_000;

/// Why the PDFs could not be made when the worker failed, stopped or never answered.
fn worker_failed(why: &str) -> FromWorker {
    let offline = !window().navigator().on_line();
    let hint = if offline {
        "インターネットにつながっていないようです。PDF を作る部品と字体を一度読み込む必要があります。つながってから、もう一度お試しください。"
    } else {
        "ページを読み込み直してから、もう一度お試しください。"
    };
    FromWorker::Problems(vec![format!("PDF を作る部品が{why}。{hint}")])
}

/// The worker's side, for both workers: says [`FromWorker::Ready`] once it listens (messages
/// sent before that would be lost), then posts `answer`'s reply to each request (`None` for
/// bytes that are not a request).
pub fn serve_requests<Reply: std::future::Future<Output = FromWorker> + 'static>(
    answer: impl Fn(Option<ToWorker>) -> Reply + 'static,
) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let (scope, reply) = (scope.clone(), answer(received::<ToWorker>(&event.data())));
            wasm_bindgen_futures::spawn_local(async move {
                let _ = scope.post_message(&posted(&reply.await));
            });
        })
    };
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let _ = scope.post_message(&posted(&FromWorker::Ready));
}

/// A message's bytes as the `Uint8Array` that is posted.
pub fn posted(message: &impl Message) -> JsValue {
    Uint8Array::from(message.to_bytes().as_slice()).into()
}

/// The message in a posted `Uint8Array`, or `None` if it is not one.
pub fn received<M: Message>(data: &JsValue) -> Option<M> {
    M::from_bytes(&data.dyn_ref::<Uint8Array>()?.to_vec())
}

/// Starts a worker (`script`: the PDF worker that makes the forms, or the reader that reads a
/// PDF back) and has it answer `request`. The worker says [`FromWorker::Ready`]
/// once it listens; it is then sent `request`, and its answer (`None` if unreadable) goes to
/// `answered` once. A worker that fails to load, stops with an error (a trap) or does not
/// answer in time is ended, and `answered` says why. An error if the worker cannot be started.
pub fn ask_worker(
    script: &str,
    request: ToWorker,
    answered: impl Fn(Option<FromWorker>) + 'static,
) -> Result<(), JsValue> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Classic);
    let worker = Worker::new_with_options(script, &options)?;
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
        move |event: MessageEvent| match received::<FromWorker>(&event.data()) {
            Some(FromWorker::Ready) => {
                let _ = worker.post_message(&posted(&request));
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
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), WORKER_TIMEOUT_MS);
    on_message.forget();
    on_error.forget();
    on_timeout.forget();
    Ok(())
}
