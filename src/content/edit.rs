//! The studio's editor of content files: a value changed through a form, the rest of the file
//! kept as staff wrote it (comments, order, spacing, quoting, byte-order mark, line endings).
//!
//! [`EditedFile::parse`] reads a bureau file, calendar.toml, notice.toml or a page's TOML front
//! matter (`+++` … `+++`, the Markdown body kept as is); the setters change only what differs
//! from what is written; [`EditedFile::text`] is the file to save, byte for byte the input when
//! nothing changed.

use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, Date, Datetime, DocumentMut, InlineTable, Item, Key, Table, TableLike, Value};

use crate::content::values::{Source, YearMonth, UNKNOWN_MARKER};
use crate::content::ContentFile;
use crate::content_file::{japanese, line_of, ContentError};
use crate::rule::{ClosedDayPolicy, DaySpec, DeadlineKind, DeadlineRule};

/// Why a save wrote nothing: `names` were changed where they are kept (a colleague's save, a
/// text editor) since the studio read or saved them, and a save would lose that change. The
/// one wording of it, for `site serve`'s API and the folder the studio writes into.
pub fn changed_on_disk(names: &[impl AsRef<str>]) -> String {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    format!(
        "保存していません。{} は、編集室で開いた（または保存した）あとに、ほかの人の保存かほかのプログラムで変更されています。上書きすると、その変更が消えてしまいます。あなたの変更は編集室に残っています。「内容を zip で書き出す」で控えを取ってから開き直し、もう一度直して保存してください。",
        names.join("、")
    )
}

/// A content file open for editing.
#[derive(Debug, Clone)]
pub struct EditedFile {
    name: String,
    /// The text as given, returned as is while nothing changed.
    original: String,
    /// The original without its byte-order mark, with `\n` line endings: what is parsed.
    normalized: String,
    bom: bool,
    crlf: bool,
    doc: DocumentMut,
    /// For a page: what follows the closing `+++` (its line end and the Markdown body).
    page_tail: Option<String>,
}

/// One step of a path into a file: a key, an element of an array of tables (0-based), or the
/// element whose `id` is this (`[[office]]` by its id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
    Id(&'a str),
}

impl<'a> From<&'a str> for Step<'a> {
    fn from(key: &'a str) -> Self {
        Step::Key(key)
    }
}

impl From<usize> for Step<'_> {
    fn from(index: usize) -> Self {
        Step::Index(index)
    }
}

/// A value a form writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    String(String),
    Integer(i64),
    /// A TOML local date (`2024-02-29`, unquoted).
    Date(NaiveDate),
    Strings(Vec<String>),
    /// An inline table (`{ url = "…", seen = 2024-02-29 }`), its keys in this order.
    Table(Vec<(String, FieldValue)>),
    /// `"unknown"`: not confirmed.
    Unknown,
    /// `true` or `false` (a page's `wizard_link`).
    Bool(bool),
}

impl From<&str> for FieldValue {
    fn from(s: &str) -> Self {
        FieldValue::String(s.to_string())
    }
}

/// An office's values that are a text or `"unknown"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeField {
    Name,
    PostalCode,
    Address,
    Phone,
}

impl OfficeField {
    pub const ALL: [OfficeField; 4] =
        [OfficeField::Name, OfficeField::PostalCode, OfficeField::Address, OfficeField::Phone];

    /// The key in bureau files.
    pub fn key(self) -> &'static str {
        match self {
            OfficeField::Name => "name",
            OfficeField::PostalCode => "postal_code",
            OfficeField::Address => "address",
            OfficeField::Phone => "phone",
        }
    }
}

