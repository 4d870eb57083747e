//! The Markdown pages (ページ): the common ones, then each bureau's own, in menu order.

use crate::effects::Dispatch;
use crate::model::Studio;
use crate::state::{Action, Page};
use web::browser;
use yew::prelude::*;

pub fn page_list(studio: &Studio, dispatch: &Dispatch) -> Html {
    let changed = studio.changed();
    let back = dispatch.link(|| Action::Go(Page::List));
    let pages = studio.pages();
    let mut groups: Vec<(String, Vec<_>)> = Vec::new();
    for page in pages {
        let heading = match &page.bureau {
            None => "すべての局に共通のページ".to_string(),
            Some(id) => {
                let name = studio.content.bureaus.get(id).map_or(id.clone(), |b| b.name.clone());
                format!("{name}だけのページ")
            }
        };
        match groups.last_mut() {
            Some((h, list)) if *h == heading => list.push(page),
            _ => groups.push((heading, vec![page])),
        }
    }
    html! {
        <>
        <p><a href="#" onclick={back}>{"局の一覧に戻る"}</a></p>
        <h1>{"ページ（文章）を選ぶ"}</h1>
        <p>{"サイトの各ページの文章です。共通のページを直すと、すべての局のサイトが変わります。"}</p>
        { for groups.into_iter().map(|(heading, list)| html! {
            <>
            <h2>{heading}</h2>
            <ul class="page-list">
            { for list.into_iter().map(|page| {
                let go = {
                    let file = page.file.clone();
                    dispatch.link(move || Action::OpenPage { file: file.clone(), now_ms: browser::now_ms() })
                };
                let mark = if changed.contains(&page.file) { "（変更あり・未保存）" } else { "" };
                html! {
                    <li><a href={format!("#{}", page.file)} onclick={go}>{&page.title}</a>{mark}
                        <span class="hint">{format!("　{}", page.file)}</span></li>
                }
            }) }
            </ul>
            </>
        }) }
        </>
    }
}
