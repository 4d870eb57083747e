//! The studio's pages once content is open: the bureaus, 暦, 通知の手順, 点検 (with its count).

use crate::effects::Dispatch;
use crate::model::Studio;
use crate::state::{Action, Page};
use yew::prelude::*;

pub fn nav(studio: &Studio, page: &Page, dispatch: &Dispatch) -> Html {
    let count = studio.checks().len();
    let links = [
        (Page::List, "局の一覧".to_string(), "bureaus"),
        (Page::Calendar, "暦".to_string(), "calendar"),
        (Page::Steps, "通知の手順".to_string(), "steps"),
        (Page::Checks, format!("点検（{count} 件）"), "checks"),
    ];
    html! {
        <nav class="studio-nav" aria-label="編集室のページ">
            <ul>{ for links.into_iter().map(|(to, label, anchor)| {
                let current = match page {
                    Page::Bureau(_) => to == Page::List,
                    p => *p == to,
                };
                let go = { let to = to.clone(); dispatch.link(move || Action::Go(to.clone())) };
                html! { <li><a href={format!("#{anchor}")} onclick={go} aria-current={current.then_some("page")}>{label}</a></li> }
            }) }</ul>
        </nav>
    }
}
