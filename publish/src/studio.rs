//! The studio's (編集室) copy at the top of a built site, `studio/` beside the bureaus' folders,
//! for a bureau to host: trunk's files as scripts/build-studio left them (the start-up script
//! already out of line), with the policy of site/templates/policy.jinja in the page's CSP
//! `<meta>`. No public page links to it, its page says `noindex` and the servers' configurations
//! send `X-Robots-Tag: noindex` for it; the sitemap lists bureaus' pages only.

use super::output::Output;
use super::{error, links};
use onshi::content_file::ContentError;
use std::collections::{BTreeMap, BTreeSet};

/// The folder the studio is written to, at the top of the site.
pub const FOLDER: &str = "studio";

/// The studio's files under `studio/`, its page's CSP set to `csp`. `from` names where the files
/// came from, for the messages. Refused: a page with no CSP `<meta>` or an inline script (a
/// plain `trunk build`, whose start-up script the CSP would block), without `noindex`, or
/// naming a file that is not there (the link checker's rules, for its page alone: the rest of
/// the site never links to it).
pub fn studio_files(files: &Output, csp: &str, from: &str) -> Result<Output, ContentError> {
    let fail = |message: &str| error(format!("{from}/index.html"), None, message.to_string());
    let page = files.get("index.html").ok_or_else(|| fail("編集室の index.html がありません"))?;
    let mut html = String::from_utf8_lossy(page).into_owned();
    let start = r#"<meta http-equiv="Content-Security-Policy" content=""#;
    let Some(at) = html.find(start).map(|at| at + start.len()) else {
        return Err(fail("CSP の <meta> がありません。scripts/build-studio で作り直してください"));
    };
    if html.contains("<script type=\"module\">") {
        return Err(fail(
            "ページの中に起動用のスクリプトがあります（CSP が止めます）。scripts/build-studio で作り直してください",
        ));
    }
    if !html.contains(r#"<meta name="robots" content="noindex, nofollow">"#) {
        return Err(fail("<meta name=\"robots\" content=\"noindex, nofollow\"> がありません。scripts/build-studio で作り直してください"));
    }
    let end = html[at..].find('"').map_or(at, |e| at + e);
    html.replace_range(at..end, csp);
    let page = format!("{FOLDER}/index.html");
    let out: Output = files
        .iter()
        .map(|(path, bytes)| {
            let bytes = if path == "index.html" { html.clone().into_bytes().into() } else { bytes.clone() };
            (format!("{FOLDER}/{path}"), bytes)
        })
        .collect();
    let paths: BTreeSet<String> = out.keys().cloned().collect();
    if let Some(broken) = links::check(&paths, &BTreeMap::from([(page, html)])).into_iter().next() {
        return Err(fail(&format!("リンク「{}」：{}", broken.href, broken.reason)));
    }
    Ok(out)
}
