//! The `site` command line over the site build (the `publish` library): its commands, one file
//! each (`commands/`), the preview server (`serve.rs`) and the studio's API there
//! (`studio_api.rs`), and the wizard and studio a packaged executable carries (`embedded.rs`).
//! A library too, so that the tests run the commands as the executable does.

mod args;
pub mod commands;
pub mod embedded;
mod serve;
mod studio_api;
mod table;
