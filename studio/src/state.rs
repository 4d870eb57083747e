//! The studio's store: everything the pages show, the [`Action`]s a staff member's input
//! becomes, and [`State::reduce`], which changes the state and returns the [`Effect`]s to run
//! (asking the site worker, saving, downloading, waiting for typing to stop). No Yew and no
//! browser here: every transition is tested natively (the wizard's `state.rs` is the model);
//! `effects.rs` runs the effects, the views only read the state and send actions.

use crate::calendar_form::Equinox;
use crate::checks::Place;
use crate::keys::{
    contact_source_key, deadline_key, equinox_key, inferred_key, new_year_day_key, office_field_key, overrides_key,
    page_field_key, NEW_YEAR_KEY,
};
use crate::model::{RuleForm, Studio};
use crate::page_model::{with_studio_stylesheets, without_scripts, PageField};
use crate::protocol::{FromWorker, ToWorker};
use crate::published::{check_rows, parse_content_date, OverrideRow, SourceForm};
use chrono::NaiveDate;
use onshi::content::edit::{DeadlineText, OfficeField, SourceOf};
use onshi::content::values::Source;
use onshi::content_file::ContentError;
use onshi::rule::{ClosedDayPolicy, DeadlineKind};
use publish::compare::Comparison;
use publish::progress::{Phase, Step};
use std::collections::{BTreeMap, HashMap};

/// Where the content came from, which says how it is saved.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// Read through `<input webkitdirectory>`: saved as a zip.
    Folder(String),
    Zip(String),
    /// `site serve`'s API, with its key.
    Api(String),
    /// Chosen read-write (File System Access API): saved in place; the names read there. The
    /// folder's handle is the browser's, kept by `effects.rs`.
    Picked(Vec<String>),
}

impl Origin {
    /// What was opened, in the save bar's words.
    pub fn label(&self) -> String {
        match self {
            Origin::Folder(name) => format!("フォルダ「{name}」"),
            Origin::Zip(name) => name.clone(),
            Origin::Api(_) => "プレビュー（site serve）のフォルダ".into(),
            Origin::Picked(..) => "選んだフォルダ".into(),
        }
    }

