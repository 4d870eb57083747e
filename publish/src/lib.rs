//! The site build as a library: content/ (bureau data and Markdown) and site/templates/ become
//! the eight bureaus' static sites, in phases (Zola's load → render → check → write):
//!
//! 1. [`Site::load`] reads a [`Source`] (the content root on disk, or the same files in memory)
//!    and checks the content;
//! 2. [`Site::render`] renders every bureau's pages, forms and open data into an [`Output`]
//!    (path → bytes), in memory;
//! 3. [`Rendered::check_links`]: every link of every page resolves inside its folder;
//! 4. [`Site::server_files`] adds what web servers need (`.htaccess`, precompressed copies).
//!
//! The command line ([`build`]) then writes the output all or nothing; the studio
//! ([`build_in_memory`]) zips it. Nothing here but [`build`] and the [`Previous`] build's reuse
//! touches the output folder.
//!
//! Output: `index.html` (the bureaus, chosen by prefecture) and one self-contained,
//! relocatable folder per bureau (`<id>/`, relative links only, its own assets); with the
//! studio, `studio/` beside them (linked from no page).

pub mod archive;
pub mod compare;
mod compress;
pub mod content;
pub mod deadlines;
pub mod embedded;
mod forms_cache;
pub mod links;
pub mod markdown;
pub mod notice_text;
mod open_data;
mod output;
mod parallel;
mod problems;
pub mod program;
pub mod progress;
pub mod search;
pub mod server_config;
pub mod source;
pub mod studio;
mod templates;
pub mod theme;
pub mod views;
mod wizard;
pub mod writing;

pub use output::Output;
use output::{page_weights, read_built, write_output, Bytes};
use problems::{error, link_errors, once_each, MarkdownLinks};
pub use progress::{Phase, Progress, Step};
pub use source::Source;
pub use templates::environment;
use templates::template_error;
use views::{offices_view, steps_view, FormLink};
use wizard::wizard_for;

use chrono::{Datelike, NaiveDate};
use content::{pages_for, read_pages};
use minijinja::{Environment, Value};
use onshi::bureaus::{Bureau, Bureaus};
use onshi::content::page::{PageSource, NOTICE_TEMPLATES};
use onshi::content::Content;
use onshi::content_file::ContentError;
use onshi::era::format_era_date;
use onshi::pdf::FormFont;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What the command line builds: where from, where to, and how.
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
    /// Publishing, or `site serve`'s preview.
    pub mode: BuildMode,
    /// The wizard as built by trunk, copied into every bureau's folder as `<id>/wizard/`;
    /// without it the pages do not link to a wizard.
    pub wizard: Option<Program>,
    /// The studio as built by scripts/build-studio, written as `studio/`. The preview writes
    /// none: `site serve` shows it at /studio/, with its API.
    pub studio: Option<Program>,
}

/// A browser program trunk built (the wizard, the studio), as a build takes it: its folder
/// (`--wizard target/wizard-dist`), or its files already read, with where from (the copy inside
/// a packaged executable: which to use is the command line's choice, never the library's).
#[derive(Debug, Clone)]
pub enum Program {
    Folder(PathBuf),
    Files { files: Output, from: String },
}

impl BuildOptions {
    /// What the build renders with, wherever it runs.
    pub fn settings(&self) -> Settings {
        Settings { today: self.today, strict: self.strict, base_url: self.base_url.clone(), mode: self.mode }
    }
}

/// What a build is for (as Zola's `BuildMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BuildMode {
    /// The site to publish: with what web servers need (`.htaccess`, precompressed copies) and,
    /// when given, the studio.
    #[default]
    Publish,
    /// `site serve`'s preview: each page with the reload script, only what changed written,
    /// no studio (the server shows it, with its API).
    Preview,
}

/// How a site is rendered, the same on disk and in memory.
#[derive(Debug, Clone)]
pub struct Settings {
    pub today: NaiveDate,
    pub strict: bool,
    pub base_url: Option<String>,
    pub mode: BuildMode,
}

impl Settings {
    /// Whether this is `site serve`'s preview (the templates' `live_reload`).
    pub fn preview(&self) -> bool {
        self.mode == BuildMode::Preview
    }
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

/// What the previous build in the same folder leaves for this one: its blank forms, the forms'
/// room per field and its compressed copies, each reused when what made it has not changed.
/// A build in memory has none.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    folder: PathBuf,
    /// Its marker file's text ("" when there is no previous build: nothing is read).
    marker: String,
}

