//! The studio's (編集室) side of `site serve`: the per-run key, who may call /studio/api
//! (the key, the Host, the Origin), the content folder read as JSON and the changed files
//! saved all or nothing. No HTTP here: site/src/serve.rs hands in a request's parts and sends
//! the `Reply` back.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use subtle::ConstantTimeEq as _;

/// The largest body a PUT may carry (20 MB).
pub const MAX_BODY: usize = 20 * 1024 * 1024;

/// The header the studio's page sends the key back in.
pub const KEY_HEADER: &str = "x-onshi-key";

/// The key's length, in characters of [A-Za-z0-9] (about 190 bits).
const KEY_LENGTH: usize = 32;

/// An answer: the status, the media type and the body.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Reply {
    fn json(status: u16, value: &impl Serialize) -> Reply {
        let body = serde_json::to_vec(value).expect("a reply serialises");
        Reply { status, content_type: "application/json; charset=utf-8", body }
    }

    /// `{"error": message}` with `status`.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, &serde_json::json!({ "error": message }))
    }
}

/// One file of the content folder: its name from the root (`content/bureaus/tohoku.toml`)
/// and its text; in a save, also the text the studio last read or saved there (`base`; none
/// for a new file), so that nothing changed meanwhile on disk is overwritten.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub name: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Files {
    files: Vec<File>,
}

/// The studio of one `site serve` run.
pub struct Studio {
    /// The content root (the folder holding content/).
    root: PathBuf,
    port: u16,
    key: String,
    /// One save at a time.
    saving: Mutex<()>,
}

impl Studio {
    /// A studio with a new random key.
    pub fn new(root: PathBuf, port: u16) -> Result<Studio, String> {
        Ok(Studio { root, port, key: new_key()?, saving: Mutex::new(()) })
    }

    /// The studio's address with the key in the fragment (never sent to a server, so never in
    /// a log or a Referer).
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}/studio/#key={}", self.port, self.key)
    }

    /// Whether a request to /studio/api may go on: the key in `X-Onshi-Key`, a `Host` of this
    /// server (a page of another site that rebinds its name to 127.0.0.1 sends its own), and for
    /// a PUT an `Origin` of this server. `header` gives a header's value by its name.
    pub fn authorize<'h>(&self, method: &str, header: impl Fn(&str) -> Option<&'h str>) -> Result<(), Reply> {
        let port = self.port;
        let ours = |value: &str, prefix: &str| {
            [format!("{prefix}127.0.0.1:{port}"), format!("{prefix}localhost:{port}")]
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(value))
        };
        if !header("host").is_some_and(|host| ours(host, "")) {
            return Err(Reply::error(403, "このアドレスからは使えません（Host）。"));
        }
        let key = header(KEY_HEADER).unwrap_or("");
        if !bool::from(key.as_bytes().ct_eq(self.key.as_bytes())) {
            return Err(Reply::error(
                403,
                "編集室の鍵が違います。serve が表示した編集室のアドレスから開いてください。",
            ));
        }
        if method != "GET" && method != "HEAD" && !header("origin").is_some_and(|origin| ours(origin, "http://")) {
            return Err(Reply::error(403, "ほかのページからは保存できません（Origin）。"));
        }
        Ok(())
    }

    /// The answer to an authorised request to /studio/api (`path` from there, `body` read within
    /// `MAX_BODY`).
    pub fn api(&self, method: &str, path: &str, body: &[u8]) -> Reply {
        match (method, path) {
            ("GET" | "HEAD", "/studio/api/content") => match read_content(&self.root) {
                Ok(files) => Reply::json(200, &Files { files }),
                Err(message) => Reply::error(500, &message),
            },
            ("PUT", "/studio/api/content") => {
                let files: Files = match serde_json::from_slice(body) {
                    Ok(files) => files,
                    Err(e) => {
                        return Reply::error(400, &format!("送られた内容を読めません（{e}）。{{\"files\":[{{\"name\":…,\"text\":…}}]}} の形で送ってください。"))
                    }
                };
                let _one_at_a_time = self.saving.lock().unwrap_or_else(|e| e.into_inner());
                match save(&self.root, &files.files) {
                    Ok(saved) => Reply::json(200, &serde_json::json!({ "saved": saved })),
                    Err(e) if e.conflicts.is_empty() => Reply::error(e.status, &e.message),
                    Err(e) => {
                        Reply::json(e.status, &serde_json::json!({ "error": e.message, "conflicts": e.conflicts }))
                    }
                }
            }
            (_, "/studio/api/content") => Reply::error(405, "GET か PUT で送ってください。"),
            _ => Reply::error(404, "そのような API はありません。"),
        }
    }
}

