//! `site build`: content/ (bureau data and Markdown) and site/templates/ become the eight
//! bureaus' static sites. Everything is built in memory and checked first; only a build
//! without errors replaces the output folder.
//!
//! Output: `index.html` (the bureaus, chosen by prefecture) and one self-contained,
//! relocatable folder per bureau (`<id>/`, relative links only, its own assets).

mod compress;
pub mod content;
pub mod deadlines;
mod forms_cache;
pub mod links;
pub mod markdown;
mod open_data;
mod output;
pub mod server_config;
mod views;
mod wizard;

pub use output::Output;
use output::{page_weights, write_output};
use views::{offices_view, steps_view, FormLink, NavItem};
use wizard::{read_wizard, wizard_for};

use chrono::{Datelike, NaiveDate};
use content::{pages_for, read_pages, PageSource};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use onshi::bureaus::{Bureau, Bureaus};
use onshi::content::Content;
use onshi::content_file::ContentError;
use onshi::era::format_era_date;
use onshi::pdf::FormFont;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The repository: `content/`, `site/templates/`, `site/static/`.
    pub root: PathBuf,
    pub out: PathBuf,
    /// Fixes every computed table, so that a build is reproducible.
    pub today: NaiveDate,
    /// Refuse content that still has `"unknown"` markers.
    pub strict: bool,
    /// Where the site is published (`https://…/`), for sitemap.xml; none without it.
    pub base_url: Option<String>,
    /// Adds the preview's reload script (`site serve`).
    pub live_reload: bool,
    /// The wizard as built by trunk (`target/wizard-dist`), copied into every bureau's folder
    /// as `<id>/wizard/`; without it the pages do not link to a wizard.
    pub wizard: Option<PathBuf>,
}

/// What a build wrote.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub files: usize,
    pub pages: usize,
    pub bytes: usize,
    /// (page, HTML bytes + CSS bytes it loads), largest first.
    pub page_weights: Vec<(String, usize)>,
    pub unknown_markers: usize,
    /// The tables reach a year whose 春分日・秋分日 are not yet published (content/calendar.toml).
    pub calendar_warning: Option<String>,
    pub millis: u128,
}

/// A warning when the computed dates go past the last year of published equinoxes.
pub fn calendar_warning(content: &Content, today: NaiveDate) -> Option<String> {
    let last_month = deadlines::designation_months(today).last().copied()?;
    let last = content.calendar.last_published_equinox_year();
    match last {
        Some(year) if last_month.year() <= year => None,
        _ => Some(format!(
            "表は {} 年まで計算していますが、content/calendar.toml の春分日・秋分日は {} 年までしか公表値がありません。それより後の春分の日・秋分の日は計算による暫定の日です（表には「暫定」と出ます）。暦要項が公表されたら [equinoxes] に加えてください。",
            last_month.year(),
            last.map(|y| y.to_string()).unwrap_or_else(|| "どの".into())
        )),
    }
}

/// Per output page, the links its Markdown wrote: (href, file, line).
type MarkdownLinks = BTreeMap<String, Vec<(String, String, usize)>>;

