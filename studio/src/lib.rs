//! The studio (編集室): bureau staff edit the content folder in a browser, see what an edit
//! changes before saving, save it and export the site; nothing leaves the browser.

pub mod archive;
pub mod model;
