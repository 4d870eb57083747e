//! 保存, 新旧対照表 and サイトを書き出す, and what was opened and how it is saved.

use crate::effects::Dispatch;
use crate::model::Studio;
use crate::state::{Action, Origin, State};
use web::browser;
use yew::prelude::*;

pub fn save_bar(s: &State, studio: &Studio, dispatch: &Dispatch) -> Html {
    let changed = studio.changed();
    let can_save = s.errors.is_empty() && !changed.is_empty() && !s.busy;
    let opened = format!("開いているもの：{}", s.origin.as_ref().map(Origin::label).unwrap_or_default());
    // The 新旧対照表 compares with the content as first opened, saved since or not.
    let can_compare = s.errors.is_empty() && !studio.changed_since_opened().is_empty() && !s.busy;
    let how = match &s.origin {
        Some(Origin::Api(_)) => "保存すると、プレビュー中のフォルダのファイルを書き換えます。",
        Some(Origin::Picked(..)) => "保存すると、開いたフォルダの中の直したファイルを書き換えます。",
        _ => "保存すると、直した内容のフォルダを zip ファイルでダウンロードします。それを展開して content フォルダと置き換えてください。",
    };
    let on_save = dispatch.callback(|_: MouseEvent| Action::Save);
    let on_export = dispatch.callback(|_: MouseEvent| Action::Export { now_ms: browser::now_ms() });
    let on_compare = dispatch.callback(|_: MouseEvent| Action::Compare);
    // Saved in place (a folder chosen read-write, or `site serve`'s): the content can still be
    // handed over as a zip, as it is now (saved or not); 保存 is what does this elsewhere.
    let content_zip = s.origin.as_ref().is_some_and(Origin::saves_in_place).then(|| {
        let on_content_zip = dispatch.callback(|_: MouseEvent| Action::DownloadContent);
        html! { <>{" "}<button type="button" class="button button-secondary" disabled={!s.errors.is_empty()} onclick={on_content_zip}>{"内容を zip で書き出す"}</button></> }
    });
    html! {
        <section class="save-bar" aria-label="保存">
            <p class="hint">{opened}</p>
            <p>{ if changed.is_empty() { "変更はありません。".to_string() } else { format!("保存していない変更：{}", changed.join("、")) } }</p>
            <p class="hint">{how}</p>
            <p class="hint">{"新旧対照表は、開いたときの内容と今の内容（保存したものを含む）を比べて、変わる文章と期限を並べます。"}</p>
            <button type="button" class="button" disabled={!can_save} onclick={on_save}>{"保存"}</button>
            {" "}
            <button type="button" class="button button-secondary" disabled={!can_compare} onclick={on_compare}>{"新旧対照表"}</button>
            {" "}
            <button type="button" class="button button-secondary" disabled={s.busy || !s.errors.is_empty()} onclick={on_export}>{"サイトを書き出す"}</button>
            { content_zip }
        </section>
    }
}
