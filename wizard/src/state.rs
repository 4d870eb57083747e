//! The wizard's state and its one reducer, free of any browser API so that it is tested
//! natively. Answers are kept exactly as typed; the application file (the current version) is
//! made from them through the library's field schema and validated by the same library code as
//! `site form`, once per change of the answers.

use chrono::{Datelike, NaiveDate};
use onshi::application::{
    self, field, fields_of, parse_date, Application, FacilityKind, Field, Kind, Problem, Section, Severity, FIELDS,
};
use onshi::bureaus::{Bureau, Bureaus, Office};
use onshi::content::Content;
use onshi::schedule::ScheduleInput;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The question pages, one topic each, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Kind,
    Prefecture,
    Retroactive,
    OutOfScope,
    Transitional,
    Dates,
    Timeline,
    Request,
    Plan,
    Check,
    Download,
}

impl Page {
    pub const ALL: [Page; 11] = [
        Page::Kind,
        Page::Prefecture,
        Page::Retroactive,
        Page::OutOfScope,
        Page::Transitional,
        Page::Dates,
        Page::Timeline,
        Page::Request,
        Page::Plan,
        Page::Check,
        Page::Download,
    ];

    /// The URL fragment of the page (the browser's back button moves between them).
    pub fn slug(self) -> &'static str {
        match self {
            Page::Kind => "kind",
            Page::Prefecture => "prefecture",
            Page::Retroactive => "retroactive",
            Page::OutOfScope => "out-of-scope",
            Page::Transitional => "transitional",
            Page::Dates => "dates",
            Page::Timeline => "timeline",
            Page::Request => "request",
            Page::Plan => "plan",
            Page::Check => "check",
            Page::Download => "download",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.slug() == slug)
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Kind => "医療機関・薬局の種類",
            Page::Prefecture => "所在地の都道府県",
            Page::Retroactive => "遡及指定を受けますか",
            Page::OutOfScope => "この手続の対象外です",
            Page::Transitional => "経過措置の届出をしますか",
            Page::Dates => "指定を受ける日",
            Page::Timeline => "あなたの手続と期限",
            Page::Request => "受付番号情報提供依頼書（別紙1）の内容",
            Page::Plan => "導入計画書（別紙2）の内容",
            Page::Check => "入力内容の確認",
            Page::Download => "書類のダウンロード",
        }
    }

    /// The section of the application the page asks for, if it asks for one.
    pub fn section(self) -> Option<Section> {
        match self {
            Page::Kind => Some(Section::Kind),
            Page::Prefecture => Some(Section::Prefecture),
            Page::Retroactive => Some(Section::Retroactive),
            Page::Transitional => Some(Section::Transitional),
            Page::Dates => Some(Section::Dates),
            Page::Request => Some(Section::Request),
            Page::Plan => Some(Section::Plan),
            Page::OutOfScope | Page::Timeline | Page::Check | Page::Download => None,
        }
    }

    /// The page that asks for a field (its section's page).
    pub fn asking(path: &str) -> Option<Page> {
        let section = field(path)?.section?;
        Page::ALL.into_iter().find(|p| p.section() == Some(section))
    }

    /// The pages these answers pass through, in order: 手順 n / N, 次へ, 戻る and the check
    /// page all read this one list. 遡及指定 leaves it for [`Page::OutOfScope`]; 経過措置 has
    /// no 別紙2 (第2 ただし書き).
    pub fn sequence(answers: &Answers) -> Vec<Page> {
        let mut pages = vec![
            Page::Kind,
            Page::Prefecture,
            Page::Retroactive,
            Page::Transitional,
            Page::Dates,
            Page::Timeline,
            Page::Request,
        ];
        if !answers.transitional() {
            pages.push(Page::Plan);
        }
        pages.extend([Page::Check, Page::Download]);
        pages
    }
}

/// A date typed as three fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateParts {
    pub year: String,
    pub month: String,
    pub day: String,
}

impl DateParts {
    pub fn is_empty(&self) -> bool {
        self.year.trim().is_empty() && self.month.trim().is_empty() && self.day.trim().is_empty()
    }

    /// `2027-4-1` as the file writes it (the library reads 全角 digits and missing zeros).
    pub fn to_file_text(&self) -> Option<String> {
        (!self.is_empty()).then(|| format!("{}-{}-{}", self.year.trim(), self.month.trim(), self.day.trim()))
    }

    pub fn from_date(d: NaiveDate) -> DateParts {
        // Not chrono's `format`: its formatting machinery would weigh on the first load.
        DateParts { year: d.year().to_string(), month: d.month().to_string(), day: d.day().to_string() }
    }

