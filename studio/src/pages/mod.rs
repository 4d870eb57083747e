//! The studio's pages, one file each: each reads the state (`crate::state`) and sends
//! actions through the [`Dispatch`](crate::effects::Dispatch) it is given.

mod bureau;
mod calendar;
mod checks;
mod comparison;
mod list;
mod page_edit;
mod page_list;
mod start;
mod steps;

pub use bureau::bureau_page;
pub use calendar::calendar_page;
pub use checks::checks_page;
pub use comparison::comparison_page;
pub use list::list_page;
pub use page_edit::page_edit;
pub use page_list::page_list;
pub use start::start_page;
pub use steps::steps_page;