    /// Saved where it was read (`site serve`'s folder, or a folder chosen read-write).
    pub fn saves_in_place(&self) -> bool {
        matches!(self, Origin::Picked(..) | Origin::Api(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    Start,
    List,
    Bureau(String),
    /// 暦: the equinoxes per published year.
    Calendar,
    /// 通知の手順, read-only.
    Steps,
    /// 点検: `site check`'s list.
    Checks,
    /// The 新旧対照表 of the content as first opened and as edited.
    Comparison,
    /// The Markdown pages.
    Pages,
    /// One page (its file), edited beside the page as the site shows it.
    PageEdit(String),
}

/// A 新旧対照表 as the site worker answered it.
pub struct Compared {
    pub comparison: Comparison,
    /// The whole document (site/templates/diff.html).
    pub html: String,
    /// What was compared, in the document's words: the content as opened, and as edited.
    pub from: String,
    pub to: String,
}

/// The Markdown page shown beside its editor, and the questions asked for it: each edit asks
/// again once typing has stopped; an answer older than the page shown is dropped.
#[derive(Default)]
pub struct PagePreview {
    pub file: String,
    /// The bureau whose folder the page is shown in.
    pub bureau: String,
    /// Edits since the page was opened: each asks again.
    generation: u64,
    /// The edit the page shown answers.
    shown: u64,
    pub html: Option<String>,
    /// The build's problems with the page, `file:line: message`.
    pub problems: Vec<String>,
    /// When the first edit not yet shown was made (ms since the page loaded).
    pending_since: Option<f64>,
    /// From that edit to its page shown, the last time (ms).
    pub took_ms: Option<f64>,
    pub waiting: bool,
}

/// Everything the pages show, held once; a change re-renders.
#[derive(Default)]
pub struct State {
    pub studio: Option<Studio>,
    pub origin: Option<Origin>,
    pub page: Option<Page>,
    /// The forms as typed, by slot key (a day being typed need not be a rule yet).
    pub forms: HashMap<String, RuleForm>,
    /// Fields as typed, by field key (with 未確認 for an office's).
    pub texts: HashMap<String, (String, bool)>,
    /// Published dates per month as typed, by the list's key.
    pub rows: HashMap<String, Vec<OverrideRow>>,
    /// The control to focus once the page is drawn (a link of 点検).
    pub focus: Option<String>,
    /// Problems found when a field was last changed, by field key (shown while they remain).
    pub field_errors: HashMap<String, Vec<String>>,
    /// The loader's problems now.
    pub errors: Vec<ContentError>,
    /// Problems opening or saving, and what was done.
    pub problems: Vec<String>,
    pub notice: Option<String>,
    pub busy: bool,
    /// The site worker's work under way (the export, the 新旧対照表), shown with its progress
    /// and 中止.
    pub working: Option<Working>,
    /// The 新旧対照表 last asked for, once the worker answered.
    pub comparison: Option<Compared>,
    /// The page being edited, as the site shows it.
    pub preview: PagePreview,
}

/// Work the site worker is doing for the staff member, and how far it has got.
#[derive(Debug, Clone, PartialEq)]
pub struct Working {
    /// What is being done (「サイトを書き出しています」).
    pub doing: String,
    /// The phases it goes through, in order (none: it tells no progress).
    pub phases: &'static [Phase],
    /// The last step told.
    pub step: Option<Step>,
}

impl Working {
    /// How far it has got, as (value, max) of a progress bar: each phase an equal part; `None`
    /// while nothing is known (the bar then shows only that work goes on).
    pub fn fraction(&self) -> Option<(u32, u32)> {
        let step = self.step?;
        let index = self.phases.iter().position(|p| *p == step.phase)? as u32;
        let part = (step.done * 100).checked_div(step.total).unwrap_or(100) as u32;
        Some((index * 100 + part.min(100), self.phases.len() as u32 * 100))
    }

    /// Its words now: what is being done and, once told, the phase and its count.
    pub fn label(&self) -> String {
        match self.step {
            Some(Step { phase, done, total }) => {
                let n = self.phases.iter().position(|p| *p == phase).map_or(0, |i| i + 1);
                format!("{}：{}（{n}/{} 段階目、{done}/{total}）", self.doing, phase.label(), self.phases.len())
            }
            None => format!("{}…", self.doing),
        }
    }
}

/// The export's phases: the build's in memory (`publish::build_in_memory`), then the zip.
pub const EXPORT_PHASES: [Phase; 7] =
    [Phase::Load, Phase::Forms, Phase::OpenData, Phase::Pages, Phase::Check, Phase::Compress, Phase::Zip];

/// One change of a deadline's form.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleEdit {
    Unknown(bool),
    MonthOffset(i32),
    FirstOpenDay(bool),
    Day(String),
    ClosedDay(ClosedDayPolicy),
}

/// One change of a list of published dates.
#[derive(Debug, Clone, PartialEq)]
pub enum RowEdit {
    Add,
    Month(usize, String),
    Date(usize, String),
    Remove(usize),
}

/// Which part of a source was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourcePart {
    Title,
    Url,
    Seen,
}

/// The source a form writes: [`SourceOf`], owned.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceTarget {
    Deadline { file: String, office: Option<String>, kind: DeadlineKind },
    OfficeName { file: String, office: String },
    Equinoxes,
    DesignationPage { file: String },
}

impl SourceTarget {
    /// The file it is written in, and where in it.
    pub fn of(&self) -> (&str, SourceOf<'_>) {
        match self {
            SourceTarget::Deadline { file, office, kind } => (file, SourceOf::Deadline(office.as_deref(), *kind)),
            SourceTarget::OfficeName { file, office } => (file, SourceOf::OfficeName(office)),
            SourceTarget::Equinoxes => (onshi::content::CALENDAR_FILE, SourceOf::Equinoxes),
            SourceTarget::DesignationPage { file } => (file, SourceOf::DesignationPage),
        }
    }
}

/// What the site worker was asked, for its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Asked {
    /// サイトを書き出す, asked at `started_ms`.
    Export { started_ms: f64 },
    /// 新旧対照表, between the content as opened and as edited, in the document's words.
    Compare { from: String, to: String },
    /// The page shown beside its editor, at this edit.
    Preview { file: String, generation: u64 },
}

