//! The messages between the wizard's page and its PDF worker, and how they travel as
//! JavaScript values. Both sides use only this module, so they cannot disagree.
//!
//! The conversation: the worker says [`FromWorker::Ready`] once it listens; the page then
//! sends [`ToWorker::Make`]; the worker answers [`FromWorker::Files`] or
//! [`FromWorker::Problems`].
//!
//! On the wire every message is a plain object whose `type` names it:
//!
//! ```text
//! { type: "ready" }
//! { type: "make", content: Uint8Array, application: string }
//! { type: "files", files: [{ name: string, bytes: Uint8Array }] }
//! { type: "problems", problems: [string] }
//! ```
//!
//! The JavaScript side ([`ToWorker::to_js`], [`FromWorker::from_js`], …) works only in a
//! browser; the rest is plain Rust and tested natively.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToWorker {
    /// Fill the forms: the content the page was built with, as its wire bytes
    /// (`Content::to_wire`; the worker has no page to read it from), and the application file
    /// (JSON text).
    Make { content: Vec<u8>, application: String },
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FromWorker {
    /// The worker listens: messages sent before this one would be lost.
    Ready,
    /// The filled forms.
    Files(Vec<PdfFile>),
    /// Why the forms could not be filled, one sentence each.
    Problems(Vec<String>),
}

/// One filled form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFile {
    /// `request-medical.pdf`, `plan.pdf`, …
    pub name: String,
    pub bytes: Vec<u8>,
}

impl From<Result<Vec<PdfFile>, Vec<String>>> for FromWorker {
    fn from(result: Result<Vec<PdfFile>, Vec<String>>) -> FromWorker {
        match result {
            Ok(files) => FromWorker::Files(files),
            Err(problems) => FromWorker::Problems(problems),
        }
    }
}

/// What a message is: its `type` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Make,
    Ready,
    Files,
    Problems,
}

impl Kind {
    #[cfg(test)]
    const ALL: [Kind; 4] = [Kind::Make, Kind::Ready, Kind::Files, Kind::Problems];

    fn name(self) -> &'static str {
        match self {
            Kind::Make => "make",
            Kind::Ready => "ready",
            Kind::Files => "files",
            Kind::Problems => "problems",
        }
    }

    fn from_name(name: &str) -> Option<Kind> {
        match name {
            "make" => Some(Kind::Make),
            "ready" => Some(Kind::Ready),
            "files" => Some(Kind::Files),
            "problems" => Some(Kind::Problems),
            _ => None,
        }
    }
}

impl ToWorker {
    fn kind(&self) -> Kind {
        match self {
            ToWorker::Make { .. } => Kind::Make,
        }
    }

    /// The message as the worker receives it.
    pub fn to_js(&self) -> JsValue {
        let message = message(self.kind());
        match self {
            ToWorker::Make { content, application } => {
                set(&message, "content", &Uint8Array::from(content.as_slice()));
                set(&message, "application", &JsValue::from_str(application));
            }
        }
        message.into()
    }

    /// The message the page sent, or `None` if it is not one.
    pub fn from_js(value: &JsValue) -> Option<ToWorker> {
        match kind_of(value)? {
            Kind::Make => Some(ToWorker::Make {
                content: get(value, "content").dyn_into::<Uint8Array>().ok()?.to_vec(),
                application: get(value, "application").as_string()?,
            }),
            Kind::Ready | Kind::Files | Kind::Problems => None,
        }
    }
}

impl FromWorker {
    fn kind(&self) -> Kind {
        match self {
            FromWorker::Ready => Kind::Ready,
            FromWorker::Files(_) => Kind::Files,
            FromWorker::Problems(_) => Kind::Problems,
        }
    }

    /// The message as the page receives it; the bytes travel as `Uint8Array`s.
    pub fn to_js(&self) -> JsValue {
        let message = message(self.kind());
        match self {
            FromWorker::Ready => {}
            FromWorker::Files(files) => {
                let list = Array::new();
                for file in files {
                    let item = Object::new();
                    set(&item, "name", &JsValue::from_str(&file.name));
                    set(&item, "bytes", &Uint8Array::from(file.bytes.as_slice()));
                    list.push(&item);
                }
                set(&message, "files", &list);
            }
            FromWorker::Problems(problems) => {
                let list: Array = problems.iter().map(|p| JsValue::from_str(p)).collect();
                set(&message, "problems", &list);
            }
        }
        message.into()
    }

    /// The message the worker sent, or `None` if it is not one.
    pub fn from_js(value: &JsValue) -> Option<FromWorker> {
        match kind_of(value)? {
            Kind::Ready => Some(FromWorker::Ready),
            Kind::Files => {
                let files = array(&get(value, "files"))?
                    .iter()
                    .map(|f| {
                        let name = get(&f, "name").as_string()?;
                        let bytes = get(&f, "bytes").dyn_into::<Uint8Array>().ok()?.to_vec();
                        Some(PdfFile { name, bytes })
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(FromWorker::Files(files))
            }
            Kind::Problems => {
                let problems = array(&get(value, "problems"))?.iter().filter_map(|p| p.as_string()).collect();
                Some(FromWorker::Problems(problems))
            }
            Kind::Make => None,
        }
    }
}

/// A new message object of this kind.
fn message(kind: Kind) -> Object {
    let message = Object::new();
    set(&message, "type", &JsValue::from_str(kind.name()));
    message
}

fn kind_of(value: &JsValue) -> Option<Kind> {
    Kind::from_name(&get(value, "type").as_string()?)
}

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn get(source: &JsValue, key: &str) -> JsValue {
    if !source.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(source, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn array(value: &JsValue) -> Option<Array> {
    Array::is_array(value).then(|| value.clone().unchecked_into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_name(kind.name()), Some(kind));
        }
        let mut names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Kind::ALL.len());
        assert_eq!(Kind::from_name("READY"), None);
        assert_eq!(Kind::from_name(""), None);
    }

    #[test]
    fn each_message_says_what_it_is() {
        let make = ToWorker::Make { content: vec![], application: "{}".into() };
        assert_eq!(make.kind(), Kind::Make);
        assert_eq!(FromWorker::Ready.kind(), Kind::Ready);
        assert_eq!(FromWorker::Files(vec![]).kind(), Kind::Files);
        assert_eq!(FromWorker::Problems(vec![]).kind(), Kind::Problems);
    }

    #[test]
    fn the_outcome_becomes_files_or_problems() {
        let file = PdfFile { name: "plan.pdf".into(), bytes: vec![0x25, 0x50, 0x44, 0x46] };
        assert_eq!(FromWorker::from(Ok(vec![file.clone()])), FromWorker::Files(vec![file]));
        assert_eq!(FromWorker::from(Err(vec!["だめ".to_string()])), FromWorker::Problems(vec!["だめ".into()]));
    }
}