impl Previous {
    /// The build in `out`, if there is one.
    pub fn read(out: &Path) -> Previous {
        Previous { folder: out.to_path_buf(), marker: output::previous_marker(out) }
    }
}

/// Phase 1's result: the content and everything the pages are rendered with, loaded and
/// checked once; the context every renderer gets.
pub struct Site<'a> {
    settings: &'a Settings,
    font: &'a FormFont,
    previous: &'a Previous,
    pub content: Content,
    /// The notice's text and its points (`content/notice-text.toml`).
    notice: notice_text::NoticeText,
    /// The forms' room per field, as a marker line for the next build.
    limits_line: String,
    common: BTreeMap<String, PageSource>,
    /// Each bureau's own pages (content/<id>/), by bureau id.
    own: BTreeMap<String, BTreeMap<String, PageSource>>,
    env: Environment<'static>,
    css: BTreeMap<String, Bytes>,
    schema: Vec<u8>,
    /// The deadline tables' columns and the notice's steps: the same for every bureau,
    /// serialised once.
    deadline_columns: Value,
    notice_steps: Value,
    /// The wizard's files, prepared with the content and the policy.
    wizard: Option<Output>,
    /// The blank forms' keys of the previous build and of this one, by bureau id.
    previous_forms: BTreeMap<String, String>,
    forms_keys: BTreeMap<String, String>,
}

/// Phase 2's result: every file of the site, and what the link check needs.
pub struct Rendered {
    pub output: Output,
    /// Every page's HTML, by path.
    pub html: BTreeMap<String, String>,
    markdown_links: MarkdownLinks,
}

