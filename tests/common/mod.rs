//! Shared by the integration tests: the example application file and variants of it, poppler
//! run on a PDF, and python's `holidays` (a calendar we did not write). (Each test uses what
//! it needs of this file.)
#![allow(dead_code)]

use onshi::application::{Loaded, Problem};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Loads an application file against the repository's content.
pub fn load(json: &str) -> Result<Loaded, Vec<Problem>> {
    onshi::application::load(json, onshi::content::repository())
}

/// The application file of the forms issue, accepted as it is.
pub const EXAMPLE: &str = include_str!("../data/example-application.json");

/// The example with fields replaced, each named by a JSON pointer (`/founder/name`);
/// `Value::Null` removes the field.
pub fn example_with(changes: &[(&str, Value)]) -> String {
    let mut v: Value = serde_json::from_str(EXAMPLE).unwrap();
    for (pointer, value) in changes {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let object = v.pointer_mut(parent).unwrap().as_object_mut().unwrap();
        if value.is_null() {
            object.remove(key);
        } else {
            object.insert(key.to_string(), value.clone());
        }
    }
    v.to_string()
}

/// Writes a PDF where poppler can read it.
pub fn temp_pdf(bytes: &[u8]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("onshi-forms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.pdf", N.fetch_add(1, Ordering::SeqCst)));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs a poppler tool on a PDF; its output on stdout (`pdftotext` needs `-` for that).
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> Vec<u8> {
    let path = temp_pdf(pdf);
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} を起動できません（{e}）。poppler-utils を入れてください（scripts/test が入れます）")
        });
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_file(&path).unwrap();
    out.stdout
}

/// The forms' font, read once.
#[cfg(feature = "pdf")]
pub fn font() -> &'static onshi::pdf::FormFont {
    static FONT: std::sync::OnceLock<onshi::pdf::FormFont> = std::sync::OnceLock::new();
    FONT.get_or_init(|| {
        let ttf = include_bytes!("../../site/static/fonts/NotoSansJP-Regular-subset.ttf");
        onshi::pdf::FormFont::from_ttf(ttf.to_vec()).unwrap()
    })
}

/// The example application with fields replaced (see [`example_with`]), loaded.
pub fn application(changes: &[(&str, Value)]) -> onshi::application::Application {
    load(&example_with(changes)).unwrap_or_else(|p| panic!("{p:#?}")).application
}

/// Runs a python script that imports `holidays` (installed by scripts/test, `pip install
/// holidays==0.109`; ONSHI_PYTHON names another interpreter) and returns what it prints.
pub fn python_holidays(script: &str) -> String {
    let python = std::env::var("ONSHI_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python).args(["-c", script]).output().unwrap_or_else(|e| {
        panic!("{python} を起動できません（{e}）。scripts/test が入れる python3 と holidays が必要です")
    });
    assert!(
        out.status.success(),
        "python の holidays パッケージがありません。`pip install holidays==0.109` で入れてください。\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
