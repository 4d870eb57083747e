//! The domain library's integration tests, one binary: one module per part (`cargo test -p
//! onshi --test it -- schedule::`), and `tidy`, the repository's own checks of ARCHITECTURE.md.
//! The tiers, and what each needs, are in tests/README.md.

mod common;

mod application;
mod application_props;
mod calendar_outside_source;
mod content_edit_props;
mod forms;
mod forms_ua;
mod ics;
mod schedule;
mod tidy;
