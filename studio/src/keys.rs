//! How the studio names a field, in one place: its key (what was typed is kept in
//! `State::texts`, its mistakes in `State::field_errors`, by key) and its element id, which
//! the error summary links to and 点検 focuses. Tested through the store's and 点検's tests.

use crate::calendar_form::Equinox;
use crate::model::Slot;
use onshi::content::edit::OfficeField;

/// A form's key as an element id (`content/bureaus/tohoku.toml|aomori|phone` →
/// `content-bureaus-tohoku-toml-aomori-phone`).
pub fn element_id(key: &str) -> String {
    key.replace(['|', '/', '.'], "-")
}

/// The key of a deadline's form (`kind`: `reception_request`, `designation_application`).
pub fn deadline_key(file: &str, office: Option<&str>, kind: &str) -> String {
    format!("{file}|{}|{kind}", office.unwrap_or(""))
}

/// The key of a deadline's published dates.
pub fn overrides_key(file: &str, office: Option<&str>, kind: &str) -> String {
    format!("{}|overrides", deadline_key(file, office, kind))
}

/// The key of a deadline's reading of the bureau's words (`inferred`).
pub fn inferred_key(file: &str, office: Option<&str>, kind: &str) -> String {
    format!("{}|inferred", deadline_key(file, office, kind))
}

/// The key of a deadline's source.
pub fn deadline_source_key(file: &str, office: Option<&str>, kind: &str) -> String {
    format!("{}|source", deadline_key(file, office, kind))
}

/// The key of an office's field (`name`, `postal_code`, …), its `source` or `contact_source`.
pub fn office_key(file: &str, office: &str, field: &str) -> String {
    format!("{file}|{office}|{field}")
}

/// The key of the bureau's page on the 指定申請 (`designation_page`).
pub fn designation_page_key(file: &str) -> String {
    format!("{file}|designation_page")
}

/// The id of the field of the 暦 page that adds a year's 春分日.
pub const NEW_YEAR_VERNAL_ID: &str = "calendar-new-vernal";

/// The key of a deadline's form in [`State::forms`] and [`State::field_errors`].
pub fn slot_key(file: &str, slot: &Slot) -> String {
    deadline_key(file, slot.office.as_deref(), slot.kind.key())
}

/// The key of an office's field.
pub fn office_field_key(file: &str, office: &str, field: OfficeField) -> String {
    office_key(file, office, field.key())
}

/// The key of an office's contact source.
pub fn contact_source_key(file: &str, office: &str) -> String {
    office_key(file, office, "contact_source")
}

/// The key of a Markdown page's field in [`State::texts`] and [`State::field_errors`].
pub fn page_field_key(file: &str, field: &str) -> String {
    format!("{file}|page|{field}")
}

/// The key of next year's row, and of its days (`calendar|new|vernal`).
pub const NEW_YEAR_KEY: &str = "calendar|new";

pub fn new_year_day_key(which: Equinox) -> String {
    format!("{NEW_YEAR_KEY}|{}", which.key())
}

pub fn equinox_key(year: i32, which: Equinox) -> String {
    format!("calendar|{year}|{}", which.key())
}