    fn from_file_text(s: &str) -> DateParts {
        let mut parts = s.splitn(3, '-').map(|p| p.trim().to_string());
        DateParts {
            year: parts.next().unwrap_or_default(),
            month: parts.next().unwrap_or_default(),
            day: parts.next().unwrap_or_default(),
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        self.to_file_text().and_then(|t| parse_date(&t).ok())
    }
}

/// Everything the user has answered, as typed. It serialises as it is for the tab's
/// sessionStorage (a reload keeps the answers); files use [`Answers::to_application`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Answers {
    /// Radio choices and text fields, by the application file's path
    /// (`facility_kind`, `founder.name_kana`, `plan.card_reader.status`, …), plus the
    /// wizard's own `retroactive` and `transitional` (`yes`/`no`).
    pub fields: BTreeMap<String, String>,
    /// The fields of [`Kind::Date`] by path; `setup_date` is the device set-up day of the
    /// timeline.
    pub dates: BTreeMap<String, DateParts>,
}

impl Answers {
    pub fn get(&self, path: &str) -> &str {
        self.fields.get(path).map(String::as_str).unwrap_or("")
    }

    pub fn date(&self, path: &str) -> DateParts {
        self.dates.get(path).cloned().unwrap_or_default()
    }

    /// An answer as text, as the file writes it (a date as `2027-4-1`).
    pub fn raw(&self, path: &str) -> String {
        match field(path).map(|f| f.kind) {
            Some(Kind::Date) => self.date(path).to_file_text().unwrap_or_default(),
            _ => self.get(path).to_string(),
        }
    }