impl<'a> Site<'a> {
    /// Phase 1: reads and checks the content, the pages, the templates and the static files.
    /// `wizard` is the wizard as trunk built it, if the site links to one.
    pub fn load(
        source: &Source,
        settings: &'a Settings,
        font: &'a FormFont,
        previous: &'a Previous,
        wizard: Option<Output>,
    ) -> Result<Site<'a>, Vec<ContentError>> {
        let mut content = source.content()?;
        // The wizard checks each field's room on the forms on the page that asks for it.
        let limits_line;
        (content.print_limits, limits_line) = forms_cache::print_limits(&previous.marker, font);
        // --strict: `site check` first; anything that needs action stops the build, but a rule
        // read from the bureau's words (its source confirmed, its reading shown with it).
        if settings.strict {
            let mut items = onshi::content::health(&content, settings.today);
            items.retain(|i| i.concern != onshi::content::Concern::Inferred);
            if !items.is_empty() {
                return Err(items.into_iter().map(|i| error(i.file, i.line, i.message)).collect());
            }
        }
        let mut errors = Vec::new();
        let common = read_pages(source, "content/pages")?;
        let mut own = BTreeMap::new();
        for bureau in content.bureaus.iter() {
            match read_pages(source, &format!("content/{}", bureau.id)) {
                Ok(pages) => {
                    if !pages_for(&common, &pages).iter().any(|p| p.slug == "index") {
                        errors.push(error("content/pages/index.md", None, "局のトップページ（index.md）がありません"));
                    }
                    own.insert(bureau.id.clone(), pages);
                }
                Err(e) => errors.extend(e),
            }
        }
        check_content_folders(source, &content.bureaus, &mut errors);
        let notice = match notice_text::NoticeText::load(source) {
            Ok(n) => {
                errors.extend(check_citations(source, &content, &n));
                n
            }
            Err(e) => {
                errors.extend(e);
                notice_text::NoticeText { parts: Vec::new() }
            }
        };
        let env = environment(source);
        let css = stylesheets(source, &mut errors);
        let schema = theme::static_file(source, "data/deadlines.schema.json").unwrap_or_else(|| {
            errors.push(error("site/static/data/deadlines.schema.json", None, "見つかりません"));
            Vec::new()
        });
        // Prepared once with the content and the policy; each bureau's copy only adds its id.
        let wizard = match wizard.map(|files| server_config::wizard_csp(&env).map(|csp| (files, csp))).transpose() {
            Ok(w) => w
                .map(|(files, csp)| wizard::prepare(&files, &content.to_wire().into(), &csp))
                .transpose()
                .map_err(|e| {
                    let message = format!("{}。scripts/build-wizard で作り直してください", e.message());
                    vec![error("ウィザードの index.html", None, message)]
                })?,
            Err(e) => return Err(vec![e]),
        };
        if !errors.is_empty() {
            return Err(once_each(errors));
        }
        let fingerprint = font.fingerprint();
        let forms_keys = content.bureaus.iter().map(|b| (b.id.clone(), forms_cache::key(b, fingerprint))).collect();
        let deadline_columns = Value::from_serialize(deadlines::columns(&content));
        let notice_steps = Value::from_serialize(steps_view(&content));
        Ok(Site {
            settings,
            font,
            previous,
            previous_forms: forms_cache::previous_keys(&previous.marker),
            forms_keys,
            limits_line,
            content,
            notice,
            common,
            own,
            env,
            css,
            schema,
            deadline_columns,
            notice_steps,
            wizard,
        })
    }

    /// Phase 2: every bureau's folder and the top page, in steps each done for all bureaus side
    /// by side (the blank forms, the open data, the pages), each told to `progress`.
    pub fn render(&self, progress: Progress) -> Result<Rendered, Vec<ContentError>> {
        let bureaus: Vec<&Bureau> = self.content.bureaus.iter().collect();
        let mut errors = Vec::new();
        let mut output = Output::new();
        let forms = progress::each(progress, Phase::Forms, &bureaus, |bureau| {
            let mut output = Output::new();
            self.render_forms(bureau, &mut output).map(|links| (links, output))
        });
        // What every page of a bureau is rendered with: its forms' links, its dates and open data.
        let with_forms: Vec<_> = bureaus.iter().zip(&forms).collect();
        let shared = progress::each(progress, Phase::OpenData, &with_forms, |(bureau, forms)| {
            let Ok((forms, _)) = forms else { return None };
            let mut output = Output::new();
            Some(self.render_open_data(bureau, &mut output).map(|data| {
                let values = self.bureau_values(bureau, forms, data);
                (**bureau, values, output)
            }))
        });
        let mut folders = Vec::new();
        for (forms, data) in forms.into_iter().zip(shared) {
            match (forms, data) {
                (Ok((_, forms)), Some(Ok((bureau, values, data)))) => {
                    output.extend(forms);
                    output.extend(data);
                    folders.push(Some((bureau, values)));
                }
                (forms, data) => errors.extend(forms.err().into_iter().chain(data.and_then(Result::err)).flatten()),
            }
        }
        // Each bureau's folder, and the top page (`None`).
        folders.push(None);
        let rendered = progress::each(progress, Phase::Pages, &folders, |folder| {
            let mut output = Output::new();
            let mut links = MarkdownLinks::new();
            let mut errors = Vec::new();
            match folder {
                Some((bureau, shared)) => {
                    let pages = pages_for(&self.common, &self.own[&bureau.id]);
                    errors = self.render_bureau(bureau, &pages, shared, &mut output, &mut links);
                    if let Some(files) = &self.wizard {
                        output.extend(wizard_for(files, bureau));
                    }
                }
                None => {
                    self.render_assets("", &mut output);
                    if let Err(e) = render_root(&self.env, self.settings, &self.content.bureaus, &mut output) {
                        errors.push(e);
                    }
                }
            }
            let html: BTreeMap<String, String> = output
                .iter()
                .filter(|(k, _)| k.ends_with(".html"))
                .map(|(k, v)| (k.clone(), String::from_utf8_lossy(v).into_owned()))
                .collect();
            (output, html, links, errors)
        });
        let mut markdown_links = MarkdownLinks::new();
        let mut html = BTreeMap::new();
        for (o, h, l, e) in rendered {
            output.extend(o);
            html.extend(h);
            markdown_links.extend(l);
            errors.extend(e);
        }
        if !errors.is_empty() {
            return Err(once_each(errors));
        }
        Ok(Rendered { output, html, markdown_links })
    }

    /// Phase 4, for publishing: the `.htaccess` files and the `.br`/`.gz` copies. `unchanged`
    /// names the files whose bytes the previous build already has (`output::unchanged`); the
    /// copies taken from there are added to it.
    pub fn server_files(
        &self,
        output: &mut Output,
        unchanged: &mut HashSet<String>,
        progress: Progress,
    ) -> Result<(), Vec<ContentError>> {
        let ids: Vec<&str> = self.content.bureaus.iter().map(|b| b.id.as_str()).collect();
        output.extend(server_config::htaccess_files(&self.env, &ids).map_err(|e| vec![e])?);
        let copies = compress::precompressed(output, &self.previous.folder, &self.previous.marker, unchanged, progress);
        output.extend(copies);
        Ok(())
    }

    /// What the output folder's marker records for the next build.
    fn marker(&self, published: bool) -> String {
        let mut marker = forms_cache::marker_lines(&self.forms_keys) + &self.limits_line;
        if published {
            marker.push_str(compress::MARKER_LINE);
        }
        marker
    }
}

