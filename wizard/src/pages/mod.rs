//! The wizard's pages, one topic each (see [`crate::state::Page`]): each is a function of the
//! state and the callbacks the root gives it, or a component of the answers when it has state of
//! its own. A page that asks for a section of the application renders that section's fields
//! from the library's schema ([`ask_section`]).

mod check;
mod downloads;
mod questions;
mod timeline;

pub use check::check_page;
pub use downloads::Downloads;
pub use questions::{ask_section, out_of_scope_page, prefecture_page};
pub use timeline::Timeline;

use crate::state::{Answers, DatePart, Page};
use yew::prelude::*;

/// The pages that are components of the answers alone.
#[derive(Properties, PartialEq)]
pub struct AnswersProps {
    pub answers: Answers,
}

/// What a page can ask the root to do: the pages never see the reducer.
#[derive(Clone, PartialEq)]
pub struct Callbacks {
    /// A field's new value (path, value).
    pub set_field: Callback<(String, String)>,
    /// A part of a date (path, part, value).
    pub set_date: Callback<(String, DatePart, String)>,
    /// Go to a page.
    pub show: Callback<Page>,
}