    /// The bureau and office for the chosen prefecture.
    pub fn office<'a>(&self, bureaus: &'a Bureaus) -> Option<(&'a Bureau, &'a Office)> {
        bureaus.for_prefecture(self.get("prefecture"))
    }

    /// The kind of facility chosen, if one is.
    pub fn facility_kind(&self) -> Option<FacilityKind> {
        FacilityKind::from_key(self.get("facility_kind"))
    }

    /// What the facility's schedule is computed from: its office, the designation date and the
    /// set-up date as typed, 経過措置; `None` until the office and the designation are known.
    pub fn schedule_input<'a>(&self, content: &'a Content, today: Option<NaiveDate>) -> Option<ScheduleInput<'a>> {
        let (bureau, office) = self.office(&content.bureaus)?;
        Some(ScheduleInput {
            content,
            bureau,
            office: Some(office),
            designation: self.date("designation_date").date()?,
            setup: self.date("setup_date").date(),
            today,
            transitional: self.transitional(),
        })
    }

    /// The saved file's name: the facility and the designation date
    /// (`申請_オン資クリニック_2027-04-01.json`), without characters a file name cannot have.
    pub fn file_name(&self) -> String {
        let facility: String = self
            .get("facility.name")
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .take(40)
            .collect();
        let date = self.date("designation_date").to_file_text().unwrap_or_default();
        let parts: Vec<&str> =
            ["申請", facility.as_str(), date.as_str()].into_iter().filter(|p| !p.is_empty()).collect();
        format!("{}.json", parts.join("_"))
    }

    pub fn transitional(&self) -> bool {
        self.get("transitional") == "yes"
    }

    /// The application file (the current version) these answers make, field by field of the
    /// schema. Empty answers are left out, so the library names them as missing; 別紙2's
    /// fields are left out under 経過措置.
    pub fn to_application(&self, bureaus: &Bureaus) -> Value {
        let mut root = Map::new();
        root.insert("version".into(), json!(application::CURRENT_VERSION));
        if let Some((bureau, _)) = self.office(bureaus) {
            root.insert("bureau".into(), json!(bureau.id));
        }
        if !self.get("transitional").is_empty() {
            root.insert("transitional_measure".into(), json!(self.transitional()));
        }
        for field in FIELDS.iter().filter(|f| f.in_file && f.is_asked()) {
            if self.transitional() && field.section == Some(Section::Plan) {
                continue;
            }
            let value = self.file_value(field);
            if let Some(value) = value {
                insert(&mut root, field.path, value);
            }
        }
        Value::Object(root)
    }

    /// One answer as the file writes it, by the field's kind: a date as text, yes/no as a
    /// boolean, a month as a number (as typed when it is not one, so validation names it);
    /// `None` when unanswered.
    fn file_value(&self, field: &Field) -> Option<Value> {
        if field.kind == Kind::Date {
            return self.date(field.path).to_file_text().map(Value::from);
        }
        let value = self.get(field.path);
        if value.trim().is_empty() {
            return None;
        }
        Some(match field.kind {
            Kind::YesNo(_) => json!(value == "yes"),
            Kind::Month => {
                let digits = onshi::normalize::half_width_ascii(value.trim());
                digits.parse::<u64>().map(Value::from).unwrap_or_else(|_| json!(value))
            }
            _ => json!(value),
        })
    }

    /// The answers as the tab keeps them (sessionStorage holds text): their postcard bytes in
    /// hexadecimal. Not JSON: its parser would weigh on the first load, and only this program
    /// reads them back.
    pub fn to_stored(&self) -> String {
        let bytes = postcard::to_allocvec(self).unwrap_or_default();
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// What [`Answers::to_stored`] wrote; `None` for anything else (an older tab's JSON).
    pub fn from_stored(text: &str) -> Option<Answers> {
        let bytes: Option<Vec<u8>> = (0..text.len())
            .step_by(2)
            .map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
            .collect();
        postcard::from_bytes(&bytes?).ok()
    }

    /// Reads a saved application file back into answers. A file the library refuses to read
    /// (not JSON, another version, a key the format does not have) is refused with its
    /// message before anything enters the answers; the caller keeps its answers.
    pub fn from_application(text: &str, bureaus: &Bureaus) -> Result<Answers, String> {
        let root = application::read_file(text)
            .map_err(|refusal| format!("{}入力中の内容はそのままです。", refusal.message()))?;
        let mut answers = Answers::default();
        let mut flat = Vec::new();
        flatten("", &root, &mut flat);
        for (path, value) in flat {
            let Some(field) = field(&path) else { continue };
            let text = match &value {
                Value::String(s) => s.clone(),
                Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
                Value::Number(n) => n.to_string(),
                _ => continue,
            };
            match field.kind {
                // The file's 経過措置 is the wizard's question.
                Kind::Derived if path == "transitional_measure" => {
                    answers.fields.insert("transitional".into(), text);
                }
                Kind::Derived => {}
                Kind::Date => {
                    answers.dates.insert(path, DateParts::from_file_text(&text));
                }
                _ => {
                    answers.fields.insert(path, text);
                }
            }
        }
        // Version 1: the prefecture from the facility's address, else the bureau's only one.
        let address = answers.get("facility.address").to_string();
        let prefecture = onshi::prefectures::prefecture_in(&address).map(str::to_string).or_else(|| {
            let bureau = root.get("bureau").and_then(Value::as_str).and_then(|id| bureaus.get(id))?;
            (bureau.prefectures.len() == 1).then(|| bureau.prefectures[0].clone())
        });
        if let (Some(p), true) = (prefecture, answers.get("prefecture").is_empty()) {
            answers.fields.insert("prefecture".into(), p);
        }
        answers.fields.insert("retroactive".into(), "no".into());
        Ok(answers)
    }
}

fn insert(root: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            root.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let child = root.entry(head.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(map) = child {
                insert(map, rest, value);
            }
        }
    }
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, Value)>) {
    if let Value::Object(map) = value {
        for (k, v) in map {
            let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
            if v.is_object() {
                flatten(&path, v, out);
            } else {
                out.push((path, v.clone()));
            }
        }
    }
}

/// The fields a page asks for, in file order, from the library's one field schema.
pub fn page_fields(page: Page) -> Vec<&'static Field> {
    page.section().map(|s| fields_of(s).filter(|f| f.is_asked()).collect()).unwrap_or_default()
}

fn choose(path: &str, what: &str) -> Problem {
    Problem {
        path: path.into(),
        label: application::label_of(path).into(),
        message: format!("{what}を選んでください。"),
        severity: Severity::Error,
    }
}

/// The answers checked as the application file they make: its problems (errors and
/// warnings) and, when there is no error, the application.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    pub problems: Vec<Problem>,
    pub application: Option<Application>,
}

impl Checked {
    pub fn of(answers: &Answers, content: &Content) -> Checked {
        match application::load_value(&answers.to_application(&content.bureaus), content) {
            Ok(loaded) => Checked { problems: loaded.warnings, application: Some(loaded.application) },
            Err(problems) => Checked { problems, application: None },
        }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Warning)
    }
}

