//! The studio (編集室): bureau staff edit the content folder in a browser, see what an edit
//! changes before saving, save it and export the site; nothing leaves the browser.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod archive;
#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod calendar_form;
pub mod checks;
#[cfg(target_arch = "wasm32")]
mod components;
pub mod model;
#[cfg(target_arch = "wasm32")]
mod pages;
pub mod published;
