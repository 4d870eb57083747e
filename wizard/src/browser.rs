//! The browser around the wizard: what the site build wrote into the page (the bureau, the
//! content, the workers' files) and the tab's sessionStorage (the window, today and downloads
//! are `web::browser`'s).

use crate::state::Answers;
use onshi::content::Content;
use wasm_bindgen::JsCast;
use web::browser::{page_meta, window};

/// The bureau this copy of the wizard belongs to (`<meta name="onshi-bureau">`, written by the
/// site build), if any.
pub fn page_bureau() -> Option<String> {
    page_meta("onshi-bureau")
}

/// The PDF worker's start-up script and the forms' font, relative to the page: the site build
/// names them by their bytes' hash (`<meta name="onshi-pdf-worker">`, `<meta name="onshi-font">`)
/// so that servers may keep them a year.
pub fn pdf_worker_files() -> (String, String) {
    (
        page_meta("onshi-pdf-worker").unwrap_or_else(|| "pdf_worker_loader.js".into()),
        page_meta("onshi-font").unwrap_or_else(|| "fonts/NotoSansJP-Regular-subset.ttf".into()),
    )
}

/// The PDF reader's start-up script (`<meta name="onshi-pdf-reader">`, hashed like the worker's).
pub fn pdf_reader_file() -> String {
    page_meta("onshi-pdf-reader").unwrap_or_else(|| "pdf_reader_loader.js".into())
}

/// The content and its wire bytes, once [`load_content`] has read them.
static CONTENT: std::sync::OnceLock<(Vec<u8>, Content)> = std::sync::OnceLock::new();

/// Reads the content the site build wrote beside this page (`content-<hash>.bin`, from
/// `Content::to_wire`): the same bureaus, notice and calendar its pages were built from. The
/// page's start-up script fetches it while the program downloads (`window.onshiContent`); the
/// program renders only once it is here.
pub async fn load_content() -> Result<(), String> {
    let failed = |detail: String| {
        format!("このページの内容のデータを読み込めませんでした。ページを読み込み直してください。直らなければ、サイトを site build で作り直してください（{detail}）")
    };
    let promise = js_sys::Reflect::get(&window(), &"onshiContent".into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(|| failed("window.onshiContent がありません".into()))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| {
        failed(e.as_string().or_else(|| js_sys::Error::from(e).message().as_string()).unwrap_or_default())
    })?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let content = Content::from_wire(&bytes).map_err(failed)?;
    let _ = CONTENT.set((bytes, content));
    Ok(())
}

/// The content (after [`load_content`]; the program renders only then).
pub fn content() -> &'static Content {
    &CONTENT.get().expect("the content is loaded before the program renders").1
}

/// The content's wire bytes, for the PDF worker (which has no page to read them from).
pub fn content_wire() -> Vec<u8> {
    CONTENT.get().map(|(bytes, _)| bytes.clone()).unwrap_or_default()
}

/// Where the tab keeps the answers between reloads: one key per bureau's wizard, so that the
/// answers typed for one bureau do not follow the user to another's.
fn session_key() -> String {
    format!("onshi-wizard-answers-{}", page_bureau().unwrap_or_default())
}

/// The answers this tab kept (sessionStorage: this tab only, gone when it closes, never sent).
pub fn stored_answers() -> Option<Answers> {
    window()
        .session_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(&session_key()).ok().flatten())
        .and_then(|text| Answers::from_stored(&text))
}

/// Keeps the answers in this tab, for a reload.
pub fn store_answers(answers: &Answers) {
    if let Some(storage) = window().session_storage().ok().flatten() {
        let _ = storage.set_item(&session_key(), &answers.to_stored());
    }
}
