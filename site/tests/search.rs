//! このサイト内を検索 (site/static/js/search.js over each bureau's assets/search-<hash>.json) held to
//! what it promises: for a fixed list of queries (site/tests/browser/search-queries.json: kanji
//! compounds, katakana, half- and full-width letters, digits, months in each notation, single
//! characters, queries that must find nothing), in every bureau, its results are exactly what
//! a plain substring search over the built pages' visible text finds, section by section
//! (site/tests/browser/search_oracle.py: Python's HTML parser and Unicode tables, not the
//! build's reader); and each bureau's index stays small.

use crate::common::{published_site, repo, BUREAUS};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

fn queries_file() -> std::path::PathBuf {
    repo().join("site/tests/browser/search-queries.json")
}

fn run(program: &str, script: &str) -> Value {
    let o = Command::new(program)
        .arg(repo().join(script))
        .arg(published_site())
        .arg(queries_file())
        .output()
        .unwrap_or_else(|e| panic!("{program} がありません（{e}）。scripts/setup で入れてください"));
    assert!(o.status.success(), "{script}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Each result as `page#anchor/n`, as a set.
fn names(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{}#{}/{}", r[0].as_str().unwrap(), r[1].as_str().unwrap(), r[2]))
        .collect()
}

#[test]
#[ignore = "needs node and python3 (scripts/setup)"]
fn the_search_finds_exactly_what_a_substring_search_of_the_visible_text_finds() {
    let ours = run("node", "site/tests/browser/search.mjs");
    let oracle = run("python3", "site/tests/browser/search_oracle.py");
    let queries: Vec<String> = serde_json::from_slice(&std::fs::read(queries_file()).unwrap()).unwrap();
    assert!(queries.len() >= 50, "{} queries", queries.len());
    let bureaus = ours["results"].as_object().unwrap();
    assert_eq!(bureaus.len(), 8);
    let mut differences = Vec::new();
    let mut found_somewhere = BTreeSet::new();
    for (bureau, results) in bureaus {
        for query in &queries {
            let (a, b) = (names(&results[query]), names(&oracle["results"][bureau][query]));
            if a != b {
                let missed: Vec<&String> = b.difference(&a).collect();
                let extra: Vec<&String> = a.difference(&b).collect();
                differences.push(format!("{bureau} 「{query}」: missed {missed:?}, false hits {extra:?}"));
            }
            if !a.is_empty() {
                found_somewhere.insert(query.clone());
            }
        }
    }
    assert!(differences.is_empty(), "{} differences:\n{}", differences.len(), differences.join("\n"));

    // What must find nothing finds nothing; nearly everything else finds something.
    let nothing = ["存在しない語句", "xyzzy", "令和99年1月", "🙂", "受付番号受付番号受付番号", "  "];
    for query in nothing {
        assert!(!found_somewhere.contains(query), "「{query}」 found something");
    }
    let found = found_somewhere.len();
    assert!(found + nothing.len() + 2 >= queries.len(), "only {found} of {} queries found anything", queries.len());

    // A month in any notation lands on the same rows of the deadline table.
    let tohoku = &ours["results"]["tohoku"];
    let april = names(&tohoku["令和9年4月"]);
    assert!(april.iter().any(|n| n.starts_with("deadlines/#h-2027-04/")), "{april:?}");
    let rows = |query: &str| -> BTreeSet<String> {
        names(&tohoku[query]).into_iter().filter(|n| n.starts_with("deadlines/")).collect()
    };
    for same in ["R9.4", "r9/4", "2027年4月", "2027/4", "2027-04", "２０２７年４月"] {
        assert_eq!(rows(same), rows("令和9年4月"), "「{same}」");
    }
    // Ranked: the sections whose heading holds the query first (their anchor is the heading).
    let first = &tohoku["受付番号"][0];
    assert!(first[1].as_str().unwrap().contains("受付番号"), "{first}");

    let ms: Vec<f64> = ours["ms"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    let mut sorted = ms.clone();
    sorted.sort_by(f64::total_cmp);
    eprintln!(
        "{} queries × 8 bureaus: median {:.2} ms, worst {:.2} ms (node, this machine); index built in {}",
        queries.len(),
        sorted[sorted.len() / 2],
        sorted[sorted.len() - 1],
        ours["build_ms"]
    );
}

/// A bureau's assets folder and the one search index in it (named by its hash).
fn search_index(site: &std::path::Path, bureau: &str) -> (std::path::PathBuf, String) {
    let assets = site.join(bureau).join("assets");
    let names: Vec<String> = std::fs::read_dir(&assets)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.starts_with("search-") && f.ends_with(".json"))
        .collect();
    assert_eq!(names.len(), 1, "{bureau}: one index: {names:?}");
    let name = names.into_iter().next().unwrap();
    (assets, name)
}

#[test]
#[ignore = "needs the built wizard and studio (the published site of common::published_site)"]
fn each_bureaus_index_is_within_30_kb_brotli() {
    let site = published_site();
    for bureau in BUREAUS {
        let (assets, name) = search_index(site, bureau);
        let script = std::fs::read_to_string(assets.join("search.js")).unwrap();
        assert!(script.contains(&format!("var INDEX = '{name}';")), "{bureau}: the script names its index");
        let raw = std::fs::metadata(assets.join(&name)).unwrap().len();
        let br = std::fs::metadata(assets.join(format!("{name}.br"))).unwrap().len();
        eprintln!("{bureau}: {name} {raw} bytes, {br} bytes brotli");
        assert!(br <= 30 * 1024, "{bureau}: {br} bytes brotli");
    }
}

/// Every result links to a place that exists: each record's page was built, and its anchor is
/// an element's id in that page.
#[test]
#[ignore = "needs the built wizard and studio (the published site of common::published_site)"]
fn every_record_links_to_an_anchor_that_exists() {
    let site = published_site();
    for bureau in BUREAUS {
        let (assets, name) = search_index(site, bureau);
        let index: Value = serde_json::from_slice(&std::fs::read(assets.join(name)).unwrap()).unwrap();
        let pages = index["pages"].as_array().unwrap();
        let mut anchors = 0;
        for record in index["records"].as_array().unwrap() {
            let url = pages[record[0].as_u64().unwrap() as usize][1].as_str().unwrap();
            let html = std::fs::read_to_string(site.join(bureau).join(url).join("index.html"))
                .unwrap_or_else(|e| panic!("{bureau}: the page {url}: {e}"));
            let anchor = record[1].as_str().unwrap();
            if !anchor.is_empty() {
                let ids = publish::links::attribute_values(&html, "id");
                assert!(ids.iter().any(|id| id == anchor), "{bureau}: {url}#{anchor} is not an id of the page");
                anchors += 1;
            }
        }
        assert!(anchors > 100, "{bureau}: {anchors} anchors");
    }
}
