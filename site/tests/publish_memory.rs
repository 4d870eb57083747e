//! The site build as a library: the same content held in memory builds the same files, with
//! the same bytes, as `site build` writes from the folder (the studio's export rests on this).

use crate::common::{repo, site, temp};
use chrono::NaiveDate;
use publish::{build_in_memory, BuildMode, Settings, Source};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir`, by its path relative to `root` with `/`.
fn files_under(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(root, &path, out);
        } else {
            let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(name, std::fs::read(&path).unwrap());
        }
    }
}

#[test]
fn the_site_built_in_memory_is_the_site_built_from_the_folder_byte_for_byte() {
    let today = "2026-12-02";
    let out = temp("publish-memory");
    let written = site(&["build", "--out", out.to_str().unwrap(), "--today", today]);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let mut on_disk = BTreeMap::new();
    files_under(&out, &out, &mut on_disk);
    // The marker is the writer's note to the next build in that folder, not part of the site.
    on_disk.remove(".onshi-build");

    // The content as the studio holds it: only content/, in memory.
    let mut held = BTreeMap::new();
    files_under(&repo(), &repo().join("content"), &mut held);
    assert!(held.contains_key("content/bureaus/tohoku.toml"), "{:?}", held.keys().take(3).collect::<Vec<_>>());
    let settings = Settings {
        today: NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap(),
        strict: false,
        base_url: None,
        mode: BuildMode::Publish,
    };
    let font = publish::embedded::form_font();
    let in_memory = build_in_memory(&Source::memory(held), &settings, &font, None, publish::progress::QUIET)
        .unwrap_or_else(|e| panic!("{}", e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")));

    assert_eq!(in_memory.keys().collect::<Vec<_>>(), on_disk.keys().collect::<Vec<_>>(), "the same files");
    assert!(on_disk.len() > 500, "a whole site: {} files", on_disk.len());
    for (path, bytes) in &on_disk {
        assert!(in_memory[path][..] == bytes[..], "{path} differs");
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_mistake_in_memory_is_reported_with_its_file_and_line_as_on_disk() {
    let mut held = BTreeMap::new();
    files_under(&repo(), &repo().join("content"), &mut held);
    let tohoku = String::from_utf8(held["content/bureaus/tohoku.toml"].clone()).unwrap();
    let broken = tohoku.replacen("day = 5,", "day = 5,,", 1);
    assert_ne!(broken, tohoku);
    let line = broken.lines().position(|l| l.contains("day = 5,,")).unwrap() + 1;
    held.insert("content/bureaus/tohoku.toml".into(), broken.into_bytes());
    let settings = Settings {
        today: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        strict: false,
        base_url: None,
        mode: BuildMode::Publish,
    };
    let errors = build_in_memory(
        &Source::memory(held),
        &settings,
        &publish::embedded::form_font(),
        None,
        publish::progress::QUIET,
    )
    .expect_err("refused");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].file.as_str(), errors[0].line), ("content/bureaus/tohoku.toml", Some(line)));
    assert!(!errors[0].message.is_ascii(), "in Japanese: {}", errors[0].message);
}

fn repository_held() -> BTreeMap<String, Vec<u8>> {
    let mut held = BTreeMap::new();
    files_under(&repo(), &repo().join("content"), &mut held);
    held
}

fn settings_for(today: &str) -> Settings {
    Settings { today: today.parse().unwrap(), strict: false, base_url: None, mode: BuildMode::Publish }
}

#[test]
fn a_pages_preview_is_the_file_the_build_writes_for_it() {
    let held = repository_held();
    let settings = settings_for("2026-12-02");
    let font = publish::embedded::form_font();
    let source = Source::memory(held.clone());
    let built =
        build_in_memory(&source, &settings, &font, None, publish::progress::QUIET).expect("the repository builds");
    let previous = publish::Previous::default();
    let loaded = publish::Site::load(&source, &settings, &font, &previous, None).expect("loads");
    let mut compared = 0;
    for file in held.keys().filter(|f| f.starts_with("content/pages/") && f.ends_with(".md")) {
        let slug = file.trim_start_matches("content/pages/").trim_end_matches(".md");
        for bureau in ["tohoku", "kyushu"] {
            let path =
                if slug == "index" { format!("{bureau}/index.html") } else { format!("{bureau}/{slug}/index.html") };
            let started = std::time::Instant::now();
            let preview = loaded.preview(bureau, file);
            assert!(preview.problems.is_empty(), "{file}: {:?}", preview.problems);
            let html = preview.html.unwrap_or_else(|| panic!("{file} has HTML"));
            assert!(html.as_bytes() == &built[&path][..], "{path}: the preview differs from the build");
            eprintln!("preview {path}: {} ms", started.elapsed().as_millis());
            compared += 1;
        }
    }
    assert_eq!(compared, 26, "thirteen pages, two bureaus");
    // The one-call form, as the studio's worker uses it, from the content alone.
    let started = std::time::Instant::now();
    let preview = publish::preview(&source, &settings, &font, "tohoku", "content/pages/faq.md");
    eprintln!("load and preview: {} ms", started.elapsed().as_millis());
    assert!(preview.html.as_deref().map(str::as_bytes) == Some(&built["tohoku/faq/index.html"][..]));
}

#[test]
fn a_pages_preview_shows_the_page_with_its_problems_at_their_lines() {
    let mut held = repository_held();
    let file = "content/pages/faq.md";
    let text = String::from_utf8(held[file].clone()).unwrap();
    let edited = text.replacen(
        "## 受付番号は指定ですか",
        "## 受付番号は指定ですか\n\n[こちら](https://example.jp/) と [流れ](page:flow) と [局](#nowhere)\n\n#### 飛んだ見出し",
        1,
    );
    assert_ne!(edited, text);
    let line = edited.lines().position(|l| l.starts_with("[こちら]")).unwrap() + 1;
    held.insert(file.into(), edited.into_bytes());
    let preview = publish::preview(
        &Source::memory(held),
        &settings_for("2026-12-02"),
        &publish::embedded::form_font(),
        "tohoku",
        file,
    );
    let problems: Vec<String> = preview.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        problems[0].starts_with(&format!("{file}:{line}: リンク先 page:flow というページはありません")),
        "{problems:#?}"
    );
    assert!(problems[1].starts_with(&format!("{file}:{line}: リンクの文字が「こちら」だけでは")), "{problems:#?}");
    assert!(problems[2].starts_with(&format!("{file}:{}: 見出し「#### 飛んだ見出し」", line + 2)), "{problems:#?}");
    assert!(problems[3].starts_with(&format!("{file}:{line}: リンク「#nowhere」：")), "{problems:#?}");
    // The page is still shown, with the heading as typed.
    let html = preview.html.expect("shown");
    assert!(
        html.contains("<h4 id=\"飛んだ見出し\">飛んだ見出し</h4>") && html.contains("<h1>よくある質問</h1>"),
        "{html}"
    );
}
