//! The studio's (編集室) copy at the top of a built site, `studio/` beside the bureaus' folders,
//! for a bureau to host: trunk's files, with the policy of site/templates/policy.jinja in the
//! page's CSP `<meta>` and the start-up script in `init.js` ([`program::ready_page`], as for the
//! wizard). No public page links to it, its page says `noindex` and the servers' configurations
//! send `X-Robots-Tag: noindex` for it; the sitemap lists bureaus' pages only.

use super::output::Output;
use super::program;
use super::{error, links};
use onshi::content_file::ContentError;
use std::collections::{BTreeMap, BTreeSet};

/// The folder the studio is written to, at the top of the site.
pub const FOLDER: &str = "studio";

/// The studio's files under `studio/`, its page's CSP set to `csp`. `from` names where the files
/// came from, for the messages. Refused: what [`ready`] refuses, and a page naming a file that
/// is not there (the link checker's rules, for its page alone: the rest of the site never
/// links to it).
pub fn studio_files(files: &Output, csp: &str, from: &str) -> Result<Output, ContentError> {
    let ready = ready(files, csp, from)?;
    let page = format!("{FOLDER}/index.html");
    let html = ready["index.html"].clone();
    let html = String::from_utf8_lossy(&html).into_owned();
    let out: Output = ready.into_iter().map(|(path, bytes)| (format!("{FOLDER}/{path}"), bytes)).collect();
    let paths: BTreeSet<String> = out.keys().cloned().collect();
    if let Some(broken) = links::check(&paths, &BTreeMap::from([(page, html)])).into_iter().next() {
        return Err(fail(from, &format!("リンク「{}」：{}", broken.href, broken.reason)));
    }
    Ok(out)
}

/// The studio's files ready for `csp`, paths relative to its folder (as `site serve` shows them
/// at /studio/). Refused: no page, no CSP `<meta>`, no `noindex`.
pub fn ready(files: &Output, csp: &str, from: &str) -> Result<Output, ContentError> {
    let page = files.get("index.html").ok_or_else(|| fail(from, "編集室の index.html がありません"))?;
    let html = String::from_utf8_lossy(page);
    if !html.contains(r#"<meta name="robots" content="noindex, nofollow">"#) {
        return Err(fail(from, "<meta name=\"robots\" content=\"noindex, nofollow\"> がありません。scripts/build-studio で作り直してください"));
    }
    let ready = program::ready_page(&html, csp)
        .map_err(|e| fail(from, &format!("{}。scripts/build-studio で作り直してください", e.message())))?;
    let mut out = files.clone();
    out.insert("index.html".into(), ready.html.into_bytes().into());
    if let Some(init) = ready.init {
        out.insert(program::INIT.into(), init.into_bytes().into());
    }
    Ok(out)
}

fn fail(from: &str, message: &str) -> ContentError {
    error(format!("{from}/index.html"), None, message.to_string())
}
