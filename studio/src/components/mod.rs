//! Parts of pages: each reads the state (`crate::state`) and sends actions through the
//! [`Dispatch`](crate::effects::Dispatch) it is given, and draws one thing.

mod deadline_form;
mod error_summary;
mod errors;
mod nav;
mod office_field;
mod page_preview;
mod published_dates;
mod save_bar;
mod source_fields;
mod work_progress;

pub use deadline_form::deadline_form;
pub use error_summary::error_summary;
pub use errors::errors_at;
pub use nav::nav;
pub use office_field::{contact_source, office_field};
pub use page_preview::page_frame;
pub use published_dates::published_dates;
pub use save_bar::save_bar;
pub use source_fields::{page_fields, source_fields};
pub use work_progress::work_progress;
