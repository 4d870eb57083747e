//! The studio's page program: renders the app into `<div id="app">`.

#[cfg(target_arch = "wasm32")]
fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .expect("the page has <div id=\"app\">");
    yew::Renderer::<studio::app::App>::with_root(root).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The studio runs in a browser: build it with scripts/build-studio.");
}
