//! onshi's wizard: questions one topic per page, the facility's timeline, the forms filled in
//! the browser. The logic is in [`state`] (tested natively); the components in [`app`]; the
//! PDFs are made in a web worker (`src/bin/pdf_worker.rs`) so that the first load stays small.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod state;
