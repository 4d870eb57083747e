//! The studio's pages, one file each.

mod bureau;
mod list;
mod start;

pub use bureau::bureau_page;
pub use list::list_page;
pub use start::start_page;
