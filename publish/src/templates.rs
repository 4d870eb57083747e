//! The templates' environment (minijinja: the content root's own site/templates/ over the
//! built-in ones, `theme.rs`) and a template's mistake as a content error, with its file and
//! line (Zola's `tpls.rs`).

use crate::problems::error;
use crate::{theme, Source};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use onshi::content_file::ContentError;

/// The templates' environment: the content root's own site/templates/ first, else the
/// built-in ones.
pub fn environment(source: &Source) -> Environment<'static> {
    let mut env = Environment::new();
    let source = source.clone();
    env.set_loader(move |name| Ok(theme::template(&source, name)));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // HTML templates escape what they print; sitemap.xml gets values escaped by the build.
    env.set_auto_escape_callback(|name| if name.ends_with(".html") { AutoEscape::Html } else { AutoEscape::None });
    env
}

/// A template error as a content error: the template (or page) and the line.
pub fn template_error(e: minijinja::Error, file: &str, line_offset: usize) -> ContentError {
    let file = match e.name() {
        Some(name) if name.ends_with(".html") || name.ends_with(".xml") => format!("site/templates/{name}"),
        _ => file.to_string(),
    };
    let offset = if file.starts_with("site/templates/") { 0 } else { line_offset };
    let detail = e.detail().map(|d| format!("：{d}")).unwrap_or_default();
    error(file, e.line().map(|l| l + offset), format!("テンプレートの誤り（{}）{detail}", e.kind()))
}