fn error(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> ContentError {
    ContentError { file: file.into(), line, message: message.into() }
}

/// Builds the site into `options.out`. On error, every problem with its file and line, and
/// the output folder untouched.
pub fn build(options: &BuildOptions, font: &FormFont) -> Result<BuildReport, Vec<ContentError>> {
    let started = Instant::now();
    let mut content = onshi::content::load(&options.root)?;
    let previous_marker = output::previous_marker(&options.out);
    // The wizard checks each field's room on the forms on the page that asks for it.
    let limits_line;
    (content.print_limits, limits_line) = forms_cache::print_limits(&previous_marker, font);
    let content = &content;
    let bureaus = &content.bureaus;
    let unknown_markers = bureaus.unknowns().count();
    // --strict: `site check` first; anything that needs action stops the build.
    if options.strict {
        let items = onshi::content::health(content, options.today);
        if !items.is_empty() {
            return Err(items.into_iter().map(|i| error(i.file, i.line, i.message)).collect());
        }
    }
    let common = read_pages(&options.root, "content/pages")?;
    let mut errors = Vec::new();
    check_content_folders(&options.root, bureaus, &mut errors);
    let env = environment(&options.root);
    let mut output = Output::new();
    let mut markdown_links = MarkdownLinks::new();
    let css = stylesheets(&options.root, &mut errors);
    // The blank forms of the previous build in the same folder, and this build's keys.
    let previous_forms = forms_cache::previous_keys(&previous_marker);
    let fingerprint = font.fingerprint();
    let forms_keys: BTreeMap<String, String> =
        bureaus.iter().map(|b| (b.id.clone(), forms_cache::key(b, fingerprint))).collect();
    // The wizard: a folder given with --wizard, else the one built into a packaged executable.
    let wizard = match &options.wizard {
        None => crate::embedded::wizard(),
        Some(dir) => match read_wizard(dir) {
            Ok(files) => Some(files),
            Err(e) => return Err(vec![e]),
        },
    };
    // Prepared once with the content and the policy; each bureau's copy only adds its id.
    let wizard = match wizard.map(|files| server_config::wizard_csp(&env).map(|csp| (files, csp))).transpose() {
        Ok(w) => w.map(|(files, csp)| wizard::prepare(&files, &content.to_wire().into(), &csp)),
        Err(e) => return Err(vec![e]),
    };

    // The bureaus are independent: build them side by side, then merge in bureau order.
    let results: Vec<Result<(Output, MarkdownLinks), Vec<ContentError>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bureaus
            .iter()
            .map(|bureau| {
                let (env, common, css, wizard) = (&env, &common, &css, &wizard);
                let forms = (&previous_forms, forms_keys[&bureau.id].as_str());
                scope.spawn(move || {
                    let own = read_pages(&options.root, &format!("content/{}", bureau.id))?;
                    let pages = pages_for(common, &own);
                    if !pages.iter().any(|p| p.slug == "index") {
                        return Err(vec![error(
                            "content/pages/index.md",
                            None,
                            "局のトップページ（index.md）がありません",
                        )]);
                    }
                    let mut output = Output::new();
                    let mut links = MarkdownLinks::new();
                    build_bureau(env, options, forms, content, bureau, &pages, font, css, &mut output, &mut links)?;
                    if let Some(files) = wizard {
                        output.extend(wizard_for(files, bureau));
                    }
                    Ok((output, links))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a bureau's build panicked")).collect()
    });
    for result in results {
        match result {
            Ok((o, l)) => {
                output.extend(o);
                markdown_links.extend(l);
            }
            Err(e) => errors.extend(e),
        }
    }
    if let Err(e) = render_root(&env, options, bureaus, &css, &mut output) {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(once_each(errors));
    }

    // Links: every page's links must resolve inside its folder.
    let files: BTreeSet<String> = output.keys().cloned().collect();
    let html: BTreeMap<String, String> = output
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| (k.clone(), String::from_utf8_lossy(v).into_owned()))
        .collect();
    for broken in links::check(&files, &html) {
        let origin =
            markdown_links.get(&broken.page).and_then(|list| list.iter().find(|(href, _, _)| *href == broken.href));
        errors.push(match origin {
            // A common page's link is broken in every bureau's folder: say it once, with the
            // path inside a bureau's folder.
            Some((_, file, line)) if file.starts_with("content/pages/") => {
                let folder = broken.page.split_once('/').map(|(f, _)| format!("{f}/")).unwrap_or_default();
                let reason = broken.reason.replace(&format!(" {folder}"), " ");
                let reason = reason.strip_prefix(&folder).map(str::to_string).unwrap_or(reason);
                error(file.clone(), Some(*line), format!("リンク「{}」：{reason}", broken.href))
            }
            Some((_, file, line)) => {
                error(file.clone(), Some(*line), format!("リンク「{}」：{}", broken.href, broken.reason))
            }
            None => error(
                format!("site/templates（{} を作るとき）", broken.page),
                None,
                format!("リンク「{}」：{}", broken.href, broken.reason),
            ),
        });
    }
    if !errors.is_empty() {
        return Err(once_each(errors));
    }

    let mut marker = forms_cache::marker_lines(&forms_keys) + &limits_line;
    // The preview (serve) writes only what changed; a build writes everything, with what web
    // servers need (.htaccess, precompressed copies), and swaps it in.
    let written = if options.live_reload {
        output::write_preview(&options.out, &output, &marker)
    } else {
        let ids: Vec<&str> = bureaus.iter().map(|b| b.id.as_str()).collect();
        output.extend(server_config::htaccess_files(&env, &ids).map_err(|e| vec![e])?);
        let mut unchanged = output::unchanged(&options.out, &output);
        output.extend(compress::precompressed(&output, &options.out, &previous_marker, &mut unchanged));
        marker.push_str(compress::MARKER_LINE);
        write_output(&options.out, &output, &marker, &unchanged)
    };
    written.map_err(|e| vec![e])?;
    let page_weights = page_weights(&html, &output);
    Ok(BuildReport {
        files: output.len(),
        pages: html.len(),
        bytes: output.values().map(|b| b.len()).sum(),
        page_weights,
        unknown_markers,
        calendar_warning: calendar_warning(content, options.today),
        millis: started.elapsed().as_millis(),
    })
}

/// Each error once: a mistake in a common page (content/pages/) is found once per bureau that
/// shows it, and is reported once, saying that it affects every bureau.
fn once_each(errors: Vec<ContentError>) -> Vec<ContentError> {
    let mut out: Vec<ContentError> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    for e in errors {
        match out.iter().position(|o| *o == e) {
            Some(i) => counts[i] += 1,
            None => {
                out.push(e);
                counts.push(1);
            }
        }
    }
    for (e, n) in out.iter_mut().zip(counts) {
        if n > 1 && e.file.starts_with("content/pages/") {
            e.message.push_str("（共通のページなので、すべての局のサイトに影響します）");
        }
    }
    out
}

/// A folder under content/ is either `bureaus`, `pages` or a bureau's id.
fn check_content_folders(root: &Path, bureaus: &Bureaus, errors: &mut Vec<ContentError>) {
    let Ok(entries) = std::fs::read_dir(root.join("content")) else { return };
    for entry in entries.flatten().filter(|e| e.path().is_dir()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != "bureaus" && name != "pages" && bureaus.get(&name).is_none() {
            let ids: Vec<&str> = bureaus.iter().map(|b| b.id.as_str()).collect();
            errors.push(error(
                format!("content/{name}"),
                None,
                format!(
                    "「{name}」という局はありません。局ごとのページは {} の名前のフォルダに置いてください",
                    ids.join("、")
                ),
            ));
        }
    }
}

/// The templates' environment: the content root's own site/templates/ first, else the
/// built-in ones.
pub fn environment(root: &Path) -> Environment<'static> {
    let mut env = Environment::new();
    let root = root.to_path_buf();
    env.set_loader(move |name| Ok(crate::embedded::template(&root, name)));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // HTML templates escape what they print; sitemap.xml gets values escaped by the build.
    env.set_auto_escape_callback(|name| if name.ends_with(".html") { AutoEscape::Html } else { AutoEscape::None });
    env
}

/// The assets every folder carries (its `assets/`): the stylesheets, the favicon and the
/// deadline page's script, from site/static/ (the content root's own, else the built-in ones).
fn stylesheets(root: &Path, errors: &mut Vec<ContentError>) -> BTreeMap<String, output::Bytes> {
    let mut assets = BTreeMap::new();
    for (name, path) in [
        ("tokens.css", "css/tokens.css"),
        ("site.css", "css/site.css"),
        ("wizard.css", "css/wizard.css"),
        ("favicon.svg", "favicon.svg"),
        ("deadlines.js", "js/deadlines.js"),
    ] {
        match crate::embedded::static_file(root, path) {
            Some(bytes) => {
                assets.insert(name.to_string(), bytes.into());
            }
            None => errors.push(error(format!("site/static/{path}"), None, "見つかりません".to_string())),
        }
    }
    assets
}

/// A template error as a content error: the template (or page) and the line.
pub(crate) fn template_error(e: minijinja::Error, file: &str, line_offset: usize) -> ContentError {
    let file = match e.name() {
        Some(name) if name.ends_with(".html") || name.ends_with(".xml") => format!("site/templates/{name}"),
        _ => file.to_string(),
    };
    let offset = if file.starts_with("site/templates/") { 0 } else { line_offset };
    let detail = e.detail().map(|d| format!("：{d}")).unwrap_or_default();
    error(file, e.line().map(|l| l + offset), format!("テンプレートの誤り（{}）{detail}", e.kind()))
}

#[allow(clippy::too_many_arguments)]
fn build_bureau(
    env: &Environment,
    options: &BuildOptions,
    (previous_forms, forms_key): (&BTreeMap<String, String>, &str),
    content: &Content,
    bureau: &Bureau,
    pages: &[PageSource],
    font: &FormFont,
    css: &BTreeMap<String, output::Bytes>,
    output: &mut Output,
    markdown_links: &mut MarkdownLinks,
) -> Result<(), Vec<ContentError>> {
    let id = &bureau.id;
    let mut errors = Vec::new();
    let page_path =
        |slug: &str| if slug == "index" { format!("{id}/index.html") } else { format!("{id}/{slug}/index.html") };

    for (name, bytes) in css {
        output.insert(format!("{id}/assets/{name}"), bytes.clone());
    }
    if options.live_reload {
        output.insert(format!("{id}/assets/reload.js"), crate::embedded::reload_js().into());
    }
    let forms = forms_cache::blank_forms_kept(&options.out, previous_forms, bureau, forms_key, font)?;
    let form_links: Vec<FormLink> = forms
        .iter()
        .map(|f| FormLink {
            label: if f.name == onshi::pdf::BLANK_FORM_FILES[0] {
                "別紙1 受付番号情報提供依頼書兼回答書"
            } else {
                "別紙2 オンライン資格確認の導入計画書"
            },
            file: f.name.clone(),
            kb: f.bytes.len().div_ceil(1024),
        })
        .collect();
    for f in forms {
        output.insert(format!("{id}/forms/{}", f.name), f.bytes.into());
    }

    // Every office's schedules for the next 24 months, once: for the tables and the open data.
    let per_office = open_data::office_schedules(content, bureau, options.today)
        .map_err(|e| vec![error(bureau.file.clone(), None, e.to_string())])?;
    let deadline_groups = deadlines::tables_from(content, &per_office, options.today);
    // Open data: the same engine's dates as JSON (with its schema) and calendar feeds.
    let schema = crate::embedded::static_file(&options.root, "data/deadlines.schema.json")
        .ok_or_else(|| vec![error("site/static/data/deadlines.schema.json", None, "見つかりません")])?;
    let data = open_data::open_data(content, bureau, &per_office, options.today, &schema);
    let mut data_links: Vec<serde_json::Value> = data
        .files
        .iter()
        .filter(|(path, _)| !path.ends_with(".ics"))
        .map(|(path, bytes)| {
            serde_json::json!({ "href": path, "kb": bytes.len().div_ceil(1024), "schema": path.ends_with(".schema.json"), "office": null })
        })
        .collect();
    for (name, path) in &data.feeds {
        let kb = data.files.iter().find(|(p, _)| p == path).map(|(_, b)| b.len().div_ceil(1024)).unwrap_or(0);
        data_links.push(serde_json::json!({ "href": path, "kb": kb, "office": name, "schema": false }));
    }
    for (path, bytes) in data.files {
        output.insert(format!("{id}/{path}"), bytes.into());
    }
    let data_links = Value::from_serialize(&data_links);
    let deadline_columns = Value::from_serialize(deadlines::columns(content));
    let notice_steps = Value::from_serialize(steps_view(content));
    // The same for every page of the bureau: serialised once.
    let offices = Value::from_serialize(offices_view(bureau));
    let deadline_months = Value::from_serialize(deadlines::months_view(&deadline_groups, options.today));
    let earliest = Value::from_serialize(deadlines::earliest_view(&deadline_groups, options.today));
    let forms = Value::from_serialize(&form_links);
    let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
    let (today_iso, today) = (options.today.to_string(), format_era_date(options.today));
    let has_wizard = options.wizard.is_some() || crate::embedded::has_wizard();
    let bureau_value = Value::from_serialize(serde_json::json!({
        "id": bureau.id,
        "name": bureau.name,
        "prefectures": bureau.prefectures,
        "official_site": bureau.official_site,
        "has_unknowns": !bureau.unknowns.is_empty(),
    }));

    for page in pages {
        let root = if page.slug == "index" { "" } else { "../" };
        let nav: Vec<NavItem> = pages
            .iter()
            .map(|p| NavItem {
                title: p.front.nav_title.clone().unwrap_or_else(|| p.front.title.clone()),
                href: match (page.slug == "index", p.slug == "index") {
                    (true, true) => "./".into(),
                    (true, false) => format!("{}/", p.slug),
                    (false, true) => "../".into(),
                    (false, false) => format!("../{}/", p.slug),
                },
                current: p.slug == page.slug,
            })
            .collect();
        // The Markdown may use {{ bureau.name }} and the like.
        let body = match env.render_named_str(
            &page.file,
            &page.body,
            minijinja::context! { bureau => bureau_value.clone() },
        ) {
            Ok(b) => b,
            Err(e) => {
                errors.push(template_error(e, &page.file, page.body_line - 1));
                continue;
            }
        };
        let rendered = match markdown::render(&page.file, page.body_line, &body, bureau, &slugs, root) {
            Ok(r) => r,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        let path = page_path(&page.slug);
        markdown_links
            .entry(path.clone())
            .or_default()
            .extend(rendered.links.iter().map(|l| (l.href.clone(), page.file.clone(), l.line)));
        let context = minijinja::context! {
            bureau => bureau_value.clone(),
            offices => offices.clone(),
            nav => Value::from_serialize(&nav),
            page => minijinja::context! {
                title => page.front.title.clone(),
                description => page.front.description.clone(),
                slug => page.slug.clone(),
                wizard_link => page.front.wizard_link,
                html => Value::from_safe_string(rendered.html),
            },
            root => root,
            deadline_months => deadline_months.clone(),
            earliest => earliest.clone(),
            today_iso => today_iso.clone(),
            deadline_columns => deadline_columns.clone(),
            notice_steps => notice_steps.clone(),
            data_links => data_links.clone(),
            data_months => deadlines::MONTHS,
            forms => forms.clone(),
            wizard => has_wizard,
            today => today.clone(),
            live_reload => options.live_reload,
        };
        match env.get_template(&page.front.template).and_then(|t| t.render(context)) {
            Ok(html) => {
                output.insert(path, html.into_bytes().into());
            }
            Err(e) => errors.push(template_error(e, &page.file, 0)),
        }
    }

    if let Some(base) = &options.base_url {
        let base = format!("{}/{id}/", base.trim_end_matches('/'));
        let urls: Vec<String> = pages
            .iter()
            .map(|p| {
                onshi::markup::escape(&if p.slug == "index" { base.clone() } else { format!("{base}{}/", p.slug) })
            })
            .collect();
        match env.get_template("sitemap.xml").and_then(|t| t.render(minijinja::context! { urls => urls })) {
            Ok(xml) => {
                output.insert(format!("{id}/sitemap.xml"), xml.into_bytes().into());
            }
            Err(e) => errors.push(template_error(e, "site/templates/sitemap.xml", 0)),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn render_root(
    env: &Environment,
    options: &BuildOptions,
    bureaus: &Bureaus,
    css: &BTreeMap<String, output::Bytes>,
    output: &mut Output,
) -> Result<(), ContentError> {
    for (name, bytes) in css {
        output.insert(format!("assets/{name}"), bytes.clone());
    }
    if options.live_reload {
        output.insert("assets/reload.js".into(), crate::embedded::reload_js().into());
    }
    let list: Vec<serde_json::Value> = bureaus
        .iter()
        .map(|b| serde_json::json!({ "id": b.id, "name": b.name, "prefectures": b.prefectures }))
        .collect();
    let context = minijinja::context! {
        bureaus => Value::from_serialize(&list),
        root => "",
        today => format_era_date(options.today),
        live_reload => options.live_reload,
    };
    let html = env
        .get_template("root.html")
        .and_then(|t| t.render(context))
        .map_err(|e| template_error(e, "site/templates/root.html", 0))?;
    output.insert("index.html".into(), html.into_bytes().into());
    Ok(())
}
