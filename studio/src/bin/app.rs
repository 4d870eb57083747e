//! The studio's page program: renders the app into `<div id="app">`.

#[cfg(target_arch = "wasm32")]
fn main() {
    web::mount::mount::<studio::app::App>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The studio runs in a browser: build it with scripts/build-studio.");
}
