//! The wizard's PDF reader, a worker of its own: says `Ready`, then receives `Read` (a PDF the
//! wizard made, chosen to continue from) and answers with the application file attached to it
//! (`Application`) or why there is none (`Problems`), through [`wizard::protocol`]. Its PDF
//! parser (lopdf, about 330 KB gzipped) loads only when someone chooses a PDF, never with the
//! questions or with the PDF worker that makes the forms.

#[cfg(target_arch = "wasm32")]
mod reader {
    use wizard::protocol::{reader_answer, PdfProtocol};

    pub fn start() {
        web::worker::serve::<PdfProtocol, _>(|request, _| std::future::ready(reader_answer(request)));
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
