//! What onshi's two browser apps share (the wizard, `wizard/`, and the studio, `studio/`):
//! - `codec`: a worker message as its postcard bytes, and the [`codec::Envelope`] that numbers a
//!   question and its answer (native, tested);
//! - `address`: the day a page takes as today from its address, on this computer only (native,
//!   tested);
//! - in the browser: `browser` (the window, today, the clock, downloads, the page's `<meta>`),
//!   `worker` (the worker's serve loop, and the page's [`worker::Client`]: ids, the ready
//!   handshake, a timeout and a restart), `error_summary` (one component) and `mount`.
//!
//! A leaf: it knows neither app, nor the domain library.

pub mod address;
pub mod codec;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod error_summary;
#[cfg(target_arch = "wasm32")]
pub mod mount;
#[cfg(target_arch = "wasm32")]
pub mod worker;
