//! onshi's wizard: questions one topic per page, the facility's timeline, the forms filled in
//! the browser. The logic is in [`state`] (tested natively); the root component in `app`, the
//! pages in `pages/`, their pieces in `components/`, the browser's helpers in `browser`. The
//! PDFs are made in a web worker (`src/bin/pdf_worker.rs`) so that the first load stays small;
//! the page and the worker talk in the messages of [`protocol`] (both sides: `web::worker`).

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod pages;
pub mod protocol;
pub mod state;
