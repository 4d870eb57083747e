//! The studio's pages, one file each.

mod bureau;
mod comparison;
mod list;
mod start;

pub use bureau::bureau_page;
pub use comparison::{comparison_page, Compared};
pub use list::list_page;
pub use start::start_page;
