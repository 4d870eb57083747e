//! The wizard's PDF worker: says `Ready`, then receives `Make` (the content's wire bytes and the
//! application the page validated), fetches the forms' font from its own folder, and answers
//! `Files` or `Problems` (the messages of [`wizard::protocol`], as postcard bytes; reading a PDF
//! back is `bin/pdf_reader.rs`'s). The PDF code and the 2.3 MB font load only here, when the
//! user asks for the PDFs.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::Uint8Array;
    use onshi::application::Application;
    use onshi::content::Content;
    use onshi::pdf::{filled_forms, FormFont};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DedicatedWorkerGlobalScope, Response};
    use wizard::protocol::{FromWorker, PdfFile, PdfProtocol, ToWorker};

    async fn font(scope: &DedicatedWorkerGlobalScope, path: &str) -> Result<Vec<u8>, String> {
        let failed = |_| "用紙の字体（フォント）を読み込めませんでした。ページを読み込み直してください。".to_string();
        let response: Response = JsFuture::from(scope.fetch_with_str(path)).await.map_err(failed)?.unchecked_into();
        if !response.ok() {
            return Err(failed(JsValue::NULL));
        }
        let buffer = JsFuture::from(response.array_buffer().map_err(failed)?).await.map_err(failed)?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    /// The forms filled from the application, or why they cannot be.
    async fn make(
        scope: &DedicatedWorkerGlobalScope,
        content: Vec<u8>,
        application: Application,
        font_path: &str,
    ) -> Result<Vec<PdfFile>, Vec<String>> {
        let content = Content::from_wire(&content).map_err(|e| vec![e])?;
        let font = font(scope, font_path).await.and_then(FormFont::from_ttf).map_err(|e| vec![e])?;
        let bureau = content
            .bureaus
            .get(&application.bureau)
            .ok_or_else(|| vec![format!("局「{}」がありません。", application.bureau)])?;
        match filled_forms(&application, bureau, &font) {
            Ok(files) => Ok(files
                .into_iter()
                .map(|f| PdfFile { label: format!("{}をダウンロード", f.title), name: f.name, bytes: f.bytes })
                .collect()),
            Err(p) => Err(p.iter().map(|p| p.to_string()).collect()),
        }
    }

    pub fn start() {
        web::worker::serve::<PdfProtocol, _>(|request, _| async move {
            match request {
                ToWorker::Make { content, application, font } => {
                    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
                    make(&scope, content, *application, &font).await.into()
                }
                ToWorker::Read { .. } | ToWorker::Write { .. } => FromWorker::Problems(vec![
                    "PDF を作る依頼を読めませんでした。ページを読み込み直してください。".into(),
                ]),
            }
        });
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The PDF worker runs in a browser: build the wizard with trunk (scripts/run).");
}
