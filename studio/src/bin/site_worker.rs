//! The studio's site worker (loaded the first time the page needs the site's code: exporting,
//! and what else `protocol.rs` lists): says [`FromWorker::Ready`], then answers each
//! [`Envelope`] with `work.rs`'s answer under the same id. The site code and the forms' font
//! live only here.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::Uint8Array;
    use std::cell::RefCell;
    use studio::protocol::{Envelope, FromWorker, Message, ToWorker};
    use studio::work::SiteWork;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    fn post(scope: &DedicatedWorkerGlobalScope, answer: &Envelope<FromWorker>) {
        let _ = scope.post_message(&Uint8Array::from(answer.to_bytes().as_slice()));
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let work = RefCell::new(SiteWork::default());
        let handler = {
            let scope = scope.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let bytes = event.data().dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
                let answer = match Envelope::<ToWorker>::from_bytes(&bytes) {
                    Some(Envelope { id, message }) => Envelope { id, message: work.borrow_mut().answer(message) },
                    None => Envelope {
                        id: 0,
                        message: FromWorker::Problems(vec!["サイトを作る部品に読めない依頼が届きました".into()]),
                    },
                };
                post(&scope, &answer);
            })
        };
        scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        post(&scope, &Envelope { id: 0, message: FromWorker::Ready });
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The studio's site worker runs in a browser: build it with scripts/build-studio.");
}
