//! The studio's pages, one file each.

mod bureau;
mod list;
mod page_edit;
mod page_list;
mod start;

pub use bureau::bureau_page;
pub use list::list_page;
pub use page_edit::page_edit;
pub use page_list::page_list;
pub use start::start_page;
