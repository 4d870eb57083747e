//! The forms as PDF: 別紙1 (受付番号 情報提供依頼書 兼 回答書) and 別紙2 (オンライン資格確認の
//! 導入計画書), A4, laid out like the official forms, with a Japanese font embedded as a subset.
//!
//! Every character is looked up in the font before anything is drawn: one the font cannot
//! print is refused with the field's name, never printed as a blank box.
//!
//! Every form is tagged PDF/UA-1: its title and language, the form's title as a heading, each
//! table of the form as a table whose header cells are tied to their data cells, labels and
//! values in reading order, rules and boxes as artifacts ([`Tagging`]).
//!
//! Every filled form carries its application file ([`ATTACHED_FILE`], [`application_file`]),
//! dated the request date so that the same application gives the same bytes, and is PDF/A-3a
//! as well; [`attached_application`] reads it back.

mod canvas;
mod font;
mod plan_form;
mod read;
mod request_form;

use crate::application::{field, label_of, Application, Kind, Problem, Severity};
use crate::bureaus::Bureau;
pub use font::FormFont;
use plan_form::plan_form;
pub use read::attached_application;
use request_form::request_form;

/// One PDF to hand to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFile {
    /// `request-medical.pdf`, `plan.pdf`, …
    pub name: String,
    /// What it is, for people: 「別紙1（医科）」, 「別紙2 導入計画書」.
    pub title: String,
    pub bytes: Vec<u8>,
}

/// Whether a form is written as tagged PDF/UA-1 (every form a user gets) or untagged, the same
/// drawing without its structure (kept to compare the two: the pages must look the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tagging {
    /// Tagged PDF/UA-1, checked by krilla as it is written.
    #[default]
    Ua1,
    /// Untagged: the same pages, no structure.
    Off,
}

/// Changes whenever the forms' bytes change for the same application, bureau and font (the
/// drawing, the tagging, the attached application): 3 since filled forms carry their
/// application. The site build keeps a bureau's blank forms from its previous build by a key,
/// which must include it.
pub const FORMS_REVISION: u32 = 3;

/// The name of the application file each filled form carries.
pub const ATTACHED_FILE: &str = "application.json";

/// The application file (format v2) of an application, as the wizard saves it: what each
/// filled form carries as [`ATTACHED_FILE`]. Loading it gives the same application. Optional
/// fields without a value are left out, as the wizard leaves them out; the office is not
/// written (it follows from the prefecture).
pub fn application_file(app: &Application) -> String {
    use crate::application::{Procurement, CURRENT_VERSION};
    use serde_json::{json, Value};
    fn drop_nulls(v: &mut Value) {
        if let Value::Object(map) = v {
            map.retain(|_, child| !child.is_null());
            map.values_mut().for_each(drop_nulls);
        }
    }
    let mut root = serde_json::to_value(app).expect("the model serialises");
    let map = root.as_object_mut().expect("an object");
    map.remove("office");
    map.insert("version".into(), json!(CURRENT_VERSION));
    if let (Some(plan), Some(Value::Object(file_plan))) = (&app.plan, map.get_mut("plan")) {
        // The model's procurement is one value; the file writes its status and month apart.
        for (key, status) in [("card_reader", plan.card_reader.status), ("network", plan.network.status)] {
            if let Some(Value::Object(group)) = file_plan.get_mut(key) {
                group.insert("status".into(), json!(status.status().key()));
                if let Procurement::Contracted(month) = status {
                    group.insert("month".into(), json!(month));
                }
            }
        }
    }
    drop_nulls(&mut root);
    serde_json::to_string_pretty(&root).expect("JSON serialises")
}

/// The filled forms of an application: 別紙1 once per kind (医科・歯科併設: both), and 別紙2
/// unless 経過措置, each carrying the application file. Refuses, before drawing anything, every
/// character the font cannot print.
pub fn filled_forms(app: &Application, bureau: &Bureau, font: &FormFont) -> Result<Vec<FormFile>, Vec<Problem>> {
    filled_forms_with(app, bureau, font, Tagging::Ua1)
}

/// [`filled_forms`], tagged or not (untagged: without the application file, only to compare
/// the pages).
pub fn filled_forms_with(
    app: &Application,
    bureau: &Bureau,
    font: &FormFont,
    tagging: Tagging,
) -> Result<Vec<FormFile>, Vec<Problem>> {
    let problems: Vec<Problem> = app
        .printed_texts()
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
        let bytes = request_form(font, bureau, Some((app, *kind)), tagging)?;
        files.push(FormFile {
            name: format!("request-{}.pdf", kind.slug()),
            title: format!("別紙1（{}）", kind.label()),
            bytes,
        });
    }
    if !app.transitional_measure {
        files.push(FormFile {
            name: PLAN_FILE.into(),
            title: PLAN_TITLE.into(),
            bytes: plan_form(font, Some(app), tagging)?,
        });
    }
    Ok(files)
}

/// The file names of a bureau's blank forms: 別紙1 and 別紙2.
pub const BLANK_FORM_FILES: [&str; 2] = ["request.pdf", PLAN_FILE];
const PLAN_FILE: &str = "plan.pdf";
const PLAN_TITLE: &str = "別紙2 導入計画書";

