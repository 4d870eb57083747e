//! Mounting an app into the page's `<div id="app">`.

use yew::BaseComponent;

/// The page's `<div id="app">`, where a program renders.
pub fn root() -> web_sys::Element {
    crate::browser::window().document().and_then(|d| d.get_element_by_id("app")).expect("the page has <div id=\"app\">")
}

/// Renders `App` into the page's `<div id="app">`.
pub fn mount<App: BaseComponent<Properties = ()>>() {
    yew::Renderer::<App>::with_root(root()).render();
}
