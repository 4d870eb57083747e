//! What a browser downloads first, as a server sends it (the build's brotli copies beside each
//! file), against guards: growth past one is a decision made here, not an accident.
//! - The wizard's first load (its start-up script, the program's JS and wasm, what its page
//!   names before anything is asked).
//! - The studio's first load (the same three), and its site worker (loaded on the first export,
//!   comparison or preview).

use crate::common::published_site;
use std::path::Path;

/// The wizard's first load, in bytes. The goal is 150 000 (set when the Yew shell's floor was
/// measured at 107 KB); it measured 172 361 on 2026-12-08, 159 254 once the application file's
/// JSON was read and written in the PDF reader, and is held there until it is cut further.
const WIZARD_FIRST_LOAD: u64 = 159_300;
/// The studio's first load, in bytes: 380 668 on 2026-12-08, 381 803 the same day once a save
/// through `site serve` carries what each file was read as (no silent overwrite, issue 29).
const STUDIO_FIRST_LOAD: u64 = 381_900;
/// The studio's site worker, in bytes: 2 630 360 on 2026-12-08, 2 631 874 with the line index
/// that made a build 13 % quicker (content_file::LineIndex), the same day.
const STUDIO_SITE_WORKER: u64 = 2_632_000;

/// The bytes a server sends for the files of `folder` that `chosen` picks: each file's `.br`
/// copy where the build wrote one (smaller), else the file. With their names, for the message.
fn sent(folder: &Path, chosen: impl Fn(&str) -> bool) -> (u64, Vec<String>) {
    let mut total = 0;
    let mut names = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let name = entry.file_name().into_string().unwrap();
        if name.ends_with(".br") || name.ends_with(".gz") || !chosen(&name) {
            continue;
        }
        let br = folder.join(format!("{name}.br"));
        let bytes = std::fs::metadata(if br.is_file() { br } else { entry.path() }).unwrap().len();
        total += bytes;
        names.push(format!("{name} {bytes}"));
    }
    names.sort();
    (total, names)
}

/// The program trunk named `app` and its start-up script.
fn first_load(name: &str) -> bool {
    name == "init.js" || (name.starts_with("app-") && (name.ends_with(".js") || name.ends_with("_bg.wasm")))
}

#[test]
#[ignore = "needs the built wizard and studio (the published site of common::published_site)"]
fn first_loads_are_within_their_guards() {
    let site = published_site();
    for bureau in ["tohoku", "kyushu"] {
        let (bytes, files) = sent(&site.join(bureau).join("wizard"), first_load);
        assert_eq!(files.len(), 3, "{bureau}: init.js, the program's JS and wasm: {files:?}");
        eprintln!("{bureau}/wizard first load: {bytes} bytes brotli ({files:?})");
        assert!(bytes <= WIZARD_FIRST_LOAD, "{bureau}/wizard first load {bytes} > {WIZARD_FIRST_LOAD}: {files:?}");
    }
    let studio = site.join("studio");
    let (bytes, files) = sent(&studio, first_load);
    assert_eq!(files.len(), 3, "{files:?}");
    eprintln!("studio first load: {bytes} bytes brotli ({files:?})");
    assert!(bytes <= STUDIO_FIRST_LOAD, "the studio's first load {bytes} > {STUDIO_FIRST_LOAD}: {files:?}");
    let (bytes, files) = sent(&studio, |n| n.starts_with("site_worker"));
    assert_eq!(files.len(), 3, "the loader, the JS and the wasm: {files:?}");
    eprintln!("studio site worker: {bytes} bytes brotli ({files:?})");
    assert!(bytes <= STUDIO_SITE_WORKER, "the studio's site worker {bytes} > {STUDIO_SITE_WORKER}: {files:?}");
}