/// What a staff member did, or what came back from outside (files read, the worker's answer).
pub enum Action {
    /// Files are being read.
    Reading,
    /// The files read (by their path), from where.
    Read {
        files: Result<Vec<(String, Vec<u8>)>, String>,
        origin: Origin,
        today: NaiveDate,
    },
    /// Opening or saving failed, in these words.
    Failed(String),
    Go(Page),
    /// 点検's link: the page, and the control to focus once it is drawn.
    GoTo {
        place: Place,
        focus: String,
    },
    /// A Markdown page's editor, the page shown in its own bureau's folder (a common page in
    /// the first bureau's).
    OpenPage {
        file: String,
        now_ms: f64,
    },
    /// Shows the page being edited in another bureau's folder.
    PreviewIn {
        bureau: String,
        now_ms: f64,
    },
    /// Typing stopped after this edit of the page: asked again if it is still the last.
    PreviewDue {
        generation: u64,
    },
    /// A deadline's form changed (`shown`: the form as drawn).
    Deadline {
        file: String,
        office: Option<String>,
        kind: DeadlineKind,
        shown: RuleForm,
        edit: RuleEdit,
    },
    /// The reading of the bureau's words (`inferred`).
    Inferred {
        file: String,
        office: Option<String>,
        kind: DeadlineKind,
        text: String,
    },
    /// An office's field (`unknown`: 未確認).
    Office {
        file: String,
        office: String,
        field: OfficeField,
        text: String,
        unknown: bool,
    },
    /// Where an office's postal code, address and phone were read.
    ContactSource {
        file: String,
        office: String,
        url: String,
        seen: String,
    },
    /// The dates published per month (`shown`: the rows as drawn).
    Published {
        file: String,
        office: Option<String>,
        kind: DeadlineKind,
        shown: Vec<OverrideRow>,
        edit: RowEdit,
    },
    /// A source's part typed (`key`: its field key; `shown`: the form as drawn).
    Source {
        key: String,
        target: SourceTarget,
        shown: SourceForm,
        part: SourcePart,
        text: String,
    },
    /// A day of next year's row typed.
    NewYearDay {
        which: Equinox,
        text: String,
    },
    /// Next year's row added, from the days typed.
    AddYear {
        year: i32,
    },
    /// The last published year's row removed.
    RemoveYear {
        year: i32,
    },
    /// A published year's day typed.
    EquinoxDay {
        year: i32,
        which: Equinox,
        text: String,
    },
    /// A Markdown page's front matter field.
    PageField {
        file: String,
        field: PageField,
        text: String,
        now_ms: f64,
    },
    /// A Markdown page's text.
    PageBody {
        file: String,
        text: String,
        now_ms: f64,
    },
    /// 保存.
    Save,
    /// A save in place finished (`notice`: what was done, said when it worked).
    SaveFinished {
        result: Result<(), String>,
        notice: String,
    },
    /// 内容を zip で書き出す: the content as it is now, not saved.
    DownloadContent,
    /// サイトを書き出す.
    Export {
        now_ms: f64,
    },
    /// How far the site worker's work has got.
    Progress(Step),
    /// 中止: the site worker's work is stopped.
    Cancel,
    /// 新旧対照表.
    Compare,
    /// 新旧対照表を保存（印刷用）.
    SaveComparison,
    /// The site worker answered what was asked.
    Answered {
        asked: Asked,
        answer: FromWorker,
        now_ms: f64,
    },
}

