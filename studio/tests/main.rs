//! The studio's integration tests, one binary: `checks` (点検 against `site check`) and
//! `browser` (the staff's scenarios in Chromium, studio/tests/*.mjs).
#![cfg(not(target_arch = "wasm32"))]

mod browser;
mod checks;