impl Rendered {
    /// Phase 3: every page's links must resolve inside its folder. A broken link is reported at
    /// the Markdown line that wrote it, or at the template.
    pub fn check_links(&self) -> Result<(), Vec<ContentError>> {
        let errors = link_errors(&self.output, &self.html, &self.markdown_links, None);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(once_each(errors))
        }
    }
}

/// The wizard's files: its folder read, or the files given.
fn wizard_files(program: Option<&Program>) -> Result<Option<Output>, Vec<ContentError>> {
    let files = program.map(|p| program_files(p, "ウィザード", "scripts/build-wizard").map(|(files, _)| files));
    files.transpose().map_err(|e| vec![e])
}

/// The studio's files, the same way, as `studio/` with the policy of `env`.
fn studio_files(program: Option<&Program>, env: &Environment) -> Result<Option<Output>, Vec<ContentError>> {
    let Some(program) = program else { return Ok(None) };
    let (files, from) = program_files(program, "編集室", "scripts/build-studio").map_err(|e| vec![e])?;
    let csp = server_config::wizard_csp(env).map_err(|e| vec![e])?;
    studio::studio_files(&files, &csp, &from).map(Some).map_err(|e| vec![e])
}

/// The studio as `site serve` shows it at /studio/: the same files as a build writes, ready
/// for the policy of the templates under `root` (paths relative to the studio's folder).
pub fn studio_to_serve(program: &Program, root: &Path) -> Result<Output, ContentError> {
    let (files, from) = program_files(program, "編集室", "scripts/build-studio")?;
    let csp = server_config::wizard_csp(&environment(&Source::Folder(root.to_path_buf())))?;
    studio::ready(&files, &csp, &from)
}

/// A program's files and where they came from (for messages); `what` and `script` name it and
/// what builds it.
fn program_files(program: &Program, what: &str, script: &str) -> Result<(Output, String), ContentError> {
    match program {
        Program::Files { files, from } => Ok((files.clone(), from.clone())),
        Program::Folder(dir) => Ok((read_built(dir, what, script)?, dir.display().to_string())),
    }
}

/// `site build` and every rebuild of `site serve`: builds the site into `options.out`. On
/// error, every problem with its file and line, and the output folder untouched.
pub fn build(options: &BuildOptions, font: &FormFont, progress: Progress) -> Result<BuildReport, Vec<ContentError>> {
    let started = Instant::now();
    let settings = options.settings();
    // Reading the previous build's marker is loading too (said again below: the same start).
    progress(Step { phase: Phase::Load, done: 0, total: 1 });
    let previous = Previous::read(&options.out);
    let (site, studio) = progress::one(progress, Phase::Load, || -> Result<_, Vec<ContentError>> {
        let wizard = wizard_files(options.wizard.as_ref())?;
        let site = Site::load(&Source::Folder(options.root.clone()), &settings, font, &previous, wizard)?;
        // Read before anything is rendered: a wrong --studio stops the build at once.
        let studio = if settings.preview() { None } else { studio_files(options.studio.as_ref(), &site.env)? };
        Ok((site, studio))
    })?;
    let rendered = site.render(progress)?;
    // The checks of the pages: their links, and their weight for the report.
    let page_weights = progress::one(progress, Phase::Check, || {
        rendered.check_links().map(|()| page_weights(&rendered.html, &rendered.output))
    })?;
    let Rendered { mut output, html, .. } = rendered;
    output.extend(studio.unwrap_or_default());
    // The preview (serve) writes only what changed; a build writes everything, with what web
    // servers need (.htaccess, precompressed copies), and swaps it in.
    let written = if settings.preview() {
        progress::one(progress, Phase::Write, || output::write_preview(&options.out, &output, &site.marker(false)))
    } else {
        let mut unchanged = progress::one(progress, Phase::Previous, || output::unchanged(&options.out, &output));
        site.server_files(&mut output, &mut unchanged, progress)?;
        write_output(&options.out, &output, &site.marker(true), &unchanged, progress)
    };
    written.map_err(|e| vec![e])?;
    Ok(BuildReport {
        files: output.len(),
        pages: html.len(),
        bytes: output.values().map(|b| b.len()).sum(),
        page_weights,
        unknown_markers: site.content.bureaus.unknowns().count(),
        calendar_warning: calendar_warning(&site.content, settings.today),
        millis: started.elapsed().as_millis(),
    })
}

