//! What the studio asks of the browser beyond `web::browser`: the files chosen (a folder or a
//! zip), a folder opened read-write, and the `site serve` API (`GET/PUT /studio/api/content` with `X-Onshi-Key`).

use js_sys::{Array, Uint8Array};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web::browser::window;
use web_sys::{File, FileList, Request, RequestInit, Response};

async fn bytes_of(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| format!("{} を読めません", file.name()))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The files of a chosen folder (`<input webkitdirectory>`), by their path in it.
pub async fn read_folder(list: FileList) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let path = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
            .ok()
            .and_then(|v| v.as_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| file.name());
        files.push((path, bytes_of(&file).await?));
    }
    Ok(files)
}

/// The bytes of the first chosen file.
pub async fn read_first(list: FileList) -> Result<(String, Vec<u8>), String> {
    let file = list.get(0).ok_or("ファイルが選ばれていません")?;
    Ok((file.name(), bytes_of(&file).await?))
}

/// The key in the page's address (`#key=…`, given by `site serve`; a fragment is never sent).
pub fn api_key() -> Option<String> {
    let hash = window().location().hash().ok()?;
    hash.trim_start_matches('#').split('&').find_map(|kv| kv.strip_prefix("key=")).map(str::to_string)
}

#[derive(serde::Serialize, serde::Deserialize)]
struct ApiFile {
    name: String,
    text: String,
    /// In a save: the text the studio last read or saved (none for a new file); the server
    /// saves nothing if the file on disk is no longer that (409, site/src/studio_api.rs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct ApiFiles {
    files: Vec<ApiFile>,
}

const API: &str = "api/content";

async fn api_call(key: &str, method: &str, body: Option<String>) -> Result<String, String> {
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = &body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = Request::new_with_str_and_init(API, &init).map_err(|_| "要求を作れません".to_string())?;
    let headers = request.headers();
    let _ = headers.set("X-Onshi-Key", key);
    if body.is_some() {
        let _ = headers.set("Content-Type", "application/json");
    }
    let failed =
        |_| "プレビューのサーバー（site serve）につながりません。site serve が動いているか確かめてください".to_string();
    let response: Response =
        JsFuture::from(window().fetch_with_request(&request)).await.map_err(failed)?.unchecked_into();
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?.as_string().unwrap_or_default();
    if !response.ok() {
        let message = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
            .unwrap_or(text);
        return Err(format!("サーバーが受け付けませんでした（{}）：{message}", response.status()));
    }
    Ok(text)
}

/// The content folder from `site serve` (`GET`), by file name.
pub async fn api_load(key: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let text = api_call(key, "GET", None).await?;
    let files: ApiFiles = serde_json::from_str(&text).map_err(|e| format!("サーバーの答えを読めません（{e}）"))?;
    Ok(files.files.into_iter().map(|f| (f.name, f.text.into_bytes())).collect())
}

/// Saves the changed files through `site serve` (`PUT`), each with the text it had when last
/// read or saved (`bases`), so that the server refuses to overwrite a file changed meanwhile.
pub async fn api_save(
    key: &str,
    files: &BTreeMap<String, Vec<u8>>,
    bases: &BTreeMap<String, Vec<u8>>,
    changed: &[String],
) -> Result<(), String> {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let files = ApiFiles {
        files: changed
            .iter()
            .map(|name| ApiFile {
                name: name.clone(),
                text: text(&files[name]),
                base: bases.get(name).map(|b| text(b)),
            })
            .collect(),
    };
    api_call(key, "PUT", Some(serde_json::to_string(&files).expect("JSON"))).await.map(|_| ())
}

#[wasm_bindgen(module = "/js/folder.js")]
extern "C" {
    #[wasm_bindgen(js_name = canPickFolder)]
    fn can_pick_folder_js() -> bool;
    #[wasm_bindgen(js_name = pickFolder, catch)]
    async fn pick_folder_js() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = readFolder, catch)]
    async fn read_folder_js(root: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = writeFiles, catch)]
    async fn write_files_js(root: &JsValue, entries: Array) -> Result<JsValue, JsValue>;
}

/// Whether the browser can open a folder to write back into it (Edge, Chrome).
pub fn can_pick_folder() -> bool {
    can_pick_folder_js()
}

/// A folder chosen read-write and its files, by their path in it (`None`: the choice was
/// cancelled).
pub async fn pick_folder() -> Result<Option<(JsValue, Vec<(String, Vec<u8>)>)>, String> {
    let Ok(root) = pick_folder_js().await else { return Ok(None) };
    let read = read_folder_js(&root).await.map_err(|_| "フォルダを読めませんでした".to_string())?;
    let files = Array::from(&read)
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).dyn_into::<Uint8Array>().ok()?.to_vec()))
        })
        .collect();
    Ok(Some((root, files)))
}

/// A file to write in the folder: its path there, its bytes, and its bytes as last read or
/// saved (none: a new file).
pub type FolderWrite<'a> = (String, &'a [u8], Option<&'a [u8]>);

/// Writes files into the folder chosen, at their paths there, all or none (studio/js/folder.js),
/// and none if one of them is no longer there as last read or saved (its base; none: it must
/// not exist yet): then the message names those files.
pub async fn write_in_folder(root: &JsValue, files: &[FolderWrite<'_>]) -> Result<(), String> {
    let entries: Array = files
        .iter()
        .map(|(path, bytes, base)| {
            let base: JsValue = base.map_or(JsValue::NULL, |b| Uint8Array::from(b).into());
            Array::of3(&path.into(), &Uint8Array::from(*bytes), &base)
        })
        .collect();
    write_files_js(root, entries).await.map(|_| ()).map_err(|e| {
        let changed = js_sys::Reflect::get(&e, &"changed".into()).ok().filter(Array::is_array);
        match changed {
            Some(changed) => {
                let names: Vec<String> = Array::from(&changed).iter().filter_map(|n| n.as_string()).collect();
                onshi::content::edit::changed_on_disk(&names)
            }
            None => "フォルダに書き込めませんでした（フォルダへの書き込みが許可されていないかもしれません）。どのファイルも書き換えていません".to_string(),
        }
    })
}
