//! The page's side of the site worker (`bin/site_worker.rs`, `protocol.rs`): started the first
//! time a question needs it (its code is loaded only then) and kept for the next ones. It is
//! sent the content as opened first; each question gets a number, and its answer goes to the
//! callback given with it. A worker that stops (a trap, or its code failed to load) answers every
//! waiting question with why, and is started afresh, with the content, for the next one.

use crate::protocol::{Envelope, FromWorker, Message, ToWorker};
use chrono::NaiveDate;
use js_sys::Uint8Array;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// trunk's loader of the worker's program, beside the page.
const SCRIPT: &str = "site_worker_loader.js";

type Answered = Box<dyn FnOnce(FromWorker)>;

#[derive(Default)]
struct Inner {
    worker: Option<Worker>,
    ready: bool,
    /// The content as opened, sent first to every worker started.
    open: Option<ToWorker>,
    /// Messages waiting for the worker to say it is ready.
    queue: Vec<Envelope<ToWorker>>,
    next_id: u32,
    waiting: HashMap<u32, Answered>,
}

/// The site worker, shared by the pages (cloning shares it).
#[derive(Clone, Default)]
pub struct SiteClient(Rc<RefCell<Inner>>);

impl SiteClient {
    /// A client for the content as opened; no worker is started yet.
    pub fn new(opened: BTreeMap<String, Vec<u8>>, today: NaiveDate) -> SiteClient {
        let client = SiteClient::default();
        client.0.borrow_mut().open = Some(ToWorker::Open { files: opened, today });
        client
    }

    /// Asks `message`; its answer goes to `answered`, once.
    pub fn ask(&self, message: ToWorker, answered: impl FnOnce(FromWorker) + 'static) {
        let mut inner = self.0.borrow_mut();
        inner.next_id += 1;
        let id = inner.next_id;
        inner.waiting.insert(id, Box::new(answered));
        drop(inner);
        self.send(Envelope { id, message });
    }

    /// Tells the worker the edited files as they are now (before asking about them).
    pub fn edited(&self, files: BTreeMap<String, Vec<u8>>) {
        self.send(Envelope { id: 0, message: ToWorker::Edited { files } });
    }

    fn send(&self, envelope: Envelope<ToWorker>) {
        let mut inner = self.0.borrow_mut();
        if inner.worker.is_none() {
            drop(inner);
            self.start();
            inner = self.0.borrow_mut();
        }
        match (&inner.worker, inner.ready) {
            (Some(worker), true) => post(worker, &envelope),
            _ => inner.queue.push(envelope),
        }
    }

    /// Starts the worker; the content as opened goes first once it listens.
    fn start(&self) {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Classic);
        let worker = match Worker::new_with_options(SCRIPT, &options) {
            Ok(worker) => worker,
            Err(_) => return self.stopped("を起動できませんでした"),
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
            let client = self.clone();
            move |event: MessageEvent| {
                let bytes = event.data().dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
                client.received(Envelope::<FromWorker>::from_bytes(&bytes));
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new({
            let client = self.clone();
            move |_: web_sys::Event| client.stopped("が止まりました")
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_message.forget();
        on_error.forget();
        let mut inner = self.0.borrow_mut();
        inner.ready = false;
        if let Some(open) = inner.open.clone() {
            inner.queue.insert(0, Envelope { id: 0, message: open });
        }
        inner.worker = Some(worker);
    }

    fn received(&self, answer: Option<Envelope<FromWorker>>) {
        let mut inner = self.0.borrow_mut();
        match answer {
            Some(Envelope { message: FromWorker::Ready, .. }) => {
                inner.ready = true;
                let queue = std::mem::take(&mut inner.queue);
                if let Some(worker) = &inner.worker {
                    for envelope in &queue {
                        post(worker, envelope);
                    }
                }
            }
            Some(Envelope { id, message }) => {
                if let Some(answered) = inner.waiting.remove(&id) {
                    drop(inner);
                    answered(message);
                }
            }
            None => {}
        }
    }

    /// The worker failed: every waiting question is told why; the next one starts a new worker.
    fn stopped(&self, what: &str) {
        let mut inner = self.0.borrow_mut();
        if let Some(worker) = inner.worker.take() {
            worker.terminate();
        }
        inner.ready = false;
        inner.queue.clear();
        let waiting: Vec<Answered> = inner.waiting.drain().map(|(_, a)| a).collect();
        drop(inner);
        let why = format!("サイトを作る部品{what}。ページを読み込み直してから、もう一度お試しください。");
        for answered in waiting {
            answered(FromWorker::Problems(vec![why.clone()]));
        }
    }
}

fn post(worker: &Worker, envelope: &Envelope<ToWorker>) {
    let _ = worker.post_message(&Uint8Array::from(envelope.to_bytes().as_slice()));
}
