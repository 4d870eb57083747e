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
#[cfg(target_arch = "wasm32")]
pub mod effects;
pub mod keys;
pub mod model;
pub mod page_model;
#[cfg(target_arch = "wasm32")]
mod pages;
pub mod protocol;
pub mod published;
pub mod state;
pub mod work;

/// The repository's content/ files, by their path, as the tests open them.
#[cfg(test)]
pub(crate) fn repository_content() -> std::collections::BTreeMap<String, Vec<u8>> {
    let root = publish::Source::Folder(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
    root.files_under("content").into_iter().map(|p| (p.clone(), root.read(&p).unwrap().unwrap())).collect()
}
