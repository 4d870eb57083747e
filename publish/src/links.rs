//! The link checker: every `href` and `src` of every built page must resolve to a built file
//! (and anchor), stay inside its bureau's folder, and load nothing from another host.

use std::collections::{BTreeMap, BTreeSet};

/// One broken link: the page it is on, the link, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub href: String,
    pub reason: String,
}

/// The values of an attribute (`href`, `src`, `id`) in an HTML document, in order, with
/// character references (templates write `/` as `&#x2f;`) and percent-encoding (Markdown
/// encodes a Japanese anchor) decoded.
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push(percent_decode(&decode_references(&after[..end])));
        rest = &after[end..];
    }
    out
}

/// Decodes `%XX` sequences that form UTF-8; anything else is kept as it is.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Decodes `&amp;`, `&quot;`, `&lt;`, `&gt;`, `&#39;` and numeric references.
fn decode_references(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(end) = after.find(';').filter(|e| *e <= 8) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..end];
        let decoded = match name {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Resolves `href` found on the page at `page` (a path like `tohoku/steps/index.html`) to a
/// path in the output and an optional fragment. `None` for links to other schemes.
pub fn resolve(page: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.contains("://")
        || href.starts_with("//")
        || ["mailto:", "tel:", "data:"].iter().any(|s| href.starts_with(s))
    {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string())),
        None => (href.to_string(), None),
    };
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if path.is_empty() {
        return Some((page.to_string(), fragment));
    }
    if path.starts_with('/') {
        // Absolute paths break when a folder moves: reported by the caller.
        return Some((path, fragment));
    }
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    // Above the site's root: never a file of the site.
                    return Some((format!("../{path}"), fragment));
                }
            }
            s => parts.push(s),
        }
    }
    let mut resolved = parts.join("/");
    if path.ends_with('/') || resolved.is_empty() {
        if !resolved.is_empty() {
            resolved.push('/');
        }
        resolved.push_str("index.html");
    }
    Some((resolved, fragment))
}

/// Checks all pages. `files` holds every output path; `pages` the HTML of each page.
pub fn check(files: &BTreeSet<String>, pages: &BTreeMap<String, String>) -> Vec<BrokenLink> {
    let ids: BTreeMap<&str, BTreeSet<String>> =
        pages.iter().map(|(path, html)| (path.as_str(), attribute_values(html, "id").into_iter().collect())).collect();
    let mut broken = Vec::new();
    for (page, html) in pages {
        let folder = page.split_once('/').map(|(f, _)| f);
        let mut report = |href: &str, reason: String| {
            broken.push(BrokenLink { page: page.clone(), href: href.to_string(), reason });
        };
        let hrefs = attribute_values(html, "href").into_iter().map(|h| ("href", h));
        for (attr, href) in hrefs.chain(attribute_values(html, "src").into_iter().map(|s| ("src", s))) {
            let href = href.as_str();
            let Some((target, fragment)) = resolve(page, href) else {
                if attr == "src" && !href.starts_with("data:") {
                    report(href, "他のサイトから読み込んでいます。ファイルはサイトの中に置いてください".into());
                }
                continue;
            };
            if target.starts_with('/') {
                report(href, "/ で始まるリンクはフォルダを移すと切れます。相対リンクにしてください".into());
                continue;
            }
            if let Some(folder) = folder {
                if !target.starts_with(&format!("{folder}/")) {
                    report(href, format!("{folder}/ の外を指しています。局のフォルダだけで完結させてください"));
                    continue;
                }
            }
            if !files.contains(&target) {
                report(href, format!("リンク先 {target} がありません"));
                continue;
            }
            // In the wizard's page a fragment names one of its pages (`#kind`), which the
            // program shows: there is no element to find.
            let wizard_route = page.ends_with("/wizard/index.html") && href.starts_with('#');
            if let Some(fragment) = fragment.filter(|f| !f.is_empty() && !wizard_route) {
                let found = ids.get(target.as_str()).is_some_and(|set| set.contains(&fragment));
                if !found {
                    report(href, format!("{target} に id=\"{fragment}\" がありません"));
                }
            }
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_references() {
        assert_eq!(attribute_values(r#"<a href="..&#x2f;steps&#x2f;?a=1&amp;b=2">"#, "href"), ["../steps/?a=1&b=2"]);
        assert_eq!(decode_references("a&b &#39;c&#39; &unknown;"), "a&b 'c' &unknown;");
        assert_eq!(attribute_values(r#"<a href="../steps/#%E5%8F%97%E4%BB%98">"#, "href"), ["../steps/#受付"]);
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%E5"), "%zz%E5");
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("tohoku/steps/index.html", "../deadlines/"),
            Some(("tohoku/deadlines/index.html".into(), None))
        );
        assert_eq!(
            resolve("tohoku/index.html", "steps/#a"),
            Some(("tohoku/steps/index.html".into(), Some("a".into())))
        );
        assert_eq!(resolve("tohoku/index.html", "#top"), Some(("tohoku/index.html".into(), Some("top".into()))));
        assert_eq!(resolve("index.html", "tohoku/"), Some(("tohoku/index.html".into(), None)));
        assert_eq!(resolve("tohoku/forms/index.html", "request.pdf"), Some(("tohoku/forms/request.pdf".into(), None)));
        assert_eq!(resolve("index.html", "../x/"), Some(("../../x/".into(), None)));
        assert_eq!(resolve("index.html", "https://www.mhlw.go.jp/"), None);
    }

    #[test]
    fn finds_broken_links_anchors_and_escapes() {
        let files: BTreeSet<String> =
            ["index.html", "a/index.html", "a/b/index.html", "c/index.html"].into_iter().map(String::from).collect();
        let pages: BTreeMap<String, String> = [
            ("a/index.html", r#"<a href="b/#x">ok</a><a href="b/#y">no anchor</a><a href="../c/">escapes</a><a href="/a/">absolute</a><img src="https://cdn.example/x.png"><a href="d/">missing</a>"#),
            ("a/b/index.html", r#"<h2 id="x">x</h2><a href="../">up</a>"#),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let broken = check(&files, &pages);
        let hrefs: Vec<&str> = broken.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(hrefs, ["b/#y", "../c/", "/a/", "d/", "https://cdn.example/x.png"]);
    }
}
