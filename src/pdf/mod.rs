//! The forms as PDF: 別紙1 (受付番号 情報提供依頼書 兼 回答書) and 別紙2 (オンライン資格確認の
//! 導入計画書), A4, laid out like the official forms, with a Japanese font embedded as a subset.
//!
//! Every character is looked up in the font before anything is drawn: one the font cannot
//! print is refused with the field's name, never printed as a blank box.

mod canvas;
mod font;
mod plan_form;
mod request_form;

use crate::application::{label_of, Application, Printed, Problem, Severity, FIELDS};
use crate::bureaus::Bureau;
pub use font::FormFont;
use plan_form::plan_form;
use request_form::request_form;

/// One PDF to hand to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFile {
    /// `request-medical.pdf`, `plan.pdf`, …
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The filled forms of an application: 別紙1 once per kind (医科・歯科併設: both), and 別紙2
/// unless 経過措置. Refuses, before drawing anything, every character the font cannot print.
pub fn filled_forms(app: &Application, bureau: &Bureau, font: &FormFont) -> Result<Vec<FormFile>, Vec<Problem>> {
    let problems: Vec<Problem> = printed_fields(app)
        .into_iter()
        .flat_map(|(path, text)| {
            font.missing_chars(&text).into_iter().map(move |c| Problem {
                path: path.to_string(),
                label: label_of(path).to_string(),
                message: format!(
                    "「{c}」（U+{:04X}）は用紙の字体にないため印刷できません。別の字体で入力するか、印刷した後に手書きで直してください。",
                    c as u32
                ),
                severity: Severity::Error,
            })
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut files = Vec::new();
    for kind in app.facility_kind.request_kinds() {
        let bytes = request_form(font, bureau, Some((app, *kind)))?;
        files.push(FormFile { name: format!("request-{}.pdf", kind.slug()), bytes });
    }
    if !app.transitional_measure {
        files.push(FormFile { name: "plan.pdf".into(), bytes: plan_form(font, Some(app))? });
    }
    Ok(files)
}

/// The blank forms for a bureau, with only its name printed (for the site's downloads).
pub fn blank_forms(bureau: &Bureau, font: &FormFont) -> Result<Vec<FormFile>, Vec<Problem>> {
    Ok(vec![
        FormFile { name: "request.pdf".into(), bytes: request_form(font, bureau, None)? },
        FormFile { name: "plan.pdf".into(), bytes: plan_form(font, None)? },
    ])
}

/// Every user-entered text the forms print, with its field path (from the one field schema).
fn printed_fields(app: &Application) -> Vec<(&'static str, String)> {
    FIELDS
        .iter()
        .filter(|f| f.printed != Printed::Neither)
        .filter_map(|f| app.printed_text(f.path).map(|text| (f.path, text)))
        .collect()
}
