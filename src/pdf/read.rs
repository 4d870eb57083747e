//! Reading back the application file a filled form carries (`application.json`, attached by
//! [`super::filled_forms`]): the one way `site form --read` and the wizard get an application
//! out of a PDF. Parsed with `lopdf`; only what our own forms write is looked for.

use super::ATTACHED_FILE;
use lopdf::{Dictionary, Document, LoadOptions, Object};

/// The most an attached application file may inflate to: far more than any application.
const MAX_ATTACHMENT: usize = 1 << 20;
/// How deep the name tree of embedded files may nest (ours is flat).
const MAX_DEPTH: usize = 8;

/// The application file (format v2, JSON text) attached to a filled form, exactly as it was
/// attached; or, in Japanese, why there is none: not a PDF or a damaged one, or a PDF that
/// carries no application file of onshi (a blank form, another program's PDF). The text is
/// checked to be an application file this code reads ([`crate::application::read_file`]);
/// validating its fields is the caller's ([`crate::application::load`]).
pub fn attached_application(pdf: &[u8]) -> Result<String, String> {
    if !pdf.starts_with(b"%PDF-") {
        return Err("PDF ではありません。onshi で作った 別紙1・別紙2 の PDF を指定してください。".into());
    }
    let options = LoadOptions { max_decompressed_size: Some(MAX_ATTACHMENT * 8), ..LoadOptions::default() };
    let document = Document::load_mem_with_options(pdf, options).map_err(|_| {
        "PDF として読めません（壊れているおそれがあります）。作り直した PDF を指定してください。".to_string()
    })?;
    let missing = || {
        "この PDF には申請ファイルが入っていません。onshi で記入して作った 別紙1・別紙2 の PDF を指定してください（空の用紙や、ほかのソフトで作った PDF には入っていません）。".to_string()
    };
    let bytes = attachment(&document, ATTACHED_FILE).ok_or_else(missing)?;
    let text = String::from_utf8(bytes).map_err(|_| missing())?;
    crate::application::read_file(&text)
        .map_err(|refusal| format!("この PDF に入っている申請ファイルを読めません：{}", refusal.message()))?;
    Ok(text)
}

/// The content of the embedded file named `name`, from the catalog's name tree of embedded files.
fn attachment(document: &Document, name: &str) -> Option<Vec<u8>> {
    let names = document.catalog().ok()?.get_deref(b"Names", document).ok()?.as_dict().ok()?;
    let tree = names.get_deref(b"EmbeddedFiles", document).ok()?.as_dict().ok()?;
    let spec = find(document, tree, name.as_bytes(), 0)?;
    let files = spec.get_deref(b"EF", document).ok()?.as_dict().ok()?;
    let stream =
        files.get_deref(b"UF", document).or_else(|_| files.get_deref(b"F", document)).ok()?.as_stream().ok()?;
    stream.decompressed_content_with_limit(MAX_ATTACHMENT).ok()
}

/// The file specification named `name` in a name tree node (its `Names`, then its `Kids`).
fn find<'a>(document: &'a Document, node: &'a Dictionary, name: &[u8], depth: usize) -> Option<&'a Dictionary> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Ok(pairs) = node.get_deref(b"Names", document).and_then(Object::as_array) {
        for pair in pairs.chunks(2) {
            if let [key, value] = pair {
                if key.as_str().is_ok_and(|k| k == name) {
                    return document.dereference(value).ok()?.1.as_dict().ok();
                }
            }
        }
    }
    let kids = node.get_deref(b"Kids", document).and_then(Object::as_array).ok()?;
    kids.iter().find_map(|kid| find(document, document.dereference(kid).ok()?.1.as_dict().ok()?, name, depth + 1))
}
