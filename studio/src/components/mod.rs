//! Parts of pages: each takes the state and the update, and draws one thing.

mod deadline_form;
mod errors;
mod office_field;
mod page_preview;
mod save_bar;

pub use deadline_form::deadline_form;
pub use errors::errors_at;
pub use office_field::{contact_source, office_field};
pub use page_preview::{page_frame, preview_later, preview_page, PagePreview};
pub use save_bar::save_bar;
