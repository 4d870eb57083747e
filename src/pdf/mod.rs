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
        files.push(FormFile { name: PLAN_FILE.into(), bytes: plan_form(font, Some(app))? });
    }
    Ok(files)
}

/// The file names of a bureau's blank forms: 別紙1 and 別紙2.
pub const BLANK_FORM_FILES: [&str; 2] = ["request.pdf", PLAN_FILE];
const PLAN_FILE: &str = "plan.pdf";

/// The blank forms for a bureau, with only its name printed (for the site's downloads), named
/// as [`BLANK_FORM_FILES`].
pub fn blank_forms(bureau: &Bureau, font: &FormFont) -> Result<Vec<FormFile>, Vec<Problem>> {
    let [request, plan] = BLANK_FORM_FILES;
    Ok(vec![
        FormFile { name: request.into(), bytes: request_form(font, bureau, None)? },
        FormFile { name: plan.into(), bytes: plan_form(font, None)? },
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

/// Each printed text field's room on the forms, in full-width characters at the smallest size
/// the forms shrink text to (the smaller of 別紙1 and 別紙2 when both print it). The site build
/// gives these to the wizard, which checks them on the page where the field is asked; the PDF
/// step still measures the real text.
pub fn print_limits(font: &FormFont) -> std::collections::BTreeMap<String, usize> {
    use crate::application::{CardReader, Facility, FacilityKind, Founder, Network, Plan, Procurement, ReplyTo};
    let x = || "x".to_string();
    let date = chrono::NaiveDate::from_ymd_opt(2027, 4, 1).expect("a date");
    let app = Application {
        bureau: String::new(),
        prefecture: String::new(),
        office: String::new(),
        facility_kind: FacilityKind::Medical,
        designation_date: date,
        request_date: date,
        transitional_measure: false,
        reply_to: ReplyTo { postal_code: "000-0000".into(), address: x(), name: x() },
        facility: Facility { name: x(), name_kana: x(), postal_code: "000-0000".into(), address: x() },
        founder: Founder {
            corporation_name: Some(x()),
            representative_title: Some(x()),
            name: x(),
            name_kana: x(),
            registration: Some(x()),
            postal_code: "000-0000".into(),
            address: x(),
            phone: "00-0000-0000".into(),
            email: Some("x@x.jp".into()),
        },
        contact_phone: "00-0000-0000".into(),
        plan: Some(Plan {
            portal_account_done: false,
            usage_application_done: false,
            card_reader: CardReader { status: Procurement::Contracted(1), maker: Some(x()) },
            network: Network { status: Procurement::Contracted(1), provider: Some(x()), line_type: None },
            setup_start: date,
            system_vendor: x(),
            operation_start: date,
            practice_start: date,
        }),
    };
    let bureau = Bureau {
        id: String::new(),
        name: x(),
        prefectures: Vec::new(),
        official_site: String::new(),
        offices: Vec::new(),
        file: String::new(),
        unknowns: Vec::new(),
        dated_sources: Vec::new(),
        published_months: Vec::new(),
    };
    canvas::CAPACITIES.with(|c| *c.borrow_mut() = Some(Default::default()));
    let _ = request_form(font, &bureau, Some((&app, crate::application::RequestKind::Medical)));
    let _ = plan_form(font, Some(&app));
    canvas::CAPACITIES.with(|c| c.borrow_mut().take()).unwrap_or_default()
}
