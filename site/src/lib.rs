//! The `site` crate: the site build as a library ([`publish`]: load → render → check → write,
//! from a folder or from files in memory; it builds for wasm32, for the studio) and, with the
//! `cli` feature (the default), the command line on top of it (`main.rs`).

pub mod embedded;
pub mod publish;

#[cfg(feature = "cli")]
mod args;
#[cfg(feature = "cli")]
pub mod commands;
#[cfg(feature = "cli")]
mod serve;
#[cfg(feature = "cli")]
mod studio_api;
#[cfg(feature = "cli")]
mod table;
