//! The wizard's pages, one topic each (see [`crate::state::Page`]): each is a function of the
//! state, or a component of the answers when it has state of its own.

mod check;
mod downloads;
mod plan;
mod questions;
mod request;
mod timeline;

pub use check::check_page;
pub use downloads::Downloads;
pub use plan::plan_page;
pub use questions::{dates_page, kind_page, out_of_scope_page, prefecture_page, retroactive_page, transitional_page};
pub use request::request_page;
pub use timeline::Timeline;

use crate::state::Answers;
use yew::prelude::*;

/// The pages that are components of the answers alone.
#[derive(Properties, PartialEq)]
pub struct AnswersProps {
    pub answers: Answers,
}