/// The title of a blank form named as [`BLANK_FORM_FILES`].
pub fn blank_form_title(name: &str) -> &'static str {
    if name == PLAN_FILE {
        PLAN_TITLE
    } else {
        "別紙1 受付番号情報提供依頼書"
    }
}

/// The blank forms for a bureau, with only its name printed (for the site's downloads), named
/// as [`BLANK_FORM_FILES`].
pub fn blank_forms(bureau: &Bureau, font: &FormFont) -> Result<Vec<FormFile>, Vec<Problem>> {
    blank_forms_with(bureau, font, Tagging::Ua1)
}

/// [`blank_forms`], tagged or not.
pub fn blank_forms_with(bureau: &Bureau, font: &FormFont, tagging: Tagging) -> Result<Vec<FormFile>, Vec<Problem>> {
    let [request, plan] = BLANK_FORM_FILES;
    Ok(vec![
        FormFile {
            name: request.into(),
            title: blank_form_title(request).into(),
            bytes: request_form(font, bureau, None, tagging)?,
        },
        FormFile { name: plan.into(), title: blank_form_title(plan).into(), bytes: plan_form(font, None, tagging)? },
    ])
}

/// Each printed text field's room on the forms, in full-width characters at the smallest size
/// the forms shrink text to (the smaller of 別紙1 and 別紙2 when both print it). The site build
/// gives these to the wizard, which checks them on the page where the field is asked; the PDF
/// step still measures the real text.
pub fn print_limits(font: &FormFont) -> std::collections::BTreeMap<String, usize> {
    let bureau = Bureau {
        id: String::new(),
        name: "x".into(),
        prefectures: Vec::new(),
        official_site: String::new(),
        designation_page: None,
        offices: Vec::new(),
        file: String::new(),
        unknowns: Vec::new(),
        dated_sources: Vec::new(),
        published_months: Vec::new(),
        inferred_rules: Vec::new(),
    };
    let app = sample_application();
    canvas::CAPACITIES.with(|c| *c.borrow_mut() = Some(Default::default()));
    let _ = request_form(font, &bureau, Some((&app, crate::application::RequestKind::Medical)), Tagging::Off);
    let _ = plan_form(font, Some(&app), Tagging::Off);
    canvas::CAPACITIES.with(|c| c.borrow_mut().take()).unwrap_or_default()
}

/// An application that prints every text field of the schema, each a short value of its
/// field's kind, for measuring the room the forms give each one.
fn sample_application() -> Application {
    use crate::application::{CardReader, Facility, FacilityKind, Founder, Network, Plan, Procurement, ReplyTo};
    let x = |path: &str| {
        match field(path).map(|f| f.kind) {
            Some(Kind::PostalCode) => "000-0000",
            Some(Kind::Phone) => "00-0000-0000",
            Some(Kind::Email) => "x@x.jp",
            _ => "x",
        }
        .to_string()
    };
    let date = chrono::NaiveDate::from_ymd_opt(2027, 4, 1).expect("a date");
    Application {
        bureau: String::new(),
        prefecture: String::new(),
        office: String::new(),
        facility_kind: FacilityKind::Medical,
        designation_date: date,
        request_date: date,
        transitional_measure: false,
        reply_to: ReplyTo {
            postal_code: x("reply_to.postal_code"),
            address: x("reply_to.address"),
            name: x("reply_to.name"),
        },
        facility: Facility {
            name: x("facility.name"),
            name_kana: x("facility.name_kana"),
            postal_code: x("facility.postal_code"),
            address: x("facility.address"),
        },
        founder: Founder {
            corporation_name: Some(x("founder.corporation_name")),
            representative_title: Some(x("founder.representative_title")),
            name: x("founder.name"),
            name_kana: x("founder.name_kana"),
            registration: Some(x("founder.registration")),
            postal_code: x("founder.postal_code"),
            address: x("founder.address"),
            phone: x("founder.phone"),
            email: Some(x("founder.email")),
        },
        contact_phone: x("contact_phone"),
        plan: Some(Plan {
            portal_account_done: false,
            usage_application_done: false,
            card_reader: CardReader { status: Procurement::Contracted(1), maker: Some(x("plan.card_reader.maker")) },
            network: Network {
                status: Procurement::Contracted(1),
                provider: Some(x("plan.network.provider")),
                line_type: None,
            },
            setup_start: date,
            system_vendor: x("plan.system_vendor"),
            operation_start: date,
            practice_start: date,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::{Printed, FIELDS};

    #[test]
    fn the_sample_prints_every_text_field_of_the_schema() {
        let printed: Vec<&str> = sample_application().printed_texts().into_iter().map(|(path, _)| path).collect();
        let schema: Vec<&str> =
            FIELDS.iter().filter(|f| f.printed != Printed::NotPrinted && f.kind.is_text()).map(|f| f.path).collect();
        assert_eq!(printed, schema, "a new printed text field needs a value in sample_application");
        assert!(schema.contains(&"founder.email") && schema.contains(&"plan.system_vendor"));
    }
}
