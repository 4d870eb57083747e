//! The site crate's integration tests, one binary (as mdBook's `tests/testsuite/main.rs`): one
//! module per surface, run all with `cargo test -p site --test it`, one with a name filter
//! (`cargo test -p site --test it -- engines:: --include-ignored`). The tiers, and what each
//! needs, are in tests/README.md.

mod common;

mod cli;
mod diff;
mod engines;
mod package;
mod publish_memory;
mod search;
mod serve;
mod servers;
mod site_build;
mod studio_build;
mod studio_serve;
mod weights;
mod wizard_e2e;