/// `KEY_LENGTH` characters of [A-Za-z0-9] from the system's random source, each equally likely
/// (bytes 248 and above are drawn again: 248 = 4 × 62).
fn new_key() -> Result<String, String> {
    const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut key = String::with_capacity(KEY_LENGTH);
    while key.len() < KEY_LENGTH {
        let mut bytes = [0u8; 64];
        getrandom::fill(&mut bytes).map_err(|e| format!("編集室の鍵を作れません（乱数：{e}）"))?;
        for b in bytes.into_iter().filter(|b| *b < 248) {
            if key.len() < KEY_LENGTH {
                key.push(ALPHABET[usize::from(b % 62)] as char);
            }
        }
    }
    Ok(key)
}

/// Every .toml and .md file under `root/content/`, sorted by name, with its text as on disk
/// ([`onshi::content::read_editable_files`], what the studio's editor opens).
pub fn read_content(root: &Path) -> Result<Vec<File>, String> {
    let files = onshi::content::read_editable_files(root).map_err(|e| e.to_string())?;
    Ok(files.into_iter().map(|f| File { name: f.name, text: f.text, base: None }).collect())
}

/// Why a save changed nothing.
#[derive(Debug, PartialEq, Eq)]
pub struct SaveError {
    pub status: u16,
    pub message: String,
    /// The files changed on disk since the studio read them, as they are now (409).
    pub conflicts: Vec<File>,
}

fn bad(message: String) -> SaveError {
    SaveError { status: 400, message, conflicts: Vec::new() }
}