/// Which source of a bureau file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceOf<'a> {
    /// A deadline's `source`, the bureau's (`None`) or an office's.
    Deadline(Option<&'a str>, DeadlineKind),
    /// Where an office's name was read (`source`).
    OfficeName(&'a str),
    /// Where an office's postal code, address and phone were read (`contact_source`).
    OfficeContact(&'a str),
    /// Where the calendar's 春分日 and 秋分日 were read (calendar.toml's `equinox_source`).
    Equinoxes,
    /// The bureau's own page on the 指定申請 (`designation_page`, at the top of its file, made
    /// after `official_site`).
    DesignationPage,
}

/// A deadline's texts: the bureau's words, and what the content reads into them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineText {
    Wording,
    How,
    /// The rule as this content reads `wording`, where the words do not state it all.
    Inferred,
}

impl DeadlineText {
    pub fn key(self) -> &'static str {
        match self {
            DeadlineText::Wording => "wording",
            DeadlineText::How => "how",
            DeadlineText::Inferred => "inferred",
        }
    }
}

impl EditedFile {
    /// Reads a content file (`name` as in [`ContentFile`]: `content/bureaus/tohoku.toml`,
    /// `content/pages/faq.md`). A `.md` file's front matter is edited, its body kept.
    pub fn parse(name: &str, text: &str) -> Result<EditedFile, ContentError> {
        let err = |line: Option<usize>, message: String| ContentError { file: name.to_string(), line, message };
        let bom = text.starts_with('\u{feff}');
        let without_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
        let crlf_count = without_bom.matches("\r\n").count();
        let crlf = crlf_count > 0 && crlf_count * 2 >= without_bom.matches('\n').count();
        let normalized = super::page::normalise(text);
        let (toml_text, first_line, page_tail) = if name.ends_with(".md") {
            // As the site reads a page (`page::parse_page`).
            let front = super::page::split_front_matter(&normalized).map_err(|m| err(Some(1), m.into()))?;
            (&normalized[front.start..front.end + 1], 2, Some(normalized[front.end + 4..].to_string()))
        } else {
            (normalized.as_str(), 1, None)
        };
        let doc: DocumentMut = toml_text.parse().map_err(|e: toml_edit::TomlError| {
            let line = e.span().map(|s| line_of(toml_text, s.start) + first_line - 1);
            err(line, japanese(e.message()))
        })?;
        Ok(EditedFile { name: name.to_string(), original: text.to_string(), normalized, bom, crlf, doc, page_tail })
    }

    /// The file's name, as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text to save: the input, byte for byte, when nothing changed; else the edited text
    /// with the input's byte-order mark and line endings (of mixed ones, the more common).
    pub fn text(&self) -> String {
        let normalized = self.normalized_text();
        if normalized == self.normalized {
            return self.original.clone();
        }
        let mut text = String::with_capacity(normalized.len() + 64);
        if self.bom {
            text.push('\u{feff}');
        }
        if self.crlf {
            text.push_str(&normalized.replace('\n', "\r\n"));
        } else {
            text.push_str(&normalized);
        }
        text
    }

    /// Whether the text to save differs from what was read.
    pub fn is_changed(&self) -> bool {
        self.normalized_text() != self.normalized
    }

    /// The edited file as the loader reads it (no byte-order mark, `\n` line endings), for
    /// [`crate::content::Content::from_files`].
    pub fn content_file(&self) -> ContentFile {
        ContentFile { name: self.name.clone(), text: self.normalized_text() }
    }

    /// The text without byte-order mark, with `\n` line endings.
    fn normalized_text(&self) -> String {
        let mut toml = self.doc.to_string();
        match &self.page_tail {
            Some(tail) => format!("+++\n{toml}+++{tail}"),
            None => {
                // toml_edit ends every key-value line with a newline; the file may not.
                if !self.normalized.ends_with('\n') && toml.ends_with('\n') {
                    toml.pop();
                }
                toml
            }
        }
    }

    /// The Markdown body of a page (after the closing `+++` line).
    pub fn body(&self) -> Option<&str> {
        self.page_tail.as_deref().map(|tail| tail.strip_prefix('\n').unwrap_or(tail))
    }

