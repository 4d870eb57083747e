//! The start page: open a folder (read-write where the browser can), or a zip.

use crate::browser;
use crate::effects::Dispatch;
use crate::state::State;
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub fn start_page(s: &State, dispatch: &Dispatch) -> Html {
    let chosen = |zip: bool| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| dispatch.open_chosen(e.target_unchecked_into::<HtmlInputElement>(), zip))
    };
    let (on_folder, on_zip) = (chosen(false), chosen(true));
    let on_pick = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.pick_folder())
    };
    let folder = if browser::can_pick_folder() {
        html! {
            <div class="field">
                <p class="label" id="pick-folder-label">{"内容のフォルダを開く"}</p>
                <p class="hint" id="pick-folder-hint">{"content フォルダを選んでください。保存すると、そのフォルダの中の直したファイルだけを書き換えます。"}</p>
                <button type="button" class="button" id="pick-folder" aria-describedby="pick-folder-hint" onclick={on_pick}>{"フォルダを選ぶ"}</button>
            </div>
        }
    } else {
        html! {
            <div class="field">
                <label for="open-folder">{"内容のフォルダを開く"}</label>
                <p class="hint" id="open-folder-hint">{"content フォルダを選んでください。フォルダの中のファイルをすべて読み込みます。保存すると、直した内容を zip ファイルでダウンロードします。"}</p>
                <input id="open-folder" type="file" webkitdirectory=true multiple=true aria-describedby="open-folder-hint" onchange={on_folder} />
            </div>
        }
    };
    html! {
        <>
        <h1>{"編集室"}</h1>
        <p class="lead">{"局ごとの提出期限や事務所の連絡先など、サイトの内容（content フォルダ）を直します。直した内容で期限がどう変わるかを、保存する前に確かめられます。"}</p>
        <p>{"ファイルはこのブラウザーの中で読むだけで、どこにも送信しません。"}</p>
        { if s.busy { html! { <p role="status">{"読み込んでいます…"}</p> } } else { html! {} } }
        { folder }
        <div class="field">
            <label for="open-zip">{"zip ファイルを開く"}</label>
            <p class="hint" id="open-zip-hint">{"content フォルダを圧縮した zip ファイルか、この編集室で保存した zip ファイルを選んでください。"}</p>
            <input id="open-zip" type="file" accept=".zip" aria-describedby="open-zip-hint" onchange={on_zip} />
        </div>
        </>
    }
}