/// The whole published site in memory (the studio's export): the same files, with the same
/// bytes, that [`build`] writes into a new folder from the same files and settings.
pub fn build_in_memory(
    source: &Source,
    settings: &Settings,
    font: &FormFont,
    wizard: Option<Output>,
    progress: Progress,
) -> Result<Output, Vec<ContentError>> {
    let previous = Previous::default();
    let site = progress::one(progress, Phase::Load, || Site::load(source, settings, font, &previous, wizard))?;
    let rendered = site.render(progress)?;
    progress::one(progress, Phase::Check, || rendered.check_links())?;
    let mut output = rendered.output;
    site.server_files(&mut output, &mut HashSet::new(), progress)?;
    Ok(output)
}

/// The output path of a bureau's page.
fn page_path(bureau_id: &str, slug: &str) -> String {
    if slug == "index" {
        format!("{bureau_id}/index.html")
    } else {
        format!("{bureau_id}/{slug}/index.html")
    }
}

/// One page as the site shows it (the studio's preview): its HTML, `None` when it could not be
/// made, and the build's problems with it (its Markdown, the writer's checks, its links).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub html: Option<String>,
    pub problems: Vec<ContentError>,
}

impl Site<'_> {
    /// The page `file` (`content/pages/faq.md`, or one of the bureau's own) in the folder of
    /// bureau `bureau_id`, rendered as [`Site::render`] renders it: the bureau's folder is
    /// rendered with the page in it (a common page the bureau replaces with its own is put
    /// back), and the page's HTML, its problems and those of no other page kept.
    pub fn preview(&self, bureau_id: &str, file: &str) -> Preview {
        let problem = |message: String| Preview { html: None, problems: vec![error(file, None, message)] };
        let Some(bureau) = self.content.bureaus.get(bureau_id) else {
            return problem(format!("「{bureau_id}」という局はありません"));
        };
        let mut own = self.own.get(bureau_id).cloned().unwrap_or_default();
        let Some(page) = self.common.values().chain(own.values()).find(|p| p.file == file).cloned() else {
            return problem(format!("{}のページに {file} はありません", bureau.name));
        };
        own.insert(page.slug.clone(), page);
        let pages = pages_for(&self.common, &own);
        let (mut output, mut links) = (Output::new(), MarkdownLinks::new());
        let forms = self.render_forms(bureau, &mut output);
        let data = self.render_open_data(bureau, &mut output);
        let mut problems = match (forms, data) {
            (Ok(forms), Ok(data)) => {
                let shared = self.bureau_values(bureau, &forms, data);
                self.render_bureau(bureau, &pages, &shared, &mut output, &mut links)
            }
            (forms, data) => forms.err().into_iter().chain(data.err()).flatten().collect(),
        };
        // Another page's problems are that page's.
        problems.retain(|e| e.file == file || !e.file.ends_with(".md"));
        let path = pages.iter().find(|p| p.file == file).map(|p| page_path(bureau_id, &p.slug)).unwrap_or_default();
        let html: BTreeMap<String, String> = output
            .iter()
            .filter(|(k, _)| k.ends_with(".html"))
            .map(|(k, v)| (k.clone(), String::from_utf8_lossy(v).into_owned()))
            .collect();
        problems.extend(link_errors(&output, &html, &links, Some(&path)));
        Preview { html: html.get(&path).cloned(), problems }
    }
}

