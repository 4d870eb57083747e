//! The wizard's main thread.
#[cfg(target_arch = "wasm32")]
fn main() {
    // The content first (fetched beside the program), then the program, in `<div id="app">`
    // beside the static start page (which it removes once the user starts).
    wasm_bindgen_futures::spawn_local(async move {
        match wizard::browser::load_content().await {
            Ok(()) => web::mount::mount::<wizard::app::App>(),
            Err(message) => {
                let root = web::mount::root();
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
