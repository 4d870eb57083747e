//! The wizard's PDF reader, a worker of its own: says `Ready`, then receives `Read` (a PDF the
//! wizard made, chosen to continue from) and answers with the application file attached to it
//! (`Application`) or why there is none (`Problems`), through [`wizard::protocol`]. Its PDF
//! parser (lopdf, about 330 KB gzipped) loads only when someone chooses a PDF, never with the
//! questions or with the PDF worker that makes the forms.

#[cfg(target_arch = "wasm32")]
mod reader {
    use wizard::protocol::{FromWorker, PdfProtocol, ToWorker};

    pub fn start() {
        web::worker::serve::<PdfProtocol, _>(|request, _| async move {
            match request {
                ToWorker::Read { pdf } => match onshi::pdf::attached_application(&pdf) {
                    Ok(text) => FromWorker::Application(text),
                    Err(problem) => FromWorker::Problems(vec![problem]),
                },
                _ => FromWorker::Problems(vec![
                    "PDF を読む依頼を読めませんでした。ページを読み込み直してください。".into()
                ]),
            }
        });
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
