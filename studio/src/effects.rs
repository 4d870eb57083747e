//! Where the studio meets the browser: [`Dispatch`] hands an [`Action`] to the store's reducer
//! (`state.rs`), redraws, then does the [`Effect`]s it returned (asking the site worker,
//! saving, downloading, waiting for typing to stop); what comes back is sent as another action.
//! It also holds what the store cannot: the site worker and the handle of a folder chosen
//! read-write. The views read the state and send actions through it, nothing else.

use crate::browser;
use crate::protocol::{FromWorker, SiteProtocol, ToWorker};
use crate::state::{Action, Effect, Origin, State, QUIET_MS};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web::browser::{download, now_ms, today, window};
use web::worker::Client;
use web_sys::{FileList, HtmlInputElement};
use yew::prelude::*;

/// trunk's loader of the site worker's program, beside the page.
const SITE_WORKER: &str = "site_worker_loader.js";

struct Inner {
    state: Rc<RefCell<State>>,
    redraw: UseForceUpdateHandle,
    /// The site worker, for what needs the site's code; started when first asked, sent the
    /// content as opened first.
    site: RefCell<Client<SiteProtocol>>,
    /// The folder chosen read-write (File System Access API), where a save writes.
    folder: RefCell<Option<JsValue>>,
}

/// The store's one door: cloning shares it.
#[derive(Clone)]
pub struct Dispatch(Rc<Inner>);

impl PartialEq for Dispatch {
    fn eq(&self, other: &Dispatch) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Dispatch {
    pub fn new(state: Rc<RefCell<State>>, redraw: UseForceUpdateHandle) -> Dispatch {
        Dispatch(Rc::new(Inner {
            state,
            redraw,
            site: RefCell::new(Client::new(SITE_WORKER)),
            folder: RefCell::new(None),
        }))
    }

    /// Reduces `action`, redraws, then does what it asks.
    pub fn send(&self, action: Action) {
        let effects = self.0.state.borrow_mut().reduce(action);
        self.0.redraw.force_update();
        for effect in effects {
            self.run(effect);
        }
    }

    /// A callback that sends the action `make` builds from the event.
    pub fn callback<E: 'static>(&self, make: impl Fn(E) -> Action + 'static) -> Callback<E> {
        let dispatch = self.clone();
        Callback::from(move |e: E| dispatch.send(make(e)))
    }

    /// A link's callback: the browser does not follow the link; `action` is sent.
    pub fn link(&self, action: impl Fn() -> Action + 'static) -> Callback<MouseEvent> {
        self.callback(move |e: MouseEvent| {
            e.prevent_default();
            action()
        })
    }

    /// Whether a staff member would lose edits by leaving.
    pub fn unsaved(&self) -> bool {
        let state = self.0.state.try_borrow();
        state.ok().and_then(|s| s.studio.as_ref().map(|studio| !studio.changed().is_empty())) == Some(true)
    }

    /// The control asked to be focused (点検's links), once: taken after the page is drawn.
    pub fn take_focus(&self) -> Option<String> {
        self.0.state.try_borrow_mut().ok().and_then(|mut s| s.focus.take())
    }

    /// A file input's choice, read (a folder with `webkitdirectory`, or a zip), then opened.
    pub fn open_chosen(&self, input: HtmlInputElement, zip: bool) {
        let Some(list) = input.files() else { return };
        self.send(Action::Reading);
        let dispatch = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let (files, origin) = if zip { chosen_zip(list).await } else { chosen_folder(list).await };
            dispatch.send(Action::Read { files, origin, today: today() });
        });
    }

    /// A folder chosen read-write (Edge, Chrome), read, then opened; its handle kept to save.
    pub fn pick_folder(&self) {
        let dispatch = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match browser::pick_folder().await {
                Ok(None) => {}
                Ok(Some((root, files))) => {
                    let names = files.iter().map(|(n, _)| n.clone()).collect();
                    *dispatch.0.folder.borrow_mut() = Some(root);
                    let origin = Origin::Picked(names);
                    dispatch.send(Action::Read { files: Ok(files), origin, today: today() });
                }
                Err(problem) => dispatch.send(Action::Failed(problem)),
            }
        });
    }

    /// Opened from `site serve` (`#key=…`): its content, read through the API.
    pub fn open_from_serve(&self) {
        let Some(key) = browser::api_key() else { return };
        self.send(Action::Reading);
        let dispatch = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let files = browser::api_load(&key).await;
            dispatch.send(Action::Read { files, origin: Origin::Api(key), today: today() });
        });
    }

    fn run(&self, effect: Effect) {
        match effect {
            Effect::NewContent { opened, today } => {
                let client = Client::new(SITE_WORKER).with_first(ToWorker::Open { files: opened, today });
                let old = std::mem::replace(&mut *self.0.site.borrow_mut(), client);
                old.end();
            }
            Effect::Ask { edited, question, asked } => {
                let site = self.0.site.borrow().clone();
                site.tell(ToWorker::Edited { files: edited });
                let (told, answered) = (self.clone(), self.clone());
                site.ask_with_progress(
                    question,
                    move |answer| {
                        if let FromWorker::Progress(step) = answer {
                            told.send(Action::Progress(step));
                        }
                    },
                    move |answer| answered.send(Action::Answered { asked, answer, now_ms: now_ms() }),
                );
            }
            Effect::PreviewAfterQuiet { generation } => {
                let dispatch = self.clone();
                let later = Closure::once_into_js(move || dispatch.send(Action::PreviewDue { generation }));
                let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), QUIET_MS);
            }
            Effect::SaveToApi { key, files, bases, changed, notice } => {
                let dispatch = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = browser::api_save(&key, &files, &bases, &changed).await;
                    dispatch.send(Action::SaveFinished { result, notice });
                });
            }
            Effect::SaveInFolder { writes, notice } => {
                let dispatch = self.clone();
                let root = self.0.folder.borrow().clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match root {
                        Some(root) => {
                            let writes: Vec<browser::FolderWrite> =
                                writes.iter().map(|(p, b, base)| (p.clone(), &b[..], base.as_deref())).collect();
                            browser::write_in_folder(&root, &writes).await
                        }
                        None => Err("フォルダをもう一度選んでください（開いたフォルダが分からなくなりました）".into()),
                    };
                    dispatch.send(Action::SaveFinished { result, notice });
                });
            }
            Effect::Download { name, bytes, mime } => download(&name, &bytes, &mime),
            Effect::CancelWork => {
                let site = self.0.site.borrow().clone();
                site.cancel();
            }
        }
    }
}

/// What a file input's choice was read as: the files by their path, and where they came from.
type Chosen = (Result<Vec<(String, Vec<u8>)>, String>, Origin);

/// A folder chosen with `<input webkitdirectory>`: its files, named after the folder.
async fn chosen_folder(list: FileList) -> Chosen {
    let raw = browser::read_folder(list).await;
    let name = raw.as_ref().ok().and_then(|r| r.first()).map(|(p, _)| p.split('/').next().unwrap_or("").to_string());
    (raw, Origin::Folder(name.unwrap_or_default()))
}

/// A zip chosen with a file input: its bytes, named after the file.
async fn chosen_zip(list: FileList) -> Chosen {
    let raw = browser::read_first(list).await;
    let name = raw.as_ref().map(|(n, _)| n.clone()).unwrap_or_default();
    (raw.map(|r| vec![r]), Origin::Zip(name))
}
