//! The packaged executable for staff (scripts/package): copied alone, with only a content/
//! folder beside it, it builds the eight sites with the wizard; a bureau's own
//! site/static/ file overrides the one inside.

mod common;

use common::repo;
use std::process::Command;

#[test]
#[ignore = "needs the packaged executable (scripts/package; scripts/test runs it)"]
fn the_packaged_executable_alone_with_content_builds_the_site_and_the_wizard() {
    let packaged = repo().join("target/package/site");
    assert!(packaged.is_file(), "scripts/package を先に実行してください");
    let work = common::temp("package");
    std::fs::create_dir_all(&work).unwrap();
    // Only the executable and content/ (no templates, static files, wizard or Rust).
    std::fs::copy(&packaged, work.join("site")).unwrap();
    let status = Command::new("cp").arg("-r").arg(repo().join("content")).arg(&work).status().unwrap();
    assert!(status.success());
    let run = |args: &[&str]| Command::new(work.join("site")).current_dir(&work).args(args).output().unwrap();
    let o = run(&["build", "--out", "public", "--today", "2026-11-01"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let public = work.join("public");
    for id in ["hokkaido", "tohoku", "kantoshinetsu", "tokaihokuriku", "kinki", "chugokushikoku", "shikoku", "kyushu"] {
        let wizard = std::fs::read_to_string(public.join(id).join("wizard/index.html")).unwrap();
        assert!(wizard.contains(&format!("<meta name=\"onshi-bureau\" content=\"{id}\">")), "{id}");
        let content = common::wizard_content(&public.join(id).join("wizard"));
        assert!(content.bureaus.get(id).is_some() && !content.print_limits.is_empty(), "{id}");
        assert!(public.join(id).join("wizard/fonts/NotoSansJP-Regular-subset.ttf").is_file(), "{id}");
        assert!(public.join(id).join("forms/request.pdf").is_file(), "{id}");
        let forms_page = std::fs::read_to_string(public.join(id).join("forms/index.html")).unwrap();
        assert!(forms_page.contains("wizard/"), "{id}: the forms page links the wizard");
    }
    let css = std::fs::read_to_string(public.join("tohoku/assets/site.css")).unwrap();
    assert_eq!(css, std::fs::read_to_string(repo().join("site/static/css/site.css")).unwrap(), "the embedded style");
    // A bureau that restyles: its own site/static/css/site.css wins.
    // (`site` beside content/ is the executable, so the restyled content root is its own folder.)
    let root = work.join("restyled");
    std::fs::create_dir_all(root.join("site/static/css")).unwrap();
    let status = Command::new("cp").arg("-r").arg(repo().join("content")).arg(&root).status().unwrap();
    assert!(status.success());
    std::fs::write(root.join("site/static/css/site.css"), "/* 局の色 */ body { color: #1a1a1a; }\n").unwrap();
    let o = run(&["build", "--root", root.to_str().unwrap(), "--out", "restyled-public", "--today", "2026-11-01"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let css = std::fs::read_to_string(work.join("restyled-public/tohoku/assets/site.css")).unwrap();
    assert!(css.starts_with("/* 局の色 */"), "{css}");
    let _ = std::fs::remove_dir_all(&work);
}
