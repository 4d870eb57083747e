//! Zips in and out: the content folder as staff send it (the studio's 「zip ファイルを開く」,
//! `site diff`'s inputs) read with every name and size checked before anything is read, and a
//! set of files (the content, the exported site) written as a zip.
//!
//! A zip is refused as a whole, with one Japanese sentence saying why: a name that climbs out
//! (`../`) or starts at the top of a disk, a name that is not UTF-8, an entry over
//! [`MAX_ENTRY`] or a total over [`MAX_TOTAL`] (counted as read, not as the zip claims), or no
//! `content/` folder.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

/// The largest file a zip may hold.
pub const MAX_ENTRY: u64 = 50 * 1024 * 1024;
/// The most a zip may hold in all.
pub const MAX_TOTAL: u64 = 200 * 1024 * 1024;

/// The folders of a content root a zip may carry: the content, and a bureau's own templates and
/// static files.
const ROOT_FOLDERS: [&str; 3] = ["content/", "site/templates/", "site/static/"];
/// Files the content folder holds directly, when the zip's top is the folder's inside.
const CONTENT_TOP: [&str; 3] = ["calendar.toml", "notice.toml", "bureaus/"];

/// The files of a zip of a content folder, by their path under the content root (`content/…`).
/// The zip's top may be `content/` (or a folder holding `content/`, as when the repository is
/// zipped) or the content folder's inside (`calendar.toml`, `bureaus/`, …).
pub fn read_content_zip(bytes: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("zip ファイルとして読めません（{e}）。zip で保存し直してください。"))?;
    // First every name and declared size, before any file's bytes are read.
    let mut names = Vec::new();
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| format!("zip の {} 番目の項目が読めません（{e}）", i + 1))?;
        let name = std::str::from_utf8(entry.name_raw())
            .map_err(|_| {
                format!(
                    "zip の {} 番目の項目の名前が UTF-8 ではありません（{}）。名前を英数字にするか、UTF-8 の名前で zip を作り直してください。",
                    i + 1,
                    String::from_utf8_lossy(entry.name_raw())
                )
            })?
            .to_string();
        refuse_unsafe_name(&name)?;
        if entry.size() > MAX_ENTRY {
            return Err(too_large(&name));
        }
        declared = declared.saturating_add(entry.size());
        if declared > MAX_TOTAL {
            return Err(too_large_in_all());
        }
        if !entry.is_dir() && !ignored(&name) {
            names.push((i, name));
        }
    }
    let top = content_top(names.iter().map(|(_, n)| n.as_str()))?;
    let mut files = BTreeMap::new();
    let mut total = 0u64;
    for (i, name) in names {
        let Some(path) = under_root(&name, &top) else { continue };
        let entry = zip.by_index(i).map_err(|e| format!("zip の「{name}」が読めません（{e}）"))?;
        // The sizes a zip declares may lie: read at most one byte past the limit.
        let mut bytes = Vec::new();
        entry
            .take(MAX_ENTRY + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("zip の「{name}」が読めません（{e}）"))?;
        if bytes.len() as u64 > MAX_ENTRY {
            return Err(too_large(&name));
        }
        total += bytes.len() as u64;
        if total > MAX_TOTAL {
            return Err(too_large_in_all());
        }
        files.insert(path, bytes);
    }
    Ok(files)
}

fn too_large(name: &str) -> String {
    format!(
        "zip の「{name}」が大きすぎます（1ファイル {} MB まで）。内容のフォルダだけを zip にしてください。",
        MAX_ENTRY >> 20
    )
}

fn too_large_in_all() -> String {
    format!("zip の中身が大きすぎます（合計 {} MB まで）。内容のフォルダだけを zip にしてください。", MAX_TOTAL >> 20)
}

/// Refuses a name that would leave the folder it is read into.
fn refuse_unsafe_name(name: &str) -> Result<(), String> {
    let absolute =
        name.starts_with('/') || name.starts_with('\\') || name.as_bytes().get(1) == Some(&b':') || name.contains('\0');
    let climbs = name.split(['/', '\\']).any(|part| part == "..");
    if absolute || climbs {
        return Err(format!(
            "zip に、フォルダの外を指す名前「{name}」があります。この zip は読みません。内容のフォルダを zip にし直してください。"
        ));
    }
    Ok(())
}

/// What archivers add that is not content (macOS's resource forks and folder settings).
fn ignored(name: &str) -> bool {
    name.starts_with("__MACOSX/") || name.rsplit('/').next().is_some_and(|n| n == ".DS_Store" || n == "Thumbs.db")
}

/// Where a zip's content root is.
enum Top {
    /// The zip's top is the root (`content/…`).
    Root,
    /// The zip's top is the content folder's inside (`calendar.toml`, `bureaus/…`).
    ContentInside,
    /// One folder (`onshi/`) holds the root.
    Around(String),
}

/// Finds the content root among the zip's names.
fn content_top<'a>(mut names: impl Iterator<Item = &'a str> + Clone) -> Result<Top, String> {
    if names.clone().any(|n| n.starts_with("content/")) {
        return Ok(Top::Root);
    }
    if names.clone().any(|n| CONTENT_TOP.iter().any(|top| n == *top || n.starts_with(top))) {
        return Ok(Top::ContentInside);
    }
    // One folder around everything: look inside it.
    if let Some(first) = names.clone().next().and_then(|n| n.split_once('/')).map(|(top, _)| format!("{top}/")) {
        if names.clone().all(|n| n.starts_with(&first)) && names.any(|n| n[first.len()..].starts_with("content/")) {
            return Ok(Top::Around(first));
        }
    }
    Err("zip に content フォルダがありません。内容のフォルダ（content）を zip にしてください。".into())
}

