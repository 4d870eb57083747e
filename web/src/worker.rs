//! Workers, both sides, for any [`Protocol`]: the worker's [`serve`] loop, and the page's
//! [`Client`] (started when first asked, every question numbered and its answer given to its
//! callback once, what is sent before the worker listens queued, a timeout, and a worker that
//! stops answering every waiting question with why and started afresh for the next one).

use crate::browser::window;
use crate::codec::{Envelope, Message, Protocol, Stopped};
use js_sys::Uint8Array;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

/// A message's bytes as the `Uint8Array` that is posted.
fn posted(message: &impl Message) -> JsValue {
    Uint8Array::from(message.to_bytes().as_slice()).into()
}

/// The message in a posted `Uint8Array`, or `None` if it is not one.
fn received<M: Message>(data: &JsValue) -> Option<M> {
    M::from_bytes(&data.dyn_ref::<Uint8Array>()?.to_vec())
}

/// A request's way to say how far its work has got before its answer: each message told is
/// posted under the request's number ([`Protocol::is_interim`] ones, for the page's
/// [`Client::ask_with_progress`]). Holds only that number, so it may be shared.
pub struct Interim<P> {
    id: u32,
    protocol: std::marker::PhantomData<fn() -> P>,
}

impl<P: Protocol> Interim<P> {
    pub fn tell(&self, message: P::Answer) {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.post_message(&posted(&Envelope { id: self.id, message }));
    }
}

/// The worker's side: says [`Protocol::ready`] once it listens, then posts `answer`'s reply to
/// each request under the request's number, in the order the requests came; `answer` may
/// tell the page how far it has got through its [`Interim`].
pub fn serve<P: Protocol, Reply: Future<Output = P::Answer> + 'static>(
    answer: impl Fn(P::Request, Interim<P>) -> Reply + 'static,
) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let scope = scope.clone();
            match received::<Envelope<P::Request>>(&event.data()) {
                Some(Envelope { id, message }) => {
                    let reply = answer(message, Interim { id, protocol: std::marker::PhantomData });
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = scope.post_message(&posted(&Envelope { id, message: reply.await }));
                    });
                }
                None => {
                    let _ = scope.post_message(&posted(&Envelope { id: 0, message: P::unreadable() }));
                }
            }
        })
    };
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let _ = scope.post_message(&posted(&Envelope { id: 0, message: P::ready() }));
}

type Answered<P> = Box<dyn FnOnce(<P as Protocol>::Answer)>;
type Told<P> = Rc<dyn Fn(<P as Protocol>::Answer)>;

struct Inner<P: Protocol> {
    /// The worker's start-up script, beside the page.
    script: String,
    timeout_ms: Option<i32>,
    worker: Option<Worker>,
    ready: bool,
    /// Sent first to every worker started (the studio's content as opened).
    first: Option<P::Request>,
    /// Messages waiting for the worker to say it is ready.
    queue: Vec<Envelope<P::Request>>,
    next_id: u32,
    /// The questions not yet answered (a few at most: a list, lighter than a map in wasm),
    /// each with who is told its interim answers.
    waiting: Vec<(u32, Answered<P>, Option<Told<P>>)>,
}

/// The page's side of a worker (cloning shares it).
pub struct Client<P: Protocol>(Rc<RefCell<Inner<P>>>);

impl<P: Protocol> Clone for Client<P> {
    fn clone(&self) -> Self {
        Client(self.0.clone())
    }
}

