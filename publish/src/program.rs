//! A browser program as trunk built it (the wizard, the studio), made ready for the site's
//! strict CSP: the one post-processor of trunk's output for both apps (the scripts only run
//! trunk). The policy goes into the page's CSP `<meta>`, and every inline start-up script
//! (trunk's, and the page's own) moves, in order, into `init.js`, so that the policy needs no
//! 'unsafe-inline'.

/// The file the start-up scripts move to, beside the page.
pub const INIT: &str = "init.js";

const CSP_META: &str = r#"<meta http-equiv="Content-Security-Policy" content=""#;
const INLINE: &str = "<script type=\"module\">";
const END: &str = "</script>";

/// A program's page ready for the policy: its HTML, and the start-up script (`init.js`) when
/// the page had one inline.
#[derive(Debug, PartialEq)]
pub struct ReadyPage {
    pub html: String,
    pub init: Option<String>,
}

/// Why a page cannot be made ready.
#[derive(Debug, PartialEq)]
pub enum NotReady {
    /// No CSP `<meta>` to carry the policy.
    NoPolicyMeta,
    /// A `<script type="module">` that is never closed.
    UnclosedScript,
}

impl NotReady {
    /// In Japanese, for a message that names the file.
    pub fn message(&self) -> &'static str {
        match self {
            NotReady::NoPolicyMeta => "CSP の <meta> がありません",
            NotReady::UnclosedScript => "<script type=\"module\"> が閉じていません",
        }
    }
}

/// `html` with `csp` as its policy (whatever the `<meta>` held before) and its inline module
/// scripts moved out; `init.js` is loaded where the first of them was taken from the head.
pub fn ready_page(html: &str, csp: &str) -> Result<ReadyPage, NotReady> {
    let mut html = html.to_string();
    let at = html.find(CSP_META).map(|at| at + CSP_META.len()).ok_or(NotReady::NoPolicyMeta)?;
    let end = html[at..].find('"').map_or(at, |e| at + e);
    html.replace_range(at..end, csp);
    let mut init = String::new();
    while let Some(start) = html.find(INLINE) {
        let end = html[start..].find(END).map(|e| start + e).ok_or(NotReady::UnclosedScript)?;
        init.push_str(&html[start + INLINE.len()..end]);
        init.push('\n');
        // The line the script stood on goes with it.
        let after = end + END.len();
        let after = if html[after..].starts_with('\n') { after + 1 } else { after };
        html.replace_range(start..after, "");
    }
    if init.is_empty() {
        return Ok(ReadyPage { html, init: None });
    }
    html = html.replacen("</head>", &format!("<script type=\"module\" src=\"{INIT}\"></script>\n</head>"), 1);
    Ok(ReadyPage { html, init: Some(init) })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<!DOCTYPE html>\n<html><head>\n\
        <meta http-equiv=\"Content-Security-Policy\" content=\"\">\n\
        <script type=\"module\">\nconsole.log(1);\n</script>\n\
        <link rel=\"stylesheet\" href=\"a.css\">\n\
        <script type=\"module\">import init from '/app.js';init('/app_bg.wasm');</script>\n\
        </head><body></body></html>\n";

    #[test]
    fn the_policy_goes_in_and_every_inline_script_moves_out_in_order() {
        let ready = ready_page(TRUNK, "default-src 'self'").unwrap();
        assert!(ready.html.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'">"#));
        assert!(!ready.html.contains(INLINE), "{}", ready.html);
        assert_eq!(ready.html.matches("<script").count(), 1);
        assert!(ready.html.contains("<script type=\"module\" src=\"init.js\"></script>\n</head>"));
        let init = ready.init.unwrap();
        assert_eq!(init, "\nconsole.log(1);\n\nimport init from '/app.js';init('/app_bg.wasm');\n");
        // The stylesheet between the two scripts stays where it was.
        assert!(ready.html.contains("<link rel=\"stylesheet\" href=\"a.css\">\n"));
    }

    #[test]
    fn a_policy_already_there_is_replaced_and_a_page_without_scripts_gets_no_init() {
        let page = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src *\"></head>";
        let ready = ready_page(page, "default-src 'none'").unwrap();
        assert_eq!(
            ready.html,
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head>"
        );
        assert_eq!(ready.init, None);
    }

    #[test]
    fn a_page_without_the_meta_or_with_an_open_script_is_refused() {
        assert_eq!(ready_page("<head></head>", "x"), Err(NotReady::NoPolicyMeta));
        let open = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"\"><script type=\"module\">x";
        assert_eq!(ready_page(open, "x"), Err(NotReady::UnclosedScript));
    }
}
