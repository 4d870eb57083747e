//! The wizard's main thread.
#[cfg(target_arch = "wasm32")]
fn main() {
    // The program renders into its own element, beside the static start page (which it
    // removes once the user starts).
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .expect("the page has <div id=\"app\">");
    // The content first (fetched beside the program), then the program.
    wasm_bindgen_futures::spawn_local(async move {
        match wizard::browser::load_content().await {
            Ok(()) => {
                yew::Renderer::<wizard::app::App>::with_root(root).render();
            }
            Err(message) => {
                root.set_class_name("error-message");
                root.set_attribute("role", "alert").ok();
                root.set_text_content(Some(&message));
            }
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The wizard runs in a browser: build it with trunk (scripts/run).");
}
