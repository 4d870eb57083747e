//! The wizard's copy in every bureau's folder: trunk's files, the content the build read, the
//! start-up script moved out of line for the CSP (prepared once per build), and the bureau's id.

use super::output::Bytes;
use super::program::{self, NotReady};
use super::Output;
use onshi::bureaus::Bureau;

/// The PDF worker's files and the forms' font as trunk names them, and the `<meta>` through
/// which the page finds each one that it loads itself.
const HASHED: [(&str, Option<&str>); 7] = [
    ("fonts/NotoSansJP-Regular-subset.ttf", Some("onshi-font")),
    ("pdf_worker.js", None),
    ("pdf_worker_bg.wasm", None),
    // After the two above: it names them, so its bytes (and hash) change with theirs.
    ("pdf_worker_loader.js", Some("onshi-pdf-worker")),
    ("pdf_reader.js", None),
    ("pdf_reader_bg.wasm", None),
    ("pdf_reader_loader.js", Some("onshi-pdf-reader")),
];

/// `dir/name-<hash>.ext` (trunk's own shape: `name-<hash>_bg.wasm`), the hash of `bytes`.
fn hashed_name(path: &str, bytes: &[u8]) -> String {
    use onshi::fnv::{fnv1a, START};
    let hash = fnv1a(START, bytes);
    let (stem, ext) = path.rsplit_once('.').unwrap_or((path, ""));
    match stem.strip_suffix("_bg") {
        Some(stem) => format!("{stem}-{hash:016x}_bg.{ext}"),
        None => format!("{stem}-{hash:016x}.{ext}"),
    }
}

/// The wizard as every bureau's folder carries it, prepared once per build: the content this
/// build read as `content-<hash>.bin` (`Content::to_wire`, named in
/// `<meta name="onshi-content">`; the page's start-up script fetches it beside the program, and
/// a new content is a new name, so no cache serves an old one), the PDF worker's files and the
/// font named by their hash too (so that a server may keep every file but the page and the
/// service worker a year), the service worker's cache named for this version, the policy of
/// site/templates/policy.jinja in its CSP `<meta>` and the start-up scripts in `init.js`
/// ([`program::ready_page`], as for the studio). Paths are relative to the wizard's folder.
pub fn prepare(files: &Output, content_wire: &Bytes, csp: &str) -> Result<Output, NotReady> {
    use onshi::fnv::{fnv1a, START};
    let mut files = files.clone();
    let mut metas: Vec<(&str, String)> = Vec::new();
    let mut renamed: Vec<(&str, String)> = Vec::new();
    for (path, meta) in HASHED {
        let Some(mut bytes) = files.remove(path) else { continue };
        if path.ends_with("_loader.js") {
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            for (from, to) in &renamed {
                text = text.replace(from, to);
            }
            bytes = text.into_bytes().into();
        }
        let name = hashed_name(path, &bytes);
        if let Some(meta) = meta {
            metas.push((meta, name.clone()));
        }
        renamed.push((path, name.clone()));
        files.insert(name, bytes);
    }
    let files = &files;
    let mut out = Output::new();
    // This build's version of the wizard (its files' names carry trunk's hashes) and content:
    // the service worker keeps one cache per version and deletes the others.
    let content_hash = fnv1a(START, content_wire);
    let version = fnv1a(content_hash, files.get("index.html").map(|b| &b[..]).unwrap_or_default());
    let content_file = format!("content-{content_hash:016x}.bin");
    out.insert(content_file.clone(), content_wire.clone());
    for (path, bytes) in files {
        if path == "sw.js" {
            let sw = String::from_utf8_lossy(bytes)
                .replace("const CACHE = 'onshi-wizard';", &format!("const CACHE = 'onshi-wizard-{version:016x}';"));
            out.insert(path.clone(), sw.into_bytes().into());
            continue;
        }
        if path != "index.html" {
            out.insert(path.clone(), bytes.clone());
            continue;
        }
        let mut html = String::from_utf8_lossy(bytes).replace(
            r#"<meta name="onshi-content" content="content.bin">"#,
            &format!(r#"<meta name="onshi-content" content="{content_file}">"#),
        );
        for (meta, name) in &metas {
            let start = format!(r#"<meta name="{meta}" content=""#);
            if let Some(at) = html.find(&start).map(|at| at + start.len()) {
                let end = html[at..].find('"').map_or(at, |e| at + e);
                html.replace_range(at..end, name);
            }
        }
        // The start page is what a visitor sees first: the program's files should not compete
        // with it for the line, so trunk's preload hints go (the start-up script fetches them
        // right after the page anyway).
        while let Some(start) = html.find("<link rel=\"modulepreload\"").or_else(|| html.find("<link rel=\"preload\""))
        {
            let end = html[start..].find('>').map(|e| start + e + 1).unwrap_or(html.len());
            let end = if html[end..].starts_with('\n') { end + 1 } else { end };
            html.replace_range(start..end, "");
        }
        let ready = program::ready_page(&html, csp)?;
        if let Some(init) = ready.init {
            out.insert(program::INIT.into(), init.into_bytes().into());
        }
        out.insert(path.clone(), ready.html.into_bytes().into());
    }
    Ok(out)
}

/// One bureau's copy of the prepared wizard: its files under `<id>/wizard/` (shared, not
/// copied); in its page, its id in `<meta name="onshi-bureau">`, and its name in the title, the
/// header and the link back to its guidance, in the HTML before any script.
pub fn wizard_for(prepared: &Output, bureau: &Bureau) -> Output {
    let (id, name) = (&bureau.id, onshi::markup::escape(&bureau.name));
    prepared
        .iter()
        .map(|(path, bytes)| {
            let bytes = if path == "index.html" {
                String::from_utf8_lossy(bytes)
                    .replace(
                        r#"<meta name="onshi-bureau" content="">"#,
                        &format!(r#"<meta name="onshi-bureau" content="{id}">"#),
                    )
                    .replace(
                        "<title>オンライン資格確認の手続と書類の作成</title>",
                        &format!("<title>オンライン資格確認の手続と書類の作成｜{name}</title>"),
                    )
                    .replace(r#"<p class="bureau">地方厚生（支）局</p>"#, &format!(r#"<p class="bureau">{name}</p>"#))
                    .replace(
                        ">局の案内（手続の流れ・提出期限）に戻る<",
                        &format!(">{name}の案内（手続の流れ・提出期限）に戻る<"),
                    )
                    .into_bytes()
                    .into()
            } else {
                bytes.clone()
            };
            (format!("{id}/wizard/{path}"), bytes)
        })
        .collect()
}
