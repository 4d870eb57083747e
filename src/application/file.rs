//! An application file's first reading, before any field is read: JSON, an object, a version
//! this code reads, no key the format does not have (`FileRefusal` otherwise); and a date as
//! the file writes it.

use super::fields::allowed_keys;
use super::{Problem, CURRENT_VERSION, SUPPORTED_VERSIONS};
use crate::normalize;
use chrono::NaiveDate;
use serde_json::Value;

/// Why a file is not an application file this code can read at all: nothing of it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRefusal {
    NotJson {
        line: usize,
        column: usize,
    },
    NotAnObject,
    /// The version it says (`なし` when none).
    Version(String),
    /// Keys the format does not have, by path.
    UnknownKeys(Vec<String>),
}

impl FileRefusal {
    /// What is wrong and what to do, in one sentence.
    pub fn message(&self) -> String {
        match self {
            FileRefusal::NotJson { line, column } => format!(
                "このファイルを読めません。JSON として読めません（{line}行{column}列目）。保存したファイルをそのまま読み込んでください。"
            ),
            FileRefusal::NotAnObject => {
                "申請ファイルの形ではありません。保存したファイルをそのまま読み込んでください。".into()
            }
            FileRefusal::Version(found) => format!(
                "この版（{found}）のファイルは読めません。読める版は {} です。",
                SUPPORTED_VERSIONS.map(|v| v.to_string()).join("、")
            ),
            FileRefusal::UnknownKeys(paths) => format!(
                "このファイルには、申請ファイルにない項目があります（{}）。綴りを確かめるか、その項目を削除してください。",
                paths.join("、")
            ),
        }
    }

    pub(super) fn problem(&self) -> Problem {
        let path = if matches!(self, FileRefusal::Version(_)) { "version" } else { "" };
        Problem::error(path, self.message())
    }
}

/// The first reading of a file someone chose (the wizard's 読み込む): JSON, an object, a version
/// this code reads, and no key the format does not have. The value is then read field by field
/// with [`load_value`](super::load_value).
pub fn read_file(text: &str) -> Result<Value, FileRefusal> {
    let root = parse(text)?;
    let version = version_of(&root)?;
    let mut unknown = Vec::new();
    unknown_paths(&root, "", version, &mut unknown);
    if unknown.is_empty() {
        Ok(root)
    } else {
        Err(FileRefusal::UnknownKeys(unknown))
    }
}

pub(super) fn parse(text: &str) -> Result<Value, FileRefusal> {
    serde_json::from_str(text).map_err(|e| FileRefusal::NotJson { line: e.line(), column: e.column() })
}

pub(super) fn version_of(root: &Value) -> Result<u64, FileRefusal> {
    if !root.is_object() {
        return Err(FileRefusal::NotAnObject);
    }
    match root.get("version") {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| SUPPORTED_VERSIONS.contains(&v)) => {
            Ok(n.as_u64().unwrap_or(CURRENT_VERSION))
        }
        other => Err(FileRefusal::Version(other.map(|v| v.to_string()).unwrap_or_else(|| "なし".into()))),
    }
}

/// Whether an object at `path` may have `key` in a file of this version (v1 had no `prefecture`).
pub(super) fn key_allowed(path: &str, key: &str, version: u64) -> bool {
    let v1_only = version == 1 && path.is_empty() && key == "prefecture";
    !v1_only && allowed_keys(path).contains(&key)
}

fn unknown_paths(value: &Value, path: &str, version: u64, out: &mut Vec<String>) {
    let Value::Object(map) = value else { return };
    for (key, child) in map {
        let full = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        if !key_allowed(path, key, version) {
            out.push(full);
        } else if child.is_object() {
            unknown_paths(child, &full, version, out);
        }
    }
}

/// A date as the file writes it (`2027-04-01`, 全角 digits accepted, month and day with or
/// without a leading zero), or the Japanese reason it is not one.
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    let raw = normalize::date_text(raw);
    let parts: Vec<&str> = raw.split('-').collect();
    let well_formed = parts.len() == 3
        && parts[0].len() == 4
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        return Err(format!("「{raw}」は日付の形ではありません。2027-04-01 のように年-月-日で書いてください。"));
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2])
        .ok_or_else(|| format!("{}年{}月{}日は存在しない日付です。正しい日付を入力してください。", n[0], n[1], n[2]))
}
