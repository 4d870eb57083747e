//! What a web server needs to publish a build: each file's media type (one table, also the
//! preview's), and the configurations rendered from site/templates/ with the policy of
//! site/templates/policy.jinja: `.htaccess` for Apache (the build writes it at the top and in
//! each bureau's folder, with relative rules only, so a folder copied alone still works) and
//! the nginx snippet `site server-config --server nginx` prints.

use super::output::Bytes;
use super::{error, template_error};
use minijinja::{Environment, Value};
use onshi::content_file::ContentError;

/// Every extension a build writes, with its media type (text in UTF-8).
pub const MEDIA_TYPES: &[(&str, &str)] = &[
    ("html", "text/html; charset=utf-8"),
    ("css", "text/css; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("wasm", "application/wasm"),
    ("json", "application/json; charset=utf-8"),
    ("ics", "text/calendar; charset=utf-8"),
    ("svg", "image/svg+xml; charset=utf-8"),
    ("xml", "application/xml; charset=utf-8"),
    ("txt", "text/plain; charset=utf-8"),
    ("pdf", "application/pdf"),
    ("ttf", "font/ttf"),
    ("bin", "application/octet-stream"),
];

/// The media type of a file by its extension (`application/octet-stream` when unknown).
pub fn media_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    MEDIA_TYPES.iter().find(|(e, _)| *e == ext).map_or("application/octet-stream", |(_, t)| t)
}

/// The servers this tool writes a configuration for.
pub const SERVERS: [&str; 2] = ["nginx", "apache"];

/// The policy of site/templates/policy.jinja, as the values the build needs itself.
pub fn wizard_csp(env: &Environment) -> Result<String, ContentError> {
    env.render_str(r#"{% import "policy.jinja" as policy %}{{ policy.wizard_csp }}"#, ())
        .map_err(|e| template_error(e, "site/templates/policy.jinja", 0))
}

/// The configuration for `server` (one of [`SERVERS`]): Apache's `.htaccess`, or nginx's
/// snippet for a `server { }` block.
pub fn render(env: &Environment, server: &str) -> Result<String, ContentError> {
    let name = match server {
        "apache" => "htaccess",
        "nginx" => "nginx.conf",
        other => {
            return Err(error(
                "--server",
                None,
                format!("「{other}」の設定は作れません。{} のどれかを指定してください", SERVERS.join("、")),
            ))
        }
    };
    let types: Vec<Value> = MEDIA_TYPES
        .iter()
        .map(|(ext, t)| {
            let mime = t.split(';').next().unwrap_or(t);
            minijinja::context! { ext, media_type => t, mime, charset => t.contains("charset=") }
        })
        .collect();
    let compressed: Vec<&str> = super::compress::COMPRESSIBLE.to_vec();
    let mut text = env
        .get_template(name)
        .and_then(|t| t.render(minijinja::context! { types, compressed }))
        .map_err(|e| template_error(e, &format!("site/templates/{name}"), 0))?;
    // Templates lose their last newline; a configuration file ends with one.
    text.push('\n');
    Ok(text)
}

/// The `.htaccess` files of a build: the site's top and each bureau's folder.
pub fn htaccess_files(env: &Environment, bureau_ids: &[&str]) -> Result<Vec<(String, Bytes)>, ContentError> {
    let text: Bytes = render(env, "apache")?.into_bytes().into();
    Ok(std::iter::once(String::new())
        .chain(bureau_ids.iter().map(|id| format!("{id}/")))
        .map(|folder| (format!("{folder}.htaccess"), text.clone()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_compressed_extension_has_a_media_type() {
        for ext in super::super::compress::COMPRESSIBLE {
            assert!(MEDIA_TYPES.iter().any(|(e, _)| e == ext), "{ext}");
        }
        assert_eq!(media_type("tohoku/tohoku.ics"), "text/calendar; charset=utf-8");
        assert_eq!(media_type("noextension"), "application/octet-stream");
    }
}
