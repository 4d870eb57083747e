//! Parts of pages: each takes the state and the update, and draws one thing.

mod deadline_form;
mod error_summary;
mod errors;
mod nav;
mod office_field;
mod page_preview;
mod published_dates;
mod save_bar;
mod source_fields;

pub use deadline_form::deadline_form;
pub use error_summary::error_summary;
pub use errors::errors_at;
pub use nav::nav;
pub use office_field::{contact_source, office_field};
pub use page_preview::{page_frame, preview_later, preview_page, PagePreview};
pub use published_dates::published_dates;
pub use save_bar::save_bar;
pub use source_fields::{page_fields, source_fields, SetSource};
