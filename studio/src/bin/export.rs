//! The studio's export worker (loaded only when the site is exported): says "ready", receives
//! `[today, content zip]`, builds the whole site in memory (`site::publish::build_in_memory`,
//! the same bytes `site build` writes; the site code and the forms' font live only here) and
//! answers the site as a zip, or its problems one a line.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use site::publish::{build_in_memory, Settings, Source};
    use std::collections::BTreeMap;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    fn build(today: &str, zip: &[u8]) -> Result<Vec<u8>, String> {
        let today = onshi::application::parse_date(today).map_err(|e| e.to_string())?;
        let files = site::publish::archive::read_content_zip(zip)?;
        let settings = Settings { today, strict: false, base_url: None, live_reload: false };
        let font = site::embedded::form_font();
        let site = build_in_memory(&Source::memory(files), &settings, &font, None)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
        let site: BTreeMap<String, Vec<u8>> = site.into_iter().map(|(k, v)| (k, v.to_vec())).collect();
        Ok(site::publish::archive::zip_files(&site))
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let handler = {
            let scope = scope.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let message: Array = event.data().unchecked_into();
                let today = message.get(0).as_string().unwrap_or_default();
                let zip = message.get(1).dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
                let _ = match build(&today, &zip) {
                    Ok(bytes) => scope.post_message(&Uint8Array::from(bytes.as_slice())),
                    Err(problems) => scope.post_message(&JsValue::from_str(&problems)),
                };
            })
        };
        scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The studio's export runs in a browser: build it with scripts/build-studio.");
}
