//! The start page: open a folder (read-write where the browser can), or a zip.

use crate::app::{open, Origin, Shared, State};
use crate::browser;
use web_sys::{FileList, HtmlInputElement};
use yew::prelude::*;

/// What a file input's choice was read as: the files by their path, and where they came from.
type Chosen = (Result<Vec<(String, Vec<u8>)>, String>, Origin);

/// A folder chosen with `<input webkitdirectory>`: its files, named after the folder.
async fn chosen_folder(list: FileList) -> Chosen {
    let raw = browser::read_folder(list).await;
    let name = raw.as_ref().ok().and_then(|r| r.first()).map(|(p, _)| p.split('/').next().unwrap_or("").to_string());
    (raw, Origin::Folder(name.unwrap_or_default()))
}

/// A zip chosen with a file input: its bytes, named after the file.
async fn chosen_zip(list: FileList) -> Chosen {
    let raw = browser::read_first(list).await;
    let name = raw.as_ref().map(|(n, _)| n.clone()).unwrap_or_default();
    (raw.map(|r| vec![r]), Origin::Zip(name))
}

/// A file input's `change`: busy while `read` reads the choice, then it is opened.
fn on_files_chosen<F: std::future::Future<Output = Chosen> + 'static>(
    state: &Shared,
    redraw: &UseForceUpdateHandle,
    read: fn(FileList) -> F,
) -> Callback<Event> {
    let (state, redraw) = (state.clone(), redraw.clone());
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let Some(list) = input.files() else { return };
        let (state, redraw) = (state.clone(), redraw.clone());
        state.borrow_mut().busy = true;
        redraw.force_update();
        wasm_bindgen_futures::spawn_local(async move {
            let (raw, origin) = read(list).await;
            open(&state, raw, origin);
            redraw.force_update();
        });
    })
}

pub fn start_page(s: &State, state: &Shared, redraw: &UseForceUpdateHandle) -> Html {
    let on_folder = on_files_chosen(state, redraw, chosen_folder);
    let on_zip = on_files_chosen(state, redraw, chosen_zip);
    let on_pick = {
        let (state, redraw) = (state.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let (state, redraw) = (state.clone(), redraw.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::pick_folder().await {
                    Ok(None) => {}
                    Ok(Some((root, raw))) => {
                        let names = raw.iter().map(|(n, _)| n.clone()).collect();
                        open(&state, Ok(raw), Origin::Picked(root, names));
                    }
                    Err(e) => state.borrow_mut().problems = vec![e],
                }
                redraw.force_update();
            });
        })
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