/// The problems of one page: errors block 「次へ」, warnings are shown.
pub fn page_problems(page: Page, answers: &Answers, checked: &Checked, content: &Content) -> Vec<Problem> {
    let bureaus = &content.bureaus;
    let mut problems = Vec::new();
    match page {
        Page::Kind if answers.get("facility_kind").is_empty() => problems.push(choose("facility_kind", "種類")),
        Page::Prefecture if answers.office(bureaus).is_none() => problems.push(choose("prefecture", "都道府県")),
        Page::Retroactive if answers.get("retroactive").is_empty() => {
            problems.push(choose("retroactive", "「はい」か「いいえ」"))
        }
        Page::Transitional if answers.get("transitional").is_empty() => {
            problems.push(choose("transitional", "「はい」か「いいえ」"))
        }
        Page::Dates | Page::Request | Page::Plan => {
            let fields = page_fields(page);
            problems.extend(checked.problems.iter().filter(|p| fields.iter().any(|f| f.path == p.path)).cloned());
            // The wizard's own dates are not in the file: read here.
            for field in fields.iter().filter(|f| !f.in_file && f.kind == Kind::Date) {
                if let Some(Err(message)) = answers.date(field.path).to_file_text().map(|t| parse_date(&t)) {
                    problems.push(Problem {
                        path: field.path.into(),
                        label: field.label.into(),
                        message,
                        severity: Severity::Error,
                    });
                }
            }
        }
        _ => {}
    }
    problems
}

/// The page after `page` for these answers.
pub fn next_page(page: Page, answers: &Answers) -> Page {
    if page == Page::Retroactive && answers.get("retroactive") == "yes" {
        return Page::OutOfScope;
    }
    let sequence = Page::sequence(answers);
    match sequence.iter().position(|p| *p == page) {
        Some(i) => sequence.get(i + 1).copied().unwrap_or(page),
        // Off the way (遡及指定, or 別紙2 under 経過措置): stays.
        None => page,
    }
}

/// The page before `page` (the back link).
pub fn previous_page(page: Page, answers: &Answers) -> Option<Page> {
    if page == Page::OutOfScope {
        return Some(Page::Retroactive);
    }
    let sequence = Page::sequence(answers);
    let i = sequence.iter().position(|p| *p == page)?;
    i.checked_sub(1).map(|i| sequence[i])
}

/// The wizard's whole state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub page: Page,
    pub answers: Answers,
    /// The answers checked, computed once per change of the answers.
    pub checked: Checked,
    /// Problems shown on the current page, after 「次へ」 was pressed.
    pub problems: Vec<Problem>,
    /// A message about loading a file (an error keeps the answers as they were).
    pub message: Option<String>,
}

/// What can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetField(String, String),
    SetDate(String, DatePart, String),
    /// 「次へ」: validate the page, then go on.
    Continue,
    /// Show a page (the back button, a 変更 link).
    Show(Page),
    Loaded(Result<Answers, String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Year,
    Month,
    Day,
}

impl State {
    pub fn new(answers: Answers, content: &Content) -> State {
        let checked = Checked::of(&answers, content);
        State { page: Page::Kind, answers, checked, problems: Vec::new(), message: None }
    }

    /// The reducer.
    pub fn apply(&self, action: Action, content: &Content) -> State {
        let mut next = self.clone();
        match action {
            Action::SetField(path, value) => {
                next.answers.fields.insert(path, value);
            }
            Action::SetDate(path, part, value) => {
                let date = next.answers.dates.entry(path).or_default();
                match part {
                    DatePart::Year => date.year = value,
                    DatePart::Month => date.month = value,
                    DatePart::Day => date.day = value,
                }
            }
            Action::Continue => {
                let problems = page_problems(self.page, &self.answers, &self.checked, content);
                if problems.iter().any(|p| p.severity == Severity::Error) {
                    next.problems = problems;
                } else {
                    next.problems.clear();
                    next.page = next_page(self.page, &self.answers);
                    // ⑬ is the designation date unless the user says otherwise.
                    if next.page == Page::Plan && next.answers.date("plan.practice_start").is_empty() {
                        let designation = next.answers.date("designation_date");
                        next.answers.dates.insert("plan.practice_start".into(), designation);
                    }
                }
            }
            Action::Show(page) => {
                next.page = page;
                next.problems.clear();
            }
            Action::Loaded(Ok(answers)) => {
                next.answers = answers;
                next.message = Some("申請ファイルを読み込みました。内容を確認してください。".into());
                next.page = Page::Check;
                next.problems.clear();
            }
            Action::Loaded(Err(message)) => next.message = Some(message),
        }
        if next.answers != self.answers {
            next.checked = Checked::of(&next.answers, content);
        }
        next
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
