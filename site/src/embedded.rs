//! The built wizard and studio inside a packaged executable, as bytes (written by
//! site/build.rs; empty tables otherwise). A leaf: whether they are used is the command line's
//! choice (`commands/mod.rs`'s `program`).

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// One file of the studio built into a packaged executable (`index.html`), if any.
pub fn studio_file(name: &str) -> Option<&'static [u8]> {
    STUDIO.iter().find(|(n, _)| *n == name).map(|(_, bytes)| *bytes)
}
