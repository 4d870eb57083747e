//! The studio's site worker (loaded the first time the page needs the site's code: exporting,
//! and what else `protocol.rs` lists): says [`FromWorker::Ready`](studio::protocol::FromWorker),
//! then answers each question with `work.rs`'s answer (`web::worker::serve`). The site code and
//! the forms' font live only here.

#[cfg(target_arch = "wasm32")]
fn main() {
    let work = std::cell::RefCell::new(studio::work::SiteWork::default());
    web::worker::serve::<studio::protocol::SiteProtocol, _>(move |question| {
        std::future::ready(work.borrow_mut().answer(question))
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The studio's site worker runs in a browser: build it with scripts/build-studio.");
}
