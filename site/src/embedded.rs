//! The built wizard and studio inside a packaged executable, as bytes (written by
//! site/build.rs; empty tables otherwise). A leaf: whether they are used is the command line's
//! choice (`commands/mod.rs`'s `program`).

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
