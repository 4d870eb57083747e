//! The wizard's PDF reader, a worker of its own: says `Ready`, then receives `Read` (a PDF the
//! wizard made, chosen to continue from) and answers with the application file attached to it
//! (`Application`) or why there is none (`Problems`), through [`wizard::protocol`]. Its PDF
//! parser (lopdf, about 330 KB gzipped) loads only when someone chooses a PDF, never with the
//! questions or with the PDF worker that makes the forms.

#[cfg(target_arch = "wasm32")]
mod reader {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
    use wizard::pdf_client::{posted, received};
    use wizard::protocol::{FromWorker, ToWorker};

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let handler = {
            let scope = scope.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let answer = match received::<ToWorker>(&event.data()) {
                    Some(ToWorker::Read { pdf }) => match onshi::pdf::attached_application(&pdf) {
                        Ok(text) => FromWorker::Application(text),
                        Err(problem) => FromWorker::Problems(vec![problem]),
                    },
                    _ => FromWorker::Problems(vec![
                        "PDF を読む依頼を読めませんでした。ページを読み込み直してください。".into(),
                    ]),
                };
                let _ = scope.post_message(&posted(&answer));
            })
        };
        scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        let _ = scope.post_message(&posted(&FromWorker::Ready));
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    reader::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The PDF reader runs in a browser: build the wizard with trunk (scripts/run).");
}
