//! The studio's 点検 lists what `site check` lists for the repository's content: the same
//! file:line and message, item for item, on the same day.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn the_studios_checks_are_site_checks_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let today = "2026-12-02";
    let args: Vec<String> =
        ["check", "--today", today, "--root", root.to_str().unwrap()].iter().map(|s| s.to_string()).collect();
    let mut out = String::new();
    let result = site::commands::run(&args, &mut out);
    assert_eq!(result.map_err(|e| e.exit_code), Err(1), "something needs action");
    // `content/bureaus/tohoku.toml:29: office.aomori.phone が "unknown"…`
    let listed: Vec<(String, String)> = out
        .lines()
        .filter(|l| l.starts_with("content/"))
        .map(|l| {
            let (at, message) = l.split_once(": ").unwrap();
            (at.to_string(), message.to_string())
        })
        .collect();

    let source = publish::Source::Folder(root.clone());
    let files: BTreeMap<String, Vec<u8>> =
        source.files_under("content").into_iter().map(|p| (p.clone(), source.read(&p).unwrap().unwrap())).collect();
    let studio = studio::model::Studio::open(files, today.parse().unwrap()).unwrap();
    let checks: Vec<(String, String)> = studio.checks().into_iter().map(|c| (c.at, c.message)).collect();
    assert_eq!(checks, listed);
    // The repository's unknowns are many, each with its line (and a control: checks.rs).
    let unknowns = listed.iter().filter(|(_, m)| m.contains("\"unknown\"")).count();
    assert!(unknowns > 100, "{unknowns}");
    assert!(listed.iter().all(|(at, _)| at.rsplit_once(':').is_some_and(|(_, l)| l.parse::<usize>().is_ok())));
}
