//! The pieces the pages are made of: fields (text, radios, a date), the error summary, saving
//! and loading the answers, the timeline's table. Questions follow the デジタル庁デザインシステム
//! and GOV.UK patterns: labels with ※必須, support text instead of placeholders, dates as
//! three numeric fields, an error summary that takes the focus and links to each field.

mod date_field;
mod error_summary;
mod field;
mod radios;
mod save_load;
mod text_field;
mod timeline_table;

pub use date_field::date_field;
pub use error_summary::error_summary;
pub use field::{field_anchor, problems_for};
pub use radios::radios;
pub use save_load::{read_application, SaveLoad};
pub use text_field::text_field;
pub use timeline_table::timeline_table;