/// [`Site::preview`] of the content in `source`: the page `file` in bureau `bureau_id`'s
/// folder, or the content's problems when it cannot be loaded.
pub fn preview(source: &Source, settings: &Settings, font: &FormFont, bureau_id: &str, file: &str) -> Preview {
    let previous = Previous::default();
    match Site::load(source, settings, font, &previous, None) {
        Ok(site) => site.preview(bureau_id, file),
        Err(problems) => Preview { html: None, problems },
    }
}

/// Each step's `citation` in content/notice.toml names sections of the notice by their labels
/// (「第1 1(1)・第3(1)」): each must be a section of `notice`.
fn check_citations(source: &Source, content: &Content, notice: &notice_text::NoticeText) -> Vec<ContentError> {
    let file = "content/notice.toml";
    let text = source.read_text(file).ok().flatten().unwrap_or_default();
    let mut errors = Vec::new();
    let portal = &content.notice.portal;
    let citations = content
        .notice
        .steps
        .iter()
        .map(|s| (s.id.as_str(), &s.citation))
        .chain([("[portal]", &portal.citation), ("[portal]", &portal.submission_citation)]);
    for (what, citation) in citations {
        for label in citation.split('・') {
            if notice.section_by_label(label).is_none() {
                let quoted = format!("citation = \"{citation}\"");
                let line = text.lines().position(|l| l.contains(&quoted)).map(|i| i + 1);
                errors.push(error(
                    file,
                    line,
                    format!(
                        "{what} の citation「{label}」は通知の箇所（{} の label）にありません。「第1 1(2)」「別紙3⑥」のように箇所の label を書き、いくつかあるときは・で区切ってください",
                        notice_text::FILE
                    ),
                ));
            }
        }
    }
    errors
}