/// What the browser is to do after an action (`effects.rs` does it).
#[derive(Debug, PartialEq)]
pub enum Effect {
    /// New content is open: the site worker is to start from it (when first asked).
    NewContent {
        opened: BTreeMap<String, Vec<u8>>,
        today: NaiveDate,
    },
    /// Tell the site worker the files as edited, then ask it; its answer comes back as
    /// [`Action::Answered`] with `asked`.
    Ask {
        edited: BTreeMap<String, Vec<u8>>,
        question: ToWorker,
        asked: Asked,
    },
    /// Send [`Action::PreviewDue`] once typing has stopped for [`QUIET_MS`].
    PreviewAfterQuiet {
        generation: u64,
    },
    /// Save through `site serve`'s API; then [`Action::SaveFinished`] with `notice`.
    SaveToApi {
        key: String,
        files: BTreeMap<String, Vec<u8>>,
        /// The files as last read or saved (`Studio::originals`): the server checks that the
        /// disk still has them.
        bases: BTreeMap<String, Vec<u8>>,
        changed: Vec<String>,
        notice: String,
    },
    /// Write the files (by their path in the folder) in the folder chosen read-write, each
    /// only if the folder still has it as last read or saved (the third: none for a new file);
    /// then [`Action::SaveFinished`].
    SaveInFolder {
        writes: Vec<(String, Vec<u8>, Option<Vec<u8>>)>,
        notice: String,
    },
    Download {
        name: String,
        bytes: Vec<u8>,
        mime: String,
    },
    /// Stop the site worker's work; every question waiting is answered
    /// [`FromWorker::Cancelled`].
    CancelWork,
}

/// How long typing must stop before the page is asked for again.
pub const QUIET_MS: i32 = 300;

/// The file the approver prints.
pub const COMPARISON_DOCUMENT: &str = "新旧対照表.html";

impl State {
    /// The words of the 新旧対照表's two sides, as the save bar offers it now.
    pub fn comparison_sides(&self) -> (String, String) {
        let origin = self.origin.as_ref().map(Origin::label).unwrap_or_default();
        let from = format!("編集室で開いたときの内容（{origin}）");
        let unsaved = self.studio.as_ref().is_some_and(|s| !s.changed().is_empty());
        let to = if unsaved {
            "編集室で直した内容（保存していない変更を含む）"
        } else {
            "編集室で直して保存した内容"
        };
        (from, to.to_string())
    }

