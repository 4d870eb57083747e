//! The wizard's main thread.
#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<wizard::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The wizard runs in a browser: build it with trunk (scripts/run).");
}