impl<P: Protocol> Client<P>
where
    P::Request: Clone,
{
    /// A client of the worker started by `script`; no worker is started until asked.
    pub fn new(script: impl Into<String>) -> Client<P> {
        Client(Rc::new(RefCell::new(Inner {
            script: script.into(),
            timeout_ms: None,
            worker: None,
            ready: false,
            first: None,
            queue: Vec::new(),
            next_id: 0,
            waiting: Vec::new(),
        })))
    }

    /// `first` is sent to every worker started, before anything else.
    pub fn with_first(self, first: P::Request) -> Client<P> {
        self.0.borrow_mut().first = Some(first);
        self
    }

    /// A question not answered within `ms` of being asked gets [`Stopped::TimedOut`], and the
    /// worker is ended.
    pub fn with_timeout(self, ms: i32) -> Client<P> {
        self.0.borrow_mut().timeout_ms = Some(ms);
        self
    }

    /// Asks `message`; its answer goes to `answered`, once.
    pub fn ask(&self, message: P::Request, answered: impl FnOnce(P::Answer) + 'static) {
        self.asked(message, None, Box::new(answered));
    }

    /// Asks `message`; its interim answers ([`Protocol::is_interim`]) go to `told` as they come,
    /// its answer to `answered`, once.
    pub fn ask_with_progress(
        &self,
        message: P::Request,
        told: impl Fn(P::Answer) + 'static,
        answered: impl FnOnce(P::Answer) + 'static,
    ) {
        self.asked(message, Some(Rc::new(told)), Box::new(answered));
    }

    /// Stops the worker's work (中止): every waiting question is answered
    /// [`Stopped::Cancelled`], nothing of the work is kept, and the next question starts a new
    /// worker.
    pub fn cancel(&self) {
        self.stopped(Stopped::Cancelled);
    }

    fn asked(&self, message: P::Request, told: Option<Told<P>>, answered: Answered<P>) {
        let mut inner = self.0.borrow_mut();
        inner.next_id += 1;
        let id = inner.next_id;
        inner.waiting.push((id, answered, told));
        let timeout = inner.timeout_ms;
        drop(inner);
        self.send(Envelope { id, message });
        if let Some(ms) = timeout {
            let client = self.clone();
            let later = Closure::once_into_js(move || {
                if client.0.borrow().waiting.iter().any(|(waiting, ..)| *waiting == id) {
                    client.stopped(Stopped::TimedOut);
                }
            });
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), ms);
        }
    }

    /// Asks one question of a worker of its own, ended once it has answered (its memory freed:
    /// the PDF code and the font).
    pub fn ask_once(&self, message: P::Request, answered: impl FnOnce(P::Answer) + 'static) {
        let client = self.clone();
        self.ask(message, move |answer| {
            client.end();
            answered(answer);
        });
    }

    /// Sends `message`, which asks for no answer.
    pub fn tell(&self, message: P::Request) {
        self.send(Envelope { id: 0, message });
    }

    /// Ends the worker (a next question starts another).
    pub fn end(&self) {
        let mut inner = self.0.borrow_mut();
        if let Some(worker) = inner.worker.take() {
            worker.terminate();
        }
        inner.ready = false;
        inner.queue.clear();
    }

    fn send(&self, envelope: Envelope<P::Request>) {
        if self.0.borrow().worker.is_none() {
            self.start();
        }
        let mut inner = self.0.borrow_mut();
        match (&inner.worker, inner.ready) {
            (Some(worker), true) => {
                let _ = worker.post_message(&posted(&envelope));
            }
            (Some(_), false) => inner.queue.push(envelope),
            (None, _) => {}
        }
    }

    /// Starts the worker; what is sent first goes once it listens.
    fn start(&self) {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Classic);
        let script = self.0.borrow().script.clone();
        let Ok(worker) = Worker::new_with_options(&script, &options) else {
            return self.stopped(Stopped::NotStarted);
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
            let client = self.clone();
            move |event: MessageEvent| client.received(received::<Envelope<P::Answer>>(&event.data()))
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new({
            let client = self.clone();
            move |_: web_sys::Event| client.stopped(Stopped::Failed)
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_message.forget();
        on_error.forget();
        let mut inner = self.0.borrow_mut();
        inner.ready = false;
        if let Some(first) = inner.first.clone() {
            inner.queue.insert(0, Envelope { id: 0, message: first });
        }
        inner.worker = Some(worker);
    }

    fn received(&self, answer: Option<Envelope<P::Answer>>) {
        let mut inner = self.0.borrow_mut();
        match answer {
            Some(Envelope { message, .. }) if P::is_ready(&message) => {
                inner.ready = true;
                let queue = std::mem::take(&mut inner.queue);
                if let Some(worker) = &inner.worker {
                    for envelope in &queue {
                        let _ = worker.post_message(&posted(envelope));
                    }
                }
            }
            Some(Envelope { id, message }) if P::is_interim(&message) => {
                let told = inner.waiting.iter().find(|(waiting, ..)| *waiting == id).and_then(|(.., t)| t.clone());
                drop(inner);
                if let Some(told) = told {
                    told(message);
                }
            }
            Some(Envelope { id, message }) => {
                if let Some(i) = inner.waiting.iter().position(|(waiting, ..)| *waiting == id) {
                    let (_, answered, _) = inner.waiting.remove(i);
                    drop(inner);
                    answered(message);
                }
            }
            None => {
                drop(inner);
                self.stopped(Stopped::Unreadable);
            }
        }
    }

    /// The worker gave no answer: it is ended, every waiting question is told why, and the next
    /// one starts a new worker.
    fn stopped(&self, why: Stopped) {
        self.end();
        let waiting: Vec<(u32, Answered<P>, Option<Told<P>>)> = std::mem::take(&mut self.0.borrow_mut().waiting);
        let online = window().navigator().on_line();
        for (_, answered, _) in waiting {
            answered(P::stopped(why, online));
        }
    }
}