/// Whether `name` is one the studio may write: `content/…`, relative, with `/` only, no `..`
/// or empty part, no character Windows refuses in a name, ending in .toml or .md.
pub fn check_name(name: &str) -> Result<(), String> {
    let refused = || {
        Err(format!(
            "「{name}」には保存できません。content/ の中の .toml か .md のファイルを、content/ から始まる名前で指定してください。"
        ))
    };
    let Some(rest) = name.strip_prefix("content/") else { return refused() };
    let forbidden = |c: char| c.is_control() || matches!(c, '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
    if name.contains("..") || name.chars().any(forbidden) || !onshi::content::is_editable(name) {
        return refused();
    }
    if rest.split('/').any(|part| part.is_empty() || part == "." || part.starts_with('.')) {
        return refused();
    }
    Ok(())
}

/// Writes `files` under `root`, all or nothing: each to a temporary file beside it first, and
/// only when all are written are they renamed into place; on any failure the temporary files
/// (and the folders made for them) are removed, and files already renamed get their old text
/// back. Returns the names saved.
pub fn save(root: &Path, files: &[File]) -> Result<Vec<String>, SaveError> {
    if files.is_empty() {
        return Err(bad("保存するファイルがありません。".into()));
    }
    for (i, file) in files.iter().enumerate() {
        check_name(&file.name).map_err(bad)?;
        if files[..i].iter().any(|f| f.name == file.name) {
            return Err(bad(format!("「{}」が二度送られました。", file.name)));
        }
    }
    changed_on_disk(root, files)?;
    let content = root.join("content");
    let content_real = content.canonicalize().map_err(|e| bad(format!("content/ がありません（{e}）")))?;
    let mut staged = Staged::default();
    let result = (|| {
        for file in files {
            let target = root.join(&file.name);
            let folder = target.parent().expect("content/…");
            staged.make_folder(folder, &file.name)?;
            // A folder that is a link out of content/ is refused.
            let real = folder.canonicalize().map_err(|e| bad(format!("{}：{e}", file.name)))?;
            if !real.starts_with(&content_real) {
                return Err(bad(format!("「{}」は content/ の外を指しています。", file.name)));
            }
            if target.is_dir() {
                return Err(bad(format!("「{}」はフォルダです。", file.name)));
            }
            staged.write(&target, &file.name, file.text.as_bytes())?;
        }
        staged.rename_all()
    })();
    if let Err(e) = result {
        staged.undo();
        return Err(e);
    }
    Ok(files.iter().map(|f| f.name.clone()).collect())
}

/// A save under way: the folders it made, the temporary files it wrote, and what it renamed.
#[derive(Default)]
struct Staged {
    folders: Vec<PathBuf>,
    /// (temporary file, target, name, the target's old bytes if it was there)
    files: Vec<(PathBuf, PathBuf, String, Option<Vec<u8>>)>,
    renamed: usize,
}

impl Staged {
    fn make_folder(&mut self, folder: &Path, name: &str) -> Result<(), SaveError> {
        let mut missing = Vec::new();
        let mut f = folder;
        while !f.exists() {
            missing.push(f.to_path_buf());
            f = f.parent().expect("under content/");
        }
        for m in missing.into_iter().rev() {
            std::fs::create_dir(&m).map_err(|e| server(format!("{name} のフォルダを作れません（{e}）")))?;
            self.folders.push(m);
        }
        Ok(())
    }

    fn write(&mut self, target: &Path, name: &str, bytes: &[u8]) -> Result<(), SaveError> {
        use std::io::Write as _;
        let old = match std::fs::read(target) {
            Ok(old) => Some(old),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(server(format!("{name} を読めません（{e}）"))),
        };
        let file_name = target.file_name().expect("a file").to_string_lossy();
        let temporary =
            target.with_file_name(format!(".{file_name}.studio-{}-{}.tmp", std::process::id(), self.files.len()));
        self.files.push((temporary.clone(), target.to_path_buf(), name.to_string(), old));
        let mut out =
            std::fs::File::create_new(&temporary).map_err(|e| server(format!("{name} を書けません（{e}）")))?;
        out.write_all(bytes).and_then(|()| out.sync_all()).map_err(|e| server(format!("{name} を書けません（{e}）")))
    }

    fn rename_all(&mut self) -> Result<(), SaveError> {
        for (temporary, target, name, _) in &self.files {
            std::fs::rename(temporary, target).map_err(|e| server(format!("{name} を置き換えられません（{e}）")))?;
            self.renamed += 1;
        }
        Ok(())
    }

    /// Best effort: the renamed files back as they were, the temporary files and new folders gone.
    fn undo(self) {
        for (i, (temporary, target, _, old)) in self.files.iter().enumerate() {
            if i < self.renamed {
                match old {
                    Some(old) => {
                        let _ = std::fs::write(temporary, old).and_then(|()| std::fs::rename(temporary, target));
                    }
                    None => {
                        let _ = std::fs::remove_file(target);
                    }
                }
            }
            let _ = std::fs::remove_file(temporary);
        }
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

fn server(message: String) -> SaveError {
    SaveError { status: 500, message, conflicts: Vec::new() }
}

/// The files of a save whose text on disk is no longer the one the studio read or saved (its
/// `base`; a file without one must not exist yet), as they are on disk now: a colleague's
/// save, or a fix in a text editor, made since. Such a save writes nothing (409).
fn changed_on_disk(root: &Path, files: &[File]) -> Result<(), SaveError> {
    let mut conflicts = Vec::new();
    for file in files {
        let now = match std::fs::read(root.join(&file.name)) {
            Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(server(format!("{} を読めません（{e}）", file.name))),
        };
        if now != file.base {
            conflicts.push(File { name: file.name.clone(), text: now.unwrap_or_default(), base: None });
        }
    }
    if conflicts.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = conflicts.iter().map(|f| f.name.as_str()).collect();
    Err(SaveError { status: 409, message: onshi::content::edit::changed_on_disk(&names), conflicts })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("onshi-studio-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("content/bureaus")).unwrap();
        std::fs::write(dir.join("content/bureaus/tohoku.toml"), "id = \"tohoku\"\n").unwrap();
        dir
    }

    /// A new file (nothing at its name on disk).
    fn file(name: &str, text: &str) -> File {
        File { name: name.into(), text: text.into(), base: None }
    }

    /// A file the studio read as `base`.
    fn over(name: &str, base: &str, text: &str) -> File {
        File { name: name.into(), text: text.into(), base: Some(base.into()) }
    }

    #[test]
    fn a_file_changed_on_disk_since_it_was_read_is_not_overwritten() {
        let root = temp("conflict");
        let tohoku = root.join("content/bureaus/tohoku.toml");
        // Read as `id = "tohoku"`; meanwhile a text editor adds a line.
        std::fs::write(&tohoku, "id = \"tohoku\"\n# 東北厚生局\n").unwrap();
        let files = [
            over("content/bureaus/tohoku.toml", "id = \"tohoku\"\n", "id = \"tohoku\"\nname = \"x\"\n"),
            file("content/pages/a.md", "A"),
        ];
        let e = save(&root, &files).unwrap_err();
        assert_eq!(e.status, 409);
        assert!(e.message.contains("content/bureaus/tohoku.toml"), "{}", e.message);
        assert!(e.message.contains("あなたの変更は編集室に残っています"), "{}", e.message);
        assert_eq!(e.conflicts, [file("content/bureaus/tohoku.toml", "id = \"tohoku\"\n# 東北厚生局\n")]);
        let kept = std::fs::read_to_string(&tohoku).unwrap();
        assert_eq!(kept, "id = \"tohoku\"\n# 東北厚生局\n", "the editor's line kept");
        assert!(!root.join("content/pages/a.md").exists(), "nothing of the save written");
        // A new file that appeared meanwhile is not overwritten either; one read as it is, is.
        std::fs::create_dir_all(root.join("content/pages")).unwrap();
        std::fs::write(root.join("content/pages/a.md"), "B").unwrap();
        assert_eq!(save(&root, &[file("content/pages/a.md", "A")]).unwrap_err().status, 409);
        let saved = save(&root, &[over("content/pages/a.md", "B", "A")]).unwrap();
        assert_eq!(saved, ["content/pages/a.md"]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_key_is_32_letters_and_digits_and_new_each_run() {
        let (a, b) = (new_key().unwrap(), new_key().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()), "{a}");
        assert_ne!(a, b);
    }

    #[test]
    fn names_stay_inside_content() {
        for good in ["content/bureaus/tohoku.toml", "content/pages/faq.md", "content/tohoku/新しい.md"] {
            assert_eq!(check_name(good), Ok(()), "{good}");
        }
        for bad in [
            "content/../x.toml",
            "content/a/../../x.md",
            "/content/x.md",
            "/etc/x.toml",
            "x.toml",
            "content\\x.toml",
            "content/x.txt",
            "content//x.md",
            "content/./x.md",
            "content/.hidden.md",
            "content/C:x.md",
            "content/x.md\0",
            "site/templates/x.md",
        ] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_save_with_one_bad_name_writes_nothing() {
        let root = temp("bad");
        let tohoku = over("content/bureaus/tohoku.toml", "id = \"tohoku\"\n", "x");
        let e = save(&root, &[tohoku, file("content/../x.toml", "y")]).unwrap_err();
        assert_eq!(e.status, 400);
        assert!(e.message.contains("content/../x.toml"), "{}", e.message);
        assert_eq!(std::fs::read_to_string(root.join("content/bureaus/tohoku.toml")).unwrap(), "id = \"tohoku\"\n");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_no_trace() {
        let root = temp("failed");
        // The second file's target is a folder: nothing is renamed, the new folder is removed.
        std::fs::create_dir_all(root.join("content/pages/faq.md")).unwrap();
        let files = [file("content/new/page.md", "新"), file("content/pages/faq.md", "x")];
        let e = save(&root, &files).unwrap_err();
        assert!(e.message.contains("content/pages/faq.md"), "{}", e.message);
        assert!(!root.join("content/new").exists());
        let mut left: Vec<String> = std::fs::read_dir(root.join("content/pages"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, ["faq.md"]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_save_writes_exactly_the_text_and_reads_back_sorted() {
        let root = temp("good");
        let text = "id = \"tohoku\"\r\n# 東北\n";
        let tohoku = over("content/bureaus/tohoku.toml", "id = \"tohoku\"\n", text);
        let saved = save(&root, &[tohoku, file("content/pages/a.md", "A")]).unwrap();
        assert_eq!(saved, ["content/bureaus/tohoku.toml", "content/pages/a.md"]);
        assert_eq!(std::fs::read(root.join("content/bureaus/tohoku.toml")).unwrap(), text.as_bytes());
        std::fs::write(root.join("content/pages/notes.txt"), "not edited").unwrap();
        let files = read_content(&root).unwrap();
        assert_eq!(files, [file("content/bureaus/tohoku.toml", text), file("content/pages/a.md", "A")]);
        std::fs::write(root.join("content/pages/latin1.md"), b"caf\xe9").unwrap();
        let e = read_content(&root).unwrap_err();
        assert!(e.contains("content/pages/latin1.md"), "{e}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn only_this_server_with_the_key_may_call() {
        let studio = Studio::new(PathBuf::from("/nowhere"), 8123).unwrap();
        let key = studio.key.clone();
        let headers = |host: &'static str, key: String, origin: Option<&'static str>| {
            move |name: &str| -> Option<String> {
                match name {
                    "host" => Some(host.to_string()),
                    KEY_HEADER => Some(key.clone()),
                    "origin" => origin.map(str::to_string),
                    _ => None,
                }
            }
        };
        let check = |method: &str, h: &dyn Fn(&str) -> Option<String>| {
            let values: Vec<(String, Option<String>)> =
                ["host", KEY_HEADER, "origin"].iter().map(|n| (n.to_string(), h(n))).collect();
            studio.authorize(method, |n| values.iter().find(|(k, _)| k == n).and_then(|(_, v)| v.as_deref())).is_ok()
        };
        assert!(check("GET", &headers("127.0.0.1:8123", key.clone(), None)));
        assert!(check("GET", &headers("localhost:8123", key.clone(), None)));
        assert!(!check("GET", &headers("evil.example:8123", key.clone(), None)));
        assert!(!check("GET", &headers("127.0.0.1:8123", "x".repeat(32), None)));
        assert!(!check("GET", &headers("127.0.0.1:8123", String::new(), None)));
        assert!(check("PUT", &headers("127.0.0.1:8123", key.clone(), Some("http://localhost:8123"))));
        assert!(!check("PUT", &headers("127.0.0.1:8123", key.clone(), None)));
        assert!(!check("PUT", &headers("127.0.0.1:8123", key.clone(), Some("http://evil.example:8123"))));
        assert!(studio.address().starts_with("http://127.0.0.1:8123/studio/#key="));
    }
}
