//! The wizard's PDF worker: says "ready", then receives [the content JSON of the page, the
//! application file (JSON text)], fetches the forms' font
//! from its own folder, and replies `{ files: [{ name, bytes }] }` or `{ problems: [text] }`.
//! The PDF code and the 2.3 MB font load only here, when the user asks for the PDFs.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use onshi::application;
    use onshi::content::Content;
    use onshi::pdf::{filled_forms, FormFont};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

    const FONT: &str = "fonts/NotoSansJP-Regular-subset.ttf";

    fn problems(list: Vec<String>) -> JsValue {
        let reply = Object::new();
        let array: Array = list.into_iter().map(|p| JsValue::from_str(&p)).collect();
        let _ = Reflect::set(&reply, &"problems".into(), &array);
        reply.into()
    }

    async fn font(scope: &DedicatedWorkerGlobalScope) -> Result<Vec<u8>, String> {
        let failed = |_| "用紙の字体（フォント）を読み込めませんでした。ページを読み込み直してください。".to_string();
        let response: Response = JsFuture::from(scope.fetch_with_str(FONT)).await.map_err(failed)?.unchecked_into();
        if !response.ok() {
            return Err(failed(JsValue::NULL));
        }
        let buffer = JsFuture::from(response.array_buffer().map_err(failed)?).await.map_err(failed)?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    async fn make(scope: &DedicatedWorkerGlobalScope, content: String, json: String) -> JsValue {
        let content = match Content::from_json(&content) {
            Ok(c) => c,
            Err(e) => return problems(vec![e]),
        };
        let loaded = match application::load(&json, &content) {
            Ok(l) => l,
            Err(p) => return problems(p.iter().map(|p| p.to_string()).collect()),
        };
        let font = match font(scope).await.and_then(FormFont::from_ttf) {
            Ok(f) => f,
            Err(e) => return problems(vec![e]),
        };
        let bureau = content.bureaus.get(&loaded.application.bureau).expect("validated bureau");
        match filled_forms(&loaded.application, bureau, &font) {
            Ok(files) => {
                let list = Array::new();
                for f in files {
                    let item = Object::new();
                    let _ = Reflect::set(&item, &"name".into(), &JsValue::from_str(&f.name));
                    let _ = Reflect::set(&item, &"bytes".into(), &Uint8Array::from(f.bytes.as_slice()));
                    list.push(&item);
                }
                let reply = Object::new();
                let _ = Reflect::set(&reply, &"files".into(), &list);
                reply.into()
            }
            Err(p) => problems(p.iter().map(|p| p.to_string()).collect()),
        }
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let handler = {
            let scope = scope.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data: Array = event.data().unchecked_into();
                let content = data.get(0).as_string().unwrap_or_default();
                let json = data.get(1).as_string().unwrap_or_default();
                let scope = scope.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = make(&scope, content, json).await;
                    let _ = scope.post_message(&reply);
                });
            })
        };
        scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        // Messages that arrive before the handler is set are lost: say when it is.
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The PDF worker runs in a browser: build the wizard with trunk (scripts/run).");
}