/// A folder under content/ is either `bureaus`, `pages` or a bureau's id.
fn check_content_folders(source: &Source, bureaus: &Bureaus, errors: &mut Vec<ContentError>) {
    for name in source.entries("content").1 {
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

/// The assets every folder carries (its `assets/`): the stylesheets, the favicon and the
/// deadline page's script, from site/static/ (the content root's own, else the built-in ones).
fn stylesheets(source: &Source, errors: &mut Vec<ContentError>) -> BTreeMap<String, Bytes> {
    let mut assets = BTreeMap::new();
    for (name, path) in [
        ("tokens.css", "css/tokens.css"),
        ("site.css", "css/site.css"),
        ("wizard.css", "css/wizard.css"),
        ("favicon.svg", "favicon.svg"),
        ("deadlines.js", "js/deadlines.js"),
        ("search.js", "js/search.js"),
    ] {
        match theme::static_file(source, path) {
            Some(bytes) => {
                assets.insert(name.to_string(), bytes.into());
            }
            None => errors.push(error(format!("site/static/{path}"), None, "見つかりません".to_string())),
        }
    }
    assets
}

/// The bureau's search index (publish/src/search.rs), named by its hash, and its copy of the
/// search script naming it: the visible text of its pages as built, in the order of its menu.
fn render_search(
    bureau: &Bureau,
    pages: &[PageSource],
    script: &[u8],
    output: &mut Output,
) -> Result<(), ContentError> {
    let built: Vec<(String, String)> = pages
        .iter()
        .filter_map(|p| {
            let html = output.get(&page_path(&bureau.id, &p.slug))?;
            let url = if p.slug == "index" { String::new() } else { format!("{}/", p.slug) };
            Some((url, String::from_utf8_lossy(html).into_owned()))
        })
        .collect();
    let index = search::index(built.iter().map(|(url, html)| (url.as_str(), html.as_str())));
    let json = serde_json::to_vec(&index).expect("an index is plain data");
    let name = search::file_name(&json);
    let script = search::script_naming(&String::from_utf8_lossy(script), &name).ok_or_else(|| {
        error("site/static/js/search.js", None, format!("索引の名前を書く行「{}」がありません", search::INDEX_LINE))
    })?;
    output.insert(format!("{}/assets/search.js", bureau.id), script.into_bytes().into());
    output.insert(format!("{}/{name}", bureau.id), json.into());
    Ok(())
}

impl Site<'_> {
    /// One bureau's folder but its forms and open data (rendered before, for every bureau, into
    /// `shared`): its assets, pages, search index and sitemap; every problem, none stopping the
    /// others.
    fn render_bureau(
        &self,
        bureau: &Bureau,
        pages: &[PageSource],
        shared: &views::BureauValues,
        output: &mut Output,
        markdown_links: &mut MarkdownLinks,
    ) -> Vec<ContentError> {
        self.render_assets(&format!("{}/", bureau.id), output);
        let mut errors = self.render_pages(bureau, pages, shared, output, markdown_links);
        if let Err(e) = render_search(bureau, pages, &self.css["search.js"], output) {
            errors.push(e);
        }
        if let Err(e) = self.render_sitemap(bureau, pages, output) {
            errors.push(e);
        }
        errors
    }

    /// The stylesheets, favicon and scripts under `<folder>assets/` (and the preview's reload
    /// script).
    fn render_assets(&self, folder: &str, output: &mut Output) {
        for (name, bytes) in &self.css {
            output.insert(format!("{folder}assets/{name}"), bytes.clone());
        }
        if self.settings.preview() {
            output.insert(format!("{folder}assets/reload.js"), crate::embedded::reload_js().into());
        }
    }

    /// The blank forms (別紙1, 別紙2) under `forms/`, kept from the previous build when nothing
    /// that makes them changed; their links, as the forms page lists them.
    fn render_forms(&self, bureau: &Bureau, output: &mut Output) -> Result<Vec<FormLink>, Vec<ContentError>> {
        let id = &bureau.id;
        let forms = forms_cache::blank_forms_kept(
            &self.previous.folder,
            &self.previous_forms,
            bureau,
            &self.forms_keys[id],
            self.font,
        )?;
        let links = forms
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
        Ok(links)
    }

    /// Every office's schedules for the next 24 months, computed once: the deadline tables'
    /// views, and the open data (the same engine's dates as JSON with its schema, and calendar
    /// feeds) written under the bureau's folder, with the links its page lists.
    fn render_open_data(&self, bureau: &Bureau, output: &mut Output) -> Result<DataViews, Vec<ContentError>> {
        let (content, today) = (&self.content, self.settings.today);
        let per_office = open_data::office_schedules(content, bureau, today)
            .map_err(|e| vec![error(bureau.file.clone(), None, e.to_string())])?;
        let deadline_groups = deadlines::tables_from(content, &per_office, today);
        let data = open_data::open_data(content, bureau, &per_office, today, &self.schema);
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
            output.insert(format!("{}/{path}", bureau.id), bytes.into());
        }
        Ok(DataViews {
            data_links: Value::from_serialize(&data_links),
            deadline_months: Value::from_serialize(deadlines::months_view(&deadline_groups, today)),
            earliest: Value::from_serialize(deadlines::earliest_view(&deadline_groups, today)),
        })
    }

    /// What every page of a bureau is rendered with, serialised once.
    fn bureau_values(&self, bureau: &Bureau, forms: &[FormLink], data: DataViews) -> views::BureauValues {
        views::BureauValues {
            bureau: Value::from_serialize(serde_json::json!({
                "id": bureau.id,
                "name": bureau.name,
                "prefectures": bureau.prefectures,
                "official_site": bureau.official_site,
                "designation_page": bureau.designation_page.as_ref().map(|p| serde_json::json!({
                    "url": p.url,
                    "seen": p.seen.map(format_era_date),
                })),
                "has_unknowns": !bureau.unknowns.is_empty(),
                "has_inferred": !bureau.inferred_rules.is_empty(),
            })),
            offices: Value::from_serialize(offices_view(bureau)),
            deadline_months: data.deadline_months,
            earliest: data.earliest,
            deadline_columns: self.deadline_columns.clone(),
            notice_steps: self.notice_steps.clone(),
            notice_parts: Value::UNDEFINED,
            data_links: data.data_links,
            forms: Value::from_serialize(forms),
            wizard: self.wizard.is_some(),
            today_iso: self.settings.today.to_string(),
            today: format_era_date(self.settings.today),
            live_reload: self.settings.preview(),
        }
    }

    /// The pages: first every page's Markdown, for what the pages state (and the notice's points
    /// they cover); then the templates, which may show it (the 「通知との対応」 page). Every
    /// page's problems, none stopping the others.
    fn render_pages(
        &self,
        bureau: &Bureau,
        pages: &[PageSource],
        shared: &views::BureauValues,
        output: &mut Output,
        markdown_links: &mut MarkdownLinks,
    ) -> Vec<ContentError> {
        let env = &self.env;
        let mut errors = Vec::new();
        let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
        let names = markdown::Names { bureau, pages: &slugs, notice: &self.notice };
        let mut bodies = Vec::new();
        let mut stated: BTreeMap<String, Vec<notice_text::Statement>> = BTreeMap::new();
        let mut without_basis = Vec::new();
        for page in pages {
            let root = if page.slug == "index" { "" } else { "../" };
            // The Markdown may use {{ bureau.name }} and the like.
            let body = match env.render_named_str(
                &page.file,
                &page.body,
                minijinja::context! { bureau => shared.bureau.clone() },
            ) {
                Ok(b) => b,
                Err(e) => {
                    errors.push(template_error(e, &page.file, page.body_line - 1));
                    continue;
                }
            };
            // A page with problems is still rendered (the refused parts left out), for the
            // studio's preview; its problems stop the build.
            let (rendered, problems) = markdown::render_checked(&page.file, page.body_line, &body, names, root);
            errors.extend(problems);
            if rendered.bases.is_empty() && !NOTICE_TEMPLATES.contains(&page.front.template.as_str()) {
                without_basis.push(page.file.clone());
            }
            for basis in &rendered.bases {
                stated
                    .entry(basis.point.clone())
                    .or_default()
                    .push(notice_text::Statement { page: page.slug.clone(), heading: basis.heading.clone() });
            }
            bodies.push((page, rendered));
        }
        errors.extend(notice_text::coverage(&self.notice, &stated, &without_basis));
        let notice_parts = views::notice_view(&self.notice, names, &stated, pages, &mut errors);
        let shared = views::BureauValues { notice_parts, ..shared.clone() };

        for (page, rendered) in bodies {
            let path = page_path(&bureau.id, &page.slug);
            markdown_links
                .entry(path.clone())
                .or_default()
                .extend(rendered.links.iter().map(|l| (l.href.clone(), page.file.clone(), l.line)));
            let context = views::page_context(&shared, pages, page, rendered.html);
            match env.get_template(&page.front.template).and_then(|t| t.render(context)) {
                Ok(html) => {
                    output.insert(path, html.into_bytes().into());
                }
                Err(e) => errors.push(template_error(e, &page.file, 0)),
            }
        }
        errors
    }

    /// `sitemap.xml`, when the site's address is known (`--base-url`).
    fn render_sitemap(&self, bureau: &Bureau, pages: &[PageSource], output: &mut Output) -> Result<(), ContentError> {
        let Some(base) = &self.settings.base_url else { return Ok(()) };
        let id = &bureau.id;
        let base = format!("{}/{id}/", base.trim_end_matches('/'));
        let urls: Vec<String> = pages
            .iter()
            .map(|p| {
                onshi::markup::escape(&if p.slug == "index" { base.clone() } else { format!("{base}{}/", p.slug) })
            })
            .collect();
        let xml = self
            .env
            .get_template("sitemap.xml")
            .and_then(|t| t.render(minijinja::context! { urls => urls }))
            .map_err(|e| template_error(e, "site/templates/sitemap.xml", 0))?;
        output.insert(format!("{id}/sitemap.xml"), xml.into_bytes().into());
        Ok(())
    }
}

/// The open data's views a bureau's pages show.
struct DataViews {
    data_links: Value,
    deadline_months: Value,
    earliest: Value,
}

/// The top page: the bureaus, chosen by prefecture.
fn render_root(
    env: &Environment,
    settings: &Settings,
    bureaus: &Bureaus,
    output: &mut Output,
) -> Result<(), ContentError> {
    let list: Vec<serde_json::Value> = bureaus
        .iter()
        .map(|b| serde_json::json!({ "id": b.id, "name": b.name, "prefectures": b.prefectures }))
        .collect();
    let context = minijinja::context! {
        bureaus => Value::from_serialize(&list),
        root => "",
        today => format_era_date(settings.today),
        live_reload => settings.preview(),
    };
    let html = env
        .get_template("root.html")
        .and_then(|t| t.render(context))
        .map_err(|e| template_error(e, "site/templates/root.html", 0))?;
    output.insert("index.html".into(), html.into_bytes().into());
    Ok(())
}