    /// Replaces a page's Markdown body.
    pub fn set_body(&mut self, body: &str) -> Result<(), ContentError> {
        match &mut self.page_tail {
            Some(tail) => {
                *tail = format!("\n{}", body.replace("\r\n", "\n"));
                Ok(())
            }
            None => Err(self.error("このファイルはページ（.md）ではないので本文がありません".into())),
        }
    }

    /// Checks the edited file as the loader would (bureau files, calendar.toml, notice.toml;
    /// a page's front matter only as TOML).
    pub fn check(&self) -> Result<(), ContentError> {
        let text = self.normalized_text();
        if self.name == super::CALENDAR_FILE {
            super::parse_calendar(&self.name, &text).map(|_| ())
        } else if self.name == super::NOTICE_FILE {
            crate::notice::Notice::parse(&self.name, &text).map(|_| ())
        } else if self.name.starts_with(super::BUREAUS_DIR) && self.name.ends_with(".toml") {
            crate::bureaus::parse_bureau(&self.name, &text).map(|_| ())
        } else {
            EditedFile::parse(&self.name, &text).map(|_| ())
        }
    }

    /// Sets the value at `path` (keys, array-of-tables elements; the last step a key). A
    /// missing key is added at the end of its table (a missing table on the way is made);
    /// an existing value keeps its spacing and comments, and only what differs is rewritten
    /// (an inline table key by key, an array element by element).
    pub fn set(&mut self, path: &[Step<'_>], value: &FieldValue) -> Result<(), ContentError> {
        let (key, parent) = self.split(path)?;
        let table = container(self.doc.as_table_mut(), parent, true).map_err(|m| error_in(&self.name, m))?;
        set_in(&mut table.expect("made when missing"), key, value);
        Ok(())
    }

    /// Removes the key at `path`, with its line; nothing when it is not there.
    pub fn remove(&mut self, path: &[Step<'_>]) -> Result<(), ContentError> {
        let (key, parent) = self.split(path)?;
        if let Some(mut table) =
            container(self.doc.as_table_mut(), parent, false).map_err(|m| error_in(&self.name, m))?
        {
            table.as_table_like().remove(key);
        }
        Ok(())
    }

    /// A deadline's rule; `None` writes `rule = "unknown"` and removes the reading of the
    /// bureau's words (`inferred`), which was a reading of a rule. For an office without its
    /// own deadline, its `[office.<kind>]` table is made (it then needs its `source` too).
    pub fn set_deadline(
        &mut self,
        office: Option<&str>,
        kind: DeadlineKind,
        rule: Option<&DeadlineRule>,
    ) -> Result<(), ContentError> {
        let value = rule.map_or(FieldValue::Unknown, rule_value);
        self.set(&deadline_path(office, kind, "rule"), &value)?;
        if rule.is_none() {
            self.remove(&deadline_path(office, kind, DeadlineText::Inferred.key()))?;
        }
        Ok(())
    }

    /// A deadline's dates published per designation month
    /// (`overrides = { "2027-03" = 2027-01-05 }`), in month order (of a month given twice, the
    /// last); none removes the key.
    pub fn set_overrides(
        &mut self,
        office: Option<&str>,
        kind: DeadlineKind,
        dates: &[(YearMonth, NaiveDate)],
    ) -> Result<(), ContentError> {
        let path = deadline_path(office, kind, "overrides");
        if dates.is_empty() {
            return self.remove(&path);
        }
        let dates: std::collections::BTreeMap<YearMonth, NaiveDate> = dates.iter().copied().collect();
        let table = dates.into_iter().map(|(month, date)| (month.to_string(), FieldValue::Date(date))).collect();
        self.set(&path, &FieldValue::Table(table))
    }

    /// A deadline's wording, how to hand it in or the reading of its wording; `None` removes it.
    pub fn set_deadline_text(
        &mut self,
        office: Option<&str>,
        kind: DeadlineKind,
        field: DeadlineText,
        text: Option<&str>,
    ) -> Result<(), ContentError> {
        let path = deadline_path(office, kind, field.key());
        match text {
            Some(text) => self.set(&path, &FieldValue::from(text)),
            None => self.remove(&path),
        }
    }

    /// A source (`{ title = "…", url = "…", seen = 2024-02-29 }`); `None` removes it.
    pub fn set_source(&mut self, of: SourceOf<'_>, source: Option<&Source>) -> Result<(), ContentError> {
        let path = match of {
            SourceOf::Deadline(office, kind) => deadline_path(office, kind, "source"),
            SourceOf::OfficeName(id) => vec![Step::Key("office"), Step::Id(id), Step::Key("source")],
            SourceOf::OfficeContact(id) => vec![Step::Key("office"), Step::Id(id), Step::Key("contact_source")],
            SourceOf::Equinoxes => vec![Step::Key("equinox_source")],
            SourceOf::DesignationPage => vec![Step::Key("designation_page")],
        };
        let Some(source) = source else { return self.remove(&path) };
        if of == SourceOf::DesignationPage && !self.doc.as_table().contains_key("designation_page") {
            self.set(&path, &source_value(source))?;
            self.move_after("designation_page", "official_site");
            return Ok(());
        }
        self.set(&path, &source_value(source))
    }

    /// Moves the top-level value `key` to just after `after` (its comments with it), the other
    /// keys keeping their order; nothing when `after` is not written.
    fn move_after(&mut self, key: &str, after: &str) {
        let root = self.doc.as_table_mut();
        let order: Vec<String> = root.iter().map(|(k, _)| k.to_string()).collect();
        let Some(at) = order.iter().position(|k| k == after) else { return };
        // Twice each place, the moved key one more than `after`'s: a stable sort moves it alone.
        let rank = |k: &Key| match order.iter().position(|o| o == k.get()) {
            _ if k.get() == key => 2 * at + 1,
            place => 2 * place.unwrap_or(order.len()),
        };
        root.sort_values_by(|k1, _, k2, _| rank(k1).cmp(&rank(k2)));
    }

    /// An office's name, postal code, address or phone; `None` writes `"unknown"`.
    pub fn set_office_field(
        &mut self,
        office: &str,
        field: OfficeField,
        value: Option<&str>,
    ) -> Result<(), ContentError> {
        let value = value.map_or(FieldValue::Unknown, FieldValue::from);
        self.set(&[Step::Key("office"), Step::Id(office), Step::Key(field.key())], &value)
    }

    /// An office's note; `None` removes it.
    pub fn set_office_note(&mut self, office: &str, note: Option<&str>) -> Result<(), ContentError> {
        let path = [Step::Key("office"), Step::Id(office), Step::Key("note")];
        match note {
            Some(note) => self.set(&path, &FieldValue::from(note)),
            None => self.remove(&path),
        }
    }

    /// A page's front matter field (`title`, `order`, `description`, …); `None` removes it.
    pub fn set_front_matter(&mut self, field: &str, value: Option<&FieldValue>) -> Result<(), ContentError> {
        if self.page_tail.is_none() {
            return Err(self.error("このファイルはページ（.md）ではありません".into()));
        }
        match value {
            Some(value) => self.set(&[Step::Key(field)], value),
            None => self.remove(&[Step::Key(field)]),
        }
    }

    fn split<'p, 'a>(&self, path: &'p [Step<'a>]) -> Result<(&'a str, &'p [Step<'a>]), ContentError> {
        match path.split_last() {
            Some((Step::Key(key), parent)) => Ok((key, parent)),
            _ => Err(self.error("書き換える項目の指定が正しくありません（最後は項目名）".into())),
        }
    }

    fn error(&self, message: String) -> ContentError {
        error_in(&self.name, message)
    }
}

fn error_in(file: &str, message: String) -> ContentError {
    ContentError { file: file.to_string(), line: None, message }
}

fn deadline_path<'a>(office: Option<&'a str>, kind: DeadlineKind, key: &'a str) -> Vec<Step<'a>> {
    let mut path = match office {
        Some(id) => vec![Step::Key("office"), Step::Id(id)],
        None => Vec::new(),
    };
    path.extend([Step::Key(kind.key()), Step::Key(key)]);
    path
}

/// A source as content files write it (`{ title = "…", url = "…", seen = 2024-02-29 }`).
fn source_value(source: &Source) -> FieldValue {
    let mut table = Vec::new();
    if let Some(title) = &source.title {
        table.push(("title".to_string(), FieldValue::from(title.as_str())));
    }
    if let Some(url) = &source.url {
        table.push(("url".to_string(), FieldValue::from(url.as_str())));
    }
    if let Some(seen) = source.seen {
        table.push(("seen".to_string(), FieldValue::Date(seen)));
    }
    FieldValue::Table(table)
}

/// A rule as bureau files write it (`{ month_offset = -2, day = 5, closed_day = "next_open_day" }`;
/// no `closed_day` with `"first_open_day"`).
fn rule_value(rule: &DeadlineRule) -> FieldValue {
    let mut table = vec![("month_offset".to_string(), FieldValue::Integer(rule.month_offset.into()))];
    match rule.day {
        DaySpec::Day(day) => {
            table.push(("day".to_string(), FieldValue::Integer(day.into())));
            let policy = match rule.closed_day {
                ClosedDayPolicy::None => "none",
                ClosedDayPolicy::PreviousOpenDay => "previous_open_day",
                ClosedDayPolicy::NextOpenDay => "next_open_day",
            };
            table.push(("closed_day".to_string(), FieldValue::from(policy)));
        }
        DaySpec::FirstOpenDay => table.push(("day".to_string(), FieldValue::from("first_open_day"))),
    }
    FieldValue::Table(table)
}

/// A table a key is set in: a `[table]` (or `[[array]]` element) or an inline table.
enum Parent<'t> {
    Table(&'t mut Table),
    Inline(&'t mut InlineTable),
}

impl<'t> Parent<'t> {
    fn of(item: &'t mut Item) -> Option<Parent<'t>> {
        match item {
            Item::Table(t) => Some(Parent::Table(t)),
            Item::Value(Value::InlineTable(t)) => Some(Parent::Inline(t)),
            _ => None,
        }
    }

    fn as_table_like(&mut self) -> &mut dyn TableLike {
        match self {
            Parent::Table(t) => *t,
            Parent::Inline(t) => *t,
        }
    }
}

/// The table `steps` lead to from `table`; `Ok(None)` when a key on the way is missing and
/// `create` is false.
fn container<'t>(table: &'t mut Table, steps: &[Step<'_>], create: bool) -> Result<Option<Parent<'t>>, String> {
    let mut parent = Parent::Table(table);
    let mut i = 0;
    while i < steps.len() {
        let Step::Key(key) = steps[i] else {
            return Err("書き換える項目の指定が正しくありません（番号や id の前には項目名）".into());
        };
        let item = match parent {
            Parent::Table(t) => {
                if !t.contains_key(key) {
                    if !create {
                        return Ok(None);
                    }
                    // Written after the table's last sub-table ([designation_application]
                    // after [reception_request], before the [[office]]s), else after the table.
                    let mut new = Table::new();
                    new.set_position(t.iter().filter_map(|(_, item)| item.as_table()?.position()).max());
                    t.insert(key, Item::Table(new));
                }
                t.get_mut(key).expect("present")
            }
            Parent::Inline(t) => {
                if !t.contains_key(key) {
                    if !create {
                        return Ok(None);
                    }
                    t.insert(key, Value::InlineTable(InlineTable::new()));
                }
                TableLike::get_mut(t, key).expect("present")
            }
        };
        parent = match steps.get(i + 1) {
            Some(&Step::Index(n)) => {
                i += 2;
                element(item, |index, _| index == n).ok_or_else(|| format!("{key} の {} 番目がありません", n + 1))?
            }
            Some(&Step::Id(id)) => {
                i += 2;
                element(item, |_, t| t.get("id").and_then(Item::as_str) == Some(id)).ok_or_else(|| match key {
                    "office" => format!("事務所「{id}」がありません"),
                    _ => format!("{key} に id「{id}」がありません"),
                })?
            }
            _ => {
                i += 1;
                Parent::of(item).ok_or_else(|| format!("{key} は表ではありません"))?
            }
        };
    }
    Ok(Some(parent))
}

/// The element of an array of tables (or of an array of inline tables) that `matches`.
fn element(item: &mut Item, matches: impl Fn(usize, &dyn TableLike) -> bool) -> Option<Parent<'_>> {
    match item {
        Item::ArrayOfTables(array) => {
            let index = array.iter().enumerate().position(|(i, t)| matches(i, t))?;
            array.get_mut(index).map(Parent::Table)
        }
        Item::Value(Value::Array(array)) => {
            let index =
                array.iter().enumerate().position(|(i, v)| v.as_inline_table().is_some_and(|t| matches(i, t)))?;
            array.get_mut(index).and_then(Value::as_inline_table_mut).map(Parent::Inline)
        }
        _ => None,
    }
}

/// Sets `key` in `parent` to `value`, rewriting only what differs.
fn set_in(parent: &mut Parent<'_>, key: &str, value: &FieldValue) {
    let table = parent.as_table_like();
    if let Some(item) = table.get_mut(key) {
        update(item, value);
        return;
    }
    // A new key: spaced like the last value before it.
    let whitespace = |s: Option<&str>| s.filter(|s| s.chars().all(|c| c == ' ' || c == '\t')).map(str::to_string);
    let last = table.iter().filter(|(_, item)| item.is_value()).last().map(|(k, _)| k.to_string());
    let quoted = match &last {
        Some(k) => {
            table.key(k).and_then(Key::as_repr).and_then(|r| r.as_raw().as_str()).is_some_and(|r| r.starts_with('"'))
        }
        None => looks_like_a_date(key),
    };
    let new_key = new_key(key, quoted);
    let (key_prefix, key_suffix, value_prefix) = last
        .and_then(|k| {
            let (key, item) = table.get_key_value(&k)?;
            let leaf = key.leaf_decor();
            Some((
                whitespace(leaf.prefix().and_then(|r| r.as_str())),
                whitespace(leaf.suffix().and_then(|r| r.as_str())),
                whitespace(item.as_value()?.decor().prefix().and_then(|r| r.as_str())),
            ))
        })
        .unwrap_or_default();
    let mut new = to_value(value);
    if let Some(prefix) = value_prefix {
        new.decor_mut().set_prefix(prefix);
    }
    match parent {
        Parent::Inline(inline) => {
            // The last value carries the space before `}`: it moves to the new one.
            if let Some((_, last)) = inline.iter_mut().last() {
                if let Some(suffix) = last.decor().suffix().cloned() {
                    last.decor_mut().set_suffix("");
                    new.decor_mut().set_suffix(suffix);
                }
            }
            inline.insert_formatted(&new_key, new);
        }
        Parent::Table(table) => {
            table.insert_formatted(&new_key, Item::Value(new));
        }
    }
    if let Some(mut k) = parent.as_table_like().key_mut(key) {
        let leaf = k.leaf_decor_mut();
        if let Some(prefix) = key_prefix {
            leaf.set_prefix(prefix);
        }
        if let Some(suffix) = key_suffix {
            leaf.set_suffix(suffix);
        }
    }
}

/// Rewrites `item` to `value`, keeping its decor; tables key by key, arrays element by element.
fn update(item: &mut Item, value: &FieldValue) {
    if let FieldValue::Table(entries) = value {
        if let Some(mut parent) = Parent::of(item) {
            let table = parent.as_table_like();
            let gone: Vec<String> =
                table.iter().map(|(k, _)| k.to_string()).filter(|k| entries.iter().all(|(e, _)| e != k)).collect();
            for k in gone {
                table.remove(&k);
            }
            for (k, v) in entries {
                set_in(&mut parent, k, v);
            }
            return;
        }
    }
    match (item, value) {
        (Item::Value(Value::Array(array)), FieldValue::Strings(strings)) => update_array(array, strings),
        (Item::Value(old), value) => {
            if !same(old, value) {
                let decor = old.decor().clone();
                *old = to_value(value);
                *old.decor_mut() = decor;
            }
        }
        (item, value) => *item = Item::Value(to_value(value)),
    }
}

/// A key, quoted (`"2027-03"`) when asked or when it must be.
fn new_key(key: &str, quoted: bool) -> Key {
    if quoted {
        if let Ok(mut keys) = Key::parse(&Value::from(key).to_string()) {
            if keys.len() == 1 {
                return keys.remove(0);
            }
        }
    }
    Key::new(key)
}

/// `2027-03`: a designation month, which files quote so that no one reads it as a date.
fn looks_like_a_date(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_digit()) && key.contains('-')
}

fn update_array(array: &mut Array, strings: &[String]) {
    while array.len() > strings.len() {
        array.remove(array.len() - 1);
    }
    for (i, s) in strings.iter().enumerate() {
        match array.get_mut(i) {
            Some(old) if old.as_str() == Some(s) => {}
            Some(old) => {
                let decor = old.decor().clone();
                *old = Value::from(s.as_str());
                *old.decor_mut() = decor;
            }
            None => {
                let decor = array.iter().last().map(|v| v.decor().clone());
                let mut new = Value::from(s.as_str());
                if let Some(decor) = decor {
                    *new.decor_mut() = decor;
                }
                array.push_formatted(new);
            }
        }
    }
}

fn same(old: &Value, value: &FieldValue) -> bool {
    match value {
        FieldValue::String(s) => old.as_str() == Some(s),
        FieldValue::Unknown => old.as_str() == Some(UNKNOWN_MARKER),
        FieldValue::Integer(n) => old.as_integer() == Some(*n),
        FieldValue::Date(d) => old.as_datetime() == Some(&local_date(*d)),
        FieldValue::Strings(list) => old
            .as_array()
            .is_some_and(|a| a.len() == list.len() && a.iter().zip(list).all(|(v, s)| v.as_str() == Some(s))),
        FieldValue::Table(_) => false,
        FieldValue::Bool(b) => old.as_bool() == Some(*b),
    }
}

fn local_date(d: NaiveDate) -> Datetime {
    Datetime {
        date: Some(Date { year: d.year() as u16, month: d.month() as u8, day: d.day() as u8 }),
        time: None,
        offset: None,
    }
}

fn to_value(value: &FieldValue) -> Value {
    match value {
        FieldValue::String(s) => Value::from(s.as_str()),
        FieldValue::Unknown => Value::from(UNKNOWN_MARKER),
        FieldValue::Integer(n) => Value::from(*n),
        FieldValue::Date(d) => Value::from(local_date(*d)),
        FieldValue::Bool(b) => Value::from(*b),
        FieldValue::Strings(list) => Value::Array(list.iter().map(String::as_str).collect()),
        FieldValue::Table(entries) => {
            let mut table = InlineTable::new();
            for (k, v) in entries {
                table.insert_formatted(&new_key(k, looks_like_a_date(k)), to_value(v));
            }
            table.fmt();
            Value::InlineTable(table)
        }
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
