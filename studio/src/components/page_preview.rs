//! A Markdown page as the site shows it, beside its editor (the store's `PagePreview`: asked
//! of the site worker, `ToWorker::Preview`, the build's own rendering, once typing has
//! stopped): shown in a sandboxed frame (its scripts left out, `page_model::without_scripts`)
//! with the site's stylesheets, which the studio carries unchanged (studio/index.html,
//! `site-assets/`).

use crate::state::State;
use yew::prelude::*;

/// The page in its frame, and when it was last brought up to date.
pub fn page_frame(s: &State, title: &str) -> Html {
    let status = match (s.preview.waiting, s.preview.took_ms) {
        (true, _) => "表示を作っています…".to_string(),
        (false, Some(ms)) => format!("入力から {:.2} 秒で表示しました。", ms / 1000.0),
        (false, None) => String::new(),
    };
    html! {
        <>
        <p class="hint" id="page-frame-status" data-ms={s.preview.took_ms.map(|ms| format!("{ms:.0}")).unwrap_or_default()}>{status}</p>
        { match &s.preview.html {
            Some(html) => html! {
                <iframe class="page-frame" title={format!("ページの表示：{title}")} sandbox="allow-same-origin" srcdoc={html.clone()} />
            },
            None if s.preview.waiting => html! {},
            None => html! { <p>{"ページを表示できません。本文の確認に出ているところを直してください。"}</p> },
        } }
        </>
    }
}