    /// Changes the state as `action` says; returns what the browser is to do.
    pub fn reduce(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Reading => {
                self.busy = true;
                Vec::new()
            }
            Action::Read { files, origin, today } => self.open(files, origin, today),
            Action::Failed(problem) => {
                self.busy = false;
                self.problems = vec![problem];
                Vec::new()
            }
            Action::Go(page) => {
                self.page = Some(page);
                Vec::new()
            }
            Action::GoTo { place, focus } => {
                self.page = Some(match place {
                    Place::Bureau(id) => Page::Bureau(id),
                    Place::Calendar => Page::Calendar,
                });
                self.focus = Some(focus);
                Vec::new()
            }
            Action::OpenPage { file, now_ms } => {
                let folder = file.split('/').nth(1).unwrap_or_default();
                let bureau = match self.studio.as_ref() {
                    Some(studio) if studio.content.bureaus.get(folder).is_some() => folder.to_string(),
                    Some(studio) => studio.bureaus().first().map(|(id, _, _)| id.clone()).unwrap_or_default(),
                    None => return Vec::new(),
                };
                self.page = Some(Page::PageEdit(file.clone()));
                self.show_page(&file, &bureau, now_ms)
            }
            Action::PreviewIn { bureau, now_ms } => {
                let file = self.preview.file.clone();
                self.show_page(&file, &bureau, now_ms)
            }
            Action::PreviewDue { generation } => {
                if self.preview.generation == generation {
                    self.ask_preview(generation)
                } else {
                    Vec::new()
                }
            }
            Action::Deadline { file, office, kind, shown, edit } => {
                self.edit_deadline(&file, office.as_deref(), kind, shown, edit);
                Vec::new()
            }
            Action::Inferred { file, office, kind, text } => {
                let key = inferred_key(&file, office.as_deref(), kind.key());
                self.texts.insert(key.clone(), (text.clone(), false));
                if let Some(studio) = self.studio.as_mut() {
                    let errors =
                        studio.set_deadline_text(&file, office.as_deref(), kind, DeadlineText::Inferred, Some(&text));
                    self.after_change(&key, errors);
                }
                Vec::new()
            }
            Action::Office { file, office, field, text, unknown } => {
                let key = office_field_key(&file, &office, field);
                self.texts.insert(key.clone(), (text.clone(), unknown));
                let value = (!unknown).then_some(text.trim());
                if let Some(studio) = self.studio.as_mut() {
                    let errors = studio.set_office_field(&file, &office, field, value);
                    self.after_change(&key, errors);
                }
                Vec::new()
            }
            Action::ContactSource { file, office, url, seen } => {
                self.edit_contact_source(&file, &office, url, seen);
                Vec::new()
            }
            Action::Published { file, office, kind, shown, edit } => {
                let key = overrides_key(&file, office.as_deref(), kind.key());
                let mut rows = self.rows.get(&key).cloned().unwrap_or(shown);
                match edit {
                    RowEdit::Add => rows.push(OverrideRow::default()),
                    RowEdit::Month(i, text) => {
                        if let Some(r) = rows.get_mut(i) {
                            r.month = text;
                        }
                    }
                    RowEdit::Date(i, text) => {
                        if let Some(r) = rows.get_mut(i) {
                            r.date = text;
                        }
                    }
                    RowEdit::Remove(i) => {
                        if i < rows.len() {
                            rows.remove(i);
                        }
                    }
                }
                if let (Ok(dates), Some(studio)) = (check_rows(&rows), self.studio.as_mut()) {
                    let errors = studio.set_overrides(&file, office.as_deref(), kind, &dates);
                    self.after_change(&key, errors);
                }
                self.rows.insert(key, rows);
                Vec::new()
            }
            Action::Source { key, target, shown, part, text } => {
                let mut form = shown;
                match part {
                    SourcePart::Title => form.title = text,
                    SourcePart::Url => form.url = text,
                    SourcePart::Seen => form.seen = text,
                }
                for (part, text) in [("title", &form.title), ("url", &form.url), ("seen", &form.seen)] {
                    self.texts.insert(format!("{key}|{part}"), (text.clone(), false));
                }
                match form.to_source() {
                    Ok(source) => self.set_source(&key, &target, source.as_ref()),
                    Err(message) => {
                        self.field_errors.insert(key, vec![message]);
                    }
                }
                Vec::new()
            }
            Action::NewYearDay { which, text } => {
                self.texts.insert(new_year_day_key(which), (text, false));
                Vec::new()
            }
            Action::AddYear { year } => {
                self.add_year(year);
                Vec::new()
            }
            Action::RemoveYear { year } => {
                if let Some(studio) = self.studio.as_mut() {
                    let errors = studio.remove_equinox_year(year);
                    self.after_change(&format!("calendar|{year}"), errors);
                }
                Vec::new()
            }
            Action::EquinoxDay { year, which, text } => {
                let key = equinox_key(year, which);
                self.texts.insert(key.clone(), (text.clone(), false));
                match parse_content_date(&text) {
                    Ok(date) => {
                        if let Some(studio) = self.studio.as_mut() {
                            let errors = studio.set_equinox(year, which, date);
                            self.after_change(&key, errors);
                        }
                    }
                    Err(message) => {
                        self.field_errors.insert(key, vec![message]);
                    }
                }
                Vec::new()
            }
            Action::PageField { file, field, text, now_ms } => {
                let key = page_field_key(&file, field.key());
                self.texts.insert(key.clone(), (text.clone(), false));
                if let Some(studio) = self.studio.as_mut() {
                    let errors = studio.set_page_field(&file, field, &text);
                    self.after_change(&key, errors);
                }
                self.preview_later(now_ms)
            }
            Action::PageBody { file, text, now_ms } => {
                let key = page_field_key(&file, "body");
                if let Some(studio) = self.studio.as_mut() {
                    let errors = studio.set_page_body(&file, &text);
                    self.after_change(&key, errors);
                }
                self.preview_later(now_ms)
            }
            Action::Save => self.save(),
            Action::SaveFinished { result, notice } => {
                self.busy = false;
                match result {
                    Ok(()) => self.saved(notice),
                    Err(problem) => self.problems = vec![problem],
                }
                Vec::new()
            }
            Action::DownloadContent => {
                let Some(studio) = &self.studio else { return Vec::new() };
                let bytes = publish::archive::zip_files(&studio.files_to_save());
                self.notice = Some("content.zip をダウンロードしました（今の内容。保存はしていません）".into());
                vec![download("content.zip", bytes, "application/zip")]
            }
            Action::Export { now_ms } => {
                self.ask_site(ToWorker::Export, Asked::Export { started_ms: now_ms }, "サイトを書き出しています")
            }
            Action::Progress(step) => {
                if let Some(working) = &mut self.working {
                    // The notice (read out politely) changes with the phase, not with each count.
                    if working.step.is_none_or(|s| s.phase != step.phase) {
                        self.notice = Some(format!("{}：{}", working.doing, step.phase.label()));
                    }
                    working.step = Some(step);
                }
                Vec::new()
            }
            Action::Cancel => {
                if self.working.is_some() {
                    vec![Effect::CancelWork]
                } else {
                    Vec::new()
                }
            }
            Action::Compare => {
                let (from, to) = self.comparison_sides();
                let question = ToWorker::Compare { from: from.clone(), to: to.clone() };
                let effects = self.ask_site(question, Asked::Compare { from, to }, "新旧対照表を作っています");
                if !effects.is_empty() {
                    self.comparison = None;
                    self.page = Some(Page::Comparison);
                }
                effects
            }
            Action::SaveComparison => match &self.comparison {
                Some(compared) => {
                    vec![download(COMPARISON_DOCUMENT, compared.html.clone().into_bytes(), "text/html;charset=utf-8")]
                }
                None => Vec::new(),
            },
            Action::Answered { asked: Asked::Preview { file, generation }, answer, now_ms } => {
                self.preview_answered(&file, generation, answer, now_ms);
                Vec::new()
            }
            Action::Answered { asked, answer, now_ms } => {
                self.busy = false;
                self.notice = None;
                self.working = None;
                if answer == FromWorker::Cancelled {
                    self.notice = Some("中止しました。途中まで作ったものは残していません。".into());
                    return Vec::new();
                }
                if let FromWorker::Problems(problems) = answer {
                    self.problems = problems;
                    return Vec::new();
                }
                self.problems.clear();
                match (asked, answer) {
                    (Asked::Export { started_ms }, FromWorker::Site(site)) => {
                        let seconds = (now_ms - started_ms) / 1000.0;
                        self.notice = Some(format!("site.zip をダウンロードしました（{seconds:.1} 秒）"));
                        vec![download("site.zip", site, "application/zip")]
                    }
                    (Asked::Compare { from, to }, FromWorker::Comparison { comparison, html }) => {
                        let (texts, dates) = (comparison.texts.len(), comparison.dates.len());
                        self.notice =
                            Some(format!("新旧対照表を作りました（文章の変更 {texts} 件、変わる期限 {dates} 件）"));
                        self.comparison = Some(Compared { comparison, html, from, to });
                        Vec::new()
                    }
                    _ => Vec::new(),
                }
            }
        }
    }

    /// Opens what was read, or keeps the problems.
    fn open(&mut self, raw: Result<Vec<(String, Vec<u8>)>, String>, origin: Origin, today: NaiveDate) -> Vec<Effect> {
        self.busy = false;
        let files = raw.and_then(|raw| {
            if matches!(origin, Origin::Zip(_)) {
                publish::archive::read_content_zip(&raw[0].1)
            } else {
                crate::archive::under_content(raw)
            }
        });
        match files {
            Err(e) => self.problems = vec![e],
            Ok(files) => match Studio::open(files, today) {
                Ok(studio) => {
                    let effect = Effect::NewContent { opened: studio.opened.clone(), today: studio.today };
                    *self = State {
                        studio: Some(studio),
                        origin: Some(origin),
                        page: Some(Page::List),
                        ..State::default()
                    };
                    return vec![effect];
                }
                Err(errors) => self.problems = errors.iter().map(ToString::to_string).collect(),
            },
        }
        Vec::new()
    }

    /// Attributes the loader's problems after a change: new ones go to the field changed.
    fn after_change(&mut self, field: &str, errors: Vec<ContentError>) {
        let before: Vec<String> = self.errors.iter().map(ToString::to_string).collect();
        let now: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let mut mine: Vec<String> = self.field_errors.remove(field).unwrap_or_default();
        mine.extend(now.iter().filter(|e| !before.contains(e)).cloned());
        mine.retain(|e| now.contains(e));
        mine.dedup();
        for list in self.field_errors.values_mut() {
            list.retain(|e| now.contains(e));
        }
        if !mine.is_empty() {
            self.field_errors.insert(field.to_string(), mine);
        }
        self.errors = errors;
        self.notice = None;
    }

    fn edit_deadline(&mut self, file: &str, office: Option<&str>, kind: DeadlineKind, shown: RuleForm, edit: RuleEdit) {
        let key = deadline_key(file, office, kind.key());
        let mut form = self.forms.get(&key).cloned().unwrap_or(shown);
        match edit {
            RuleEdit::Unknown(unknown) => form.unknown = unknown,
            RuleEdit::MonthOffset(offset) => form.month_offset = offset,
            RuleEdit::FirstOpenDay(first) => form.first_open_day = first,
            RuleEdit::Day(day) => form.day = day,
            RuleEdit::ClosedDay(policy) => form.closed_day = policy,
        }
        match form.to_rule() {
            Ok(rule) => {
                if let Some(studio) = self.studio.as_mut() {
                    let errors = studio.set_deadline(file, office, kind, rule.as_ref());
                    self.after_change(&key, errors);
                }
                if rule.is_none() {
                    // The file's reading went with the rule: so does the one typed.
                    self.texts.remove(&inferred_key(file, office, kind.key()));
                }
            }
            Err(message) => {
                self.field_errors.insert(key.clone(), vec![message]);
            }
        }
        self.forms.insert(key, form);
    }

    fn edit_contact_source(&mut self, file: &str, office: &str, url: String, seen: String) {
        let key = contact_source_key(file, office);
        self.texts.insert(format!("{key}|url"), (url.clone(), false));
        self.texts.insert(format!("{key}|seen"), (seen.clone(), false));
        let (url, seen) = (url.trim(), seen.trim());
        let date = match seen {
            "" => None,
            seen => match onshi::application::parse_date(seen) {
                Ok(date) => Some(date),
                Err(_) => {
                    self.field_errors.insert(key, vec!["確認した日を 2026-12-01 の形で入力してください".into()]);
                    return;
                }
            },
        };
        if let Some(studio) = self.studio.as_mut() {
            let errors = studio.set_contact_source(file, office, (!url.is_empty()).then_some(url), date);
            self.after_change(&key, errors);
        }
    }

    fn set_source(&mut self, key: &str, target: &SourceTarget, source: Option<&Source>) {
        if let Some(studio) = self.studio.as_mut() {
            let (file, of) = target.of();
            let errors = studio.set_source(file, of, source);
            self.after_change(key, errors);
        }
    }

    /// Next year's row, from the two days typed: each day's mistake at its field; the loader's
    /// refusal at the row.
    fn add_year(&mut self, year: i32) {
        let typed = |s: &State, which: Equinox| {
            let text = s.texts.get(&new_year_day_key(which)).map(|(t, _)| t.clone()).unwrap_or_default();
            parse_content_date(&text)
        };
        let (vernal, autumnal) = (typed(self, Equinox::Vernal), typed(self, Equinox::Autumnal));
        for (which, result) in [(Equinox::Vernal, &vernal), (Equinox::Autumnal, &autumnal)] {
            match result {
                Err(message) => {
                    self.field_errors.insert(new_year_day_key(which), vec![message.clone()]);
                }
                Ok(_) => {
                    self.field_errors.remove(&new_year_day_key(which));
                }
            }
        }
        let (Ok(vernal), Ok(autumnal)) = (vernal, autumnal) else { return };
        let Some(studio) = self.studio.as_mut() else { return };
        match studio.add_equinox_year(year, vernal, autumnal) {
            Ok(errors) => {
                self.after_change(NEW_YEAR_KEY, errors);
                for which in Equinox::BOTH {
                    self.texts.remove(&new_year_day_key(which));
                }
                self.notice = Some(format!("{year} 年の行を加えました（保存するまでファイルは変わりません）。"));
            }
            // Not added: the loader's words, at the row.
            Err(refused) => {
                self.field_errors.insert(NEW_YEAR_KEY.to_string(), refused.iter().map(ToString::to_string).collect());
            }
        }
    }

    /// Starts showing `file` in `bureau`'s folder: asked now.
    fn show_page(&mut self, file: &str, bureau: &str, now_ms: f64) -> Vec<Effect> {
        let generation = self.preview.generation + 1;
        self.preview = PagePreview {
            file: file.into(),
            bureau: bureau.into(),
            generation,
            pending_since: Some(now_ms),
            ..PagePreview::default()
        };
        self.ask_preview(generation)
    }

    /// After an edit: the page is asked for again once typing has stopped for [`QUIET_MS`].
    fn preview_later(&mut self, now_ms: f64) -> Vec<Effect> {
        self.preview.generation += 1;
        self.preview.pending_since.get_or_insert(now_ms);
        vec![Effect::PreviewAfterQuiet { generation: self.preview.generation }]
    }

    fn ask_preview(&mut self, generation: u64) -> Vec<Effect> {
        let Some(studio) = &self.studio else { return Vec::new() };
        self.preview.waiting = true;
        let question = ToWorker::Preview { page: self.preview.file.clone(), bureau: self.preview.bureau.clone() };
        let asked = Asked::Preview { file: self.preview.file.clone(), generation };
        vec![Effect::Ask { edited: studio.edited_files(), question, asked }]
    }

    fn preview_answered(&mut self, file: &str, generation: u64, answer: FromWorker, now_ms: f64) {
        // Another page, or an older question than the page shown.
        if self.preview.file != file || generation <= self.preview.shown {
            return;
        }
        self.preview.shown = generation;
        match answer {
            FromWorker::Page { html, problems } => {
                self.preview.html = html.as_deref().map(|html| without_scripts(&with_studio_stylesheets(html)));
                self.preview.problems = problems;
            }
            FromWorker::Problems(problems) => self.preview.problems = problems,
            _ => {}
        }
        if generation == self.preview.generation {
            self.preview.waiting = false;
            self.preview.took_ms = self.preview.pending_since.take().map(|t| now_ms - t);
        }
    }

    /// Asks the site worker `question` about the content as edited, busy and saying `doing`
    /// until it answers (with the phases it tells, the export's).
    fn ask_site(&mut self, question: ToWorker, asked: Asked, doing: &str) -> Vec<Effect> {
        let Some(studio) = &self.studio else { return Vec::new() };
        let edited = studio.edited_files();
        self.busy = true;
        self.notice = Some(format!("{doing}…"));
        let phases: &'static [Phase] = if question == ToWorker::Export { &EXPORT_PHASES } else { &[] };
        self.working = Some(Working { doing: doing.to_string(), phases, step: None });
        vec![Effect::Ask { edited, question, asked }]
    }

    /// 保存: in place where the content was read from there, else as a zip to download.
    fn save(&mut self) -> Vec<Effect> {
        let Some(studio) = &self.studio else { return Vec::new() };
        let (files, changed) = (studio.files_to_save(), studio.changed());
        let list = changed.join("、");
        match self.origin.clone() {
            Some(Origin::Api(key)) => {
                self.busy = true;
                let bases = studio.originals.clone();
                vec![Effect::SaveToApi { key, files, bases, changed, notice: format!("保存しました：{list}") }]
            }
            Some(Origin::Picked(read)) => {
                self.busy = true;
                let writes = changed
                    .iter()
                    .filter_map(|name| {
                        let path = crate::archive::path_in_folder(&read, name)?;
                        Some((path, files[name].clone(), studio.originals.get(name).cloned()))
                    })
                    .collect();
                vec![Effect::SaveInFolder { writes, notice: format!("フォルダに保存しました：{list}") }]
            }
            _ => {
                let zip = publish::archive::zip_files(&files);
                self.saved(format!("content.zip をダウンロードしました（変わったファイル：{list}）"));
                vec![download("content.zip", zip, "application/zip")]
            }
        }
    }

    fn saved(&mut self, notice: String) {
        if let Some(studio) = self.studio.as_mut() {
            studio.saved();
        }
        self.problems.clear();
        self.notice = Some(notice);
    }
}

fn download(name: &str, bytes: Vec<u8>, mime: &str) -> Effect {
    Effect::Download { name: name.into(), bytes, mime: mime.into() }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
