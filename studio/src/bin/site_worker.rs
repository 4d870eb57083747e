//! The studio's site worker (loaded the first time the page needs the site's code: exporting,
//! and what else `protocol.rs` lists): says [`FromWorker::Ready`](studio::protocol::FromWorker),
//! then answers each question with `work.rs`'s answer (`web::worker::serve`). The site code and
//! the forms' font live only here.

#[cfg(target_arch = "wasm32")]
fn main() {
    use publish::progress::{Phase, Step};
    use studio::protocol::FromWorker;
    let work = std::cell::RefCell::new(studio::work::SiteWork::default());
    web::worker::serve::<studio::protocol::SiteProtocol, _>(move |question, interim| {
        // Told at each phase's start and end, and at most every 100 ms between: the page
        // redraws on each.
        let last: std::sync::Mutex<(f64, Option<Phase>)> = std::sync::Mutex::new((0.0, None));
        let progress = |step: Step| {
            let now = js_sys::Date::now();
            let mut last = last.lock().unwrap();
            if last.1 != Some(step.phase) || step.done == step.total || now - last.0 >= 100.0 {
                *last = (now, Some(step.phase));
                interim.tell(FromWorker::Progress(step));
            }
        };
        std::future::ready(work.borrow_mut().answer(question, &progress))
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The studio's site worker runs in a browser: build it with scripts/build-studio.");
}