/// A name of the zip as a path under the content root, or `None` for a file outside the folders
/// a content root has.
fn under_root(name: &str, top: &Top) -> Option<String> {
    let path = match top {
        Top::Root => name.to_string(),
        Top::ContentInside => format!("content/{name}"),
        Top::Around(folder) => name.strip_prefix(folder.as_str())?.to_string(),
    };
    ROOT_FOLDERS.iter().any(|f| path.starts_with(f)).then_some(path)
}

/// A zip of `files` (path → bytes), in path order, deflated (but what is compressed already),
/// with no timestamps: the same files give the same bytes.
pub fn zip_files<B: AsRef<[u8]>>(files: &BTreeMap<String, B>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(false);
    // What is compressed already (the copies for servers, the PDFs) is stored as it is:
    // deflating it again takes time and gains nothing.
    let stored = deflated.compression_method(zip::CompressionMethod::Stored);
    for (path, bytes) in files {
        let compressed = [".br", ".gz", ".pdf", ".zip", ".png"].iter().any(|ext| path.ends_with(ext));
        zip.start_file(path.as_str(), if compressed { stored } else { deflated }).expect("a file in a zip in memory");
        zip.write_all(bytes.as_ref()).expect("writing to memory");
    }
    zip.finish().expect("a zip in memory").into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        zip_files(&entries.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect())
    }

    #[test]
    fn the_top_may_be_content_a_folder_around_it_or_its_inside() {
        let expected: BTreeMap<String, Vec<u8>> =
            [("content/calendar.toml".to_string(), b"a".to_vec()), ("content/bureaus/x.toml".into(), b"b".to_vec())]
                .into();
        for zip in [
            zip_of(&[("content/calendar.toml", b"a"), ("content/bureaus/x.toml", b"b")]),
            zip_of(&[("onshi-main/content/calendar.toml", b"a"), ("onshi-main/content/bureaus/x.toml", b"b")]),
            zip_of(&[("calendar.toml", b"a"), ("bureaus/x.toml", b"b"), ("__MACOSX/._calendar.toml", b"x")]),
        ] {
            assert_eq!(read_content_zip(&zip).unwrap(), expected);
        }
        // A zip of the whole repository keeps the bureau's templates and drops the rest.
        let repo = zip_of(&[("content/notice.toml", b"n"), ("site/templates/page.html", b"p"), ("src/lib.rs", b"r")]);
        let files = read_content_zip(&repo).unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["content/notice.toml", "site/templates/page.html"]);
    }

    #[test]
    fn unsafe_names_are_refused_before_anything_is_read() {
        for name in
            ["../content/calendar.toml", "content/../../etc/passwd", "/etc/passwd", "C:/x.toml", "content\\..\\x"]
        {
            let zip = zip_of(&[("content/calendar.toml", b"a"), (name, b"b")]);
            let message = read_content_zip(&zip).unwrap_err();
            assert!(message.contains("フォルダの外") && message.contains(name), "{name}: {message}");
        }
    }

    #[test]
    fn a_zip_without_content_or_not_a_zip_is_refused_with_a_reason() {
        let message = read_content_zip(&zip_of(&[("a/readme.txt", b"a"), ("b/x.md", b"b")])).unwrap_err();
        assert!(message.contains("content フォルダがありません"), "{message}");
        let message = read_content_zip(b"PK not really").unwrap_err();
        assert!(message.contains("zip ファイルとして読めません"), "{message}");
    }

    #[test]
    fn a_name_that_is_not_utf8_is_refused() {
        // Shift_JIS 「期限」, as an old Windows archiver writes it.
        let mut zip = zip_of(&[("content/calendar.toml", b"a"), ("content/XXXX.md", b"b")]);
        let at: Vec<usize> = zip.windows(4).enumerate().filter(|(_, w)| w == b"XXXX").map(|(i, _)| i).collect();
        assert_eq!(at.len(), 2, "the local header and the central directory");
        for i in at {
            zip[i..i + 4].copy_from_slice(&[0x8a, 0xfa, 0x8c, 0xc0]);
        }
        let message = read_content_zip(&zip).unwrap_err();
        assert!(message.contains("UTF-8 ではありません"), "{message}");
    }

    #[test]
    fn sizes_over_the_limits_are_refused() {
        // 51 MB of zeros compresses to little: the limit is on the files, not on the zip.
        let big = vec![0u8; (MAX_ENTRY + 1) as usize];
        let zip = zip_of(&[("content/calendar.toml", b"a"), ("content/pages/big.md", &big)]);
        assert!(zip.len() < 1 << 20, "small on the wire: {}", zip.len());
        let message = read_content_zip(&zip).unwrap_err();
        assert!(message.contains("big.md") && message.contains("大きすぎます"), "{message}");
        // Five files of 45 MB: each allowed, 225 MB in all is not.
        let part = vec![0u8; 45 << 20];
        let names: Vec<String> = (0..5).map(|i| format!("content/pages/p{i}.md")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &part[..])).collect();
        let message = read_content_zip(&zip_of(&entries)).unwrap_err();
        assert!(message.contains("合計"), "{message}");
    }

    #[test]
    fn the_same_files_give_the_same_zip() {
        let files: BTreeMap<String, Vec<u8>> =
            [("b.txt".to_string(), b"2".to_vec()), ("a.txt".into(), b"1".to_vec())].into();
        assert_eq!(zip_files(&files), zip_files(&files.clone()));
        let read = zip::ZipArchive::new(Cursor::new(zip_files(&files))).unwrap();
        let names: Vec<String> = read.file_names().map(|n| n.unwrap().into_owned()).collect();
        assert_eq!(names, ["a.txt", "b.txt"]);
    }
}
