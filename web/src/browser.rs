//! The browser around a page: the window, today, the clock, downloads, and what the site build
//! wrote into the page's `<meta>`.

use chrono::NaiveDate;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url, Window};

pub fn window() -> Window {
    web_sys::window().expect("a window")
}

/// Today: the browser's local date; `?today=YYYY-MM-DD` only on this computer
/// ([`crate::address::today_in_address`]).
pub fn today() -> NaiveDate {
    let location = window().location();
    let (host, search) = (location.hostname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Some(d) = crate::address::today_in_address(&host, &search) {
        return d;
    }
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).expect("a date")
}

/// Milliseconds since the page started.
pub fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// What the site build wrote into the page's `<meta name="…">`, if anything.
pub fn page_meta(name: &str) -> Option<String> {
    let meta = window().document()?.query_selector(&format!("meta[name={name}]")).ok()??;
    meta.get_attribute("content").filter(|c| !c.is_empty())
}

/// Offers bytes as a download, without sending them anywhere.
pub fn download(name: &str, bytes: &[u8], mime: &str) {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else { return };
    let document = window().document().expect("document");
    if let Ok(a) = document.create_element("a").map(|e| e.unchecked_into::<HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        a.set_class_name("visually-hidden");
        let _ = document.body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    // The browser has the blob once the download started; a later revoke frees it.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
}
