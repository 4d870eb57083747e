//! The bureau list, with each bureau's 未確認 count and whether it has unsaved changes, and
//! the way to the Markdown pages.

use crate::effects::Dispatch;
use crate::model::Studio;
use crate::state::{Action, Page};
use yew::prelude::*;

pub fn list_page(studio: &Studio, dispatch: &Dispatch) -> Html {
    let changed = studio.changed();
    let pages = dispatch.link(|| Action::Go(Page::Pages));
    html! {
        <>
        <h1>{"局を選ぶ"}</h1>
        <ul class="bureau-list">
        { for studio.bureaus().into_iter().map(|(id, name, file)| {
            let go = { let id = id.clone(); dispatch.link(move || Action::Go(Page::Bureau(id.clone()))) };
            let mark = if changed.contains(&file) { "（変更あり・未保存）" } else { "" };
            let unknown = studio.content.bureaus.get(&id).map_or(0, |b| b.unknowns.len());
            let unknown = if unknown > 0 { format!("　未確認 {unknown} 件") } else { String::new() };
            html! { <li><a href={format!("#{id}")} onclick={go}>{name}</a>{mark}<span class="hint">{unknown}</span></li> }
        }) }
        </ul>
        <h2>{"ページ（文章）"}</h2>
        <p><a href="#pages" onclick={pages}>{"ページの一覧"}</a>{"（サイトの各ページの文章と、サイトでの表示）"}</p>
        </>
    }
}
